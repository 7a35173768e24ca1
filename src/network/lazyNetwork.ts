// The network as activation sees it: the network bundle (dist/network.js: axios, token client, Support API service,
// each account's network: accountNetworks.ts) loads the first time something needs the network. VS Code's session
// request at startup is answered from the token kept in SecretStorage while it is valid, without loading it.

import * as vscode from 'vscode';
import type * as NetworkModule from './networkBundle';
import type { AccountNetworks, AccountNetworksDeps, RejectedCredentials } from './accountNetworks';
import type { Credentials, SupportApiClient } from '../api/types';
import { LazyBundle } from '../util/lazyBundle';
import { deleteStoredToken, readStoredToken, tokenBinding } from './tokenCache';

export type { AccountsChangeLike, RejectedCredentials } from './accountNetworks';

export interface LazyNetworkDeps extends AccountNetworksDeps {
  /** Folder of the bundles (dist/). */
  readonly bundleDir: string;
}

export class LazyNetwork implements vscode.Disposable {
  private readonly bundle: LazyBundle<typeof NetworkModule>;
  private networks: AccountNetworks | undefined;
  private readonly rejectedEmitter = new vscode.EventEmitter<RejectedCredentials>();

  /** The token endpoint refused an account's stored pair (wrong or rotated secret): fires once per pair. */
  readonly onDidRejectCredentials = this.rejectedEmitter.event;

  constructor(private readonly deps: LazyNetworkDeps) {
    this.bundle = new LazyBundle<typeof NetworkModule>(deps.bundleDir, 'network.js');
    // Signed out or quarantined: the window that did it deletes the stored token (clearToken below, or the loaded
    // account networks), and storedToken() never answers for a quarantined pair.
  }

  /** True once the network bundle has been loaded (tests use it to prove activation loads none of it). */
  get isLoaded(): boolean {
    return this.bundle.isLoaded;
  }

  /**
   * The Support API service of one account (without one: the first account) for the current settings. Its requests
   * only ever carry that account's token; once the account is signed out they answer "signed out" without a request.
   */
  api(account?: string): Promise<SupportApiClient> {
    return this.load().api(account);
  }

  /**
   * A valid access token of the account, for other extensions through the AuthenticationProvider and for the MCP
   * server: the one kept in SecretStorage while it is valid (no network), else from the token endpoint. Never a
   * secret. `rejected`: a token the Support API refused (401), forgotten first unless renewed meanwhile.
   */
  async accessToken(account: string, rejected?: string): Promise<string> {
    if (rejected === undefined && !this.networks?.has(account)) {
      const stored = await this.storedToken(account);
      if (stored !== undefined) {
        return stored;
      }
    }
    return this.load().accessToken(account, rejected);
  }

  /** Requests a token for a candidate pair without storing anything: sign-in verifies before it saves. */
  verify(candidate: Credentials): Promise<void> {
    return this.load().verify(candidate);
  }

  /** Drops an account's token, in memory and in SecretStorage, e.g. after its sign-out. */
  clearToken(account: string): void {
    if (this.networks) {
      this.networks.clearToken(account);
    } else {
      this.forgetToken(account);
    }
  }

  dispose(): void {
    this.networks?.dispose();
    this.rejectedEmitter.dispose();
  }

  /** The stored token of a signed-in account whose pair is not quarantined, if still valid. */
  private async storedToken(account: string): Promise<string | undefined> {
    const { secrets } = this.deps;
    const credentials = await this.deps.credentials(account);
    if (!secrets || credentials === undefined || (await this.deps.refused(account))) {
      return undefined;
    }
    return (await readStoredToken(secrets, account, tokenBinding(credentials)))?.accessToken;
  }

  private forgetToken(account: string): void {
    const { secrets } = this.deps;
    if (secrets) {
      deleteStoredToken(secrets, account).then(undefined, (err: unknown) => this.deps.logger.debug(`The stored access token could not be deleted: ${String(err)}`));
    }
  }

  private load(): AccountNetworks {
    if (!this.networks) {
      const started = Date.now();
      const module = this.bundle.get();
      this.networks = new module.AccountNetworks(this.deps, (rejected) => this.rejectedEmitter.fire(rejected));
      module.useTranslations(vscode.l10n.bundle);
      this.deps.logger.debug(`Loaded the network bundle in ${Date.now() - started} ms`);
    }
    return this.networks;
  }
}
