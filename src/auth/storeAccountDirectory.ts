// The AccountDirectory (accountDirectory.ts) over the account store: what the `axway-support` AuthenticationProvider
// hands to VS Code's Accounts menu. It gives out access tokens of the Support API, never a secret or private key.

import * as vscode from 'vscode';
import type { AccountStore, StoredAccount } from './accountStore';
import type { SignInFlow } from './signInFlow';
import type { LazyNetwork } from '../network/lazyNetwork';
import type { AccountDirectory, AccountSummary } from './accountDirectory';

export interface AccountsDirectoryDeps {
  readonly store: AccountStore;
  readonly network: Pick<LazyNetwork, 'accessToken'>;
  readonly flow: Pick<SignInFlow, 'run'>;
  /** Signs one account out everywhere: secret, token, cached lists, seen state and tabs (the Sign out command's work). */
  readonly signOut: (accountId: string) => Promise<void>;
}

export class AccountsDirectory implements AccountDirectory, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeAccounts = this.changed.event;
  private readonly subscription: { dispose(): void };

  constructor(private readonly deps: AccountsDirectoryDeps) {
    this.subscription = deps.store.onDidChange(() => this.changed.fire());
  }

  async accounts(): Promise<readonly AccountSummary[]> {
    return (await this.deps.store.list()).map(summaryOf);
  }

  accessToken(accountId: string): Promise<string> {
    return this.deps.network.accessToken(accountId);
  }

  async signIn(): Promise<AccountSummary | undefined> {
    const before = new Set((await this.deps.store.list()).map((a) => a.id));
    let stored: string | undefined;
    // The account the sign-in stored (a new one, or the same client ID again).
    const sub = this.deps.store.onDidChange((change) => {
      stored = change.stored ?? stored;
    });
    try {
      if ((await this.deps.flow.run()) !== 'signedIn') {
        return undefined;
      }
    } finally {
      sub.dispose();
    }
    const accounts = await this.deps.store.list();
    const account = accounts.find((a) => a.id === stored) ?? accounts.find((a) => !before.has(a.id));
    return account ? summaryOf(account) : undefined;
  }

  signOut(accountId: string): Promise<void> {
    return this.deps.signOut(accountId);
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}

export function summaryOf(account: StoredAccount): AccountSummary {
  return { id: account.id, label: account.label, clientId: account.clientId, kind: account.kind };
}
