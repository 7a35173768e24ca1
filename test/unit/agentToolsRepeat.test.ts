// Sending the same agent write again, on purpose (issue 18, src/tools/repeats.ts), over real HTTP against the fake
// Support API: an identical call that already went answers when it was sent and its sentId, and sends nothing; a
// call with repeatOf = that sentId asks the person with a text that says it repeats, then sends exactly once; a retry
// of that repeat sends nothing; a repeatOf that names no send is refused. Calls run as a front door runs them:
// describeWrite, then invoke with the confirmation the person saw.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as l10n from '@vscode/l10n';
import fc from 'fast-check';
import { FileWriteLedger } from '../../src/cases/writeLedger';
import { useTranslations } from '../../src/util/translations';
import { sentTime } from '../../src/tools/repeats';
import { TOOL_NAMES } from '../../src/tools/specs';
import type { AgentTool, Preparation, ToolCatalogue, ToolOutput, ToolResultJson } from '../../src/tools/types';
import { useFakeApi } from './support/fixture';
import { confirmation, writeHost, type TestHost } from './support/toolHost';

const CASE = '07800011';
const CONTACT = 'dana@example.com';

interface Sent {
  readonly outcome?: string;
  readonly sentAt?: string;
  readonly sentId?: string;
  readonly timesSent?: number;
  readonly caseNumber?: string | null;
  readonly status?: string;
}

const dataOf = (json: ToolResultJson): Sent => (json.data ?? {}) as Sent;

describe('agent tools: sending the same write again on purpose', function () {
  this.timeout(20_000);
  const f = useFakeApi();
  let host: TestHost;
  let catalogue: ToolCatalogue;
  const tool = (name: string): AgentTool => catalogue.get(name)!;
  const requests = (target: 'addNote' | 'createCase' | 'closeCase'): number => f.fake.control.requests(target).length;

  /** As a front door does it: the confirmation (or the answer without one), then the call with what was confirmed. */
  const call = async (name: string, input: object): Promise<{ readonly prep: Preparation; readonly out: ToolOutput }> => {
    const prep = await tool(name).describeWrite(input);
    if (prep.kind === 'refused') {
      return { prep, out: prep.output };
    }
    assert.strictEqual(prep.kind, 'write');
    return { prep, out: await tool(name).invoke(input, undefined, prep.kind === 'write' ? prep.confirmation : undefined) };
  };

  beforeEach(() => {
    ({ host, catalogue } = writeHost(f.fake, CASE, CONTACT));
  });
  afterEach(() => host.dispose());

  it('add note: an identical call names the first send and sends nothing; repeatOf confirms a repeat, sends it once, and its retry sends nothing', async () => {
    const input = { caseNumber: CASE, subject: 'Trace again', description: 'The same trace as before.' };
    const first = await call(TOOL_NAMES.addNote, input);
    assert.strictEqual(first.out.json.ok, true, first.out.text);
    assert.strictEqual(requests('addNote'), 1);

    // The identical call: no confirmation to show (nothing would be sent), an answer that says when it went.
    const again = await call(TOOL_NAMES.addNote, input);
    assert.strictEqual(again.prep.kind, 'refused', 'nothing to confirm: it was already sent');
    const sent = dataOf(again.out.json);
    assert.strictEqual(again.out.json.ok, true);
    assert.strictEqual(sent.outcome, 'earlier');
    assert.strictEqual(sent.caseNumber, CASE);
    assert.strictEqual(sent.timesSent, 1);
    assert.ok(sent.sentId && sent.sentAt === sent.sentId && Number.isFinite(Date.parse(sent.sentId)), JSON.stringify(sent));
    assert.match(again.out.summary, /not sent again/);
    assert.ok(again.out.summary.includes(`"repeatOf": "${sent.sentId}"`), again.out.summary);
    assert.strictEqual(requests('addNote'), 1);

    // The repeat the person asked for: the confirmation says plainly that it repeats the send of that time.
    const repeatInput = { ...input, repeatOf: sent.sentId };
    const shown = confirmation(await tool(TOOL_NAMES.addNote).describeWrite(repeatInput));
    assert.strictEqual(shown.title, `Add the same note to case ${CASE} again?`);
    const [warning, ...rest] = shown.message.split('\n');
    assert.strictEqual(
      warning,
      `This exactly repeats a note already added to case ${CASE} at ${sentTime(Date.parse(sent.sentId))}. Confirm only if it should be added again: the case will show it twice.`
    );
    assert.strictEqual(
      rest.join('\n'),
      `Case: ${CASE}\nAccount: Globex\nContact e-mail: ${CONTACT}\nSubject: Trace again\nText:\nThe same trace as before.\nFiles: none\nThis is sent to Axway Support as shown. Notes cannot be edited or deleted afterwards.`,
      'then exactly what is sent, as for the first send'
    );
    assert.strictEqual(requests('addNote'), 1, 'preparing the repeat sends nothing');
    const repeated = await tool(TOOL_NAMES.addNote).invoke(repeatInput, undefined, shown);
    assert.strictEqual(repeated.json.ok, true, repeated.text);
    assert.strictEqual(dataOf(repeated.json).outcome, 'confirmed');
    assert.strictEqual(requests('addNote'), 2);
    assert.strictEqual(f.fake.control.getCase(CASE)?.notes?.filter((n) => n.subject === 'Trace again').length, 2);

    // A retry of the repeat (the same input, the same repeatOf): already sent, and it names the repeat.
    const retry = await call(TOOL_NAMES.addNote, repeatInput);
    assert.strictEqual(retry.prep.kind, 'refused');
    const retried = dataOf(retry.out.json);
    assert.strictEqual(retried.outcome, 'earlier');
    assert.strictEqual(retried.timesSent, 2);
    assert.notStrictEqual(retried.sentId, sent.sentId, 'the newest send is the repeat');
    // So is the plain call now; and a third send needs the repeat's own sentId.
    assert.strictEqual(dataOf((await call(TOOL_NAMES.addNote, input)).out.json).sentId, retried.sentId);
    assert.strictEqual(requests('addNote'), 2);
    const third = await call(TOOL_NAMES.addNote, { ...input, repeatOf: retried.sentId });
    assert.strictEqual(third.out.json.ok, true, third.out.text);
    assert.strictEqual(requests('addNote'), 3);
  });

  it('add note: repeatOf on a note never sent, or naming no send of this exact input, is refused and sends nothing', async () => {
    const input = { caseNumber: CASE, subject: 'Never sent', description: 'Nothing to repeat.' };
    const never = await call(TOOL_NAMES.addNote, { ...input, repeatOf: '2026-01-01T00:00:00.000Z' });
    assert.strictEqual(never.prep.kind, 'refused');
    assert.strictEqual(never.out.json.error?.code, 'unknownRepeat');
    assert.match(never.out.json.error?.message ?? '', /Call without "repeatOf"/);
    assert.strictEqual(requests('addNote'), 0);
    // Invoked without a shown confirmation (an MCP client or a test calling straight in): refused the same way.
    assert.strictEqual((await tool(TOOL_NAMES.addNote).invoke({ ...input, repeatOf: 'x' })).json.error?.code, 'unknownRepeat');
    assert.strictEqual(requests('addNote'), 0);

    const first = await call(TOOL_NAMES.addNote, input);
    assert.strictEqual(first.out.json.ok, true);
    const sentId = dataOf((await call(TOOL_NAMES.addNote, input)).out.json).sentId;
    const wrong = await call(TOOL_NAMES.addNote, { ...input, repeatOf: '2026-01-01T00:00:00.000Z' });
    assert.strictEqual(wrong.out.json.error?.code, 'unknownRepeat');
    assert.ok(wrong.out.json.error?.message.includes(`"${sentId}"`), 'it names the sentId to use');
    // The sentId of another note's send does not repeat this one: a sentId belongs to one exact input.
    const other = await call(TOOL_NAMES.addNote, { ...input, description: 'Another text.', repeatOf: sentId });
    assert.strictEqual(other.out.json.error?.code, 'unknownRepeat');
    assert.strictEqual(requests('addNote'), 1);
  });

  it('add note: a repeat whose answer was lost is found as one more note, and one that did not arrive is not taken for the first', async () => {
    const input = { caseNumber: CASE, subject: 'Lost repeat', description: 'Sent twice on purpose.' };
    assert.strictEqual((await call(TOOL_NAMES.addNote, input)).out.json.ok, true);
    const sentId = dataOf((await call(TOOL_NAMES.addNote, input)).out.json).sentId;
    const repeatInput = { ...input, repeatOf: sentId };
    // Cut before it is stored: the look-up sees only the first note, which must not count as the repeat.
    f.fake.control.addFault({ target: 'addNote', kind: 'dropBeforeStore', times: 1 });
    const cut = await call(TOOL_NAMES.addNote, repeatInput);
    assert.strictEqual(cut.out.json.ok, false, cut.out.text);
    assert.strictEqual(f.fake.control.getCase(CASE)?.notes?.length, 1);
    // Stored, answer lost: found by the look-up (two notes now), not sent a third time.
    f.fake.control.addFault({ target: 'addNote', kind: 'dropAfterStore', times: 1 });
    const lost = await call(TOOL_NAMES.addNote, repeatInput);
    assert.strictEqual(lost.out.json.ok, true, lost.out.text);
    assert.strictEqual(dataOf(lost.out.json).outcome, 'found');
    assert.strictEqual(f.fake.control.getCase(CASE)?.notes?.length, 2);
    const retry = await call(TOOL_NAMES.addNote, repeatInput);
    assert.strictEqual(dataOf(retry.out.json).timesSent, 2);
    assert.strictEqual(f.fake.control.getCase(CASE)?.notes?.length, 2);
  });

  it('create case: the identical call names the case it created; a confirmed repeat creates one more case, once', async () => {
    const input = {
      subject: 'Gateway 7.7 crashes on start',
      description: 'It crashes.',
      impact: '3 - Medium',
      urgency: '2 - Medium',
      environment: 'Production',
      product: 'API Gateway',
      version: '7.7.0.20250228',
      operatingSystem: 'Linux x86-64',
      supportAccessCode: 'GLBX-40217'
    };
    const first = await call(TOOL_NAMES.createCase, input);
    assert.strictEqual(first.out.json.ok, true, first.out.text);
    const number = dataOf(first.out.json).caseNumber;
    const again = await call(TOOL_NAMES.createCase, input);
    assert.strictEqual(again.prep.kind, 'refused');
    assert.strictEqual(dataOf(again.out.json).caseNumber, number);
    assert.ok(again.out.summary.includes(`as case ${number}`), again.out.summary);
    assert.strictEqual(requests('createCase'), 1);
    const sentId = dataOf(again.out.json).sentId ?? '';
    const shown = confirmation(await tool(TOOL_NAMES.createCase).describeWrite({ ...input, repeatOf: sentId }));
    assert.strictEqual(shown.title, 'Create the same Axway Support case again?');
    assert.strictEqual(
      shown.message.split('\n')[0],
      `This exactly repeats a case already created at ${sentTime(Date.parse(sentId))} (case ${number}). Confirm only if a second, separate case should be created.`
    );
    const repeated = await tool(TOOL_NAMES.createCase).invoke({ ...input, repeatOf: sentId }, undefined, shown);
    assert.strictEqual(repeated.json.ok, true, repeated.text);
    const second = dataOf(repeated.json).caseNumber;
    assert.ok(second && second !== number, `a second case: ${String(second)}`);
    assert.strictEqual((await call(TOOL_NAMES.createCase, { ...input, repeatOf: sentId })).out.json.ok, true);
    assert.strictEqual(requests('createCase'), 2);
    assert.strictEqual(f.fake.control.listAll().filter((c) => c.subject === input.subject).length, 2);
  });

  it('close case: closed stays "already closed"; reopened, the identical call offers a repeat, which closes it again once', async () => {
    const input = { caseNumber: CASE, subject: 'Please close this case', description: 'Solved by the patch.' };
    assert.strictEqual((await call(TOOL_NAMES.closeCase, input)).out.json.ok, true);
    assert.strictEqual(dataOf((await call(TOOL_NAMES.closeCase, input)).out.json).outcome, 'alreadyClosed');
    assert.strictEqual(requests('closeCase'), 1);
    // Support reopened it.
    f.fake.control.upsertCase({ caseNumber: CASE, status: 'In Support' });
    const again = await call(TOOL_NAMES.closeCase, input);
    assert.strictEqual(again.prep.kind, 'refused');
    const sent = dataOf(again.out.json);
    assert.strictEqual(sent.outcome, 'earlier');
    assert.strictEqual(sent.status, 'In Support');
    assert.strictEqual(requests('closeCase'), 1);
    const shown = confirmation(await tool(TOOL_NAMES.closeCase).describeWrite({ ...input, repeatOf: sent.sentId }));
    assert.strictEqual(shown.title, `Close case ${CASE} again?`);
    assert.strictEqual(
      shown.message.split('\n')[0],
      `This exactly repeats a close of case ${CASE} already sent at ${sentTime(Date.parse(sent.sentId ?? ''))}. Confirm only if the case was reopened and should be closed again.`
    );
    const closed = await tool(TOOL_NAMES.closeCase).invoke({ ...input, repeatOf: sent.sentId }, undefined, shown);
    assert.strictEqual(closed.json.ok, true, closed.text);
    assert.strictEqual(f.fake.control.getCase(CASE)?.status, 'Closed');
    assert.strictEqual(requests('closeCase'), 2);
    assert.strictEqual(dataOf((await call(TOOL_NAMES.closeCase, { ...input, repeatOf: sent.sentId })).out.json).outcome, 'alreadyClosed');
    assert.strictEqual(requests('closeCase'), 2);
  });

  it('a repeat confirmation reads in the display language (French here); the answer for the model stays English', async () => {
    const input = { caseNumber: CASE, subject: 'Encore', description: 'Le même texte.' };
    assert.strictEqual((await call(TOOL_NAMES.addNote, input)).out.json.ok, true);
    const again = await call(TOOL_NAMES.addNote, input);
    const sentId = dataOf(again.out.json).sentId ?? '';
    const french = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', '..', 'l10n', 'bundle.l10n.fr.json'), 'utf8')) as Record<string, string>;
    useTranslations(french);
    try {
      const shown = confirmation(await tool(TOOL_NAMES.addNote).describeWrite({ ...input, repeatOf: sentId }));
      assert.strictEqual(shown.title, `Ajouter à nouveau la même note à la demande ${CASE}\u202f?`);
      assert.ok(shown.message.startsWith(`Ceci répète exactement une note déjà ajoutée à la demande ${CASE} le ${sentTime(Date.parse(sentId))}.`), shown.message);
      assert.match((await call(TOOL_NAMES.addNote, input)).out.summary, /the same request was already sent/);
    } finally {
      l10n.config({ contents: {} });
    }
  });

  it("a repeat's marker keeps what its look-up needs, for another window (the ledger file round trip)", async () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'axway-repeat-ledger-'));
    const ledger = new FileWriteLedger(folder);
    try {
      const key = 'a'.repeat(40);
      const record = { state: 'pending' as const, kind: 'note' as const, sentAt: 1_700_000_000_000, digest: 'd', repeats: { since: 1_699_999_000_000, count: 2 } };
      await ledger.write(key, record);
      assert.deepStrictEqual(await ledger.read(key), record);
      // A damaged repeats field is left out rather than trusted.
      fs.writeFileSync(path.join(folder, `${key}.json`), JSON.stringify({ ...record, repeats: { since: 'x', count: 0 } }));
      assert.deepStrictEqual(await ledger.read(key), { state: record.state, kind: record.kind, sentAt: record.sentAt, digest: record.digest });
    } finally {
      ledger.dispose();
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });

  it('property: over any sequence of identical calls, retries and repeats, notes sent = 1 + repeats confirmed of the newest send', async () => {
    type Step = 'plain' | 'repeatNewest' | 'repeatStale' | 'retryRepeat';
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(fc.constantFrom<Step>('plain', 'repeatNewest', 'repeatStale', 'retryRepeat'), { minLength: 1, maxLength: 6 }), async (steps) => {
        const input = { caseNumber: CASE, subject: `Property ${++run}`, description: 'Same text every time.' };
        const countNotes = (): number => f.fake.control.getCase(CASE)?.notes?.filter((n) => n.subject === input.subject).length ?? 0;
        const sentIds: string[] = [];
        let lastRepeatOf: string | undefined;
        let expected = 0;
        const newest = async (): Promise<string | undefined> => {
          const answer = await call(TOOL_NAMES.addNote, input);
          return dataOf(answer.out.json).sentId;
        };
        // The first call always sends.
        assert.strictEqual((await call(TOOL_NAMES.addNote, input)).out.json.ok, true);
        expected++;
        for (const step of steps) {
          const latest = await newest();
          assert.ok(latest, 'an identical call names the newest send');
          if (!sentIds.includes(latest)) {
            sentIds.push(latest);
          }
          let repeatOf: string | undefined;
          if (step === 'repeatNewest') {
            repeatOf = latest;
          } else if (step === 'repeatStale') {
            repeatOf = sentIds[0];
          } else if (step === 'retryRepeat') {
            repeatOf = lastRepeatOf;
          }
          if (repeatOf === undefined) {
            continue;
          }
          const out = (await call(TOOL_NAMES.addNote, { ...input, repeatOf })).out;
          assert.strictEqual(out.json.ok, true, out.text);
          if (repeatOf === latest) {
            expected++;
          }
          lastRepeatOf = repeatOf;
          assert.strictEqual(countNotes(), expected, `after ${step}`);
        }
        assert.strictEqual(countNotes(), expected);
      }),
      { numRuns: 12 }
    );
  });
});
