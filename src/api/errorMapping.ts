// Turns a non-2xx HTTP answer (of the Support API, of the token endpoint, or of a proxy on the way) into an ApiError
// with a readable sentence. Failures before a complete answer are transportErrors.ts's job; reading the answer is
// httpAnswer.ts's. No axios import, so this file stays cheap and testable.
import * as l10n from '@vscode/l10n';
import { ApiError, ApiErrorKind } from './errors';
import { capitalise } from '../util/format';
import { cleanServerText, describeBody, header, HttpExchange, jsonObjectOf, parseRetryAfter, readErrorBody, serverDetail, ServiceContext, troubleshootingIdOf } from './httpAnswer';
import { PROXY_SETTING } from './transportErrors';

const CODE_KINDS: Readonly<Record<string, ApiErrorKind>> = {
  AUTHENTICATION_FAILURE: 'credentialsRejected',
  ACCESS_DENIED: 'forbidden',
  BAD_REQUEST: 'badRequest',
  SERVICE_TEMPORARILY_UNAVAILABLE: 'unavailable',
  SERVER_ERROR: 'server'
};

/** The statuses with a kind of their own; any other 5xx is 'server', anything else 'http'. */
const STATUS_KINDS: ReadonlyMap<number, ApiErrorKind> = new Map<number, ApiErrorKind>([
  [400, 'badRequest'],
  [401, 'credentialsRejected'],
  [403, 'forbidden'],
  [404, 'notFound'],
  [429, 'rateLimited'],
  [503, 'unavailable']
]);

function kindForStatus(status: number): ApiErrorKind {
  return STATUS_KINDS.get(status) ?? (status >= 500 && status <= 599 ? 'server' : 'http');
}

/** Options for messages that depend on what was asked for. */
export interface HttpErrorOptions {
  /** Used for 404, e.g. "Case 01234567 was not found." */
  readonly notFoundMessage?: string;
  readonly now?: number;
  /** For 503: who is down. Default: the support portal behind the service (the Support API's own wording). */
  readonly unavailableSubject?: string;
}

/**
 * A proxy that refuses or cannot forward a request answers with its own status and page (VS Code's proxy support
 * hands that answer over as if the server had sent it). Without any sign of the service (no API or OAuth error
 * JSON, no troubleshooting id), name the proxy rather than blame the service. Undefined when it is the service's answer.
 */
export function mapProxyAnswer(exchange: HttpExchange, context: ServiceContext): ApiError | undefined {
  const proxy = exchange.proxy ?? context.proxy;
  if (proxy === undefined || exchange.status < 400) {
    return undefined;
  }
  const body = readErrorBody(exchange.body);
  const fromService = body.code !== undefined || body.error !== undefined || troubleshootingIdOf(exchange.headers) !== undefined;
  if (fromService && exchange.status !== 407) {
    return undefined;
  }
  const status = exchange.status;
  const said =
    status === 407
      ? l10n.t('The proxy {0} asks for authentication (HTTP 407): check the user name and password in the proxy setting (http.proxy).', proxy)
      : status >= 500
        ? l10n.t('The proxy {0} could not forward the request to {1} (HTTP {2}). Check the proxy setting (http.proxy) and that the proxy can reach {3}.', proxy, context.service, status, context.host)
        : l10n.t('The proxy {0} refused the request to {1} (HTTP {2}). Check the proxy setting (http.proxy) and that the proxy allows {3}.', proxy, context.service, status, context.host);
  return new ApiError({
    kind: 'network',
    status,
    code: status === 407 ? 'EPROXYAUTH' : 'EPROXYREFUSED',
    message: said,
    troubleshootingId: troubleshootingIdOf(exchange.headers),
    setting: PROXY_SETTING
  });
}

/** Maps a non-2xx answer of the Support API. */
export function mapApiHttpError(exchange: HttpExchange, context: ServiceContext, options: HttpErrorOptions = {}): ApiError {
  const fromProxy = mapProxyAnswer(exchange, context);
  if (fromProxy !== undefined) {
    return fromProxy;
  }
  const body = readErrorBody(exchange.body);
  const status = exchange.status;
  const code = body.code ?? body.error;
  const serverText = body.message ?? body.errorDescription;
  const kind = (code !== undefined ? CODE_KINDS[code] : undefined) ?? kindForStatus(status);
  const retryAfterMs = status === 429 ? parseRetryAfter(header(exchange.headers, 'retry-after'), options.now) : undefined;
  const service = capitalise(context.service);
  const detail = serverDetail(serverText);
  const codeText = code !== undefined ? ` (${code})` : '';
  let message: string;
  switch (kind) {
    case 'credentialsRejected':
      message = l10n.t('{0} rejected the access token{1}{2} Sign in again.', service, codeText, detail);
      break;
    case 'forbidden':
      message = l10n.t('Access denied by {0}{1}{2}', context.service, codeText, detail);
      break;
    case 'badRequest':
      message = l10n.t('{0} rejected the request{1}{2}', service, codeText, detail);
      break;
    case 'notFound':
      message = options.notFoundMessage ?? l10n.t('{0} answered "not found" (HTTP 404){1}', service, detail);
      break;
    case 'rateLimited':
      message =
        retryAfterMs !== undefined
          ? l10n.t('{0} is limiting the request rate (HTTP 429). Try again in {1} s.', service, Math.max(1, Math.ceil(retryAfterMs / 1000)))
          : l10n.t('{0} is limiting the request rate (HTTP 429). Try again later.', service);
      break;
    case 'unavailable': {
      const subject = options.unavailableSubject ?? l10n.t('The Axway support portal behind {0}', context.service);
      message =
        serverText !== undefined
          ? l10n.t('{0} is temporarily unavailable (HTTP {1}): {2}', subject, status, serverText)
          : l10n.t('{0} is temporarily unavailable (HTTP {1}). Try again later.', subject, status);
      break;
    }
    case 'server':
      message = l10n.t('{0} failed with a server error (HTTP {1}){2}{3}', service, status, codeText, detail);
      break;
    default:
      message = l10n.t('{0} answered HTTP {1}{2}{3}', service, status, codeText, detail);
  }
  if (serverText === undefined && exchange.body.trim() !== '' && code === undefined) {
    const what = describeBody(exchange.body, header(exchange.headers, 'content-type'));
    if (what !== l10n.t('incomplete or invalid JSON')) {
      message += ` ${l10n.t('The server sent {0} instead of a JSON error.', what)}`;
    }
  }
  return new ApiError({ kind, message, status, code, troubleshootingId: troubleshootingIdOf(exchange.headers), retryAfterMs });
}

/**
 * OAuth error codes that mean "the sign-in service refuses this pair": the user must change it. Keycloak (Axway's
 * sign-in service) answers `unauthorized_client` "Invalid client secret" for a wrong secret, so it is treated like
 * `invalid_client`, whatever its description. Other codes (invalid_grant, invalid_scope, invalid_request,
 * unsupported_grant_type) describe a malformed request, which is this client's fault: 'badRequest'.
 */
const REJECTING_OAUTH_ERRORS = new Set(['invalid_client', 'unauthorized_client']);

/**
 * Maps a non-2xx answer of the token endpoint. Only the sign-in service's own JSON refuses the pair
 * ('credentialsRejected', after which the extension stops sending it): an OAuth `invalid_client` or
 * `unauthorized_client`, or any JSON 401. A 401/403 that is not JSON (an nginx "401 Authorization Required" page of a
 * gateway, an empty body) says nothing about the pair: it is an error of the network path, named after the host that
 * answered, and it can be retried.
 */
export function mapTokenHttpError(exchange: HttpExchange, context: ServiceContext): ApiError {
  const fromProxy = mapProxyAnswer(exchange, context);
  if (fromProxy !== undefined) {
    return fromProxy;
  }
  const status = exchange.status;
  const troubleshootingId = troubleshootingIdOf(exchange.headers);
  const json = jsonObjectOf(exchange.body);
  if (json === undefined && (status === 401 || status === 403)) {
    return mapPathRefusal(exchange, context);
  }
  const body = readErrorBody(exchange.body);
  const oauthError = body.error ?? body.code;
  const description = body.errorDescription ?? body.message;
  const detail = serverDetail(description);
  if (oauthError !== undefined && (status === 400 || status === 401 || status === 403)) {
    const rejected = REJECTING_OAUTH_ERRORS.has(oauthError) || status === 401;
    return new ApiError({
      kind: rejected ? 'credentialsRejected' : 'badRequest',
      message: rejected
        ? l10n.t('The client ID or client secret was rejected by {0} ({1}){2}', context.service, oauthError, detail)
        : l10n.t('{0} refused the token request ({1}){2}', capitalise(context.service), oauthError, detail),
      status,
      code: oauthError,
      troubleshootingId
    });
  }
  if (status === 401) {
    // A JSON 401 without an OAuth code: still the sign-in service's own answer about the pair.
    return new ApiError({
      kind: 'credentialsRejected',
      message: l10n.t('The client ID or client secret was rejected by {0} (HTTP 401){1}', context.service, detail),
      status,
      troubleshootingId
    });
  }
  // The sign-in service is not a front of the support portal: a 503 there means the sign-in service itself is down.
  return mapApiHttpError(exchange, context, { unavailableSubject: capitalise(context.service) });
}

/**
 * A 401/403 without the sign-in service's JSON: something on the way (a gateway, a reverse proxy, a captive portal)
 * answered instead. The stored pair was never judged, so it stays; the message names the host and what it sent.
 */
function mapPathRefusal(exchange: HttpExchange, context: ServiceContext): ApiError {
  const status = exchange.status;
  const what = describeBody(exchange.body, header(exchange.headers, 'content-type'));
  const server = header(exchange.headers, 'server');
  const by = server !== undefined ? ` ${l10n.t('(server: {0})', cleanServerText(server, 60))}` : '';
  return new ApiError({
    kind: 'network',
    status,
    code: status === 401 ? 'EPATH401' : 'EPATH403',
    message: l10n.t(
      "{0}{1} answered the token request with HTTP {2} and {3}, not with {4}'s JSON: a gateway or proxy on the way to {0} refused the request, which says nothing about the credentials. Try again; if it goes on, check the network path (proxy, VPN, gateway) to the sign-in service.",
      context.host,
      by,
      status,
      what,
      context.service
    ),
    troubleshootingId: troubleshootingIdOf(exchange.headers)
  });
}
