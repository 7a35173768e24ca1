// The list as the on-disk cache keeps it (CachedList: flat rows plus each part's paging state) and back, so a
// window reload shows the last rows at once. A layout that no longer fits the view is rebuilt by membership.

import { PAGE_SIZE } from '../api/limits';
import type { CachedList, CachedPart } from './caseCache';
import { listSpecs, type ListView } from './caseGroups';
import { loadedState, type ListPart, type LoadedState } from './casesState';

/** Where the last list of each account and view is kept (CaseCache satisfies it). */
export interface ListCache {
  read(account: string, listKey: string): Promise<CachedList | undefined>;
  write(account: string, listKey: string, list: CachedList): Promise<void>;
  forget(account: string): Promise<void>;
}

export function fromCache(list: CachedList, view: ListView, busy: boolean): LoadedState {
  const specs = listSpecs(view);
  let parts: ListPart[];
  if (list.parts && list.parts.length === specs.length && list.parts.every((p, i) => p.key === specs[i].key)) {
    let at = 0;
    parts = list.parts.map((p, i) => {
      const cases = list.cases.slice(at, at + p.count);
      at += p.count;
      return { key: p.key, label: specs[i].label, cases, totalCount: p.totalCount, hasMore: p.hasMore, nextOffset: p.nextOffset, pagesLoaded: p.pagesLoaded };
    });
  } else {
    // An older or foreign layout: the rows by membership, without paging state (Refresh brings it back).
    parts = specs.map((s) => {
      const cases = list.cases.filter((c) => s.member(c));
      return { key: s.key, label: s.label, cases, hasMore: false, nextOffset: cases.length, pagesLoaded: Math.ceil(cases.length / PAGE_SIZE) };
    });
  }
  return { ...loadedState(view, parts), busy: busy ? 'refresh' : undefined, cachedAt: list.savedAt };
}

export function toCache(state: LoadedState, now: number): CachedList {
  const parts: CachedPart[] = state.parts.map((p) => ({
    key: p.key,
    count: p.cases.length,
    hasMore: p.hasMore,
    nextOffset: p.nextOffset,
    pagesLoaded: p.pagesLoaded,
    ...(p.totalCount !== undefined ? { totalCount: p.totalCount } : {})
  }));
  return { savedAt: now, cases: state.cases, ...(state.totalCount !== undefined ? { totalCount: state.totalCount } : {}), parts };
}
