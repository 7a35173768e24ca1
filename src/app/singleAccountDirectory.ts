// The AccountDirectory for today's single stored service account, over the credential store, the lazy network, the
// sign-in flow and the sign-out steps of the Sign out command. The multi-account store replaces it; the Accounts-menu
// provider does not change.

import * as vscode from 'vscode';
import type { Credentials, Logger } from '../api/types';
import { accountIdOf, CredentialStore } from '../auth/credentialStore';
import { SignInFlow } from '../auth/signInFlow';
import { AccountDirectory, AccountSummary } from './accountDirectory';

export interface SingleAccountDirectoryDeps {
  readonly store: CredentialStore;
  readonly flow: SignInFlow;
  /** The network's token for the stored account, and forgetting it at sign-out. */
  readonly network: { accessToken(): Promise<string>; clearToken(): void };
  /** Forgets an account's cached lists and seen state. */
  readonly forgetAccount: (account: string) => Promise<void>;
  readonly logger: Logger;
}

export class SingleAccountDirectory implements AccountDirectory, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeAccounts = this.changed.event;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly deps: SingleAccountDirectoryDeps) {
    // The store reports sign-ins and sign-outs of this window and of every other one.
    this.subscription = deps.store.onDidChange(() => this.changed.fire());
  }

  async accounts(): Promise<readonly AccountSummary[]> {
    const credentials = await this.deps.store.get();
    return credentials ? [summaryOf(credentials)] : [];
  }

  async accessToken(accountId: string): Promise<string> {
    await this.current(accountId);
    return this.deps.network.accessToken();
  }

  async signIn(): Promise<AccountSummary | undefined> {
    const result = await this.deps.flow.run();
    if (result !== 'signedIn') {
      return undefined;
    }
    const credentials = await this.deps.store.get();
    return credentials ? summaryOf(credentials) : undefined;
  }

  async signOut(accountId: string): Promise<void> {
    const credentials = await this.deps.store.get();
    if (!credentials || accountIdOf(credentials.clientId) !== accountId) {
      // Already gone (another window signed it out): nothing left to remove.
      return;
    }
    // The same steps as the Sign out command: the next sign-in offers the client ID again.
    this.deps.flow.rememberClientId(credentials.clientId);
    await this.deps.store.clear();
    this.deps.network.clearToken();
    await this.deps.forgetAccount(accountId);
    this.deps.logger.info('Signed out from the Accounts menu.');
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }

  private async current(accountId: string): Promise<Credentials> {
    const credentials = await this.deps.store.get();
    if (!credentials || accountIdOf(credentials.clientId) !== accountId) {
      throw new Error('Axway Support: This service account is no longer signed in. Sign in again from the Accounts menu or the Axway Support view.');
    }
    return credentials;
  }
}

function summaryOf(credentials: Credentials): AccountSummary {
  return {
    id: accountIdOf(credentials.clientId),
    // The organisation's account names come with the multi-account store; until then the client ID names it.
    label: credentials.clientId,
    clientId: credentials.clientId,
    kind: credentials.kind ?? 'secret'
  };
}
