// Notes from the case tab (issue 8), in real VS Code against the fake Support API: a note as JSON and with files
// (streamed as multipart, stored by the fake, shown in the tab), the draft that survives a failed send and a closed
// tab restored through the serializer, no duplicate after a connection dropped once the note was stored, the
// "closed for more than 45 days" refusal, Attach to Support Case… with file URIs, and Add Note from the tree.
//
// The page's own script (typing, Attach Files…) is driven by the UI journey (test/ui/notes.test.ts); here the test
// sends the messages the page sends, through the panel's own message handling.
import * as assert from 'assert';
import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import type { AxwaySupportTestApi } from '../../src/extension';
import type { CaseRef } from '../../src/cases/caseRef';
import type { CasePanel } from '../../src/views/caseTab/casePanel';
import type { FormMessage } from '../../src/webviews/case/protocol';
import { settled } from './reliability';
import { eventually, fakeRemote, signedInToWrite, signOut, waitForState } from './support';
import { formState, notesWith, openButNewest, openCaseTab } from './writeForms';

const VIEW_TYPE = 'axwaySupport.case';
const CONTACT = 'dana@example.com';

/** Text of a form state's status line, without markup. */
function statusText(m: FormMessage | undefined): string {
  return (m?.statusHtml ?? '').replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim();
}

describe('notes: add from the case tab, drafts kept, never twice', function () {
  this.timeout(90_000);
  const remote = fakeRemote();
  let api: AxwaySupportTestApi;
  let account: string;
  let tmp: string;
  /** Open cases, not the newest: a note moves one to the top of the tree. */
  let open: string[];

  before(async () => {
    const start = await signedInToWrite(CONTACT);
    ({ api, account } = start);
    open = openButNewest(start.cases);
    assert.ok(open.length >= 8, 'enough open cases in the seed');
    tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'notes-'));
  });

  afterEach(async () => {
    await remote.clearFaults();
    api.panels.closeAll();
  });

  after(async () => {
    await fs.rm(tmp, { recursive: true, force: true });
    await signOut(api);
  });

  const openTab = (caseNumber: string): Promise<{ ref: CaseRef; panel: CasePanel }> => openCaseTab(api, account, caseNumber);

  it('adds a note as JSON: the fake stored it, the tab shows it, the draft is gone and the case tops the tree', async () => {
    const { ref, panel } = await openTab(open[3]);
    const subject = 'Logs from the gateway';
    const description = 'The handshake fails after the upgrade.\nTrace below.';
    await remote.clearRequests();
    await panel.receive({ type: 'noteDraft', subject, description });
    assert.strictEqual(api.noteDrafts.get(ref).subject, subject, 'the draft is kept while typing');
    await panel.receive({ type: 'addNote', subject, description });

    const requests = await remote.requests('addNote');
    assert.strictEqual(requests.length, 1);
    assert.match(requests[0].headers['content-type'] ?? '', /^application\/json/);
    assert.deepStrictEqual(JSON.parse(requests[0].body), { caseId: ref.caseNumber, subject, description: description.trim(), contact: CONTACT });
    assert.strictEqual(await notesWith(ref.caseNumber, subject), 1, 'stored once');

    const shown = panel.state;
    assert.ok(shown.kind === 'loaded' && shown.detail.notes.some((n) => n.subject === subject), 'the reloaded tab shows the note');
    assert.ok(panel.html.includes(subject));
    assert.deepStrictEqual(api.noteDrafts.get(ref), { subject: '', description: '', files: [] }, 'draft cleared after the API confirmed');
    const form = await formState(panel, (m) => m.statusKind === 'success', 'saying the note was added');
    assert.match(statusText(form), /Note added/);
    assert.strictEqual(form.sending, false);
    await waitForState(api, (s) => s.kind === 'loaded' && s.busy === undefined && s.cases[0]?.caseNumber === ref.caseNumber, 20_000);
  });

  it('takes files from Attach to Support Case… (file URIs), sends them as multipart, and the tab lists them as downloads', async () => {
    const ref = { account, caseNumber: open[4] };
    const a = path.join(tmp, 'server.log');
    const b = path.join(tmp, 'config dump.xml');
    await fs.writeFile(a, 'line 1\nline 2\n'.repeat(1000));
    await fs.writeFile(b, '<config value="1"/>');
    const empty = path.join(tmp, 'empty.txt');
    await fs.writeFile(empty, '');

    await vscode.commands.executeCommand('axwaySupport.attachToCase', vscode.Uri.file(a), [vscode.Uri.file(a), vscode.Uri.file(b), vscode.Uri.file(empty)], ref);
    const panel = api.panels.get(ref);
    assert.ok(panel, 'the command opened the case tab');
    const draft = api.noteDrafts.get(ref);
    assert.deepStrictEqual(draft.files.map((f) => f.name), ['server.log', 'config dump.xml'], 'the empty file was refused');
    assert.strictEqual(draft.subject, 'Attached 2 files: server.log, config dump.xml', 'a suggested subject');
    assert.ok(api.messages.shown.some((m) => m.severity === 'warning' && m.text.includes('empty.txt is empty')), 'the refused file is explained');
    await settled(panel);
    const form = await formState(panel, (m) => m.fileCount === 2, 'listing two files');
    assert.ok(form.filesHtml.includes('aria-label="Remove server.log"') && form.filesHtml.includes('config dump.xml'));
    assert.ok(form.problems.some((p) => p.field === 'files' && p.message.includes('empty.txt is empty')), 'explained next to the files');

    await remote.clearRequests();
    await panel.receive({ type: 'addNote', subject: draft.subject, description: 'Both files from the test machine.' });
    const [request] = await remote.requests('addNote');
    assert.match(request.headers['content-type'] ?? '', /^multipart\/form-data/);
    const stored = (await remote.getCase(ref.caseNumber))?.notes?.find((n) => n.subject === draft.subject);
    assert.deepStrictEqual(stored?.noteAttachments?.map((x) => x.name), ['server.log', 'config dump.xml'], 'the fake stored both files');
    const note = stored?.noteAttachments?.[0];
    assert.ok(note);
    const download = await (await api.network.api()).downloadAttachment(ref.caseNumber, note.id);
    const chunks: Buffer[] = [];
    for await (const chunk of download.body) {
      chunks.push(chunk as Buffer);
    }
    assert.strictEqual(Buffer.concat(chunks).toString('utf8'), await fs.readFile(a, 'utf8'), 'the bytes arrived intact');
    assert.ok(panel.html.includes('Download </span><bdi>server.log</bdi></button>') && panel.html.includes('Download </span><bdi>config dump.xml</bdi></button>'), 'the tab shows them as Download buttons');
    assert.deepStrictEqual(api.noteDrafts.get(ref).files, []);
  });

  it('keeps the draft (text and files) through a refused send and a closed tab restored by the serializer', async () => {
    const { ref, panel } = await openTab(open[5]);
    const file = path.join(tmp, 'kept.txt');
    await fs.writeFile(file, 'kept');
    await vscode.commands.executeCommand('axwaySupport.attachToCase', vscode.Uri.file(file), [vscode.Uri.file(file)], ref);
    const subject = 'Draft that must survive';
    const description = 'Typed words are sacred.';
    await remote.addFault({ target: 'addNote', kind: 'respond', status: 400, times: 1 });
    await panel.receive({ type: 'addNote', subject, description });
    const failed = await formState(panel, (m) => m.statusKind === 'error', 'with the error');
    assert.match(statusText(failed), /Troubleshooting ID: \S+/, 'the troubleshooting ID is shown');
    assert.match(statusText(failed), /Your draft is kept/);
    assert.strictEqual(await notesWith(ref.caseNumber, subject), 0);

    panel.dispose();
    const restoredPanel = vscode.window.createWebviewPanel(VIEW_TYPE, `Case ${ref.caseNumber}`, vscode.ViewColumn.Active, { enableScripts: true });
    await api.panels.deserializeWebviewPanel(restoredPanel, { account, caseNumber: ref.caseNumber });
    const restored = api.panels.get(ref);
    assert.ok(restored && restored.panel === restoredPanel);
    const refill = await formState(restored, (m) => m.fill !== undefined, 'refilling the draft');
    assert.deepStrictEqual(refill.fill, { subject, description, mode: 'ifEmpty' });
    assert.strictEqual(refill.fileCount, 1);
    assert.ok(refill.filesHtml.includes('kept.txt'));

    await settled(restored);
    await restored.receive({ type: 'addNote', subject, description });
    assert.strictEqual(await notesWith(ref.caseNumber, subject), 1, 'sent once the API takes it');
    assert.deepStrictEqual(api.noteDrafts.get(ref), { subject: '', description: '', files: [] });
  });

  it('adds no duplicate when the connection drops after the note was stored: it finds the note and says so', async () => {
    const { ref, panel } = await openTab(open[6]);
    const subject = 'Sent once only';
    // Store the note, then cut the connection before answering.
    await remote.addFault({ target: 'addNote', kind: 'dropAfterStore', times: 1 });
    await remote.clearRequests();
    await panel.receive({ type: 'addNote', subject, description: 'Even if the answer is lost.' });
    const form = await formState(panel, (m) => m.statusKind === 'success', 'saying the note is on the case');
    assert.match(statusText(form), /the note is on the case: it was added once/);
    assert.strictEqual((await remote.requests('addNote')).length, 1, 'not sent again');
    assert.strictEqual(await notesWith(ref.caseNumber, subject), 1);
    assert.deepStrictEqual(api.noteDrafts.get(ref), { subject: '', description: '', files: [] });
  });

  it('checks the case after a 5xx (the note may have arrived) and, the note being absent, keeps the draft and sends it again once asked', async () => {
    const { ref, panel } = await openTab(open[7]);
    const subject = 'Lost before it arrived';
    await remote.addFault({ target: 'addNote', kind: 'respond', status: 500, times: 1 });
    await remote.clearRequests();
    await panel.receive({ type: 'addNote', subject, description: 'Refused before the server stored it.' });
    const form = await formState(panel, (m) => m.statusKind === 'error', 'offering to send again');
    assert.match(statusText(form), /the note is not on it/);
    assert.match(statusText(form), /Troubleshooting ID: \S+/);
    assert.match(statusText(form), /Press Add Note to send it again/);
    assert.strictEqual(api.noteDrafts.get(ref).subject, subject);
    assert.strictEqual((await remote.requests('getCase')).length, 1, 'the case was re-read');
    await panel.receive({ type: 'addNote', subject, description: 'Refused before the server stored it.' });
    assert.strictEqual(await notesWith(ref.caseNumber, subject), 1);
  });

  it('Cancel while uploading stops the upload, and so does closing the tab: nothing stored, the draft kept', async () => {
    const { ref, panel } = await openTab(open[6]);
    const file = path.join(tmp, 'slow-trace.log');
    // Larger than the sockets' buffers can swallow, so the cancel comes before the last byte left this machine.
    await fs.writeFile(file, Buffer.alloc(16 * 1024 * 1024, 65));
    await api.noteForms.get().attachFiles(ref, [vscode.Uri.file(file)]);
    await remote.addFault({ target: 'addNote', kind: 'slowUpload', bytesPerSecond: 32 * 1024 });
    await remote.clearRequests();
    const subject = 'Cancelled while uploading';
    const sending = panel.receive({ type: 'addNote', subject, description: 'The upload is far too slow.' });
    await eventually(async () => (await remote.requests('addNote')).length === 1 || undefined, 'the upload to start');
    await panel.receive({ type: 'cancelNote' });
    await sending;
    const form = await formState(panel, (m) => !m.sending, 'after the cancel');
    assert.match(statusText(form), /cancelled before the note left/);
    assert.strictEqual(api.noteDrafts.get(ref).subject, subject, 'the draft is kept');
    assert.strictEqual(api.noteDrafts.get(ref).files.length, 1);

    // Closing the tab in the middle of an upload stops it too.
    await remote.clearRequests();
    const again = panel.receive({ type: 'addNote', subject, description: 'The upload is far too slow.' });
    await eventually(async () => (await remote.requests('addNote')).length === 1 || undefined, 'the second upload to start');
    panel.dispose();
    // 16 MB at 32 KB/s would take minutes: the send ends now because closing the tab aborted it.
    await again;
    assert.strictEqual(api.noteForms.get().isSending(ref), false, 'no send is running for the case');
    assert.strictEqual(await notesWith(ref.caseNumber, subject), 0, 'nothing stored');
    assert.strictEqual(api.noteDrafts.get(ref).subject, subject, 'the draft is still kept');
    await api.noteDrafts.clear(ref);
  });

  it('sends one note at a time: Add Note pressed again while sending does nothing', async () => {
    const { ref, panel } = await openTab(open[2]);
    const subject = 'Pressed twice';
    await remote.addFault({ target: 'addNote', kind: 'delay', delayMs: 1500, times: 1 });
    await remote.clearRequests();
    const first = panel.receive({ type: 'addNote', subject, description: 'd' });
    await formState(panel, (m) => m.sending, 'sending');
    await panel.receive({ type: 'addNote', subject, description: 'd' });
    await first;
    assert.strictEqual((await remote.requests('addNote')).length, 1);
    assert.strictEqual(await notesWith(ref.caseNumber, subject), 1);
  });

  it("shows the fields' problems before sending anything, and the 45-days refusal as such with the draft kept", async () => {
    const { panel } = await openTab(open[1]);
    await remote.clearRequests();
    const posted: FormMessage[] = [];
    const sub = panel.onDidPostForm((m) => posted.push(m));
    await panel.receive({ type: 'addNote', subject: '   ', description: 'x'.repeat(4001) });
    sub.dispose();
    const invalid = posted.find((m) => m.problems.length > 0);
    assert.deepStrictEqual(invalid?.problems.map((p) => p.field), ['subject', 'description']);
    assert.strictEqual(invalid?.focus, 'subject', 'focus goes to the first field with a problem');
    assert.match(invalid?.problems[1].message ?? '', /4001 characters; at most 4000/);
    assert.strictEqual((await remote.requests('addNote')).length, 0);

    const closedLongAgo = 'NOTE-OLD-1';
    await remote.upsertCase({ caseNumber: closedLongAgo, subject: 'Closed long ago', status: 'Closed', closedDate: new Date(Date.now() - 60 * 86_400_000).toISOString().replace('Z', '+0000') });
    const old = await openTab(closedLongAgo);
    await old.panel.receive({ type: 'addNote', subject: 'Too late', description: 'Still typed.' });
    const denied = await formState(old.panel, (m) => m.statusKind === 'error', 'with the refusal');
    assert.match(statusText(denied), /closed for more than 45 days/);
    assert.match(statusText(denied), /Troubleshooting ID/);
    assert.match(statusText(denied), /Your draft is kept/);
    const { subject: keptSubject, description: keptDescription, files: keptFiles } = api.noteDrafts.get(old.ref);
    assert.deepStrictEqual({ keptSubject, keptDescription, keptFiles }, { keptSubject: 'Too late', keptDescription: 'Still typed.', keptFiles: [] });
  });

  it('Add Note on a tree row opens the case tab and puts keyboard focus in the form', async () => {
    const node = api.tree.getChildren().find((n) => n.kind === 'case' && n.ref.caseNumber === open[0]);
    assert.ok(node);
    const ref = { account, caseNumber: open[0] };
    const panelOpened = eventually(() => api.panels.get(ref), 'the tab');
    await vscode.commands.executeCommand('axwaySupport.addNote', node);
    const panel = await panelOpened;
    await eventually(() => panel.focusedField === 'subject' || undefined, 'the page to focus the Subject field', 20_000);
    assert.strictEqual(panel.panel.active, true, 'the tab is the active one');
  });
});
