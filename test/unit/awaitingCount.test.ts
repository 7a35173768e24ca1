import * as assert from 'assert';
import type { Network } from '../../src/api/index';
import type { CaseSummary } from '../../src/api/types';
import { AWAITING_FILTER, AwaitingCounter, countFromRows, countOfPage, sumCounts } from '../../src/follow/awaitingCount';
import type { CaseChange, Observation } from '../../src/cases/changeDetection';
import { AWAITING_CUSTOMER_STATUS, NO_FILTER } from '../../src/cases/caseQuery';
import type { CasesState, LoadedState } from '../../src/cases/casesModel';
import { DEFAULT_VIEW } from '../../src/cases/caseGroups';
import { networkFor, useFakeApi } from './support/fixture';
import { silentLogger } from './support/silentLogger';

function row(caseNumber: string, status: string): CaseSummary {
  return { caseNumber, subject: 's', status, severity: '3 - Important', type: 'Support Case', modifiedDate: '2026-11-01T10:00:00.000+0000' };
}

function loadedState(cases: CaseSummary[], hasMore: boolean): LoadedState {
  return { kind: 'loaded', view: DEFAULT_VIEW, parts: [], cases, pagesLoaded: 1, hasMore, busy: undefined };
}

describe('awaiting-you count', () => {
  const rows = [row('1', AWAITING_CUSTOMER_STATUS), row('2', 'In Support'), row('3', AWAITING_CUSTOMER_STATUS)];

  it('counts from the rows only when they are every case and the filter keeps every awaiting one', () => {
    assert.strictEqual(countFromRows(loadedState(rows, false), NO_FILTER), 2);
    assert.strictEqual(countFromRows(loadedState(rows, false), { state: 'open' }), 2);
    assert.strictEqual(countFromRows(loadedState(rows, false), AWAITING_FILTER), 2);
    assert.strictEqual(countFromRows(loadedState(rows, true), NO_FILTER), undefined, 'more pages exist');
    assert.strictEqual(countFromRows(loadedState(rows, false), { state: 'closed' }), undefined);
    assert.strictEqual(countFromRows(loadedState(rows, false), { state: 'all', statuses: ['In Support'] }), undefined);
    assert.strictEqual(countFromRows(loadedState(rows, false), { state: 'all', types: ['Support Case'] }), undefined);
    assert.strictEqual(countFromRows(loadedState(rows, false), { state: 'all', updatedWithinDays: 7 }), undefined);
    assert.strictEqual(countFromRows(loadedState(rows, false), { state: 'all', sac: 'x' }), undefined);
  });

  it('takes totalCount when the API sends one, else the page length, marked "at least" when the page is full', () => {
    assert.deepStrictEqual(countOfPage(57, rows), { kind: 'counted', count: 57, atLeast: false });
    assert.deepStrictEqual(countOfPage(undefined, rows), { kind: 'counted', count: 2, atLeast: false });
    const full = Array.from({ length: 20 }, (_, i) => row(String(i), AWAITING_CUSTOMER_STATUS));
    assert.deepStrictEqual(countOfPage(undefined, full), { kind: 'counted', count: 20, atLeast: true });
  });

  it('adds several accounts up: unknown until one is known, a lower bound when one failed', () => {
    const failure = { kind: 'failed', error: { kind: 'server', message: 'down', troubleshootingId: 'tid-sum' } } as const;
    assert.deepStrictEqual(sumCounts([]), { kind: 'unknown' });
    assert.deepStrictEqual(sumCounts([{ kind: 'unknown' }, { kind: 'unknown' }]), { kind: 'unknown' });
    assert.deepStrictEqual(sumCounts([{ kind: 'counted', count: 2, atLeast: false }, { kind: 'unknown' }, { kind: 'counted', count: 3, atLeast: false }]), { kind: 'counted', count: 5, atLeast: false });
    assert.deepStrictEqual(sumCounts([{ kind: 'counted', count: 20, atLeast: true }, { kind: 'counted', count: 1, atLeast: false }]), { kind: 'counted', count: 21, atLeast: true });
    assert.deepStrictEqual(sumCounts([failure]), failure);
    assert.deepStrictEqual(sumCounts([{ kind: 'counted', count: 4, atLeast: false }, failure]), { kind: 'counted', count: 4, atLeast: true, staleError: failure.error });
  });

  describe('against the fake Support API', () => {
    const f = useFakeApi();
    let network: Network;
    let state: CasesState;
    let counter: AwaitingCounter;

    beforeEach(() => {
      network = networkFor(f.fake, 3000);
      state = loadedState(rows, true);
      counter = new AwaitingCounter({ api: async () => network.api, logger: silentLogger, state: () => ({ state }) });
    });
    afterEach(() => counter.dispose());

    it('asks once, filtered to the awaiting status, and shows the total the API gave', async () => {
      const expected = f.fake.control.listAll().filter((c) => c.status === AWAITING_CUSTOMER_STATUS).length;
      await counter.observe({ kind: 'baseline', account: 'a' });
      assert.deepStrictEqual(counter.value, { kind: 'counted', count: expected, atLeast: false });
      const requests = f.fake.control.requests('listCases');
      assert.strictEqual(requests.length, 1);
      const query = JSON.parse(new URLSearchParams(requests[0].query).get('query') ?? '{}') as unknown;
      assert.deepStrictEqual(query, { statuses: { include: [AWAITING_CUSTOMER_STATUS] } });
    });

    it('costs nothing for a refresh that settles the count, and asks again only when a change is uncertain', async () => {
      await counter.observe({ kind: 'baseline', account: 'a' });
      const counted = counter.value;
      assert.ok(counted.kind === 'counted');
      const refreshed = (changes: CaseChange[], left: { caseNumber: string; status: string }[] = []): Observation =>
        ({ kind: 'refreshed', account: 'a', changes, left, listChanged: true });
      const change = (kind: 'new' | 'updated', status: string, previousStatus?: string, brandNew?: boolean): CaseChange =>
        ({ kind, summary: row('x', status), previousStatus, nowAwaiting: status === AWAITING_CUSTOMER_STATUS && previousStatus !== AWAITING_CUSTOMER_STATUS, brandNew });
      await counter.observe(refreshed([]));
      await counter.observe(refreshed([change('updated', 'In R&D', 'In Support')]));
      assert.strictEqual(f.fake.control.requests('listCases').length, 1, 'nothing touched the awaiting status');
      await counter.observe(refreshed([change('updated', AWAITING_CUSTOMER_STATUS, 'In Support'), change('new', AWAITING_CUSTOMER_STATUS, undefined, true)]));
      assert.deepStrictEqual(counter.value, { kind: 'counted', count: counted.count + 2, atLeast: false }, 'a loaded case moved in, a brand-new one arrived in it');
      await counter.observe(refreshed([change('updated', 'In Support', AWAITING_CUSTOMER_STATUS)]));
      assert.strictEqual(counter.value.kind === 'counted' && counter.value.count, counted.count + 1);
      assert.strictEqual(f.fake.control.requests('listCases').length, 1, 'certain steps cost no request');
      await counter.observe(refreshed([change('new', 'In Support')]));
      assert.strictEqual(f.fake.control.requests('listCases').length, 2, 'a case not loaded before may have left the status: counted again');
      assert.deepStrictEqual(counter.value, counted, 'the server\'s count');
      await counter.observe(refreshed([], [{ caseNumber: 'y', status: AWAITING_CUSTOMER_STATUS }]));
      assert.strictEqual(f.fake.control.requests('listCases').length, 3, 'an awaiting row left the list');
    });

    it('follows the server when a case moves to awaiting (asked again after a full load)', async () => {
      await counter.observe({ kind: 'baseline', account: 'a' });
      f.fake.control.upsertCase({ caseNumber: '09000001', status: AWAITING_CUSTOMER_STATUS });
      await counter.observe({ kind: 'baseline', account: 'a' });
      const expected = f.fake.control.listAll().filter((c) => c.status === AWAITING_CUSTOMER_STATUS).length;
      assert.strictEqual(counter.value.kind === 'counted' && counter.value.count, expected);
    });

    it('counts a complete list from its rows without a request', async () => {
      state = loadedState(rows, false);
      await counter.observe({ kind: 'baseline', account: 'a' });
      assert.deepStrictEqual(counter.value, { kind: 'counted', count: 2, atLeast: false });
      assert.strictEqual(f.fake.control.requests('listCases').length, 0);
    });

    it('keeps the last count, marked stale, when a recount fails; forgets it on sign-out', async () => {
      await counter.observe({ kind: 'baseline', account: 'a' });
      const before = counter.value;
      f.fake.control.addFault({ target: 'listCases', kind: 'respond', status: 500, body: { code: 'SERVER_ERROR', message: 'down' }, headers: { 'X-Troubleshooting-ID': 'tid-count' }, times: 1 });
      await counter.recount();
      assert.ok(counter.value.kind === 'counted' && before.kind === 'counted');
      assert.strictEqual(counter.value.count, before.count);
      assert.strictEqual(counter.value.staleError?.troubleshootingId, 'tid-count');
      await counter.observe({ kind: 'reset' });
      assert.deepStrictEqual(counter.value, { kind: 'unknown' });
    });

    it('without a count before, a failure is "failed", never a number', async () => {
      f.fake.control.addFault({ target: 'listCases', kind: 'respond', status: 503, body: { code: 'SERVICE_TEMPORARILY_UNAVAILABLE', message: 'maintenance' }, times: 5 });
      await counter.recount();
      assert.strictEqual(counter.value.kind, 'failed');
    });
  });
});
