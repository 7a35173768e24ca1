// A case tab's title: the case number and subject as plain text (no control characters, bounded), and the case
// number read back from it when a tab is restored before its page saved any state. The title is in the display
// language (@vscode/l10n: "Case", "Demande", "Fall"), so reading it back does not depend on the word.

import * as l10n from '@vscode/l10n';
import type { CaseDetail } from '../../api/types';
import { isTypedCaseNumber } from '../../cases/caseRef';
import { plainText } from '../../util/text';
import type { CasePanelState } from '../../webviews/case/protocol';

export function panelTitle(caseNumber: string, detail?: CaseDetail): string {
  const number = plainText(caseNumber, 40);
  const subject = plainText(detail?.subject, 40);
  return subject ? l10n.t('Case {0}: {1}', number, subject) : l10n.t('Case {0}', number);
}

/** Tabs restored before their page saved any state still carry the case number in their title ("<word> <number>[: …]"). */
export function stateFromTitle(title: string): CasePanelState | undefined {
  const caseNumber = /^[^\s:]+\s([A-Za-z0-9-]+)(?:\s?:|$)/.exec(title)?.[1];
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
