// OAuth2 client-credentials token client for the Axway sign-in service (Keycloak).
// Keeps one access token in memory, renews it shortly before it expires, and shares one request between
// concurrent callers. vscode-free: credentials come from an injected function.
import * as l10n from '@vscode/l10n';
import { ApiError, cancelledError, isApiError } from './errors';
import { credentialSecret, type Credentials, type Logger, type TokenSource } from './types';
import { HttpClient } from './http';
import { mapTokenHttpError } from './errorMapping';
import { parseJsonBody, ServiceContext } from './httpAnswer';
import { capitalise } from '../util/format';
import { InFlightValues } from '../util/inFlight';
import type { KeyObject } from 'crypto';
import { createClientAssertion, JWT_BEARER_ASSERTION_TYPE, PrivateKeyError, readRsaPrivateKey } from './clientAssertion';

/** Renew this long before `expires_in` runs out, so a token never expires in flight. */
export const DEFAULT_SAFETY_MARGIN_MS = 60_000;
/** Lifetime assumed when the answer has no usable `expires_in`. */
const DEFAULT_LIFETIME_MS = 300_000;

export interface TokenClientOptions {
  readonly tokenUrl: string;
  readonly logger: Logger;
  /** The stored pair; undefined while signed out. */
  readonly credentials: () => Promise<Credentials | undefined>;
  /** Idle timeout (no byte either way for this long); see HttpClient. */
  readonly timeoutMs?: number;
  readonly connectTimeoutMs?: number;
  readonly maxResponseBytes?: number;
  /** Clock in ms since the epoch; injectable for tests. */
  readonly now?: () => number;
  readonly safetyMarginMs?: number;
  readonly scope?: string;
  /**
   * The token endpoint refused the STORED pair ("these credentials cannot get a token", however the server says
   * it). Not called for candidates checked at sign-in, nor for answers to requests started before clear().
   */
  readonly onStoredCredentialsRejected?: (credentials: Credentials, error: ApiError) => void;
  /** A token was issued for the stored pair and cached here (not for sign-in checks, nor after clear()). */
  readonly onToken?: (credentials: Credentials, token: IssuedToken) => void;
}

export interface IssuedToken {
  readonly accessToken: string;
  /** When the token stops being used (expiry minus the safety margin), ms since the epoch. */
  readonly renewAt: number;
}

export class TokenClient implements TokenSource {
  private readonly http: HttpClient;
  private readonly path: string;
  private readonly context: ServiceContext;
  private readonly now: () => number;
  private readonly safetyMarginMs: number;
  private cached: IssuedToken | undefined;
  private inflight: Promise<IssuedToken> | undefined;
  /** Bumped by clear(): an answer to a request started before a sign-out must not be cached. */
  private generation = 0;
  /** The secret of each token request in flight, scrubbed from its log lines and messages; nothing is kept after. */
  private readonly pendingSecrets = new InFlightValues();

  constructor(private readonly options: TokenClientOptions) {
    const url = new URL(options.tokenUrl);
    this.path = `${url.pathname}${url.search}`;
    this.http = new HttpClient({
      baseUrl: url.origin,
      service: l10n.t('the Axway sign-in service'),
      logger: options.logger,
      timeoutMs: options.timeoutMs,
      connectTimeoutMs: options.connectTimeoutMs,
      maxResponseBytes: options.maxResponseBytes,
      secrets: () => this.pendingSecrets.values()
    });
    this.context = { service: this.http.service, host: this.http.host };
    this.now = options.now ?? Date.now;
    this.safetyMarginMs = options.safetyMarginMs ?? DEFAULT_SAFETY_MARGIN_MS;
  }

  /**
   * Asks for a token with the given pair, bypassing the cache. Sign-in uses it to verify a pair before storing it.
   * Throws ApiError: 'credentialsRejected' (with the OAuth error_description), 'network', 'timeout', 'parse', ...
   */
  async requestToken(credentials: Credentials, signal?: AbortSignal): Promise<IssuedToken> {
    const release = this.pendingSecrets.hold(credentialSecret(credentials));
    try {
      return await this.sendTokenRequest(credentials, signal);
    } finally {
      release();
    }
  }

  private async sendTokenRequest(credentials: Credentials, signal: AbortSignal | undefined): Promise<IssuedToken> {
    const started = this.now();
    const fields = this.tokenForm(credentials);
    // The assertion is as good as the key until it expires: scrubbed like the key while the request runs.
    const releaseAssertion = fields.client_assertion !== undefined ? this.pendingSecrets.hold(fields.client_assertion) : undefined;
    try {
      return await this.exchange(fields, started, signal);
    } finally {
      releaseAssertion?.();
    }
  }

  /** The form of one token request: the client secret, or a fresh signed JWT (RFC 7523) for a certificate account. */
  private tokenForm(credentials: Credentials): Record<string, string> {
    const scope = this.options.scope ?? 'openid';
    if (credentials.kind !== 'certificate') {
      return { grant_type: 'client_credentials', client_id: credentials.clientId, client_secret: credentials.clientSecret, scope };
    }
    let key: KeyObject;
    try {
      key = readRsaPrivateKey(credentials.privateKey);
    } catch (err) {
      // Only a damaged stored entry gets here (sign-in checked the key): the account must be signed in again.
      const reason = err instanceof PrivateKeyError ? err.message : l10n.t('The private key could not be read.');
      throw new ApiError({ kind: 'credentialsRejected', message: l10n.t('The stored private key of the service account cannot be used. {0} Sign in again with the key file.', reason) });
    }
    // The wall clock, not the injectable one: the sign-in service checks iat/exp against real time.
    const assertion = createClientAssertion({ clientId: credentials.clientId, tokenUrl: this.options.tokenUrl, privateKey: key });
    return {
      grant_type: 'client_credentials',
      client_id: credentials.clientId,
      client_assertion_type: JWT_BEARER_ASSERTION_TYPE,
      client_assertion: assertion,
      scope
    };
  }

  private async exchange(fields: Record<string, string>, started: number, signal: AbortSignal | undefined): Promise<IssuedToken> {
    const response = await this.http.request({ method: 'POST', path: this.path, body: { kind: 'form', fields }, signal });
    if (response.status < 200 || response.status > 299) {
      throw this.scrubbed(mapTokenHttpError(response, this.context));
    }
    const json = parseJsonBody(response, this.context);
    const token = readTokenResponse(json, response.status, response.troubleshootingId, this.context);
    const lifetimeMs = token.expiresInMs ?? DEFAULT_LIFETIME_MS;
    // Short-lived tokens (tests, odd realms) would otherwise never be cached: cap the margin at half the lifetime.
    const margin = Math.min(this.safetyMarginMs, lifetimeMs / 2);
    this.options.logger.debug(`Received an access token valid for ${Math.round(lifetimeMs / 1000)} s`);
    return { accessToken: token.accessToken, renewAt: started + lifetimeMs - margin };
  }

  /** A valid access token for the stored credentials: from the cache, or from ONE request shared by all callers. */
  async getToken(signal?: AbortSignal): Promise<string> {
    if (signal?.aborted) {
      throw cancelledError();
    }
    const cached = this.cached;
    if (cached !== undefined && this.now() < cached.renewAt) {
      return cached.accessToken;
    }
    if (this.inflight === undefined) {
      this.inflight = this.fetchForStoredCredentials();
    }
    return withAbort(this.inflight, signal).then((token) => token.accessToken);
  }

  invalidate(rejected?: string): void {
    if (rejected !== undefined && this.cached !== undefined && this.cached.accessToken !== rejected) {
      return;
    }
    this.cached = undefined;
  }

  /** Caches a token obtained with requestToken() for the pair that is now stored (sign-in verified it already). */
  adopt(token: IssuedToken): void {
    this.cached = token;
  }

  /**
   * Caches a token kept from an earlier window, unless this client already has one or is asking for one: a kept
   * token never replaces a newer one.
   */
  offer(token: IssuedToken): void {
    if (this.cached === undefined && this.inflight === undefined && this.now() < token.renewAt) {
      this.cached = token;
    }
  }

  /** Sign-out or a settings change: drop the token and ignore the answer of any request still running. */
  clear(): void {
    this.cached = undefined;
    this.inflight = undefined;
    this.generation += 1;
  }

  private async fetchForStoredCredentials(): Promise<IssuedToken> {
    const generation = this.generation;
    try {
      const credentials = await this.readCredentials();
      let token: IssuedToken;
      try {
        token = await this.requestToken(credentials);
      } catch (err) {
        if (isApiError(err) && err.kind === 'credentialsRejected' && generation === this.generation) {
          this.options.onStoredCredentialsRejected?.(credentials, err);
        }
        throw err;
      }
      if (generation === this.generation) {
        this.cached = token;
        this.options.onToken?.(credentials, token);
      }
      return token;
    } finally {
      if (generation === this.generation) {
        this.inflight = undefined;
      }
    }
  }

  private async readCredentials(): Promise<Credentials> {
    let credentials: Credentials | undefined;
    try {
      credentials = await this.options.credentials();
    } catch (err) {
      if (isApiError(err)) {
        throw err;
      }
      throw new ApiError({ kind: 'notSignedIn', message: l10n.t('The stored service-account credentials could not be read. Sign in again.') });
    }
    if (credentials === undefined || credentials.clientId === '' || credentialSecret(credentials) === '') {
      throw new ApiError({ kind: 'notSignedIn', message: l10n.t('You are not signed in. Run "Axway Support: Sign in with service account".') });
    }
    return credentials;
  }


  private scrubbed(error: ApiError): ApiError {
    return new ApiError({ ...error, message: this.http.clean(error.message) });
  }
}

interface TokenAnswer {
  readonly accessToken: string;
  readonly expiresInMs?: number;
}

function readTokenResponse(json: unknown, status: number, troubleshootingId: string | undefined, context: ServiceContext): TokenAnswer {
  const service = capitalise(context.service);
  const fail = (message: string): never => {
    throw new ApiError({ kind: 'parse', message, status, troubleshootingId });
  };
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    return fail(l10n.t('{0} ({1}) answered with JSON that is not a token response (HTTP {2}).', service, context.host, status));
  }
  const record = json as Record<string, unknown>;
  const accessToken = record.access_token;
  if (typeof accessToken !== 'string' || accessToken.trim() === '') {
    return fail(l10n.t('{0} ({1}) answered without an access token (HTTP {2}).', service, context.host, status));
  }
  const tokenType = record.token_type;
  if (typeof tokenType === 'string' && tokenType.toLowerCase() !== 'bearer') {
    return fail(l10n.t('{0} ({1}) answered with an unsupported token type "{2}" (HTTP {3}).', service, context.host, tokenType.slice(0, 40), status));
  }
  const expiresIn = typeof record.expires_in === 'string' ? Number(record.expires_in) : record.expires_in;
  const expiresInMs = typeof expiresIn === 'number' && Number.isFinite(expiresIn) && expiresIn > 0 ? expiresIn * 1000 : undefined;
  return { accessToken, expiresInMs };
}

/** Lets one caller stop waiting without cancelling the request other callers share. */
function withAbort<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (signal === undefined) {
    return promise;
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(cancelledError());
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (err: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(err instanceof Error ? err : new Error(String(err)));
      }
    );
  });
}
