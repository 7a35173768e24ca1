// Messages between the case webview and the extension, typed and validated in both directions: the page is
// untrusted input to the extension, and the page checks what it receives the same way (media/case.js mirrors
// parseStateMessage, so a malformed or foreign message changes nothing on screen).

/** The three things a case tab can show. */
export type ContentKind = 'loading' | 'loaded' | 'error';

const CONTENT_KINDS: ReadonlySet<string> = new Set<ContentKind>(['loading', 'loaded', 'error']);

/**
 * Extension → page: what to show now. `html` is a fragment rendered by renderCaseContent, where every API string
 * is already escaped; the page parses it inertly (DOMParser) and swaps it into its content region, so the HTML of
 * the tab is set only once and the page keeps focus, scroll position and anything typed in its static region.
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

/**
 * Extension → page: the note form's state. `filesHtml` and `statusHtml` are fragments rendered by renderNoteFiles /
 * renderNoteStatus (escaped), swapped into their regions like the case content. `fill` puts text into the fields
 * ('ifEmpty' leaves typed text alone; 'replace' after a note was added); `focus` moves keyboard focus once.
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
  readonly statusKind: 'none' | 'info' | 'success' | 'error';
  readonly problems: readonly { readonly field: 'subject' | 'description' | 'files'; readonly message: string }[];
  /** The stored draft's id (absent: no draft). Text the page kept under another id belongs to a note already sent. */
  readonly draftId?: string;
  readonly fill?: { readonly subject: string; readonly description: string; readonly mode: 'ifEmpty' | 'replace' };
  readonly focus?: FormFocus;
}

export type PanelMessage = StateMessage | FormMessage;

/** Page → extension. */
export type WebviewMessage =
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

/** Kept by the page with setState and handed back to the serializer after a window reload. */
export interface CasePanelState {
  /** Absent in tabs saved by 0.1.0: such a tab is adopted by the account signed in when it is restored. */
  readonly account?: string;
  readonly caseNumber: string;
}

const SIMPLE_TYPES: ReadonlySet<string> = new Set(['ready', 'refresh', 'openPortal', 'signIn', 'pickFiles', 'closeCase', 'cancelNote']);
/** Longer text than the API accepts is still taken (the form says what is too long), but nothing unbounded. */
const MAX_DRAFT_TEXT = 100_000;
const MAX_KEY = 4096;
/** The same bounds as parseCaseRef: API-provided numbers may be odd, but never huge. */
const MAX_CASE_NUMBER = 200;
const MAX_ACCOUNT = 100;

export function parseWebviewMessage(raw: unknown): WebviewMessage | undefined {
  if (typeof raw !== 'object' || raw === null) {
    return undefined;
  }
  const { type, seq } = raw as { type?: unknown; seq?: unknown };
  if (typeof type !== 'string') {
    return undefined;
  }
  if (type === 'rendered') {
    return typeof seq === 'number' && Number.isSafeInteger(seq) && seq >= 0 ? { type, seq } : undefined;
  }
  const m = raw as Record<string, unknown>;
  if (type === 'noteDraft' || type === 'addNote') {
    const { subject, description } = m;
    return boundedString(subject, MAX_DRAFT_TEXT, true) && boundedString(description, MAX_DRAFT_TEXT, true) ? { type, subject, description } : undefined;
  }
  if (type === 'formFocused') {
    const { field } = m;
    return field === 'subject' || field === 'description' || field === 'files' || field === 'send' ? { type, field } : undefined;
  }
  if (type === 'removeFile') {
    return boundedString(m.key, MAX_KEY, false) ? { type, key: m.key } : undefined;
  }
  if (type === 'download') {
    const { id } = m;
    return boundedString(id, MAX_KEY, false) ? { type, id } : undefined;
  }
  return SIMPLE_TYPES.has(type) ? ({ type } as WebviewMessage) : undefined;
}

function boundedString(value: unknown, max: number, emptyOk: boolean): value is string {
  return typeof value === 'string' && value.length <= max && (emptyOk || value !== '');
}

/** What the page accepts (media/case.js applies the same rules); exported so the rules are unit-tested. */
export function parseStateMessage(raw: unknown): StateMessage | undefined {
  if (typeof raw !== 'object' || raw === null) {
    return undefined;
  }
  const m = raw as Partial<Record<keyof StateMessage, unknown>>;
  if (
    m.type !== 'state' ||
    typeof m.seq !== 'number' ||
    !Number.isSafeInteger(m.seq) ||
    typeof m.account !== 'string' ||
    typeof m.caseNumber !== 'string' ||
    typeof m.kind !== 'string' ||
    !CONTENT_KINDS.has(m.kind) ||
    typeof m.refreshing !== 'boolean' ||
    typeof m.html !== 'string'
  ) {
    return undefined;
  }
  return { type: 'state', seq: m.seq, account: m.account, caseNumber: m.caseNumber, kind: m.kind as ContentKind, refreshing: m.refreshing, html: m.html };
}

/**
 * Reads the state a restored tab saved. Any case number the API gave is accepted (it is only ever URL-encoded and
 * escaped); a missing account is allowed for 0.1.0 tabs, a malformed one is not.
 */
export function parsePanelState(raw: unknown): CasePanelState | undefined {
  if (typeof raw !== 'object' || raw === null) {
    return undefined;
  }
  const { account, caseNumber } = raw as { account?: unknown; caseNumber?: unknown };
  if (typeof caseNumber !== 'string' || caseNumber.trim() === '' || caseNumber.length > MAX_CASE_NUMBER) {
    return undefined;
  }
  if (account === undefined) {
    return { caseNumber };
  }
  if (typeof account !== 'string' || account === '' || account.length > MAX_ACCOUNT) {
    return undefined;
  }
  return { account, caseNumber };
}
