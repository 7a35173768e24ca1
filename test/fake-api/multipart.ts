// multipart/form-data of POST /case and POST /note, parsed by busboy while the request streams in: one `initializer`
// part (application/json) and up to five `attachment` parts, each with a file name, not empty, at most 20 MB.
// A body that breaks a rule is still read to its end, so the client gets the 400 rather than a broken connection.

import busboy from 'busboy';
import type { IncomingHttpHeaders } from 'node:http';
import type { Readable } from 'node:stream';
import { BadRequest } from './errors';

export const MAX_ATTACHMENTS = 5;
export const MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024;
/** The initializer is a small JSON document; anything near this is a client bug. */
const MAX_INITIALIZER_BYTES = 1024 * 1024;

export interface UploadedPart {
  /** Exactly as the client sent it (path separators and all: the fake keeps hostile names for tests). */
  filename: string;
  contentType?: string;
  data: Buffer;
}

export interface MultipartBody {
  /** The `initializer` part's bytes. */
  initializer: Buffer;
  files: UploadedPart[];
}

/** Reads a multipart body from `source` (the request, possibly throttled); rejects with a BadRequest naming the first problem. */
export function readMultipart(source: Readable, headers: IncomingHttpHeaders): Promise<MultipartBody> {
  return new Promise((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers,
        // Browsers (and this extension) send file names as raw UTF-8; busboy's default would read them as Latin-1.
        defParamCharset: 'utf8',
        preservePath: true,
        // busboy reports the limit when a part reaches it: one byte more, so exactly 20 MB is accepted.
        limits: { fileSize: MAX_ATTACHMENT_BYTES + 1, fieldSize: MAX_INITIALIZER_BYTES }
      });
    } catch (error) {
      source.resume();
      reject(new BadRequest(`Malformed multipart/form-data: ${error instanceof Error ? error.message : String(error)}.`));
      return;
    }
    let problem: string | undefined;
    const fail = (message: string): void => {
      problem ??= message;
    };
    const initializers: Buffer[] = [];
    const files: UploadedPart[] = [];
    let attachmentCount = 0;

    const initializerType = (mimeType: string): void => {
      if (mimeType.toLowerCase() !== 'application/json') {
        fail(`The 'initializer' part must have Content-Type application/json, got '${mimeType}' (or none).`);
      }
    };

    parser.on('field', (name, value, info) => {
      if (name === 'initializer') {
        initializerType(info.mimeType);
        if (info.valueTruncated) {
          fail(`The 'initializer' part is larger than ${MAX_INITIALIZER_BYTES} bytes.`);
        }
        initializers.push(Buffer.from(value, 'utf8'));
      } else if (name === 'attachment') {
        attachmentCount++;
        fail(`Every 'attachment' part needs a filename.`);
      } else {
        fail(`Unknown multipart part '${name}'; expected 'initializer' and 'attachment'.`);
      }
    });

    parser.on('file', (name, stream, info) => {
      const chunks: Buffer[] = [];
      let size = 0;
      // Parts past the limit are drained, never kept.
      const keep = name === 'initializer' || (name === 'attachment' && attachmentCount < MAX_ATTACHMENTS);
      if (name === 'attachment') {
        attachmentCount++;
      }
      stream.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (keep && problem === undefined) {
          chunks.push(chunk);
        }
      });
      stream.on('limit', () => {
        fail(`Attachment '${info.filename ?? ''}' is larger than 20 MB (${MAX_ATTACHMENT_BYTES} bytes).`);
      });
      stream.on('end', () => {
        if (name === 'initializer') {
          // A client that sends the initializer as a file (with a file name) is still sending the initializer.
          initializerType(info.mimeType);
          initializers.push(Buffer.concat(chunks));
          return;
        }
        if (name !== 'attachment') {
          fail(`Unknown multipart part '${name}'; expected 'initializer' and 'attachment'.`);
          return;
        }
        if (info.filename === undefined || info.filename.trim() === '') {
          fail(`Every 'attachment' part needs a filename.`);
          return;
        }
        if (size === 0) {
          fail(`Attachment '${info.filename}' is empty.`);
          return;
        }
        if (keep) {
          files.push({ filename: info.filename, contentType: info.mimeType, data: Buffer.concat(chunks) });
        }
      });
    });

    parser.on('error', (error: unknown) => {
      source.unpipe(parser);
      source.resume();
      reject(new BadRequest(`Malformed multipart/form-data: ${error instanceof Error ? error.message : String(error)}.`));
    });

    parser.on('close', () => {
      if (problem === undefined && attachmentCount > MAX_ATTACHMENTS) {
        problem = `At most ${MAX_ATTACHMENTS} attachments are allowed, got ${attachmentCount}.`;
      }
      if (problem === undefined && initializers.length !== 1) {
        problem = `multipart/form-data must contain exactly one 'initializer' part, got ${initializers.length}.`;
      }
      if (problem !== undefined) {
        reject(new BadRequest(problem));
        return;
      }
      resolve({ initializer: initializers[0], files });
    });

    source.pipe(parser);
  });
}
