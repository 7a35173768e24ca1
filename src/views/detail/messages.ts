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

export type PanelMessage = StateMessage;

/** Page → extension. */
export type WebviewMessage =
  /** The page script runs and listens: (re)send the current state (also after the tab was hidden and shown). */
  | { readonly type: 'ready' }
  /** The page put the state with this `seq` on screen. */
  | { readonly type: 'rendered'; readonly seq: number }
  | { readonly type: 'refresh' }
  | { readonly type: 'openPortal' }
  | { readonly type: 'signIn' };

/** Kept by the page with setState and handed back to the serializer after a window reload. */
export interface CasePanelState {
  /** Absent in tabs saved by 0.1.0: such a tab is adopted by the account signed in when it is restored. */
  readonly account?: string;
  readonly caseNumber: string;
}

const SIMPLE_TYPES: ReadonlySet<string> = new Set(['ready', 'refresh', 'openPortal', 'signIn']);
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
  return SIMPLE_TYPES.has(type) ? ({ type } as WebviewMessage) : undefined;
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
