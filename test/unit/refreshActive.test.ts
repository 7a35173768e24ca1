// Issue 9: "auto-refresh only while the window is focused or the view visible". The decision is refreshActive
// (vscode-free, used by app/autoRefresh.ts); here all four cases, alone and as the scheduler's condition.
import * as assert from 'assert';
import { Clock, RefreshScheduler, refreshActive } from '../../src/follow/refreshScheduler';

/** A clock that only records timers; the test fires them by hand. */
class ManualClock implements Clock {
  readonly timers = new Map<number, () => void>();
  private nextId = 1;
  now(): number {
    return 1_000_000;
  }
  setTimeout(callback: () => void, _ms: number): unknown {
    const id = this.nextId++;
    this.timers.set(id, callback);
    return id;
  }
  clearTimeout(handle: unknown): void {
    this.timers.delete(handle as number);
  }
}

const CASES: readonly { readonly focused: boolean; readonly visible: boolean; readonly active: boolean }[] = [
  { focused: true, visible: true, active: true },
  { focused: true, visible: false, active: true },
  { focused: false, visible: true, active: true },
  { focused: false, visible: false, active: false }
];

describe('auto-refresh runs only while the window is focused or the view visible', () => {
  for (const { focused, visible, active } of CASES) {
    const name = `window ${focused ? 'focused' : 'not focused'}, view ${visible ? 'visible' : 'hidden'}`;

    it(`${name}: ${active ? 'refreshes' : 'pauses'}`, () => {
      assert.strictEqual(refreshActive(focused, visible), active);
    });

    it(`${name}: the scheduler ${active ? 'has a refresh due and runs it' : 'has nothing due'}`, async () => {
      const clock = new ManualClock();
      let refreshes = 0;
      const scheduler = new RefreshScheduler(async () => {
        refreshes++;
      }, clock);
      try {
        scheduler.update({ intervalMs: 60_000, signedIn: true, active: refreshActive(focused, visible) });
        assert.strictEqual(scheduler.nextDueAt !== undefined, active, 'a refresh is due');
        assert.strictEqual(clock.timers.size, active ? 1 : 0, 'timers set');
        for (const fire of [...clock.timers.values()]) {
          fire();
        }
        await Promise.resolve();
        assert.strictEqual(refreshes, active ? 1 : 0);
      } finally {
        scheduler.dispose();
      }
    });
  }

  it('losing focus with the view hidden cancels the due refresh; showing the view brings it back', () => {
    const clock = new ManualClock();
    const scheduler = new RefreshScheduler(async () => undefined, clock);
    try {
      scheduler.update({ intervalMs: 60_000, signedIn: true, active: refreshActive(true, false) });
      assert.ok(scheduler.nextDueAt !== undefined);
      scheduler.update({ active: refreshActive(false, false) });
      assert.strictEqual(scheduler.nextDueAt, undefined);
      assert.strictEqual(clock.timers.size, 0);
      scheduler.update({ active: refreshActive(false, true) });
      assert.ok(scheduler.nextDueAt !== undefined);
    } finally {
      scheduler.dispose();
    }
  });
});
