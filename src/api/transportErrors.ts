// Turns an error thrown before a complete HTTP answer arrived (connect, DNS, TLS, timeout, size, cancel, proxy) into
// an ApiError with a readable sentence. No axios import: transport errors are recognised by their `code`.
import * as l10n from '@vscode/l10n';
import { ApiError, cancelledError, isApiError } from './errors';
import { capitalise, formatSize } from '../util/format';
import { cleanServerText, serverDetail, ServiceContext } from './httpAnswer';

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
      return proxyConnectError(context.proxy, l10n.t('no tunnel to {0} within {1}', context.host, within), 'ETIMEDOUT');
    }
    return new ApiError({
      kind: 'timeout',
      code: 'ETIMEDOUT',
      message: l10n.t('Could not connect to {0} ({1}) within {2}. Check your network connection and the URL setting.', context.service, context.host, within)
    });
  }
  if (context.timedOut) {
    return new ApiError({ kind: 'timeout', message: l10n.t('{0} ({1}) did not answer within {2}.', capitalise(context.service), context.host, seconds) });
  }
  // VS Code's proxy support reports a proxy it could not use so ("Failed to establish a socket connection to
  // proxies: PROXY host:port"); the 'proxy' event it emits on the request carries the cause.
  const proxyMessage = facts.messages.find((m) => /socket connection to proxies/i.test(m));
  if (context.proxyFailure !== undefined || proxyMessage !== undefined) {
    const proxy = context.proxyFailure?.proxy ?? proxyLabel(proxyMessage?.replace(/^.*socket connection to proxies:\s*/i, '')) ?? context.proxy ?? l10n.t('set in VS Code');
    return proxyConnectError(proxy, l10n.t('the connection failed'), context.proxyFailure?.code ?? 'EPROXY');
  }
  // Through a proxy, the only connection the client opens is the one to the proxy.
  const connectCode = facts.codes.find((code) => code === 'ECONNREFUSED' || DNS_CODES.has(code));
  if (context.proxy !== undefined && connectCode !== undefined) {
    return proxyConnectError(context.proxy, l10n.t('the connection failed'), connectCode);
  }
  if (facts.messages.some((m) => /maxContentLength size of .* exceeded/i.test(m))) {
    return new ApiError({
      kind: 'tooLarge',
      message: l10n.t('The answer from {0} ({1}) was larger than the {2} limit and was not read.', context.service, context.host, formatSize(context.maxResponseBytes))
    });
  }
  if (facts.cancelled) {
    return cancelledError();
  }
  const timeoutCode = has(TIMEOUT_CODES);
  if (timeoutCode !== undefined) {
    return new ApiError({ kind: 'timeout', code: timeoutCode, message: l10n.t('{0} ({1}) did not answer within {2}.', capitalise(context.service), context.host, seconds) });
  }
  if (facts.codes.includes('ECONNREFUSED')) {
    return new ApiError({
      kind: 'network',
      code: 'ECONNREFUSED',
      message: l10n.t('Could not connect to {0} at {1}: the connection was refused. Check the URL setting and that the service is reachable.', context.service, context.host)
    });
  }
  const dnsCode = has(DNS_CODES);
  if (dnsCode !== undefined) {
    return new ApiError({
      kind: 'network',
      code: dnsCode,
      message: l10n.t('Could not find the host {0} (DNS lookup failed: {1}). Check the URL setting and your network connection.', context.host, dnsCode)
    });
  }
  const tlsCode = has(TLS_CODES);
  if (tlsCode !== undefined) {
    return new ApiError({
      kind: 'network',
      code: tlsCode,
      message: l10n.t('The secure connection to {0} failed ({1}). The server certificate could not be verified; a proxy or firewall may be intercepting the connection.', context.host, tlsCode)
    });
  }
  const resetCode = has(RESET_CODES);
  const hungUp = facts.messages.some((m) => /socket hang up|stream has been aborted|aborted|premature close/i.test(m));
  if (resetCode !== undefined || hungUp) {
    return new ApiError({
      kind: 'network',
      code: resetCode ?? 'ECONNRESET',
      message: l10n.t('The connection to {0} ({1}) was closed before the answer was complete. Try again.', context.service, context.host)
    });
  }
  const code = facts.codes.find((c) => /^[A-Z][A-Z0-9_]{2,40}$/.test(c));
  const firstMessage = facts.messages[0];
  const detail = serverDetail(firstMessage !== undefined ? cleanServerText(firstMessage, 200) : undefined);
  return new ApiError({ kind: 'network', code, message: l10n.t('Could not reach {0} ({1}){2}', context.service, context.host, detail) });
}

function proxyConnectError(proxy: string, what: string, code: string): ApiError {
  const detail = code !== 'EPROXY' ? ` (${code})` : '';
  return new ApiError({
    kind: 'network',
    code: code === 'ETIMEDOUT' ? 'EPROXYTIMEOUT' : 'EPROXY',
    message: l10n.t('Could not connect to the proxy {0}: {1}{2}. Check the proxy setting ({3}).', proxy, what, detail, PROXY_SETTING),
    setting: PROXY_SETTING
  });
}

function formatSeconds(ms: number): string {
  const seconds = ms / 1000;
  if (seconds >= 1) {
    return `${Number.isInteger(seconds) ? seconds : seconds.toFixed(1)} s`;
  }
  return `${ms} ms`;
}
