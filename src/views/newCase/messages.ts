// Messages between the New Support Case page and the extension, typed and validated in both directions: the page is
// untrusted input to the extension, and media/newCase.js checks what it receives the same way.

import { NewCaseField, NewCaseFields, parseFields } from '../../cases/newCaseRules';

/** A chosen file as the page sees it: never its path (the host keeps paths; the page never reads files). */
export interface FileView {
  readonly name: string;
  readonly size: number;
}

export interface ProblemView {
  /** Undefined: shown at the top of the form. */
  readonly field?: NewCaseField;
  readonly message: string;
}

/** Version and OS options of one product, as escaped `<option>` HTML. */
export interface ProductChoices {
  readonly versions: string;
  readonly os: string;
}

/** Extension → page. Every `html` is escaped by renderNewCase.ts and parsed inertly by the page. */
export type HostMessage =
  /** The host's draft (undefined: none stored); the page prefers its own saved state when it has one. */
  | { readonly type: 'init'; readonly fields: NewCaseFields | undefined; readonly files: readonly FileView[] }
  | { readonly type: 'accounts'; readonly html: string }
  | { readonly type: 'products'; readonly sac: string; readonly html: string; readonly choices: Readonly<Record<string, ProductChoices>> }
  /** Accounts or products could not be loaded: shown at that field, with a Retry. */
  | { readonly type: 'loadError'; readonly field: 'sac' | 'product'; readonly sac?: string; readonly message: string }
  | { readonly type: 'files'; readonly files: readonly FileView[] }
  /** Replaces the problems on screen: all of them, or only the attachments' (after choosing files). */
  | { readonly type: 'problems'; readonly scope: 'all' | 'files'; readonly problems: readonly ProblemView[]; readonly summary?: string }
  | { readonly type: 'sending'; readonly sending: boolean; readonly text: string };

/** Page → extension. */
export type PageMessage =
  | { readonly type: 'ready' }
  /** The fields as the page shows them after applying `init`. */
  | { readonly type: 'shown'; readonly fields: NewCaseFields }
  /** Something was typed or chosen (the draft to keep). */
  | { readonly type: 'draft'; readonly fields: NewCaseFields }
  | { readonly type: 'loadAccounts' }
  | { readonly type: 'loadProducts'; readonly sac: string }
  | { readonly type: 'pickFiles' }
  | { readonly type: 'removeFile'; readonly index: number }
  | { readonly type: 'submit'; readonly fields: NewCaseFields }
  /** Cancel pressed while the case is being created. */
  | { readonly type: 'cancel' };

/** Kept by the page with setState and handed back to the serializer after a window reload. */
export interface NewCasePanelState {
  readonly account?: string;
  readonly fields?: NewCaseFields;
}

const SIMPLE: ReadonlySet<string> = new Set(['ready', 'loadAccounts', 'pickFiles', 'cancel']);

export function parsePageMessage(raw: unknown): PageMessage | undefined {
  if (typeof raw !== 'object' || raw === null) {
    return undefined;
  }
  const m = raw as { type?: unknown; fields?: unknown; sac?: unknown; index?: unknown };
  if (typeof m.type !== 'string') {
    return undefined;
  }
  if (SIMPLE.has(m.type)) {
    return { type: m.type } as PageMessage;
  }
  switch (m.type) {
    case 'shown':
    case 'draft':
    case 'submit': {
      const fields = parseFields(m.fields);
      return fields ? { type: m.type, fields } : undefined;
    }
    case 'loadProducts':
      return typeof m.sac === 'string' && m.sac !== '' && m.sac.length <= 100 ? { type: 'loadProducts', sac: m.sac } : undefined;
    case 'removeFile':
      return typeof m.index === 'number' && Number.isSafeInteger(m.index) && m.index >= 0 ? { type: 'removeFile', index: m.index } : undefined;
    default:
      return undefined;
  }
}

export function parsePanelState(raw: unknown): NewCasePanelState {
  if (typeof raw !== 'object' || raw === null) {
    return {};
  }
  const { account, fields } = raw as { account?: unknown; fields?: unknown };
  return {
    ...(typeof account === 'string' && account !== '' && account.length <= 100 ? { account } : {}),
    ...(parseFields(fields) ? { fields: parseFields(fields) } : {})
  };
}
