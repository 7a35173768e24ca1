// The data model behind the "Recent Cases" tree: which pages are loaded and what state the list is in.
// It knows nothing of vscode so its concurrency rules can be unit-tested against the fake API in plain Node.

import { ApiErrorDetails, toDetails } from '../api/errors';
import { MAX_OFFSET, PAGE_SIZE } from '../api/limits';
import { CaseSummary, Logger, SupportApiClient } from '../api/types';
import { Emitter } from '../util/event';
import { Telemetry } from '../telemetry/telemetry';
import { telemetryErrorProps } from '../telemetry/sanitize';

export { MAX_OFFSET, PAGE_SIZE };
/** "Recent" means newest modification first. */
const RECENT_SORT = [{ field: 'modifiedDate', direction: 'desc' }] as const;

export type CasesState =
  | { readonly kind: 'signedOut' }
  /** Signed in, nothing requested yet (the view has not been shown). */
  | { readonly kind: 'idle' }
  | { readonly kind: 'loading' }
  | { readonly kind: 'error'; readonly error: ApiErrorDetails }
  | {
      readonly kind: 'loaded';
      readonly cases: readonly CaseSummary[];
      readonly totalCount?: number;
      readonly pagesLoaded: number;
      readonly hasMore: boolean;
      /** A refresh or "load more" is running; the old rows stay visible meanwhile. */
      readonly busy: 'refresh' | 'loadMore' | undefined;
      /** The last refresh failed: its error is shown above the (older) rows. */
      readonly refreshError?: ApiErrorDetails;
      /** The last "load more" failed: shown in place of the "Load more" row. */
      readonly loadMoreError?: ApiErrorDetails;
    };

export type LoadedState = Extract<CasesState, { kind: 'loaded' }>;

export interface CasesModelDeps {
  /** Resolves the API client lazily: the network bundle is only loaded on first use. */
  readonly api: () => Promise<SupportApiClient>;
  readonly logger: Logger;
  readonly telemetry: Telemetry;
  readonly now?: () => number;
}

export class CasesModel {
  private current: CasesState = { kind: 'signedOut' };
  private readonly changed = new Emitter<CasesState>();
  readonly onDidChange = this.changed.event;

  /** List requests run one after another through this chain, so they never overlap. */
  private queue: Promise<void> = Promise.resolve();
  /** A refresh that is queued but has not started: later refresh calls join it instead of queueing more. */
  private pendingRefresh: Promise<void> | undefined;
  /** Bumped on sign-in/sign-out so that answers to requests of an earlier session are dropped. */
  private epoch = 0;
  private abort = new AbortController();
  private readonly now: () => number;
  private accountId: string | undefined;

  constructor(private readonly deps: CasesModelDeps) {
    this.now = deps.now ?? Date.now;
  }

  get state(): CasesState {
    return this.current;
  }

  /** The account whose cases are shown; undefined while signed out. */
  get account(): string | undefined {
    return this.accountId;
  }

  /**
   * Signed in (with this account) or out, here or in another window: drop everything loaded before, cancel what is
   * in flight, and start from "idle" (the view loads when it is shown).
   */
  setAccount(account: string | undefined): void {
    this.accountId = account;
    this.epoch++;
    this.abort.abort();
    this.abort = new AbortController();
    this.pendingRefresh = undefined;
    this.set(account !== undefined ? { kind: 'idle' } : { kind: 'signedOut' });
  }

  /**
   * Reloads as many pages as the user had loaded. Calls made while a refresh is queued share it;
   * one made while a refresh runs queues exactly one more, so the final state reflects the newest data.
   */
  refresh(): Promise<void> {
    if (this.current.kind === 'signedOut') {
      return Promise.resolve();
    }
    if (this.pendingRefresh) {
      return this.pendingRefresh;
    }
    const run = this.enqueue(() => {
      this.pendingRefresh = undefined;
      return this.runRefresh();
    });
    this.pendingRefresh = run;
    return run;
  }

  /** Fetches the next page, unless everything reachable is loaded. */
  loadMore(): Promise<void> {
    return this.enqueue(() => this.runLoadMore());
  }

  dispose(): void {
    this.abort.abort();
    this.changed.dispose();
  }

  private enqueue(task: () => Promise<void>): Promise<void> {
    const run = this.queue.then(task, task);
    // The chain itself never rejects: failures become state, not unhandled rejections.
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async runRefresh(): Promise<void> {
    const epoch = this.epoch;
    const previous = this.current;
    if (previous.kind === 'signedOut') {
      return;
    }
    const pagesWanted = previous.kind === 'loaded' ? Math.max(1, previous.pagesLoaded) : 1;
    if (previous.kind === 'loaded') {
      this.set({ ...previous, busy: 'refresh' });
    } else {
      this.set({ kind: 'loading' });
    }

    const started = this.now();
    const signal = this.abort.signal;
    const cases: CaseSummary[] = [];
    const seen = new Set<string>();
    let totalCount: number | undefined;
    let pagesLoaded = 0;
    let hasMore = true;
    try {
      const api = await this.deps.api();
      while (pagesLoaded < pagesWanted && hasMore) {
        const offset = pagesLoaded * PAGE_SIZE;
        const page = await api.listCases({ limit: PAGE_SIZE, offset, sort: RECENT_SORT }, signal);
        if (epoch !== this.epoch) {
          return;
        }
        pagesLoaded++;
        totalCount = page.totalCount;
        addUnique(cases, seen, page.cases);
        hasMore = computeHasMore(page.receivedCount ?? page.cases.length, offset, cases.length, totalCount);
      }
      this.set({ kind: 'loaded', cases, totalCount, pagesLoaded, hasMore, busy: undefined });
      this.deps.telemetry.sendEvent('cases.refresh', { result: 'success' }, { caseCount: cases.length, pages: pagesLoaded, durationMs: this.now() - started });
    } catch (err) {
      if (epoch !== this.epoch) {
        return;
      }
      const error = toDetails(err);
      this.deps.logger.warn(`Refreshing cases failed: ${error.kind}${error.troubleshootingId ? ` tid=${error.troubleshootingId}` : ''}`);
      this.deps.telemetry.sendError('cases.refresh', { result: 'failure', ...telemetryErrorProps(err) }, { durationMs: this.now() - started });
      // Keep what the user already sees; the error goes on top of it.
      if (previous.kind === 'loaded') {
        this.set({ ...previous, busy: undefined, refreshError: error, loadMoreError: undefined });
      } else {
        this.set({ kind: 'error', error });
      }
    }
  }

  private async runLoadMore(): Promise<void> {
    const epoch = this.epoch;
    const before = this.current;
    if (before.kind !== 'loaded' || !before.hasMore) {
      return;
    }
    this.set({ ...before, busy: 'loadMore', loadMoreError: undefined });
    const offset = before.pagesLoaded * PAGE_SIZE;
    try {
      const api = await this.deps.api();
      const page = await api.listCases({ limit: PAGE_SIZE, offset, sort: RECENT_SORT }, this.abort.signal);
      if (epoch !== this.epoch) {
        return;
      }
      const cases = [...before.cases];
      addUnique(cases, new Set(cases.map((c) => c.caseNumber)), page.cases);
      const totalCount = page.totalCount ?? before.totalCount;
      this.set({
        kind: 'loaded',
        cases,
        totalCount,
        pagesLoaded: before.pagesLoaded + 1,
        hasMore: computeHasMore(page.receivedCount ?? page.cases.length, offset, cases.length, totalCount),
        busy: undefined,
        refreshError: before.refreshError
      });
    } catch (err) {
      if (epoch !== this.epoch) {
        return;
      }
      const error = toDetails(err);
      this.deps.logger.warn(`Loading more cases failed: ${error.kind}${error.troubleshootingId ? ` tid=${error.troubleshootingId}` : ''}`);
      this.deps.telemetry.sendError('cases.loadMore', { result: 'failure', ...telemetryErrorProps(err) });
      this.set({ ...before, busy: undefined, loadMoreError: error });
    }
  }

  private set(state: CasesState): void {
    this.current = state;
    this.changed.fire(state);
  }
}

function addUnique(into: CaseSummary[], seen: Set<string>, page: readonly CaseSummary[]): void {
  // Offset paging over a changing list can repeat a case across pages; a tree needs unique ids.
  for (const c of page) {
    if (!seen.has(c.caseNumber)) {
      seen.add(c.caseNumber);
      into.push(c);
    }
  }
}

function computeHasMore(pageLength: number, offset: number, loaded: number, totalCount: number | undefined): boolean {
  if (pageLength < PAGE_SIZE) {
    return false;
  }
  if (totalCount !== undefined && loaded >= totalCount) {
    return false;
  }
  return offset + PAGE_SIZE <= MAX_OFFSET;
}

