// Every message between the New Support Case page (./main.ts, in the webview) and its host (views/newCase, in the
// extension), in both directions, as types and as the validators both sides run: the page is untrusted input to
// the extension, and the page accepts from the extension only what this module accepts. Renaming a field here fails
// compilation in the page and in the host alike. No DOM, no Node, no vscode: both bundles include it.

import { asFields, count, isCount, isOneOf, isText, listOf, MAX_ACCOUNT, MAX_FRAGMENT, MAX_MESSAGE, own, parseShaped, parseWords, Shapes, text } from '../validate';
import { FIELD_NAMES, MAX_FIELD, type FormField, type FormFields } from './formFields';

export { FIELD_NAMES, type FormField, type FormFields } from './formFields';

/** A chosen file as the page sees it: never its path (the host keeps paths; the page never reads files). */
export interface FileView {
  readonly name: string;
  readonly size: number;
}

export interface ProblemView {
  /** Undefined: shown at the top of the form. */
  readonly field?: FormField;
  readonly message: string;
}

/** Version and OS options of one product, as escaped `<option>` HTML. */
export interface ProductChoices {
  readonly versions: string;
  readonly os: string;
}

/** Host → page. Every `html` is escaped by renderNewCase.ts and parsed inertly by the page. */
export type HostMessage =
  /** The host's draft (undefined: none stored); the page prefers its own saved state when it has one. */
  | { readonly type: 'init'; readonly fields: FormFields | undefined; readonly files: readonly FileView[] }
  | { readonly type: 'accounts'; readonly html: string }
  | { readonly type: 'products'; readonly sac: string; readonly html: string; readonly choices: Readonly<Record<string, ProductChoices>> }
  /** Accounts or products could not be loaded: shown at that field, with a Retry. */
  | { readonly type: 'loadError'; readonly field: 'sac' | 'product'; readonly sac?: string; readonly message: string }
  | { readonly type: 'files'; readonly files: readonly FileView[] }
  /** Replaces the problems on screen: all of them, or only the attachments' (after choosing files). */
  | { readonly type: 'problems'; readonly scope: 'all' | 'files'; readonly problems: readonly ProblemView[]; readonly summary?: string }
  | { readonly type: 'sending'; readonly sending: boolean; readonly text: string };

/** Page → host. */
export type PageMessage =
  | { readonly type: 'ready' }
  /** The fields as the page shows them after applying `init`. */
  | { readonly type: 'shown'; readonly fields: FormFields }
  /** Something was typed or chosen (the draft to keep). */
  | { readonly type: 'draft'; readonly fields: FormFields }
  | { readonly type: 'loadAccounts' }
  | { readonly type: 'loadProducts'; readonly sac: string }
  | { readonly type: 'pickFiles' }
  | { readonly type: 'removeFile'; readonly index: number }
  | { readonly type: 'submit'; readonly fields: FormFields }
  /** Cancel pressed while the case is being created. */
  | { readonly type: 'cancel' };


/** What the page keeps with setState (a reload restores it); the host's serializer reads the account from it. */
export interface NewCasePageState {
  readonly account?: string;
  readonly fields?: FormFields;
}

/** The words the page shows by itself, filled in by the host (localised there) and written into the page. */
export interface NewCasePageStrings {
  readonly chooseAccountFirst: string;
  readonly chooseProductFirst: string;
  readonly loading: string;
  readonly loadingProducts: string;
  readonly accountsNotLoaded: string;
  readonly productsNotLoaded: string;
  readonly retry: string;
  readonly retryAccounts: string;
  readonly retryProducts: string;
  readonly checking: string;
  readonly remove: string;
  /** "Remove {0}": the accessible name of a file's Remove button. */
  readonly removeFile: string;
  /** "Invisible control character {0}": the title of a marker shown for such a character in a file name. */
  readonly controlCharacter: string;
  readonly byte: string;
  /** "{0} bytes" */
  readonly bytes: string;
  /** "{0} KB" */
  readonly kilobytes: string;
  /** "{0} MB" */
  readonly megabytes: string;
}

const PROBLEM_FIELDS: readonly FormField[] = [...FIELD_NAMES, 'files'];

const STRING_KEYS: Readonly<Record<keyof NewCasePageStrings, true>> = {
  chooseAccountFirst: true, chooseProductFirst: true, loading: true, loadingProducts: true, accountsNotLoaded: true,
  productsNotLoaded: true, retry: true, retryAccounts: true, retryProducts: true, checking: true, remove: true,
  removeFile: true, controlCharacter: true, byte: true, bytes: true, kilobytes: true, megabytes: true
};

const MAX_SAC = 100;
const MAX_PRODUCTS = 10_000;
const MAX_FILES = 100;
const MAX_NAME = 4096;
const MAX_PROBLEMS = 100;

const PAGE_SHAPES: Shapes<PageMessage> = {
  ready: {},
  shown: { fields: (value) => parseFields(value) },
  draft: { fields: (value) => parseFields(value) },
  loadAccounts: {},
  loadProducts: { sac: text(MAX_SAC, false) },
  pickFiles: {},
  removeFile: { index: count },
  submit: { fields: (value) => parseFields(value) },
  cancel: {}
};

/** Page → host: what the extension accepts from the page. */
export function parsePageMessage(raw: unknown): PageMessage | undefined {
  return parseShaped(raw, PAGE_SHAPES);
}

/** Host → page: what the page accepts from the extension. */
export function parseHostMessage(raw: unknown): HostMessage | undefined {
  const m = asFields(raw);
  const type = m && own(m, 'type');
  if (!m || typeof type !== 'string') {
    return undefined;
  }
  switch (type) {
    case 'init': {
      const rawFields = own(m, 'fields');
      const fields = rawFields === undefined || rawFields === null ? undefined : parseFields(rawFields);
      const files = listOf(own(m, 'files'), MAX_FILES, parseFile);
      return files && (fields || rawFields === undefined || rawFields === null) ? { type, fields, files } : undefined;
    }
    case 'accounts': {
      const html = own(m, 'html');
      return isText(html, MAX_FRAGMENT) ? { type, html } : undefined;
    }
    case 'products': {
      const sac = own(m, 'sac');
      const html = own(m, 'html');
      const choices = parseChoices(own(m, 'choices'));
      return isText(sac, MAX_SAC, false) && isText(html, MAX_FRAGMENT) && choices ? { type, sac, html, choices } : undefined;
    }
    case 'loadError': {
      const field = own(m, 'field');
      const sac = own(m, 'sac');
      const message = own(m, 'message');
      if (!isOneOf(field, ['sac', 'product'] as const) || !isText(message, MAX_MESSAGE) || (sac !== undefined && !isText(sac, MAX_SAC, false))) {
        return undefined;
      }
      return { type, field, message, ...(sac !== undefined ? { sac } : {}) };
    }
    case 'files': {
      const files = listOf(own(m, 'files'), MAX_FILES, parseFile);
      return files ? { type, files } : undefined;
    }
    case 'problems': {
      const scope = own(m, 'scope');
      const problems = listOf(own(m, 'problems'), MAX_PROBLEMS, parseProblem);
      const summary = own(m, 'summary');
      if (!isOneOf(scope, ['all', 'files'] as const) || !problems || (summary !== undefined && !isText(summary, MAX_MESSAGE))) {
        return undefined;
      }
      return { type, scope, problems, ...(summary !== undefined ? { summary } : {}) };
    }
    case 'sending': {
      const sending = own(m, 'sending');
      const text = own(m, 'text');
      return typeof sending === 'boolean' && isText(text, MAX_MESSAGE) ? { type, sending, text } : undefined;
    }
    default:
      return undefined;
  }
}

/** The form's fields from untrusted input: every field a bounded string; unknown keys are dropped. */
export function parseFields(raw: unknown): FormFields | undefined {
  const source = asFields(raw);
  if (!source) {
    return undefined;
  }
  const fields: Partial<Record<keyof FormFields, string>> = {};
  for (const name of FIELD_NAMES) {
    const value = own(source, name);
    if (!isText(value, MAX_FIELD)) {
      return undefined;
    }
    fields[name] = value;
  }
  return fields as FormFields;
}

/** Reads what the page saved with setState: the page itself after a reload, and the host's serializer. */
export function parsePageState(raw: unknown): NewCasePageState {
  const s = asFields(raw);
  if (!s) {
    return {};
  }
  const account = own(s, 'account');
  const fields = parseFields(own(s, 'fields'));
  return {
    ...(isText(account, MAX_ACCOUNT, false) ? { account } : {}),
    ...(fields ? { fields } : {})
  };
}

/** The page's words from the JSON the host wrote into it; a missing or malformed one reads as ''. */
export function parseStrings(raw: unknown): NewCasePageStrings {
  return parseWords(raw, STRING_KEYS);
}

function parseFile(raw: unknown): FileView | undefined {
  const f = asFields(raw);
  const name = f && own(f, 'name');
  const size = f && own(f, 'size');
  return isText(name, MAX_NAME) && isCount(size) ? { name, size } : undefined;
}

function parseProblem(raw: unknown): ProblemView | undefined {
  const p = asFields(raw);
  const field = p && own(p, 'field');
  const message = p && own(p, 'message');
  if (!isText(message, MAX_MESSAGE) || (field !== undefined && !isOneOf(field, PROBLEM_FIELDS))) {
    return undefined;
  }
  return field !== undefined ? { field, message } : { message };
}

/** Product id → its version and OS options, in a map without a prototype (ids come from the API). */
function parseChoices(raw: unknown): Record<string, ProductChoices> | undefined {
  const c = asFields(raw);
  if (!c) {
    return undefined;
  }
  const ids = Object.keys(c);
  if (ids.length > MAX_PRODUCTS) {
    return undefined;
  }
  const choices = Object.create(null) as Record<string, ProductChoices>;
  for (const id of ids) {
    const entry = asFields(own(c, id));
    const versions = entry && own(entry, 'versions');
    const os = entry && own(entry, 'os');
    if (!isText(id, MAX_NAME) || !isText(versions, MAX_FRAGMENT) || !isText(os, MAX_FRAGMENT)) {
      return undefined;
    }
    choices[id] = { versions, os };
  }
  return choices;
}
