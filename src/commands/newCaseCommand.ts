// New Case: opens the New Support Case form for the signed-in account (or offers to sign in first).

import * as vscode from 'vscode';
import { CREATE_CASE_COMMAND } from '../util/ids';
import { guarded, UserMessages } from '../util/userMessages';
import type { LazyNewCaseForm } from '../views/newCase/lazyNewCase';
import type { AccountEntry } from '../cases/accountModels';
import { pickAccount } from './accountPick';

export interface NewCaseCommandDeps {
  readonly form: LazyNewCaseForm;
  readonly messages: UserMessages;
  /** The signed-in accounts: with several, the person picks the one the case is created for. */
  readonly accounts: () => readonly AccountEntry[];
  readonly signIn: () => Promise<unknown>;
}

export function registerNewCaseCommand(deps: NewCaseCommandDeps): vscode.Disposable {
  return vscode.commands.registerCommand(
    CREATE_CASE_COMMAND,
    guarded(deps.messages, vscode.l10n.t('Opening the New Support Case form'), async () => {
      const accounts = deps.accounts();
      if (accounts.length === 0) {
        const signIn = vscode.l10n.t('Sign in');
        if ((await deps.messages.error(vscode.l10n.t('Axway Support: Sign in to create a case.'), signIn)) === signIn) {
          await deps.signIn();
        }
        return;
      }
      const account = await pickAccount(accounts, vscode.l10n.t('New Support Case'));
      if (account !== undefined) {
        await deps.form.open(account.id);
      }
    })
  );
}
