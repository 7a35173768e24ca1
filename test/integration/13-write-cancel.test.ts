// Cancelling a write (issue 16, point 1) in real VS Code against the fake Support API: Cancel in the New Support
// Case form and closing its tab stop a slow multipart upload; signing out the account stops a slow Add Note; a
// cancel that comes after the note's body was fully sent counts as "may have arrived", so it is looked up, not sent
// twice. The fake reads the body slowly (slowUpload) or stores and never answers (hangAfterStore).
import * as assert from 'assert';
import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { AxwaySupportTestApi } from '../../src/extension';
import type { CaseRef } from '../../src/cases/caseRef';
import type { NewCaseFields } from '../../src/cases/newCaseRules';
import type { CasePanel } from '../../src/views/caseTab/casePanel';
import type { HostMessage } from '../../src/webviews/newCase/protocol';
import type { NewCasePanel } from '../../src/views/newCase/newCasePanel';
import * as vscode from 'vscode';
import { detectHostErrors } from './reliability';
import { eventually, fakeRemote, signedInToWrite, signInWithFake, signOut } from './support';
import { formState, GATEWAY_CASE, notesWith, openButNewest, openCaseTab, openNewCaseForm } from './writeForms';

/** A New Case of the fake's catalogue whose send the tests cancel. */
const FIELDS: NewCaseFields = { ...GATEWAY_CASE, subject: '', description: 'The upload is far too slow.' };
/** Larger than the sockets' buffers can swallow, so a cancel comes before the last byte left this machine. */
const BIG = 16 * 1024 * 1024;
/** Slow enough that the upload would take minutes (BIG at this rate): a send that ends soon was ended by the cancel. */
const SLOW = { kind: 'slowUpload', bytesPerSecond: 32 * 1024 } as const;

/**
 * The send's end. The slow upload would take minutes (BIG at SLOW), so a send that ends within a generous minute was
 * ended by the abort; one that does not fails here, naming why, instead of at mocha's timeout.
 */
async function endsSoon<T>(sending: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const guard = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`the upload still runs a minute after ${what}: it was not aborted`)), 60_000);
  });
  try {
    return await Promise.race([sending, guard]);
  } finally {
    clearTimeout(timer);
  }
}

/** Every message the New Case form posts to its page from now on. */
function collectPosts(panel: NewCasePanel): { posts: HostMessage[]; dispose(): void } {
  const posts: HostMessage[] = [];
  const sub = panel.onDidPost((m) => posts.push(m));
  return { posts, dispose: () => sub.dispose() };
}

describe('cancelling a write: Cancel, a closed tab and signing out stop it; a cancel after the last byte is looked up', function () {
  this.timeout(120_000);
  const remote = fakeRemote();
  let api: AxwaySupportTestApi;
  let account: string;
  let tmp: string;
  let bigFile: string;
  let open: string[];

  before(async () => {
    const start = await signedInToWrite('dana@example.com');
    ({ api, account } = start);
    open = openButNewest(start.cases);
    assert.ok(open.length >= 3, 'enough open cases in the seed');
    tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'write-cancel-'));
    bigFile = path.join(tmp, 'slow-trace.log');
    await fs.writeFile(bigFile, Buffer.alloc(BIG, 65));
  });

  afterEach(async () => {
    await remote.clearFaults();
    api.newCase.forms.current?.dispose();
    api.panels.closeAll();
  });

  after(async () => {
    await fs.rm(tmp, { recursive: true, force: true });
    await signOut(api);
  });

  const openForm = (): Promise<NewCasePanel> => openNewCaseForm(api);

  /** Leaves no draft behind for the next test or suite: what the page sends when the person empties the form. */
  async function emptyDraft(panel: NewCasePanel): Promise<void> {
    for (let i = panel.current.files.length; i > 0; i--) {
      panel.receive({ type: 'removeFile', index: 0 });
    }
    panel.receive({ type: 'draft', fields: { ...FIELDS, subject: '', description: '' } });
    await eventually(() => (api.newCase.forms.draftOf(account)?.files.length === 0 && api.newCase.forms.draftOf(account)?.fields.subject === '') || undefined, 'the draft to be emptied');
  }

  const openTab = (caseNumber: string): Promise<{ ref: CaseRef; panel: CasePanel }> => openCaseTab(api, account, caseNumber);

  async function casesWith(subject: string): Promise<number> {
    return (await remote.listAll()).filter((c) => c.subject === subject).length;
  }

  /**
   * The write was sent once and never answered. (The fake cannot see the abort itself in time: it reads the slow body
   * from a paused socket, so the connection's end waits behind megabytes still in the kernel's buffers.)
   */
  async function sentOnceUnanswered(target: 'createCase' | 'addNote'): Promise<void> {
    const requests = await remote.requests(target);
    assert.strictEqual(requests.length, 1, 'sent once, no resend');
    assert.strictEqual(requests[0].status, 0, 'never answered: the send ended because it was aborted');
  }

  it('New Case: Cancel in the form during a slow multipart upload aborts it; nothing is created, every field and file kept', async () => {
    const panel = await openForm();
    // A draft an earlier suite left may hold files already: they must be kept too.
    const earlierFiles = panel.current.files.map((f) => f.path);
    const fields = { ...FIELDS, subject: `Cancelled New Case ${Date.now()}` };
    await panel.addFiles([bigFile]);
    await remote.addFault({ target: 'createCase', ...SLOW });
    await remote.clearRequests();
    const posts = collectPosts(panel);
    const sending = panel.submit(fields);
    await eventually(async () => (await remote.requests('createCase')).length === 1 || undefined, 'the upload to start');
    panel.receive({ type: 'cancel' });
    const outcome = await endsSoon(sending, 'Cancel');
    posts.dispose();
    assert.strictEqual(outcome.kind, 'failed', JSON.stringify(outcome));
    assert.strictEqual(outcome.kind === 'failed' ? outcome.error.kind : '', 'cancelled');
    await sentOnceUnanswered('createCase');
    assert.strictEqual(await casesWith(fields.subject), 0, 'nothing created');
    const said = posts.posts.flatMap((m) => (m.type === 'problems' && m.summary !== undefined ? [m.summary] : []));
    assert.ok(said.some((text) => /cancelled/.test(text) && /draft is kept/.test(text)), `the form says it was cancelled (said: ${JSON.stringify(said)})`);
    assert.deepStrictEqual(panel.current.fields, fields, 'the form keeps every field');
    assert.deepStrictEqual(panel.current.files.map((f) => f.path), [...earlierFiles, bigFile], 'and the file');
    assert.deepStrictEqual(api.newCase.forms.draftOf(account)?.fields, fields, 'the stored draft too');
    assert.strictEqual(panel.isSending, false);
    await emptyDraft(panel);
  });

  it('New Case: closing its tab during a slow upload aborts the write; nothing is created, the draft kept for next time', async () => {
    const panel = await openForm();
    const earlierFiles = panel.current.files.map((f) => f.path);
    const fields = { ...FIELDS, subject: `Tab closed while creating ${Date.now()}` };
    await panel.addFiles([bigFile]);
    await remote.addFault({ target: 'createCase', ...SLOW });
    await remote.clearRequests();
    const sending = panel.submit(fields);
    await eventually(async () => (await remote.requests('createCase')).length === 1 || undefined, 'the upload to start');
    panel.panel.dispose();
    const outcome = await endsSoon(sending, 'closing the tab');
    assert.strictEqual(outcome.kind === 'failed' ? outcome.error.kind : outcome.kind, 'cancelled', JSON.stringify(outcome));
    await sentOnceUnanswered('createCase');
    assert.strictEqual(await casesWith(fields.subject), 0, 'nothing created');
    const kept = api.newCase.forms.draftOf(account);
    assert.deepStrictEqual(kept?.fields, fields, 'the draft is kept');
    assert.deepStrictEqual(kept?.files.map((f) => f.path), [...earlierFiles, bigFile]);
    // The next New Case starts from it.
    const next = await openForm();
    assert.deepStrictEqual(next.current.fields, fields, 'the form opens again with the draft');
    assert.deepStrictEqual(next.current.files.map((f) => f.path), [...earlierFiles, bigFile]);
    await emptyDraft(next);
  });

  it('A cancel after the note was fully sent counts as "may have arrived": it is looked up, found, and never sent twice', async () => {
    const { ref, panel } = await openTab(open[0]);
    const subject = `Cancelled after the last byte ${Date.now()}`;
    // The fake stores the note, then never answers.
    await remote.addFault({ target: 'addNote', kind: 'hangAfterStore', times: 1 });
    await remote.clearRequests();
    const sending = panel.receive({ type: 'addNote', subject, description: 'Stored, but the answer never comes.' });
    await eventually(async () => (await notesWith(ref.caseNumber, subject)) === 1 || undefined, 'the fake to store the note');
    await panel.receive({ type: 'cancelNote' });
    await sending;
    const form = await formState(panel, (m) => !m.sending, 'after the cancel');
    assert.strictEqual(form.statusKind, 'success', JSON.stringify(form));
    assert.deepStrictEqual(api.noteDrafts.get(ref), { subject: '', description: '', files: [] }, 'the note was found: its draft is gone');
    // Pressing Add Note again sends nothing more: the form is empty, and the case holds the note once.
    assert.strictEqual((await remote.requests('addNote')).length, 1, 'sent once');
    assert.ok((await remote.requests('getCase')).length >= 1, 'the case was read to look the note up');
    assert.strictEqual(await notesWith(ref.caseNumber, subject), 1, 'exactly one note stored');
  });

  it('Signing out the account during a slow Add Note upload aborts it: no note stored, nothing escapes', async () => {
    const { ref, panel } = await openTab(open[1]);
    const subject = `Signed out while uploading ${Date.now()}`;
    await api.noteForms.get().attachFiles(ref, [vscode.Uri.file(bigFile)]);
    await remote.addFault({ target: 'addNote', ...SLOW });
    await remote.clearRequests();
    const hostErrors = detectHostErrors();
    const told = api.telemetry.recent.length;
    try {
      const sending = panel.receive({ type: 'addNote', subject, description: 'The upload is far too slow.' });
      await eventually(async () => (await remote.requests('addNote')).length === 1 || undefined, 'the upload to start');
      await vscode.commands.executeCommand('axwaySupport.signOut', account);
      await endsSoon(sending, 'signing out');
      // Ended by the abort, not by the idle timeout a stalled upload would meet later.
      const ended = api.telemetry.recent.slice(told).filter((e) => e.name === 'note.add');
      assert.deepStrictEqual(ended.map((e) => e.properties.errorKind), ['cancelled'], JSON.stringify(ended));
      await sentOnceUnanswered('addNote');
      assert.strictEqual(api.noteForms.get().isSending(ref), false, 'no send is running for the case');
      assert.strictEqual(await notesWith(ref.caseNumber, subject), 0, 'no note stored');
      // Let Node report a rejection nobody handled: its check runs after the microtask queue drains.
      for (let i = 0; i < 3; i++) {
        await new Promise((resolve) => setImmediate(resolve));
      }
      assert.deepStrictEqual(hostErrors.errors, [], 'nothing escaped into the extension host');
    } finally {
      hostErrors.dispose();
      await api.noteDrafts.clear(ref);
      await signInWithFake(api);
    }
  });
});
