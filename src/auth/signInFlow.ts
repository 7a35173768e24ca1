// "Sign in with service account": asks for the client id and secret, verifies the pair with a real token
// request BEFORE storing anything, and lets the user retry without retyping the id.

import * as vscode from 'vscode';
import { Credentials, credentialSecret, Logger } from '../api/types';
import { isApiError } from '../api/errors';
import { Commands } from '../util/ids';
import { Telemetry } from '../telemetry/telemetry';
import { telemetryErrorProps } from '../telemetry/sanitize';
import { UserMessages } from '../util/userMessages';
import type { AccountStore } from './accountStore';

export interface SignInDeps {
  readonly store: Pick<AccountStore, 'store'>;
  readonly verify: (candidate: Credentials) => Promise<void>;
  readonly logger: Logger;
  readonly telemetry: Telemetry;
  readonly messages: UserMessages;
}

export type SignInResult = 'signedIn' | 'cancelled' | 'failed';

export class SignInFlow {
  /** Pre-fills the next prompt (after a failure, or after the server rejected the stored pair). Memory only. */
  private lastClientId = '';
  /** The secret being verified: known to the logger so it can never be written, even before it is stored. */
  private candidateSecret: string | undefined;

  constructor(private readonly deps: SignInDeps) {}

  get pendingSecret(): string | undefined {
    return this.candidateSecret;
  }

  rememberClientId(clientId: string): void {
    this.lastClientId = clientId;
  }

  async run(): Promise<SignInResult> {
    for (;;) {
      const clientId = await vscode.window.showInputBox({
        title: 'Axway Support: Sign in with service account (1/2)',
        prompt: 'Client ID',
        placeHolder: 'Client ID of an Amplify Platform service account',
        value: this.lastClientId,
        ignoreFocusOut: true,
        validateInput: (v) => (v.trim() ? undefined : 'Enter the client ID of the service account.')
      });
      if (clientId === undefined) {
        return 'cancelled';
      }
      this.lastClientId = clientId.trim();
      const clientSecret = await vscode.window.showInputBox({
        title: 'Axway Support: Sign in with service account (2/2)',
        prompt: 'Client secret',
        placeHolder: 'Client secret of the service account',
        password: true,
        ignoreFocusOut: true,
        validateInput: (v) => (v.trim() ? undefined : 'Enter the client secret of the service account.')
      });
      if (clientSecret === undefined) {
        return 'cancelled';
      }
      const result = await this.verifyAndStore({ clientId: this.lastClientId, clientSecret: clientSecret.trim() });
      if (result !== 'retry') {
        return result;
      }
    }
  }

  /**
   * Verifies a candidate pair with a token request and stores it only if that succeeds. No prompts or toasts,
   * so the integration tests can call it directly.
   */
  async attempt(candidate: Credentials): Promise<{ readonly ok: true } | { readonly ok: false; readonly error: unknown }> {
    this.candidateSecret = credentialSecret(candidate);
    try {
      await this.deps.verify(candidate);
    } catch (error) {
      this.deps.logger.warn(`Sign-in failed: ${isApiError(error) ? error.kind : 'unexpected'}`);
      this.deps.telemetry.sendError('signIn', { result: 'failure', ...telemetryErrorProps(error) });
      return { ok: false, error };
    } finally {
      this.candidateSecret = undefined;
    }
    try {
      await this.deps.store.store(candidate);
    } catch (error) {
      // Verified, but the OS keyring refused to keep it: nothing is stored, say so.
      this.deps.logger.warn('Sign-in verified the service account but could not store it.');
      return { ok: false, error };
    }
    this.deps.telemetry.sendEvent('signIn', { result: 'success' });
    this.deps.logger.info('Signed in with a service account.');
    return { ok: true };
  }

  private async verifyAndStore(candidate: Credentials): Promise<SignInResult | 'retry'> {
    const result = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: 'Axway Support: Verifying the service account…' },
      () => this.attempt(candidate)
    );
    if (result.ok) {
      void this.deps.messages.info('Axway Support: Signed in. Loading your recent cases.');
      return 'signedIn';
    }
    const err = result.error;
    const message = err instanceof Error && err.message ? err.message : 'The sign-in failed for an unexpected reason.';
    const tid = isApiError(err) && err.troubleshootingId ? ` (Troubleshooting ID: ${err.troubleshootingId})` : '';
    const choice = await this.deps.messages.error(`Axway Support: Sign-in failed. ${message}${tid} Nothing was stored.`, 'Try Again', 'Show Log');
    if (choice === 'Try Again') {
      return 'retry';
    }
    if (choice === 'Show Log') {
      vscode.commands.executeCommand(Commands.showLog).then(undefined, () => undefined);
    }
    return 'failed';
  }
}
