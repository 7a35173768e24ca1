// Auto-refresh per account: every signed-in account's list has its own RefreshScheduler, so its own failures back
// off its own timer. A second account whose credentials or service fail is tried at interval × 2^n while the first
// keeps its rate (one shared schedule followed the first account only, and retried a failing second one at the full
// rate with the user's token). The window's conditions (the interval, the window or view in use) are shared.
// vscode-free: the app layer feeds the conditions and the models.

import type { Disposable, Event } from '../util/event';
import type { CasesState } from '../cases/casesModel';
import { Clock, RefreshScheduler, refreshOutcome, systemClock } from './refreshScheduler';

/** What auto-refresh needs of an account's model. */
export interface RefreshableModel {
  readonly account: string | undefined;
  readonly state: CasesState;
  readonly onDidChange: Event<CasesState>;
  refresh(): Promise<void>;
}

/** 0 = off; otherwise never shorter than this, whatever a settings file says. */
export const MIN_INTERVAL_MINUTES = 1;
const MINUTE_MS = 60_000;

/**
 * The setting's minutes as the wait in ms: 0 (or anything not a positive number) turns auto-refresh off, and any
 * other value is at least MIN_INTERVAL_MINUTES ("0.001" would otherwise poll every 60 ms with the user's token).
 */
export function intervalMsOf(minutes: unknown): number {
  if (typeof minutes !== 'number' || !Number.isFinite(minutes) || minutes <= 0) {
    return 0;
  }
  return Math.max(minutes, MIN_INTERVAL_MINUTES) * MINUTE_MS;
}

/** One account's schedule, as the tests and the log read it. */
export interface AccountSchedule {
  readonly account: string | undefined;
  /** Failed refreshes in a row. */
  readonly failures: number;
  /** The wait from the last refresh to the next, backoff included (0: off). */
  readonly delayMs: number;
  /** When the next refresh is due; undefined while paused, off or signed out. */
  readonly nextDueAt: number | undefined;
  /** Refreshes this account's timer started. */
  readonly refreshes: number;
}

interface Followed {
  readonly scheduler: RefreshScheduler;
  readonly subscription: Disposable;
  account: string | undefined;
  previous: CasesState;
  /** The saved time of the cached rows already taken into account. */
  cachedSeen: number | undefined;
  refreshes: number;
}

export class AccountRefreshSchedules implements Disposable {
  private readonly followed = new Map<RefreshableModel, Followed>();
  private intervalMs = 0;
  private active = false;
  /** Refreshes started by timers of models no longer followed, so the total never goes back. */
  private retiredRefreshes = 0;

  constructor(
    private readonly clock: Clock = systemClock,
    /** Told about each failure with its account and when it is tried again. */
    private readonly onBackoff: (schedule: AccountSchedule) => void = () => undefined
  ) {}

  /** The models of the accounts signed in now (the primary one even while signed out). */
  setModels(models: readonly RefreshableModel[]): void {
    const keep = new Set(models);
    for (const [model, followed] of [...this.followed]) {
      if (!keep.has(model)) {
        this.drop(model, followed);
      }
    }
    for (const model of models) {
      if (!this.followed.has(model)) {
        this.follow(model);
      }
    }
  }

  /** The shared conditions: the interval (0 = off) and whether the window or the view is in use. */
  update(change: { readonly intervalMs?: number; readonly active?: boolean }): void {
    this.intervalMs = change.intervalMs ?? this.intervalMs;
    this.active = change.active ?? this.active;
    for (const { scheduler } of this.followed.values()) {
      scheduler.update({ intervalMs: this.intervalMs, active: this.active });
    }
  }

  get current(): { readonly intervalMs: number; readonly active: boolean } {
    return { intervalMs: this.intervalMs, active: this.active };
  }

  /** Every followed account's schedule, in the order the models were given. */
  get schedules(): readonly AccountSchedule[] {
    return [...this.followed.entries()].map(([model, f]) => this.scheduleOf(model, f));
  }

  /** The schedule of one model (undefined when it is not followed). */
  scheduleFor(model: RefreshableModel): AccountSchedule | undefined {
    const followed = this.followed.get(model);
    return followed ? this.scheduleOf(model, followed) : undefined;
  }

  /** Refreshes started by the timers so far, of every account. */
  get refreshCount(): number {
    return [...this.followed.values()].reduce((sum, f) => sum + f.refreshes, this.retiredRefreshes);
  }

  /** The earliest next refresh of any account; undefined when none is scheduled. */
  get nextDueAt(): number | undefined {
    const due = [...this.followed.values()].map((f) => f.scheduler.nextDueAt).filter((d): d is number => d !== undefined);
    return due.length > 0 ? Math.min(...due) : undefined;
  }

  dispose(): void {
    for (const [model, followed] of [...this.followed]) {
      this.drop(model, followed);
    }
  }

  private follow(model: RefreshableModel): void {
    const scheduler = new RefreshScheduler(() => {
      followed.refreshes++;
      return model.refresh();
    }, this.clock);
    const followed: Followed = {
      scheduler,
      subscription: model.onDidChange((state) => this.changed(model, state)),
      account: model.account,
      previous: model.state,
      cachedSeen: undefined,
      refreshes: 0
    };
    this.followed.set(model, followed);
    scheduler.update({ intervalMs: this.intervalMs, active: this.active, signedIn: model.state.kind !== 'signedOut' });
    this.takeCachedAge(followed, model.state);
  }

  private drop(model: RefreshableModel, followed: Followed): void {
    followed.subscription.dispose();
    followed.scheduler.dispose();
    this.retiredRefreshes += followed.refreshes;
    this.followed.delete(model);
  }

  private changed(model: RefreshableModel, state: CasesState): void {
    const followed = this.followed.get(model);
    if (!followed) {
      return;
    }
    if (model.account !== followed.account) {
      // The model now shows another account (the first signed out, the next took its place): a new schedule, without
      // the failures of the account it showed before.
      followed.account = model.account;
      followed.scheduler.update({ signedIn: false });
    }
    const outcome = refreshOutcome(followed.previous, state);
    followed.previous = state;
    followed.scheduler.update({ signedIn: state.kind !== 'signedOut' });
    this.takeCachedAge(followed, state);
    if (outcome) {
      followed.scheduler.completed(outcome === 'success');
      if (outcome === 'failure') {
        this.onBackoff(this.scheduleOf(model, followed));
      }
    }
  }

  /** Rows from disk, shown once: they are as old as the list they came from (a failed refresh keeps its backoff). */
  private takeCachedAge(followed: Followed, state: CasesState): void {
    if (state.kind === 'loaded' && state.cachedAt !== undefined && state.busy === undefined && state.refreshError === undefined && state.cachedAt !== followed.cachedSeen) {
      followed.cachedSeen = state.cachedAt;
      followed.scheduler.refreshedAt(state.cachedAt);
    }
  }

  private scheduleOf(model: RefreshableModel, followed: Followed): AccountSchedule {
    const { scheduler } = followed;
    return {
      account: model.account,
      failures: scheduler.failures,
      delayMs: scheduler.current.intervalMs > 0 ? scheduler.delayMs : 0,
      nextDueAt: scheduler.nextDueAt,
      refreshes: followed.refreshes
    };
  }
}
