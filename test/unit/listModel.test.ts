// Issue 9 in the model, against the fake Support API in plain Node: the request budgets of Refresh (1 request when
// nothing changed at 1, 5 and 101 loaded pages; ceil(k/20) for k changes), filters, sort and real groups, cancelling
// on a view change, the cache shown first, and seen state.
import * as assert from 'assert';
import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { Network } from '../../src/api/index';
import { CaseCache } from '../../src/cases/caseCache';
import { matchesFilter } from '../../src/cases/caseQuery';
import { CasesModel, PAGE_SIZE } from '../../src/cases/casesModel';
import type { ListView } from '../../src/cases/caseGroups';
import { noopTelemetry } from '../../src/telemetry/telemetry';
import type { FakeApi } from '../fake-api/server';
import { networkFor, useStartedFake } from './support/fixture';
import { silentLogger } from './support/silentLogger';
import { loaded, stateWhere } from './support/wait';
import { MemoryStorage } from './support/memoryStorage';
import { assertEvery } from '../support/every';

const view = (partial: Partial<ListView>): ListView => ({ filter: { state: 'all' }, sort: 'modified', group: 'none', ...partial });

describe('list model against the fake Support API', () => {
  let fake: FakeApi;
  let network: Network;
  let model: CasesModel;
  let folder: string;

  useStartedFake((started) => {
    fake = started;
  });
  beforeEach(async () => {
    network = networkFor(fake, 5000);
    folder = await fs.mkdtemp(path.join(os.tmpdir(), 'axway-list-'));
  });
  afterEach(async () => {
    model.dispose();
    await fs.rm(folder, { recursive: true, force: true });
  });

  const build = (extra: Partial<ConstructorParameters<typeof CasesModel>[0]> = {}): CasesModel => {
    model = new CasesModel({ api: async () => network.api, logger: silentLogger, telemetry: noopTelemetry, ...extra });
    model.setAccount('sa-test');
    return model;
  };
  const listRequests = (): number => fake.control.stats().counts.listCases;

  async function loadPages(pages: number): Promise<void> {
    await model.refresh();
    while (loaded(model).pagesLoaded < pages && loaded(model).hasMore) {
      await model.loadMore();
    }
    assert.strictEqual(loaded(model).pagesLoaded, pages);
  }

  for (const pages of [1, 5, 101]) {
    it(`an unchanged refresh costs exactly 1 list request with ${pages} loaded page(s) (a full reload costs ${pages})`, async function () {
      this.timeout(120_000);
      fake.control.setCaseCount(pages === 101 ? 2100 : 300);
      build();
      await loadPages(pages);
      const before = loaded(model).cases;
      fake.control.clearRequests();
      await model.refresh();
      assert.strictEqual(listRequests(), 1);
      assert.deepStrictEqual(loaded(model).cases, before, 'the rows are unchanged');
      // The question is "what changed since the newest modification known", not a page of the list.
      const query = JSON.parse(new URLSearchParams(fake.control.requests('listCases')[0].query).get('query') ?? '{}') as { updated?: unknown };
      assert.ok(query.updated, 'asks with query.updated');
      fake.control.clearRequests();
      await model.reload();
      assert.strictEqual(listRequests(), pages, 'Reload loads every page again');
    });
  }

  for (const k of [1, 25, 45]) {
    it(`${k} changed case(s) cost ceil(${k}/20) = ${Math.ceil(k / 20)} request(s) and land on top, in order`, async () => {
      fake.control.setCaseCount(300);
      build();
      await loadPages(5);
      const all = fake.control.listAll();
      // Cases from pages not loaded (they move to the top) and from loaded ones.
      const changed = [...all.slice(150, 150 + Math.ceil(k / 2)), ...all.slice(10, 10 + Math.floor(k / 2))].map((c) => c.caseNumber);
      for (const caseNumber of changed) {
        fake.control.upsertCase({ caseNumber, subject: `changed ${caseNumber}` });
      }
      fake.control.clearRequests();
      await model.refresh();
      assert.strictEqual(listRequests(), Math.ceil(k / 20));
      const state = loaded(model);
      const expectedTop = fake.control.listAll().slice(0, k).map((c) => c.caseNumber);
      assert.deepStrictEqual(state.cases.slice(0, k).map((c) => c.caseNumber), expectedTop);
      assert.strictEqual(new Set(state.cases.map((c) => c.caseNumber)).size, state.cases.length, 'no case twice');
      // Load more continues where the server's list now continues: nothing skipped, nothing twice.
      await model.loadMore();
      const expected = fake.control.listAll().slice(0, loaded(model).cases.length).map((c) => c.caseNumber);
      assert.deepStrictEqual(loaded(model).cases.map((c) => c.caseNumber), expected);
    });
  }

  it('a changed case that leaves the filter disappears; one that enters it appears', async () => {
    build({ view: view({ filter: { state: 'open' } }) });
    await model.refresh();
    const state = loaded(model);
    const leaving = state.cases[3].caseNumber;
    const closedCase = fake.control.listAll().find((c) => c.status === 'Closed');
    assert.ok(closedCase);
    fake.control.upsertCase({ caseNumber: leaving, status: 'Closed' });
    fake.control.upsertCase({ caseNumber: closedCase.caseNumber, status: 'In Support', closedDate: null });
    fake.control.clearRequests();
    await model.refresh();
    assert.strictEqual(listRequests(), 1);
    const numbers = loaded(model).cases.map((c) => c.caseNumber);
    assert.ok(!numbers.includes(leaving), 'the closed case left the open list');
    assert.strictEqual(numbers[0], closedCase.caseNumber, 'the reopened case is on top');
    // The incremental question carries no status filter (so leaving cases are seen), and the result equals a reload.
    const query = JSON.parse(new URLSearchParams(fake.control.requests('listCases')[0].query).get('query') ?? '{}') as Record<string, unknown>;
    assert.strictEqual(query.statuses, undefined);
    const shown = loaded(model).cases.map((c) => c.caseNumber);
    await model.reload();
    assert.deepStrictEqual(shown, loaded(model).cases.map((c) => c.caseNumber));
  });

  it('changes the filter hides are asked for once: the refresh after them is 1 request again', async () => {
    build({ view: view({ filter: { state: 'closed' } }) });
    await model.refresh();
    const open = fake.control.listAll().filter((c) => c.status !== 'Closed').slice(0, 25);
    // Changed over the last minute, as a server stamps them (a burst of upserts would run the fake's clock ahead).
    const start = Math.floor(Date.now() / 1000) * 1000 - 60_000;
    open.forEach((c, i) => {
      fake.control.upsertCase({ caseNumber: c.caseNumber, subject: `hidden change ${c.caseNumber}`, modifiedDate: new Date(start + i * 2000).toISOString().replace('Z', '+0000') });
    });
    const rows = loaded(model).cases.map((c) => c.caseNumber);
    await model.refresh();
    assert.deepStrictEqual(loaded(model).cases.map((c) => c.caseNumber), rows, 'open cases stay out of the closed list');
    fake.control.clearRequests();
    await model.refresh();
    assert.strictEqual(listRequests(), 1, `not the 25 hidden changes again: ${fake.control.requests('listCases').map((r) => decodeURIComponent(r.query)).join('\n')}`);
    fake.control.clearRequests();
    await model.refresh();
    assert.strictEqual(listRequests(), 1);
  });

  it('filters and sorts on the server: the rows are the server\'s for every sort', async () => {
    const now = Date.now();
    for (const sort of ['modified', 'created', 'severity', 'status'] as const) {
      fake.control.clearRequests();
      build({ view: view({ filter: { state: 'open', types: ['Support Case'] }, sort }) });
      await model.refresh();
      const request = new URLSearchParams(fake.control.requests('listCases')[0].query);
      assert.ok(request.get('query')?.includes('Support Case'), 'the type filter went to the server');
      const rows = loaded(model).cases;
      assert.ok(rows.length > 0 && rows.every((c) => matchesFilter(c, { state: 'open', types: ['Support Case'] }, now)));
      model.dispose();
    }
    build();
  });

  it('groups by status with one query per group: counts from the API, each with its own "load more"', async () => {
    fake.control.setCaseCount(400);
    build({ view: view({ group: 'status' }) });
    await model.refresh();
    const state = loaded(model);
    const all = fake.control.listAll();
    const parts = state.parts.filter((p) => p.cases.length > 0);
    assert.ok(parts.length >= 5);
    for (const part of parts) {
      const members = all.filter((c) => c.status === part.label);
      assert.strictEqual(part.totalCount, members.length, `count of ${part.label} is the API's`);
      assert.deepStrictEqual(part.cases.map((c) => c.caseNumber), members.slice(0, PAGE_SIZE).map((c) => c.caseNumber));
    }
    const big = parts.find((p) => p.hasMore);
    assert.ok(big);
    fake.control.clearRequests();
    await model.loadMore(big.key);
    assert.strictEqual(listRequests(), 1);
    const after = loaded(model).parts.find((p) => p.key === big.key);
    assert.strictEqual(after?.cases.length, Math.min(2 * PAGE_SIZE, big.totalCount ?? 0));
    assert.ok(JSON.parse(new URLSearchParams(fake.control.requests('listCases')[0].query).get('query') ?? '{}').statuses.include.includes(big.label));
    // A status change moves the case between groups on Refresh (1 request), and both counts follow exactly.
    const moving = parts[0].cases[0];
    const target = parts.find((p) => p.label !== moving.status);
    assert.ok(target);
    fake.control.upsertCase({ caseNumber: moving.caseNumber, status: target.label });
    fake.control.clearRequests();
    await model.refresh();
    assert.strictEqual(listRequests(), 1);
    const now = loaded(model).parts;
    assert.strictEqual(now.find((p) => p.key === parts[0].key)?.totalCount, (parts[0].totalCount ?? 0) - 1);
    assert.strictEqual(now.find((p) => p.key === target.key)?.totalCount, (target.totalCount ?? 0) + 1);
    assert.strictEqual(now.find((p) => p.key === target.key)?.cases[0].caseNumber, moving.caseNumber);
  });

  it('groups by severity as one server-sorted stream without invented counts', async () => {
    build({ view: view({ group: 'severity' }) });
    await model.refresh();
    const state = loaded(model);
    assert.strictEqual(state.parts.length, 1);
    const request = new URLSearchParams(fake.control.requests('listCases')[0].query);
    assert.strictEqual(request.get('sort'), '+severity,-modifiedDate');
    const severities = state.cases.map((c) => c.severity);
    assert.deepStrictEqual(severities, [...severities].sort());
  });

  it('a view change cancels the load in flight and never shows the old rows under the new view', async () => {
    build();
    await model.refresh();
    fake.control.addFault({ target: 'listCases', kind: 'delay', delayMs: 300, times: 1 });
    const slow = model.reload();
    const shown: string[] = [];
    const sub = model.onDidChange((s) => shown.push(s.kind === 'loaded' ? `loaded:${JSON.stringify(s.view.filter)}:${s.cases.every((c) => c.status !== 'Closed')}` : s.kind));
    await model.setView(view({ filter: { state: 'open' } }));
    await slow;
    sub.dispose();
    const last = loaded(model);
    assert.deepStrictEqual(last.view.filter, { state: 'open' });
    assertEvery(last.cases, (c) => c.status !== 'Closed', 'rows under the new view');
    assertEvery(shown, (s) => !s.startsWith('loaded:{"state":"all"}'), `no old rows after the change: ${shown.join(' ')}`);
  });

  it('a first load asked for again while it runs (the tree asks while the model reads idle) costs one list request', async () => {
    fake.control.setCaseCount(300);
    // A cache folder makes the first load start with a disk read, the window in which the view can ask again.
    build({ cache: new CaseCache(folder) });
    fake.control.clearRequests();
    const asked: Promise<void>[] = [];
    // As CasesTreeProvider.rowsOf does on every getChildren: refresh while the state is idle.
    const askIfIdle = (): void => {
      if (model.state.kind === 'idle') {
        asked.push(model.refresh());
      }
    };
    askIfIdle();
    assert.notStrictEqual(model.state.kind, 'idle', 'the model no longer reads idle once its first load was asked for');
    const sub = model.onDidChange(askIfIdle);
    for (let i = 0; i < 5; i++) {
      askIfIdle();
      await new Promise((resolve) => setImmediate(resolve));
    }
    await Promise.all(asked);
    await stateWhere(model, (s) => s.kind === 'loaded' && s.busy === undefined);
    sub.dispose();
    assert.strictEqual(asked.length, 1, 'the view asked once');
    assert.strictEqual(listRequests(), 1, 'one list request for the first page');
  });

  it('starts from the cache without the network, then refreshes it with 1 request; an API outage keeps the cached rows', async () => {
    fake.control.setCaseCount(300);
    const cache = new CaseCache(folder);
    build({ cache });
    await loadPages(3);
    const rows = loaded(model).cases.map((c) => c.caseNumber);
    model.dispose();
    // A new window: the network is down and the bundle is "not loaded" until asked.
    let apiAsked = false;
    fake.control.addFault({ target: 'listCases', kind: 'respond', status: 503, body: { code: 'SERVICE_TEMPORARILY_UNAVAILABLE', message: 'Down' } });
    model = new CasesModel({ api: async () => { apiAsked = true; return network.api; }, logger: silentLogger, telemetry: noopTelemetry, cache });
    const firstRows = new Promise<string[]>((resolve) => {
      const sub = model.onDidChange((s) => {
        if (s.kind === 'loaded') {
          sub.dispose();
          resolve([...s.cases.map((c) => c.caseNumber), `api:${String(apiAsked)}`, `cached:${String(s.cachedAt !== undefined)}`]);
        }
      });
    });
    model.setAccount('sa-test');
    const refreshing = model.refresh();
    assert.deepStrictEqual(await firstRows, [...rows, 'api:false', 'cached:true']);
    await refreshing;
    const failed = loaded(model);
    assert.strictEqual(failed.refreshError?.kind, 'unavailable');
    assert.deepStrictEqual(failed.cases.map((c) => c.caseNumber), rows, 'the cached rows stay under the error');
    assert.ok(failed.cachedAt !== undefined);
    fake.control.clearFaults();
    fake.control.clearRequests();
    await model.refresh();
    assert.strictEqual(listRequests(), 1, 'the cache is refreshed incrementally');
    assert.strictEqual(loaded(model).cachedAt, undefined);
    assert.strictEqual(loaded(model).hasMore, true, 'paging continues where the cached list ended');
    await model.forgetAccount('sa-test');
    assert.strictEqual(await cache.read('sa-test', '["all",[],[],null,null,"modified","none"]'), undefined);
  });

  it('seen state: the first list is seen, a case changed on the server is updated until opened, Mark All as Seen clears all', async () => {
    const storage = new MemoryStorage();
    build({ seenStorage: storage });
    await model.refresh();
    assert.strictEqual(model.updatedCount, 0, 'first sign-in: everything counts as seen');
    const [a, b] = loaded(model).cases.slice(5, 7);
    fake.control.upsertCase({ caseNumber: a.caseNumber, subject: 'answered' });
    fake.control.upsertCase({ caseNumber: b.caseNumber, subject: 'answered too' });
    await model.refresh();
    assert.strictEqual(model.updatedCount, 2);
    await model.markSeen(a.caseNumber);
    assert.strictEqual(model.updatedCount, 1);
    assert.ok(model.isUpdated(loaded(model).cases.find((c) => c.caseNumber === b.caseNumber) ?? b));
    await model.loadMore();
    assert.strictEqual(model.updatedCount, 1, 'older cases found by "load more" are not "updated"');
    await model.markAllSeen();
    assert.strictEqual(model.updatedCount, 0);
    assert.ok(!JSON.stringify([...storage.values]).includes('answered'), 'only numbers and dates are kept');
  });
});
