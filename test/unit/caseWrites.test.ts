// The one write path (issue 16, point 1), over real HTTP against the fake Support API: single flight in a window and
// across windows, a marker kept until the outcome is known, one rule for a lost answer, and Cancel.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import type { WriteIdentity } from '../../src/cases/caseWrites';
import { useFakeApi } from './support/fixture';
import { until } from './support/wait';
import { closeRequest, committed, markerFolder, newCaseRequest, noteRequest, openWindow, SharedDrafts } from './support/writes';

const CASE = '05160000';
const GATEWAY_PAGE = '<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>';

describe('CaseWrites: one write path with one outcome rule', function () {
  const f = useFakeApi();
  let folder: string;
  let drafts: SharedDrafts;
  let n = 0;

  beforeEach(() => {
    f.fake.control.upsertCase({ caseNumber: CASE, status: 'Work in Progress' });
    folder = markerFolder();
    drafts = new SharedDrafts();
  });

  function note(): { identity: WriteIdentity; subject: string } {
    n++;
    const identity: WriteIdentity = { kind: 'note', account: 'a', caseNumber: CASE, draftId: `draft-${n}` };
    drafts.keep(identity);
    return { identity, subject: `Note ${n} of the write tests` };
  }

  it('sends a note once when it is submitted twice in the same tick (two clicks, Enter plus a click)', async () => {
    const { api } = f.api();
    const w = openWindow(api, folder, drafts);
    const { identity, subject } = note();
    const first = w.writes.submit(identity, async () => noteRequest(CASE, subject));
    const second = w.writes.submit(identity, async () => noteRequest(CASE, subject));
    assert.deepStrictEqual(await second, { kind: 'busy', where: 'here' });
    assert.strictEqual((await first).kind, 'done');
    assert.strictEqual(committed(f.fake, 'note', subject, CASE), 1);
    assert.ok(!drafts.has(identity), 'the draft is cleared once the note is on the case');
  });

  it('sends a draft open in two windows once', async () => {
    const { api } = f.api();
    const [a, b] = [openWindow(api, folder, drafts), openWindow(api, folder, drafts)];
    const { identity, subject } = note();
    f.fake.control.addFault({ target: 'addNote', kind: 'delay', delayMs: 200 });
    const results = await Promise.all([a, b].map((w) => w.writes.submit(identity, async () => noteRequest(CASE, subject))));
    assert.deepStrictEqual(results.map((r) => r.kind).sort(), ['busy', 'done']);
    assert.strictEqual(committed(f.fake, 'note', subject, CASE), 1);
    // The window that was busy tries again later: the marker says the note is there.
    const again = await b.writes.submit(identity, async () => noteRequest(CASE, subject));
    assert.strictEqual(again.kind === 'done' && again.how, 'earlier');
    assert.strictEqual(committed(f.fake, 'note', subject, CASE), 1);
  });

  it('finds a new case created before a 502 gateway page, says which, and never creates it twice', async () => {
    const { api } = f.api();
    const w = openWindow(api, folder, drafts);
    const identity: WriteIdentity = { kind: 'newCase', account: 'a', draftId: 'new-1' };
    drafts.keep(identity);
    const subject = `New case behind a gateway ${Date.now()}`;
    f.fake.control.addFault({ target: 'createCase', kind: 'failAfterStore', status: 502, body: GATEWAY_PAGE, times: 1 });
    const result = await w.writes.submit(identity, async () => newCaseRequest(subject));
    assert.ok(result.kind === 'done' && result.how === 'found', `found, got ${JSON.stringify(result)}`);
    const created = f.fake.control.listAll().find((c) => c.subject === subject);
    assert.strictEqual(result.landed.caseNumber, created?.caseNumber);
    assert.ok(!drafts.has(identity));
    assert.strictEqual((await w.writes.submit(identity, async () => newCaseRequest(subject))).kind, 'done');
    assert.strictEqual(committed(f.fake, 'newCase', subject), 1);
  });

  it('counts a 503 JSON answer after a close as "may have arrived" and finds the case closed', async () => {
    const { api } = f.api();
    const w = openWindow(api, folder, drafts);
    f.fake.control.upsertCase({ caseNumber: '05160001', status: 'Work in Progress' });
    const identity: WriteIdentity = { kind: 'close', account: 'a', caseNumber: '05160001' };
    drafts.keep(identity);
    f.fake.control.addFault({ target: 'closeCase', kind: 'failAfterStore', status: 503, times: 1 });
    const result = await w.writes.submit(identity, async () => closeRequest('05160001', 'Please close this case'));
    assert.ok(result.kind === 'done' && result.how === 'found', JSON.stringify(result));
    assert.strictEqual(f.fake.control.getCase('05160001')?.status, 'Closed');
    assert.strictEqual(f.fake.control.requests('closeCase').length, 1);
  });

  it('keeps the marker when the look-up fails too, and after a reload looks the write up before sending', async () => {
    const { api } = f.api({ timeoutMs: 300 });
    const first = openWindow(api, folder, drafts);
    const { identity, subject } = note();
    f.fake.control.addFault({ target: 'addNote', kind: 'hangAfterStore', times: 1 });
    f.fake.control.addFault({ target: 'getCase', kind: 'respond', status: 500, times: 1 });
    const lost = await first.writes.submit(identity, async () => noteRequest(CASE, subject));
    assert.strictEqual(lost.kind, 'unknown', JSON.stringify(lost));
    assert.ok(drafts.has(identity), 'the draft stays while the outcome is unknown');
    assert.ok(await first.writes.pending(identity));
    first.close();
    const reloaded = openWindow(api, folder, drafts);
    let prepared = 0;
    const result = await reloaded.writes.submit(identity, async () => {
      prepared++;
      return noteRequest(CASE, subject);
    });
    assert.ok(result.kind === 'done' && result.how === 'earlier', JSON.stringify(result));
    assert.strictEqual(prepared, 0, 'nothing was offered or sent again');
    assert.strictEqual(committed(f.fake, 'note', subject, CASE), 1);
    assert.ok(!drafts.has(identity));
  });

  it('keeps the draft after a drop before the write was stored, says it is not there, and sends it on the next press', async () => {
    const { api } = f.api();
    const w = openWindow(api, folder, drafts);
    const { identity, subject } = note();
    f.fake.control.addFault({ target: 'addNote', kind: 'dropBeforeStore', times: 1 });
    const lost = await w.writes.submit(identity, async () => noteRequest(CASE, subject));
    assert.ok(lost.kind === 'notDone' && lost.why === 'notFound', JSON.stringify(lost));
    assert.ok(drafts.has(identity));
    assert.strictEqual(f.fake.control.requests('getCase').length, 1, 'looked up once');
    assert.strictEqual((await w.writes.submit(identity, async () => noteRequest(CASE, subject))).kind, 'done');
    assert.strictEqual(committed(f.fake, 'note', subject, CASE), 1);
  });

  it('takes a 400 as a refusal: no look-up, no marker, the draft stays', async () => {
    const { api } = f.api();
    const w = openWindow(api, folder, drafts);
    const { identity, subject } = note();
    f.fake.control.addFault({ target: 'addNote', kind: 'respond', status: 400, times: 1 });
    const result = await w.writes.submit(identity, async () => noteRequest(CASE, subject));
    assert.ok(result.kind === 'notDone' && result.why === 'refused', JSON.stringify(result));
    assert.strictEqual(f.fake.control.requests('getCase').length, 0);
    assert.ok(!(await w.writes.pending(identity)));
    assert.ok(drafts.has(identity));
  });

  it('cancels an upload before its last byte (not sent) and after it (looked up)', async () => {
    const { api } = f.api();
    const w = openWindow(api, folder, drafts);
    const file = path.join(folder, 'trace.log');
    fs.writeFileSync(file, Buffer.alloc(256 * 1024, 7));
    const upload = note();
    f.fake.control.addFault({ target: 'addNote', kind: 'slowUpload', bytesPerSecond: 16 * 1024 });
    const slow = w.writes.submit(upload.identity, async () => ({
      kind: 'note',
      input: { ...noteRequest(CASE, upload.subject).input, caseId: CASE, files: [{ path: file, name: 'trace.log', size: 256 * 1024 }] }
    } as const));
    await until(() => f.fake.control.requests('addNote').length === 1, 'the upload to start');
    assert.ok(w.writes.cancel(upload.identity));
    const cancelled = await slow;
    assert.ok(cancelled.kind === 'notDone' && cancelled.why === 'notSent', JSON.stringify(cancelled));
    assert.strictEqual(f.fake.control.requests('getCase').length, 0);
    f.fake.control.clearFaults();

    const sent = note();
    const faultId = f.fake.control.addFault({ target: 'addNote', kind: 'hang' });
    const hanging = w.writes.submit(sent.identity, async () => noteRequest(CASE, sent.subject));
    await until(() => f.fake.control.requests('addNote').some((r) => r.faultId === faultId), 'the whole note to reach the fake');
    assert.strictEqual(w.writes.cancelAccount('a'), 1);
    const looked = await hanging;
    assert.ok(looked.kind === 'notDone' && looked.why === 'notFound', JSON.stringify(looked));
    assert.strictEqual(f.fake.control.requests('getCase').length, 1, 'a cancel after the last byte is looked up');
    assert.ok(drafts.has(sent.identity));
  });

  it('gives a write whose window went away to the next window (a reload in the middle of a send)', async () => {
    const { api } = f.api();
    const first = openWindow(api, folder, drafts);
    const { identity, subject } = note();
    const faultId = f.fake.control.addFault({ target: 'addNote', kind: 'hang', times: 1 });
    const hanging = first.writes.submit(identity, async () => noteRequest(CASE, subject));
    await until(() => f.fake.control.requests('addNote').some((r) => r.faultId === faultId), 'the note to reach the fake');
    first.close();
    assert.deepStrictEqual(await hanging, { kind: 'abandoned' });
    const reloaded = openWindow(api, folder, drafts);
    const result = await reloaded.writes.submit(identity, async () => noteRequest(CASE, subject));
    assert.ok(result.kind === 'done' && result.how === 'confirmed', JSON.stringify(result));
    assert.strictEqual(f.fake.control.requests('getCase').length, 1, 'the pending send was looked up first');
    assert.strictEqual(committed(f.fake, 'note', subject, CASE), 1);
  });
});
