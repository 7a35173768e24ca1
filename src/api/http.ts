// The one place that talks HTTP: an axios instance configured for this extension, plus logging and deadlines.
// It returns every HTTP status as data; only transport failures (connect, DNS, timeout, size, cancel) throw.
import axios, { AxiosInstance, AxiosResponse } from 'axios';
import type { Logger } from './types';
import { ApiError } from './errors';
import { mapTransportError, ProxyError, troubleshootingIdOf } from './errorMapping';
import { bypassesProxy, createProxyAgents, ProxyConfig } from './proxyAgent';
import { redactForm, sanitizeForLog } from '../util/redact';

export const DEFAULT_TIMEOUT_MS = 15_000;
export const DEFAULT_MAX_RESPONSE_BYTES = 5 * 1024 * 1024;
const USER_AGENT = 'axway-support-cases-vscode';

export interface HttpClientOptions {
  /** Absolute base URL; request paths are appended to it. */
  readonly baseUrl: string;
  /** Human name for messages, e.g. "the Support API". */
  readonly service: string;
  readonly logger: Logger;
  readonly timeoutMs?: number;
  readonly maxResponseBytes?: number;
  readonly proxy?: ProxyConfig;
  /** Values that must never reach a log line or a message (client secret, current tokens). */
  readonly secrets?: () => readonly (string | undefined)[];
}

export interface HttpRequest {
  readonly method: 'GET' | 'POST';
  /** Path (and already-encoded query) relative to the base URL, e.g. `/case?limit=20`. */
  readonly path: string;
  readonly headers?: Readonly<Record<string, string>>;
  /** Form or JSON text; logged only in redacted form. */
  readonly body?: string;
  readonly signal?: AbortSignal;
}

export interface HttpResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string | undefined>>;
  readonly body: string;
  readonly troubleshootingId?: string;
  readonly durationMs: number;
}

export class HttpClient {
  readonly timeoutMs: number;
  readonly maxResponseBytes: number;
  /** host[:port] of the base URL, for messages. */
  readonly host: string;
  readonly service: string;
  /** host:port of the proxy requests to this host go through, for messages; undefined when they go direct. */
  readonly proxyLabel: string | undefined;
  private readonly basePath: string;
  private readonly axios: AxiosInstance;
  private readonly logger: Logger;
  private readonly secrets: () => readonly (string | undefined)[];

  constructor(options: HttpClientOptions) {
    const base = new URL(options.baseUrl);
    this.host = base.host;
    this.service = options.service;
    this.basePath = base.pathname.replace(/\/+$/, '');
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.maxResponseBytes = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
    this.logger = options.logger;
    this.secrets = options.secrets ?? (() => []);
    const agents = options.proxy !== undefined ? proxyAgentsOrConfigError(options.proxy) : undefined;
    const port = base.port !== '' ? Number(base.port) : base.protocol === 'https:' ? 443 : 80;
    this.proxyLabel = agents !== undefined && !bypassesProxy(base.hostname, port, options.proxy?.noProxy) ? agents.label : undefined;
    this.axios = axios.create({
      baseURL: `${base.origin}${this.basePath}`,
      timeout: this.timeoutMs,
      maxContentLength: this.maxResponseBytes,
      maxBodyLength: this.maxResponseBytes,
      maxRedirects: 0,
      // Proxying is explicit (the `proxy` option); axios must not pick up HTTP(S)_PROXY on its own.
      proxy: false,
      httpAgent: agents?.httpAgent,
      httpsAgent: agents?.httpsAgent,
      // Every status is data: mapping happens in one place with the body in hand.
      validateStatus: () => true,
      // Parse JSON ourselves so HTML pages and truncated bodies become readable 'parse' errors.
      responseType: 'text',
      transformResponse: [(data: unknown) => data],
      transitional: { clarifyTimeoutError: true, silentJSONParsing: false, forcedJSONParsing: false },
      headers: { 'User-Agent': USER_AGENT, Accept: 'application/json' }
    });
  }

  async request(request: HttpRequest): Promise<HttpResponse> {
    const started = Date.now();
    const deadline = new AbortController();
    let timedOut = false;
    // axios' own timeout covers connect and idle sockets; this one bounds the whole exchange (slow drips too).
    const timer = setTimeout(() => {
      timedOut = true;
      deadline.abort();
    }, this.timeoutMs);
    const onCallerAbort = (): void => deadline.abort();
    if (request.signal?.aborted) {
      clearTimeout(timer);
      throw new ApiError({ kind: 'cancelled', message: 'The request was cancelled.' });
    }
    request.signal?.addEventListener('abort', onCallerAbort, { once: true });
    const line = `${request.method} ${this.basePath}${this.safePath(request.path)}`;
    if (request.body !== undefined) {
      this.logger.trace(`${line} body: ${this.clean(redactForm(request.body))}`);
    }
    let response: AxiosResponse<unknown>;
    try {
      response = await this.axios.request<unknown>({
        method: request.method,
        url: request.path,
        headers: request.headers !== undefined ? { ...request.headers } : undefined,
        data: request.body,
        signal: deadline.signal
      });
    } catch (err) {
      const mapped = mapTransportError(err, {
        service: this.service,
        host: this.host,
        proxy: this.proxyLabel,
        timeoutMs: this.timeoutMs,
        maxResponseBytes: this.maxResponseBytes,
        timedOut
      });
      const logged = new ApiError({ ...mapped, message: this.clean(mapped.message) });
      // A cancel is the caller's choice (e.g. a newer refresh), not a problem worth a warning.
      const text = `${line} failed after ${Date.now() - started} ms: ${logged.message}`;
      if (logged.kind === 'cancelled') {
        this.logger.debug(text);
      } else {
        this.logger.warn(text);
      }
      throw logged;
    } finally {
      clearTimeout(timer);
      request.signal?.removeEventListener('abort', onCallerAbort);
    }
    const headers = flattenHeaders(response.headers);
    // responseType 'text' with no transform: the body is a string (or absent).
    const body = typeof response.data === 'string' ? response.data : '';
    const troubleshootingId = troubleshootingIdOf(headers);
    const durationMs = Date.now() - started;
    const summary = `${line} ${response.status} ${durationMs} ms${troubleshootingId !== undefined ? ` tid=${troubleshootingId}` : ''}`;
    if (response.status >= 400) {
      this.logger.warn(summary);
    } else {
      this.logger.info(summary);
    }
    return { status: response.status, headers, body, troubleshootingId, durationMs };
  }

  /** Scrubs pattern-based and known secrets from text bound for logs or messages. */
  clean(text: string): string {
    return sanitizeForLog(text, this.secrets());
  }

  private safePath(path: string): string {
    return this.clean(redactForm(path));
  }
}

function proxyAgentsOrConfigError(proxy: ProxyConfig): ReturnType<typeof createProxyAgents> {
  try {
    return createProxyAgents(proxy);
  } catch (err) {
    const message = err instanceof ProxyError ? err.message : 'The proxy setting could not be used.';
    throw new ApiError({ kind: 'config', message });
  }
}

function flattenHeaders(raw: Record<string, unknown>): Record<string, string | undefined> {
  const result: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(raw)) {
    if (Array.isArray(value)) {
      result[name.toLowerCase()] = value.map(String).join(', ');
    } else if (value !== undefined && value !== null) {
      result[name.toLowerCase()] = typeof value === 'object' ? JSON.stringify(value) : `${value as string | number | boolean}`;
    }
  }
  return result;
}
