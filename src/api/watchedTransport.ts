// Watching one exchange at the socket: Node's http/https request (the module objects VS Code patches for proxies)
// wrapped so a connect timer runs until the socket connects, the idle timeout allows for an upload's buffered tail,
// the proxy VS Code used (or failed to use) is recorded, and a delivered stream hears of a timeout.
import * as http from 'http';
import * as https from 'https';
import type { PassThrough } from 'stream';
import type { ApiError } from './errors';
import { troubleshootingIdOf } from './httpAnswer';
import { proxyLabel } from './transportErrors';

/**
 * Once a request body is fully handed to the operating system, its last bytes may still sit in the socket's send
 * buffer (several MB) and drain at the link's pace, with no event this side. The idle timeout is then extended by
 * the time those bytes take at this rate, the slowest upload still considered flowing…
 */
export const MIN_UPLOAD_RATE = 64 * 1024;
/** …counting at most this much as buffered (above what any send buffer holds). */
const MAX_BUFFERED_UPLOAD = 16 * 1024 * 1024;

/** What one request learnt while it ran, for messages and the choice of error. */
export interface ExchangeState {
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

export type TransportRequest = (options: http.RequestOptions, callback: (res: http.IncomingMessage) => void) => http.ClientRequest;

/** The exchange's timeouts, and the error a delivered stream fails with when the idle timeout fires. */
export interface ExchangeTiming {
  readonly connectTimeoutMs: number;
  readonly timeoutMs: number;
  readonly idleError: () => ApiError;
}

/**
 * Wraps Node's http/https request (the module objects VS Code patches for proxies) to see each request's socket:
 * a connect timer runs until the socket is connected, and VS Code's proxy agent reports on the request which
 * proxy it used (the 'proxy' event of @vscode/proxy-agent), so messages can name it.
 */
export function watchedTransport(state: ExchangeState, controller: AbortController, timing: ExchangeTiming): TransportRequest {
  return (options, callback) => {
    const module = options.protocol === 'https:' ? https : http;
    const req = module.request(options, callback);
    const connectTimer = setTimeout(() => {
      state.timedOut = 'connect';
      controller.abort();
    }, timing.connectTimeoutMs);
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
      req.setTimeout(timing.timeoutMs + drainMs);
      req.once('response', () => req.setTimeout(timing.timeoutMs));
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
        delivered.destroy(timing.idleError());
        req.destroy();
      }
    });
    req.once('close', connected);
    return req;
  };
}

/** Node's headers with lower-case names and one string each (repeated headers joined). */
export function flattenHeaders(raw: Record<string, unknown>): Record<string, string | undefined> {
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
