// The exact query string of `GET /case` (limit, offset, sort, query), checked before anything is sent: a request
// the API would refuse or misread becomes a 'badRequest' ApiError here.
import * as l10n from '@vscode/l10n';
import { ApiError } from './errors';
import type { CaseQuery, DateRange, IncludeExclude, ListCasesParams, SortKey } from './types';

const SORT_FIELDS = new Set(['createdDate', 'modifiedDate', 'closedDate', 'status', 'severity']);

export function checkInteger(value: number, min: number, max: number, name: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new ApiError({ kind: 'badRequest', message: l10n.t('The {0} of a case list request must be a whole number from {1} to {2} (got {3}).', name, min, max, String(value)) });
  }
  return value;
}

/**
 * The exact query string of `GET /case`. Built by hand because the encoding matters: a '+' in `sort` must go on
 * the wire as %2B (a raw '+' would be read as a space), and `query` is percent-encoded JSON.
 */
export function buildListQuery(params: ListCasesParams & { readonly limit: number; readonly offset: number }): string {
  const parts = [`limit=${params.limit}`, `offset=${params.offset}`];
  if (params.sort !== undefined && params.sort.length > 0) {
    parts.push(`sort=${encodeSort(params.sort)}`);
  }
  if (params.query !== undefined) {
    const query = queryJson(params.query);
    if (query !== undefined) {
      parts.push(`query=${encodeURIComponent(query)}`);
    }
  }
  return parts.join('&');
}

export function encodeSort(keys: readonly SortKey[]): string {
  const seen = new Set<string>();
  const encoded: string[] = [];
  for (const key of keys) {
    if (!SORT_FIELDS.has(key.field)) {
      throw new ApiError({ kind: 'badRequest', message: l10n.t('Cases cannot be sorted by "{0}".', String(key.field)) });
    }
    if (seen.has(key.field)) {
      continue;
    }
    seen.add(key.field);
    encoded.push(`${key.direction === 'desc' ? '-' : '%2B'}${key.field}`);
  }
  return encoded.join(',');
}

/** The `query` JSON, or undefined when no filter is set. Dates as ISO-8601 UTC ending in Z, without milliseconds. */
export function queryJson(query: CaseQuery): string | undefined {
  const result: Record<string, unknown> = {};
  if (query.created !== undefined) {
    result.created = range(query.created, 'created');
  }
  if (query.updated !== undefined) {
    result.updated = range(query.updated, 'updated');
  }
  if (query.sac !== undefined && query.sac.trim() !== '') {
    result.sac = query.sac.trim();
  }
  if (query.types !== undefined) {
    result.types = includeExclude(query.types, 'types');
  }
  if (query.statuses !== undefined) {
    result.statuses = includeExclude(query.statuses, 'statuses');
  }
  return Object.keys(result).length === 0 ? undefined : JSON.stringify(result);
}

export function formatQueryDate(date: Date, what: string): string {
  if (!(date instanceof Date) || !Number.isFinite(date.getTime())) {
    throw new ApiError({ kind: 'badRequest', message: l10n.t('The {0} date of the case filter is not a valid date.', what) });
  }
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function range(value: DateRange, name: string): { after: string; before: string } {
  return { after: formatQueryDate(value.after, `${name}.after`), before: formatQueryDate(value.before, `${name}.before`) };
}

function includeExclude(value: IncludeExclude, name: string): { include: string[] } | { exclude: string[] } {
  const isInclude = 'include' in value;
  const values = isInclude ? value.include : value.exclude;
  const unique = [...new Set((values ?? []).filter((v) => typeof v === 'string' && v !== ''))];
  if (unique.length === 0) {
    throw new ApiError({ kind: 'badRequest', message: l10n.t('The "{0}" filter needs at least one value.', name) });
  }
  return isInclude ? { include: unique } : { exclude: unique };
}
