// Keeps the UI in step with the stored credentials: the cases model, the open case tabs and the context keys that
// drive the welcome view and the menus. Also reacts when the server rejects the stored pair.

import * as vscode from 'vscode';
import { ApiError } from '../api/errors';
import { Credentials, Logger } from '../api/types';
import { Commands, CONTEXT_READY, CONTEXT_SIGNED_IN } from '../util/ids';
import { CasesModel } from '../cases/casesModel';
import { CasePanelManager } from '../views/detail/casePanel';
import { accountIdOf, CredentialStore } from '../auth/credentialStore';
import { SignInFlow } from '../auth/signInFlow';

export interface SessionDeps {
  readonly store: CredentialStore;
  readonly flow: SignInFlow;
  readonly model: CasesModel;
  readonly panels: CasePanelManager;
  readonly logger: Logger;
  readonly onDidRejectCredentials: vscode.Event<ApiError>;
}

export class Session implements vscode.Disposable {
  private readonly subscriptions: vscode.Disposable[];
  /** Resolves once the stored credentials were read and the view state matches them. */
  readonly ready: Promise<void>;

  constructor(private readonly deps: SessionDeps) {
    this.subscriptions = [
      deps.store.onDidChange((credentials) => void this.apply(credentials)),
      deps.onDidRejectCredentials((error) => void this.rejected(error))
    ];
    // Reading SecretStorage is local and cheap; nobody awaits it during activation.
    this.ready = deps.store.get().then(
      (credentials) => this.apply(credentials),
      (err: unknown) => {
        deps.logger.error(`Reading the stored credentials failed: ${err instanceof Error ? err.message : String(err)}`);
        return this.apply(undefined);
      }
    );
  }

  dispose(): void {
    this.subscriptions.forEach((d) => d.dispose());
  }

  private async apply(credentials: Credentials | undefined): Promise<void> {
    const signedIn = credentials !== undefined;
    this.deps.model.setAccount(credentials ? accountIdOf(credentials.clientId) : undefined);
    if (!signedIn) {
      // Another account's case data must not stay on screen.
      this.deps.panels.dispose();
    }
    await vscode.commands.executeCommand('setContext', CONTEXT_SIGNED_IN, signedIn);
    await vscode.commands.executeCommand('setContext', CONTEXT_READY, true);
  }

  /** The token endpoint said the stored pair is invalid (e.g. a rotated secret): retrying it would only fail again. */
  private async rejected(error: ApiError): Promise<void> {
    const { store, flow, logger } = this.deps;
    const rejected = await store.get();
    if (!rejected) {
      return;
    }
    flow.rememberClientId(rejected.clientId);
    await store.clear();
    logger.warn('The token endpoint rejected the stored service account credentials; they were removed.');
    const choice = await vscode.window.showErrorMessage(
      `Axway Support: The service account credentials were rejected. ${error.message} Sign in again to continue.`,
      'Sign in'
    );
    if (choice === 'Sign in') {
      await vscode.commands.executeCommand(Commands.signIn);
    }
  }
}
