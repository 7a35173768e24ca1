// Paging one list (the whole view, or one group of it): the first pages of every list a few lists at a time, the
// next page of one list, and the rules that keep rows unique and end "Load more" where the API cannot go further.

import { MAX_OFFSET, PAGE_SIZE } from '../api/limits';
import type { CaseSummary, SupportApiClient } from '../api/types';
import { pageParams, type ListSpec } from './caseGroups';
import type { ListPart } from './casesState';

/** Group lists load a few at a time: a dozen groups should not mean a dozen simultaneous requests. */
const PARALLEL_LISTS = 3;

/**
 * The first `pagesOf(key)` pages of every list, in the lists' order. `isCurrent` turns false when the answer is no
 * longer wanted (signed out, another view): no further page is asked for then.
 */
export function fetchParts(
  api: SupportApiClient,
  specs: readonly ListSpec[],
  pagesOf: (key: string) => number,
  now: number,
  signal: AbortSignal,
  isCurrent: () => boolean
): Promise<ListPart[]> {
  return mapLimit(specs, PARALLEL_LISTS, (spec) => fetchPart(api, spec, pagesOf(spec.key), now, signal, isCurrent));
}

async function fetchPart(api: SupportApiClient, spec: ListSpec, pagesWanted: number, now: number, signal: AbortSignal, isCurrent: () => boolean): Promise<ListPart> {
  const cases: CaseSummary[] = [];
  const seen = new Set<string>();
  let totalCount: number | undefined;
  let pagesLoaded = 0;
  let nextOffset = 0;
  let hasMore = true;
  while (pagesLoaded < pagesWanted && hasMore && isCurrent()) {
    const offset = nextOffset;
    const page = await api.listCases(pageParams(spec, now, offset, PAGE_SIZE), signal);
    pagesLoaded++;
    totalCount = page.totalCount;
    const received = page.receivedCount ?? page.cases.length;
    const added = addUnique(cases, seen, page.cases);
    nextOffset = offset + received;
    hasMore = computeHasMore(received, added, offset, cases.length, totalCount);
  }
  return { key: spec.key, label: spec.label, cases, totalCount, hasMore, nextOffset, pagesLoaded };
}

/** The part with its next page appended ("Load more"): where it continues, whether there is more after it. */
export async function fetchNextPage(api: SupportApiClient, part: ListPart, spec: ListSpec, now: number, signal: AbortSignal): Promise<ListPart> {
  const offset = part.nextOffset;
  const page = await api.listCases(pageParams(spec, now, offset, PAGE_SIZE), signal);
  const cases = [...part.cases];
  const added = addUnique(cases, seenKeys(cases), page.cases);
  const totalCount = page.totalCount ?? part.totalCount;
  const received = page.receivedCount ?? page.cases.length;
  return {
    ...part,
    cases,
    totalCount,
    nextOffset: offset + received,
    pagesLoaded: part.pagesLoaded + 1,
    hasMore: computeHasMore(received, added, offset, cases.length, totalCount),
    loadingMore: false,
    loadMoreError: undefined
  };
}

/** Runs `task` over the items, at most `limit` at a time, keeping the items' order in the result. */
async function mapLimit<T, R>(items: readonly T[], limit: number, task: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/**
 * What tells list entries apart: the case number. A case the API sent without a number (odd data) cannot be
 * told apart by number, so it is keyed by its content and by how many identical ones came before it in the same
 * page: two different number-less cases stay two rows, and the same page served twice adds nothing new.
 */
function pageKeys(page: readonly CaseSummary[]): string[] {
  const occurrences = new Map<string, number>();
  return page.map((c) => {
    if (c.caseNumber !== '') {
      return `number:${c.caseNumber}`;
    }
    const content = JSON.stringify([c.subject, c.status, c.severity, c.type, c.createdDate, c.modifiedDate, c.closedDate]);
    const n = occurrences.get(content) ?? 0;
    occurrences.set(content, n + 1);
    return `content:${content}#${n}`;
  });
}

function seenKeys(cases: readonly CaseSummary[]): Set<string> {
  return new Set(pageKeys(cases));
}

/** Appends the page's entries not seen before; returns how many were new. */
function addUnique(into: CaseSummary[], seen: Set<string>, page: readonly CaseSummary[]): number {
  // Offset paging over a changing list can repeat a case across pages; a tree needs unique rows.
  const keys = pageKeys(page);
  let added = 0;
  page.forEach((c, i) => {
    if (!seen.has(keys[i])) {
      seen.add(keys[i]);
      into.push(c);
      added++;
    }
  });
  return added;
}

function computeHasMore(pageLength: number, added: number, offset: number, loaded: number, totalCount: number | undefined): boolean {
  if (pageLength < PAGE_SIZE) {
    return false;
  }
  // A full page with nothing new: the server ignores `offset` (or the list shifted by a whole page). Asking again
  // would bring the same page forever, so "Load more" ends here; Refresh starts over from the top.
  if (added === 0) {
    return false;
  }
  if (totalCount !== undefined && loaded >= totalCount) {
    return false;
  }
  return offset + PAGE_SIZE <= MAX_OFFSET;
}
