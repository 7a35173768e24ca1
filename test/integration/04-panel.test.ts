import * as assert from 'assert';
import * as vscode from 'vscode';
import { escapeHtml } from '../../src/util/html';
import { portalCaseUri } from '../../src/network/endpoints';
import { openCasePanel, panelOf, settled } from './reliability';
import { activated, fakeRemote, setUserSetting, signInWithFake, signOut } from './support';

describe('case detail panel', () => {
  before(async () => {
    await fakeRemote().reset();
    await signInWithFake(await activated());
  });

  after(async () => {
    await signOut(await activated());
  });

  it('opens one panel per case, titled with the case number, showing the case', async () => {
    const api = await activated();
    const [first] = await fakeRemote().listAll();
    const detail = await fakeRemote().getCase(first.caseNumber);
    assert.ok(detail);
    const panel = await openCasePanel(api, first.caseNumber);
    assert.strictEqual(panel.state.kind, 'loaded');
    assert.match(panel.panel.title, new RegExp(`^Case ${first.caseNumber}`));
    assert.strictEqual(panel.panel.viewType, 'axwaySupport.case');
    const html = panel.html;
    assert.ok(html.includes(`Content-Security-Policy`));
    assert.match(html, /default-src &#39;none&#39;/);
    for (const note of detail.notes ?? []) {
      assert.ok(html.includes(escapeHtml(note.subject)), `note ${note.subject} missing`);
    }
    assert.ok(html.includes(escapeHtml(detail.status)));
    assert.ok(html.includes(escapeHtml(detail.subject)));
  });

  it('reveals the existing panel when the case is opened again (no second request, no second panel)', async () => {
    const api = await activated();
    const [first] = await fakeRemote().listAll();
    // Opened here (or still open from the test before): what counts is the second opening.
    await openCasePanel(api, first.caseNumber);
    const remote = fakeRemote();
    await remote.clearRequests();
    const again = await openCasePanel(api, first.caseNumber);
    assert.strictEqual(api.panels.openRefs.filter((ref) => ref.caseNumber === first.caseNumber).length, 1);
    assert.strictEqual(again.panel.active || again.panel.visible, true);
    assert.strictEqual((await remote.requests('getCase')).length, 0);
  });

  it('shows "not found" for an unknown case number, with the troubleshooting id and a retry button', async () => {
    const api = await activated();
    const panel = await openCasePanel(api, '00000404');
    assert.ok(panel.state.kind === 'error' && panel.state.error.kind === 'notFound');
    assert.match(panel.html, /00000404/);
    assert.match(panel.html, /not found/i);
    assert.match(panel.html, /Troubleshooting ID/);
    assert.match(panel.html, /data-action="refresh"/);
    panel.dispose();
  });

  it('closes case panels on sign-out so no case data stays on screen', async () => {
    const api = await activated();
    const [first, second] = await fakeRemote().listAll();
    await openCasePanel(api, first.caseNumber);
    await openCasePanel(api, second.caseNumber);
    assert.ok(api.panels.openRefs.length >= 2, 'two case tabs are open');
    await signOut(api);
    assert.deepStrictEqual(api.panels.openRefs, []);
    await signInWithFake(api);
  });

  it('builds the support-portal address from the portalCaseUrl setting and refuses plain http', async () => {
    assert.strictEqual(portalCaseUri('01314580').toString(true), 'https://support.axway.com/en/case-global/view/id/01314580');
    const original = vscode.workspace.getConfiguration('axwaySupport').inspect<string>('portalCaseUrl')?.globalValue;
    try {
      await setUserSetting('axwaySupport.portalCaseUrl', 'https://portal.example.com/cases/{caseNumber}?tab=notes');
      assert.strictEqual(portalCaseUri('01314580').toString(true), 'https://portal.example.com/cases/01314580?tab=notes');
      await setUserSetting('axwaySupport.portalCaseUrl', 'http://portal.example.com/{caseNumber}');
      assert.throws(() => portalCaseUri('1'), /https/);
    } finally {
      await setUserSetting('axwaySupport.portalCaseUrl', original);
    }
  });

  it('restores a panel after a reload from its saved state, or from its title when no state was saved yet', async () => {
    const api = await activated();
    const account = api.model.account;
    assert.ok(account);
    const [, second, third] = await fakeRemote().listAll();
    const options = { enableScripts: true };
    const fromState = vscode.window.createWebviewPanel('axwaySupport.case', 'Case (restoring)', vscode.ViewColumn.Active, options);
    await api.panels.deserializeWebviewPanel(fromState, { account, caseNumber: second.caseNumber });
    const fromTitle = vscode.window.createWebviewPanel('axwaySupport.case', `Case ${third.caseNumber}: an old title`, vscode.ViewColumn.Active, options);
    await api.panels.deserializeWebviewPanel(fromTitle, undefined);
    for (const caseNumber of [second.caseNumber, third.caseNumber]) {
      const panel = panelOf(api, caseNumber);
      assert.ok(panel, `panel for ${caseNumber} was not restored`);
      assert.strictEqual((await settled(panel)).kind, 'loaded');
    }
    for (const unusableState of [{ caseNumber: '' }, { caseNumber: 42 }, { account: 7, caseNumber: second.caseNumber }, 'Case 1']) {
      let disposed = false;
      const unusable = vscode.window.createWebviewPanel('axwaySupport.case', 'Something else', vscode.ViewColumn.Active, options);
      unusable.onDidDispose(() => (disposed = true));
      await api.panels.deserializeWebviewPanel(unusable, unusableState);
      assert.strictEqual(disposed, true, `a panel restored from ${JSON.stringify(unusableState)} should be closed`);
    }
    panelOf(api, second.caseNumber)?.dispose();
    panelOf(api, third.caseNumber)?.dispose();
  });
});
