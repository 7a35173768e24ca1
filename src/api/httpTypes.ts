// What HttpClient takes and gives: the request (method, path, body), its options, and the two kinds of answer (text
// read whole, or a 2xx body handed over as a stream).
import type { Readable } from 'stream';
import type { Logger } from './types';
import type { MultipartPart } from './multipart';

export type { MultipartPart };

export type HttpMethod = 'GET' | 'POST' | 'DELETE';

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
