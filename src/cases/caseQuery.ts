// What the user asked the list to show (filter, sort, grouping) and how that becomes the API's `query` and `sort`.
// Everything the API can filter is filtered on the server; the incremental refresh asks without status/type and
// applies them here, so a changed case that left the filter is seen leaving.

import * as l10n from '@vscode/l10n';
import type { CaseQuery, CaseSummary, ListCasesParams, SortKey } from '../api/types';

export const CLOSED_STATUS = 'Closed';
/** Support waits for the customer: the case "awaits you". */
export const AWAITING_CUSTOMER_STATUS = 'Customer Owns Next Steps';

export type CaseState = 'open' | 'closed' | 'all';
export type UpdatedWithin = 7 | 30 | 90;
export type SortOption = 'modified' | 'created' | 'severity' | 'status';
export type GroupOption = 'none' | 'status' | 'type' | 'severity';

export interface CaseFilter {
  readonly state: CaseState;
  /** Only these statuses (empty or absent: any allowed by `state`). */
  readonly statuses?: readonly string[];
  readonly types?: readonly string[];
  readonly updatedWithinDays?: UpdatedWithin;
  /** Support access code of one account of the organisation. */
  readonly sac?: string;
  /**
   * The account's name as GET /account gave it when it was chosen: for the view's description only (not part of the
   * query or the cache key), kept with the filter so a window reload can say it without asking the network.
   */
  readonly accountName?: string;
}

export const NO_FILTER: CaseFilter = { state: 'all' };

const SORTS: Readonly<Record<SortOption, readonly SortKey[]>> = {
  // Ties broken by modification so pages are stable between requests.
  modified: [{ field: 'modifiedDate', direction: 'desc' }],
  created: [{ field: 'createdDate', direction: 'desc' }, { field: 'modifiedDate', direction: 'desc' }],
  severity: [{ field: 'severity', direction: 'asc' }, { field: 'modifiedDate', direction: 'desc' }],
  status: [{ field: 'status', direction: 'asc' }, { field: 'modifiedDate', direction: 'desc' }]
};

export function sortKeys(sort: SortOption): readonly SortKey[] {
  return SORTS[sort];
}

const DAY_MS = 24 * 60 * 60 * 1000;
/** `before` far enough ahead that a clock a little behind the server's misses nothing. */
const FUTURE_MARGIN_MS = DAY_MS;

/** The API's `query` for a filter, or undefined for "everything". `now` decides the "updated within" window. */
export function queryFor(filter: CaseFilter, now: number): CaseQuery | undefined {
  const query: { -readonly [K in keyof CaseQuery]: CaseQuery[K] } = {};
  const statuses = statusFilter(filter);
  if (statuses) {
    query.statuses = statuses;
  }
  if (filter.types && filter.types.length > 0) {
    query.types = { include: [...new Set(filter.types)] };
  }
  if (filter.updatedWithinDays !== undefined) {
    query.updated = { after: new Date(now - filter.updatedWithinDays * DAY_MS), before: new Date(now + FUTURE_MARGIN_MS) };
  }
  if (filter.sac) {
    query.sac = filter.sac;
  }
  return Object.keys(query).length > 0 ? query : undefined;
}

/** GET /case parameters for one page of a filtered, sorted list. */
export function listParams(filter: CaseFilter, sort: SortOption, now: number, offset: number, limit: number): ListCasesParams {
  return { limit, offset, sort: sortKeys(sort), query: queryFor(filter, now) };
}

/**
 * The incremental refresh's question: what changed since `since` (the newest modifiedDate known, minus an overlap
 * for clock skew and same-second changes), within the account filter only. Status and type are applied locally
 * (matchesFilter) so that a case that changed out of the filter is seen and removed.
 */
export function changedSinceQuery(filter: CaseFilter, since: number, now: number): CaseQuery {
  return {
    updated: { after: new Date(since), before: new Date(now + FUTURE_MARGIN_MS) },
    ...(filter.sac ? { sac: filter.sac } : {})
  };
}

/** Whether a case belongs in the filtered list (the same rules the server applies). */
export function matchesFilter(summary: CaseSummary, filter: CaseFilter, now: number): boolean {
  if (filter.statuses && filter.statuses.length > 0) {
    if (!filter.statuses.includes(summary.status)) {
      return false;
    }
  } else {
    const closed = summary.status === CLOSED_STATUS;
    if ((filter.state === 'open' && closed) || (filter.state === 'closed' && !closed)) {
      return false;
    }
  }
  if (filter.types && filter.types.length > 0 && !filter.types.includes(summary.type)) {
    return false;
  }
  if (filter.updatedWithinDays !== undefined) {
    const modified = summary.modifiedDate !== undefined ? Date.parse(summary.modifiedDate) : NaN;
    if (!Number.isFinite(modified) || modified < now - filter.updatedWithinDays * DAY_MS) {
      return false;
    }
  }
  return true;
}

/** A short summary for the view's description, e.g. "Open · Support Case · 30 days"; '' for no filter. */
export function describeFilter(filter: CaseFilter, accountName?: (sac: string) => string | undefined): string {
  const parts: string[] = [];
  if (filter.statuses && filter.statuses.length > 0) {
    parts.push(filter.statuses.join(', '));
  } else if (filter.state === 'open') {
    parts.push(l10n.t({ message: 'Open', comment: ['filter: the open cases'] }));
  } else if (filter.state === 'closed') {
    parts.push(l10n.t({ message: 'Closed', comment: ['filter: the closed cases'] }));
  }
  if (filter.types && filter.types.length > 0) {
    parts.push(filter.types.join(', '));
  }
  if (filter.updatedWithinDays !== undefined) {
    parts.push(l10n.t('{0} days', filter.updatedWithinDays));
  }
  if (filter.sac) {
    parts.push(filter.accountName ?? accountName?.(filter.sac) ?? filter.sac);
  }
  return parts.join(' · ');
}

export function isFilterActive(filter: CaseFilter): boolean {
  return describeFilter(filter) !== '';
}

/**
 * State and chosen statuses as one `statuses` filter (the API takes include or exclude, not both): statuses chosen
 * one by one are the more precise wish and win over the state.
 */
function statusFilter(filter: CaseFilter): CaseQuery['statuses'] {
  if (filter.statuses && filter.statuses.length > 0) {
    return { include: [...new Set(filter.statuses)] };
  }
  if (filter.state === 'open') {
    return { exclude: [CLOSED_STATUS] };
  }
  if (filter.state === 'closed') {
    return { include: [CLOSED_STATUS] };
  }
  return undefined;
}

/**
 * What the view says about filters: the one filter ("Open · 30 days"), or with accounts filtered differently each
 * filtered account's ("ACME: Open; Initech: Closed"). Empty when nothing is filtered.
 */
export function filterSummary(accounts: readonly { readonly label: string; readonly summary: string }[]): string {
  const summaries = new Set(accounts.map((a) => a.summary));
  if (summaries.size <= 1) {
    return accounts[0]?.summary ?? '';
  }
  return accounts.filter((a) => a.summary !== '').map((a) => l10n.t('{0}: {1}', a.label, a.summary)).join('; ');
}
