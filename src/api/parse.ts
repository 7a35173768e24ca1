// Defensive parsing of the Support API's JSON into the types of types.ts.
// The API's value sets are open-ended and its docs show malformed examples, so: unknown values are kept as
// strings, unknown fields are kept for display, missing optional fields are simply absent, and nothing but
// an ApiError of kind 'parse' ever escapes from here. This file reads cases (list, detail, an added note); the
// value readers are in jsonValues.ts, the New Case look-ups (accounts, products) in parseLookups.ts.
import * as l10n from '@vscode/l10n';
import { ApiError } from './errors';
import { displayString, guarded, isObject, JsonObject, list, optNumber, optText, parseApiDate, reqText, idName } from './jsonValues';
import type { AddedNote, Attachment, CaseDetail, CaseList, CaseSummary, EnhancementRequest, Note, Person, Product } from './types';

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
      throw new ApiError({ kind: 'parse', message: l10n.t('The case list from the Support API was not a JSON object.') });
    }
    const rawCases = json.cases;
    if (rawCases === undefined || rawCases === null) {
      // Some gateways drop empty arrays; an absent list with a zero count is an empty page.
      if (optNumber(json.totalCount) === 0) {
        return { totalCount: 0, limit: optNumber(json.limit) ?? defaults.limit, offset: optNumber(json.offset) ?? defaults.offset, cases: [], receivedCount: 0 };
      }
      throw new ApiError({ kind: 'parse', message: l10n.t('The case list from the Support API has no "cases" array.') });
    }
    if (!Array.isArray(rawCases)) {
      throw new ApiError({ kind: 'parse', message: l10n.t('The case list from the Support API has a "cases" field that is not an array.') });
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
      throw new ApiError({ kind: 'parse', message: l10n.t('The case details from the Support API were not a JSON object.') });
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
      throw new ApiError({ kind: 'parse', message: l10n.t('The answer to the new note was not a JSON object.') });
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

// Re-exported: the views read dates and display values with the same rules as the parser.
export { displayString, parseApiDate };
