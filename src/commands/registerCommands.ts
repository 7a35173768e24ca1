// The extension's commands. Each handler catches its own failures: a command never rejects into VS Code's
// generic "command failed" toast, it shows our message with a next step instead.

import * as vscode from 'vscode';
import { isApiError } from '../api/errors';
import { Logger } from '../api/types';
import { CredentialStore } from '../auth/credentialStore';
import { SignInFlow } from '../auth/signInFlow';
import { portalCaseUri } from '../services/config';
import { LazyNetwork } from '../services/lazyNetwork';
import { guarded, UserMessages } from '../util/userMessages';
import { CasesModel } from '../cases/casesModel';
import { CaseNode } from '../views/treeNodes';
import { asCaseNumber, CasePanelManager } from '../views/detail/casePanel';
import { Commands } from '../util/ids';

export interface CommandDeps {
  readonly store: CredentialStore;
  readonly signIn: SignInFlow;
  readonly network: LazyNetwork;
  readonly messages: UserMessages;
  readonly model: CasesModel;
  readonly panels: CasePanelManager;
  readonly logger: Logger & { show(): void };
}

export function registerCommands(deps: CommandDeps): vscode.Disposable[] {
  const { store, signIn, network, model, panels, logger, messages } = deps;
  /** Every handler reports its own failure (with a next step) instead of rejecting into VS Code. */
  const register = (id: string, what: string, handler: (...args: unknown[]) => unknown): vscode.Disposable =>
    vscode.commands.registerCommand(id, guarded(messages, what, handler));
  return [
    register(Commands.signIn, 'Signing in', () => signIn.run()),
    register(Commands.signOut, 'Signing out', async () => {
      const clientId = (await store.get())?.clientId;
      if (clientId) {
        signIn.rememberClientId(clientId);
      }
      await store.clear();
      network.clearToken();
      logger.info('Signed out.');
      void messages.info('Axway Support: Signed out. The service account credentials were removed from this machine.');
    }),
    // The view shows its own progress bar while the model is busy (ViewProgress).
    register(Commands.refresh, 'Refreshing the cases', () => model.refresh()),
    register(Commands.loadMore, 'Loading more cases', () => model.loadMore()),
    register(Commands.openCase, 'Opening the case', async (arg?: unknown) => {
      const caseNumber = caseNumberOf(arg) ?? (await askCaseNumber());
      // A case tab belongs to an account: signed out, there is none to open it under.
      const account = model.account;
      if (caseNumber && account === undefined) {
        await vscode.commands.executeCommand(Commands.signIn);
      } else if (caseNumber && account !== undefined) {
        panels.open({ account, caseNumber });
      }
    }),
    register(Commands.openInPortal, 'Opening the support portal', async (arg?: unknown) => {
      const caseNumber = caseNumberOf(arg);
      if (caseNumber) {
        await openPortal(caseNumber);
      }
    }),
    register(Commands.copyCaseNumber, 'Copying the case number', async (arg?: unknown) => {
      const caseNumber = caseNumberOf(arg);
      if (caseNumber) {
        await vscode.env.clipboard.writeText(caseNumber);
      }
    }),
    register(Commands.showLog, 'Showing the log', () => logger.show())
  ];
}

export async function openPortal(caseNumber: string): Promise<void> {
  try {
    await vscode.env.openExternal(portalCaseUri(caseNumber));
  } catch (err) {
    const message = isApiError(err) ? err.message : 'The support portal address is not valid.';
    const choice = await vscode.window.showErrorMessage(`Axway Support: Cannot open the support portal. ${message}`, 'Open Settings');
    if (choice === 'Open Settings') {
      void vscode.commands.executeCommand('workbench.action.openSettings', 'axwaySupport.portalCaseUrl');
    }
  }
}

function caseNumberOf(arg: unknown): string | undefined {
  if (arg instanceof CaseNode) {
    return arg.summary.caseNumber;
  }
  return asCaseNumber(arg);
}

async function askCaseNumber(): Promise<string | undefined> {
  const value = await vscode.window.showInputBox({
    title: 'Axway Support: Open Case',
    prompt: 'Case number',
    placeHolder: 'e.g. 01314580',
    ignoreFocusOut: true,
    validateInput: (v) => (asCaseNumber(v) ? undefined : 'Enter a case number: letters, digits or dashes, at most 32.')
  });
  return value === undefined ? undefined : asCaseNumber(value);
}
