// The one place that talks HTTP: an axios instance configured for this extension, plus logging and timeouts.
// It returns every HTTP status as data; only transport failures (connect, DNS, timeout, size, cancel) throw.
//
// Proxies: this file sets none. VS Code's extension host patches Node's http/https for extensions and routes each
// request by `http.proxySupport`, `http.proxy`, `http.noProxy`, HTTP(S)_PROXY/NO_PROXY and the system proxy; passing
// no agent is what lets it do so in every mode (with an agent of ours, the "on" mode would leave our agent alone).
// `proxy: false` keeps axios from applying HTTP(S)_PROXY a second time on top of VS Code.
import * as l10n from '@vscode/l10n';
import { PassThrough, Readable } from 'stream';
import axios, { AxiosInstance, AxiosResponse } from 'axios';
import type { Logger } from './types';
import { ApiError, cancelledError } from './errors';
import { mapTransportError } from './transportErrors';
import { troubleshootingIdOf } from './httpAnswer';
import { capitalise } from '../util/format';
import { redactForm, sanitizeForLog } from '../util/redact';
import type { HttpClientOptions, HttpRequest, HttpResponse, StreamedResponse } from './httpTypes';
import { encodeBody, filenameOf, readText } from './httpBodies';
import { flattenHeaders, watchedTransport, type ExchangeState } from './watchedTransport';

// Re-exported: callers build requests and read answers with the client's own types.
export type { HttpClientOptions, HttpMethod, HttpRequest, HttpResponse, MultipartPart, RequestBody, StreamedResponse } from './httpTypes';
export { filenameOf } from './httpBodies';

/** Longest wait for a connection (to the server, or to the proxy with its tunnel). */
export const DEFAULT_CONNECT_TIMEOUT_MS = 10_000;
/** Longest time an exchange may go without a byte in either direction; a slow but steady transfer never hits it. */
export const DEFAULT_TIMEOUT_MS = 15_000;
export const DEFAULT_MAX_RESPONSE_BYTES = 5 * 1024 * 1024;
const USER_AGENT = 'axway-support-cases-vscode';

export class HttpClient {
  readonly timeoutMs: number;
  readonly connectTimeoutMs: number;
  readonly maxResponseBytes: number;
  /** host[:port] of the base URL, for messages. */
  readonly host: string;
  readonly service: string;
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
    this.connectTimeoutMs = options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS;
    this.maxResponseBytes = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
    this.logger = options.logger;
    this.secrets = options.secrets ?? (() => []);
    this.axios = axios.create({
      baseURL: `${base.origin}${this.basePath}`,
      maxRedirects: 0,
      // VS Code routes requests through proxies (see the top of the file); axios must not add its own.
      proxy: false,
      // Every status is data: mapping happens in one place with the body in hand.
      validateStatus: () => true,
      transitional: { clarifyTimeoutError: true, silentJSONParsing: false, forcedJSONParsing: false },
      headers: { 'User-Agent': USER_AGENT }
    });
  }

  /** Sends a request and reads the whole answer as text (bounded by maxResponseBytes). */
  async request(request: HttpRequest): Promise<HttpResponse> {
    const started = Date.now();
    const { response, state } = await this.send(request, 'text', started);
    const headers = flattenHeaders(response.headers);
    // responseType 'text' with no transform: the body is a string (or absent).
    const body = typeof response.data === 'string' ? response.data : '';
    const troubleshootingId = troubleshootingIdOf(headers);
    const durationMs = Date.now() - started;
    this.logAnswer(request, response.status, durationMs, troubleshootingId);
    return { status: response.status, headers, body, troubleshootingId, durationMs, proxy: state.proxy };
  }

  /**
   * Sends a request and hands a 2xx body over as a stream (downloads): the idle timeout and the caller's signal keep
   * applying while the caller reads it. Any other status is read as text, so it maps to an error like request().
   */
  async stream(request: HttpRequest): Promise<StreamedResponse | HttpResponse> {
    const started = Date.now();
    const { response, state, release } = await this.send({ ...request, headers: { 'Accept-Encoding': 'identity', ...request.headers } }, 'stream', started);
    const headers = flattenHeaders(response.headers);
    const troubleshootingId = troubleshootingIdOf(headers);
    const source = response.data as Readable;
    if (response.status < 200 || response.status > 299) {
      const body = await readText(source, this.maxResponseBytes).catch(() => '').finally(release);
      const durationMs = Date.now() - started;
      this.logAnswer(request, response.status, durationMs, troubleshootingId);
      return { status: response.status, headers, body, troubleshootingId, durationMs, proxy: state.proxy };
    }
    this.logAnswer(request, response.status, Date.now() - started, troubleshootingId);
    const body = new PassThrough();
    state.delivered = body;
    source.on('error', (err: unknown) => {
      if (!body.destroyed) {
        body.destroy(this.streamError(err, state, request.signal));
      }
    });
    // A caller that stops reading early (destroys its end) must not leave the download running.
    body.on('close', () => {
      release();
      source.destroy();
    });
    source.pipe(body);
    const length = Number(headers['content-length']);
    return {
      streamed: true,
      status: response.status,
      headers,
      troubleshootingId,
      proxy: state.proxy,
      body,
      contentLength: headers['content-length'] !== undefined && Number.isSafeInteger(length) && length >= 0 ? length : undefined,
      filename: filenameOf(headers['content-disposition'])
    };
  }

  /** Scrubs pattern-based and known secrets from text bound for logs or messages. */
  clean(text: string): string {
    return sanitizeForLog(text, this.secrets());
  }

  /**
   * Runs one exchange up to the response headers (text: to the end of the body). `release` detaches the caller's
   * signal: at once for text, when the body stream closes for streams, since cancelling must reach a running download.
   */
  private async send(request: HttpRequest, responseType: 'text' | 'stream', started: number): Promise<{ response: AxiosResponse<unknown>; state: ExchangeState; release: () => void }> {
    if (request.signal?.aborted) {
      throw cancelledError();
    }
    const state: ExchangeState = {};
    const controller = new AbortController();
    const onCallerAbort = (): void => {
      controller.abort();
      state.delivered?.destroy(cancelledError());
    };
    const release = (): void => request.signal?.removeEventListener('abort', onCallerAbort);
    request.signal?.addEventListener('abort', onCallerAbort, { once: true });
    const line = `${request.method} ${this.basePath}${this.safePath(request.path)}`;
    try {
      const { data, headers } = await encodeBody(request, state, (what, text) => this.logger.trace(`${line} ${what}: ${this.clean(text)}`));
      const response = await this.axios.request<unknown>({
        method: request.method,
        url: request.path,
        headers: { Accept: 'application/json', ...headers, ...request.headers },
        data,
        signal: controller.signal,
        // The idle timeout: axios arms it on the socket once connected, so it resets with every byte either way.
        timeout: this.timeoutMs,
        transport: { request: watchedTransport(state, controller, { connectTimeoutMs: this.connectTimeoutMs, timeoutMs: this.timeoutMs, idleError: () => this.idleError() }) },
        responseType,
        // Text answers are parsed by us, so HTML pages and truncated bodies become readable 'parse' errors.
        transformResponse: [(value: unknown) => value],
        maxContentLength: responseType === 'text' ? this.maxResponseBytes : -1,
        maxBodyLength: -1,
        // Downloads keep the server's bytes (and Content-Length); JSON may come compressed.
        decompress: responseType === 'text'
      });
      if (responseType === 'text') {
        release();
      }
      return { response, state, release };
    } catch (err) {
      release();
      throw this.failed(err, state, line, started);
    }
  }

  private failed(err: unknown, state: ExchangeState, line: string, started: number): ApiError {
    const mapped = state.bodyError ?? mapTransportError(err, {
      service: this.service,
      host: this.host,
      proxy: state.proxy,
      timeoutMs: this.timeoutMs,
      connectTimeoutMs: this.connectTimeoutMs,
      maxResponseBytes: this.maxResponseBytes,
      timedOut: state.timedOut !== undefined,
      timeoutPhase: state.timedOut,
      proxyFailure: state.proxyFailure
    });
    const logged = new ApiError({
      ...mapped,
      message: this.clean(mapped.message),
      troubleshootingId: mapped.troubleshootingId ?? state.troubleshootingId,
      requestSent: state.sent === true
    });
    const text = `${line} failed after ${Date.now() - started} ms: ${logged.message}${logged.troubleshootingId !== undefined ? ` tid=${logged.troubleshootingId}` : ''}`;
    // A cancel is the caller's choice (e.g. a newer refresh), not a problem worth a warning.
    if (logged.kind === 'cancelled') {
      this.logger.debug(text);
    } else {
      this.logger.warn(text);
    }
    return logged;
  }

  /** The error a delivered stream fails with. */
  private streamError(err: unknown, state: ExchangeState, signal: AbortSignal | undefined): ApiError {
    if (signal?.aborted) {
      return cancelledError();
    }
    if (state.timedOut === 'idle') {
      return this.idleError();
    }
    const mapped = mapTransportError(err, {
      service: this.service,
      host: this.host,
      proxy: state.proxy,
      timeoutMs: this.timeoutMs,
      maxResponseBytes: this.maxResponseBytes,
      timedOut: false
    });
    return new ApiError({ ...mapped, message: this.clean(mapped.message) });
  }

  private idleError(): ApiError {
    return new ApiError({
      kind: 'timeout',
      code: 'ETIMEDOUT',
      message: l10n.t('{0} ({1}) stopped sending for {2} s; the transfer was stopped.', capitalise(this.service), this.host, this.timeoutMs / 1000)
    });
  }

  private logAnswer(request: HttpRequest, status: number, durationMs: number, troubleshootingId: string | undefined): void {
    const summary = `${request.method} ${this.basePath}${this.safePath(request.path)} ${status} ${durationMs} ms${troubleshootingId !== undefined ? ` tid=${troubleshootingId}` : ''}`;
    if (status >= 400) {
      this.logger.warn(summary);
    } else {
      this.logger.info(summary);
    }
  }

  private safePath(path: string): string {
    return this.clean(redactForm(path));
  }
}
