// Bodies both ways: a request body encoded for the wire (form, JSON, streamed multipart with its file checks), a
// small error body of a streamed request read as text, and the file name a download's Content-Disposition gives.
import type { Readable } from 'stream';
import type { RawAxiosRequestHeaders } from 'axios';
import { redactForm } from '../util/redact';
import { encodeMultipart } from './multipart';
import type { HttpRequest } from './httpTypes';
import type { ExchangeState } from './watchedTransport';

export interface EncodedBody {
  readonly data?: unknown;
  readonly headers: RawAxiosRequestHeaders;
}

/** `trace(what, text)` receives what is sent, for the trace log (the caller scrubs secrets). */
export async function encodeBody(request: HttpRequest, state: ExchangeState, trace: (what: string, text: string) => void): Promise<EncodedBody> {
  const body = request.body;
  if (body === undefined) {
    return { headers: {} };
  }
  if (body.kind === 'form') {
    const text = new URLSearchParams(body.fields).toString();
    trace('body', redactForm(text));
    return { data: text, headers: { 'Content-Type': 'application/x-www-form-urlencoded' } };
  }
  if (body.kind === 'json') {
    const text = JSON.stringify(body.value);
    trace('body', text);
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
  trace('multipart', encoded.description);
  return { data: encoded.stream, headers: { 'Content-Type': encoded.contentType, 'Content-Length': String(encoded.length) } };
}

/** Reads a (small) error body of a streamed request as text, stopping at the limit. */
export async function readText(source: Readable, limit: number): Promise<string> {
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
