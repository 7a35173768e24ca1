// What the Recent Cases view says around its rows: the filter in its description and its message (VS Code hides the
// description of a view alone in its container, which ours is by default), "cached, N minutes ago" in its message, the number of updated cases in its badge, and the context key that shows Clear Filter.

import * as vscode from 'vscode';
import type { AccountModels } from '../cases/accountModels';
import { CasesModel } from '../cases/casesModel';
import { describeFilter, filterSummary, isFilterActive } from '../cases/caseQuery';
import { CONTEXT_FILTER_ACTIVE } from '../util/ids';
import { plainText } from '../util/text';

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
    // A label's clock never keeps a process alive (`npm run bench` activates in plain Node processes that must end).
    this.ticker.unref();
    this.update();
  }

  update(): void {
    // Any account still showing rows from disk says so (with several accounts, each has its own list and filter).
    const entries = this.accounts?.entries ?? [];
    const models = entries.length > 0 ? entries.map((e) => e.model) : [this.model];
    const summary = filterSummary(entries.length > 1 ? entries.map((e) => ({ label: e.label, summary: describeFilter(e.model.view.filter) })) : [{ label: '', summary: describeFilter(this.model.view.filter) }]);
    this.view.description = plainText(summary) || undefined;
    const cached = models.map((m) => m.state).find((s) => s.kind === 'loaded' && s.cachedAt !== undefined);
    const cachedText = cached?.kind === 'loaded' && cached.cachedAt !== undefined ? cachedMessage(cached.cachedAt, this.now(), cached.busy !== undefined) : undefined;
    this.view.message = viewMessage(cachedText, plainText(summary));
    const updated = this.accounts ? this.accounts.updatedCount : this.model.updatedCount;
    const badgeTooltip = updated === 1 ? vscode.l10n.t('1 case updated since you last opened it') : vscode.l10n.t('{0} cases updated since you last opened them', updated);
    this.view.badge = updated > 0 ? { value: updated, tooltip: badgeTooltip } : undefined;
    const active = models.some((m) => isFilterActive(m.view.filter));
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

/** The view's message: the cache's age first, then the active filter ("Filter: Open · 30 days."), or nothing. */
export function viewMessage(cached: string | undefined, filterSummary: string): string | undefined {
  const parts = [cached, filterSummary ? vscode.l10n.t('Filter: {0}.', filterSummary) : undefined].filter((p): p is string => !!p);
  return parts.length > 0 ? parts.join(' ') : undefined;
}

/** "Cached, 3 minutes ago": rows from the last session, not yet replaced by the API's answer. */
export function cachedMessage(savedAt: number, now: number, updating: boolean): string {
  const minutes = Math.max(0, Math.floor((now - savedAt) / MINUTE));
  const age =
    minutes === 0
      ? vscode.l10n.t('less than a minute ago')
      : minutes === 1
        ? vscode.l10n.t('1 minute ago')
        : minutes < 120
          ? vscode.l10n.t('{0} minutes ago', minutes)
          : vscode.l10n.t('{0} hours ago', Math.floor(minutes / 60));
  return updating ? vscode.l10n.t('Cached, {0}. Updating…', age) : vscode.l10n.t('Cached, {0}.', age);
}
