// Keeps what is on screen in step with the stored credentials: the cases model, the open case tabs and the context
// keys behind the welcome view and the menus. Every sign-in (even with the pair already stored) reloads what is
// shown; another account closes what belonged to the old one; a refused pair is removed once, with one message.

import * as vscode from 'vscode';
import { ApiError } from '../api/errors';
import { Credentials, Logger } from '../api/types';
import { accountIdOf, CredentialStore } from '../auth/credentialStore';
import { SignInFlow } from '../auth/signInFlow';
import { CasesModel } from '../cases/casesModel';
import { guarded, UserMessages } from '../util/userMessages';
import { Commands, CONTEXT_READY, CONTEXT_SIGNED_IN } from '../util/ids';

/** What this class needs of the open case tabs. */
export interface CaseTabs {
  /** Reloads every open tab. */
  reloadAll(): void;
  /** Closes the tabs of every other account (undefined: all of them). */
  closeExcept(account: string | undefined): void;
  /** Cancels every tab's request and shows its sign-in page instead of the case. */
  requireSignIn(): void;
}

export interface SignInStateSyncDeps {
  readonly store: CredentialStore;
  readonly flow: SignInFlow;
  readonly model: CasesModel;
  readonly tabs: CaseTabs;
  readonly logger: Logger;
  readonly messages: UserMessages;
  readonly onDidRejectCredentials: vscode.Event<ApiError>;
}

export class SignInStateSync implements vscode.Disposable {
  private readonly subscriptions: vscode.Disposable[];
  /** Resolves once the stored credentials were read and what is shown matches them; never rejects. */
  readonly ready: Promise<void>;
  /** False until the first read is applied: restored tabs load by themselves, they need no reload. */
  private started = false;
  /** Set while the refused pair is being removed: the tabs then wait on their sign-in page instead of closing. */
  private refusing = false;

  constructor(private readonly deps: SignInStateSyncDeps) {
    this.subscriptions = [
      deps.store.onDidChange(guarded(deps.messages, 'Updating the view after a sign-in change', (credentials: Credentials | undefined) => this.apply(credentials))),
      deps.onDidRejectCredentials(guarded(deps.messages, 'Removing the refused credentials', (error: ApiError) => this.rejected(error)))
    ];
    // Reading SecretStorage is local and cheap; nobody awaits it during activation.
    this.ready = deps.store.get().then(
      (credentials) => this.apply(credentials),
      (err: unknown) => {
        deps.messages.report('Reading the stored service account', err);
        return this.apply(undefined);
      }
    ).catch((err: unknown) => deps.messages.report('Starting Axway Support', err));
  }

  dispose(): void {
    for (const d of this.subscriptions) {
      d.dispose();
    }
  }

  private async apply(credentials: Credentials | undefined): Promise<void> {
    const { model, tabs } = this.deps;
    const previous = model.account;
    const account = credentials ? accountIdOf(credentials.clientId) : undefined;
    const startup = !this.started;
    this.started = true;
    // Always a fresh start: a sign-in with the same pair must recover from the error it fixed.
    model.setAccount(account);
    if (account === undefined && this.refusing && previous !== undefined) {
      // The pair was refused, not signed out by the user: tabs keep their place and offer Sign in; no case data stays.
      tabs.requireSignIn();
    } else {
      // Another account's tabs close (all of them when signed out): nothing of account A stays under account B.
      tabs.closeExcept(account);
      if (account !== undefined && !startup) {
        tabs.reloadAll();
      }
    }
    await vscode.commands.executeCommand('setContext', CONTEXT_SIGNED_IN, account !== undefined);
    await vscode.commands.executeCommand('setContext', CONTEXT_READY, true);
  }

  /** The token endpoint refused the stored pair (e.g. a rotated secret): retrying it would only fail again. */
  private async rejected(error: ApiError): Promise<void> {
    const { store, flow, logger } = this.deps;
    const rejected = await store.get();
    if (!rejected) {
      return;
    }
    flow.rememberClientId(rejected.clientId);
    this.refusing = true;
    try {
      await store.clear();
    } finally {
      this.refusing = false;
    }
    logger.warn('The stored service account credentials were refused by the token endpoint and removed.');
    const tid = error.troubleshootingId ? ` (Troubleshooting ID: ${error.troubleshootingId})` : '';
    const choice = await this.deps.messages.error(
      `Axway Support: The service account credentials were refused and removed from this machine. ${error.message}${tid} Sign in again to continue.`,
      'Sign in'
    );
    if (choice === 'Sign in') {
      await vscode.commands.executeCommand(Commands.signIn);
    }
  }
}
