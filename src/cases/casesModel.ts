// The data model behind the "Recent Cases" tree: what the list shows (filter, sort, grouping), which pages of each
// list are loaded, what changed since the user last looked, and the on-disk copy that makes a window reload instant.
// It knows nothing of vscode so its request budgets and concurrency rules can be unit-tested against the fake API.
//
// Requests: a full load asks every list (group) for its pages; Refresh asks only what changed since the newest
// modification known (one request when nothing changed, however many pages are loaded) and merges it in place.
//
// This file only orchestrates (about 360 lines, kept whole on purpose): every load shares one epoch, one abort
// controller and one published state, and the rule that an answer to a superseded request is dropped must stay in
// one place. The jobs live beside it: casesState (the states), listPaging (pages of one list), incrementalRefresh
// (what changed, and its merge), listCacheState (the on-disk form), seenMarks (updated marks), loadQueue (order of
// loads), cachedRowsGate (cached rows before the network bundle) and listReports (log and telemetry).

import { MAX_OFFSET, PAGE_SIZE } from '../api/limits';
import type { CaseSummary, Logger, SupportApiClient } from '../api/types';
import { Emitter } from '../util/event';
import type { Telemetry } from '../telemetry/telemetry';
import { DEFAULT_VIEW, listSpecs, viewKey, type ListView } from './caseGroups';
import { newestModified } from './incrementalMerge';
import type { SeenStorage } from './seenState';
import { SeenMarks } from './seenMarks';
import { loadedState, refreshFailedState, withPart, type CasesState, type LoadedState } from './casesState';
import { fromCache, toCache, type ListCache } from './listCacheState';
import { LoadQueue } from './loadQueue';
import { CachedRowsGate } from './cachedRowsGate';
import { LazyBundle, LazyValue } from '../util/lazyBundle';
import type { ListReports } from './listReports';
import type * as ListLoads from './listLoads';

// Re-exported: the views, the follow features and the tests read the states, page with the same limits and plan
// with the same overlap as the model, from the model's module.
export { MAX_OFFSET, PAGE_SIZE };
export { CHANGE_OVERLAP_MS } from './incrementalRefresh';
export { singleListState, type CasesState, type ListPart, type LoadedState } from './casesState';
export type { ListCache } from './listCacheState';

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
  private readonly seen: SeenMarks;
  /** Seen state changed (a case opened, Mark All as Seen): the rows' "updated" marks and the badge follow. */
  readonly onDidChangeSeen: SeenMarks['onDidChange'];

  private readonly queue = new LoadQueue();
  private readonly cachedRows = new CachedRowsGate();
  /** The log and telemetry of loads (listReports.ts, in listLoads.js): every report follows a load. */
  private readonly reportsOnce: LazyValue<ListReports>;
  /**
   * Paging and the change question (listLoads.ts), required on the first load: the cache paint does without them.
   * By a runtime path next to this file: dist/listLoads.js in the bundles, the compiled sibling in the test builds.
   */
  private readonly loads = new LazyBundle<typeof ListLoads>(__dirname, 'listLoads.js');
  /** Bumped on sign-in/sign-out and view changes so that answers to requests made before are dropped. */
  private epoch = 0;
  private abort = new AbortController();
  private readonly now: () => number;
  private accountId: string | undefined;
  private currentView: ListView;
  /** The cache read for the current account and view; loads wait for it so cached rows never replace newer ones. */
  private cacheRead: Promise<void> = Promise.resolve();

  constructor(private readonly deps: CasesModelDeps) {
    this.now = deps.now ?? Date.now;
    this.currentView = deps.view ?? DEFAULT_VIEW;
    this.seen = new SeenMarks(deps.seenStorage, this.now);
    this.reportsOnce = new LazyValue(() => new (this.loads.get().ListReports)(deps.logger, deps.telemetry));
    this.onDidChangeSeen = this.seen.onDidChange;
  }

  private get reports(): ListReports {
    return this.reportsOnce.get();
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
    this.seen.setAccount(account);
    this.restart(account !== undefined ? { kind: 'idle' } : { kind: 'signedOut' });
    this.seen.announce();
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
    return this.queue.enqueueLoad(() => this.runFullLoad(false));
  }

  /**
   * Asks what changed since the newest case known and merges it in (a full load when nothing is loaded yet). Calls
   * made while a refresh is queued share it; one made while a refresh runs queues exactly one more.
   */
  refresh(): Promise<void> {
    if (this.current.kind === 'signedOut') {
      return Promise.resolve();
    }
    return this.queue.refresh(
      () => this.runRefresh(),
      () => {
        const shown = this.current;
        if (shown.kind === 'idle') {
          // The first load is under way from now on: a view that asks again meanwhile (the tree's getChildren calls
          // refresh while the model reads idle) shares it instead of queueing a second list request after it.
          this.set({ kind: 'loading' });
        } else if (shown.kind === 'loaded' && shown.cachedAt !== undefined && shown.busy === undefined && shown.refreshError === undefined) {
          // Cached rows are being brought up to date from now on, not once the queue reaches this refresh.
          this.set({ ...shown, busy: 'refresh' });
        }
      }
    );
  }

  /** Loads every list again from the top, as many pages as were loaded. */
  reload(): Promise<void> {
    if (this.current.kind === 'signedOut') {
      return Promise.resolve();
    }
    return this.queue.enqueueLoad(() => this.runFullLoad(true));
  }

  /** Fetches the next page of one list (a group's key; the first list with more when omitted). */
  loadMore(partKey?: string): Promise<void> {
    return this.queue.enqueue(() => this.runLoadMore(partKey));
  }

  /** The view fetched the rows of the current state (the tree provider calls this from getChildren). */
  rowsShown(): void {
    this.cachedRows.rowsShown(this.showsCachedRows());
  }

  private showsCachedRows(): boolean {
    return this.current.kind === 'loaded' && this.current.cachedAt !== undefined;
  }

  /** Whether the case changed since the user last opened it here. */
  isUpdated(summary: CaseSummary): boolean {
    return this.seen.isUpdated(summary);
  }

  /** How many loaded cases are updated (the view's badge). */
  get updatedCount(): number {
    return this.current.kind === 'loaded' ? this.seen.updatedCount(this.current.cases) : 0;
  }

  /** Opening a case clears its "updated" mark (with the date the list knows, or now). */
  markSeen(caseNumber: string): Promise<void> {
    const state = this.current;
    return this.seen.markSeen(caseNumber, state.kind === 'loaded' ? state.cases.find((c) => c.caseNumber === caseNumber) : undefined);
  }

  async markAllSeen(): Promise<void> {
    if (this.current.kind === 'loaded') {
      await this.seen.markAllSeen(this.current.cases);
    }
  }

  /** Sign-out: the account's cached lists and seen state go with it. */
  async forgetAccount(account: string): Promise<void> {
    await this.deps.cache?.forget(account);
    await this.seen.forget(account, this.accountId);
  }

  dispose(): void {
    this.abort.abort();
    this.changed.dispose();
    this.seen.dispose();
  }

  private restart(state: CasesState): void {
    this.epoch++;
    this.abort.abort();
    this.abort = new AbortController();
    this.queue.forgetPendingRefresh();
    this.cachedRows.reset();
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
    let list: Awaited<ReturnType<ListCache['read']>>;
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
    this.set(fromCache(list, view, state.kind === 'loading' || this.queue.loading));
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
      const { fetchParts } = this.loads.get();
      await this.cachedRows.wait(this.showsCachedRows());
      const api = await this.deps.api();
      const parts = await fetchParts(api, listSpecs(view), pagesOf, started, signal, () => epoch === this.epoch);
      if (epoch !== this.epoch) {
        return;
      }
      const loaded: LoadedState = { ...loadedState(view, parts), ...(changesKnownUntil !== undefined ? { changesKnownUntil } : {}) };
      this.set(loaded);
      this.reports.loaded(loaded, this.now() - started);
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
    this.set({ ...previous, busy: 'refresh' });
    const started = this.now();
    const signal = this.abort.signal;
    try {
      const { changeQuestion, fetchChanges, mergedState, newestChangeKnown } = this.loads.get();
      const question = changeQuestion(previous, started);
      await this.cachedRows.wait(this.showsCachedRows());
      const api = await this.deps.api();
      const answer = await fetchChanges(api, question, signal, () => epoch === this.epoch);
      if (answer.kind === 'stale') {
        return;
      }
      if (answer.kind === 'tooMany') {
        // The full load brings the rows up to date, starting after every change there is now.
        this.set(previous);
        const knownUntil = await newestChangeKnown(api, question, answer.changed, signal);
        if (epoch !== this.epoch) {
          return;
        }
        return this.runFullLoad(true, knownUntil);
      }
      const merged = mergedState(previous, question, answer.changed);
      this.set(merged);
      this.reports.loaded(merged, this.now() - started);
      await this.afterLoad(merged);
    } catch (err) {
      this.failed(err, epoch, previous, started);
    }
  }

  private failed(err: unknown, epoch: number, previous: CasesState, started: number): void {
    if (epoch !== this.epoch) {
      return;
    }
    const error = this.reports.refreshFailed(err, this.now() - started);
    this.set(refreshFailedState(this.current, previous, error));
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
    this.set(withPart(before, { ...part, loadingMore: true, loadMoreError: undefined }, 'loadMore'));
    try {
      const { fetchNextPage } = this.loads.get();
      const api = await this.deps.api();
      const next = await fetchNextPage(api, part, spec, this.now(), this.abort.signal);
      if (epoch !== this.epoch) {
        return;
      }
      const loaded = withPart(before, next, undefined);
      this.set(loaded);
      await this.afterLoad(loaded);
    } catch (err) {
      if (epoch !== this.epoch) {
        return;
      }
      const error = this.reports.loadMoreFailed(err);
      this.set(withPart(before, { ...part, loadingMore: false, loadMoreError: error }, undefined));
    }
  }

  /** The first list an account loads is what it has "seen"; every answer is kept on disk for the next start. */
  private async afterLoad(state: LoadedState): Promise<void> {
    const account = this.accountId;
    await this.seen.baselineIfNew(state.cases);
    // Signed out (or switched) meanwhile: nothing of that account may be written again.
    if (account === undefined || account !== this.accountId || !this.deps.cache) {
      return;
    }
    try {
      await this.deps.cache.write(account, viewKey(state.view), toCache(state, this.now()));
    } catch (err) {
      this.reports.cacheWriteFailed(err);
    }
  }

  private set(state: CasesState): void {
    this.current = state;
    this.changed.fire(state);
  }
}
