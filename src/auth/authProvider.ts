// The `axway-support` AuthenticationProvider: each signed-in service account appears in VS Code's Accounts menu
// (whose Sign Out removes it), and other extensions get a Support API session through
// vscode.authentication.getSession('axway-support', [], ...) after VS Code's consent prompt. A session carries an
// access token of the Support API, never a client secret or private key. It depends only on AccountDirectory:
// it is its own bundle (dist/auth.js, see lazyAuthProvider.ts), and a session's token comes from SecretStorage while
// it is valid (the network is loaded only to renew it).

import * as vscode from 'vscode';
import type { Logger } from '../util/logger';
import type { AccountDirectory, AccountSummary } from './accountDirectory';
import { AccountsDirectory, summaryOf, type AccountsDirectoryDeps } from './storeAccountDirectory';
import type { StoredAccount } from './accountStore';

/** VS Code passes these to getSessions since 1.9x (an account chosen by the caller); older hosts pass nothing. */
interface SessionOptions {
  readonly account?: { readonly id: string };
}

export class AxwaySupportAuthProvider implements vscode.AuthenticationProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<vscode.AuthenticationProviderAuthenticationSessionsChangeEvent>();
  readonly onDidChangeSessions = this.changed.event;
  /** The accounts VS Code was last told about, to diff against on every change (undefined until first read). */
  private known: Map<string, AccountSummary> | undefined;
  /** Diffs run one after another, so two quick changes never announce the same account twice. */
  private diffing: Promise<void> = Promise.resolve();
  private readonly subscription: vscode.Disposable;

  constructor(
    private readonly directory: AccountDirectory,
    private readonly logger: Logger,
    /** The accounts VS Code knows of (read at activation when this provider loads later); by default read now. */
    baseline: Promise<readonly AccountSummary[]> = directory.accounts()
  ) {
    // The baseline the first change is diffed against: reading the accounts is local (SecretStorage), no network.
    this.diffing = baseline.then(
      (all) => {
        this.known ??= new Map(all.map((a) => [a.id, a]));
      },
      () => undefined
    );
    this.subscription = directory.onDidChangeAccounts(() => this.checkAccounts());
  }

  /** Tells VS Code of accounts added or removed since it last heard (also when this provider loaded after a change). */
  checkAccounts(): void {
    this.diffing = this.diffing.then(() => this.announceChanges()).catch((err: unknown) => {
      this.logger.warn(`Updating the Accounts menu failed: ${err instanceof Error ? err.message : String(err)}`);
    });
  }

  /**
   * One session per account, each with a current access token (the directory renews it before it expires; VS Code
   * asks again each time a caller wants a session). An account whose token cannot be had right now is left out and
   * logged, unless it is the only one asked for: then its error (a sentence with a next step) reaches the caller.
   */
  async getSessions(_scopes?: readonly string[], options?: SessionOptions): Promise<vscode.AuthenticationSession[]> {
    const all = await this.directory.accounts();
    this.known ??= new Map(all.map((a) => [a.id, a]));
    const wanted = options?.account ? all.filter((a) => a.id === options.account?.id) : all;
    const results = await Promise.allSettled(wanted.map(async (account) => sessionOf(account, await this.directory.accessToken(account.id))));
    const sessions: vscode.AuthenticationSession[] = [];
    let firstError: unknown;
    results.forEach((result, index) => {
      if (result.status === 'fulfilled') {
        sessions.push(result.value);
        return;
      }
      firstError ??= result.reason;
      this.logger.warn(`No Accounts-menu session for ${wanted[index].label}: ${result.reason instanceof Error ? result.reason.message : String(result.reason)}`);
    });
    if (sessions.length === 0 && firstError !== undefined) {
      throw firstError instanceof Error ? firstError : new Error(vscode.l10n.t('Axway Support: No access token could be obtained. Show the log (Axway Support: Show Log) for the reason.'));
    }
    return sessions;
  }

  /** "Sign in" from the Accounts menu or another extension's request: runs our sign-in. */
  async createSession(_scopes: readonly string[]): Promise<vscode.AuthenticationSession> {
    const account = await this.directory.signIn();
    if (!account) {
      throw new Error(vscode.l10n.t('Axway Support: Sign-in was cancelled or did not succeed. Run "Axway Support: Sign in with service account" to try again.'));
    }
    return sessionOf(account, await this.directory.accessToken(account.id));
  }

  /** "Sign Out" in the Accounts menu: the account leaves with its secret, token, cache, seen state and tabs. */
  async removeSession(sessionId: string): Promise<void> {
    await this.directory.signOut(sessionId);
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }

  private async announceChanges(): Promise<void> {
    const previous = this.known ?? new Map<string, AccountSummary>();
    const all = await this.directory.accounts();
    const now = new Map(all.map((a) => [a.id, a]));
    this.known = now;
    // Change events carry no token: VS Code reads only their ids and accounts, and callers ask getSessions for one.
    const added = all.filter((a) => !previous.has(a.id)).map((a) => sessionOf(a, ''));
    const removed = [...previous.values()].filter((a) => !now.has(a.id)).map((a) => sessionOf(a, ''));
    // A rename changes nothing VS Code shows (the session label is the client ID): only added and removed count.
    if (added.length + removed.length > 0) {
      this.changed.fire({ added, removed, changed: [] });
    }
  }
}

/**
 * The session of an account. VS Code keys the Accounts menu entry and every extension's consent by the account label,
 * and keeps an entry whose label changed as a stale second one: so the label is the client ID, which is unique per
 * service account and never changes (the organisation names arrive after sign-in, and a rename is the user's own).
 * Two accounts of one organisation never share a consent; the tree shows the friendly name.
 */
function sessionOf(account: AccountSummary, accessToken: string): vscode.AuthenticationSession {
  return { id: account.id, accessToken, account: { id: account.id, label: sessionLabel(account) }, scopes: [] };
}

export function sessionLabel(account: Pick<AccountSummary, 'clientId'>): string {
  return account.clientId;
}

/** The provider over the account store: the entry point of dist/auth.js. */
export function createAuthProvider(
  deps: AccountsDirectoryDeps,
  logger: Logger,
  /** The stored accounts as read at activation: the Accounts menu's starting point. */
  baseline: Promise<readonly StoredAccount[]>
): { readonly provider: AxwaySupportAuthProvider; readonly directory: AccountDirectory; dispose(): void } {
  const directory = new AccountsDirectory(deps);
  const provider = new AxwaySupportAuthProvider(directory, logger, baseline.then((all) => all.map(summaryOf), () => []));
  return {
    provider,
    directory,
    dispose: () => {
      provider.dispose();
      directory.dispose();
    }
  };
}
