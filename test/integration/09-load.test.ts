// Load and concurrency through the extension: a burst of refreshes, a burst of API calls on an expired token,
// and paging to the API's last reachable offset, with the figures docs/reliability.md reports.
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { AxwaySupportTestApi } from '../../src/extension';
import type { CaseNode } from '../../src/views/treeNodes';
import { mib, refreshTree, requestCounts, watchHostErrors, writeFigures } from './reliability';
import { activated, fakeRemote, rows, signInWithFake, signOut, waitForState } from './support';

/** Refresh commands per half of the burst (the server's data changes between the halves). */
const REFRESHES_PER_HALF = 25;
/** How many list requests the whole burst may cost: coalescing, not one request per command. */
const LIST_REQUEST_BOUND = 3;
const CONCURRENT_CALLS = 100;

describe('load and concurrency', function () {
  this.timeout(120_000);
  const remote = fakeRemote();
  const hostErrors = watchHostErrors();
  const figures: Record<string, unknown> = {};
  let api: AxwaySupportTestApi;

  before(async () => {
    await remote.reset();
    api = await activated();
    await signInWithFake(api);
    rows(api);
    await waitForState(api, (s) => s.kind === 'loaded' && s.busy === undefined);
  });

  after(async () => {
    hostErrors.dispose();
    figures.hostErrors = hostErrors.errors.length;
    writeFigures('load', figures);
    await remote.reset();
    await signOut(api);
  });

  it('50 refreshes fired at once: list requests never overlap and the tree ends with the server\'s final data', async () => {
    await refreshTree(api);
    // Slow answers make overlapping requests likely if the extension allowed them.
    await remote.addFault({ target: 'listCases', kind: 'delay', delayMs: 150 });
    await remote.clearRequests();
    const started = Date.now();
    const first = Array.from({ length: REFRESHES_PER_HALF }, () => vscode.commands.executeCommand('axwaySupport.refresh'));
    // The server's data changes while the burst runs; the tree must end up showing it.
    const changed = await remote.upsertCase({ caseNumber: '07000050', subject: 'Changed during the refresh burst' });
    const second = Array.from({ length: REFRESHES_PER_HALF }, () => vscode.commands.executeCommand('axwaySupport.refresh'));
    await Promise.all([...first, ...second]);
    const elapsedMs = Date.now() - started;
    await remote.clearFaults();
    const stats = await remote.stats();
    const shown = api.tree.getChildren().filter((n): n is CaseNode => n.kind === 'case').map((n) => n.summary.caseNumber);
    const expected = (await remote.listAll()).slice(0, shown.length).map((c) => c.caseNumber);
    assert.strictEqual(stats.maxConcurrent.listCases, 1, 'list requests overlapped');
    assert.strictEqual(shown[0], changed.caseNumber);
    assert.deepStrictEqual(shown, expected);
    const commands = first.length + second.length;
    assert.ok(stats.counts.listCases <= LIST_REQUEST_BOUND, `${stats.counts.listCases} list requests for ${commands} refreshes`);
    figures.refreshBurst = { commands, listRequestBound: LIST_REQUEST_BOUND, listRequests: stats.counts.listCases, maxConcurrentListRequests: stats.maxConcurrent.listCases, rowsShown: shown.length, finalTreeMatchesServer: true, elapsedMs };
  });

  it('100 concurrent API calls with a revoked token: exactly one token request', async () => {
    const client = await api.network.api();
    await client.listCases({ limit: 1 });
    await remote.revokeTokens();
    await remote.clearRequests();
    const started = Date.now();
    const results = await Promise.all(Array.from({ length: CONCURRENT_CALLS }, () => client.listCases({ limit: 1 })));
    const elapsedMs = Date.now() - started;
    const counts = await requestCounts(remote);
    assert.strictEqual(results.length, CONCURRENT_CALLS);
    assert.ok(results.every((r) => r.cases.length === 1));
    assert.strictEqual(counts.token, 1);
    assert.strictEqual(counts.listCases, 2 * results.length, 'each call: one 401, one retry');
    figures.revokedTokenBurst = { calls: results.length, tokenRequests: counts.token, listRequests: counts.listCases, elapsedMs };
  });

  it('pages through the API maximum: offset 2000, 2,020 cases in the tree, memory growth reported', async () => {
    await remote.setCaseCount(2100);
    await refreshTree(api);
    const memoryBefore = process.memoryUsage();
    await remote.clearRequests();
    const started = Date.now();
    let clicks = 0;
    while (api.model.state.kind === 'loaded' && api.model.state.hasMore && clicks < 150) {
      await vscode.commands.executeCommand('axwaySupport.loadMore');
      clicks++;
    }
    const elapsedMs = Date.now() - started;
    const nodes = api.tree.getChildren();
    const memoryAfter = process.memoryUsage();
    const cases = nodes.filter((n): n is CaseNode => n.kind === 'case');
    const stats = await remote.stats();
    const lastOffset = (await remote.requests('listCases')).map((r) => Number(new URLSearchParams(r.query).get('offset'))).reduce((a, b) => Math.max(a, b), 0);
    assert.strictEqual(cases.length, 2020);
    assert.ok(!nodes.some((n) => n.kind === 'loadMore' || n.kind === 'error'), 'no "load more" past the API maximum');
    assert.strictEqual(lastOffset, 2000);
    assert.deepStrictEqual(cases.map((n) => n.summary.caseNumber), (await remote.listAll()).slice(0, 2020).map((c) => c.caseNumber));
    assert.strictEqual(stats.maxConcurrent.listCases, 1);
    figures.paging = {
      cases: cases.length,
      loadMoreCommands: clicks,
      listRequests: stats.counts.listCases,
      lastOffset,
      elapsedMs,
      heapGrowthMiB: mib(memoryAfter.heapUsed - memoryBefore.heapUsed),
      rssGrowthMiB: mib(memoryAfter.rss - memoryBefore.rss),
      heapUsedMiB: mib(memoryAfter.heapUsed)
    };
    await remote.reset();
    await refreshTree(api);
  });

  it('let no error escape into the extension host under load', () => {
    assert.deepStrictEqual(hostErrors.errors, []);
  });
});
