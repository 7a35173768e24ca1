// Strict validation of GET /case parameters, as the reference describes them. Any violation is a BadRequest
// whose message names the parameter and the reason, so a client bug shows up clearly in a test.

import { SORT_FIELDS } from './catalog';
import { BadRequest } from './errors';
import { isRecord } from './util';

export type SortFieldName = (typeof SORT_FIELDS)[number];

export interface ListSortKey {
  field: SortFieldName;
  desc: boolean;
}

export interface ListDateRange {
  after: number;
  before: number;
}

export interface ListFilter {
  mode: 'include' | 'exclude';
  values: string[];
}

export interface ListQuery {
  created?: ListDateRange;
  updated?: ListDateRange;
  sac?: string;
  types?: ListFilter;
  statuses?: ListFilter;
}

export interface ListRequest {
  limit: number;
  offset: number;
  /** Empty when no sort was given (the API's order is then unspecified). */
  sort: ListSortKey[];
  query: ListQuery;
}

/** Decodes a raw query string as form data ('+' is a space); malformed percent escapes are a BadRequest. */
export function parseQueryString(raw: string): Map<string, string[]> {
  const params = new Map<string, string[]>();
  if (raw === '') {
    return params;
  }
  for (const pair of raw.split('&')) {
    if (pair === '') {
      continue;
    }
    const eq = pair.indexOf('=');
    const rawKey = eq < 0 ? pair : pair.slice(0, eq);
    const rawValue = eq < 0 ? '' : pair.slice(eq + 1);
    const key = decodeComponent(rawKey, 'parameter name');
    const value = decodeComponent(rawValue, `parameter '${key}'`);
    params.set(key, [...(params.get(key) ?? []), value]);
  }
  return params;
}

function decodeComponent(raw: string, what: string): string {
  try {
    return decodeURIComponent(raw.replace(/\+/g, ' '));
  } catch {
    throw new BadRequest(`Invalid percent-encoding in ${what}.`);
  }
}

function single(params: Map<string, string[]>, name: string): string | undefined {
  const values = params.get(name);
  if (!values) {
    return undefined;
  }
  if (values.length > 1) {
    throw new BadRequest(`Parameter '${name}' must be given at most once.`);
  }
  return values[0];
}

function integerParam(params: Map<string, string[]>, name: string, min: number, max: number, fallback: number): number {
  const raw = single(params, name);
  if (raw === undefined) {
    return fallback;
  }
  if (!/^\d+$/.test(raw)) {
    throw new BadRequest(`Parameter '${name}' must be an integer between ${min} and ${max}, got '${raw}'.`);
  }
  const value = Number(raw);
  if (value < min || value > max) {
    throw new BadRequest(`Parameter '${name}' must be between ${min} and ${max}, got ${value}.`);
  }
  return value;
}

function parseSort(raw: string | undefined): ListSortKey[] {
  if (raw === undefined) {
    return [];
  }
  const keys: ListSortKey[] = [];
  for (const item of raw.split(',')) {
    const sign = item.charAt(0);
    const field = item.slice(1);
    if (sign !== '+' && sign !== '-') {
      const hint = sign === ' ' ? " (a literal '+' decodes to a space: send it as %2B)" : '';
      throw new BadRequest(`Parameter 'sort': each field must start with '+' or '-', got '${item}'${hint}.`);
    }
    if (!(SORT_FIELDS as readonly string[]).includes(field)) {
      throw new BadRequest(`Parameter 'sort': unknown field '${field}'; allowed: ${SORT_FIELDS.join(', ')}.`);
    }
    if (keys.some((k) => k.field === field)) {
      throw new BadRequest(`Parameter 'sort': field '${field}' given twice.`);
    }
    keys.push({ field: field as SortFieldName, desc: sign === '-' });
  }
  return keys;
}

const REQUEST_TIME_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/;

function parseRange(value: unknown, name: string): ListDateRange {
  if (!isRecord(value)) {
    throw new BadRequest(`Parameter 'query': '${name}' must be an object with 'after' and 'before'.`);
  }
  for (const key of Object.keys(value)) {
    if (key !== 'after' && key !== 'before') {
      throw new BadRequest(`Parameter 'query': unknown property '${name}.${key}'.`);
    }
  }
  const bounds: number[] = [];
  for (const key of ['after', 'before'] as const) {
    const raw = value[key];
    if (typeof raw !== 'string') {
      throw new BadRequest(`Parameter 'query': '${name}.${key}' is required and must be a date-time string.`);
    }
    const ms = Date.parse(raw);
    if (!REQUEST_TIME_RE.test(raw) || Number.isNaN(ms)) {
      throw new BadRequest(`Parameter 'query': '${name}.${key}' must be an ISO date-time ending in Z (e.g. 2020-03-01T01:02:03Z), got '${raw}'.`);
    }
    bounds.push(ms);
  }
  if (bounds[0] > bounds[1]) {
    throw new BadRequest(`Parameter 'query': '${name}.after' is later than '${name}.before'.`);
  }
  return { after: bounds[0], before: bounds[1] };
}

function parseFilter(value: unknown, name: string): ListFilter {
  if (!isRecord(value)) {
    throw new BadRequest(`Parameter 'query': '${name}' must be an object with 'include' or 'exclude'.`);
  }
  const keys = Object.keys(value);
  if (keys.length !== 1 || (keys[0] !== 'include' && keys[0] !== 'exclude')) {
    throw new BadRequest(`Parameter 'query': '${name}' must have exactly one of 'include' or 'exclude'.`);
  }
  const mode = keys[0];
  const values = value[mode];
  if (!Array.isArray(values) || values.length === 0) {
    throw new BadRequest(`Parameter 'query': '${name}.${mode}' must be a non-empty array.`);
  }
  const strings: string[] = [];
  for (const v of values) {
    if (typeof v !== 'string' || v === '') {
      throw new BadRequest(`Parameter 'query': '${name}.${mode}' must contain non-empty strings only.`);
    }
    if (strings.includes(v)) {
      throw new BadRequest(`Parameter 'query': '${name}.${mode}' contains '${v}' twice.`);
    }
    strings.push(v);
  }
  return { mode, values: strings };
}

function parseQueryParam(raw: string | undefined): ListQuery {
  if (raw === undefined) {
    return {};
  }
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    throw new BadRequest(`Parameter 'query' must be percent-encoded JSON; could not parse '${raw.slice(0, 200)}'.`);
  }
  if (!isRecord(json)) {
    throw new BadRequest(`Parameter 'query' must be a JSON object.`);
  }
  const query: ListQuery = {};
  for (const [key, value] of Object.entries(json)) {
    switch (key) {
      case 'created':
      case 'updated':
        query[key] = parseRange(value, key);
        break;
      case 'sac':
        if (typeof value !== 'string' || value === '') {
          throw new BadRequest(`Parameter 'query': 'sac' must be a non-empty string.`);
        }
        query.sac = value;
        break;
      case 'types':
      case 'statuses':
        query[key] = parseFilter(value, key);
        break;
      default:
        throw new BadRequest(`Parameter 'query': unknown property '${key}'; allowed: created, updated, sac, types, statuses.`);
    }
  }
  return query;
}

/** Validates the raw query string of GET /case. */
export function parseListRequest(rawQuery: string): ListRequest {
  const params = parseQueryString(rawQuery);
  return {
    limit: integerParam(params, 'limit', 0, 20, 20),
    offset: integerParam(params, 'offset', 0, 2000, 0),
    sort: parseSort(single(params, 'sort')),
    query: parseQueryParam(single(params, 'query'))
  };
}
