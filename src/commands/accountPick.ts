// Which account a command acts on when nothing names it: the only one, or the one the person picks.

import * as vscode from 'vscode';
import type { AccountEntry } from '../cases/accountModels';
import { plainItem } from '../util/text';

/** Undefined when signed out or dismissed. */
export async function pickAccount(entries: readonly AccountEntry[], title: string): Promise<AccountEntry | undefined> {
  if (entries.length <= 1) {
    return entries[0];
  }
  const chosen = await vscode.window.showQuickPick(
    entries.map((e) => plainItem({ label: e.label, description: e.clientId, entry: e })),
    { title: vscode.l10n.t('Axway Support: {0}', title), placeHolder: vscode.l10n.t('Which service account?'), ignoreFocusOut: true }
  );
  return chosen?.entry;
}
