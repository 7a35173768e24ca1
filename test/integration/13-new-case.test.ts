// New Case (issue 8, "Open a new case") in real VS Code against the fake Support API: the form's tab is a real
// webview running the page app dist/webviews/newCase.js (src/webviews/newCase); the tests send the messages the page sends (the UI suite drives the page
// itself) and check what the fake received and stored, what opened, and what the person was told.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import type { AxwaySupportTestApi } from '../../src/extension';
import type { NewCaseFields } from '../../src/cases/newCaseRules';
import type { NewCasePanel } from '../../src/views/newCase/newCasePanel';
import { eventually, fakeRemote, freshlySignedIn, signOut, waitForState } from './support';
import { GATEWAY_CASE, nextPost, openNewCaseForm, pageShown } from './writeForms';

const SAC = 'GLBX-40217';
const OTHER_SAC = 'INTC-11873';
/** API Gateway, its first version and Linux, in the fake's catalogue, for the sales account SAC. */
const VALID: NewCaseFields = { ...GATEWAY_CASE, sac: SAC };

function tempFile(name: string, content: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'axway-new-case-'));
  const file = path.join(dir, name);
  fs.writeFileSync(file, content);
  return file;
}

describe('New Case: the form creates cases, keeps drafts and never sends twice', function () {
  this.timeout(90_000);
  const remote = fakeRemote();
  let api: AxwaySupportTestApi;
  let account: string;

  before(async () => {
    ({ api, account } = await freshlySignedIn());
    // The tree is not shown in this window, so nothing loaded the cases yet.
    await api.model.refresh();
  });

  afterEach(async () => {
    await remote.clearFaults();
    api.newCase.forms.current?.dispose();
  });

  after(async () => {
    await signOut(api);
  });

  /** Read through a function: TypeScript would keep a narrowing of the property across awaits. */
  function currentForm(): NewCasePanel | undefined {
    return api.newCase.forms.current;
  }

  async function openForm(): Promise<NewCasePanel> {
    const panel = await openNewCaseForm(api);
    assert.strictEqual(panel.panel.viewType, 'axwaySupport.newCase');
    assert.strictEqual(panel.panel.title, 'New Support Case');
    return panel;
  }

  it('activation did not load the form bundle; New Case loads it and opens one tab', async () => {
    // The first test of the suite: nothing opened the form before.
    assert.strictEqual(api.newCase.isLoaded, false, 'the form code is loaded lazily');
    const panel = await openForm();
    assert.strictEqual(api.newCase.isLoaded, true);
    await vscode.commands.executeCommand('axwaySupport.createCase');
    assert.strictEqual(api.newCase.forms.current, panel, 'a second New Case reveals the same tab');
  });

  it('creates a case (JSON), opens it in its tab, tops the tree, closes the form and clears the draft', async () => {
    const panel = await openForm();
    await remote.clearRequests();
    const outcome = await panel.submit(VALID);
    assert.strictEqual(outcome.kind, 'created', JSON.stringify(outcome));
    const caseNumber = outcome.kind === 'created' ? outcome.caseNumber : '';

    const [request] = await remote.requests('createCase');
    assert.match(request.headers['content-type'] ?? '', /^application\/json/);
    assert.deepStrictEqual(JSON.parse(request.body), {
      sac: SAC,
      contact: VALID.contact,
      subject: VALID.subject,
      description: VALID.description,
      product: { id: VALID.product, os: { id: VALID.os }, version: { id: VALID.version } },
      environment: 'Production',
      impact: '3 - Medium',
      urgency: '2 - Medium',
      type: 'Support Case',
      ccEmails: ['ops@globex.example']
    });
    assert.ok(api.panels.get({ account, caseNumber }), 'the new case opened in its tab');
    await waitForState(api, (s) => s.kind === 'loaded' && s.cases[0]?.caseNumber === caseNumber, 20_000);
    assert.strictEqual(api.newCase.forms.current, undefined, 'the form closed');
    assert.strictEqual(api.newCase.forms.draftOf(account), undefined, 'the draft was cleared');
    api.panels.closeAll();
  });

  it('creates a case with 2 attachments (multipart): GET /case/{n} shows them', async () => {
    const panel = await openForm();
    const files = [tempFile('gateway.log', 'TLS handshake failed\n'.repeat(100)), tempFile('trace.txt', 'trace')];
    const listed = nextPost(panel, 'files');
    await panel.addFiles(files);
    assert.deepStrictEqual((await listed).files.map((f) => f.name), ['gateway.log', 'trace.txt'], 'the page lists the files');
    await remote.clearRequests();
    const outcome = await panel.submit({ ...VALID, subject: 'Two attachments' });
    assert.strictEqual(outcome.kind, 'created', JSON.stringify(outcome));
    const caseNumber = outcome.kind === 'created' ? outcome.caseNumber : '';
    const [request] = await remote.requests('createCase');
    assert.match(request.headers['content-type'] ?? '', /^multipart\/form-data/);
    const detail = await (await api.network.api()).getCase(caseNumber);
    assert.deepStrictEqual(detail.attachments.map((a) => a.name).sort(), ['gateway.log', 'trace.txt']);
    api.panels.closeAll();
  });

  it('refuses an empty file at the field, before anything is sent', async () => {
    const panel = await openForm();
    const problems = nextPost(panel, 'problems');
    await panel.addFiles([tempFile('empty.log', '')]);
    const shown = await problems;
    assert.strictEqual(shown.scope, 'files');
    assert.match(shown.problems[0]?.message ?? '', /empty\.log is empty/);
    assert.strictEqual(panel.current.files.length, 0);
  });

  it('shows an API 400 next to the field it names, with the troubleshooting ID, and keeps the draft', async () => {
    const panel = await openForm();
    await remote.addFault({
      target: 'createCase',
      kind: 'respond',
      status: 400,
      headers: { 'X-Troubleshooting-ID': 'tid-new-case-400' },
      body: { code: 'BAD_REQUEST', message: "'targetDate' must be a date in the future." },
      times: 1
    });
    const fields = { ...VALID, type: 'Business Service Request', targetDate: '2020-01-01', subject: 'Refused by the API' };
    const problems = nextPost(panel, 'problems');
    const outcome = await panel.submit(fields);
    assert.strictEqual(outcome.kind, 'failed');
    const shown = await problems;
    assert.strictEqual(shown.problems[0]?.field, 'targetDate');
    assert.match(shown.problems[0]?.message ?? '', /must be a date in the future/);
    assert.match(shown.problems[0]?.message ?? '', /tid-new-case-400/);
    assert.match(shown.summary ?? '', /tid-new-case-400/);
    assert.strictEqual(api.newCase.forms.current, panel, 'the form stays open');
    assert.strictEqual(api.newCase.forms.draftOf(account)?.fields.subject, 'Refused by the API', 'the draft is kept');
  });

  it('500 partial completion: says the case was created as N, opens it and clears the draft', async () => {
    const panel = await openForm();
    await panel.addFiles([tempFile('lost.log', 'the document service will drop this')]);
    // The fake creates the case without its attachments, then answers 500 naming the case it created.
    await remote.addFault({ target: 'createCase', kind: 'partialCreate', headers: { 'X-Troubleshooting-ID': 'tid-partial' }, times: 1 });
    const subject = `Partially created ${Date.now()}`;
    const outcome = await panel.submit({ ...VALID, subject });
    assert.strictEqual(outcome.kind, 'partial', JSON.stringify(outcome));
    const created = outcome.kind === 'partial' ? outcome.caseNumber : '';
    assert.deepStrictEqual((await remote.listAll()).filter((c) => c.subject === subject).map((c) => c.caseNumber), [created], 'the case the message names exists');
    assert.ok(api.panels.get({ account, caseNumber: created }), 'the named case opened');
    const warning = api.messages.shown.filter((m) => m.severity === 'warning').pop();
    assert.match(warning?.text ?? '', new RegExp(`created as ${created}, but`));
    assert.match(warning?.text ?? '', /attachments could not be stored/);
    assert.match(warning?.text ?? '', /Troubleshooting ID: tid-partial/);
    assert.strictEqual(api.newCase.forms.draftOf(account), undefined, 'the draft was cleared');
    assert.strictEqual(api.newCase.forms.current, undefined, 'the form closed');
    api.panels.closeAll();
  });

  it('a dropped connection: searches the recent cases before offering to send again, and never sends twice', async () => {
    const panel = await openForm();
    const subject = `Dropped connection ${Date.now()}`;
    // With a body of its own the fault never runs the real handler: the connection drops, nothing is stored.
    await remote.addFault({ target: 'createCase', kind: 'reset', body: { caseNumber: 'not-stored' }, times: 1 });
    await remote.clearRequests();
    const problems = nextPost(panel, 'problems');
    const first = await panel.submit({ ...VALID, subject });
    assert.strictEqual(first.kind, 'failed', JSON.stringify(first));
    assert.match((await problems).summary ?? '', /was not created\. Your draft is kept/);
    assert.strictEqual((await remote.requests('createCase')).length, 1, 'sent once, no automatic resend');
    assert.ok((await remote.requests('listCases')).some((r) => decodeURIComponent(r.query).includes('createdDate')), 'the recent cases were searched');
    assert.strictEqual(api.newCase.forms.draftOf(account)?.fields.subject, subject, 'the draft is kept');

    // The fake creates the case, then the connection drops: the case is found among the recent cases and opened,
    // and not sent again.
    await remote.addFault({ target: 'createCase', kind: 'dropAfterStore', times: 1 });
    await remote.clearRequests();
    const second = await panel.submit({ ...VALID, subject });
    assert.strictEqual(second.kind, 'found', JSON.stringify(second));
    const caseNumber = second.kind === 'found' ? second.caseNumber : '';
    const stored = (await remote.listAll()).filter((c) => c.subject === subject);
    assert.deepStrictEqual(stored.map((c) => c.caseNumber), [caseNumber], 'exactly one case with this subject exists: the one found');
    assert.strictEqual((await remote.requests('createCase')).length, 1);
    assert.ok(api.panels.get({ account, caseNumber }), 'the case found opened');
    assert.strictEqual(api.newCase.forms.draftOf(account), undefined);
    api.panels.closeAll();
  });

  it('a 502 gateway page after the case was created: finds it among the recent cases, opens it, never creates a second', async () => {
    const panel = await openForm();
    const subject = `Behind a gateway ${Date.now()}`;
    const page = '<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1><hr>nginx</body></html>';
    await remote.addFault({ target: 'createCase', kind: 'failAfterStore', status: 502, body: page, times: 1 });
    await remote.clearRequests();
    const result = await panel.submit({ ...VALID, subject });
    assert.strictEqual(result.kind, 'found', JSON.stringify(result));
    const caseNumber = result.kind === 'found' ? result.caseNumber : '';
    const stored = (await remote.listAll()).filter((c) => c.subject === subject);
    assert.deepStrictEqual(stored.map((c) => c.caseNumber), [caseNumber], 'exactly one case with this subject: the one found');
    assert.strictEqual((await remote.requests('createCase')).length, 1, 'not sent again');
    assert.ok(api.panels.get({ account, caseNumber }), 'the case found opened');
    assert.strictEqual(api.newCase.forms.draftOf(account), undefined);
    api.panels.closeAll();
  });

  it('a case whose answer and look-up were both lost is looked up first when the form starts again, and never created twice', async () => {
    const panel = await openForm();
    const subject = `Pending across a restart ${Date.now()}`;
    await remote.addFault({ target: 'createCase', kind: 'failAfterStore', status: 503, times: 1 });
    await remote.addFault({ target: 'listCases', kind: 'respond', status: 500, times: 1 });
    const first = await panel.submit({ ...VALID, subject });
    assert.strictEqual(first.kind, 'failed', JSON.stringify(first));
    assert.strictEqual(api.newCase.forms.draftOf(account)?.fields.subject, subject, 'the draft is kept while the outcome is unknown');
    panel.dispose();
    await remote.clearRequests();
    // The form starts again (as after a window reload): the pending case is looked up before anything is offered.
    await vscode.commands.executeCommand('axwaySupport.createCase');
    const created = (await remote.listAll()).filter((c) => c.subject === subject);
    assert.strictEqual(created.length, 1);
    await eventually(() => api.panels.get({ account, caseNumber: created[0].caseNumber }), 'the case found to open');
    assert.strictEqual((await remote.requests('createCase')).length, 0, 'nothing sent again');
    assert.strictEqual(api.newCase.forms.draftOf(account), undefined, 'the draft is gone once the case was found');
    assert.strictEqual((await remote.listAll()).filter((c) => c.subject === subject).length, 1);
    api.panels.closeAll();
  });

  it('ignores a second submit while one is sending', async () => {
    const panel = await openForm();
    await remote.addFault({ target: 'createCase', kind: 'delay', delayMs: 1500, times: 1 });
    await remote.clearRequests();
    const first = panel.submit({ ...VALID, subject: 'Sent once' });
    await eventually(() => panel.isSending || undefined, 'the first send to start');
    const second = await panel.submit({ ...VALID, subject: 'Sent once' });
    assert.deepStrictEqual(second, { kind: 'busy' });
    assert.strictEqual((await first).kind, 'created');
    assert.strictEqual((await remote.requests('createCase')).length, 1);
    api.panels.closeAll();
  });

  it('keeps the draft (text and files) when the tab closes, and restores it through the serializer', async () => {
    const panel = await openForm();
    const file = tempFile('kept.log', 'kept');
    await panel.addFiles([file]);
    const typed = { ...VALID, subject: 'Typed before closing', description: 'Words that must not be lost.' };
    panel.receive({ type: 'draft', fields: typed });
    await eventually(() => api.newCase.forms.draftOf(account)?.fields.subject === typed.subject || undefined, 'the draft to be stored');
    panel.panel.dispose();
    assert.strictEqual(api.newCase.forms.current, undefined);

    // What VS Code does after a reload: a tab of the form's view type handed to the serializer with the page's state.
    const restoredTab = vscode.window.createWebviewPanel('axwaySupport.newCase', 'New Support Case', vscode.ViewColumn.Active, { enableScripts: true });
    await api.newCase.deserializeWebviewPanel(restoredTab, { account });
    const restored = currentForm();
    assert.ok(restored && restored.panel === restoredTab, 'the serializer adopted the tab');
    const shown = await pageShown(restored);
    assert.strictEqual(shown.subject, typed.subject, 'the page shows the typed subject');
    assert.strictEqual(shown.description, typed.description);
    assert.deepStrictEqual(restored.current.files.map((f) => f.path), [file], 'the chosen file is still attached');
  });

  it('restores no form for another account', async () => {
    const tab = vscode.window.createWebviewPanel('axwaySupport.newCase', 'New Support Case', vscode.ViewColumn.Active, { enableScripts: true });
    let closed = false;
    tab.onDidDispose(() => (closed = true));
    await api.newCase.deserializeWebviewPanel(tab, { account: 'someone-else' });
    assert.strictEqual(closed, true);
    assert.strictEqual(api.newCase.forms.current, undefined);
  });

  it('asks for the products of an account once while the window is open', async () => {
    const panel = await openForm();
    await remote.clearRequests();
    for (const sac of [SAC, OTHER_SAC, OTHER_SAC, SAC]) {
      const products = nextPost(panel, 'products');
      panel.receive({ type: 'loadProducts', sac });
      const message = await products;
      assert.strictEqual(message.sac, sac);
      assert.ok(message.html.includes('<option'), 'options rendered');
    }
    const asked = (await remote.requests('products')).map((r) => decodeURIComponent(r.query));
    // No earlier test asked for INTC's products: exactly one request. GLBX's may have come from the cache already.
    assert.strictEqual(asked.filter((q) => q === `sac=${OTHER_SAC}`).length, 1, asked.join(' '));
    assert.ok(asked.filter((q) => q === `sac=${SAC}`).length <= 1, asked.join(' '));
  });
});
