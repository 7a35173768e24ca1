// The network bundle's entry point (dist/network.js), required lazily at the first network use so activation
// never loads axios. A plain factory: no vscode import; the only module state is the string bundle its texts use,
// which the loader hands over (useTranslations) right after require.
import type { ApiError } from './errors';
import type { Credentials, Logger } from './types';
import { TokenClient } from './tokenClient';
import { SupportApi } from './supportApi';

export { useTranslations } from '../util/translations';

export interface NetworkDeps {
  readonly tokenUrl: string;
  readonly apiBaseUrl: string;
  readonly logger: Logger;
  readonly credentials: () => Promise<Credentials | undefined>;
  readonly onStoredCredentialsRejected?: (credentials: Credentials, error: ApiError) => void;
  /** Idle timeout: no byte either way for this long ends a request (default 15 s). */
  readonly timeoutMs?: number;
  /** Longest wait for a connection (default 10 s). */
  readonly connectTimeoutMs?: number;
}

export interface Network {
  readonly tokens: TokenClient;
  readonly api: SupportApi;
}

/**
 * Builds the token client and the API service for one set of endpoints. Proxies need no input here: VS Code's
 * proxy support routes the requests (see http.ts).
 */
export function createNetwork(deps: NetworkDeps): Network {
  const timeouts = { timeoutMs: deps.timeoutMs, connectTimeoutMs: deps.connectTimeoutMs };
  const tokens = new TokenClient({
    tokenUrl: deps.tokenUrl,
    logger: deps.logger,
    credentials: deps.credentials,
    onStoredCredentialsRejected: deps.onStoredCredentialsRejected,
    ...timeouts
  });
  const api = new SupportApi({ baseUrl: deps.apiBaseUrl, tokens, logger: deps.logger, ...timeouts });
  return { tokens, api };
}

export { TokenClient } from './tokenClient';
export { SupportApi } from './supportApi';
