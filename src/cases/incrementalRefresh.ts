// Incremental refresh planning: ask only what changed since the newest modification known, page those changes, give
// up for a full load when they would cost more requests than it, and merge them into every loaded list in place.

import { MAX_OFFSET, PAGE_SIZE } from '../api/limits';
import type { CaseSummary, SortKey, SupportApiClient } from '../api/types';
import { changedSinceQuery, matchesFilter } from './caseQuery';
import { listSpecs, type ListView } from './caseGroups';
import { loadedState, type ListPart, type LoadedState } from './casesState';
import { mergeChanges, newestModified } from './incrementalMerge';

/**
 * How far before the newest known modification the "what changed" question starts. The API's dates are whole
 * seconds: a case changed in the same second as the newest one known, after it was fetched, is still found.
 */
export const CHANGE_OVERLAP_MS = 1000;
/** Changes are paged oldest first, so a change made while paging lands on the last page instead of shifting pages. */
const CHANGES_SORT: readonly SortKey[] = [{ field: 'modifiedDate', direction: 'asc' }];
const NEWEST_FIRST: readonly SortKey[] = [{ field: 'modifiedDate', direction: 'desc' }];

/** What one incremental refresh asks: changes in (since, until], and how many pages make a full load cheaper. */
export interface ChangeQuestion {
  readonly view: ListView;
  /** The newest modification known before this refresh (rows or earlier answers), if any. */
  readonly known: number | undefined;
  readonly since: number;
  readonly until: number;
  /** What loading everything again would cost: more pages of changes than that, and a full load is cheaper. */
  readonly budget: number;
}

export function changeQuestion(previous: LoadedState, now: number): ChangeQuestion {
  // Never after now: a date in the future (a server clock ahead, odd data) would ask a question the API refuses.
  const known = latest(newestModified(previous.cases), previous.changesKnownUntil);
  const since = Math.min(known ?? now, now) - CHANGE_OVERLAP_MS;
  return { view: previous.view, known, since, until: now, budget: Math.max(1, previous.pagesLoaded) };
}

export type ChangesAnswer =
  /** Every change, within budget. */
  | { readonly kind: 'changes'; readonly changed: readonly CaseSummary[] }
  /** Too many to page: load everything again; the changes seen so far are returned for their dates. */
  | { readonly kind: 'tooMany'; readonly changed: readonly CaseSummary[] }
  /** The answer is no longer wanted (`isCurrent` turned false). */
  | { readonly kind: 'stale' };

/** Pages the changes of `question`, oldest first, until they are all read or the budget says a full load is cheaper. */
export async function fetchChanges(api: SupportApiClient, question: ChangeQuestion, signal: AbortSignal, isCurrent: () => boolean): Promise<ChangesAnswer> {
  const changed: CaseSummary[] = [];
  const query = changedSinceQuery(question.view.filter, question.since, question.until);
  for (let offset = 0, pages = 0; ; offset += PAGE_SIZE) {
    const page = await api.listCases({ limit: PAGE_SIZE, offset, sort: CHANGES_SORT, query }, signal);
    if (!isCurrent()) {
      return { kind: 'stale' };
    }
    pages++;
    changed.push(...page.cases);
    const received = page.receivedCount ?? page.cases.length;
    const total = page.totalCount;
    if (received < PAGE_SIZE || (total !== undefined && offset + received >= total)) {
      return { kind: 'changes', changed };
    }
    const pagesNeeded = total !== undefined ? Math.ceil(total / PAGE_SIZE) : pages + 1;
    if (pagesNeeded - pages > question.budget || offset + PAGE_SIZE > MAX_OFFSET) {
      return { kind: 'tooMany', changed };
    }
  }
}

/**
 * After 'tooMany': the newest modification there is now (one more question, the newest change), so the refresh
 * after the full load starts after every change there is: changes the filter hides are not asked for again and again.
 */
export async function newestChangeKnown(api: SupportApiClient, question: ChangeQuestion, changed: readonly CaseSummary[], signal: AbortSignal): Promise<number | undefined> {
  const query = changedSinceQuery(question.view.filter, question.since, question.until);
  const newest = await api.listCases({ limit: 1, offset: 0, sort: NEWEST_FIRST, query }, signal);
  return latest(question.known, newestModified([...changed, ...newest.cases]));
}

/** The state after merging every change in: the rows, counts and offsets of each part, and what is known now. */
export function mergedState(previous: LoadedState, question: ChangeQuestion, changed: readonly CaseSummary[]): LoadedState {
  return { ...mergeParts(previous, changed, question.since, question.until), changed, changesKnownUntil: latest(question.known, newestModified(changed)) };
}

/**
 * The changes merged into every part. A part's count stays only when each change's effect on it is certain: a
 * case leaving it was listed in it; a case entering it was listed in another part before, or was created after the
 * list was loaded. Otherwise the count is dropped rather than guessed.
 */
function mergeParts(previous: LoadedState, changed: readonly CaseSummary[], since: number, now: number): LoadedState {
  const { filter } = previous.view;
  const specs = new Map(listSpecs(previous.view).map((s) => [s.key, s]));
  const listedBefore = new Set(previous.cases.map((c) => c.caseNumber));
  const createdAt = new Map(changed.map((c) => [c.caseNumber, Date.parse(c.createdDate ?? '')]));
  const parts = previous.parts.map((part): ListPart => {
    const spec = specs.get(part.key);
    if (!spec) {
      return part;
    }
    const result = mergeChanges(part.cases, changed, (c) => matchesFilter(c, filter, now) && spec.member(c), spec.sort, !part.hasMore);
    // "Updated within N days" moves with the clock: rows that aged out leave too.
    const cases = filter.updatedWithinDays !== undefined ? result.cases.filter((c) => matchesFilter(c, filter, now)) : result.cases;
    const aged = result.cases.length - cases.length;
    const shift = result.inserted.length - result.removed.length - aged;
    const certain = aged === 0 && result.inserted.every((n) => listedBefore.has(n) || (createdAt.get(n) ?? 0) > since);
    const untouched = result.inserted.length === 0 && result.removed.length === 0 && aged === 0;
    const totalCount = part.totalCount === undefined || untouched ? part.totalCount : certain ? part.totalCount + shift : undefined;
    return { ...part, cases, totalCount, nextOffset: Math.max(0, part.nextOffset + shift) };
  });
  return loadedState(previous.view, parts);
}

/** The later of two optional times. */
function latest(a: number | undefined, b: number | undefined): number | undefined {
  return a === undefined ? b : b === undefined ? a : Math.max(a, b);
}
