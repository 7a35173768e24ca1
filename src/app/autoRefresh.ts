// Auto-refresh: feeds the RefreshScheduler what VS Code knows (the setting, window focus, the view's visibility,
// the signed-in state) and tells it when any refresh finished. The refresh itself is the model's, so failures
// show in the view as its error row, never as a toast.

import * as vscode from 'vscode';
import type { Logger } from '../api/types';
import type { CasesModel, CasesState } from '../cases/casesModel';
import { Clock, RefreshScheduler, refreshActive, refreshOutcome, systemClock } from '../cases/refreshScheduler';
import { SETTINGS_SECTION } from '../services/config';

export const INTERVAL_SETTING = 'autoRefresh.intervalMinutes';
const MINUTE_MS = 60_000;

export function readIntervalMs(): number {
  const minutes = vscode.workspace.getConfiguration(SETTINGS_SECTION).get<unknown>(INTERVAL_SETTING);
  return typeof minutes === 'number' && Number.isFinite(minutes) && minutes > 0 ? minutes * MINUTE_MS : 0;
}

export interface AutoRefreshDeps {
  readonly model: Pick<CasesModel, 'state' | 'onDidChange' | 'refresh'>;
  readonly view: Pick<vscode.TreeView<unknown>, 'visible' | 'onDidChangeVisibility'>;
  readonly logger: Logger;
  readonly clock?: Clock;
}

export class AutoRefresh implements vscode.Disposable {
  private readonly scheduler: RefreshScheduler;
  private readonly subscriptions: vscode.Disposable[] = [];
  private previous: CasesState;
  /** Test mode only: the interval in ms instead of the setting's minutes. */
  private intervalOverrideMs: number | undefined;
  private refreshes = 0;
  private readonly clock: Clock;
  /** The saved time of the cached rows already taken into account. */
  private cachedSeen: number | undefined;

  constructor(private readonly deps: AutoRefreshDeps) {
    this.previous = deps.model.state;
    this.clock = deps.clock ?? systemClock;
    this.scheduler = new RefreshScheduler(() => this.run(), this.clock);
    this.subscriptions.push(
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration(`${SETTINGS_SECTION}.${INTERVAL_SETTING}`)) {
          this.scheduler.update({ intervalMs: this.intervalMs() });
        }
      }),
      vscode.window.onDidChangeWindowState(() => this.scheduler.update({ active: this.isActive() })),
      deps.view.onDidChangeVisibility(() => this.scheduler.update({ active: this.isActive() })),
      deps.model.onDidChange((state) => this.modelChanged(state))
    );
    this.scheduler.update({ intervalMs: this.intervalMs(), active: this.isActive(), signedIn: deps.model.state.kind !== 'signedOut' });
  }

  /** Refreshes started by the timer so far. */
  get autoRefreshCount(): number {
    return this.refreshes;
  }

  get failures(): number {
    return this.scheduler.failures;
  }

  /** The wait from the last refresh to the next, backoff included (0: off). */
  get delayMs(): number {
    return this.scheduler.current.intervalMs > 0 ? this.scheduler.delayMs : 0;
  }

  /** The window is focused or the view visible: refreshes run. */
  get active(): boolean {
    return this.scheduler.current.active;
  }

  /** When the next automatic refresh is due (ms since the epoch); undefined while paused or off. */
  get nextDueAt(): number | undefined {
    return this.scheduler.nextDueAt;
  }

  /** Test mode only (see extension.ts): a short interval in ms; undefined returns to the setting. */
  setIntervalOverrideMs(ms: number | undefined): void {
    this.intervalOverrideMs = ms;
    this.scheduler.update({ intervalMs: this.intervalMs() });
  }

  dispose(): void {
    this.scheduler.dispose();
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

  private modelChanged(state: CasesState): void {
    const outcome = refreshOutcome(this.previous, state);
    this.previous = state;
    this.scheduler.update({ signedIn: state.kind !== 'signedOut' });
    if (state.kind === 'loaded' && state.cachedAt !== undefined && state.busy === undefined && state.refreshError === undefined && state.cachedAt !== this.cachedSeen) {
      // Rows from disk, shown once: they are as old as the list they came from (a failed refresh keeps its backoff).
      this.cachedSeen = state.cachedAt;
      this.scheduler.refreshedAt(state.cachedAt);
    }
    if (outcome) {
      this.scheduler.completed(outcome === 'success');
      if (outcome === 'failure') {
        const due = this.scheduler.nextDueAt;
        const next = due !== undefined ? `next try in ${Math.round((due - this.clock.now()) / 1000)} s` : 'paused';
        this.deps.logger.info(`Auto-refresh: ${next} (${this.scheduler.failures} failure(s) in a row).`);
      }
    }
  }

  private run(): Promise<void> {
    this.refreshes++;
    return this.deps.model.refresh();
  }
}
