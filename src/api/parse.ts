// Defensive parsing of the Support API's JSON into the types of types.ts.
// The API's value sets are open-ended and its docs show malformed examples, so: unknown values are kept as
// strings, unknown fields are kept for display, missing optional fields are simply absent, and nothing but
// an ApiError of kind 'parse' ever escapes from here.
import { ApiError } from './errors';
import type { AddedNote, Attachment, CaseDetail, CaseList, CaseSummary, EnhancementRequest, IdName, Note, Person, Product, ProductOption, SupportAccount } from './types';

type JsonObject = Record<string, unknown>;

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

/** Runs a parser so that only ApiError leaves it, whatever the input does. */
function guarded<T>(what: string, parse: () => T): T {
  try {
    return parse();
  } catch (err) {
    if (err instanceof ApiError) {
      throw err;
    }
    throw new ApiError({ kind: 'parse', message: `The ${what} could not be read: the Support API sent data in an unexpected shape.` });
  }
}

function isObject(value: unknown): value is JsonObject {
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
function optText(record: JsonObject, key: string): string | undefined {
  const text = displayString(record[key]);
  return text === undefined || text === '' ? undefined : text;
}

function reqText(record: JsonObject, key: string): string {
  return displayString(record[key]) ?? '';
}

function optNumber(value: unknown): number | undefined {
  const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof number === 'number' && Number.isFinite(number) ? number : undefined;
}

function person(value: unknown): Person | undefined {
  if (typeof value === 'string' || typeof value === 'number') {
    const text = String(value).trim();
    if (text === '') {
      return undefined;
    }
    return text.includes('@') ? { email: text } : { name: text };
  }
  if (!isObject(value)) {
    return undefined;
  }
  const name = optText(value, 'name');
  const email = optText(value, 'email');
  if (name === undefined && email === undefined) {
    return undefined;
  }
  return { name, email };
}

function idName(value: unknown): IdName | undefined {
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

function product(value: unknown): Product | undefined {
  if (typeof value === 'string' || typeof value === 'number') {
    return { name: String(value) };
  }
  if (!isObject(value)) {
    return undefined;
  }
  const result: Product = {
    id: optText(value, 'id'),
    name: optText(value, 'name'),
    os: idName(value.os),
    version: idName(value.version),
    patch: optText(value, 'patch')
  };
  const empty = Object.values(result).every((field) => field === undefined);
  return empty ? undefined : result;
}

/** Arrays stay arrays; a lone value becomes a one-element list; null/absent → []. */
function list(value: unknown): readonly unknown[] {
  if (Array.isArray(value)) {
    return value;
  }
  if (value === undefined || value === null) {
    return [];
  }
  return [value];
}

function attachment(value: unknown): Attachment | undefined {
  if (typeof value === 'string') {
    return value === '' ? undefined : { id: '', name: value };
  }
  if (!isObject(value)) {
    return undefined;
  }
  return {
    id: reqText(value, 'id'),
    name: optText(value, 'name') ?? optText(value, 'fileName') ?? optText(value, 'filename') ?? '',
    createdDate: optText(value, 'createdDate'),
    createdBy: person(value.createdBy)
  };
}

function attachments(value: unknown): Attachment[] {
  return list(value)
    .map(attachment)
    .filter((item): item is Attachment => item !== undefined);
}

function note(value: unknown): Note | undefined {
  if (typeof value === 'string') {
    return { subject: '', description: value, attachments: [] };
  }
  if (!isObject(value)) {
    return undefined;
  }
  return {
    subject: reqText(value, 'subject'),
    description: reqText(value, 'description'),
    addedDate: optText(value, 'addedDate') ?? optText(value, 'createdDate'),
    createdBy: person(value.createdBy),
    // The detail docs call them noteAttachments; the add-note answer calls them attachments.
    attachments: attachments(value.noteAttachments ?? value.attachments)
  };
}

/** Oldest first; notes without a readable date keep their original order, after the dated ones. */
export function sortNotes(notes: readonly Note[]): Note[] {
  const keyed = notes.map((item, index) => ({ item, index, time: parseApiDate(item.addedDate)?.getTime() }));
  keyed.sort((a, b) => {
    if (a.time !== undefined && b.time !== undefined && a.time !== b.time) {
      return a.time - b.time;
    }
    if (a.time === undefined && b.time !== undefined) {
      return 1;
    }
    if (a.time !== undefined && b.time === undefined) {
      return -1;
    }
    return a.index - b.index;
  });
  return keyed.map((entry) => entry.item);
}

function emails(value: unknown): string[] {
  const result: string[] = [];
  for (const entry of list(value)) {
    const text = displayString(entry);
    if (text === undefined) {
      continue;
    }
    // A single string may carry several addresses separated by ; or ,.
    for (const part of text.split(/[;,]/)) {
      const trimmed = part.trim();
      if (trimmed !== '') {
        result.push(trimmed);
      }
    }
  }
  return result;
}

function enhancementRequest(value: unknown): EnhancementRequest | undefined {
  if (!isObject(value)) {
    const text = displayString(value);
    return text === undefined || text === '' ? undefined : { responseDetails: text };
  }
  const result: EnhancementRequest = {
    response: optText(value, 'response'),
    deliveryTargetDate: optText(value, 'deliveryTargetDate'),
    deliveryTargetVersion: optText(value, 'deliveryTargetVersion'),
    responseDetails: optText(value, 'responseDetails')
  };
  return Object.values(result).every((field) => field === undefined) ? undefined : result;
}

function account(value: unknown): CaseDetail['account'] {
  if (typeof value === 'string' || typeof value === 'number') {
    return { name: String(value) };
  }
  if (!isObject(value)) {
    return undefined;
  }
  const name = optText(value, 'name');
  const sac = optText(value, 'sac');
  return name === undefined && sac === undefined ? undefined : { name, sac };
}

function summary(record: JsonObject): CaseSummary {
  return {
    caseNumber: reqText(record, 'caseNumber').trim(),
    subject: reqText(record, 'subject'),
    status: reqText(record, 'status'),
    severity: reqText(record, 'severity'),
    type: reqText(record, 'type'),
    createdDate: optText(record, 'createdDate'),
    modifiedDate: optText(record, 'modifiedDate'),
    closedDate: optText(record, 'closedDate')
  };
}

export interface PageDefaults {
  readonly limit: number;
  readonly offset: number;
}

/**
 * Parses a `GET /case` answer. `cases` must be an array (else 'parse'); entries that are not objects are
 * skipped, but `receivedCount` keeps the raw page length so paging still knows whether the page was full.
 */
export function parseCaseList(json: unknown, defaults: PageDefaults = { limit: 20, offset: 0 }): CaseList {
  return guarded('case list', () => {
    if (!isObject(json)) {
      throw new ApiError({ kind: 'parse', message: 'The case list from the Support API was not a JSON object.' });
    }
    const rawCases = json.cases;
    if (rawCases === undefined || rawCases === null) {
      // Some gateways drop empty arrays; an absent list with a zero count is an empty page.
      if (optNumber(json.totalCount) === 0) {
        return { totalCount: 0, limit: optNumber(json.limit) ?? defaults.limit, offset: optNumber(json.offset) ?? defaults.offset, cases: [], receivedCount: 0 };
      }
      throw new ApiError({ kind: 'parse', message: 'The case list from the Support API has no "cases" array.' });
    }
    if (!Array.isArray(rawCases)) {
      throw new ApiError({ kind: 'parse', message: 'The case list from the Support API has a "cases" field that is not an array.' });
    }
    const cases = rawCases.filter(isObject).map(summary);
    return {
      totalCount: optNumber(json.totalCount),
      limit: optNumber(json.limit) ?? defaults.limit,
      offset: optNumber(json.offset) ?? defaults.offset,
      cases,
      receivedCount: rawCases.length
    };
  });
}

const KNOWN_DETAIL_FIELDS = new Set([
  'caseNumber',
  'subject',
  'status',
  'severity',
  'type',
  'createdDate',
  'modifiedDate',
  'closedDate',
  'impact',
  'urgency',
  'description',
  'environment',
  'targetDate',
  'externalNumber',
  'account',
  'contact',
  'owner',
  'product',
  'ccEmails',
  'notes',
  'attachments',
  'customerEnhancementRequest'
]);

/** Parses a `GET /case/{id}` answer. Must be a JSON object (else 'parse'); everything inside is optional. */
export function parseCaseDetail(json: unknown): CaseDetail {
  return guarded('case details', () => {
    if (!isObject(json)) {
      throw new ApiError({ kind: 'parse', message: 'The case details from the Support API were not a JSON object.' });
    }
    const extraFields: { key: string; value: string }[] = [];
    for (const [key, value] of Object.entries(json)) {
      if (KNOWN_DETAIL_FIELDS.has(key)) {
        continue;
      }
      const text = displayString(value);
      if (text !== undefined && text !== '') {
        extraFields.push({ key, value: text });
      }
    }
    const notes = list(json.notes)
      .map(note)
      .filter((item): item is Note => item !== undefined);
    return {
      ...summary(json),
      impact: optText(json, 'impact'),
      urgency: optText(json, 'urgency'),
      description: reqText(json, 'description'),
      environment: optText(json, 'environment'),
      targetDate: optText(json, 'targetDate'),
      externalNumber: optText(json, 'externalNumber'),
      account: account(json.account),
      contact: person(json.contact),
      owner: person(json.owner),
      product: product(json.product),
      ccEmails: emails(json.ccEmails),
      notes: sortNotes(notes),
      attachments: attachments(json.attachments),
      enhancementRequest: enhancementRequest(json.customerEnhancementRequest),
      extraFields
    };
  });
}

/** The level of a severity value such as "3 - Important" (1 = most severe); undefined for values outside 1–4. */
export function severityLevel(severity: string | undefined): 1 | 2 | 3 | 4 | undefined {
  const digit = (severity ?? '').trim().charAt(0);
  return digit === '1' || digit === '2' || digit === '3' || digit === '4' ? (Number(digit) as 1 | 2 | 3 | 4) : undefined;
}

/** Parses a `POST /note` answer; the case id falls back to the one the note was sent to. */
export function parseAddedNote(json: unknown, caseId: string): AddedNote {
  return guarded('added note', () => {
    if (!isObject(json)) {
      throw new ApiError({ kind: 'parse', message: 'The answer to the new note was not a JSON object.' });
    }
    const parsed = note(json);
    return {
      caseId: optText(json, 'caseId')?.trim() ?? caseId,
      subject: parsed?.subject ?? '',
      description: parsed?.description ?? '',
      addedDate: parsed?.addedDate,
      createdBy: parsed?.createdBy,
      attachments: parsed?.attachments ?? []
    };
  });
}

/** Parses `GET /account`: entries without a support access code are left out (nothing could use them). */
export function parseAccounts(json: unknown): SupportAccount[] {
  return guarded('account list', () => {
    if (!Array.isArray(json)) {
      throw new ApiError({ kind: 'parse', message: 'The account list from the Support API was not a JSON array.' });
    }
    const accounts: SupportAccount[] = [];
    for (const entry of json) {
      if (!isObject(entry)) {
        continue;
      }
      const sac = optText(entry, 'sac')?.trim();
      if (sac !== undefined && sac !== '') {
        accounts.push({ sac, name: optText(entry, 'name') });
      }
    }
    return accounts;
  });
}

/** {id, name} entries of a product; those without an id are left out (the API needs the id back). */
function options(value: unknown): { id: string; name: string }[] {
  const result: { id: string; name: string }[] = [];
  for (const entry of list(value)) {
    const item = idName(entry);
    const id = item?.id?.trim();
    if (id !== undefined && id !== '') {
      result.push({ id, name: item?.name ?? id });
    }
  }
  return result;
}

/** Parses `GET /product?sac=`: products without an id are left out; a missing name shows the id. */
export function parseProducts(json: unknown): ProductOption[] {
  return guarded('product list', () => {
    if (!Array.isArray(json)) {
      throw new ApiError({ kind: 'parse', message: 'The product list from the Support API was not a JSON array.' });
    }
    const products: ProductOption[] = [];
    for (const entry of json) {
      if (!isObject(entry)) {
        continue;
      }
      const id = optText(entry, 'id')?.trim();
      if (id === undefined || id === '') {
        continue;
      }
      products.push({ id, name: optText(entry, 'name') ?? id, versions: options(entry.versions), operatingSystems: options(entry.operatingSystems) });
    }
    return products;
  });
}
