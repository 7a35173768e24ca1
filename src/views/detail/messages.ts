// Messages between the case webview and the extension. The webview is untrusted input too: validate what it sends.

/** Sent by media/case.js. */
export type WebviewMessage = { readonly type: 'refresh' } | { readonly type: 'openPortal' } | { readonly type: 'signIn' };

/** Kept by the webview with setState, and handed back to the serializer after a reload. */
export interface CasePanelState {
  readonly caseNumber: string;
}

const TYPES = new Set(['refresh', 'openPortal', 'signIn']);

export function parseWebviewMessage(raw: unknown): WebviewMessage | undefined {
  if (typeof raw === 'object' && raw !== null) {
    const type = (raw as { type?: unknown }).type;
    if (typeof type === 'string' && TYPES.has(type)) {
      return { type } as WebviewMessage;
    }
  }
  return undefined;
}

export function parsePanelState(raw: unknown): CasePanelState | undefined {
  if (typeof raw === 'object' && raw !== null) {
    const caseNumber = (raw as { caseNumber?: unknown }).caseNumber;
    if (typeof caseNumber === 'string' && isCaseNumber(caseNumber)) {
      return { caseNumber };
    }
  }
  return undefined;
}

/** Case numbers are short digit strings ("01314580"); allow letters and dashes in case that changes, nothing else. */
export function isCaseNumber(value: string): boolean {
  return /^[A-Za-z0-9-]{1,32}$/.test(value);
}
