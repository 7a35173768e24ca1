// When the next automatic refresh runs: every interval while the window is in use and someone is signed in, later
// after failures (interval × 2^n, capped; reset by a success), at once when the window comes back after the refresh
// fell due. The clock and timers are injected, so the unit tests drive it without sleeping.

import type { CasesState } from '../cases/casesModel';

export interface Clock {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>)
};

/** However many failures, a refresh is tried at least hourly (or at the interval, when that is longer). */
export const MAX_BACKOFF_MS = 60 * 60 * 1000;

/** The wait before the next refresh after `failures` failed ones in a row. */
export function backoffDelay(intervalMs: number, failures: number, capMs = MAX_BACKOFF_MS): number {
  const cap = Math.max(intervalMs, capMs);
  // The exponent is bounded so 2^n stays a finite number however long the outage lasts.
  return Math.min(intervalMs * 2 ** Math.min(Math.max(failures, 0), 30), cap);
}

/**
 * Whether automatic refreshes run: while the window is focused or the view is visible (a visible view in an
 * unfocused window still shows fresh rows; a hidden view in a background window costs the API nothing).
 */
export function refreshActive(windowFocused: boolean, viewVisible: boolean): boolean {
  return windowFocused || viewVisible;
}

export interface SchedulerConditions {
  /** 0 turns auto-refresh off. */
  readonly intervalMs: number;
  /** The window is focused or the view is visible (refreshActive). */
  readonly active: boolean;
  readonly signedIn: boolean;
}

export class RefreshScheduler {
  private conditions: SchedulerConditions = { intervalMs: 0, active: false, signedIn: false };
  private timer: unknown;
  private running = false;
  /** When the last refresh (of any origin) finished, or signing in happened: the interval counts from there. */
  private lastAt: number;
  private failureCount = 0;
  /** A refresh finished in this window: cached rows' age no longer matters. */
  private refreshedHere = false;
  private dueAt: number | undefined;
  private disposed = false;

  constructor(
    private readonly refresh: () => Promise<void>,
    private readonly clock: Clock = systemClock
  ) {
    this.lastAt = clock.now();
  }

  /** Failed refreshes in a row. */
  get failures(): number {
    return this.failureCount;
  }

  /** When the timer will fire; undefined while paused or off. */
  get nextDueAt(): number | undefined {
    return this.dueAt;
  }

  /** The wait between the last refresh and the next one, with the backoff applied. */
  get delayMs(): number {
    return backoffDelay(this.conditions.intervalMs, this.failureCount);
  }

  get current(): SchedulerConditions {
    return this.conditions;
  }

  update(change: Partial<SchedulerConditions>): void {
    const before = this.conditions;
    this.conditions = { ...before, ...change };
    if (before.intervalMs === this.conditions.intervalMs && before.active === this.conditions.active && before.signedIn === this.conditions.signedIn) {
      return;
    }
    if (before.signedIn !== this.conditions.signedIn) {
      // A new session starts counting now, without the old session's failures.
      this.lastAt = this.clock.now();
      this.failureCount = 0;
      this.refreshedHere = false;
    }
    this.schedule();
  }

  /**
   * The list shown was last refreshed at `at` (rows kept on disk by an earlier window): when that is longer ago than
   * the interval, the refresh is due now rather than a whole interval after this window started. Once a refresh
   * finished here, that refresh is what counts.
   */
  refreshedAt(at: number): void {
    if (!this.refreshedHere && at < this.lastAt) {
      this.lastAt = at;
      this.schedule();
    }
  }

  /** A refresh finished (started here, by the Refresh button, or by the view): the next one counts from now. */
  completed(ok: boolean): void {
    this.refreshedHere = true;
    this.lastAt = this.clock.now();
    this.failureCount = ok ? 0 : this.failureCount + 1;
    this.schedule();
  }

  dispose(): void {
    this.disposed = true;
    this.cancel();
  }

  private schedule(): void {
    this.cancel();
    const { intervalMs, active, signedIn } = this.conditions;
    if (this.disposed || this.running || intervalMs <= 0 || !active || !signedIn) {
      return;
    }
    const due = this.lastAt + backoffDelay(intervalMs, this.failureCount);
    this.dueAt = due;
    this.timer = this.clock.setTimeout(() => void this.fire(), Math.max(0, due - this.clock.now()));
  }

  private cancel(): void {
    if (this.timer !== undefined) {
      this.clock.clearTimeout(this.timer);
      this.timer = undefined;
    }
    this.dueAt = undefined;
  }

  private async fire(): Promise<void> {
    this.timer = undefined;
    this.dueAt = undefined;
    this.running = true;
    const started = this.lastAt;
    try {
      await this.refresh();
    } catch {
      // The model turns failures into state; a rejection here only means nothing was refreshed.
    } finally {
      this.running = false;
    }
    if (this.lastAt === started) {
      // No completion was reported (signed out meanwhile, or the answer was dropped): count from now anyway.
      this.lastAt = this.clock.now();
    }
    this.schedule();
  }
}

/**
 * Whether the model's step from `previous` to `next` finished a refresh or full load, and how: a failure leaves an
 * error (the view shows it above the rows or in place of them), a success a list without one.
 */
export function refreshOutcome(previous: CasesState, next: CasesState): 'success' | 'failure' | undefined {
  const wasRefreshing = previous.kind === 'loading' || (previous.kind === 'loaded' && previous.busy === 'refresh');
  if (!wasRefreshing) {
    return undefined;
  }
  if (next.kind === 'error') {
    return 'failure';
  }
  if (next.kind === 'loaded' && next.busy === undefined) {
    return next.refreshError ? 'failure' : 'success';
  }
  return undefined;
}
