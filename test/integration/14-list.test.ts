// Issue 9 in real VS Code against the fake Support API: filters, sort and groups sent to the server, the view's
// description and badge, the "updated" decoration, a 1-request Refresh, the cached list after a reload with the API
// down, and sign-out removing the cache and seen state.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { CasesModel } from '../../src/cases/casesModel';
import { viewKey, DEFAULT_VIEW } from '../../src/cases/caseGroups';
import { CasesTreeProvider } from '../../src/views/casesTreeProvider';
import { cachedMessage, viewMessage } from '../../src/views/casesViewChrome';
import { CaseNode, GroupNode } from '../../src/views/treeNodes';
import type { AxwaySupportTestApi } from '../../src/extension';
import { activated, fakeRemote, signedInAndLoaded, signInWithFake, signOut, waitForState } from './support';
import { assertEvery } from '../support/every';

function caseRows(api: AxwaySupportTestApi): CaseNode[] {
  return api.tree.getChildren().filter((n): n is CaseNode => n.kind === 'case');
}

async function listQueries(): Promise<URLSearchParams[]> {
  return (await fakeRemote().requests('listCases')).map((r) => new URLSearchParams(r.query));
}

describe('find and follow cases: filter, sort, group, updated marks', () => {
  before(async () => {
    await signedInAndLoaded();
  });

  after(async () => {
    // The view is remembered across reloads: leave the default one for the suites after this one.
    await vscode.commands.executeCommand('axwaySupport.clearFilter');
    await vscode.commands.executeCommand('axwaySupport.sortBy', 'modified');
    await vscode.commands.executeCommand('axwaySupport.groupBy', 'none');
    await fakeRemote().reset();
  });

  it('filters on the server, says so in the view description, and Clear Filter brings everything back', async () => {
    const api = await activated();
    await fakeRemote().clearRequests();
    await vscode.commands.executeCommand('axwaySupport.filter', { state: 'open', types: ['Support Case'] });
    const rows = caseRows(api);
    assert.ok(rows.length > 0);
    assert.ok(rows.every((r) => r.summary.status !== 'Closed' && r.summary.type === 'Support Case'));
    const query = JSON.parse((await listQueries())[0].get('query') ?? '{}') as Record<string, unknown>;
    assert.deepStrictEqual(query, { statuses: { exclude: ['Closed'] }, types: { include: ['Support Case'] } });
    assert.strictEqual(api.casesView.description, 'Open · Support Case');
    // Also in the message: VS Code hides the description of a view alone in its container.
    assert.strictEqual(api.casesView.message, 'Filter: Open · Support Case.');
    await vscode.commands.executeCommand('axwaySupport.clearFilter');
    assert.strictEqual(api.casesView.description, undefined);
    assert.strictEqual(api.casesView.message, undefined);
    const all = (await fakeRemote().listAll()).slice(0, 20).map((c) => c.caseNumber);
    assert.deepStrictEqual(caseRows(api).map((r) => r.summary.caseNumber), all);
  });

  it('filters by account: the request carries the sac, only that account\'s cases are rows, the view names the account', async () => {
    const api = await activated();
    const sac = 'INTC-11873';
    await fakeRemote().clearRequests();
    await vscode.commands.executeCommand('axwaySupport.filter', { state: 'open', sac, accountName: 'Initech Logistics GmbH' });
    const query = JSON.parse((await listQueries())[0].get('query') ?? '{}') as Record<string, unknown>;
    assert.deepStrictEqual(query, { statuses: { exclude: ['Closed'] }, sac });
    const shown = caseRows(api).map((r) => r.summary.caseNumber);
    const all = await fakeRemote().listAll();
    const ofAccount: string[] = [];
    for (const c of all.filter((x) => x.status !== 'Closed')) {
      if ((await fakeRemote().getCase(c.caseNumber))?.account.sac === sac) {
        ofAccount.push(c.caseNumber);
      }
    }
    assert.ok(ofAccount.length > 0 && ofAccount.length < all.length);
    assert.deepStrictEqual(shown, ofAccount.slice(0, 20), 'the rows are that account\'s open cases, newest first');
    assert.strictEqual(api.casesView.description, 'Open · Initech Logistics GmbH');
    // Remembered with the rest of the filter (what a window reload reads back).
    assert.deepStrictEqual(api.storage.globalState.get<{ filter: unknown }>('axwaySupport.listView')?.filter, { state: 'open', sac, accountName: 'Initech Logistics GmbH' });
    // The incremental refresh keeps to the account too (status and type it applies itself).
    await fakeRemote().clearRequests();
    await vscode.commands.executeCommand('axwaySupport.refresh');
    const refreshQuery = JSON.parse((await listQueries())[0].get('query') ?? '{}') as Record<string, unknown>;
    assert.strictEqual(refreshQuery.sac, sac);
    assert.strictEqual(refreshQuery.statuses, undefined);
    await vscode.commands.executeCommand('axwaySupport.clearFilter');
    assert.strictEqual(api.casesView.description, undefined);
  });

  it('sorts on the server with + sent as %2B', async () => {
    const api = await activated();
    await fakeRemote().clearRequests();
    await vscode.commands.executeCommand('axwaySupport.sortBy', 'severity');
    const raw = (await fakeRemote().requests('listCases'))[0].query;
    assert.match(raw, /sort=%2Bseverity,-modifiedDate/);
    const severities = caseRows(api).map((r) => r.summary.severity);
    assert.deepStrictEqual(severities, [...severities].sort());
    await vscode.commands.executeCommand('axwaySupport.sortBy', 'modified');
  });

  it('groups by status: one query per group, counts from the API, each group its own rows', async () => {
    const api = await activated();
    await fakeRemote().clearRequests();
    await vscode.commands.executeCommand('axwaySupport.groupBy', 'status');
    const groups = api.tree.getChildren().filter((n): n is GroupNode => n.kind === 'group');
    const all = await fakeRemote().listAll();
    assert.ok(groups.length >= 5, `groups: ${groups.map((g) => String(g.label)).join(', ')}`);
    for (const group of groups) {
      const members = all.filter((c) => c.status === group.label);
      assert.strictEqual(group.description, String(members.length), `count of ${String(group.label)}`);
      const children = api.tree.getChildren(group).filter((n): n is CaseNode => n.kind === 'case');
      assert.deepStrictEqual(children.map((c) => c.summary.caseNumber), members.slice(0, 20).map((c) => c.caseNumber));
    }
    const included = (await listQueries()).map((q) => (JSON.parse(q.get('query') ?? '{}') as { statuses?: { include?: string[] } }).statuses?.include?.[0]);
    for (const group of groups) {
      assert.ok(included.includes(String(group.label)), `a query for ${String(group.label)}`);
    }
    await vscode.commands.executeCommand('axwaySupport.groupBy', 'none');
    assertEvery(api.tree.getChildren(), (n) => n.kind !== 'group', 'top-level rows after Group By: none');
  });

  it('Refresh with nothing changed costs 1 request; a case changed on the server is decorated, counted in the badge, cleared by opening it', async () => {
    const api = await activated();
    await vscode.commands.executeCommand('axwaySupport.markAllSeen');
    assert.strictEqual(api.casesView.badge, undefined);
    await fakeRemote().clearRequests();
    await vscode.commands.executeCommand('axwaySupport.refresh');
    assert.strictEqual((await fakeRemote().stats()).counts.listCases, 1);

    const target = caseRows(api)[4].summary;
    await fakeRemote().upsertCase({ caseNumber: target.caseNumber, status: 'Customer Owns Next Steps', subject: 'Support answered' });
    await fakeRemote().clearRequests();
    await vscode.commands.executeCommand('axwaySupport.refresh');
    assert.strictEqual((await fakeRemote().stats()).counts.listCases, 1);
    const row = caseRows(api)[0];
    assert.strictEqual(row.summary.caseNumber, target.caseNumber);
    const badge = (): vscode.ViewBadge | undefined => api.casesView.badge;
    assert.strictEqual(badge()?.value, 1);
    assert.match(badge()?.tooltip ?? '', /1 case updated/);
    assert.match(row.accessibilityInformation?.label ?? '', /\(updated, awaiting you\)/);
    assert.match((row.tooltip as vscode.MarkdownString).value.replace(/&nbsp;/g, ' '), /Updated since you last opened it/);
    assert.ok(row.resourceUri, 'the row has an address for its decoration');
    const decoration = api.decorations.provideFileDecoration(row.resourceUri);
    assert.strictEqual(decoration?.badge, '●');
    assert.match(decoration?.tooltip ?? '', /Updated · Awaiting you/);

    await vscode.commands.executeCommand('axwaySupport.openCase', row.ref);
    await waitForState(api, () => api.model.updatedCount === 0);
    assert.strictEqual(api.casesView.badge, undefined);
    const after = caseRows(api)[0];
    assert.ok(!/updated/.test(after.accessibilityInformation?.label ?? ''));
    assert.match(after.accessibilityInformation?.label ?? '', /awaiting you/);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');

    // Two more change on the server: Mark All as Seen clears both marks and the badge.
    for (const c of caseRows(api).slice(6, 8)) {
      await fakeRemote().upsertCase({ caseNumber: c.summary.caseNumber, subject: `Edited ${c.summary.caseNumber}` });
    }
    await vscode.commands.executeCommand('axwaySupport.refresh');
    assert.strictEqual(badge()?.value, 2);
    assert.strictEqual(caseRows(api).filter((r) => /\(updated/.test(r.accessibilityInformation?.label ?? '')).length, 2);
    await vscode.commands.executeCommand('axwaySupport.markAllSeen');
    assert.strictEqual(api.casesView.badge, undefined);
    assertEvery(caseRows(api), (r) => !/\(updated/.test(r.accessibilityInformation?.label ?? ''), 'case rows after Mark All Seen');
  });

  it('after a reload with the API down, the cached rows show at once with "cached" and the error row above them', async () => {
    const api = await activated();
    const shown = api.model.state;
    assert.strictEqual(shown.kind, 'loaded');
    const rows = shown.kind === 'loaded' ? shown.cases.map((c) => c.caseNumber) : [];
    // What a window reload recreates: the model and the tree, over the same storage, with the API unreachable.
    await fakeRemote().addFault({ target: 'listCases', kind: 'respond', status: 503, body: { code: 'SERVICE_TEMPORARILY_UNAVAILABLE', message: 'Down for maintenance' } });
    const model = new CasesModel({
      api: () => api.network.api(),
      logger: api.logger,
      telemetry: api.telemetry,
      cache: api.listCache,
      seenStorage: api.storage.globalState,
      view: api.model.view
    });
    const tree = new CasesTreeProvider(model);
    try {
      model.setAccount(api.model.account);
      tree.getChildren();
      const cached = await new Promise<string[]>((resolve) => {
        const sub = model.onDidChange((s) => {
          if (s.kind === 'loaded') {
            sub.dispose();
            resolve(tree.getChildren().map((n) => n.kind));
          }
        });
      });
      assert.ok(cached.includes('case'));
      assert.ok(model.state.kind === 'loaded' && model.state.cachedAt !== undefined, 'marked cached');
      // What the view's message says about these rows, N minutes after they were saved.
      const savedAt = model.state.cachedAt;
      assert.strictEqual(cachedMessage(savedAt, savedAt + 3 * 60_000 + 5_000, false), 'Cached, 3 minutes ago.');
      assert.strictEqual(cachedMessage(savedAt, savedAt + 60_000, true), 'Cached, 1 minute ago. Updating…');
      assert.strictEqual(cachedMessage(savedAt, savedAt + 10_000, false), 'Cached, less than a minute ago.');
      assert.strictEqual(viewMessage('Cached, 1 minute ago.', 'Open'), 'Cached, 1 minute ago. Filter: Open.');
      assert.strictEqual(viewMessage(undefined, ''), undefined);
      await waitForState({ ...api, model }, (s) => s.kind === 'loaded' && s.refreshError !== undefined);
      const nodes = tree.getChildren();
      assert.strictEqual(nodes[0].kind, 'error');
      assert.match(String(nodes[0].label), /Down for maintenance/);
      assert.deepStrictEqual(nodes.filter((n): n is CaseNode => n.kind === 'case').map((n) => n.summary.caseNumber), rows);
    } finally {
      tree.dispose();
      model.dispose();
      await fakeRemote().clearFaults();
    }
  });

  it('signing out deletes the account\'s cached lists and seen state', async () => {
    const api = await activated();
    const account = api.model.account;
    assert.ok(account);
    assert.ok(await api.listCache.read(account, viewKey(DEFAULT_VIEW)), 'a cached list exists before');
    assert.ok(api.storage.globalState.get(`axwaySupport.seen.${account}`), 'seen state exists before');
    await signOut(api);
    assert.strictEqual(await api.listCache.read(account, viewKey(DEFAULT_VIEW)), undefined);
    assert.strictEqual(api.storage.globalState.get(`axwaySupport.seen.${account}`), undefined);
    await signInWithFake(api);
    api.tree.getChildren();
    await waitForState(api, (s) => s.kind === 'loaded' && s.busy === undefined);
  });
});
