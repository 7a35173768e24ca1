import * as assert from 'assert';
import type { CaseSummary } from '../../src/api/types';
import { AccountRefreshSchedules, intervalMsOf, MIN_INTERVAL_MINUTES, type RefreshableModel } from '../../src/follow/accountRefresh';
import type { CasesState } from '../../src/cases/casesModel';
import { DEFAULT_VIEW } from '../../src/cases/caseGroups';
import { Emitter } from '../../src/util/event';
import { FakeClock } from './support/fakeClock';

const MIN = 60_000;

/**
 * An account's list as auto-refresh sees it: a refresh goes loaded → refreshing → loaded, with an error when the
 * account's refreshes fail (as CasesModel reports a failed refresh above the rows it keeps).
 */
class AccountList implements RefreshableModel {
  private readonly changed = new Emitter<CasesState>();
  readonly onDidChange = this.changed.event;
  state: CasesState;
  failing = false;

  constructor(
    readonly account: string,
    private readonly log: { account: string; at: number }[],
    private readonly clock: FakeClock
  ) {
    this.state = this.loaded();
  }

  refresh(): Promise<void> {
    this.log.push({ account: this.account, at: this.clock.now() });
    this.set({ ...(this.state as Extract<CasesState, { kind: 'loaded' }>), busy: 'refresh' });
    this.set(this.failing ? ({ ...this.loaded(), refreshError: { kind: 'server', message: 'Service unavailable' } } as CasesState) : this.loaded());
    return Promise.resolve();
  }

  private loaded(): CasesState {
    const rows: CaseSummary[] = [];
    return { kind: 'loaded', cases: rows, pagesLoaded: 1, hasMore: false, view: DEFAULT_VIEW } as unknown as CasesState;
  }

  private set(state: CasesState): void {
    this.state = state;
    this.changed.fire(state);
  }
}

describe('auto-refresh per account', () => {
  let clock: FakeClock;
  let log: { account: string; at: number }[];
  let schedules: AccountRefreshSchedules;

  beforeEach(() => {
    clock = new FakeClock();
    log = [];
    schedules = new AccountRefreshSchedules(clock);
  });

  afterEach(() => schedules.dispose());

  it('a failing second account backs off (1, 2, 4, 8 minutes) while the first keeps its rate', async () => {
    const first = new AccountList('first', log, clock);
    const second = new AccountList('second', log, clock);
    second.failing = true;
    const start = clock.now();
    schedules.setModels([first, second]);
    schedules.update({ intervalMs: MIN, active: true });
    await clock.advance(16 * MIN);
    const minutes = (account: string): number[] => log.filter((r) => r.account === account).map((r) => (r.at - start) / MIN);
    assert.deepStrictEqual(minutes('first'), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16], 'the first account at its interval');
    // Failures at 1, 3 (1 + 2), 7 (3 + 4) and 15 (7 + 8): the wait doubles with each of its own failures.
    assert.deepStrictEqual(minutes('second'), [1, 3, 7, 15], 'the second account backs off');
    const [a, b] = schedules.schedules;
    assert.deepStrictEqual([a.account, a.failures, a.delayMs], ['first', 0, MIN]);
    assert.deepStrictEqual([b.account, b.failures, b.delayMs], ['second', 4, 16 * MIN]);
    assert.strictEqual(schedules.refreshCount, log.length);

    // Its service back: its next refresh succeeds and it returns to the interval.
    second.failing = false;
    log.length = 0;
    const back = clock.now();
    await clock.advance(20 * MIN);
    const secondAgain = log.filter((r) => r.account === 'second').map((r) => (r.at - back) / MIN);
    // Due at 31 (15 + 16) minutes after the start = 15 after `back`; then every minute.
    assert.deepStrictEqual(secondAgain, [15, 16, 17, 18, 19, 20]);
    assert.strictEqual(schedules.schedules[1].failures, 0);
  });

  it('a failing first account does not slow down the second', async () => {
    const first = new AccountList('first', log, clock);
    const second = new AccountList('second', log, clock);
    first.failing = true;
    schedules.setModels([first, second]);
    schedules.update({ intervalMs: MIN, active: true });
    await clock.advance(8 * MIN);
    assert.strictEqual(log.filter((r) => r.account === 'second').length, 8);
    assert.strictEqual(log.filter((r) => r.account === 'first').length, 3, 'at 1, 3 and 7 minutes');
  });

  it('an account that signs out takes its schedule with it; one that signs in starts afresh', async () => {
    const first = new AccountList('first', log, clock);
    const second = new AccountList('second', log, clock);
    second.failing = true;
    schedules.setModels([first, second]);
    schedules.update({ intervalMs: MIN, active: true });
    await clock.advance(4 * MIN);
    schedules.setModels([first]);
    const countBefore = log.filter((r) => r.account === 'second').length;
    await clock.advance(10 * MIN);
    assert.strictEqual(log.filter((r) => r.account === 'second').length, countBefore, 'no refresh of a signed-out account');
    const again = new AccountList('second', log, clock);
    schedules.setModels([first, again]);
    assert.strictEqual(schedules.schedules[1].failures, 0);
    assert.strictEqual(schedules.schedules[1].delayMs, MIN);
  });

  it('clamps the setting: 0 (or no number) is off, anything else at least a minute', () => {
    assert.strictEqual(intervalMsOf(0), 0);
    assert.strictEqual(intervalMsOf(-5), 0);
    assert.strictEqual(intervalMsOf('5'), 0);
    assert.strictEqual(intervalMsOf(Number.NaN), 0);
    assert.strictEqual(intervalMsOf(Number.POSITIVE_INFINITY), 0);
    assert.strictEqual(intervalMsOf(0.001), MIN_INTERVAL_MINUTES * MIN, '0.001 minutes would be a request every 60 ms');
    assert.strictEqual(intervalMsOf(0.5), MIN);
    assert.strictEqual(intervalMsOf(1), MIN);
    assert.strictEqual(intervalMsOf(5), 5 * MIN);
  });
});
