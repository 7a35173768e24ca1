// What the Recent Cases view says around its rows: the filter in its description, "cached, N minutes ago" in its
// message, the number of updated cases in its badge, and the context key that shows Clear Filter.

import * as vscode from 'vscode';
import type { AccountModels } from '../cases/accountModels';
import { CasesModel } from '../cases/casesModel';
import { describeFilter, isFilterActive } from '../cases/caseQuery';
import { CONTEXT_FILTER_ACTIVE } from '../util/ids';

const MINUTE = 60_000;

export class CasesViewChrome implements vscode.Disposable {
  private readonly subscriptions: vscode.Disposable[];
  private readonly ticker: ReturnType<typeof setInterval>;
  private filterActive: boolean | undefined;

  constructor(
    private readonly view: vscode.TreeView<unknown>,
    private readonly model: CasesModel,
    private readonly now: () => number = Date.now,
    /** With several accounts the badge adds up their updated cases. */
    private readonly accounts?: AccountModels
  ) {
    this.subscriptions = accounts
      ? [accounts.onDidChangeAny(() => this.update())]
      : [model.onDidChange(() => this.update()), model.onDidChangeSeen(() => this.update())];
    // "N minutes ago" ages while cached rows are shown.
    this.ticker = setInterval(() => this.update(), MINUTE);
    this.update();
  }

  update(): void {
    const state = this.model.state;
    const filter = this.model.view.filter;
    this.view.description = describeFilter(filter) || undefined;
    this.view.message = state.kind === 'loaded' && state.cachedAt !== undefined ? cachedMessage(state.cachedAt, this.now(), state.busy !== undefined) : undefined;
    const updated = this.accounts ? this.accounts.updatedCount : this.model.updatedCount;
    this.view.badge = updated > 0 ? { value: updated, tooltip: `${updated} ${updated === 1 ? 'case' : 'cases'} updated since you last opened ${updated === 1 ? 'it' : 'them'}` } : undefined;
    const active = isFilterActive(filter);
    if (active !== this.filterActive) {
      this.filterActive = active;
      void vscode.commands.executeCommand('setContext', CONTEXT_FILTER_ACTIVE, active);
    }
  }

  dispose(): void {
    clearInterval(this.ticker);
    for (const s of this.subscriptions) {
      s.dispose();
    }
  }
}

/** "Cached, 3 minutes ago": rows from the last session, not yet replaced by the API's answer. */
export function cachedMessage(savedAt: number, now: number, updating: boolean): string {
  const minutes = Math.max(0, Math.floor((now - savedAt) / MINUTE));
  const age = minutes === 0 ? 'less than a minute ago' : minutes === 1 ? '1 minute ago' : minutes < 120 ? `${minutes} minutes ago` : `${Math.floor(minutes / 60)} hours ago`;
  return updating ? `Cached, ${age}. Updating…` : `Cached, ${age}.`;
}
