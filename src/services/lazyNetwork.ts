// The network for the views and commands: loads the network bundle (dist/network.js: axios, token client, Support
// API service) the first time something needs it, rebuilds it when the endpoint or proxy settings change, and tells
// when the token endpoint refused the stored credentials. Activation never comes here, so it pays for none of it.

import { createHash } from 'crypto';
import * as path from 'path';
import * as vscode from 'vscode';
import type * as NetworkModule from '../api/index';
import type { ApiError } from '../api/errors';
import type { IssuedToken } from '../api/tokenClient';
import { credentialSecret, type Credentials, type Logger, type SupportApiClient } from '../api/types';
import { affectsNetwork, readEndpoints } from './config';

type Network = ReturnType<typeof NetworkModule.createNetwork>;

export interface LazyNetworkDeps {
  /** Folder of the bundles (dist/). */
  readonly bundleDir: string;
  readonly logger: Logger;
  /** The stored pair; undefined while signed out. */
  readonly credentials: () => Promise<Credentials | undefined>;
  readonly onDidChangeCredentials: vscode.Event<Credentials | undefined>;
}

export class LazyNetwork implements vscode.Disposable {
  private module: typeof NetworkModule | undefined;
  private current: { readonly key: string; readonly network: Network } | undefined;
  private readonly subscriptions: vscode.Disposable[] = [];
  private readonly rejectedEmitter = new vscode.EventEmitter<ApiError>();
  /** The token from the last successful sign-in check, until that pair is stored (or another change comes). */
  private verified: { readonly fingerprint: string; readonly token: IssuedToken; readonly key: string | undefined } | undefined;
  /** The stored pair the token endpoint refused, as a hash: it is never sent again, whatever network is built next. */
  private rejected: { readonly fingerprint: string; readonly error: ApiError } | undefined;

  /** The token endpoint refused the stored pair (wrong or rotated secret): fires once per pair. */
  readonly onDidRejectCredentials = this.rejectedEmitter.event;

  constructor(private readonly deps: LazyNetworkDeps) {
    this.subscriptions.push(
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (affectsNetwork(e)) {
          // New endpoints or proxy: forget the cached token, it belongs to the old realm.
          this.current?.network.tokens.clear();
          this.current = undefined;
        }
      }),
      deps.onDidChangeCredentials((stored) => this.credentialsChanged(stored))
    );
  }

  /** True once the network bundle has been loaded (tests use it to prove activation loads none of it). */
  get isLoaded(): boolean {
    return this.module !== undefined;
  }

  /** The Support API service for the current settings and the stored credentials. */
  // Async on purpose: callers await it, so loading the bundle or a settings error surfaces as a rejected promise.
  // eslint-disable-next-line @typescript-eslint/require-await
  async api(): Promise<SupportApiClient> {
    return this.network().api;
  }

  /** Requests a token for a candidate pair without storing anything: sign-in verifies before it saves. */
  async verify(candidate: Credentials): Promise<void> {
    const network = this.network();
    const token = await network.tokens.requestToken(candidate);
    this.verified = { fingerprint: fingerprint(candidate), token, key: this.current?.key };
  }

  /** A valid access token for the stored credentials (cached, renewed before expiry); loads the network bundle. */
  async accessToken(): Promise<string> {
    return this.network().tokens.getToken();
  }

  /** Drops the cached token, e.g. after sign-out. */
  clearToken(): void {
    this.current?.network.tokens.clear();
  }

  dispose(): void {
    this.current?.network.tokens.clear();
    for (const d of this.subscriptions) {
      d.dispose();
    }
    this.rejectedEmitter.dispose();
  }

  private credentialsChanged(stored: Credentials | undefined): void {
    this.rejected = undefined;
    const tokens = this.current?.network.tokens;
    tokens?.clear();
    // The token that verified this very pair at sign-in is still good: the first list request need not ask again.
    const verified = this.verified;
    this.verified = undefined;
    if (tokens && verified && stored && fingerprint(stored) === verified.fingerprint && verified.key === this.current?.key) {
      tokens.adopt(verified.token);
    }
  }

  /** The stored pair, unless the token endpoint already refused it: then its error, without asking again. */
  private async storedCredentials(): Promise<Credentials | undefined> {
    const stored = await this.deps.credentials();
    if (stored && this.rejected && this.rejected.fingerprint === fingerprint(stored)) {
      throw this.rejected.error;
    }
    return stored;
  }

  private storedCredentialsRejected(credentials: Credentials, error: ApiError): void {
    const rejected = fingerprint(credentials);
    if (this.rejected?.fingerprint === rejected) {
      return;
    }
    this.rejected = { fingerprint: rejected, error };
    this.deps.logger.warn(`The token endpoint refused the stored service account credentials (${error.code ?? `HTTP ${error.status ?? '?'}`}).`);
    this.rejectedEmitter.fire(error);
  }

  private network(): Network {
    // Settings are validated on every use so a corrected setting takes effect without a reload.
    const endpoints = readEndpoints();
    const key = JSON.stringify(endpoints);
    if (this.current?.key === key) {
      return this.current.network;
    }
    const network = this.load().createNetwork({
      tokenUrl: endpoints.tokenUrl,
      apiBaseUrl: endpoints.apiBaseUrl,
      logger: this.deps.logger,
      credentials: () => this.storedCredentials(),
      onStoredCredentialsRejected: (credentials, error) => this.storedCredentialsRejected(credentials, error)
    });
    this.current = { key, network };
    return network;
  }

  private load(): typeof NetworkModule {
    if (!this.module) {
      const started = Date.now();
      // A runtime path keeps esbuild from inlining the module into the activation bundle.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      this.module = require(path.join(this.deps.bundleDir, 'network.js')) as typeof NetworkModule;
      this.deps.logger.debug(`Loaded the network bundle in ${Date.now() - started} ms`);
    }
    return this.module;
  }
}

/** Compares pairs without keeping a second copy of the secret in memory. */
function fingerprint(credentials: Credentials): string {
  return createHash('sha256').update(credentials.clientId).update('\0').update(credentials.kind ?? 'secret').update('\0').update(credentialSecret(credentials)).digest('hex');
}
