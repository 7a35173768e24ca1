// The one place that talks HTTP: an axios instance configured for this extension, plus logging and timeouts.
// It returns every HTTP status as data; only transport failures (connect, DNS, timeout, size, cancel) throw.
//
// Proxies: this file sets none. VS Code's extension host patches Node's http/https for extensions and routes each
// request by `http.proxySupport`, `http.proxy`, `http.noProxy`, HTTP(S)_PROXY/NO_PROXY and the system proxy; passing
// no agent is what lets it do so in every mode (with an agent of ours, the "on" mode would leave our agent alone).
// `proxy: false` keeps axios from applying HTTP(S)_PROXY a second time on top of VS Code.
import * as l10n from '@vscode/l10n';
import * as http from 'http';
import * as https from 'https';
import { PassThrough, Readable } from 'stream';
import axios, { AxiosInstance, AxiosResponse, RawAxiosRequestHeaders } from 'axios';
import type { Logger } from './types';
import { ApiError, cancelledError } from './errors';
import { mapTransportError, proxyLabel } from './transportErrors';
import { troubleshootingIdOf } from './httpAnswer';
import { capitalise } from '../util/format';
import { redactForm, sanitizeForLog } from '../util/redact';
import { encodeMultipart, type MultipartPart } from './multipart';

/** Longest wait for a connection (to the server, or to the proxy with its tunnel). */
export const DEFAULT_CONNECT_TIMEOUT_MS = 10_000;
/** Longest time an exchange may go without a byte in either direction; a slow but steady transfer never hits it. */
export const DEFAULT_TIMEOUT_MS = 15_000;
export const DEFAULT_MAX_RESPONSE_BYTES = 5 * 1024 * 1024;
/**
 * Once a request body is fully handed to the operating system, its last bytes may still sit in the socket's send
 * buffer (several MB) and drain at the link's pace, with no event this side. The idle timeout is then extended by
 * the time those bytes take at this rate, the slowest upload still considered flowing…
 */
export const MIN_UPLOAD_RATE = 64 * 1024;
/** …counting at most this much as buffered (above what any send buffer holds). */
const MAX_BUFFERED_UPLOAD = 16 * 1024 * 1024;
const USER_AGENT = 'axway-support-cases-vscode';

export type HttpMethod = 'GET' | 'POST' | 'DELETE';

export type { MultipartPart } from './multipart';

export type RequestBody =
  | { readonly kind: 'form'; readonly fields: Readonly<Record<string, string>> }
  | { readonly kind: 'json'; readonly value: unknown }
  | {
      readonly kind: 'multipart';
      readonly parts: readonly MultipartPart[];
      /** Checked on each file part before anything is sent. */
      readonly fileLimits?: { readonly maxBytes: number; readonly refuseEmpty: boolean };
    };

export interface HttpClientOptions {
  /** Absolute base URL; request paths are appended to it. */
  readonly baseUrl: string;
  /** Human name for messages, e.g. "the Support API". */
  readonly service: string;
  readonly logger: Logger;
  /** Idle timeout: no byte sent or received for this long ends the exchange. */
  readonly timeoutMs?: number;
  readonly connectTimeoutMs?: number;
  /** Largest text answer read into memory (streamed answers have no limit here: the caller decides). */
  readonly maxResponseBytes?: number;
  /** Values that must never reach a log line or a message (client secret, current tokens). */
  readonly secrets?: () => readonly (string | undefined)[];
}

export interface HttpRequest {
  readonly method: HttpMethod;
  /** Path (and already-encoded query) relative to the base URL, e.g. `/case?limit=20`. */
  readonly path: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: RequestBody;
  readonly signal?: AbortSignal;
  /** Multipart uploads: bytes of the body produced so far (read from disk) and its total length. */
  readonly onUploadProgress?: (sentBytes: number, totalBytes: number) => void;
}

interface ResponseMeta {
  readonly status: number;
  /** Lower-case names. */
  readonly headers: Readonly<Record<string, string | undefined>>;
  readonly troubleshootingId?: string;
  /** host:port of the proxy VS Code sent the request through; undefined when it went direct. */
  readonly proxy?: string;
}

export interface HttpResponse extends ResponseMeta {
  readonly body: string;
  readonly durationMs: number;
}

/** A 2xx answer whose body is handed over as a stream; the caller reads (pipes) it or destroys it. */
export interface StreamedResponse extends ResponseMeta {
  readonly streamed: true;
  /** Errors with an ApiError ('timeout' when the server goes quiet, 'cancelled', 'network' when cut). */
  readonly body: Readable;
  /** From Content-Length, when the server sent a valid one. */
  readonly contentLength?: number;
  /** From Content-Disposition, exactly as the server named the file (the caller must sanitise it). */
  readonly filename?: string;
}

/** What one request learnt while it ran, for messages and the choice of error. */
interface ExchangeState {
  timedOut?: 'connect' | 'idle';
  proxy?: string;
  proxyFailure?: { readonly proxy: string; readonly code?: string };
  /** Set once the response stream was handed to the caller: later failures go to that stream. */
  delivered?: PassThrough;
  /** X-Troubleshooting-ID of an answer whose head arrived: a body that then fails (reset, too large) still names it. */
  troubleshootingId?: string;
  /** The request body itself failed (a file changed or vanished while it was sent): that, not the transport, is the error. */
  bodyError?: ApiError;
  /** Bytes of the request body (when known), for the send-buffer allowance. */
  bodyBytes?: number;
  /** The response head arrived. */
  answered?: boolean;
  /** The whole request (body included) was handed to the operating system: the server may have acted on it. */
  sent?: boolean;
}

type TransportRequest = (options: http.RequestOptions, callback: (res: http.IncomingMessage) => void) => http.ClientRequest;

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
      const { data, headers } = await this.encodeBody(request, line, state);
      const response = await this.axios.request<unknown>({
        method: request.method,
        url: request.path,
        headers: { Accept: 'application/json', ...headers, ...request.headers },
        data,
        signal: controller.signal,
        // The idle timeout: axios arms it on the socket once connected, so it resets with every byte either way.
        timeout: this.timeoutMs,
        transport: { request: this.transport(state, controller) },
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

  /**
   * Wraps Node's http/https request (the module objects VS Code patches for proxies) to see each request's socket:
   * a connect timer runs until the socket is connected, and VS Code's proxy agent reports on the request which
   * proxy it used (the 'proxy' event of @vscode/proxy-agent), so messages can name it.
   */
  private transport(state: ExchangeState, controller: AbortController): TransportRequest {
    return (options, callback) => {
      const module = options.protocol === 'https:' ? https : http;
      const req = module.request(options, callback);
      const connectTimer = setTimeout(() => {
        state.timedOut = 'connect';
        controller.abort();
      }, this.connectTimeoutMs);
      const connected = (): void => clearTimeout(connectTimer);
      req.on('socket', (socket) => {
        if ((socket as { connecting?: boolean }).connecting === true) {
          socket.once('connect', connected);
        } else {
          connected();
        }
      });
      req.on('response', (res: http.IncomingMessage) => {
        state.answered = true;
        state.troubleshootingId = troubleshootingIdOf(flattenHeaders(res.headers));
      });
      // The whole body is with the OS: give its buffered tail time to drain (see MIN_UPLOAD_RATE), then the answer
      // is held to the plain idle timeout again. A server that stops reading earlier still stalls the writes and
      // times out as usual.
      req.once('finish', () => {
        state.sent = true;
        const drainMs = Math.ceil((Math.min(state.bodyBytes ?? 0, MAX_BUFFERED_UPLOAD) / MIN_UPLOAD_RATE) * 1000);
        if (state.answered === true || drainMs <= 0) {
          return;
        }
        req.setTimeout(this.timeoutMs + drainMs);
        req.once('response', () => req.setTimeout(this.timeoutMs));
      });
      req.on('proxy', (event: unknown) => {
        const { proxy, error } = (event ?? {}) as { proxy?: unknown; error?: unknown };
        const label = proxyLabel(typeof proxy === 'string' ? proxy : undefined);
        if (label === undefined) {
          return;
        }
        state.proxy = label;
        if (error !== undefined) {
          const code = (error as { code?: unknown }).code;
          state.proxyFailure = { proxy: label, code: typeof code === 'string' ? code : undefined };
        }
      });
      req.on('timeout', () => {
        state.timedOut ??= 'idle';
        // Before the answer, axios turns the timeout into an error; after it, the caller's stream must hear of it.
        const delivered = state.delivered;
        if (delivered !== undefined && !delivered.writableEnded) {
          delivered.destroy(this.idleError());
          req.destroy();
        }
      });
      req.once('close', connected);
      return req;
    };
  }

  private async encodeBody(request: HttpRequest, line: string, state: ExchangeState): Promise<{ data?: unknown; headers: RawAxiosRequestHeaders }> {
    const body = request.body;
    if (body === undefined) {
      return { headers: {} };
    }
    if (body.kind === 'form') {
      const text = new URLSearchParams(body.fields).toString();
      this.logger.trace(`${line} body: ${this.clean(redactForm(text))}`);
      return { data: text, headers: { 'Content-Type': 'application/x-www-form-urlencoded' } };
    }
    if (body.kind === 'json') {
      const text = JSON.stringify(body.value);
      this.logger.trace(`${line} body: ${this.clean(text)}`);
      return { data: text, headers: { 'Content-Type': 'application/json' } };
    }
    const encoded = await encodeMultipart(body.parts, {
      fileLimits: body.fileLimits,
      onProgress: request.onUploadProgress,
      onError: (error) => {
        state.bodyError = error;
      }
    });
    state.bodyBytes = encoded.length;
    this.logger.trace(`${line} multipart: ${this.clean(encoded.description)}`);
    return { data: encoded.stream, headers: { 'Content-Type': encoded.contentType, 'Content-Length': String(encoded.length) } };
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

/** Reads a (small) error body of a streamed request as text, stopping at the limit. */
async function readText(source: Readable, limit: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of source) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buffer.length;
    if (size > limit) {
      source.destroy();
      break;
    }
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** The file name of a Content-Disposition header: RFC 5987 `filename*` first, then `filename`. */
export function filenameOf(disposition: string | undefined): string | undefined {
  if (disposition === undefined) {
    return undefined;
  }
  const extended = /filename\*\s*=\s*([^']*)'[^']*'([^;]+)/i.exec(disposition);
  if (extended) {
    try {
      return decodeURIComponent(extended[2].trim());
    } catch {
      // Fall back to the plain parameter.
    }
  }
  const plain = /filename\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;]+))/i.exec(disposition);
  if (!plain) {
    return undefined;
  }
  return plain[1] !== undefined ? plain[1].replace(/\\(.)/g, '$1') : plain[2].trim();
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
