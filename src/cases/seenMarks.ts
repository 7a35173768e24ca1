// The "updated" marks of the signed-in account: which listed cases changed since the user last opened them here,
// and the event the rows and the badge follow. The model hands it the cases it lists; SeenState keeps them on disk.

import type { CaseSummary } from '../api/types';
import { Emitter } from '../util/event';
import { forgetView } from './listViewStore';
import { SeenState, type SeenStorage } from './seenState';

export class SeenMarks {
  private seen: SeenState | undefined;
  private readonly changed = new Emitter<void>();
  /** Seen state changed (a case opened, Mark All as Seen, another account): the rows' marks and the badge follow. */
  readonly onDidChange = this.changed.event;

  /** Without storage nothing counts as updated. */
  constructor(
    private readonly storage: SeenStorage | undefined,
    private readonly now: () => number
  ) {}

  /** The account whose marks are shown (undefined while signed out); announce() once the list shows it. */
  setAccount(account: string | undefined): void {
    this.seen = account !== undefined && this.storage ? new SeenState(this.storage, account) : undefined;
  }

  /** Tells the rows and the badge to look at the marks again. */
  announce(): void {
    this.changed.fire();
  }

  isUpdated(summary: CaseSummary): boolean {
    return this.seen?.isUpdated(summary) ?? false;
  }

  updatedCount(cases: readonly CaseSummary[]): number {
    return this.seen ? this.seen.updatedCount(cases) : 0;
  }

  /** Opening a case clears its mark, with the date the list knows (`known`), or now. */
  async markSeen(caseNumber: string, known: CaseSummary | undefined): Promise<void> {
    if (!this.seen) {
      return;
    }
    await this.seen.markSeen(known ?? { caseNumber, modifiedDate: new Date(this.now()).toISOString() });
    this.changed.fire();
  }

  async markAllSeen(cases: readonly CaseSummary[]): Promise<void> {
    if (!this.seen) {
      return;
    }
    await this.seen.markAllSeen(cases);
    this.changed.fire();
  }

  /** The first list an account loads is what it has "seen". */
  async baselineIfNew(cases: readonly CaseSummary[]): Promise<void> {
    if (this.seen?.isNew) {
      await this.seen.baseline(cases);
      this.changed.fire();
    }
  }

  /** Sign-out: the account's seen state and remembered view go; when it is the shown account, its marks restart. */
  async forget(account: string, shownAccount: string | undefined): Promise<void> {
    if (this.storage) {
      await new SeenState(this.storage, account).forget();
      await forgetView(this.storage, account);
    }
    if (account === shownAccount) {
      this.setAccount(account);
      this.announce();
    }
  }

  dispose(): void {
    this.changed.dispose();
  }
}
