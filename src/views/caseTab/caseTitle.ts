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

/**
 * Tabs restored before their page saved any state still carry the case number in their title ("Case <number>[: …]"),
 * in the display language of the window that saved it: this one's word, or English.
 */
export function stateFromTitle(title: string): CasePanelState | undefined {
  const marker = '\u0000';
  const prefixes = new Set(['Case ', l10n.t('Case {0}', marker).split(marker)[0]]);
  for (const prefix of prefixes) {
    const caseNumber = title.startsWith(prefix) ? /^([A-Za-z0-9-]+)(?:\s?:|$)/.exec(title.slice(prefix.length))?.[1] : undefined;
    if (caseNumber !== undefined && isTypedCaseNumber(caseNumber)) {
      return { caseNumber };
    }
  }
  return undefined;
}

/** A case number typed by a person or passed to the Open Case command. */
export function asCaseNumber(value: unknown): string | undefined {
  if (typeof value !== 'string') {
    return undefined;
  }
  const trimmed = plainText(value);
  return isTypedCaseNumber(trimmed) ? trimmed : undefined;
}
