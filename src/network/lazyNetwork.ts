// The network for the views and commands: loads the network bundle (dist/network.js: axios, token client, Support
// API service) the first time something needs it, rebuilds it when the endpoint or proxy settings change, and tells
// when the token endpoint refused the stored credentials. Activation never comes here, so it pays for none of it.

import { createHash } from 'crypto';
import * as path from 'path';
import * as vscode from 'vscode';
import type * as NetworkModule from '../api/index';
import { ApiError } from '../api/errors';
import type { IssuedToken } from '../api/tokenClient';
import { credentialSecret, type Credentials, type Logger, type SupportApiClient } from '../api/types';
import { affectsNetwork, readEndpoints } from './endpoints';

type Network = ReturnType<typeof NetworkModule.createNetwork>;

/** What this class needs to hear of the account list (AccountStore's change event satisfies it). */
export interface AccountsChangeLike {
  readonly accounts: readonly { readonly id: string; readonly credentials: Credentials; readonly refused?: boolean }[];
  /** An account signed in just now (added, or the same pair again). */
  readonly stored?: string;
}

export interface LazyNetworkDeps {
  /** Folder of the bundles (dist/). */
  readonly bundleDir: string;
  readonly logger: Logger;
  /** The account's stored credentials; undefined once it is signed out. */
  readonly credentials: (account: string) => Promise<Credentials | undefined>;
  /** True while the account's stored pair is quarantined (refused by the sign-in service, here or in another window). */
  readonly refused: (account: string) => Promise<boolean>;
  /** The account callers without one mean (the first; the only one for 0.1.0 callers); undefined while signed out. */
  readonly firstAccount: () => Promise<string | undefined>;
  readonly onDidChangeAccounts: vscode.Event<AccountsChangeLike>;
}

/** The token endpoint refused one account's stored credentials. */
export interface RejectedCredentials {
  readonly account: string;
  /** The very pair refused: only that pair is quarantined, not one stored over it meanwhile. */
  readonly credentials: Credentials;
  readonly error: ApiError;
}

/** Asked for no account: the network answers "signed out" without any request. */
const NO_ACCOUNT = '';

export class LazyNetwork implements vscode.Disposable {
  private module: typeof NetworkModule | undefined;
  /** The endpoints the networks below were built for. */
  private key: string | undefined;
  /** One network per account: its own token client and token, so tokens never mix. */
  private readonly networks = new Map<string, Network>();
  /** Builds no token cache of its own: verifies candidates at sign-in. */
  private verifier: Network | undefined;
  private readonly subscriptions: vscode.Disposable[] = [];
  private readonly rejectedEmitter = new vscode.EventEmitter<RejectedCredentials>();
  /** The token from the last successful sign-in check, until that pair is stored (or another change comes). */
  private verified: { readonly fingerprint: string; readonly token: IssuedToken; readonly key: string | undefined } | undefined;
  /** Stored pairs the token endpoint refused, as hashes per account: never sent again, whatever network comes next. */
  private readonly rejected = new Map<string, { readonly fingerprint: string; readonly error: ApiError }>();
  /** Each account's credentials (hashed) as last heard: a change elsewhere (a rotated secret) drops its token. */
  private readonly known = new Map<string, string>();

  /** The token endpoint refused an account's stored pair (wrong or rotated secret): fires once per pair. */
  readonly onDidRejectCredentials = this.rejectedEmitter.event;

  constructor(private readonly deps: LazyNetworkDeps) {
    this.subscriptions.push(
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (affectsNetwork(e)) {
          // New endpoints or proxy: forget the cached tokens, they belong to the old realm.
          this.dropAll();
        }
      }),
      deps.onDidChangeAccounts((change) => this.accountsChanged(change))
    );
  }

  /** True once the network bundle has been loaded (tests use it to prove activation loads none of it). */
  get isLoaded(): boolean {
    return this.module !== undefined;
  }

  /**
   * The Support API service of one account (without one: the first account) for the current settings. Its requests
   * only ever carry that account's token; once the account is signed out they answer "signed out" without a request.
   */
  async api(account?: string): Promise<SupportApiClient> {
    const id = account ?? (await this.deps.firstAccount()) ?? NO_ACCOUNT;
    return this.network(id).api;
  }

  /**
   * A valid access token of the account (its cached one, renewed before expiry): for other extensions, through the
   * AuthenticationProvider. Never a secret.
   */
  async accessToken(account: string): Promise<string> {
    if ((await this.deps.credentials(account)) === undefined) {
      throw new Error(vscode.l10n.t('This Axway Support account is not signed in on this machine.'));
    }
    return this.network(account).tokens.getToken();
  }

  /** Requests a token for a candidate pair without storing anything: sign-in verifies before it saves. */
  async verify(candidate: Credentials): Promise<void> {
    this.refreshEndpoints();
    this.verifier ??= this.build(() => Promise.resolve(undefined), undefined);
    const token = await this.verifier.tokens.requestToken(candidate);
    this.verified = { fingerprint: fingerprint(candidate), token, key: this.key };
  }

  /** Drops an account's cached token, e.g. after its sign-out. */
  clearToken(account: string): void {
    this.networks.get(account)?.tokens.clear();
    this.networks.delete(account);
  }

  dispose(): void {
    this.dropAll();
    for (const d of this.subscriptions) {
      d.dispose();
    }
    this.rejectedEmitter.dispose();
  }

  private dropAll(): void {
    for (const network of this.networks.values()) {
      network.tokens.clear();
    }
    this.networks.clear();
    this.verifier = undefined;
    this.key = undefined;
  }

  private accountsChanged(change: AccountsChangeLike): void {
    const present = new Set(change.accounts.map((a) => a.id));
    for (const id of [...this.networks.keys()]) {
      if (id !== NO_ACCOUNT && !present.has(id)) {
        this.clearToken(id);
        this.rejected.delete(id);
        this.known.delete(id);
      }
    }
    for (const account of change.accounts) {
      if (account.refused === true) {
        // Quarantined (maybe by another window): no token of that pair is used any more, none is asked for.
        this.clearToken(account.id);
        continue;
      }
      const now = fingerprint(account.credentials);
      const signedIn = change.stored === account.id;
      if (!signedIn && this.known.get(account.id) === now) {
        continue;
      }
      // Signed in again, or another window stored other credentials for it: start from a fresh token.
      this.known.set(account.id, now);
      this.rejected.delete(account.id);
      const tokens = this.networks.get(account.id)?.tokens;
      tokens?.clear();
      // The token that verified this very pair at sign-in is still good: the first list request need not ask again.
      const verified = this.verified;
      if (signedIn && verified && verified.fingerprint === now && verified.key === this.key) {
        this.verified = undefined;
        try {
          this.network(account.id).tokens.adopt(verified.token);
        } catch {
          // A settings error: the next request reports it with its next step.
        }
      }
    }
  }

  /** The account's stored pair, unless the token endpoint already refused it: then its error, without asking again. */
  private async storedCredentials(account: string): Promise<Credentials | undefined> {
    if (account === NO_ACCOUNT) {
      return undefined;
    }
    const stored = await this.deps.credentials(account);
    if (stored && (await this.deps.refused(account))) {
      throw new ApiError({
        kind: 'credentialsRejected',
        message: vscode.l10n.t('The sign-in service refused the stored credentials of this service account; they are kept but not sent again. Sign in again.')
      });
    }
    const rejected = this.rejected.get(account);
    if (stored && rejected && rejected.fingerprint === fingerprint(stored)) {
      throw rejected.error;
    }
    return stored;
  }

  private storedCredentialsRejected(account: string, credentials: Credentials, error: ApiError): void {
    const refused = fingerprint(credentials);
    if (this.rejected.get(account)?.fingerprint === refused) {
      return;
    }
    this.rejected.set(account, { fingerprint: refused, error });
    this.deps.logger.warn(`The token endpoint refused the stored service account credentials (${error.code ?? `HTTP ${error.status ?? '?'}`}).`);
    this.rejectedEmitter.fire({ account, credentials, error });
  }

  /** Settings are validated on every use so a corrected setting takes effect without a reload. */
  private refreshEndpoints(): ReturnType<typeof readEndpoints> {
    const endpoints = readEndpoints();
    const key = JSON.stringify(endpoints);
    if (this.key !== key) {
      this.dropAll();
      this.key = key;
    }
    return endpoints;
  }

  private network(account: string): Network {
    this.refreshEndpoints();
    let network = this.networks.get(account);
    if (!network) {
      network = this.build(
        () => this.storedCredentials(account),
        (credentials, error) => this.storedCredentialsRejected(account, credentials, error)
      );
      this.networks.set(account, network);
    }
    return network;
  }

  private build(credentials: () => Promise<Credentials | undefined>, onRejected: ((credentials: Credentials, error: ApiError) => void) | undefined): Network {
    const endpoints = readEndpoints();
    return this.load().createNetwork({
      tokenUrl: endpoints.tokenUrl,
      apiBaseUrl: endpoints.apiBaseUrl,
      logger: this.deps.logger,
      credentials,
      onStoredCredentialsRejected: onRejected
    });
  }

  private load(): typeof NetworkModule {
    if (!this.module) {
      const started = Date.now();
      // A runtime path keeps esbuild from inlining the module into the activation bundle.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      this.module = require(path.join(this.deps.bundleDir, 'network.js')) as typeof NetworkModule;
      this.module.useTranslations(vscode.l10n.bundle);
      this.deps.logger.debug(`Loaded the network bundle in ${Date.now() - started} ms`);
    }
    return this.module;
  }
}

/** Compares pairs without keeping a second copy of the secret in memory. */
function fingerprint(credentials: Credentials): string {
  return createHash('sha256').update(credentials.clientId).update('\0').update(credentials.kind ?? 'secret').update('\0').update(credentialSecret(credentials)).digest('hex');
}
