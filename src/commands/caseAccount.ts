// Which account a bare case number belongs to: one typed by a person, or passed as a plain string by another caller.
// Every service account may have a case with that number (other organisations, other rights), so with several
// accounts the first one is never assumed: the account whose loaded cases list the number is used, and when none
// or several do, the person picks (each choice says whether and how the case is listed there).

import * as vscode from 'vscode';
import type { CaseSummary } from '../api/types';
import type { AccountEntry } from '../cases/accountModels';
import { plainItem, plainText } from '../util/text';

/** The loaded case with this number in the account's list (any page loaded so far), if any. */
export function loadedCaseOf(entry: AccountEntry, caseNumber: string): CaseSummary | undefined {
  const state = entry.model.state;
  return state.kind === 'loaded' ? state.cases.find((c) => c.caseNumber === caseNumber) : undefined;
}

interface AccountItem extends vscode.QuickPickItem {
  readonly entry: AccountEntry;
}

/**
 * The account `caseNumber` belongs to: the only one; the one whose loaded cases list it; otherwise the one the person
 * picks. Undefined when signed out or the pick is dismissed.
 */
export async function accountOfCaseNumber(entries: readonly AccountEntry[], caseNumber: string, title: string): Promise<AccountEntry | undefined> {
  if (entries.length <= 1) {
    return entries[0];
  }
  const listed = entries.map((entry) => ({ entry, summary: loadedCaseOf(entry, caseNumber) }));
  const listing = listed.filter((l) => l.summary !== undefined);
  if (listing.length === 1) {
    return listing[0].entry;
  }
  // Accounts that list the case come first, each with the case as its tree row reads (number · subject) and its status,
  // so two same-numbered cases can be told apart.
  const items: AccountItem[] = [...listing, ...listed.filter((l) => l.summary === undefined)].map(({ entry, summary }) => plainItem({
    label: entry.label,
    description: entry.clientId,
    detail: summary ? `${caseNumber} · ${plainText(summary.subject, 120)} · ${plainText(summary.status, 40)}` : vscode.l10n.t("{0} is not among this account's loaded cases", caseNumber),
    entry
  }));
  const placeHolder = listing.length === 0
    ? vscode.l10n.t('Case {0} is not among the loaded cases of any account. Which service account can see it?', caseNumber)
    : vscode.l10n.t('Case {0} is listed under {1} accounts. Which one?', caseNumber, listing.length);
  const chosen = await vscode.window.showQuickPick(items, { title: vscode.l10n.t('Axway Support: {0}', title), placeHolder, matchOnDescription: true, matchOnDetail: true, ignoreFocusOut: true });
  return chosen?.entry;
}
