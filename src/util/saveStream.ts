// Writes a stream to a file so that the file appears only when complete: the bytes go to a temporary file beside
// the target (same folder, so the final rename stays on one file system and is atomic), created with 'wx' so
// nothing existing is ever overwritten by it, and renamed over the target only after the last byte arrived and the
// count matched. On cancel, error or a short body the temporary file is removed and the target is untouched.
// vscode-free: texts go through @vscode/l10n, which the extension hands VS Code's bundle (util/translations).

import * as l10n from '@vscode/l10n';
import { randomBytes } from 'crypto';
import { once } from 'events';
import * as fs from 'fs';
import * as path from 'path';
import { Readable, Transform, TransformCallback } from 'stream';
import { pipeline } from 'stream/promises';
import { formatSize } from './format';

/** The body had more or fewer bytes than its Content-Length announced. */
export class SizeMismatchError extends Error {
  constructor(
    readonly expectedBytes: number,
    readonly receivedBytes: number
  ) {
    super(
      receivedBytes < expectedBytes
        ? l10n.t('The download ended after {0} of the announced {1}.', formatSize(receivedBytes), formatSize(expectedBytes))
        : l10n.t('The server sent more than the announced {0}.', formatSize(expectedBytes))
    );
    this.name = 'SizeMismatchError';
  }
}

export interface SaveStreamOptions {
  /** Content-Length: any other number of bytes is an error. Undefined when the server did not say. */
  readonly expectedBytes?: number;
  /** Aborting destroys the streams and removes the temporary file. */
  readonly signal?: AbortSignal;
  /** Called with the running total after every chunk written to the pipeline. */
  readonly onBytes?: (received: number) => void;
}

/** Streams `body` into `target` (an absolute path) with back-pressure; resolves with the byte count. */
export async function saveStream(body: Readable, target: string, options: SaveStreamOptions = {}): Promise<number> {
  const { expectedBytes, signal, onBytes } = options;
  const temp = temporaryPathBeside(target);
  let received = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
      received += chunk.length;
      if (expectedBytes !== undefined && received > expectedBytes) {
        // Stop at once: a body longer than announced is not the file the server described.
        callback(new SizeMismatchError(expectedBytes, received));
        return;
      }
      onBytes?.(received);
      callback(null, chunk);
    }
  });
  // The body may fail while the file is being opened, before the pipeline listens: keep that from being an
  // unhandled 'error' event (the pipeline still sees the stream as errored and rejects).
  const ignoreEarlyError = (): void => undefined;
  body.on('error', ignoreEarlyError);
  let handle: fs.promises.FileHandle;
  try {
    // Opened before streaming, so whether this call created the file is known whatever happens next; 'wx' fails
    // rather than open anything that exists.
    handle = await fs.promises.open(temp, 'wx', 0o644);
  } catch (err) {
    body.destroy();
    throw err;
  }
  const out = handle.createWriteStream();
  try {
    await pipeline(body, counter, out, { signal });
    if (expectedBytes !== undefined && received !== expectedBytes) {
      throw new SizeMismatchError(expectedBytes, received);
    }
    await fs.promises.rename(temp, target);
    return received;
  } catch (err) {
    body.destroy();
    out.destroy();
    // Closed before removing: Windows cannot delete an open file.
    if (!out.closed) {
      await once(out, 'close').catch(() => undefined);
    }
    await fs.promises.rm(temp, { force: true }).catch(() => undefined);
    throw err;
  } finally {
    body.off('error', ignoreEarlyError);
  }
}

/** A unique, short, hidden name in the target's folder (short: the target's own name may already be long). */
export function temporaryPathBeside(target: string): string {
  return path.join(path.dirname(target), `.${randomBytes(8).toString('hex')}.axway-download`);
}

/** True for the names temporaryPathBeside makes (tests look for leftovers with it). */
export function isTemporaryDownloadName(name: string): boolean {
  return /^\.[0-9a-f]{16}\.axway-download$/.test(name);
}
