// A case tab's title: the case number and subject as plain text (no control characters, bounded), and the case
// number read back from it when a tab is restored before its page saved any state.

import type { CaseDetail } from '../../api/types';
import { isTypedCaseNumber } from '../../cases/caseRef';
import { plainText } from '../../util/text';
import type { CasePanelState } from '../../webviews/case/protocol';

export function panelTitle(caseNumber: string, detail?: CaseDetail): string {
  const number = plainText(caseNumber, 40);
  const subject = plainText(detail?.subject, 40);
  return subject ? `Case ${number}: ${subject}` : `Case ${number}`;
}

/** Tabs restored before their page saved any state still carry the case number in their title. */
export function stateFromTitle(title: string): CasePanelState | undefined {
  const caseNumber = /^Case ([A-Za-z0-9-]+)(?::|$)/.exec(title)?.[1];
  return caseNumber ? { caseNumber } : undefined;
}

/** A case number typed by a person or passed to the Open Case command. */
export function asCaseNumber(value: unknown): string | undefined {
  if (typeof value !== 'string') {
    return undefined;
  }
  const trimmed = plainText(value);
  return isTypedCaseNumber(trimmed) ? trimmed : undefined;
}
