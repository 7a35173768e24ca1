// The states of the case list the model publishes (signed out, idle, loading, error, loaded) and how a loaded
// state is built from its lists (parts). Plain data, no behaviour: the views, the follow features and the tests
// read it.

import * as l10n from '@vscode/l10n';
import type { ApiErrorDetails } from '../api/errors';
import { PAGE_SIZE } from '../api/limits';
import type { CaseSummary } from '../api/types';
import { DEFAULT_VIEW, type ListView } from './caseGroups';

/** One list the model pages on its own: the whole view, or one group of it. */
export interface ListPart {
  readonly key: string;
  readonly label: string;
  readonly cases: readonly CaseSummary[];
  /** As the API said, or adjusted by changes whose effect on it is certain; undefined when not known. */
  readonly totalCount?: number;
  readonly hasMore: boolean;
  /** Where "Load more" continues (changes merged in place shift the server's positions). */
  readonly nextOffset: number;
  readonly pagesLoaded: number;
  readonly loadingMore?: boolean;
  /** The last "load more" of this list failed: shown in place of its "Load more" row. */
  readonly loadMoreError?: ApiErrorDetails;
}

export type CasesState =
  | { readonly kind: 'signedOut' }
  /** Signed in, nothing requested yet (the view has not been shown). */
  | { readonly kind: 'idle' }
  | { readonly kind: 'loading' }
  | { readonly kind: 'error'; readonly error: ApiErrorDetails }
  | {
      readonly kind: 'loaded';
      /** The filter, sort and grouping these rows answer. */
      readonly view: ListView;
      /** One part per group (in order), or one part for an ungrouped view. */
      readonly parts: readonly ListPart[];
      /** Every loaded case of every part, in display order. */
      readonly cases: readonly CaseSummary[];
      /** The single list's total (ungrouped views only). */
      readonly totalCount?: number;
      readonly pagesLoaded: number;
      readonly hasMore: boolean;
      /** A refresh or "load more" is running; the old rows stay visible meanwhile. */
      readonly busy: 'refresh' | 'loadMore' | undefined;
      /** The last refresh failed: its error is shown above the (older) rows. */
      readonly refreshError?: ApiErrorDetails;
      /** The single list's "load more" failed (ungrouped views; groups carry their own). */
      readonly loadMoreError?: ApiErrorDetails;
      /** Rows read from the on-disk cache, saved at this time, not yet replaced by an answer of the API. */
      readonly cachedAt?: number;
      /**
       * What the incremental refresh that produced this state reported changed, listed or not (it asks without the
       * status/type filter): the change tracker notifies changes on unloaded pages and outside the filter too.
       */
      readonly changed?: readonly CaseSummary[];
      /**
       * The newest modification (ms) any "what changed" answer reported, listed or not. The next refresh asks from
       * there, so changes the filter hides are not asked for again and again (an unchanged refresh stays 1 request).
       */
      readonly changesKnownUntil?: number;
    };

export type LoadedState = Extract<CasesState, { kind: 'loaded' }>;

/** A loaded state of one ungrouped list, from its fields (tests and previews build rows from it). */
export function singleListState(fields: {
  readonly cases: readonly CaseSummary[];
  readonly hasMore: boolean;
  readonly totalCount?: number;
  readonly busy?: LoadedState['busy'];
  readonly refreshError?: ApiErrorDetails;
  readonly loadMoreError?: ApiErrorDetails;
}): LoadedState {
  const part: ListPart = {
    key: 'all',
    label: l10n.t('All cases'),
    cases: fields.cases,
    totalCount: fields.totalCount,
    hasMore: fields.hasMore,
    nextOffset: fields.cases.length,
    pagesLoaded: Math.max(1, Math.ceil(fields.cases.length / PAGE_SIZE)),
    loadingMore: fields.busy === 'loadMore',
    loadMoreError: fields.loadMoreError
  };
  return { ...loadedState(DEFAULT_VIEW, [part]), busy: fields.busy, refreshError: fields.refreshError };
}

/** The loaded state of a view from its parts (the top-level fields summarise them). */
export function loadedState(view: ListView, parts: readonly ListPart[]): LoadedState {
  const single = parts.length === 1 ? parts[0] : undefined;
  return {
    kind: 'loaded',
    view,
    parts,
    cases: parts.flatMap((p) => p.cases),
    totalCount: single?.totalCount,
    pagesLoaded: parts.reduce((sum, p) => sum + p.pagesLoaded, 0),
    hasMore: parts.some((p) => p.hasMore),
    busy: parts.some((p) => p.loadingMore) ? 'loadMore' : undefined,
    loadMoreError: single?.loadMoreError
  };
}

/** The state with one part replaced, keeping what the whole view knows (refresh error, cache time, changes). */
export function withPart(state: LoadedState, next: ListPart, busy: LoadedState['busy']): LoadedState {
  const parts = state.parts.map((p) => (p.key === next.key ? next : p));
  return { ...loadedState(state.view, parts), busy, refreshError: state.refreshError, cachedAt: state.cachedAt, changesKnownUntil: state.changesKnownUntil };
}

/**
 * After a failed refresh: what the user already sees (cached rows included, or the rows before the refresh) with the
 * error on top of it, every "Load more" reset; the error alone when there were no rows.
 */
export function refreshFailedState(shown: CasesState, previous: CasesState, error: ApiErrorDetails): CasesState {
  const base = shown.kind === 'loaded' ? shown : previous.kind === 'loaded' ? previous : undefined;
  if (!base) {
    return { kind: 'error', error };
  }
  return { ...base, busy: undefined, refreshError: error, loadMoreError: undefined, parts: base.parts.map((p) => ({ ...p, loadMoreError: undefined, loadingMore: false })) };
}
