// Loads the network bundle (axios, token client, API service) the first time it is needed and rebuilds it when
// the endpoint or proxy settings change. Activation never comes here, so it pays for none of it.

import * as path from 'path';
import * as vscode from 'vscode';
import type * as NetworkModule from '../network';
import { Credentials, ListCasesParams, Logger, SupportApiClient } from '../api/types';
import { ApiError, isApiError } from '../api/errors';
import { affectsNetwork, readEndpoints, readProxy } from '../config';
import { CredentialStore } from '../auth/credentialStore';

type Network = ReturnType<typeof NetworkModule.createNetwork>;

export class NetworkServices implements vscode.Disposable {
  private module: typeof NetworkModule | undefined;
  private current: { readonly key: string; readonly network: Network } | undefined;
  private readonly subscriptions: vscode.Disposable[] = [];
  private readonly rejected = new vscode.EventEmitter<ApiError>();
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
      credentials.onDidChange(() => this.current?.network.tokens.clear())
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
    await this.network().tokens.requestToken(candidate);
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
    const proxy = readProxy();
    const key = JSON.stringify([endpoints, proxy]);
    if (this.current?.key === key) {
      return this.current.network;
    }
    const network = this.load().createNetwork({
      tokenUrl: endpoints.tokenUrl,
      apiBaseUrl: endpoints.apiBaseUrl,
      logger: this.logger,
      credentials: () => this.credentials.get(),
      proxy
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
