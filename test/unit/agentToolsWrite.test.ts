// The tool catalogue's writes (issue 18) over real HTTP against the fake Support API: the exact confirmation text,
// the one write path (an identical second call sends nothing), the contact e-mail rule, names instead of ids, and
// downloads that never leave a half-written file or replace one.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { createToolCatalogue } from '../../src/tools/catalogue';
import { TOOL_NAMES } from '../../src/tools/specs';
import type { AgentTool, Preparation, ToolCatalogue, ToolResultJson } from '../../src/tools/types';
import { formatSize } from '../../src/util/format';
import { isTemporaryDownloadName } from '../../src/util/saveStream';
import { useFakeApi } from './support/fixture';
import { confirmation, writeHost, type TestHost } from './support/toolHost';

const CASE = '07800001';
const CONTACT = 'dana@example.com';


function refused(prep: Preparation): ToolResultJson {
  assert.strictEqual(prep.kind, 'refused');
  return prep.kind === 'refused' ? prep.output.json : ({} as ToolResultJson);
}

describe('agent tools: writes through the one write path', function () {
  const f = useFakeApi();
  let host: TestHost;
  let catalogue: ToolCatalogue;
  const tool = (name: string): AgentTool => catalogue.get(name)!;
  const writesSent = (): number => f.fake.control.requests().filter((r) => ['addNote', 'createCase', 'closeCase'].includes(r.target)).length;

  beforeEach(() => {
    ({ host, catalogue } = writeHost(f.fake, CASE, CONTACT));
  });
  afterEach(() => host.dispose());

  it('add note: confirms the case, account, contact, subject, full text and file names and sizes, then sends once', async () => {
    fs.mkdirSync(path.join(host.workspace, 'logs'));
    fs.writeFileSync(path.join(host.workspace, 'logs', 'trace.log'), 'trace line\n'.repeat(300));
    const input = { caseNumber: CASE, subject: 'Trace attached', description: 'Here is the trace.\nSecond line of the note.', files: ['logs/trace.log'] };
    const text = confirmation(await tool(TOOL_NAMES.addNote).describeWrite(input));
    assert.strictEqual(text.title, `Add a note to case ${CASE}?`);
    assert.strictEqual(
      text.message,
      [
        `Case: ${CASE}`,
        'Account: Globex',
        `Contact e-mail: ${CONTACT}`,
        'Subject: Trace attached',
        'Text:',
        'Here is the trace.\nSecond line of the note.',
        'Files (1):',
        `- trace.log (${formatSize(3300)}), ${path.join(host.workspace, 'logs', 'trace.log')}`,
        'This is sent to Axway Support as shown. Notes cannot be edited or deleted afterwards.'
      ].join('\n')
    );
    assert.strictEqual(writesSent(), 0, 'preparing the confirmation sends nothing');
    const first = await tool(TOOL_NAMES.addNote).invoke(input);
    assert.strictEqual(first.json.ok, true, first.text);
    const notes = f.fake.control.getCase(CASE)?.notes ?? [];
    assert.strictEqual(notes.length, 1);
    assert.strictEqual(notes[0].description, 'Here is the trace.\nSecond line of the note.');
    assert.deepStrictEqual(notes[0].noteAttachments?.map((a) => a.name), ['trace.log']);
    const body = f.fake.control.requests('addNote')[0].body;
    assert.match(body, new RegExp(`"contact":"${CONTACT}"`));
    // The same call again (a retry, a second invocation): found as sent, not sent again.
    const second = await tool(TOOL_NAMES.addNote).invoke(input);
    assert.strictEqual(second.json.ok, true);
    assert.strictEqual((second.json.data as { outcome: string }).outcome, 'earlier');
    assert.match(second.summary, /not sent again/);
    assert.strictEqual(f.fake.control.getCase(CASE)?.notes?.length, 1);
    assert.strictEqual(f.fake.control.requests('addNote').length, 1);
  });

  it('add note: two identical calls at once send one note; a lost answer is looked up, not sent again', async () => {
    const input = { caseNumber: CASE, subject: 'Twice at once', description: 'Only once please.' };
    f.fake.control.addFault({ target: 'addNote', kind: 'delay', delayMs: 150 });
    const both = await Promise.all([tool(TOOL_NAMES.addNote).invoke(input), tool(TOOL_NAMES.addNote).invoke(input)]);
    assert.deepStrictEqual(both.map((o) => o.json.ok).sort(), [false, true]);
    assert.deepStrictEqual(both.map((o) => o.json.error?.code).filter(Boolean), ['busy']);
    assert.strictEqual(f.fake.control.getCase(CASE)?.notes?.length, 1);
    f.fake.control.clearFaults();
    f.fake.control.addFault({ target: 'addNote', kind: 'dropAfterStore', times: 1 });
    const lost = await tool(TOOL_NAMES.addNote).invoke({ caseNumber: CASE, subject: 'Lost answer', description: 'Stored, answer dropped.' });
    assert.strictEqual(lost.json.ok, true, lost.text);
    assert.strictEqual((lost.json.data as { outcome: string }).outcome, 'found');
    assert.strictEqual(f.fake.control.getCase(CASE)?.notes?.filter((n) => n.subject === 'Lost answer').length, 1);
  });

  it('add note: a confirmation that no longer matches what would be sent (the contact changed) sends nothing', async () => {
    const input = { caseNumber: CASE, subject: 'Changed', description: 'Contact changes after the confirmation.' };
    const shown = confirmation(await tool(TOOL_NAMES.addNote).describeWrite(input));
    host.contacts.set('acct-main', 'someone.else@example.com');
    const out = await tool(TOOL_NAMES.addNote).invoke(input, undefined, shown);
    assert.strictEqual(out.json.error?.code, 'confirmationChanged');
    assert.strictEqual(f.fake.control.requests('addNote').length, 0);
    const now = confirmation(await tool(TOOL_NAMES.addNote).describeWrite(input));
    assert.strictEqual((await tool(TOOL_NAMES.addNote).invoke(input, undefined, now)).json.ok, true);
    assert.strictEqual(f.fake.control.requests('addNote').length, 1);
  });

  it('add note: without a stored contact e-mail it says how to set one and sends nothing', async () => {
    host.contacts.clear();
    const input = { caseNumber: CASE, subject: 'Hello', description: 'World' };
    const json = refused(await tool(TOOL_NAMES.addNote).describeWrite(input));
    assert.strictEqual(json.error?.code, 'noContactEmail');
    assert.match(json.error?.message ?? '', /Axway Support: Set Contact E-mail/);
    assert.strictEqual((await tool(TOOL_NAMES.addNote).invoke(input)).json.error?.code, 'noContactEmail');
    assert.strictEqual(f.fake.control.requests().length, 0);
  });

  it('add note: only workspace files, none empty or over 20 MB, at most five', async () => {
    const outside = path.join(path.dirname(host.workspace), `outside-${path.basename(host.workspace)}.log`);
    fs.writeFileSync(outside, 'secret');
    fs.symlinkSync(outside, path.join(host.workspace, 'link.log'));
    fs.writeFileSync(path.join(host.workspace, 'empty.log'), '');
    const big = path.join(host.workspace, 'big.bin');
    fs.writeFileSync(big, '');
    fs.truncateSync(big, 20 * 1024 * 1024 + 1);
    try {
      const note = (files: string[]): Promise<Preparation> => tool(TOOL_NAMES.addNote).describeWrite({ caseNumber: CASE, subject: 's', description: 'd', files });
      assert.match(refused(await note([outside])).error?.message ?? '', /not inside an open workspace folder/);
      assert.match(refused(await note(['link.log'])).error?.message ?? '', /not inside an open workspace folder/);
      assert.match(refused(await note(['empty.log'])).error?.message ?? '', /empty/);
      assert.match(refused(await note(['big.bin'])).error?.message ?? '', /at most 20 MB/);
      assert.match(refused(await note(['missing.log'])).error?.message ?? '', /not found/);
      assert.strictEqual(refused(await note(['a', 'b', 'c', 'd', 'e', 'f'])).error?.code, 'invalidInput');
      assert.strictEqual(f.fake.control.requests().length, 0);
    } finally {
      fs.rmSync(outside, { force: true });
    }
  });

  it('create case: names instead of ids, a wrong name answers with the valid ones, and as many requests as the form', async () => {
    const base = { subject: 'Gateway 7.7 crashes on start', description: 'It crashes.', impact: '3 - Medium', urgency: '2 - Medium', environment: 'Production' };
    const wrong = refused(await tool(TOOL_NAMES.createCase).describeWrite({ ...base, product: 'Gateway', version: 'x', operatingSystem: 'y', supportAccessCode: 'GLBX-40217' }));
    assert.strictEqual(wrong.error?.code, 'unknownName');
    assert.deepStrictEqual(wrong.error?.choices, ['API Gateway', 'API Manager', 'Amplify Integration', 'Amplify Engage', 'Decision Insight']);
    const noSac = refused(await tool(TOOL_NAMES.createCase).describeWrite({ ...base, product: 'API Gateway', version: '7.7.0.20250228', operatingSystem: 'Linux x86-64' }));
    assert.strictEqual(noSac.error?.code, 'unknownName');
    assert.ok(noSac.error?.choices?.includes('GLBX-40217 (Globex Financial Services)'));
    const badVersion = refused(await tool(TOOL_NAMES.createCase).describeWrite({ ...base, product: 'api gateway', version: '9', operatingSystem: 'Linux x86-64', supportAccessCode: 'GLBX-40217' }));
    assert.deepStrictEqual(badVersion.error?.choices, ['7.7.0.20240830', '7.7.0.20250228', '7.7.0.20250830']);
    // A fresh catalogue (a new window) keeps no lists: the confirmation and the call count from nothing.
    catalogue = createToolCatalogue(host);
    f.fake.control.clearRequests();
    const input = { ...base, product: 'API Gateway', version: '7.7.0.20250228', operatingSystem: 'Linux x86-64', supportAccessCode: 'GLBX-40217' };
    const text = confirmation(await tool(TOOL_NAMES.createCase).describeWrite(input));
    assert.match(text.message, /^Account: Globex\nSupport access code: GLBX-40217 \(Globex Financial Services\)\nContact e-mail: dana@example.com\nType: Support Case\nProduct: API Gateway\nVersion: 7.7.0.20250228\nOperating system: Linux x86-64\nImpact: 3 - Medium\nUrgency: 2 - Medium\nEnvironment: Production\nSubject: Gateway 7.7 crashes on start\nDescription:\nIt crashes.\n/);
    const created = await tool(TOOL_NAMES.createCase).invoke(input);
    assert.strictEqual(created.json.ok, true, created.text);
    const number = (created.json.data as { caseNumber: string }).caseNumber;
    const stored = f.fake.control.getCase(number);
    assert.strictEqual(stored?.product.id, 'a0P5J000000APIGW');
    assert.strictEqual(stored?.product.version.id, 'a0V5J0000GW002');
    assert.strictEqual(stored?.product.os.id, 'a0O5J000001LnxAAE');
    assert.strictEqual(stored?.contact.email, CONTACT);
    // Confirmation plus call: GET /account and GET /product once each (kept between the two), one POST /case.
    const targets = f.fake.control.requests().filter((r) => r.target !== 'token').map((r) => r.target);
    assert.deepStrictEqual(targets, ['accounts', 'products', 'createCase']);
    const again = await tool(TOOL_NAMES.createCase).invoke(input);
    assert.strictEqual((again.json.data as { outcome: string; caseNumber: string }).outcome, 'earlier');
    assert.strictEqual((again.json.data as { caseNumber: string }).caseNumber, number);
    assert.strictEqual(f.fake.control.listAll().filter((c) => c.subject === base.subject).length, 1);
  });

  it('close case: confirms the closing note, reads the case first as the UI does, and never closes twice', async () => {
    const input = { caseNumber: CASE, subject: 'Please close this case', description: 'Solved by the patch.' };
    const text = confirmation(await tool(TOOL_NAMES.closeCase).describeWrite(input));
    assert.strictEqual(text.title, `Close case ${CASE}?`);
    assert.strictEqual(
      text.message,
      `Case: ${CASE}\nAccount: Globex\nContact e-mail: ${CONTACT}\nSubject: Please close this case\nText:\nSolved by the patch.\nAxway Support closes the case with this note. A closed case cannot be reopened from VS Code.`
    );
    f.fake.control.clearRequests();
    const closed = await tool(TOOL_NAMES.closeCase).invoke(input);
    assert.strictEqual(closed.json.ok, true, closed.text);
    assert.strictEqual(f.fake.control.getCase(CASE)?.status, 'Closed');
    assert.deepStrictEqual(f.fake.control.requests().filter((r) => r.target !== 'token').map((r) => r.target), ['getCase', 'closeCase']);
    const again = await tool(TOOL_NAMES.closeCase).invoke(input);
    assert.strictEqual((again.json.data as { outcome: string }).outcome, 'alreadyClosed');
    assert.strictEqual(f.fake.control.requests('closeCase').length, 1);
  });

  it('download: into a workspace folder, never replacing a file, never outside the workspace, never half-written', async () => {
    fs.writeFileSync(path.join(host.workspace, 'payload.bin'), Buffer.from([1, 2, 3, 4, 5, 6, 7, 8]));
    const sent = await tool(TOOL_NAMES.addNote).invoke({ caseNumber: CASE, subject: 'Payload', description: 'Bytes.', files: ['payload.bin'] });
    assert.strictEqual(sent.json.ok, true, sent.text);
    const attachmentId = f.fake.control.getCase(CASE)?.notes?.[0].noteAttachments?.[0].id ?? '';
    const input = { caseNumber: CASE, attachmentId, folder: 'downloads' };
    const text = confirmation(await tool(TOOL_NAMES.downloadAttachment).describeWrite(input));
    assert.strictEqual(text.message.split('\n')[3], `Into folder: ${path.join(host.workspace, 'downloads')}`);
    const first = await tool(TOOL_NAMES.downloadAttachment).invoke(input);
    assert.strictEqual(first.json.ok, true, first.text);
    const target = (first.json.data as { path: string }).path;
    assert.strictEqual(target, path.join(host.workspace, 'downloads', 'payload.bin'));
    assert.deepStrictEqual([...fs.readFileSync(target)], [1, 2, 3, 4, 5, 6, 7, 8]);
    const second = await tool(TOOL_NAMES.downloadAttachment).invoke(input);
    assert.strictEqual((second.json.data as { path: string }).path, path.join(host.workspace, 'downloads', 'payload (2).bin'));
    assert.deepStrictEqual([...fs.readFileSync(target)], [1, 2, 3, 4, 5, 6, 7, 8], 'the first file is untouched');
    f.fake.control.addFault({ target: 'attachment', kind: 'shortBody', fraction: 0.5 });
    const cut = await tool(TOOL_NAMES.downloadAttachment).invoke(input);
    assert.strictEqual(cut.json.ok, false);
    assert.deepStrictEqual(fs.readdirSync(path.join(host.workspace, 'downloads')).sort(), ['payload (2).bin', 'payload.bin']);
    assert.ok(!fs.readdirSync(path.join(host.workspace, 'downloads')).some(isTemporaryDownloadName));
    assert.match(refused(await tool(TOOL_NAMES.downloadAttachment).describeWrite({ ...input, folder: '../elsewhere' })).error?.message ?? '', /not inside an open workspace folder/);
  });
});
