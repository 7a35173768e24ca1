// New Case: opens the New Support Case form for the signed-in account (or offers to sign in first).

import * as vscode from 'vscode';
import { CREATE_CASE_COMMAND } from '../util/ids';
import { guarded, UserMessages } from '../util/userMessages';
import type { LazyNewCaseForm } from '../views/newCase/lazyNewCase';

export interface NewCaseCommandDeps {
  readonly form: LazyNewCaseForm;
  readonly messages: UserMessages;
  /** The signed-in account's id, undefined while signed out. */
  readonly account: () => string | undefined;
  readonly signIn: () => Promise<unknown>;
}

export function registerNewCaseCommand(deps: NewCaseCommandDeps): vscode.Disposable {
  return vscode.commands.registerCommand(
    CREATE_CASE_COMMAND,
    guarded(deps.messages, 'Opening the New Support Case form', async () => {
      if (deps.account() === undefined) {
        if ((await deps.messages.error('Axway Support: Sign in to create a case.', 'Sign in')) === 'Sign in') {
          await deps.signIn();
        }
        return;
      }
      await deps.form.open();
    })
  );
}
