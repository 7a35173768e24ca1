// Waiting for a condition instead of sleeping: checked after every turn of the event loop. The deadline only
// guards a hang; it is no timing bound (a busy machine is slow, never wrong).
import * as assert from 'assert';
import type { CasesModel, CasesState, LoadedState } from '../../../src/cases/casesModel';

const HANG_GUARD_MS = 10_000;

/** Resolves once `condition` holds. */
export async function until(condition: () => boolean, what = 'condition', timeoutMs = HANG_GUARD_MS): Promise<void> {
  await untilFound(() => (condition() ? true : undefined), what, timeoutMs);
}

/** Resolves with the first value `check` finds (for what has no event, e.g. a request seen across HTTP). */
export async function untilFound<T>(check: () => T | undefined, what: string, timeoutMs = HANG_GUARD_MS): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = check();
    if (found !== undefined) {
      return found;
    }
    assert.ok(Date.now() < deadline, `timed out waiting for ${what}`);
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/** The model's state once `predicate` holds for it (now, or at one of its next changes). */
export function stateWhere(model: CasesModel, predicate: (s: CasesState) => boolean): Promise<CasesState> {
  if (predicate(model.state)) {
    return Promise.resolve(model.state);
  }
  return new Promise((resolve) => {
    const sub = model.onDidChange((s) => {
      if (predicate(s)) {
        sub.dispose();
        resolve(s);
      }
    });
  });
}

/** The model's loaded state; fails the test (showing the state) when it is not loaded. */
export function loaded(model: CasesModel): LoadedState {
  const state = model.state;
  assert.strictEqual(state.kind, 'loaded', `expected loaded, got ${JSON.stringify(state).slice(0, 300)}`);
  return state as LoadedState;
}
