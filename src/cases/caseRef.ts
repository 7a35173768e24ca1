// A case is identified by the account that can see it and its number: the same number under another service
// account is another case (different organisation, different rights). Tree rows, tab state and command arguments
// all carry this pair, so nothing of one account is ever opened, shown or sent under another.

export interface CaseRef {
  /** The account's id (see accountIdOf in auth/): stable, not secret, no client ID in clear. */
  readonly account: string;
  /** As the API sent it; may be anything, it is only ever used URL-encoded. */
  readonly caseNumber: string;
}

/** Case numbers typed by a person: short digit strings ("01314580"); letters and dashes allowed, nothing else. */
export function isTypedCaseNumber(value: string): boolean {
  return /^[A-Za-z0-9-]{1,32}$/.test(value);
}

/** Reads a CaseRef from untrusted input (webview state, command arguments). */
export function parseCaseRef(raw: unknown): CaseRef | undefined {
  if (typeof raw !== 'object' || raw === null) {
    return undefined;
  }
  const { account, caseNumber } = raw as { account?: unknown; caseNumber?: unknown };
  if (typeof account !== 'string' || account === '' || account.length > 100) {
    return undefined;
  }
  if (typeof caseNumber !== 'string' || caseNumber.trim() === '' || caseNumber.length > 200) {
    return undefined;
  }
  return { account, caseNumber };
}

export function sameCase(a: CaseRef, b: CaseRef): boolean {
  return a.account === b.account && a.caseNumber === b.caseNumber;
}

/** A key for maps of open tabs or rows. */
export function caseKey(ref: CaseRef): string {
  return `${ref.account}/${ref.caseNumber}`;
}
