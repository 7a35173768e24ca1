// Each account's network (its own token client and Support API service, so tokens never mix), rebuilt when the
// endpoint settings change; tells when the token endpoint refused the stored credentials. Part of the network
// bundle (dist/network.js, with axios), which lazyNetwork.ts loads the first time something needs the network.
// Each account's access token is also kept in SecretStorage (tokenCache.ts): a new window's first API request uses
// it while it is valid, and sends no token request.
// About 300 lines, kept whole on purpose: an account's network, its kept token and its stored credentials are made,
// dropped and refused together when the accounts or the endpoint settings change.

import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';
import { createNetwork } from '../api/index';
import { ApiError } from '../api/errors';
import type { IssuedToken } from '../api/tokenClient';
import type { Credentials, Logger, SupportApiClient } from '../api/types';
import { affectsNetwork, readEndpoints } from './endpoints';
import { credentialsFingerprint as fingerprint, deleteStoredToken, readStoredToken, storeToken, tokenBinding, type TokenSecrets } from './tokenCache';

type Network = ReturnType<typeof createNetwork>;

/** What this class needs to hear of the account list (AccountStore's change event satisfies it). */
export interface AccountsChangeLike {
  readonly accounts: readonly { readonly id: string; readonly credentials: Credentials; readonly refused?: boolean }[];
  /** An account signed in just now (added, or the same pair again). */
  readonly stored?: string;
}

export interface AccountNetworksDeps {
  readonly logger: Logger;
  /** The account's stored credentials; undefined once it is signed out. */
  readonly credentials: (account: string) => Promise<Credentials | undefined>;
  /** True while the account's stored pair is quarantined (refused by the sign-in service, here or in another window). */
  readonly refused: (account: string) => Promise<boolean>;
  /** The account callers without one mean (the first; the only one for 0.1.0 callers); undefined while signed out. */
  readonly firstAccount: () => Promise<string | undefined>;
  readonly onDidChangeAccounts: vscode.Event<AccountsChangeLike>;
  /** Where each account's access token is kept between windows (context.secrets); without it, memory only. */
  readonly secrets?: TokenSecrets;
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

export class AccountNetworks implements vscode.Disposable {
  /** The endpoints the networks below were built for. */
  private key: string | undefined;
  /** One network per account: its own token client and token, so tokens never mix. */
  private readonly networks = new Map<string, Network>();
  /** Builds no token cache of its own: verifies candidates at sign-in. */
  private verifier: Network | undefined;
  private readonly subscriptions: vscode.Disposable[] = [];
  /** The token from the last successful sign-in check, until that pair is stored (or another change comes). */
  private verified: { readonly fingerprint: string; readonly token: IssuedToken; readonly key: string | undefined } | undefined;
  /** Stored pairs the token endpoint refused, as hashes per account: never sent again, whatever network comes next. */
  private readonly rejected = new Map<string, { readonly fingerprint: string; readonly error: ApiError }>();
  /** Each account's credentials (hashed) as last heard: a change elsewhere (a rotated secret) drops its token. */
  private readonly known = new Map<string, string>();
  /** Each network's one look for its account's stored token: concurrent first callers wait for the same one. */
  private readonly seeded = new WeakMap<Network, Promise<void>>();

  constructor(
    private readonly deps: AccountNetworksDeps,
    /** The token endpoint refused an account's stored pair (wrong or rotated secret): called once per pair. */
    private readonly onRejected: (rejected: RejectedCredentials) => void
  ) {
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

  /** True while the account has a network here (its token, if any, is in memory). */
  has(account: string): boolean {
    return this.networks.has(account);
  }

  /**
   * The Support API service of one account (without one: the first account) for the current settings. Its requests
   * only ever carry that account's token; once the account is signed out they answer "signed out" without a request.
   */
  async api(account?: string): Promise<SupportApiClient> {
    const id = account ?? (await this.deps.firstAccount()) ?? NO_ACCOUNT;
    const network = this.network(id);
    await this.seed(id, network);
    return network.api;
  }

  /**
   * A valid access token of the account (its cached one, renewed before expiry): for other extensions, through the
   * AuthenticationProvider, and for the MCP server. Never a secret. `rejected`: a token the Support API refused (401),
   * forgotten first unless another caller has renewed it meanwhile.
   */
  async accessToken(account: string, rejected?: string): Promise<string> {
    const credentials = await this.storedCredentials(account);
    if (credentials === undefined) {
      throw new Error(l10n.t('This Axway Support account is not signed in on this machine.'));
    }
    if (rejected === undefined && !this.networks.has(account)) {
      // VS Code asks for sessions at startup: a stored token that is still valid answers without loading the network.
      const stored = await this.storedToken(account, credentials);
      if (stored) {
        return stored.accessToken;
      }
    }
    const network = this.network(account);
    await this.seed(account, network);
    if (rejected !== undefined) {
      network.tokens.invalidate(rejected);
    }
    return network.tokens.getToken();
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
    const secrets = this.deps.secrets;
    if (secrets) {
      deleteStoredToken(secrets, account).then(undefined, (err: unknown) => this.deps.logger.debug(`The stored access token could not be deleted: ${String(err)}`));
    }
  }

  dispose(): void {
    this.dropAll();
    for (const d of this.subscriptions) {
      d.dispose();
    }
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
          const network = this.network(account.id);
          network.tokens.adopt(verified.token);
          // It has the newest token already: no stored one is read for it.
          this.seeded.set(network, Promise.resolve());
          this.keepToken(account.id, account.credentials, verified.token);
        } catch {
          // A settings error: the next request reports it with its next step.
        }
      }
    }
  }

  /** The account's token from SecretStorage, if one is stored for this pair and these endpoints and still valid. */
  private async storedToken(account: string, credentials: Credentials): Promise<IssuedToken | undefined> {
    return this.deps.secrets ? readStoredToken(this.deps.secrets, account, tokenBinding(credentials)) : undefined;
  }

  /** A new network starts from the account's stored token (a reload sends no token request while it is valid). */
  private seed(account: string, network: Network): Promise<void> {
    if (account === NO_ACCOUNT || !this.deps.secrets) {
      return Promise.resolve();
    }
    let seeding = this.seeded.get(network);
    if (!seeding) {
      seeding = this.offerStoredToken(account, network);
      this.seeded.set(network, seeding);
    }
    return seeding;
  }

  private async offerStoredToken(account: string, network: Network): Promise<void> {
    try {
      const credentials = await this.storedCredentials(account);
      const stored = credentials ? await this.storedToken(account, credentials) : undefined;
      if (stored && this.networks.get(account) === network) {
        network.tokens.offer(stored);
      }
    } catch {
      // Refused or unreadable: the first request reports it with its next step.
    }
  }


  /** Stores a token the account just received, for the next window; a failure only costs that window a request. */
  private keepToken(account: string, credentials: Credentials, token: IssuedToken): void {
    const secrets = this.deps.secrets;
    if (secrets) {
      storeToken(secrets, account, tokenBinding(credentials), token).then(undefined, (err: unknown) => this.deps.logger.debug(`The access token could not be stored: ${String(err)}`));
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
    this.onRejected({ account, credentials, error });
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
        (credentials, error) => this.storedCredentialsRejected(account, credentials, error),
        (credentials, token) => this.keepToken(account, credentials, token)
      );
      this.networks.set(account, network);
    }
    return network;
  }

  private build(
    credentials: () => Promise<Credentials | undefined>,
    onRejected: ((credentials: Credentials, error: ApiError) => void) | undefined,
    onToken?: (credentials: Credentials, token: IssuedToken) => void
  ): Network {
    const endpoints = readEndpoints();
    return createNetwork({
      tokenUrl: endpoints.tokenUrl,
      apiBaseUrl: endpoints.apiBaseUrl,
      logger: this.deps.logger,
      credentials,
      onStoredCredentialsRejected: onRejected,
      onToken
    });
  }
}
