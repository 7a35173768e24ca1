// "Updated" cases: a case counts as updated when its modifiedDate is newer than when the user last opened it here.
// Kept per account in extension state as case numbers and dates only. The first list an account ever loads is the
// baseline: everything in it counts as seen, so a first sign-in does not light up every row. Cases the user never had
// in a list compare with the baseline's watermark (its newest modification): a case found later by "Load more" or
// another filter is not "updated" unless it changed after the baseline.

import type { CaseSummary } from '../api/types';
import { newestModified } from './incrementalMerge';

/** Where the state lives (a vscode.Memento satisfies it). */
export interface SeenStorage {
  get<T>(key: string): T | undefined;
  update(key: string, value: unknown): Thenable<void> | Promise<void>;
}

interface Stored {
  /** caseNumber → modifiedDate (ms) the user has seen. */
  readonly seen: Record<string, number>;
  /** The newest modification the baseline (or Mark All as Seen) covered, in ms. */
  readonly since?: number;
}

/** Cases remembered per account: more than the 2,020 reachable ones, so nothing reachable is ever forgotten. */
const MAX_REMEMBERED = 3000;

export class SeenState {
  private data: Stored | undefined;

  constructor(
    private readonly storage: SeenStorage,
    private readonly account: string
  ) {
    this.data = storage.get<Stored>(this.key);
  }

  /** True before the account's first list was recorded. */
  get isNew(): boolean {
    return this.data === undefined;
  }

  /** Updated since the user last saw it here. Unknown cases after the baseline count as updated (they are new). */
  isUpdated(summary: CaseSummary): boolean {
    if (!this.data) {
      return false;
    }
    const modified = Date.parse(summary.modifiedDate ?? '');
    if (!Number.isFinite(modified)) {
      return false;
    }
    const seen = this.data.seen[summary.caseNumber] ?? this.data.since;
    return seen === undefined || modified > seen;
  }

  updatedCount(cases: readonly CaseSummary[]): number {
    return cases.filter((c) => this.isUpdated(c)).length;
  }

  /** Records the first list as seen (only once per account). */
  async baseline(cases: readonly CaseSummary[]): Promise<void> {
    if (this.data) {
      return;
    }
    await this.write(Object.fromEntries(cases.map((c) => [c.caseNumber, Date.parse(c.modifiedDate ?? '') || 0])), newestModified(cases));
  }

  /** Opening a case clears its decoration. */
  async markSeen(summary: Pick<CaseSummary, 'caseNumber' | 'modifiedDate'>): Promise<void> {
    const modified = Date.parse(summary.modifiedDate ?? '');
    await this.write({ ...(this.data?.seen ?? {}), [summary.caseNumber]: Number.isFinite(modified) ? modified : Date.now() }, this.data?.since);
  }

  async markAllSeen(cases: readonly CaseSummary[]): Promise<void> {
    const seen = { ...(this.data?.seen ?? {}) };
    for (const c of cases) {
      seen[c.caseNumber] = Date.parse(c.modifiedDate ?? '') || 0;
    }
    const since = Math.max(this.data?.since ?? 0, newestModified(cases) ?? 0);
    await this.write(seen, since > 0 ? since : undefined);
  }

  /** Sign-out: the account's state goes with it. */
  async forget(): Promise<void> {
    this.data = undefined;
    await this.storage.update(this.key, undefined);
  }

  private get key(): string {
    return `axwaySupport.seen.${this.account}`;
  }

  private async write(seen: Record<string, number>, since: number | undefined): Promise<void> {
    const entries = Object.entries(seen);
    // Keep the most recently modified when the map grows past the cap.
    const capped = entries.length > MAX_REMEMBERED ? Object.fromEntries(entries.sort((a, b) => b[1] - a[1]).slice(0, MAX_REMEMBERED)) : seen;
    this.data = since !== undefined ? { seen: capped, since } : { seen: capped };
    await this.storage.update(this.key, this.data);
  }
}
