// How a list view (filter, sort, grouping) becomes the lists the model pages: one list, or one list per group.
// Status and type groups are real API queries (the API filters by both), so their membership and counts come from
// the server. Severity cannot be filtered by the API: it is one server-sorted stream cut into runs of one severity.

import * as l10n from '@vscode/l10n';
import type { CaseQuery, CaseSummary, ListCasesParams, SortKey } from '../api/types';
import { severityLevel } from '../api/parse';
import { CLOSED_STATUS, queryFor, sortKeys, type CaseFilter, type GroupOption, type SortOption } from './caseQuery';

/** What the list shows: the filter, the order and the grouping. */
export interface ListView {
  readonly filter: CaseFilter;
  readonly sort: SortOption;
  readonly group: GroupOption;
}

export const DEFAULT_VIEW: ListView = { filter: { state: 'all' }, sort: 'modified', group: 'none' };

/** The value sets the API documents; unknown values land in an "Other" group, found with an `exclude` query. */
export const KNOWN_STATUSES: readonly string[] = [
  'New', 'In Support', 'Customer Owns Next Steps', 'In Escalation', 'Ready for Deployment', 'In R&D', 'R&D Delivery',
  'Pending Closure', CLOSED_STATUS
];
export const KNOWN_TYPES: readonly string[] = ['Support Case', 'Enhancement Request', 'Business Service Request', 'Security Issue'];
export const KNOWN_SEVERITIES: readonly string[] = ['1 - Critical', '2 - Urgent', '3 - Important', '4 - Minor'];

/** One list the model pages on its own: the whole view, or one group of it. */
export interface ListSpec {
  /** Stable within a view: 'all', 'status:<value>', 'status:*' (other), 'type:…'. */
  readonly key: string;
  readonly label: string;
  /** The API's `query` for this list. */
  readonly query: (now: number) => CaseQuery | undefined;
  readonly sort: readonly SortKey[];
  /** Whether a case belongs to this list beyond the view's filter (the incremental merge applies it locally). */
  readonly member: (summary: CaseSummary) => boolean;
}

const OTHER = '*';

/** The lists of a view, in display order. */
export function listSpecs(view: ListView): ListSpec[] {
  const { filter, sort, group } = view;
  if (group === 'status') {
    return fieldGroups('status', statusValues(filter), hasChosen(filter.statuses) || filter.state === 'closed', (c) => c.status, (values, now) => ({
      ...queryFor(filter, now),
      statuses: values
    }), sortKeys(sort));
  }
  if (group === 'type') {
    return fieldGroups('type', hasChosen(filter.types) ? unique(filter.types ?? []) : KNOWN_TYPES, hasChosen(filter.types), (c) => c.type, (values, now) => ({
      ...queryFor(filter, now),
      types: values
    }), sortKeys(sort));
  }
  const stream: SortKey[] = group === 'severity' ? [{ field: 'severity', direction: 'asc' }, ...sortKeys(sort).filter((k) => k.field !== 'severity')] : [...sortKeys(sort)];
  return [{ key: 'all', label: l10n.t('All cases'), query: (now) => queryFor(filter, now), sort: stream, member: () => true }];
}

/** GET /case parameters for one page of a list. */
export function pageParams(spec: ListSpec, now: number, offset: number, limit: number): ListCasesParams {
  const query = spec.query(now);
  return { limit, offset, sort: spec.sort, ...(query ? { query } : {}) };
}

/** A key for everything that decides the rows (the cache keeps one list per account and key). */
export function viewKey(view: ListView): string {
  const f = view.filter;
  return JSON.stringify([f.state, [...(f.statuses ?? [])].sort(), [...(f.types ?? [])].sort(), f.updatedWithinDays ?? null, f.sac ?? null, view.sort, view.group]);
}

/** The severity runs of a stream sorted by severity first: [label, cases][] in order. */
export function severityRuns(cases: readonly CaseSummary[]): { readonly label: string; readonly cases: readonly CaseSummary[] }[] {
  const runs: { label: string; cases: CaseSummary[] }[] = [];
  for (const summary of cases) {
    const label = severityLabel(summary.severity);
    const last = runs[runs.length - 1];
    if (last && last.label === label) {
      last.cases.push(summary);
    } else {
      runs.push({ label, cases: [summary] });
    }
  }
  return runs;
}

function severityLabel(severity: string): string {
  return severityLevel(severity) !== undefined || severity.trim() !== '' ? severity : l10n.t('No severity');
}

function statusValues(filter: CaseFilter): readonly string[] {
  if (hasChosen(filter.statuses)) {
    return unique(filter.statuses ?? []);
  }
  if (filter.state === 'open') {
    return KNOWN_STATUSES.filter((s) => s !== CLOSED_STATUS);
  }
  if (filter.state === 'closed') {
    return [CLOSED_STATUS];
  }
  return KNOWN_STATUSES;
}

/**
 * One list per value (an `include` query) plus, unless the values were chosen one by one, an "Other" list for values
 * the API may add later (an `exclude` of every known one, which also excludes Closed when the filter wants open cases).
 */
function fieldGroups(
  field: 'status' | 'type',
  values: readonly string[],
  chosen: boolean,
  read: (c: CaseSummary) => string,
  query: (values: { include: string[] } | { exclude: string[] }, now: number) => CaseQuery,
  sort: readonly SortKey[]
): ListSpec[] {
  const specs: ListSpec[] = values.map((value) => ({
    key: `${field}:${value}`,
    label: value,
    query: (now) => query({ include: [value] }, now),
    sort,
    member: (c) => read(c) === value
  }));
  if (!chosen) {
    const known = field === 'status' ? KNOWN_STATUSES : KNOWN_TYPES;
    specs.push({
      key: `${field}:${OTHER}`,
      label: field === 'status' ? l10n.t('Other statuses') : l10n.t('Other types'),
      query: (now) => query({ exclude: [...known] }, now),
      sort,
      member: (c) => !known.includes(read(c))
    });
  }
  return specs;
}

function hasChosen(values: readonly string[] | undefined): boolean {
  return values !== undefined && values.length > 0;
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}
