// The New Support Case draft of each signed-in account, in extension state (not secret: what the person typed and
// the paths of the files they chose). It outlives the tab and the window; only a case the API confirmed clears it.

import type * as vscode from 'vscode';
import { isEmptyDraft, NewCaseDraft, parseDraft } from '../../cases/newCaseRules';

const KEY = 'axwaySupport.newCaseDrafts';

export class NewCaseDrafts {
  constructor(private readonly state: vscode.Memento) {}

  get(account: string): NewCaseDraft | undefined {
    return parseDraft(this.all()[account]);
  }

  /** Keeps the draft; an empty one is forgotten (nothing worth restoring). */
  async set(account: string, draft: NewCaseDraft): Promise<void> {
    if (isEmptyDraft(draft)) {
      await this.clear(account);
      return;
    }
    await this.state.update(KEY, { ...this.all(), [account]: draft });
  }

  async clear(account: string): Promise<void> {
    const all = this.all();
    if (!Object.prototype.hasOwnProperty.call(all, account)) {
      return;
    }
    await this.state.update(KEY, Object.fromEntries(Object.entries(all).filter(([key]) => key !== account)));
  }

  private all(): Record<string, unknown> {
    const raw = this.state.get<unknown>(KEY);
    return typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? (raw as Record<string, unknown>) : {};
  }
}
