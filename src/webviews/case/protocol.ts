// Every message between the case tab's page (./main.ts, in the webview) and its host (views/caseTab, in the
// extension), in both directions, as types and as the validators both sides run: the page is untrusted input to
// the extension, and the page accepts from the extension only what this module accepts. Renaming a field here
// fails compilation in the page and in the host alike. No DOM, no Node, no vscode: both bundles include it.

import { asFields, count, Fields, isCount, isOneOf, isText, listOf, MAX_ACCOUNT, MAX_FRAGMENT, MAX_MESSAGE, oneOf, own, parseShaped, parseWords, Shapes, text } from '../validate';

/** The three things a case tab can show. */
export type ContentKind = 'loading' | 'loaded' | 'error';
const CONTENT_KINDS: readonly ContentKind[] = ['loading', 'loaded', 'error'];

/**
 * Host → page: what to show now. `html` is a fragment rendered by renderCaseContent, where every API string is
 * already escaped; the page parses it inertly (DOMParser) and swaps it into its content region, so the HTML of the
 * tab is set only once and the page keeps focus, scroll position and anything typed in its static region.
 */
export interface StateMessage {
  readonly type: 'state';
  /** Increases with every state the panel sends; the page acknowledges it once rendered. */
  readonly seq: number;
  readonly account: string;
  readonly caseNumber: string;
  readonly kind: ContentKind;
  /** A newer copy of a loaded case is on its way (the old one stays readable meanwhile). */
  readonly refreshing: boolean;
  readonly html: string;
}

/** A file of the note draft as the page shows it (the host keeps the path; the page never reads the file). */
export interface FormFile {
  /** Identifies the file in a removeFile message: its path on disk. */
  readonly key: string;
  readonly name: string;
  readonly size: number;
}

/** Which control of the note form to focus. */
export type FormFocus = 'subject' | 'description' | 'files' | 'send';
const FORM_FOCUS: readonly FormFocus[] = ['subject', 'description', 'files', 'send'];

/** The note form's fields a problem can be about. */
export type FormField = 'subject' | 'description' | 'files';
export const FORM_FIELDS: readonly FormField[] = ['subject', 'description', 'files'];

export interface FormProblem {
  readonly field: FormField;
  readonly message: string;
}

export type FormStatusKind = 'none' | 'info' | 'success' | 'error';
const STATUS_KINDS: readonly FormStatusKind[] = ['none', 'info', 'success', 'error'];

/** Text put into the note fields: 'ifEmpty' leaves typed text alone; 'replace' after a note was added. */
export interface FormFill {
  readonly subject: string;
  readonly description: string;
  readonly mode: 'ifEmpty' | 'replace';
}

/**
 * Host → page: the note form's state. `filesHtml` and `statusHtml` are fragments rendered by renderNoteFiles /
 * renderNoteStatus (escaped), swapped into their regions like the case content. `fill` puts text into the fields;
 * `focus` moves keyboard focus once.
 */
export interface FormMessage {
  readonly type: 'noteForm';
  readonly account: string;
  readonly caseNumber: string;
  readonly sending: boolean;
  readonly fileCount: number;
  readonly filesHtml: string;
  readonly statusHtml: string;
  /** 'error' statuses are announced assertively. */
  readonly statusKind: FormStatusKind;
  readonly problems: readonly FormProblem[];
  /** The stored draft's id (absent: no draft). Text the page kept under another id belongs to a note already sent. */
  readonly draftId?: string;
  readonly fill?: FormFill;
  readonly focus?: FormFocus;
}

/** Host → page. */
export type HostMessage = StateMessage | FormMessage;

/** Page → host. */
export type PageMessage =
  /** The page script runs and listens: (re)send the current state (also after the tab was hidden and shown). */
  | { readonly type: 'ready' }
  /** The page put the state with this `seq` on screen. */
  | { readonly type: 'rendered'; readonly seq: number }
  | { readonly type: 'refresh' }
  | { readonly type: 'openPortal' }
  | { readonly type: 'signIn' }
  /** The note form's text changed (sent shortly after typing stops): the host keeps the draft. */
  | { readonly type: 'noteDraft'; readonly subject: string; readonly description: string }
  /** Add Note pressed, with the text as it is in the fields. */
  | { readonly type: 'addNote'; readonly subject: string; readonly description: string }
  /** Cancel pressed while the note is being sent. */
  | { readonly type: 'cancelNote' }
  /** Attach Files… pressed: the host shows the open dialog. */
  | { readonly type: 'pickFiles' }
  | { readonly type: 'removeFile'; readonly key: string }
  /** Download <name> pressed on a case or note attachment. */
  | { readonly type: 'download'; readonly id: string }
  | { readonly type: 'closeCase' }
  /** The page put keyboard focus on a control of the note form when asked to (tests wait on it). */
  | { readonly type: 'formFocused'; readonly field: FormFocus };


/** The case a tab shows, as its page saved it: VS Code hands it to the host's serializer after a window reload. */
export interface CasePanelState {
  /** Absent in tabs saved by 0.1.0: such a tab is adopted by the account signed in when it is restored. */
  readonly account?: string;
  readonly caseNumber: string;
}

/** What the page keeps with setState: the case it shows, where the reader was, and the note form's text. */
export interface CasePageState extends CasePanelState {
  readonly scrollY?: number;
  readonly draft?: { readonly subject: string; readonly description: string; readonly id?: string };
}

/** The words the page shows by itself, filled in by the host (localised there) and written into the page. */
export interface CasePageStrings {
  /** The status line while a newer copy of the case loads. */
  readonly refreshing: string;
}

/** Longer text than the API accepts is still taken (the form says what is too long), but nothing unbounded. */
export const MAX_DRAFT_TEXT = 100_000;
const MAX_KEY = 4096;
/** The same bounds as parseCaseRef: API-provided numbers may be odd, but never huge. */
const MAX_CASE_NUMBER = 200;
const MAX_ID = 100;
const MAX_PROBLEMS = 20;
const STRING_KEYS: Readonly<Record<keyof CasePageStrings, true>> = { refreshing: true };

const draftText = text(MAX_DRAFT_TEXT);
const key = text(MAX_KEY, false);
const PAGE_SHAPES: Shapes<PageMessage> = {
  ready: {},
  rendered: { seq: count },
  refresh: {},
  openPortal: {},
  signIn: {},
  noteDraft: { subject: draftText, description: draftText },
  addNote: { subject: draftText, description: draftText },
  cancelNote: {},
  pickFiles: {},
  removeFile: { key },
  download: { id: key },
  closeCase: {},
  formFocused: { field: oneOf(FORM_FOCUS) }
};

/** Page → host: what the extension accepts from the page. */
export function parsePageMessage(raw: unknown): PageMessage | undefined {
  return parseShaped(raw, PAGE_SHAPES);
}

/** Host → page: what the page accepts from the extension. */
export function parseHostMessage(raw: unknown): HostMessage | undefined {
  const m = asFields(raw);
  if (!m) {
    return undefined;
  }
  const type = own(m, 'type');
  return type === 'state' ? parseStateMessage(m) : type === 'noteForm' ? parseFormMessage(m) : undefined;
}

export function parseStateMessage(raw: unknown): StateMessage | undefined {
  const m = asFields(raw);
  if (!m || own(m, 'type') !== 'state') {
    return undefined;
  }
  const seq = own(m, 'seq');
  const kind = own(m, 'kind');
  const refreshing = own(m, 'refreshing');
  const html = own(m, 'html');
  const tab = tabOf(m);
  if (!tab || !isCount(seq) || !isOneOf(kind, CONTENT_KINDS) || typeof refreshing !== 'boolean' || !isText(html, MAX_FRAGMENT)) {
    return undefined;
  }
  return { type: 'state', seq, ...tab, kind, refreshing, html };
}

export function parseFormMessage(raw: unknown): FormMessage | undefined {
  const m = asFields(raw);
  if (!m || own(m, 'type') !== 'noteForm') {
    return undefined;
  }
  const tab = tabOf(m);
  const sending = own(m, 'sending');
  const fileCount = own(m, 'fileCount');
  const filesHtml = own(m, 'filesHtml');
  const statusHtml = own(m, 'statusHtml');
  const statusKind = own(m, 'statusKind');
  const problems = listOf(own(m, 'problems'), MAX_PROBLEMS, parseProblem);
  const draftId = own(m, 'draftId');
  const rawFill = own(m, 'fill');
  const fill = rawFill === undefined ? undefined : parseFill(rawFill);
  const focus = own(m, 'focus');
  if (
    !tab ||
    typeof sending !== 'boolean' ||
    !isCount(fileCount) ||
    !isText(filesHtml, MAX_FRAGMENT) ||
    !isText(statusHtml, MAX_FRAGMENT) ||
    !isOneOf(statusKind, STATUS_KINDS) ||
    !problems ||
    (draftId !== undefined && !isText(draftId, MAX_ID, false)) ||
    (rawFill !== undefined && !fill) ||
    (focus !== undefined && !isOneOf(focus, FORM_FOCUS))
  ) {
    return undefined;
  }
  return {
    type: 'noteForm',
    ...tab,
    sending,
    fileCount,
    filesHtml,
    statusHtml,
    statusKind,
    problems,
    ...(draftId !== undefined ? { draftId } : {}),
    ...(fill ? { fill } : {}),
    ...(focus !== undefined ? { focus } : {})
  };
}

/**
 * The case in a state the page saved (the host's serializer after a window reload). Any case number the API gave is
 * accepted (it is only ever URL-encoded and escaped); a missing account is allowed for 0.1.0 tabs, a malformed one
 * is not.
 */
export function parsePanelState(raw: unknown): CasePanelState | undefined {
  const s = asFields(raw);
  const account = s && own(s, 'account');
  const caseNumber = s && own(s, 'caseNumber');
  if (!isText(caseNumber, MAX_CASE_NUMBER, false) || caseNumber.trim() === '' || (account !== undefined && !isText(account, MAX_ACCOUNT, false))) {
    return undefined;
  }
  return account !== undefined ? { account, caseNumber } : { caseNumber };
}

/** Everything the page saved (the page itself, after a reload): a malformed scroll position or draft is dropped. */
export function parsePageState(raw: unknown): CasePageState | undefined {
  const panel = parsePanelState(raw);
  const s = asFields(raw);
  if (!panel || !s) {
    return undefined;
  }
  const scrollY = own(s, 'scrollY');
  const draft = parseDraft(own(s, 'draft'));
  return {
    ...panel,
    ...(typeof scrollY === 'number' && Number.isFinite(scrollY) && scrollY >= 0 ? { scrollY } : {}),
    ...(draft ? { draft } : {})
  };
}

/** The page's words from the JSON the host wrote into it; a missing or malformed one reads as ''. */
export function parseStrings(raw: unknown): CasePageStrings {
  return parseWords(raw, STRING_KEYS);
}

function tabOf(m: Fields): { account: string; caseNumber: string } | undefined {
  const account = own(m, 'account');
  const caseNumber = own(m, 'caseNumber');
  return isText(account, MAX_ACCOUNT) && isText(caseNumber, MAX_CASE_NUMBER, false) ? { account, caseNumber } : undefined;
}

function parseProblem(raw: unknown): FormProblem | undefined {
  const p = asFields(raw);
  const field = p && own(p, 'field');
  const message = p && own(p, 'message');
  return isOneOf(field, FORM_FIELDS) && isText(message, MAX_MESSAGE) ? { field, message } : undefined;
}

function parseFill(raw: unknown): FormFill | undefined {
  const f = asFields(raw);
  const subject = f && own(f, 'subject');
  const description = f && own(f, 'description');
  const mode = f && own(f, 'mode');
  return isText(subject, MAX_DRAFT_TEXT) && isText(description, MAX_DRAFT_TEXT) && (mode === 'ifEmpty' || mode === 'replace')
    ? { subject, description, mode }
    : undefined;
}

function parseDraft(raw: unknown): CasePageState['draft'] {
  const d = asFields(raw);
  const subject = d && own(d, 'subject');
  const description = d && own(d, 'description');
  const id = d && own(d, 'id');
  if (!isText(subject, MAX_DRAFT_TEXT) || !isText(description, MAX_DRAFT_TEXT)) {
    return undefined;
  }
  return { subject, description, ...(isText(id, MAX_ID, false) ? { id } : {}) };
}
