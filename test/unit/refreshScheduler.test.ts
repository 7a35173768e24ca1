import * as assert from 'assert';
import type { CasesState } from '../../src/cases/casesModel';
import { DEFAULT_VIEW } from '../../src/cases/caseGroups';
import { backoffDelay, MAX_BACKOFF_MS, RefreshScheduler, refreshOutcome } from '../../src/follow/refreshScheduler';
import { FakeClock } from './support/fakeClock';

const MIN = 60_000;

describe('auto-refresh schedule', () => {
  let clock: FakeClock;
  let refreshes: number[];
  /** What the next refreshes report: true = success. */
  let outcomes: boolean[];
  let scheduler: RefreshScheduler;

  beforeEach(() => {
    clock = new FakeClock();
    refreshes = [];
    outcomes = [];
    scheduler = new RefreshScheduler(async () => {
      refreshes.push(clock.now());
      // The model reports its own outcome (AutoRefresh feeds it back through completed()).
      scheduler.completed(outcomes.shift() ?? true);
    }, clock);
  });

  afterEach(() => scheduler.dispose());

  it('backs off exponentially from the interval, capped at an hour (or the interval when longer)', () => {
    assert.deepStrictEqual([0, 1, 2, 3, 4].map((n) => backoffDelay(5 * MIN, n)), [5 * MIN, 10 * MIN, 20 * MIN, 40 * MIN, MAX_BACKOFF_MS]);
    assert.strictEqual(backoffDelay(5 * MIN, 1000), MAX_BACKOFF_MS);
    assert.strictEqual(backoffDelay(90 * MIN, 3), 90 * MIN);
  });

  it('refreshes every interval while active and signed in', async () => {
    const start = clock.now();
    scheduler.update({ intervalMs: 5 * MIN, active: true, signedIn: true });
    await clock.advance(16 * MIN);
    assert.deepStrictEqual(refreshes.map((t) => t - start), [5 * MIN, 10 * MIN, 15 * MIN]);
  });

  it('after failures waits interval × 2^n, and a success resets the wait', async () => {
    const start = clock.now();
    outcomes = [false, false, false, true];
    scheduler.update({ intervalMs: 5 * MIN, active: true, signedIn: true });
    await clock.advance(5 * MIN + 10 * MIN + 20 * MIN + 40 * MIN + 5 * MIN);
    // Failures at 5, 15, 35 → next after 40; success at 75 → back to 5 minutes: 80.
    assert.deepStrictEqual(refreshes.map((t) => (t - start) / MIN), [5, 15, 35, 75, 80]);
    assert.strictEqual(scheduler.failures, 0);
  });

  it('pauses while signed out and while inactive, and catches up at once when the window returns', async () => {
    scheduler.update({ intervalMs: 5 * MIN, active: true, signedIn: false });
    await clock.advance(30 * MIN);
    assert.deepStrictEqual(refreshes, [], 'signed out');
    scheduler.update({ signedIn: true });
    scheduler.update({ active: false });
    await clock.advance(30 * MIN);
    assert.deepStrictEqual(refreshes, [], 'window not focused, view hidden');
    assert.strictEqual(clock.pending, 0, 'no timer while paused');
    const back = clock.now();
    scheduler.update({ active: true });
    await clock.advance(0);
    assert.deepStrictEqual(refreshes, [back], 'overdue: refreshed as soon as the window came back');
  });

  it('off at 0; a new interval applies at once, counted from the last refresh', async () => {
    scheduler.update({ intervalMs: 0, active: true, signedIn: true });
    await clock.advance(60 * MIN);
    assert.deepStrictEqual(refreshes, []);
    const last = clock.now();
    scheduler.completed(true); // e.g. the Refresh button
    scheduler.update({ intervalMs: 10 * MIN });
    await clock.advance(3 * MIN);
    scheduler.update({ intervalMs: 2 * MIN }); // already due: now
    await clock.advance(0);
    assert.deepStrictEqual(refreshes, [last + 3 * MIN]);
    assert.strictEqual(scheduler.nextDueAt, clock.now() + 2 * MIN);
  });

  it('rows kept on disk count from when they were refreshed: an old list is refreshed at once, a fresh one waits', async () => {
    const start = clock.now();
    scheduler.update({ intervalMs: 5 * MIN, active: true, signedIn: true });
    scheduler.refreshedAt(start - 2 * MIN);
    await clock.advance(3 * MIN + 1);
    assert.deepStrictEqual(refreshes.map((t) => t - start), [3 * MIN], 'the interval counts from the cached list');
    refreshes = [];
    scheduler.refreshedAt(start - 60 * MIN);
    assert.strictEqual(scheduler.nextDueAt, start + 8 * MIN, 'once a refresh finished here, rows from disk change nothing');
    scheduler.dispose();
    scheduler = new RefreshScheduler(async () => {
      refreshes.push(clock.now());
      scheduler.completed(true);
    }, clock);
    scheduler.update({ intervalMs: 5 * MIN, active: true, signedIn: true });
    const now = clock.now();
    scheduler.refreshedAt(now - 3 * 60 * MIN);
    await clock.advance(0);
    assert.deepStrictEqual(refreshes, [now], 'a list hours old is refreshed at once');
  });

  it('a manual refresh pushes the next automatic one back', async () => {
    const start = clock.now();
    scheduler.update({ intervalMs: 5 * MIN, active: true, signedIn: true });
    await clock.advance(4 * MIN);
    scheduler.completed(true);
    await clock.advance(5 * MIN);
    assert.deepStrictEqual(refreshes.map((t) => (t - start) / MIN), [9]);
  });
});

describe('refresh outcome from model states', () => {
  const rows: CasesState = { kind: 'loaded', view: DEFAULT_VIEW, parts: [], cases: [], pagesLoaded: 1, hasMore: false, busy: undefined };
  const busy: CasesState = { kind: 'loaded', view: DEFAULT_VIEW, parts: [], cases: [], pagesLoaded: 1, hasMore: false, busy: 'refresh' };

  it('tells finished refreshes and their result from other steps', () => {
    assert.strictEqual(refreshOutcome(busy, rows), 'success');
    assert.strictEqual(refreshOutcome({ kind: 'loading' }, rows), 'success');
    assert.strictEqual(refreshOutcome(busy, { ...rows, refreshError: { kind: 'server', message: 'down' } } as CasesState), 'failure');
    assert.strictEqual(refreshOutcome({ kind: 'loading' }, { kind: 'error', error: { kind: 'network', message: 'offline' } }), 'failure');
    assert.strictEqual(refreshOutcome({ ...rows, busy: 'loadMore' } as CasesState, rows), undefined);
    assert.strictEqual(refreshOutcome(rows, rows), undefined);
  });
});
