// The wire's factory, bundled into dist/network.js (src/network/networkBundle.ts), required lazily at the first network
// use so activation never loads axios. A plain factory: no vscode import; the only module state is the string bundle its
// texts use, which the loader hands over (useTranslations) right after require.
import type { ApiError } from './errors';
import type { Credentials, Logger } from './types';
import type { IssuedToken } from './tokenClient';
import { TokenClient } from './tokenClient';
import { SupportApi } from './supportApi';

export { useTranslations } from '../util/translations';

export interface NetworkDeps {
  readonly tokenUrl: string;
  readonly apiBaseUrl: string;
  readonly logger: Logger;
  readonly credentials: () => Promise<Credentials | undefined>;
  readonly onStoredCredentialsRejected?: (credentials: Credentials, error: ApiError) => void;
  /** A token was issued for the stored pair (also a renewal after a 401): the caller may keep it for other windows. */
  readonly onToken?: (credentials: Credentials, token: IssuedToken) => void;
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
    onToken: deps.onToken,
    ...timeouts
  });
  const api = new SupportApi({ baseUrl: deps.apiBaseUrl, tokens, logger: deps.logger, ...timeouts });
  return { tokens, api };
}

export { TokenClient } from './tokenClient';
export { SupportApi } from './supportApi';
