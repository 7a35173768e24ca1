// The incremental refresh's merge: the list already shown plus the cases that changed since, into the list the
// server would return now, without asking for every page again. Pure, so every case of it is unit-tested.

import type { CaseSummary, SortKey } from '../api/types';
import { sortKeys, type SortOption } from './caseQuery';

export interface MergeResult {
  readonly cases: readonly CaseSummary[];
  /** Case numbers new to the list. */
  readonly inserted: readonly string[];
  /** Already listed and changed (possibly moved). */
  readonly updated: readonly string[];
  /** Listed before, changed, and no longer matching the filter. */
  readonly removed: readonly string[];
}

/**
 * Applies `changed` (summaries the API returned for "updated since …") to `current`. Cases that no longer match
 * leave; changed cases replace their old row; new matching cases are inserted; the result is in `sort` order.
 * `loadedAll` false means only a prefix of the full list is loaded: a new case that would sort after the last
 * loaded row stays out (it belongs to a page not loaded yet), as it would if the pages were loaded again.
 */
export function mergeChanges(
  current: readonly CaseSummary[],
  changed: readonly CaseSummary[],
  matches: (summary: CaseSummary) => boolean,
  sort: SortOption | readonly SortKey[],
  loadedAll: boolean
): MergeResult {
  const compare = comparator(typeof sort === 'string' ? sortKeys(sort) : sort);
  const byNumber = new Map<string, CaseSummary>();
  for (const summary of changed) {
    // The newest answer wins when the overlap window returned a case twice.
    const before = byNumber.get(summary.caseNumber);
    if (!before || (Date.parse(summary.modifiedDate ?? '') || 0) >= (Date.parse(before.modifiedDate ?? '') || 0)) {
      byNumber.set(summary.caseNumber, summary);
    }
  }
  const inserted: string[] = [];
  const updated: string[] = [];
  const removed: string[] = [];
  const kept: CaseSummary[] = [];
  const listed = new Set<string>();
  for (const summary of current) {
    listed.add(summary.caseNumber);
    const next = byNumber.get(summary.caseNumber);
    if (!next) {
      kept.push(summary);
    } else if (!matches(next)) {
      removed.push(summary.caseNumber);
    } else {
      if (!sameSummary(summary, next)) {
        updated.push(summary.caseNumber);
      }
      kept.push(next);
    }
  }
  const last = current.length > 0 ? current[current.length - 1] : undefined;
  for (const summary of byNumber.values()) {
    if (listed.has(summary.caseNumber) || !matches(summary)) {
      continue;
    }
    if (!loadedAll && last !== undefined && compare(summary, last) > 0) {
      continue;
    }
    inserted.push(summary.caseNumber);
    kept.push(summary);
  }
  // Stable sort: equal keys keep the server's order.
  const cases = kept.map((summary, index) => ({ summary, index })).sort((a, b) => compare(a.summary, b.summary) || a.index - b.index).map((e) => e.summary);
  return { cases, inserted, updated, removed };
}

/** The newest modifiedDate in a list, in ms; undefined when none parses. */
export function newestModified(cases: readonly CaseSummary[]): number | undefined {
  let newest: number | undefined;
  for (const summary of cases) {
    const at = Date.parse(summary.modifiedDate ?? '');
    if (Number.isFinite(at) && (newest === undefined || at > newest)) {
      newest = at;
    }
  }
  return newest;
}

/**
 * The server's order for sort keys: each key in turn, then newest modification, then case number (how the fake API
 * breaks ties; the real API's tie order is unspecified, and ties only decide the order of equal rows).
 */
export function comparator(keys: readonly SortKey[]): (a: CaseSummary, b: CaseSummary) => number {
  return (a, b) => {
    for (const key of [...keys, { field: 'modifiedDate', direction: 'desc' } as const]) {
      const cmp = compareField(a, b, key.field);
      if (cmp !== 0) {
        return key.direction === 'desc' ? -cmp : cmp;
      }
    }
    return a.caseNumber.localeCompare(b.caseNumber);
  };
}

function compareField(a: CaseSummary, b: CaseSummary, field: SortKey['field']): number {
  if (field === 'status' || field === 'severity') {
    return a[field].localeCompare(b[field]);
  }
  return time(a[field] ?? undefined) - time(b[field] ?? undefined);
}

function time(date: string | undefined): number {
  const at = Date.parse(date ?? '');
  return Number.isFinite(at) ? at : 0;
}

function sameSummary(a: CaseSummary, b: CaseSummary): boolean {
  return a.subject === b.subject && a.status === b.status && a.severity === b.severity && a.type === b.type &&
    a.modifiedDate === b.modifiedDate && a.closedDate === b.closedDate && a.createdDate === b.createdDate;
}
