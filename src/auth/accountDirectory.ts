// The signed-in service accounts as the VS Code Accounts menu (the `axway-support` AuthenticationProvider) sees them.
// The provider depends only on this interface; the account store behind it holds the secrets and never hands them out:
// a session carries a Support API access token, never a client secret or private key.

import type * as vscode from 'vscode';

export interface AccountSummary {
  /** accountIdOf(clientId): stable, not secret. */
  readonly id: string;
  /** What the user sees: the organisation's account names, else the client ID; renameable. */
  readonly label: string;
  readonly clientId: string;
  readonly kind: 'secret' | 'certificate';
}

export interface AccountDirectory {
  /** The signed-in accounts, in the order they were added. */
  accounts(): Promise<readonly AccountSummary[]>;
  /** Fires after an account was added, removed or renamed, here or in another window. */
  readonly onDidChangeAccounts: vscode.Event<void>;
  /** A valid Support API access token for the account (cached, renewed before expiry). */
  accessToken(accountId: string): Promise<string>;
  /** Runs the interactive sign-in; the added (or re-entered) account, or undefined when cancelled. */
  signIn(): Promise<AccountSummary | undefined>;
  /** Removes the account: its secret, token, cached lists, seen state and tabs. */
  signOut(accountId: string): Promise<void>;
}
