// Loads the network bundle (axios, token client, API service) the first time it is needed and rebuilds it when
// the endpoint or proxy settings change. Activation never comes here, so it pays for none of it.

import * as path from 'path';
import * as vscode from 'vscode';
import type * as NetworkModule from '../api/index';
import type { IssuedToken } from '../api/tokenClient';
import { Credentials, ListCasesParams, Logger, SupportApiClient } from '../api/types';
import { ApiError, isApiError } from '../api/errors';
import { affectsNetwork, readEndpoints } from './config';
import { CredentialStore } from '../auth/credentialStore';

type Network = ReturnType<typeof NetworkModule.createNetwork>;

export class NetworkServices implements vscode.Disposable {
  private module: typeof NetworkModule | undefined;
  private current: { readonly key: string; readonly network: Network } | undefined;
  private readonly subscriptions: vscode.Disposable[] = [];
  private readonly rejected = new vscode.EventEmitter<ApiError>();
  /** The token from the last successful sign-in check, until that pair is stored (or another change comes). */
  private verified: { readonly candidate: Credentials; readonly token: IssuedToken; readonly key: string | undefined } | undefined;
  /** The token endpoint said the stored pair is invalid (e.g. the secret was rotated): they must not be used again. */
  readonly onDidRejectCredentials = this.rejected.event;

  constructor(
    private readonly bundleDir: string,
    private readonly credentials: CredentialStore,
    private readonly logger: Logger
  ) {
    this.subscriptions.push(
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (affectsNetwork(e)) {
          // New endpoints or proxy: forget the cached token, it belongs to the old realm.
          this.current?.network.tokens.clear();
          this.current = undefined;
        }
      }),
      credentials.onDidChange((stored) => {
        const tokens = this.current?.network.tokens;
        tokens?.clear();
        // The token that verified this very pair at sign-in is still good: the first list request need not ask again.
        const verified = this.verified;
        this.verified = undefined;
        if (tokens && verified && stored && samePair(stored, verified.candidate) && verified.key === this.current?.key) {
          tokens.adopt(verified.token);
        }
      })
    );
  }

  /** True once the network bundle has been loaded (tests use it to prove activation loads none of it). */
  get isLoaded(): boolean {
    return this.module !== undefined;
  }

  async api(): Promise<SupportApiClient> {
    const api = this.network().api;
    return {
      listCases: (params: ListCasesParams, signal?: AbortSignal) => this.watch(api.listCases(params, signal)),
      getCase: (caseNumber: string, signal?: AbortSignal) => this.watch(api.getCase(caseNumber, signal))
    };
  }

  /** Requests a token for a candidate pair without storing anything: sign-in verifies before it saves. */
  async verify(candidate: Credentials): Promise<void> {
    const network = this.network();
    const token = await network.tokens.requestToken(candidate);
    this.verified = { candidate, token, key: this.current?.key };
  }

  /** Drops the cached token, e.g. after sign-out. */
  clearToken(): void {
    this.current?.network.tokens.clear();
  }

  dispose(): void {
    this.current?.network.tokens.clear();
    this.subscriptions.forEach((d) => d.dispose());
    this.rejected.dispose();
  }

  private async watch<T>(call: Promise<T>): Promise<T> {
    try {
      return await call;
    } catch (err) {
      if (isApiError(err) && err.kind === 'credentialsRejected' && err.code === 'invalid_client') {
        this.rejected.fire(err);
      }
      throw err;
    }
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
      logger: this.logger,
      credentials: () => this.credentials.get()
    });
    this.current = { key, network };
    return network;
  }

  private load(): typeof NetworkModule {
    if (!this.module) {
      const started = Date.now();
      // A runtime path keeps esbuild from inlining the module into the activation bundle.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      this.module = require(path.join(this.bundleDir, 'network.js')) as typeof NetworkModule;
      this.logger.debug(`Loaded the network bundle in ${Date.now() - started} ms`);
    }
    return this.module;
  }
}

function samePair(a: Credentials, b: Credentials): boolean {
  return a.clientId === b.clientId && a.clientSecret === b.clientSecret;
}
