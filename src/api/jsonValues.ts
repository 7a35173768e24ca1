// Reading the Support API's JSON values defensively: dates in every form it sends, any value as display text,
// optional and required text fields, numbers sent as strings, lone values where lists were documented, {id, name}
// pairs; and the guard that lets nothing but an ApiError of kind 'parse' escape a parser.
import * as l10n from '@vscode/l10n';
import { ApiError } from './errors';
import type { IdName } from './types';

export type JsonObject = Record<string, unknown>;

const MAX_DISPLAY = 4000;

/**
 * Parses API date-times such as `2021-07-22T12:32:36.000+0000`, `…Z`, `…+02:00` and date-only `2024-05-21`.
 * A date-time without an offset is taken as UTC. Anything else → undefined.
 */
export function parseApiDate(value: unknown): Date | undefined {
  if (typeof value === 'number') {
    return Number.isFinite(value) ? validDate(new Date(value)) : undefined;
  }
  if (typeof value !== 'string') {
    return undefined;
  }
  const text = value.trim();
  const dateOnly = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (dateOnly) {
    return validDate(new Date(Date.UTC(Number(dateOnly[1]), Number(dateOnly[2]) - 1, Number(dateOnly[3]))), dateOnly);
  }
  const match = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i.exec(text);
  if (!match) {
    return undefined;
  }
  const [, year, month, day, hour, minute, second = '00', fraction = '0', zone = 'Z'] = match;
  const millis = Math.round(Number(`0.${fraction}`) * 1000);
  let offsetMinutes = 0;
  if (zone.toUpperCase() !== 'Z') {
    const sign = zone.startsWith('-') ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    offsetMinutes = sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4) || '0'));
  }
  if (Number(hour) > 23 || Number(minute) > 59 || Number(second) > 60 || Math.abs(offsetMinutes) > 18 * 60) {
    return undefined;
  }
  const utc = Date.UTC(Number(year), Number(month) - 1, Number(day), Number(hour), Number(minute), Number(second), millis);
  return validDate(new Date(utc - offsetMinutes * 60_000), [text, year, month, day]);
}

/** Rejects NaN and roll-overs such as 2021-02-30 (Date.UTC would silently give March 2nd). */
function validDate(date: Date, parts?: readonly string[]): Date | undefined {
  if (!Number.isFinite(date.getTime())) {
    return undefined;
  }
  if (parts !== undefined) {
    const month = Number(parts[2]);
    const day = Number(parts[3]);
    const check = new Date(Date.UTC(Number(parts[1]), month - 1, day));
    if (month < 1 || month > 12 || check.getUTCDate() !== day) {
      return undefined;
    }
  }
  return date;
}

/** What a parser reads: each has its own sentence when it cannot be read. */
export type ParsedAnswer = 'case list' | 'case details' | 'added note' | 'account list' | 'product list';

function unreadable(what: ParsedAnswer): string {
  switch (what) {
    case 'case list':
      return l10n.t('The case list could not be read: the Support API sent data in an unexpected shape.');
    case 'case details':
      return l10n.t('The case details could not be read: the Support API sent data in an unexpected shape.');
    case 'added note':
      return l10n.t('The added note could not be read: the Support API sent data in an unexpected shape.');
    case 'account list':
      return l10n.t('The account list could not be read: the Support API sent data in an unexpected shape.');
    case 'product list':
      return l10n.t('The product list could not be read: the Support API sent data in an unexpected shape.');
  }
}

/** Runs a parser so that only ApiError leaves it, whatever the input does. */
export function guarded<T>(what: ParsedAnswer, parse: () => T): T {
  try {
    return parse();
  } catch (err) {
    if (err instanceof ApiError) {
      throw err;
    }
    throw new ApiError({ kind: 'parse', message: unreadable(what) });
  }
}

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Any JSON value as text for display: strings as-is, numbers/booleans printed, objects as compact JSON. */
export function displayString(value: unknown): string | undefined {
  if (value === undefined || value === null) {
    return undefined;
  }
  if (typeof value === 'string') {
    return value;
  }
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') {
    return String(value);
  }
  let text: string | undefined;
  try {
    text = JSON.stringify(value);
  } catch {
    text = undefined;
  }
  if (text === undefined) {
    return undefined;
  }
  return text.length > MAX_DISPLAY ? `${text.slice(0, MAX_DISPLAY)}…` : text;
}

/** An optional text field: absent, null and empty become undefined. */
export function optText(record: JsonObject, key: string): string | undefined {
  const text = displayString(record[key]);
  return text === undefined || text === '' ? undefined : text;
}

export function reqText(record: JsonObject, key: string): string {
  return displayString(record[key]) ?? '';
}

export function optNumber(value: unknown): number | undefined {
  const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof number === 'number' && Number.isFinite(number) ? number : undefined;
}

export function idName(value: unknown): IdName | undefined {
  if (typeof value === 'string' || typeof value === 'number') {
    return { name: String(value) };
  }
  if (!isObject(value)) {
    return undefined;
  }
  const id = optText(value, 'id');
  const name = optText(value, 'name');
  return id === undefined && name === undefined ? undefined : { id, name };
}

/** Arrays stay arrays; a lone value becomes a one-element list; null/absent → []. */
export function list(value: unknown): readonly unknown[] {
  if (Array.isArray(value)) {
    return value;
  }
  if (value === undefined || value === null) {
    return [];
  }
  return [value];
}
