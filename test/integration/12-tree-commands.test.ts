// The Recent Cases rows and the commands behind them, in real VS Code against the fake Support API: what a row
// carries (a CaseRef), Copy Case Number, odd and missing case numbers, "Load more" against a server that ignores
// offset, the rows' accessible names, the context menus' contextValues, and the answer shapes the reference
// allows (no totalCount, no closedDate).
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { AxwaySupportTestApi } from '../../src/extension';
import { singleListState, type CasesState } from '../../src/cases/casesModel';
import type { CasePanel } from '../../src/views/caseTab/casePanel';
import { nodesFor } from '../../src/views/casesTreeProvider';
import { AccountNode, CaseNode, CaseTreeNode, CONTEXT, ErrorNode, LoadMoreNode } from '../../src/views/treeNodes';
import type { FakeCaseSummary } from '../fake-api/types';
import { settled } from './reliability';
import { activated, eventually, extension, fakeRemote, signInWithFake, signOut, waitForState } from './support';

/** Not something a person would type (space, slash, '?', '#'): the API layer must URL-encode it. */
const ODD_NUMBER = 'CASE 12/34?#x';

function caseNodes(api: AxwaySupportTestApi): CaseNode[] {
  return api.tree.getChildren().filter((n): n is CaseNode => n.kind === 'case');
}

async function refresh(api: AxwaySupportTestApi): Promise<CaseTreeNode[]> {
  // Reload, not the incremental Refresh: the tests change the fake's data and shapes underneath the list.
  await vscode.commands.executeCommand('axwaySupport.reload');
  await waitForState(api, (s) => s.kind === 'loaded' && s.busy === undefined);
  return api.tree.getChildren();
}

/**
 * Runs a command to its end. A command that opened an input box would wait for a person forever: the generous
 * guard turns that into a failure naming the cause (and closes the box so later tests are not blocked).
 */
async function runToEnd(command: string, ...args: unknown[]): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const guard = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${command} did not finish within 15 s: is it waiting for input?`)), 15_000);
  });
  try {
    await Promise.race([vscode.commands.executeCommand(command, ...args), guard]);
  } catch (err) {
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    throw err;
  } finally {
    clearTimeout(timer);
  }
}

/** A list entry as the API might send it, without a case number. */
function withoutNumber(subject: string): Record<string, unknown> {
  return { subject, status: 'In Support', severity: '2 - Urgent', type: 'Support Case', createdDate: '2025-01-02T03:04:05.000+0000', modifiedDate: '2025-01-03T03:04:05.000+0000' };
}

/** The open tab of a case of the signed-in account. */
function tabOf(api: AxwaySupportTestApi, caseNumber: string): CasePanel | undefined {
  const account = api.model.account;
  return account === undefined ? undefined : api.panels.get({ account, caseNumber });
}

function openTabCount(api: AxwaySupportTestApi): number {
  return api.panels.openRefs.length;
}

function closePanels(panels: readonly (CasePanel | undefined)[]): void {
  for (const panel of panels) {
    panel?.panel.dispose();
  }
}

describe('Recent Cases rows and their commands', () => {
  let api: AxwaySupportTestApi;

  before(async () => {
    await fakeRemote().reset();
    api = await activated();
    await signInWithFake(api);
    api.tree.getChildren();
    await waitForState(api, (s) => s.kind === 'loaded' && s.busy === undefined);
  });

  afterEach(async () => {
    // Shapes and faults are per test; reset() also restores the seeded cases.
    await fakeRemote().reset();
  });

  after(async () => {
    await signOut(api);
  });

  it('Copy Case Number puts the case number on the clipboard, from a row (context menu) or a CaseRef', async () => {
    const [first, second] = caseNodes(api);
    await vscode.env.clipboard.writeText('not a case number');
    await runToEnd('axwaySupport.copyCaseNumber', first);
    assert.strictEqual(await vscode.env.clipboard.readText(), first.summary.caseNumber);
    await runToEnd('axwaySupport.copyCaseNumber', { account: api.model.account, caseNumber: second.summary.caseNumber });
    assert.strictEqual(await vscode.env.clipboard.readText(), second.summary.caseNumber);
  });

  it('a case number nobody would type still opens its case (URL-encoded) and copies, without an input box', async () => {
    const remote = fakeRemote();
    await remote.upsertCase({ caseNumber: ODD_NUMBER, subject: 'A case with an odd number' });
    await refresh(api);
    const row = caseNodes(api).find((n) => n.summary.caseNumber === ODD_NUMBER);
    assert.ok(row, 'the odd case has a row');
    assert.deepStrictEqual(row.command?.arguments, [{ account: api.model.account, caseNumber: ODD_NUMBER }]);
    await remote.clearRequests();
    // What a click on the row runs.
    await runToEnd(row.command?.command ?? '', ...(row.command?.arguments ?? []));
    const panel = tabOf(api, ODD_NUMBER);
    assert.ok(panel, 'a tab for the odd case');
    try {
      const content = await settled(panel);
      assert.strictEqual(content.kind, 'loaded', JSON.stringify(content).slice(0, 300));
      const requests = await remote.requests('getCase');
      assert.ok(requests.some((r) => r.path.endsWith(`/case/${encodeURIComponent(ODD_NUMBER)}`)), requests.map((r) => r.path).join(', '));
      await runToEnd('axwaySupport.copyCaseNumber', row);
      assert.strictEqual(await vscode.env.clipboard.readText(), ODD_NUMBER);
    } finally {
      closePanels([panel]);
    }
  });

  it('cases sent without a number get a row each with its own id; opening one says it has no number and asks nothing', async () => {
    const remote = fakeRemote();
    const [numbered] = await remote.listAll();
    await remote.addFault({
      target: 'listCases', kind: 'respond', status: 200, times: 1,
      body: { totalCount: 3, limit: 20, offset: 0, cases: [withoutNumber('Lost its number'), withoutNumber('Lost its number'), numbered] }
    });
    await refresh(api);
    const nodes = caseNodes(api);
    assert.deepStrictEqual(nodes.map((n) => [n.summary.caseNumber, n.label]), [['', 'Lost its number'], ['', 'Lost its number'], [numbered.caseNumber, `${numbered.caseNumber} · ${numbered.subject}`]]);
    assert.strictEqual(new Set(nodes.map((n) => n.id)).size, 3, `distinct ids: ${nodes.map((n) => n.id).join(', ')}`);
    const [lost] = nodes;
    assert.match(String(lost.description), /^no case number · /);
    assert.match(lost.accessibilityInformation?.label ?? '', /^Case without a case number: Lost its number/);
    assert.strictEqual(lost.contextValue, undefined, 'no portal link or copy in its context menu');

    const panelsBefore = openTabCount(api);
    await vscode.env.clipboard.writeText('unchanged');
    const shownBefore = api.messages.mark();
    await runToEnd(lost.command?.command ?? '', ...(lost.command?.arguments ?? []));
    await runToEnd('axwaySupport.openCase', lost);
    await runToEnd('axwaySupport.openInPortal', lost);
    await runToEnd('axwaySupport.copyCaseNumber', lost);
    assert.strictEqual(openTabCount(api), panelsBefore, 'no tab opened');
    assert.strictEqual(await vscode.env.clipboard.readText(), 'unchanged');
    const told = api.messages.since(shownBefore);
    assert.deepStrictEqual(told.map((m) => m.severity), ['error', 'error', 'error', 'error'], `one message per attempt: ${JSON.stringify(told)}`);
    assert.match(told[0].text, /This case has no case number in the Support API's answer, so it cannot be opened/);
    assert.match(told[2].text, /so it has no page in the support portal/);
    assert.match(told[3].text, /so there is nothing to copy/);
    assert.ok(api.logger.lines.some((line) => line.includes('has no case number')), 'and the log says so');
  });

  it('"Load more" ends when the server ignores offset and brings no new cases', async () => {
    const remote = fakeRemote();
    await remote.setListShape({ ignoreOffset: true });
    let nodes = await refresh(api);
    assert.strictEqual(nodes[nodes.length - 1].kind, 'loadMore', 'a full first page offers more');
    await remote.clearRequests();
    await vscode.commands.executeCommand('axwaySupport.loadMore');
    nodes = api.tree.getChildren();
    assert.ok(!nodes.some((n) => n.kind === 'loadMore'), `no "Load more" row after a page of repeats: ${nodes.map((n) => n.kind).join(',')}`);
    assert.strictEqual(caseNodes(api).length, 20);
    await vscode.commands.executeCommand('axwaySupport.loadMore');
    const offsets = (await remote.requests('listCases')).map((r) => new URLSearchParams(r.query).get('offset'));
    assert.deepStrictEqual(offsets, ['20'], 'one request for the second page, none after it');
  });

  it('special rows stay tree items and say in their accessible name what activating them does', async () => {
    const real = await refresh(api);
    const loadMore = real[real.length - 1];
    assert.strictEqual(loadMore.kind, 'loadMore');
    const loadedCount = caseNodes(api).length;
    assert.strictEqual(
      loadMore.accessibilityInformation?.label,
      `Load more cases. Activate to load ${Math.min(20, 57 - loadedCount)} more. ${loadedCount} of 57 cases loaded.`
    );
    const error = (details: ConstructorParameters<typeof ErrorNode>[0], placement: 'list' | 'loadMore' = 'list'): string =>
      new ErrorNode(details, placement).accessibilityInformation?.label ?? '';
    assert.strictEqual(error({ kind: 'server', message: 'Down.', troubleshootingId: 'tid-1' }), 'Error: Down. Troubleshooting ID tid-1. Activate to reload the cases.');
    assert.match(error({ kind: 'server', message: 'Down' }, 'loadMore'), /Activate to load more cases again\.$/);
    assert.match(error({ kind: 'credentialsRejected', message: 'Rejected' }), /Activate to sign in\.$/);
    assert.match(error({ kind: 'config', message: 'Bad proxy', setting: 'http.proxy' }), /Activate to open the setting http\.proxy\.$/);

    const loadedState = api.model.state;
    const states: CasesState[] = [
      { kind: 'loading' },
      { kind: 'error', error: { kind: 'notSignedIn', message: 'Sign in' } },
      { kind: 'error', error: { kind: 'server', message: 'Down' } },
      singleListState({ cases: [], hasMore: false }),
      loadedState,
      loadedState.kind === 'loaded' ? { ...loadedState, busy: 'loadMore', refreshError: { kind: 'timeout', message: 'Slow' } } : loadedState,
      loadedState.kind === 'loaded' ? { ...loadedState, loadMoreError: { kind: 'config', message: 'Bad', setting: 'http.proxy' } } : loadedState
    ];
    // Also the row a page being loaded shows in place of "Load more", and an error row for each next step.
    const rows = [...real, ...states.flatMap((s) => nodesFor(s, api.model.account)),
      new LoadMoreNode(true, loadedCount, 57),
      new ErrorNode({ kind: 'credentialsRejected', message: 'Rejected' }, 'list'),
      new ErrorNode({ kind: 'config', message: 'Bad proxy', setting: 'http.proxy' }, 'loadMore'),
      new ErrorNode({ kind: 'server', message: 'Down' }, 'loadMore')
    ];
    // Every special row kind is covered: loading, empty, load more (idle and loading), and error rows whose next step is
    // signing in, opening a setting or retrying.
    assert.deepStrictEqual(
      ['loading', 'empty', 'loadMore', 'error'].filter((kind) => !rows.some((r) => r.kind === kind)),
      [],
      `every special row kind is checked; got ${rows.map((r) => r.kind).join(',')}`
    );
    assert.ok(rows.some((r) => r.kind === 'loadMore' && r.command === undefined), 'a loading "Load more" row is checked');
    for (const context of ['errorSignIn', 'errorSettings', 'errorRetry'] as const) {
      assert.ok(rows.some((r) => r.kind === 'error' && r.contextValue === CONTEXT[context]), `an error row offering ${context} is checked`);
    }
    for (const row of rows) {
      assert.strictEqual(row.accessibilityInformation?.role, 'treeitem', `${row.kind} "${String(row.label)}" keeps the tree's role`);
      assert.ok(row.accessibilityInformation?.label, `${row.kind} has an accessible name`);
      if (row.command) {
        assert.ok(row.kind === 'case' || /Activate to /.test(row.accessibilityInformation.label), `${row.kind} says what it does: ${row.accessibilityInformation.label}`);
      }
    }
  });

  it('a proxy-setting error row opens the proxy setting; other setting errors open their own setting', () => {
    const proxy = new ErrorNode({ kind: 'config', message: 'The proxy setting is not a valid URL.', setting: 'http.proxy' }, 'list');
    assert.strictEqual(proxy.command?.command, 'workbench.action.openSettings');
    assert.deepStrictEqual(proxy.command?.arguments, ['http.proxy']);
    assert.strictEqual(proxy.description, 'Open Settings');
    // A proxy that refuses or cannot be reached is a network error; the setting it names still decides the action.
    const unreachable = new ErrorNode({ kind: 'network', code: 'EPROXY', message: 'Could not connect to the proxy 127.0.0.1:9.', setting: 'http.proxy' }, 'loadMore');
    assert.deepStrictEqual([unreachable.command?.command, unreachable.command?.arguments], ['workbench.action.openSettings', ['http.proxy']]);
    assert.strictEqual(unreachable.contextValue, 'axwaySupport.error.settings');
    const unnamed = new ErrorNode({ kind: 'config', message: 'Something is wrong.' }, 'list');
    assert.deepStrictEqual(unnamed.command?.arguments, ['axwaySupport'], 'no setting named: the extension\'s own settings');
  });

  it("every row's contextValue is used by a context menu, and every menu's viewItem is produced by a row", () => {
    const menus = (extension().packageJSON as { contributes: { menus: Record<string, { command: string; when?: string }[]> } }).contributes.menus;
    const itemMenus = menus['view/item/context'] ?? [];
    const clauses = itemMenus.map((m) => {
      assert.ok(m.when?.includes('view == axwaySupport.cases'), `${m.command} is limited to the Recent Cases view`);
      const equal = /viewItem == ([\w.]+)/.exec(m.when ?? '');
      const regex = /viewItem =~ \/(.+?)\//.exec(m.when ?? '');
      assert.ok(equal || regex, `${m.command}: a viewItem clause in "${m.when}"`);
      return { command: m.command, matches: (value: string): boolean => (equal ? equal[1] === value : new RegExp(regex?.[1] ?? '$^').test(value)) };
    });

    const state = api.model.state;
    assert.strictEqual(state.kind, 'loaded');
    const summary = state.kind === 'loaded' ? state.cases[0] : undefined;
    assert.ok(summary);
    const every: CasesState[] = [
      { kind: 'loading' },
      singleListState({ cases: [], hasMore: false }),
      singleListState({ cases: [summary, { ...summary, caseNumber: '' }], hasMore: true, refreshError: { kind: 'server', message: 'x' } }),
      singleListState({ cases: [summary], hasMore: true, busy: 'loadMore', refreshError: { kind: 'credentialsRejected', message: 'x' }, loadMoreError: { kind: 'config', message: 'x', setting: 'http.proxy' } }),
      singleListState({ cases: [{ ...summary, caseNumber: 'closed-1', status: 'Open' }, { ...summary, caseNumber: 'closed-2', status: 'Closed' }], hasMore: false }),
      { kind: 'error', error: { kind: 'notSignedIn', message: 'x' } },
      { kind: 'error', error: { kind: 'config', message: 'x' } }
    ];
    // With several accounts signed in, each has a root row.
    const rows = [...every.flatMap((s) => nodesFor(s, 'account-1')), new AccountNode('account-1', 'ACME', 'client-1', []), new AccountNode('account-2', 'Initech', 'client-2', [], 'Open')];
    assert.deepStrictEqual([...new Set(rows.map((r) => r.kind))].sort(), ['account', 'case', 'empty', 'error', 'loadMore', 'loading']);
    const values = [...new Set(rows.map((r) => r.contextValue).filter((v): v is string => v !== undefined))].sort();
    assert.deepStrictEqual(values, ['axwaySupport.account', 'axwaySupport.account.filtered', 'axwaySupport.case.closed', 'axwaySupport.case.open', 'axwaySupport.error.retry', 'axwaySupport.error.settings', 'axwaySupport.error.signIn']);
    for (const value of values) {
      assert.ok(clauses.some((c) => c.matches(value)), `no menu uses contextValue ${value}`);
    }
    for (const clause of clauses) {
      assert.ok(values.some((v) => clause.matches(v)), `the menu entry of ${clause.command} matches no row`);
    }
    const menuOf = (value: string): string[] => [...new Set(clauses.filter((c) => c.matches(value)).map((c) => c.command))].sort();
    // Each account root filters, sorts and groups its own list (Clear Filter only while it has a filter), and adds
    // another account beside it.
    assert.deepStrictEqual(menuOf('axwaySupport.account'), ['axwaySupport.addAccount', 'axwaySupport.filter', 'axwaySupport.groupBy', 'axwaySupport.refresh', 'axwaySupport.renameAccount', 'axwaySupport.signOut', 'axwaySupport.sortBy']);
    assert.deepStrictEqual(menuOf('axwaySupport.account.filtered'), ['axwaySupport.addAccount', 'axwaySupport.clearFilter', 'axwaySupport.filter', 'axwaySupport.groupBy', 'axwaySupport.refresh', 'axwaySupport.renameAccount', 'axwaySupport.signOut', 'axwaySupport.sortBy']);
    assert.deepStrictEqual(menuOf('axwaySupport.case.closed'), ['axwaySupport.addNote', 'axwaySupport.copyCaseNumber', 'axwaySupport.openCase', 'axwaySupport.openInPortal']);
    assert.deepStrictEqual(menuOf('axwaySupport.case.open'), ['axwaySupport.addNote', 'axwaySupport.closeCase', 'axwaySupport.copyCaseNumber', 'axwaySupport.openCase', 'axwaySupport.openInPortal']);
    // Add Note matches a case row whatever suffix the row's contextValue gains (e.g. open/closed).
    assert.ok(clauses.some((c) => c.command === 'axwaySupport.addNote' && c.matches('axwaySupport.case.open') && !c.matches('axwaySupport.cases')));
  });

  describe('answers without totalCount and open cases without closedDate (both allowed by the reference)', () => {
    /** Loads every page, checks the rows against the fake's list, opens one open and one closed case. */
    async function checkTreeAndTabs(label: string): Promise<{ withoutTotal: boolean; withoutClosedDate: number }> {
      const remote = fakeRemote();
      await refresh(api);
      let withoutTotal = false;
      for (let guard = 0; guard < 10 && api.model.state.kind === 'loaded' && api.model.state.hasMore; guard++) {
        const loadMore = api.tree.getChildren().find((n) => n.kind === 'loadMore');
        assert.ok(loadMore, `${label}: a "Load more" row while more exist`);
        if (api.model.state.totalCount === undefined) {
          withoutTotal = true;
          assert.match(String(loadMore.description), /^\d+ loaded$/, `${label}: ${String(loadMore.description)}`);
          assert.match(loadMore.accessibilityInformation?.label ?? '', /^Load more cases\. Activate to load 20 more\. \d+ cases loaded\.$/);
        } else {
          assert.match(String(loadMore.description), /^\d+ of 57$/);
        }
        await vscode.commands.executeCommand('axwaySupport.loadMore');
      }
      const all: FakeCaseSummary[] = await remote.listAll();
      const nodes = caseNodes(api);
      assert.deepStrictEqual(nodes.map((n) => n.summary.caseNumber), all.map((c) => c.caseNumber), `${label}: every case, in order`);
      assert.ok(!api.tree.getChildren().some((n) => n.kind === 'loadMore' || n.kind === 'error'), `${label}: no "Load more" or error row at the end`);
      for (const node of nodes) {
        const plain = (node.tooltip as vscode.MarkdownString).value.replace(/\\(.)/g, '$1');
        assert.strictEqual(/Closed: /.test(plain), node.summary.status === 'Closed', `${label}: ${node.summary.caseNumber} (${node.summary.status}) tooltip: ${plain}`);
      }
      const listed = (await remote.requests('listCases')).length;
      assert.ok(listed > 0);
      const withoutClosedDate = nodes.filter((n) => n.summary.closedDate === undefined).length;

      const open = all.find((c) => c.status !== 'Closed');
      const closed = all.find((c) => c.status === 'Closed');
      assert.ok(open && closed);
      const panels: (CasePanel | undefined)[] = [];
      try {
        for (const summary of [open, closed]) {
          const row = nodes.find((n) => n.summary.caseNumber === summary.caseNumber);
          assert.ok(row);
          await runToEnd('axwaySupport.openCase', row);
          const panel = tabOf(api, summary.caseNumber);
          panels.push(panel);
          assert.ok(panel, `${label}: a tab for ${summary.caseNumber}`);
          const content = await settled(panel);
          assert.strictEqual(content.kind, 'loaded', `${label}: ${summary.caseNumber}: ${JSON.stringify(content).slice(0, 300)}`);
          if (content.kind === 'loaded') {
            assert.strictEqual(content.detail.closedDate === undefined, summary.status !== 'Closed', `${label}: ${summary.caseNumber} closedDate`);
          }
        }
      } finally {
        closePanels(panels);
      }
      return { withoutTotal, withoutClosedDate };
    }

    it('no totalCount and no closedDate at all', async () => {
      await fakeRemote().setListShape({ totalCount: 'omit', closedDate: 'omit' });
      const seen = await checkTreeAndTabs('omitted');
      assert.ok(seen.withoutTotal);
      assert.ok(seen.withoutClosedDate > 0);
      const answer = await fakeRemote().requests('listCases');
      assert.ok(answer.length >= 3, 'paged to the end without a total');
    });

    it('totalCount present and closedDate null on open cases', async () => {
      await fakeRemote().setListShape({ totalCount: 'always', closedDate: 'null' });
      const seen = await checkTreeAndTabs('null');
      assert.strictEqual(seen.withoutTotal, false);
    });

    it('both omitted at random (seeded), as a real server may mix them', async () => {
      const remote = fakeRemote();
      await remote.setListShape({ totalCount: 'random', closedDate: 'random', seed: 20261201 });
      // A fresh sign-in state is not needed: the shape changes what the next answers look like.
      const seen = await checkTreeAndTabs('random');
      assert.ok(seen.withoutClosedDate > 0, 'some open cases came without closedDate');
      await eventually(async () => (await remote.requests('listCases')).length >= 3 || undefined, 'three list answers');
    });
  });
});
