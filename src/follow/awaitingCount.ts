// How many cases await the customer ("Customer Owns Next Steps"), for the status bar. The count is honest: it comes
// from the loaded rows only when they are every case the filter allows and the filter keeps every awaiting case;
// otherwise from one list request filtered to that status, whose totalCount is the answer.
//
// Request cost: 0 when the loaded list is complete. Otherwise 1 request (limit 20) on a full load (sign-in, reload,
// another filter). A refresh costs nothing extra when what it observed settles the count: no change touched the
// awaiting status, or every change that did is a certain step (a loaded case moved into or out of it, a brand-new
// case arrived in it) and is added to the exact count. Only an uncertain change costs one request: a case that was
// not loaded came in (its earlier status is unknown), a change outside the rows was reported, or an awaiting row left
// the list. So an unchanged refresh stays
// at exactly one list request, and k changes of loaded cases at the refresh's own ceil(k/20).

import { ApiErrorDetails, toDetails } from '../api/errors';
import { PAGE_SIZE } from '../api/limits';
import type { CaseSummary, Logger, SupportApiClient } from '../api/types';
import { Emitter } from '../util/event';
import { AWAITING_CUSTOMER_STATUS, CaseFilter, NO_FILTER } from '../cases/caseQuery';
import type { CasesState, LoadedState } from '../cases/casesModel';
import type { Observation } from '../cases/changeDetection';

/** What a refresh's observations mean for the count: nothing, an exact step, or unknown (count again). */
export type AwaitingEffect = { readonly kind: 'delta'; readonly delta: number } | { readonly kind: 'unknown' };

export function awaitingEffect(observation: Extract<Observation, { kind: 'refreshed' }>): AwaitingEffect {
  let delta = 0;
  for (const change of observation.changes) {
    if (change.unlisted) {
      return { kind: 'unknown' };
    }
    const now = change.summary.status === AWAITING_CUSTOMER_STATUS ? 1 : 0;
    if (change.kind === 'updated') {
      delta += now - (change.previousStatus === AWAITING_CUSTOMER_STATUS ? 1 : 0);
    } else if (change.brandNew) {
      delta += now;
    } else {
      return { kind: 'unknown' };
    }
  }
  if (observation.left.some((c) => c.status === AWAITING_CUSTOMER_STATUS)) {
    return { kind: 'unknown' };
  }
  return { kind: 'delta', delta };
}

export type AwaitingCount =
  /** Signed out, or not counted yet. */
  | { readonly kind: 'unknown' }
  | {
      readonly kind: 'counted';
      readonly count: number;
      /** True when the API gave no total and a full page came back: there are at least `count`. */
      readonly atLeast: boolean;
      /** The last recount failed; `count` is from before. */
      readonly staleError?: ApiErrorDetails;
    }
  | { readonly kind: 'failed'; readonly error: ApiErrorDetails };

/** The filter that shows exactly the awaiting cases (what the status bar item's click applies). */
export const AWAITING_FILTER: CaseFilter = { state: 'open', statuses: [AWAITING_CUSTOMER_STATUS] };

/**
 * The count from the loaded rows, when they prove it: every case of the filter is loaded (no further page) and
 * the filter excludes no awaiting case (no type, date or account restriction, and the status part allows it).
 */
export function countFromRows(state: LoadedState, filter: CaseFilter): number | undefined {
  if (state.hasMore || (filter.types?.length ?? 0) > 0 || filter.updatedWithinDays !== undefined || filter.sac) {
    return undefined;
  }
  const statuses = filter.statuses ?? [];
  const keepsAwaiting = statuses.length > 0 ? statuses.includes(AWAITING_CUSTOMER_STATUS) : filter.state !== 'closed';
  if (!keepsAwaiting) {
    return undefined;
  }
  return state.cases.filter((c) => c.status === AWAITING_CUSTOMER_STATUS).length;
}

export interface AwaitingCounterDeps {
  readonly api: () => Promise<SupportApiClient>;
  readonly logger: Logger;
  /** The model's current state and filter, read when a recount is due. */
  readonly state: () => { readonly state: CasesState; readonly filter?: CaseFilter };
  /** False while nobody shows the count (the status-bar item is turned off): then no request is spent on it. */
  readonly enabled?: () => boolean;
}

export class AwaitingCounter {
  private current: AwaitingCount = { kind: 'unknown' };
  private readonly changed = new Emitter<AwaitingCount>();
  readonly onDidChange = this.changed.event;
  /** Bumped by every recount and reset: only the newest request's answer is used. */
  private generation = 0;
  private abort = new AbortController();
  private requests = 0;

  constructor(private readonly deps: AwaitingCounterDeps) {}

  get value(): AwaitingCount {
    return this.current;
  }

  /** Count requests sent so far (the bench and tests read it). */
  get requestCount(): number {
    return this.requests;
  }

  /** Feeds the change tracker's observations in: they say when (and how) the count may have changed. */
  observe(observation: Observation): Promise<void> {
    if (observation.kind === 'reset') {
      this.reset();
      return Promise.resolve();
    }
    if (observation.kind === 'baseline') {
      return this.recount();
    }
    if (observation.kind !== 'refreshed') {
      return Promise.resolve();
    }
    const current = this.current;
    const exact = current.kind === 'counted' && !current.atLeast && current.staleError === undefined;
    const effect = awaitingEffect(observation);
    if (effect.kind === 'delta' && effect.delta === 0 && current.kind !== 'failed') {
      return Promise.resolve();
    }
    if (effect.kind === 'delta' && exact && current.kind === 'counted') {
      this.set({ kind: 'counted', count: Math.max(0, current.count + effect.delta), atLeast: false });
      return Promise.resolve();
    }
    return this.recount();
  }

  /** Counts again now (from the rows when they prove it, else with one request). Never rejects. */
  async recount(): Promise<void> {
    const generation = ++this.generation;
    const { state, filter } = this.deps.state();
    if (state.kind === 'signedOut' || this.deps.enabled?.() === false) {
      this.reset();
      return;
    }
    if (state.kind === 'loaded') {
      const fromRows = countFromRows(state, filter ?? NO_FILTER);
      if (fromRows !== undefined) {
        this.set({ kind: 'counted', count: fromRows, atLeast: false });
        return;
      }
    }
    const signal = this.abort.signal;
    try {
      const api = await this.deps.api();
      this.requests++;
      const page = await api.listCases(
        { limit: PAGE_SIZE, offset: 0, sort: [{ field: 'modifiedDate', direction: 'desc' }], query: { statuses: { include: [AWAITING_CUSTOMER_STATUS] } } },
        signal
      );
      if (generation !== this.generation) {
        return;
      }
      this.set(countOfPage(page.totalCount, page.cases));
    } catch (err) {
      if (generation !== this.generation) {
        return;
      }
      const error = toDetails(err);
      this.deps.logger.warn(`Counting the cases awaiting you failed: ${error.kind}${error.troubleshootingId ? ` tid=${error.troubleshootingId}` : ''}`);
      const before = this.current;
      this.set(before.kind === 'counted' ? { ...before, staleError: error } : { kind: 'failed', error });
    }
  }

  reset(): void {
    this.generation++;
    this.abort.abort();
    this.abort = new AbortController();
    this.set({ kind: 'unknown' });
  }

  dispose(): void {
    this.abort.abort();
    this.changed.dispose();
  }

  private set(value: AwaitingCount): void {
    this.current = value;
    this.changed.fire(value);
  }
}

/** What one page filtered to awaiting cases proves: its totalCount, or (without one) its length, a lower bound when full. */
export function countOfPage(totalCount: number | undefined, cases: readonly CaseSummary[]): AwaitingCount {
  // The status filter is the server's, but a case that is not awaiting (odd data) must not be counted.
  const awaiting = cases.filter((c) => c.status === AWAITING_CUSTOMER_STATUS).length;
  if (totalCount !== undefined && Number.isFinite(totalCount) && totalCount >= 0) {
    return { kind: 'counted', count: Math.floor(totalCount), atLeast: false };
  }
  return { kind: 'counted', count: awaiting, atLeast: cases.length >= PAGE_SIZE };
}

/** Several accounts' counts as one: unknown until one is known; a failed account makes the sum a lower bound. */
export function sumCounts(counts: readonly AwaitingCount[]): AwaitingCount {
  const known = counts.filter((c) => c.kind !== 'unknown');
  if (known.length === 0) {
    return { kind: 'unknown' };
  }
  const counted = known.filter((c): c is Extract<AwaitingCount, { kind: 'counted' }> => c.kind === 'counted');
  const failed = known.find((c): c is Extract<AwaitingCount, { kind: 'failed' }> => c.kind === 'failed');
  if (counted.length === 0 && failed) {
    return failed;
  }
  const staleError = failed?.error ?? counted.find((c) => c.staleError)?.staleError;
  return {
    kind: 'counted',
    count: counted.reduce((sum, c) => sum + c.count, 0),
    atLeast: counted.some((c) => c.atLeast) || failed !== undefined,
    ...(staleError ? { staleError } : {})
  };
}
