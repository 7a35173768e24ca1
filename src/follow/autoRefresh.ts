// Auto-refresh: feeds every account's schedule (AccountRefreshSchedules) what VS Code knows (the setting, window
// focus, the view's visibility, the signed-in accounts); each account's model tells its own schedule when its
// refreshes finished, so each backs off on its own failures. The refresh itself is the model's, so failures
// show in the view as its error row, never as a toast.

import * as vscode from 'vscode';
import type { Logger } from '../api/types';
import { AccountRefreshSchedules, intervalMsOf, type AccountSchedule, type RefreshableModel } from './accountRefresh';
import { Clock, refreshActive, systemClock } from './refreshScheduler';
import { SETTINGS_SECTION, userSetting } from '../util/settings';
import type { Event } from '../util/event';

export const INTERVAL_SETTING = 'autoRefresh.intervalMinutes';

/** The interval from the user's settings only (userSetting), clamped: 0 = off, otherwise at least a minute. */
export function readIntervalMs(): number {
  return intervalMsOf(userSetting(INTERVAL_SETTING));
}

export interface AutoRefreshDeps {
  /** The first (or only) account's model: what `failures` and `delayMs` describe. */
  readonly primary: RefreshableModel;
  /** Every signed-in account's model; each is refreshed on its own schedule. */
  readonly accounts: { readonly models: readonly RefreshableModel[]; readonly onDidChange: Event<void> };
  readonly view: Pick<vscode.TreeView<unknown>, 'visible' | 'onDidChangeVisibility'>;
  readonly logger: Logger;
  readonly clock?: Clock;
}

export class AutoRefresh implements vscode.Disposable {
  private readonly schedules: AccountRefreshSchedules;
  private readonly subscriptions: { dispose(): void }[] = [];
  /** Test mode only: the interval in ms instead of the setting's minutes. */
  private intervalOverrideMs: number | undefined;
  private readonly clock: Clock;

  constructor(private readonly deps: AutoRefreshDeps) {
    this.clock = deps.clock ?? systemClock;
    this.schedules = new AccountRefreshSchedules(this.clock, (s) => this.logBackoff(s));
    this.schedules.update({ intervalMs: this.intervalMs(), active: this.isActive() });
    this.schedules.setModels(deps.accounts.models);
    this.subscriptions.push(
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration(`${SETTINGS_SECTION}.${INTERVAL_SETTING}`)) {
          this.schedules.update({ intervalMs: this.intervalMs() });
        }
      }),
      vscode.window.onDidChangeWindowState(() => this.schedules.update({ active: this.isActive() })),
      deps.view.onDidChangeVisibility(() => this.schedules.update({ active: this.isActive() })),
      deps.accounts.onDidChange(() => this.schedules.setModels(deps.accounts.models))
    );
  }

  /** Refreshes started by the timers so far (every account's). */
  get autoRefreshCount(): number {
    return this.schedules.refreshCount;
  }

  /** Failed refreshes in a row of the first account (accountSchedules has every account's). */
  get failures(): number {
    return this.schedules.scheduleFor(this.deps.primary)?.failures ?? 0;
  }

  /** The first account's wait from its last refresh to the next, backoff included (0: off). */
  get delayMs(): number {
    return this.schedules.scheduleFor(this.deps.primary)?.delayMs ?? 0;
  }

  /** Each signed-in account's own schedule: its failures and backoff. */
  get accountSchedules(): readonly AccountSchedule[] {
    return this.schedules.schedules;
  }

  /** The window is focused or the view visible: refreshes run. */
  get active(): boolean {
    return this.schedules.current.active;
  }

  /** When the next automatic refresh of any account is due (ms since the epoch); undefined while paused or off. */
  get nextDueAt(): number | undefined {
    return this.schedules.nextDueAt;
  }

  /** Test mode only (see extension.ts): a short interval in ms; undefined returns to the setting. */
  setIntervalOverrideMs(ms: number | undefined): void {
    this.intervalOverrideMs = ms;
    this.schedules.update({ intervalMs: this.intervalMs() });
  }

  dispose(): void {
    this.schedules.dispose();
    for (const d of this.subscriptions) {
      d.dispose();
    }
  }

  private intervalMs(): number {
    return this.intervalOverrideMs ?? readIntervalMs();
  }

  private isActive(): boolean {
    return refreshActive(vscode.window.state.focused, this.deps.view.visible);
  }

  private logBackoff(schedule: AccountSchedule): void {
    const due = schedule.nextDueAt;
    const next = due !== undefined ? `next try in ${Math.round((due - this.clock.now()) / 1000)} s` : 'paused';
    this.deps.logger.info(`Auto-refresh: ${next} (${schedule.failures} failure(s) in a row of this account).`);
  }
}
