// The data model behind the "Recent Cases" tree: what the list shows (filter, sort, grouping), which pages of each
// list are loaded, what changed since the user last looked, and the on-disk copy that makes a window reload instant.
// It knows nothing of vscode so its request budgets and concurrency rules can be unit-tested against the fake API.
//
// Requests: a full load asks every list (group) for its pages; Refresh asks only what changed since the newest
// modification known (one request when nothing changed, however many pages are loaded) and merges it in place.

import { ApiErrorDetails, toDetails } from '../api/errors';
import { MAX_OFFSET, PAGE_SIZE } from '../api/limits';
import { CaseSummary, Logger, SortKey, SupportApiClient } from '../api/types';
import { Emitter } from '../util/event';
import { Telemetry } from '../telemetry/telemetry';
import { telemetryErrorProps } from '../telemetry/sanitize';
import { changedSinceQuery, matchesFilter } from './caseQuery';
import { DEFAULT_VIEW, listSpecs, pageParams, viewKey, type ListSpec, type ListView } from './caseGroups';
import { mergeChanges, newestModified } from './incrementalMerge';
import { SeenState, type SeenStorage } from './seenState';
import type { CachedList, CachedPart } from './caseCache';
import { forgetView } from './listViewStore';

// Re-exported: the tests and the views page with the same limits the model uses.
export { MAX_OFFSET, PAGE_SIZE };

/**
 * How far before the newest known modification the "what changed" question starts. The API's dates are whole
 * seconds: a case changed in the same second as the newest one known, after it was fetched, is still found.
 */
export const CHANGE_OVERLAP_MS = 1000;
/** Changes are paged oldest first, so a change made while paging lands on the last page instead of shifting pages. */
const CHANGES_SORT: readonly SortKey[] = [{ field: 'modifiedDate', direction: 'asc' }];
const NEWEST_FIRST: readonly SortKey[] = [{ field: 'modifiedDate', direction: 'desc' }];
/** How long a load waits for the view to fetch cached rows before loading the network bundle anyway. */
const CACHED_ROWS_WAIT_MS = 250;
/** Group lists load a few at a time: a dozen groups should not mean a dozen simultaneous requests. */
const PARALLEL_LISTS = 3;

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

/** Where the last list of each account and view is kept (CaseCache satisfies it). */
export interface ListCache {
  read(account: string, listKey: string): Promise<CachedList | undefined>;
  write(account: string, listKey: string, list: CachedList): Promise<void>;
  forget(account: string): Promise<void>;
}

export interface CasesModelDeps {
  /** Resolves the API client lazily: the network bundle is only loaded on first use. */
  readonly api: () => Promise<SupportApiClient>;
  readonly logger: Logger;
  readonly telemetry: Telemetry;
  readonly now?: () => number;
  /** The view to start with (the one remembered across reloads). */
  readonly view?: ListView;
  /** The view an account starts with when it is signed in to this model (each account keeps its own). */
  readonly viewOf?: (account: string) => ListView;
  readonly cache?: ListCache;
  /** Where seen state is kept per account (extension global state); without it nothing counts as updated. */
  readonly seenStorage?: SeenStorage;
}

export class CasesModel {
  private current: CasesState = { kind: 'signedOut' };
  private readonly changed = new Emitter<CasesState>();
  readonly onDidChange = this.changed.event;
  private readonly seenChanged = new Emitter<void>();
  /** Seen state changed (a case opened, Mark All as Seen): the rows' "updated" marks and the badge follow. */
  readonly onDidChangeSeen = this.seenChanged.event;

  /** List requests run one after another through this chain, so loads never overlap. */
  private queue: Promise<void> = Promise.resolve();
  /** A refresh that is queued but has not started: later refresh calls join it instead of queueing more. */
  private pendingRefresh: Promise<void> | undefined;
  /** Bumped on sign-in/sign-out and view changes so that answers to requests made before are dropped. */
  private epoch = 0;
  private abort = new AbortController();
  private readonly now: () => number;
  private accountId: string | undefined;
  private currentView: ListView;
  private seen: SeenState | undefined;
  /** The cache read for the current account and view; loads wait for it so cached rows never replace newer ones. */
  private cacheRead: Promise<void> = Promise.resolve();
  /** Resolves when the view fetched the cached rows (rowsShown), so loading the network bundle cannot delay them. */
  private cachedRowsShown: (() => void) | undefined;
  private cachedRowsFetched = false;
  /** Loads (refresh, reload, view change) queued or running: cached rows shown meanwhile are busy, not final. */
  private loadsQueued = 0;

  constructor(private readonly deps: CasesModelDeps) {
    this.now = deps.now ?? Date.now;
    this.currentView = deps.view ?? DEFAULT_VIEW;
  }

  get state(): CasesState {
    return this.current;
  }

  /** The account whose cases are shown; undefined while signed out. */
  get account(): string | undefined {
    return this.accountId;
  }

  get view(): ListView {
    return this.currentView;
  }

  /**
   * Signed in (with this account) or out, here or in another window: drop everything loaded before, cancel what is
   * in flight, and start from "idle" (the view loads when it is shown), with the cached rows as soon as they are read.
   */
  setAccount(account: string | undefined): void {
    this.accountId = account;
    if (account !== undefined && this.deps.viewOf) {
      this.currentView = this.deps.viewOf(account);
    }
    this.seen = account !== undefined && this.deps.seenStorage ? new SeenState(this.deps.seenStorage, account) : undefined;
    this.restart(account !== undefined ? { kind: 'idle' } : { kind: 'signedOut' });
    this.seenChanged.fire();
  }

  /**
   * Another filter, sort or grouping: cancels what is in flight, shows that view's cached rows (or "loading", never
   * the old view's rows under the new description) and loads it from the server.
   */
  setView(view: ListView): Promise<void> {
    if (viewKey(view) === viewKey(this.currentView) && this.current.kind !== 'error') {
      return Promise.resolve();
    }
    this.currentView = view;
    if (this.accountId === undefined) {
      return Promise.resolve();
    }
    this.restart({ kind: 'loading' });
    return this.enqueueLoad(() => this.runFullLoad(false));
  }

  /**
   * Asks what changed since the newest case known and merges it in (a full load when nothing is loaded yet). Calls
   * made while a refresh is queued share it; one made while a refresh runs queues exactly one more.
   */
  refresh(): Promise<void> {
    if (this.current.kind === 'signedOut') {
      return Promise.resolve();
    }
    if (this.pendingRefresh) {
      return this.pendingRefresh;
    }
    const shown = this.current;
    if (shown.kind === 'loaded' && shown.cachedAt !== undefined && shown.busy === undefined && shown.refreshError === undefined) {
      // Cached rows are being brought up to date from now on, not once the queue reaches this refresh.
      this.set({ ...shown, busy: 'refresh' });
    }
    const run = this.enqueueLoad(() => {
      this.pendingRefresh = undefined;
      return this.runRefresh();
    });
    this.pendingRefresh = run;
    return run;
  }

  /** Loads every list again from the top, as many pages as were loaded. */
  reload(): Promise<void> {
    if (this.current.kind === 'signedOut') {
      return Promise.resolve();
    }
    return this.enqueueLoad(() => this.runFullLoad(true));
  }

  /** Fetches the next page of one list (a group's key; the first list with more when omitted). */
  loadMore(partKey?: string): Promise<void> {
    return this.enqueue(() => this.runLoadMore(partKey));
  }

  /** The view fetched the rows of the current state (the tree provider calls this from getChildren). */
  rowsShown(): void {
    const state = this.current;
    if (state.kind === 'loaded' && state.cachedAt !== undefined) {
      this.cachedRowsFetched = true;
    }
    this.cachedRowsShown?.();
    this.cachedRowsShown = undefined;
  }

  /**
   * With cached rows on screen, the network bundle (require() blocks the extension host for tens of ms) loads only
   * once the view has fetched them, or after a short wait when the view is not visible.
   */
  private async afterCachedRowsShown(): Promise<void> {
    const state = this.current;
    if (state.kind !== 'loaded' || state.cachedAt === undefined) {
      return;
    }
    if (this.cachedRowsFetched) {
      // Already fetched: let the view render them before the event loop is blocked.
      await new Promise<void>((resolve) => setImmediate(resolve));
      return;
    }
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, CACHED_ROWS_WAIT_MS);
      this.cachedRowsShown = () => {
        clearTimeout(timer);
        // The view's render of the answer happens after this turn of the event loop.
        setImmediate(resolve);
      };
    });
  }

  /** Whether the case changed since the user last opened it here. */
  isUpdated(summary: CaseSummary): boolean {
    return this.seen?.isUpdated(summary) ?? false;
  }

  /** How many loaded cases are updated (the view's badge). */
  get updatedCount(): number {
    const state = this.current;
    return state.kind === 'loaded' && this.seen ? this.seen.updatedCount(state.cases) : 0;
  }

  /** Opening a case clears its "updated" mark (with the date the list knows, or now). */
  async markSeen(caseNumber: string): Promise<void> {
    if (!this.seen) {
      return;
    }
    const state = this.current;
    const known = state.kind === 'loaded' ? state.cases.find((c) => c.caseNumber === caseNumber) : undefined;
    await this.seen.markSeen(known ?? { caseNumber, modifiedDate: new Date(this.now()).toISOString() });
    this.seenChanged.fire();
  }

  async markAllSeen(): Promise<void> {
    const state = this.current;
    if (!this.seen || state.kind !== 'loaded') {
      return;
    }
    await this.seen.markAllSeen(state.cases);
    this.seenChanged.fire();
  }

  /** Sign-out: the account's cached lists and seen state go with it. */
  async forgetAccount(account: string): Promise<void> {
    await this.deps.cache?.forget(account);
    if (this.deps.seenStorage) {
      await new SeenState(this.deps.seenStorage, account).forget();
      await forgetView(this.deps.seenStorage, account);
    }
    if (account === this.accountId) {
      this.seen = this.deps.seenStorage ? new SeenState(this.deps.seenStorage, account) : undefined;
      this.seenChanged.fire();
    }
  }

  dispose(): void {
    this.abort.abort();
    this.changed.dispose();
    this.seenChanged.dispose();
  }

  private restart(state: CasesState): void {
    this.epoch++;
    this.abort.abort();
    this.abort = new AbortController();
    this.pendingRefresh = undefined;
    this.cachedRowsFetched = false;
    this.cachedRowsShown = undefined;
    this.set(state);
    this.cacheRead = this.readCache();
  }

  /** Shows the cached rows of the current account and view, unless something newer is shown by then. */
  private async readCache(): Promise<void> {
    const account = this.accountId;
    const cache = this.deps.cache;
    if (account === undefined || !cache) {
      return;
    }
    const epoch = this.epoch;
    const view = this.currentView;
    let list: CachedList | undefined;
    try {
      list = await cache.read(account, viewKey(view));
    } catch {
      return;
    }
    const state = this.current;
    if (!list || epoch !== this.epoch || (state.kind !== 'idle' && state.kind !== 'loading')) {
      return;
    }
    // Busy when a load waits behind these rows: they are being brought up to date, not the final answer.
    this.set(fromCache(list, view, state.kind === 'loading' || this.loadsQueued > 0));
  }

  private enqueueLoad(task: () => Promise<void>): Promise<void> {
    this.loadsQueued++;
    return this.enqueue(async () => {
      try {
        await task();
      } finally {
        this.loadsQueued--;
      }
    });
  }

  private enqueue(task: () => Promise<void>): Promise<void> {
    const run = this.queue.then(task, task);
    // The chain itself never rejects: failures become state, not unhandled rejections.
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async runRefresh(): Promise<void> {
    await this.cacheRead;
    const state = this.current;
    if (state.kind === 'loaded' && viewKey(state.view) === viewKey(this.currentView) && newestModified(state.cases) !== undefined) {
      return this.runIncremental(state);
    }
    return this.runFullLoad(true);
  }

  /** Every list from the top; `keepPages` asks each for as many pages as it had loaded. */
  private async runFullLoad(keepPages: boolean, changesKnownUntil?: number): Promise<void> {
    const epoch = this.epoch;
    await this.cacheRead;
    const previous = this.current;
    if (previous.kind === 'signedOut' || epoch !== this.epoch) {
      return;
    }
    const view = this.currentView;
    const pagesOf = (key: string): number => {
      const part = keepPages && previous.kind === 'loaded' && previous.cachedAt === undefined ? previous.parts.find((p) => p.key === key) : undefined;
      return Math.max(1, part?.pagesLoaded ?? 1);
    };
    this.set(previous.kind === 'loaded' ? { ...previous, busy: 'refresh' } : { kind: 'loading' });
    const started = this.now();
    const signal = this.abort.signal;
    try {
      await this.afterCachedRowsShown();
      const api = await this.deps.api();
      const specs = listSpecs(view);
      const parts = await mapLimit(specs, PARALLEL_LISTS, (spec) => this.fetchPart(api, spec, pagesOf(spec.key), started, signal, epoch));
      if (epoch !== this.epoch) {
        return;
      }
      const loaded: LoadedState = { ...loadedState(view, parts), ...(changesKnownUntil !== undefined ? { changesKnownUntil } : {}) };
      this.set(loaded);
      this.deps.telemetry.sendEvent('cases.refresh', { result: 'success' }, { caseCount: loaded.cases.length, pages: loaded.pagesLoaded, durationMs: this.now() - started });
      await this.afterLoad(loaded);
    } catch (err) {
      this.failed(err, epoch, previous, started);
    }
  }

  /**
   * One question for every list: what changed since the newest modification known (within the account filter;
   * status, type and the group are applied here so a case that left them is seen leaving). When the changes
   * would take more requests than loading everything again, everything is loaded again.
   */
  private async runIncremental(previous: LoadedState): Promise<void> {
    const epoch = this.epoch;
    const view = previous.view;
    this.set({ ...previous, busy: 'refresh' });
    const started = this.now();
    const signal = this.abort.signal;
    // Never after now: a date in the future (a server clock ahead, odd data) would ask a question the API refuses.
    const known = latest(newestModified(previous.cases), previous.changesKnownUntil);
    const since = Math.min(known ?? started, started) - CHANGE_OVERLAP_MS;
    // What loading everything again would cost: more pages of changes than that, and a full load is cheaper.
    const budget = Math.max(1, previous.pagesLoaded);
    try {
      await this.afterCachedRowsShown();
      const api = await this.deps.api();
      const changed: CaseSummary[] = [];
      for (let offset = 0, pages = 0; ; offset += PAGE_SIZE) {
        const page = await api.listCases({ limit: PAGE_SIZE, offset, sort: CHANGES_SORT, query: changedSinceQuery(view.filter, since, started) }, signal);
        if (epoch !== this.epoch) {
          return;
        }
        pages++;
        changed.push(...page.cases);
        const received = page.receivedCount ?? page.cases.length;
        const total = page.totalCount;
        if (received < PAGE_SIZE || (total !== undefined && offset + received >= total)) {
          break;
        }
        const pagesNeeded = total !== undefined ? Math.ceil(total / PAGE_SIZE) : pages + 1;
        if (pagesNeeded - pages > budget || offset + PAGE_SIZE > MAX_OFFSET) {
          this.set(previous);
          // The full load brings the rows up to date. One more question, the newest change, lets the next refresh
          // start after every change there is now: changes the filter hides are not asked for again and again.
          const newest = await api.listCases({ limit: 1, offset: 0, sort: NEWEST_FIRST, query: changedSinceQuery(view.filter, since, started) }, signal);
          if (epoch !== this.epoch) {
            return;
          }
          return this.runFullLoad(true, latest(known, newestModified([...changed, ...newest.cases])));
        }
      }
      const merged = { ...mergeParts(previous, changed, since, started), changed, changesKnownUntil: latest(known, newestModified(changed)) };
      this.set(merged);
      this.deps.telemetry.sendEvent('cases.refresh', { result: 'success' }, { caseCount: merged.cases.length, pages: merged.pagesLoaded, durationMs: this.now() - started });
      await this.afterLoad(merged);
    } catch (err) {
      this.failed(err, epoch, previous, started);
    }
  }

  private failed(err: unknown, epoch: number, previous: CasesState, started: number): void {
    if (epoch !== this.epoch) {
      return;
    }
    const error = toDetails(err);
    this.deps.logger.warn(`Refreshing cases failed: ${error.kind}${error.troubleshootingId ? ` tid=${error.troubleshootingId}` : ''}`);
    this.deps.telemetry.sendError('cases.refresh', { result: 'failure', ...telemetryErrorProps(err) }, { durationMs: this.now() - started });
    // Keep what the user already sees (cached rows included); the error goes on top of it.
    const shown = this.current;
    const base = shown.kind === 'loaded' ? shown : previous.kind === 'loaded' ? previous : undefined;
    if (base) {
      this.set({ ...base, busy: undefined, refreshError: error, loadMoreError: undefined, parts: base.parts.map((p) => ({ ...p, loadMoreError: undefined, loadingMore: false })) });
    } else {
      this.set({ kind: 'error', error });
    }
  }

  private async fetchPart(api: SupportApiClient, spec: ListSpec, pagesWanted: number, now: number, signal: AbortSignal, epoch: number): Promise<ListPart> {
    const cases: CaseSummary[] = [];
    const seen = new Set<string>();
    let totalCount: number | undefined;
    let pagesLoaded = 0;
    let nextOffset = 0;
    let hasMore = true;
    while (pagesLoaded < pagesWanted && hasMore && epoch === this.epoch) {
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

  private async runLoadMore(partKey: string | undefined): Promise<void> {
    const epoch = this.epoch;
    const before = this.current;
    if (before.kind !== 'loaded') {
      return;
    }
    const part = before.parts.find((p) => (partKey === undefined ? p.hasMore : p.key === partKey));
    const spec = listSpecs(before.view).find((s) => s.key === part?.key);
    if (!part || !spec || !part.hasMore) {
      return;
    }
    const withPart = (state: LoadedState, next: ListPart, busy: LoadedState['busy']): LoadedState => {
      const parts = state.parts.map((p) => (p.key === next.key ? next : p));
      return { ...loadedState(state.view, parts), busy, refreshError: state.refreshError, cachedAt: state.cachedAt, changesKnownUntil: state.changesKnownUntil };
    };
    this.set(withPart(before, { ...part, loadingMore: true, loadMoreError: undefined }, 'loadMore'));
    const offset = part.nextOffset;
    try {
      const api = await this.deps.api();
      const page = await api.listCases(pageParams(spec, this.now(), offset, PAGE_SIZE), this.abort.signal);
      if (epoch !== this.epoch) {
        return;
      }
      const cases = [...part.cases];
      const added = addUnique(cases, seenKeys(cases), page.cases);
      const totalCount = page.totalCount ?? part.totalCount;
      const received = page.receivedCount ?? page.cases.length;
      const next: ListPart = {
        ...part,
        cases,
        totalCount,
        nextOffset: offset + received,
        pagesLoaded: part.pagesLoaded + 1,
        hasMore: computeHasMore(received, added, offset, cases.length, totalCount),
        loadingMore: false,
        loadMoreError: undefined
      };
      const loaded = withPart(before, next, undefined);
      this.set(loaded);
      await this.afterLoad(loaded);
    } catch (err) {
      if (epoch !== this.epoch) {
        return;
      }
      const error = toDetails(err);
      this.deps.logger.warn(`Loading more cases failed: ${error.kind}${error.troubleshootingId ? ` tid=${error.troubleshootingId}` : ''}`);
      this.deps.telemetry.sendError('cases.loadMore', { result: 'failure', ...telemetryErrorProps(err) });
      this.set(withPart(before, { ...part, loadingMore: false, loadMoreError: error }, undefined));
    }
  }

  /** The first list an account loads is what it has "seen"; every answer is kept on disk for the next start. */
  private async afterLoad(state: LoadedState): Promise<void> {
    const account = this.accountId;
    if (this.seen?.isNew) {
      await this.seen.baseline(state.cases);
      this.seenChanged.fire();
    }
    // Signed out (or switched) meanwhile: nothing of that account may be written again.
    if (account === undefined || account !== this.accountId || !this.deps.cache) {
      return;
    }
    try {
      await this.deps.cache.write(account, viewKey(state.view), toCache(state, this.now()));
    } catch (err) {
      // A cache is never worth an error message: the next start just waits for the network.
      this.deps.logger.warn(`Could not keep the case list on disk: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  private set(state: CasesState): void {
    this.current = state;
    this.changed.fire(state);
  }
}

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
    label: 'All cases',
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
function loadedState(view: ListView, parts: readonly ListPart[]): LoadedState {
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

function fromCache(list: CachedList, view: ListView, busy: boolean): LoadedState {
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

function toCache(state: LoadedState, now: number): CachedList {
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

/** The later of two optional times. */
function latest(a: number | undefined, b: number | undefined): number | undefined {
  return a === undefined ? b : b === undefined ? a : Math.max(a, b);
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
