// The network bundle's entry point (dist/network.js), required lazily at the first network use so activation
// never loads axios. A plain factory: no vscode import, no module state.
import type { ApiError } from './errors';
import type { Credentials, Logger } from './types';
import type { ProxyConfig } from './proxyAgent';
import { TokenClient } from './tokenClient';
import { SupportApi } from './supportApi';

export interface NetworkDeps {
  readonly tokenUrl: string;
  readonly apiBaseUrl: string;
  readonly logger: Logger;
  readonly credentials: () => Promise<Credentials | undefined>;
  readonly onStoredCredentialsRejected?: (credentials: Credentials, error: ApiError) => void;
  readonly proxy?: ProxyConfig;
  readonly timeoutMs?: number;
}

export interface Network {
  readonly tokens: TokenClient;
  readonly api: SupportApi;
}

/** Builds the token client and the API service for one set of endpoints. Throws ApiError 'config' for an unusable proxy setting. */
export function createNetwork(deps: NetworkDeps): Network {
  const tokens = new TokenClient({
    tokenUrl: deps.tokenUrl,
    logger: deps.logger,
    credentials: deps.credentials,
    onStoredCredentialsRejected: deps.onStoredCredentialsRejected,
    proxy: deps.proxy,
    timeoutMs: deps.timeoutMs
  });
  const api = new SupportApi({
    baseUrl: deps.apiBaseUrl,
    tokens,
    logger: deps.logger,
    proxy: deps.proxy,
    timeoutMs: deps.timeoutMs
  });
  return { tokens, api };
}

export { TokenClient } from './tokenClient';
export { SupportApi } from './supportApi';
export type { ProxyConfig } from './proxyAgent';
