// Turns every failure (HTTP status, API/OAuth error body, transport error) into an ApiError with a readable sentence.
// No axios import: transport errors are recognised by their `code`, so this file stays cheap and testable.
import { ApiError, ApiErrorKind, cancelledError, isApiError } from './errors';
import { redactText } from '../util/redact';

/** What the mapping needs to know about a finished HTTP exchange. */
export interface HttpExchange {
  readonly status: number;
  readonly headers: Readonly<Record<string, string | undefined>>;
  readonly body: string;
  /** host:port of the proxy that carried this exchange (as VS Code's proxy support reported it), if any. */
  readonly proxy?: string;
}

/** Who answered, so messages can say "the Support API" or "the Axway sign-in service". */
export interface ServiceContext {
  /** Human name used in messages, e.g. "the Support API". */
  readonly service: string;
  /** host[:port] of the endpoint, never with credentials. */
  readonly host: string;
  /** host:port of the HTTP proxy the request went through, if any (never with credentials). */
  readonly proxy?: string;
}

/**
 * host:port of a proxy as VS Code's resolver names it ("PROXY host:port", "HTTPS host:port", "SOCKS5 host:port", or
 * a URL), without credentials. Undefined for DIRECT or anything unreadable.
 */
export function proxyLabel(resolved: string | undefined): string | undefined {
  const first = (resolved ?? '').split(';')[0].trim();
  const match = /^(?:PROXY|HTTPS?|SOCKS[45]?)\s+(\S+)$/i.exec(first);
  const target = match ? match[1] : /^[a-z0-9+]+:\/\//i.test(first) ? first.replace(/^[a-z0-9+]+:\/\//i, '') : undefined;
  if (target === undefined) {
    return undefined;
  }
  const hostPort = target.slice(target.lastIndexOf('@') + 1).replace(/\/.*$/, '');
  return hostPort !== '' ? hostPort : undefined;
}

/** VS Code's proxy setting: where every proxy problem is fixed (the extension has no proxy setting of its own). */
export const PROXY_SETTING = 'http.proxy';

const MAX_SERVER_TEXT = 500;

export function header(headers: Readonly<Record<string, string | undefined>>, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() === wanted && value !== undefined && value !== '') {
      return value;
    }
  }
  return undefined;
}

export function troubleshootingIdOf(headers: Readonly<Record<string, string | undefined>>): string | undefined {
  const value = header(headers, 'x-troubleshooting-id');
  return value === undefined ? undefined : cleanServerText(value, 200);
}

/** Retry-After as milliseconds: delta-seconds or an HTTP date. Undefined when absent or unreadable. */
export function parseRetryAfter(value: string | undefined, now: number = Date.now()): number | undefined {
  if (value === undefined) {
    return undefined;
  }
  const text = value.trim();
  if (/^\d+$/.test(text)) {
    return Number(text) * 1000;
  }
  if (!/[a-z]/i.test(text)) {
    return undefined;
  }
  const date = Date.parse(text);
  if (!Number.isFinite(date)) {
    return undefined;
  }
  return Math.max(0, date - now);
}

/** Server-provided text made safe to show: no control characters, no credentials, bounded length. */
export function cleanServerText(text: string, max = MAX_SERVER_TEXT): string {
  // eslint-disable-next-line no-control-regex
  const flat = redactText(text).replace(/[\u0000-\u001f\u007f]+/g, ' ').replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}

/** The shape of the body, used to explain parse failures. */
export function describeBody(body: string, contentType: string | undefined): string {
  const start = body.trimStart().slice(0, 200).toLowerCase();
  if (start === '') {
    return 'an empty body';
  }
  if (start.startsWith('<!doctype html') || start.startsWith('<html') || (contentType ?? '').includes('html')) {
    return 'an HTML page';
  }
  if (start.startsWith('<')) {
    return 'an XML/HTML document';
  }
  if (start.startsWith('{') || start.startsWith('[')) {
    return 'incomplete or invalid JSON';
  }
  return 'plain text';
}

/**
 * Parses a JSON body. Failure → ApiError 'parse' saying what came instead
 * ("the server sent an HTML page instead of JSON (HTTP 502)").
 */
export function parseJsonBody(exchange: HttpExchange, context: ServiceContext): unknown {
  try {
    return JSON.parse(exchange.body) as unknown;
  } catch {
    const what = describeBody(exchange.body, header(exchange.headers, 'content-type'));
    return raise({
      kind: 'parse',
      message: `${capitalise(context.service)} (${context.host}) sent ${what} instead of JSON (HTTP ${exchange.status}).`,
      status: exchange.status,
      troubleshootingId: troubleshootingIdOf(exchange.headers)
    });
  }
}

function raise(details: ConstructorParameters<typeof ApiError>[0]): never {
  throw new ApiError(details);
}

export interface ErrorBody {
  readonly code?: string;
  readonly message?: string;
  readonly error?: string;
  readonly errorDescription?: string;
}

/** Reads `{code,message}` (Support API) or `{error,error_description}` (OAuth) from any body, never throwing. */
export function readErrorBody(body: string): ErrorBody {
  let json: unknown;
  try {
    json = JSON.parse(body) as unknown;
  } catch {
    return {};
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    return {};
  }
  const record = json as Record<string, unknown>;
  return {
    code: textField(record.code, 100),
    message: textField(record.message),
    error: textField(record.error, 100),
    errorDescription: textField(record.error_description)
  };
}

function textField(value: unknown, max = MAX_SERVER_TEXT): string | undefined {
  if (typeof value === 'string' && value.trim() !== '') {
    return cleanServerText(value, max);
  }
  if (typeof value === 'number' || typeof value === 'boolean') {
    return String(value);
  }
  return undefined;
}

const CODE_KINDS: Readonly<Record<string, ApiErrorKind>> = {
  AUTHENTICATION_FAILURE: 'credentialsRejected',
  ACCESS_DENIED: 'forbidden',
  BAD_REQUEST: 'badRequest',
  SERVICE_TEMPORARILY_UNAVAILABLE: 'unavailable',
  SERVER_ERROR: 'server'
};

function kindForStatus(status: number): ApiErrorKind {
  if (status === 400) {
    return 'badRequest';
  }
  if (status === 401) {
    return 'credentialsRejected';
  }
  if (status === 403) {
    return 'forbidden';
  }
  if (status === 404) {
    return 'notFound';
  }
  if (status === 429) {
    return 'rateLimited';
  }
  if (status === 503) {
    return 'unavailable';
  }
  if (status >= 500 && status <= 599) {
    return 'server';
  }
  return 'http';
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
  const what =
    status === 407
      ? `asks for authentication (HTTP 407): check the user name and password in the proxy setting (http.proxy).`
      : status >= 500
        ? `could not forward the request to ${context.service} (HTTP ${status}). Check the proxy setting (http.proxy) and that the proxy can reach ${context.host}.`
        : `refused the request to ${context.service} (HTTP ${status}). Check the proxy setting (http.proxy) and that the proxy allows ${context.host}.`;
  return new ApiError({
    kind: 'network',
    status,
    code: status === 407 ? 'EPROXYAUTH' : 'EPROXYREFUSED',
    message: `The proxy ${proxy} ${what}`,
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
  const detail = serverText !== undefined ? `: ${serverText}` : '.';
  const codeText = code !== undefined ? ` (${code})` : '';
  let message: string;
  switch (kind) {
    case 'credentialsRejected':
      message = `${service} rejected the access token${codeText}${detail} Sign in again.`;
      break;
    case 'forbidden':
      message = `Access denied by ${context.service}${codeText}${detail}`;
      break;
    case 'badRequest':
      message = `${service} rejected the request${codeText}${detail}`;
      break;
    case 'notFound':
      message = options.notFoundMessage ?? `${service} answered "not found" (HTTP 404)${detail}`;
      break;
    case 'rateLimited':
      message =
        `${service} is limiting the request rate (HTTP 429).` +
        (retryAfterMs !== undefined ? ` Try again in ${Math.max(1, Math.ceil(retryAfterMs / 1000))} s.` : ' Try again later.');
      break;
    case 'unavailable':
      message =
        `${options.unavailableSubject ?? `The Axway support portal behind ${context.service}`} is temporarily unavailable (HTTP ${status})` +
        (serverText !== undefined ? `: ${serverText}` : '. Try again later.');
      break;
    case 'server':
      message = `${service} failed with a server error (HTTP ${status})${codeText}${detail}`;
      break;
    default:
      message = `${service} answered HTTP ${status}${codeText}${detail}`;
  }
  if (serverText === undefined && exchange.body.trim() !== '' && code === undefined) {
    const what = describeBody(exchange.body, header(exchange.headers, 'content-type'));
    if (what !== 'incomplete or invalid JSON') {
      message += ` The server sent ${what} instead of a JSON error.`;
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

/** The body as a JSON object, or undefined when it is none (HTML, text, empty, an array, a bare value). */
function jsonObjectOf(body: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(body);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

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
  const detail = description !== undefined ? `: ${description}` : '.';
  if (oauthError !== undefined && (status === 400 || status === 401 || status === 403)) {
    const rejected = REJECTING_OAUTH_ERRORS.has(oauthError) || status === 401;
    return new ApiError({
      kind: rejected ? 'credentialsRejected' : 'badRequest',
      message: rejected
        ? `The client ID or client secret was rejected by ${context.service} (${oauthError})${detail}`
        : `${capitalise(context.service)} refused the token request (${oauthError})${detail}`,
      status,
      code: oauthError,
      troubleshootingId
    });
  }
  if (status === 401) {
    // A JSON 401 without an OAuth code: still the sign-in service's own answer about the pair.
    return new ApiError({
      kind: 'credentialsRejected',
      message: `The client ID or client secret was rejected by ${context.service} (HTTP 401)${detail}`,
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
  const by = server !== undefined ? ` (server: ${cleanServerText(server, 60)})` : '';
  return new ApiError({
    kind: 'network',
    status,
    code: status === 401 ? 'EPATH401' : 'EPATH403',
    message:
      `${context.host}${by} answered the token request with HTTP ${status} and ${what}, not with ${context.service}'s JSON: ` +
      `a gateway or proxy on the way to ${context.host} refused the request, which says nothing about the credentials. ` +
      'Try again; if it goes on, check the network path (proxy, VPN, gateway) to the sign-in service.',
    troubleshootingId: troubleshootingIdOf(exchange.headers)
  });
}

/** Everything the transport mapping needs to phrase a message. */
export interface TransportContext extends ServiceContext {
  /** The idle timeout: how long the exchange may go without a byte in either direction. */
  readonly timeoutMs: number;
  /** How long opening the connection (to the server or to the proxy, tunnel included) may take. */
  readonly connectTimeoutMs?: number;
  readonly maxResponseBytes: number;
  /** True when one of our own timeouts fired (as opposed to the caller cancelling). */
  readonly timedOut: boolean;
  /** Which timeout fired: the connection could not be opened in time, or the exchange went quiet. */
  readonly timeoutPhase?: 'connect' | 'idle';
  /** The proxy VS Code's proxy support failed to connect to, and the error code it got, when it reported one. */
  readonly proxyFailure?: { readonly proxy: string; readonly code?: string };
}

const TIMEOUT_CODES = new Set(['ECONNABORTED', 'ETIMEDOUT', 'ESOCKETTIMEDOUT', 'UND_ERR_CONNECT_TIMEOUT']);
const RESET_CODES = new Set(['ECONNRESET', 'EPIPE', 'ERR_STREAM_PREMATURE_CLOSE', 'ECONNABORTED_BY_PEER']);
const DNS_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_FAIL', 'EAI_NONAME', 'EAI_NODATA']);
const TLS_CODES = new Set([
  'CERT_HAS_EXPIRED',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'CERT_NOT_YET_VALID',
  'EPROTO'
]);

interface ErrorFacts {
  readonly codes: readonly string[];
  readonly messages: readonly string[];
  readonly cancelled: boolean;
}

/** Walks an error, its `cause` chain and AggregateError members, collecting codes and messages. */
function collectFacts(err: unknown): ErrorFacts {
  const codes: string[] = [];
  const messages: string[] = [];
  let cancelled = false;
  const seen = new Set<unknown>();
  const queue: unknown[] = [err];
  while (queue.length > 0 && seen.size < 20) {
    const current = queue.shift();
    if (typeof current !== 'object' || current === null || seen.has(current)) {
      continue;
    }
    seen.add(current);
    const record = current as { code?: unknown; message?: unknown; name?: unknown; cause?: unknown; errors?: unknown };
    if (typeof record.code === 'string') {
      codes.push(record.code);
    }
    if (typeof record.message === 'string' && record.message !== '') {
      messages.push(record.message);
    }
    if (record.name === 'CanceledError' || record.name === 'AbortError' || record.code === 'ERR_CANCELED') {
      cancelled = true;
    }
    queue.push(record.cause);
    if (Array.isArray(record.errors)) {
      queue.push(...(record.errors as unknown[]));
    }
  }
  return { codes, messages, cancelled };
}

/** Maps an error thrown before a complete HTTP answer arrived (connect, DNS, timeout, size, cancel, proxy). */
export function mapTransportError(err: unknown, context: TransportContext): ApiError {
  if (isApiError(err)) {
    return err;
  }
  const facts = collectFacts(err);
  const has = (set: ReadonlySet<string>): string | undefined => facts.codes.find((code) => set.has(code));
  const seconds = formatSeconds(context.timeoutMs);
  if (context.timedOut && context.timeoutPhase === 'connect') {
    const within = formatSeconds(context.connectTimeoutMs ?? context.timeoutMs);
    if (context.proxy !== undefined) {
      return proxyConnectError(context.proxy, `no tunnel to ${context.host} within ${within}`, 'ETIMEDOUT');
    }
    return new ApiError({
      kind: 'timeout',
      code: 'ETIMEDOUT',
      message: `Could not connect to ${context.service} (${context.host}) within ${within}. Check your network connection and the URL setting.`
    });
  }
  if (context.timedOut) {
    return new ApiError({ kind: 'timeout', message: `${capitalise(context.service)} (${context.host}) did not answer within ${seconds}.` });
  }
  // VS Code's proxy support reports a proxy it could not use so ("Failed to establish a socket connection to
  // proxies: PROXY host:port"); the 'proxy' event it emits on the request carries the cause.
  const proxyMessage = facts.messages.find((m) => /socket connection to proxies/i.test(m));
  if (context.proxyFailure !== undefined || proxyMessage !== undefined) {
    const proxy = context.proxyFailure?.proxy ?? proxyLabel(proxyMessage?.replace(/^.*socket connection to proxies:\s*/i, '')) ?? context.proxy ?? 'set in VS Code';
    return proxyConnectError(proxy, 'the connection failed', context.proxyFailure?.code ?? 'EPROXY');
  }
  // Through a proxy, the only connection the client opens is the one to the proxy.
  const connectCode = facts.codes.find((code) => code === 'ECONNREFUSED' || DNS_CODES.has(code));
  if (context.proxy !== undefined && connectCode !== undefined) {
    return proxyConnectError(context.proxy, 'the connection failed', connectCode);
  }
  if (facts.messages.some((m) => /maxContentLength size of .* exceeded/i.test(m))) {
    return new ApiError({
      kind: 'tooLarge',
      message: `The answer from ${context.service} (${context.host}) was larger than the ${formatBytes(context.maxResponseBytes)} limit and was not read.`
    });
  }
  if (facts.cancelled) {
    return cancelledError();
  }
  const timeoutCode = has(TIMEOUT_CODES);
  if (timeoutCode !== undefined) {
    return new ApiError({ kind: 'timeout', code: timeoutCode, message: `${capitalise(context.service)} (${context.host}) did not answer within ${seconds}.` });
  }
  if (facts.codes.includes('ECONNREFUSED')) {
    return new ApiError({
      kind: 'network',
      code: 'ECONNREFUSED',
      message: `Could not connect to ${context.service} at ${context.host}: the connection was refused. Check the URL setting and that the service is reachable.`
    });
  }
  const dnsCode = has(DNS_CODES);
  if (dnsCode !== undefined) {
    return new ApiError({
      kind: 'network',
      code: dnsCode,
      message: `Could not find the host ${context.host} (DNS lookup failed: ${dnsCode}). Check the URL setting and your network connection.`
    });
  }
  const tlsCode = has(TLS_CODES);
  if (tlsCode !== undefined) {
    return new ApiError({
      kind: 'network',
      code: tlsCode,
      message: `The secure connection to ${context.host} failed (${tlsCode}). The server certificate could not be verified; a proxy or firewall may be intercepting the connection.`
    });
  }
  const resetCode = has(RESET_CODES);
  const hungUp = facts.messages.some((m) => /socket hang up|stream has been aborted|aborted|premature close/i.test(m));
  if (resetCode !== undefined || hungUp) {
    return new ApiError({
      kind: 'network',
      code: resetCode ?? 'ECONNRESET',
      message: `The connection to ${context.service} (${context.host}) was closed before the answer was complete. Try again.`
    });
  }
  const code = facts.codes.find((c) => /^[A-Z][A-Z0-9_]{2,40}$/.test(c));
  const firstMessage = facts.messages[0];
  const detail = firstMessage !== undefined ? `: ${cleanServerText(firstMessage, 200)}` : '.';
  return new ApiError({ kind: 'network', code, message: `Could not reach ${context.service} (${context.host})${detail}` });
}

function proxyConnectError(proxy: string, what: string, code: string): ApiError {
  const detail = code !== 'EPROXY' ? ` (${code})` : '';
  return new ApiError({
    kind: 'network',
    code: code === 'ETIMEDOUT' ? 'EPROXYTIMEOUT' : 'EPROXY',
    message: `Could not connect to the proxy ${proxy}: ${what}${detail}. Check the proxy setting (${PROXY_SETTING}).`,
    setting: PROXY_SETTING
  });
}

export function capitalise(text: string): string {
  return text.length === 0 ? text : text[0].toUpperCase() + text.slice(1);
}

function formatSeconds(ms: number): string {
  const seconds = ms / 1000;
  if (seconds >= 1) {
    return `${Number.isInteger(seconds) ? seconds : seconds.toFixed(1)} s`;
  }
  return `${ms} ms`;
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) {
    const mb = bytes / (1024 * 1024);
    return `${Number.isInteger(mb) ? mb : mb.toFixed(1)} MB`;
  }
  if (bytes >= 1024) {
    return `${Math.round(bytes / 1024)} KB`;
  }
  return `${bytes} bytes`;
}
