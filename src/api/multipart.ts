// multipart/form-data bodies built by hand, so that every byte on the wire is ours to choose and to test: each
// file is read from disk while it is sent (never whole in memory) and the body's exact length is known up front,
// so it goes out with a Content-Length (no chunked encoding, which some gateways refuse for uploads).
import * as l10n from '@vscode/l10n';
import { randomBytes } from 'crypto';
import { createReadStream } from 'fs';
import { stat } from 'fs/promises';
import { basename } from 'path';
import { Readable } from 'stream';
import { ApiError } from './errors';
import { formatSize } from '../util/format';

/** One part of a multipart/form-data body: a text field, or a file streamed from disk. */
export type MultipartPart =
  | {
      readonly name: string;
      readonly value: string;
      /** e.g. application/json for the API's `initializer` part; without it the part has no Content-Type line. */
      readonly contentType?: string;
    }
  | {
      readonly name: string;
      /** Absolute path; the file is read while it is sent, never loaded whole into memory. */
      readonly file: string;
      /** Defaults to the file's base name. */
      readonly filename?: string;
      /** Defaults to application/octet-stream. */
      readonly contentType?: string;
    };

export interface EncodedMultipart {
  readonly stream: Readable;
  /** Exact byte length of the body. */
  readonly length: number;
  /** `multipart/form-data; boundary=…` */
  readonly contentType: string;
  /** For the log: each part's name, file name and size. */
  readonly description: string;
}

export interface MultipartOptions {
  /** Fixed boundary (tests); default: random. */
  readonly boundary?: string;
  /** Called as body bytes are produced (read from disk), at most once per chunk. */
  readonly onProgress?: (sentBytes: number, totalBytes: number) => void;
  /** Told about a failure of the body itself (a file that changed or vanished while it was sent). */
  readonly onError?: (error: ApiError) => void;
  /** Refuse (before sending anything) a file part larger than this or empty, as the Support API would. */
  readonly fileLimits?: { readonly maxBytes: number; readonly refuseEmpty: boolean };
}

const CRLF = '\r\n';
/** Read size from disk: large enough for throughput, small enough that nothing big is ever held. */
const READ_CHUNK = 256 * 1024;

/**
 * Quotes a name for Content-Disposition the way browsers do (WHATWG multipart/form-data encoding): UTF-8 as is,
 * with `"`, CR and LF percent-encoded so a name can never end the header or start a new one.
 */
export function quoteName(name: string): string {
  return `"${name.replace(/[\r\n"]/g, (c) => (c === '"' ? '%22' : c === '\r' ? '%0D' : '%0A'))}"`;
}

/** A header value must not carry CR/LF (it would inject headers); anything else in a content type is kept. */
function headerValue(value: string): string {
  return value.replace(/[\r\n]+/g, ' ').trim();
}

interface PlannedPart {
  readonly head: Buffer;
  readonly value?: Buffer;
  readonly file?: { readonly path: string; readonly size: number; readonly label: string };
}

/** Stats every file first (so a missing one fails before anything is sent), then returns the streaming body. */
export async function encodeMultipart(parts: readonly MultipartPart[], options: MultipartOptions = {}): Promise<EncodedMultipart> {
  const boundary = options.boundary ?? `axway-support-${randomBytes(16).toString('hex')}`;
  const planned: PlannedPart[] = [];
  const described: string[] = [];
  let length = 0;
  for (const part of parts) {
    const disposition = `Content-Disposition: form-data; name=${quoteName(part.name)}`;
    if ('value' in part) {
      const type = part.contentType !== undefined ? `Content-Type: ${headerValue(part.contentType)}${CRLF}` : '';
      const head = Buffer.from(`--${boundary}${CRLF}${disposition}${CRLF}${type}${CRLF}`, 'utf8');
      const value = Buffer.from(part.value, 'utf8');
      planned.push({ head, value });
      length += head.length + value.length + CRLF.length;
      described.push(`${part.name} (${value.length} bytes)`);
      continue;
    }
    const filename = part.filename ?? basename(part.file);
    let size: number;
    try {
      const info = await stat(part.file);
      if (!info.isFile()) {
        throw Object.assign(new Error('not a file'), { code: 'EISDIR' });
      }
      size = info.size;
    } catch (err) {
      const code = (err as { code?: unknown }).code;
      throw new ApiError({ kind: 'badRequest', message: l10n.t('The file {0} could not be read{1}.', basename(part.file), typeof code === 'string' ? ` (${code})` : '') });
    }
    const limits = options.fileLimits;
    if (limits !== undefined && limits.refuseEmpty && size === 0) {
      throw new ApiError({ kind: 'badRequest', message: l10n.t('The file {0} is empty; the Support API does not accept empty attachments. Remove it and try again.', filename) });
    }
    if (limits !== undefined && size > limits.maxBytes) {
      throw new ApiError({ kind: 'badRequest', message: l10n.t('The file {0} has {1}; at most {2} per file are allowed. Remove it or attach a smaller file.', filename, formatSize(size), formatSize(limits.maxBytes)) });
    }
    const type = headerValue(part.contentType ?? '') || 'application/octet-stream';
    const head = Buffer.from(`--${boundary}${CRLF}${disposition}; filename=${quoteName(filename)}${CRLF}Content-Type: ${type}${CRLF}${CRLF}`, 'utf8');
    planned.push({ head, file: { path: part.file, size, label: basename(part.file) } });
    length += head.length + size + CRLF.length;
    described.push(`${part.name} "${filename}" (${size} bytes)`);
  }
  const tail = Buffer.from(`--${boundary}--${CRLF}`, 'utf8');
  length += tail.length;

  let produced = 0;
  const progress = (bytes: number): void => {
    produced += bytes;
    options.onProgress?.(produced, length);
  };
  async function* body(): AsyncGenerator<Buffer> {
    for (const part of planned) {
      yield part.head;
      progress(part.head.length);
      if (part.value !== undefined) {
        yield part.value;
        progress(part.value.length);
      } else if (part.file !== undefined) {
        yield* fileChunks(part.file, progress, options.onError);
      }
      yield Buffer.from(CRLF);
      progress(CRLF.length);
    }
    yield tail;
    progress(tail.length);
  }
  return {
    stream: Readable.from(body(), { objectMode: false }),
    length,
    contentType: `multipart/form-data; boundary=${boundary}`,
    description: described.join(', ')
  };
}

/**
 * The file's bytes, exactly as many as it had when the body was planned: a file that grows, shrinks or cannot be
 * read any more while it is sent fails the request (the Content-Length promised would be a lie).
 */
async function* fileChunks(file: { readonly path: string; readonly size: number; readonly label: string }, progress: (bytes: number) => void, onError?: (error: ApiError) => void): AsyncGenerator<Buffer> {
  const changed = (): ApiError => {
    const error = new ApiError({ kind: 'badRequest', code: 'EFILECHANGED', message: l10n.t('The file {0} changed while it was being sent. Nothing was added; try again once the file is complete.', file.label) });
    onError?.(error);
    return error;
  };
  let read = 0;
  // An empty file still opens the stream: a file that vanished is reported, not silently sent empty.
  const stream = createReadStream(file.path, { highWaterMark: READ_CHUNK, end: file.size === 0 ? undefined : file.size });
  try {
    for await (const chunk of stream) {
      const buffer = chunk as Buffer;
      read += buffer.length;
      if (read > file.size) {
        throw changed();
      }
      yield buffer;
      progress(buffer.length);
    }
  } catch (err) {
    if (err instanceof ApiError) {
      throw err;
    }
    const code = (err as { code?: unknown }).code;
    const error = new ApiError({ kind: 'badRequest', code: typeof code === 'string' ? code : undefined, message: l10n.t('The file {0} could not be read while it was being sent{1}. Nothing was added; try again.', file.label, typeof code === 'string' ? ` (${code})` : '') });
    onError?.(error);
    throw error;
  } finally {
    stream.destroy();
  }
  if (read !== file.size) {
    throw changed();
  }
}
