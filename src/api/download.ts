// A download must never look complete when it is not: the bytes received are counted against Content-Length, and
// a difference (short or long) errors the stream instead of ending it, so the caller never keeps a truncated file.
import * as l10n from '@vscode/l10n';
import { Readable, Transform } from 'stream';
import { ApiError } from './errors';
import { capitalise, formatSize } from '../util/format';

/**
 * `source` passed through a counter. Errors of `source` reach the returned stream; destroying the returned stream
 * (the caller gives up) destroys `source`, which stops the transfer.
 */
export function checkedLength(source: Readable, expected: number | undefined, service: string, host: string): Readable {
  let received = 0;
  const mismatch = (): ApiError =>
    new ApiError({
      kind: 'network',
      code: 'ECONTENTLENGTH',
      message:
        received > (expected ?? 0)
          ? l10n.t('{0} ({1}) sent more than the {2} it announced: the download is incomplete and was not kept. Try again.', capitalise(service), host, formatSize(expected ?? 0))
          : l10n.t('{0} ({1}) sent less than the {2} it announced ({3}): the download is incomplete and was not kept. Try again.', capitalise(service), host, formatSize(expected ?? 0), formatSize(received))
    });
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      received += chunk.length;
      if (expected !== undefined && received > expected) {
        callback(mismatch());
        return;
      }
      callback(null, chunk);
    },
    flush(callback) {
      callback(expected !== undefined && received !== expected ? mismatch() : null);
    }
  });
  source.on('error', (err: unknown) => {
    if (!counter.destroyed) {
      counter.destroy(err instanceof Error ? err : new Error(String(err)));
    }
  });
  counter.on('close', () => {
    if (!source.destroyed) {
      source.destroy();
    }
  });
  source.pipe(counter);
  return counter;
}
