import * as assert from 'assert';
import * as vscode from 'vscode';
import { CaseNode, ErrorNode } from '../../src/views/treeNodes';
import { activated, fakeRemote, rows, setUserSetting, signInWithFake, signOut, waitForState } from './support';

describe('Recent Cases tree', () => {
  before(async () => {
    await fakeRemote().reset();
    await signInWithFake(await activated());
  });

  after(async () => {
    await fakeRemote().reset();
    await signOut(await activated());
  });

  it('shows the 20 most recently modified cases and a "load more" row after sign-in', async () => {
    const api = await activated();
    rows(api); // the view asking for its rows starts the first load
    await waitForState(api, (s) => s.kind === 'loaded');
    const expected = (await fakeRemote().listAll()).slice(0, 20);
    const nodes = api.tree.getChildren();
    const cases = nodes.filter((n): n is CaseNode => n.kind === 'case');
    assert.deepStrictEqual(cases.map((n) => n.summary.caseNumber), expected.map((c) => c.caseNumber));
    // The number leads the label (VS Code's type-to-find matches labels only); the status is the description.
    assert.strictEqual(cases[0].label, `${expected[0].caseNumber} · ${expected[0].subject}`);
    assert.strictEqual(cases[0].description, expected[0].status);
    assert.ok(cases[0].accessibilityInformation?.label.includes(expected[0].caseNumber));
    assert.strictEqual(cases[0].command?.command, 'axwaySupport.openCase');
    // The row's command carries the case's account and number (a CaseRef), and its id is built from both.
    assert.ok(api.model.account, 'signed in with an account');
    assert.deepStrictEqual(cases[0].command?.arguments, [{ account: api.model.account, caseNumber: expected[0].caseNumber }]);
    assert.strictEqual(cases[0].id, `case:${api.model.account}/${expected[0].caseNumber}`);
    assert.strictEqual(new Set(nodes.map((n) => n.id)).size, nodes.length, 'every row has its own id');
    assert.ok(cases[0].tooltip instanceof vscode.MarkdownString);
    const tooltip = cases[0].tooltip as vscode.MarkdownString;
    assert.strictEqual(tooltip.isTrusted, false);
    // appendText() backslash-escapes Markdown punctuation and may encode spaces; compare the plain text.
    const plain = tooltip.value.replace(/\\(.)/g, '$1').replace(/&nbsp;/g, ' ');
    for (const text of [expected[0].severity, expected[0].type, 'Created', 'Modified']) {
      assert.ok(plain.includes(text), `tooltip lacks ${text}: ${tooltip.value}`);
    }
    // The icon's colour follows the severity ("1 - Critical" red ... "4 - Minor" blue).
    for (const node of cases) {
      const icon = node.iconPath as vscode.ThemeIcon;
      assert.ok(icon instanceof vscode.ThemeIcon);
      const digit = node.summary.severity.charAt(0);
      const expectedColor = { '1': 'charts.red', '2': 'charts.orange', '3': 'charts.yellow', '4': 'charts.blue' }[digit];
      assert.strictEqual(icon.color?.id, expectedColor, `icon colour for ${node.summary.severity}`);
    }
    assert.strictEqual(nodes[nodes.length - 1].kind, 'loadMore');
  });

  it('"load more" appends the next page', async () => {
    const api = await activated();
    await vscode.commands.executeCommand('axwaySupport.loadMore');
    const expected = (await fakeRemote().listAll()).slice(0, 40).map((c) => c.caseNumber);
    const cases = api.tree.getChildren().filter((n): n is CaseNode => n.kind === 'case');
    assert.deepStrictEqual(cases.map((n) => n.summary.caseNumber), expected);
  });

  it('refresh shows changed server data on top and keeps both pages', async () => {
    const api = await activated();
    await fakeRemote().upsertCase({ caseNumber: '07000001', subject: 'Refresh brings me to the top' });
    await vscode.commands.executeCommand('axwaySupport.refresh');
    const cases = api.tree.getChildren().filter((n): n is CaseNode => n.kind === 'case');
    assert.strictEqual(cases[0].summary.caseNumber, '07000001');
    assert.strictEqual(cases[0].label, '07000001 · Refresh brings me to the top');
    // Refresh merges the change into place: the new case joins the 40 loaded ones.
    assert.strictEqual(cases.length, 41);
  });

  it('shows an error row with the message, the troubleshooting id and a retry action, then recovers', async () => {
    const api = await activated();
    const remote = fakeRemote();
    await remote.addFault({ target: 'listCases', kind: 'respond', status: 500, body: { code: 'SERVER_ERROR', message: 'Database unavailable' }, headers: { 'X-Troubleshooting-ID': 'tid-int-500' }, times: 1 });
    await vscode.commands.executeCommand('axwaySupport.refresh');
    const nodes = api.tree.getChildren();
    const error = nodes[0] as ErrorNode;
    assert.strictEqual(error.kind, 'error');
    assert.match(String(error.label), /Database unavailable/);
    assert.match(String(error.description), /tid-int-500/);
    assert.strictEqual(error.command?.command, 'axwaySupport.refresh');
    assert.ok(nodes.some((n) => n.kind === 'case'), 'the cases loaded before stay visible');
    await vscode.commands.executeCommand('axwaySupport.refresh');
    assert.strictEqual(api.tree.getChildren()[0].kind, 'case');
  });

  it('shows "No cases" when the account has none', async () => {
    const api = await activated();
    await fakeRemote().setCaseCount(0);
    // Cases vanishing is not a change Refresh asks about (the API has no deletions): Reload loads from the top.
    await vscode.commands.executeCommand('axwaySupport.reload');
    assert.deepStrictEqual(rows(api).map((r) => [r.kind, r.label]), [['empty', 'No cases']]);
    await fakeRemote().reset();
    await vscode.commands.executeCommand('axwaySupport.reload');
  });

  it('refuses a non-https API URL with a clear message and does not send anything there', async () => {
    const api = await activated();
    const original = vscode.workspace.getConfiguration('axwaySupport').inspect<string>('apiBaseUrl')?.globalValue;
    try {
      await setUserSetting('axwaySupport.apiBaseUrl', 'http://support.example.com/sphere/api/v1');
      await vscode.commands.executeCommand('axwaySupport.refresh');
      const first = api.tree.getChildren()[0] as ErrorNode;
      assert.strictEqual(first.kind, 'error');
      assert.strictEqual(first.error.kind, 'config');
      assert.match(first.error.message, /axwaySupport\.apiBaseUrl/);
      assert.match(first.error.message, /https/);
      assert.strictEqual(first.command?.command, 'workbench.action.openSettings');
      assert.deepStrictEqual(first.command?.arguments, ['axwaySupport.apiBaseUrl'], 'opens the setting that is wrong');
      assert.match(first.accessibilityInformation?.label ?? '', /Activate to open the setting axwaySupport\.apiBaseUrl/);
    } finally {
      await setUserSetting('axwaySupport.apiBaseUrl', original);
    }
    await vscode.commands.executeCommand('axwaySupport.refresh');
    assert.strictEqual(api.tree.getChildren()[0].kind, 'case');
  });

  it('shows a loading row while the first page is on its way', async () => {
    const api = await activated();
    await signOut(api);
    // What the view shows at every change of the model, in order: no delay to outrun, the order is the proof.
    const shown: string[][][] = [];
    const sub = api.model.onDidChange(() => shown.push(rows(api).map((r) => [r.kind, r.label])));
    try {
      await signInWithFake(api);
      shown.push(rows(api).map((r) => [r.kind, r.label]));
      await waitForState(api, (s) => s.kind === 'loaded');
    } finally {
      sub.dispose();
    }
    const loading = shown.findIndex((r) => JSON.stringify(r) === JSON.stringify([['loading', 'Loading cases…']]));
    const cases = shown.findIndex((r) => r[0]?.[0] === 'case');
    assert.ok(loading >= 0 && cases > loading, `rows shown in order: ${JSON.stringify(shown.map((r) => r.map((c) => c[0])))}`);
    assert.strictEqual(rows(api)[0].kind, 'case');
  });
});
