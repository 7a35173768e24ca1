import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { PassThrough, Readable } from 'stream';
import { isTemporaryDownloadName, saveStream, SizeMismatchError, temporaryPathBeside } from '../../src/util/saveStream';

/** A readable of `total` bytes in 64 KB chunks, generated on demand (never held whole). */
function bytes(total: number, fill = 0x61): Readable {
  let sent = 0;
  return new Readable({
    read(): void {
      if (sent >= total) {
        this.push(null);
        return;
      }
      const size = Math.min(64 * 1024, total - sent);
      sent += size;
      this.push(Buffer.alloc(size, fill));
    }
  });
}

describe('saveStream (downloads written beside the target, renamed when complete)', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'save-stream-'));
  });
  afterEach(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('writes every byte to the target, reports progress and leaves no temporary file', async () => {
    const target = path.join(dir, 'report.log');
    const seen: number[] = [];
    const count = await saveStream(bytes(300_000), target, { expectedBytes: 300_000, onBytes: (n) => seen.push(n) });
    assert.strictEqual(count, 300_000);
    assert.strictEqual(fs.statSync(target).size, 300_000);
    assert.strictEqual(seen[seen.length - 1], 300_000);
    assert.deepStrictEqual(fs.readdirSync(dir), ['report.log']);
  });

  it('accepts a body without Content-Length', async () => {
    const target = path.join(dir, 'x.bin');
    assert.strictEqual(await saveStream(bytes(1000), target), 1000);
    assert.strictEqual(fs.statSync(target).size, 1000);
  });

  it('a body shorter than announced is an error and leaves no file', async () => {
    const target = path.join(dir, 'short.bin');
    await assert.rejects(saveStream(bytes(1000), target, { expectedBytes: 2000 }), (err: unknown) => {
      assert.ok(err instanceof SizeMismatchError);
      assert.strictEqual(err.receivedBytes, 1000);
      assert.strictEqual(err.expectedBytes, 2000);
      return true;
    });
    assert.deepStrictEqual(fs.readdirSync(dir), []);
  });

  it('a body longer than announced stops at once and leaves no file', async () => {
    const target = path.join(dir, 'long.bin');
    await assert.rejects(saveStream(bytes(5_000_000), target, { expectedBytes: 100 }), SizeMismatchError);
    assert.deepStrictEqual(fs.readdirSync(dir), []);
  });

  it('keeps an existing target untouched when the download fails, and replaces it only when complete', async () => {
    const target = path.join(dir, 'existing.txt');
    fs.writeFileSync(target, 'old content');
    await assert.rejects(saveStream(bytes(10), target, { expectedBytes: 20 }));
    assert.strictEqual(fs.readFileSync(target, 'utf8'), 'old content');
    await saveStream(bytes(10, 0x62), target, { expectedBytes: 10 });
    assert.strictEqual(fs.readFileSync(target, 'utf8'), 'bbbbbbbbbb');
    assert.deepStrictEqual(fs.readdirSync(dir), ['existing.txt']);
  });

  it('aborting mid-way destroys the source and removes the temporary file', async () => {
    const target = path.join(dir, 'cancelled.bin');
    const source = new PassThrough();
    const controller = new AbortController();
    const saving = saveStream(source, target, {
      expectedBytes: 1_000_000,
      signal: controller.signal,
      onBytes: (n) => {
        if (n >= 1000) {
          controller.abort();
        }
      }
    });
    source.write(Buffer.alloc(1000));
    await assert.rejects(saving, (err: Error) => err.name === 'AbortError');
    assert.ok(source.destroyed);
    assert.deepStrictEqual(fs.readdirSync(dir), []);
  });

  it('a source that errors leaves no file and passes its error on', async () => {
    const target = path.join(dir, 'broken.bin');
    const source = new PassThrough();
    const saving = saveStream(source, target, { expectedBytes: 100 });
    source.write(Buffer.alloc(10));
    source.destroy(new Error('connection reset'));
    await assert.rejects(saving, /connection reset/);
    assert.deepStrictEqual(fs.readdirSync(dir), []);
  });

  it('a folder that does not exist fails before reading, and the source is destroyed', async () => {
    const source = bytes(10);
    await assert.rejects(saveStream(source, path.join(dir, 'missing', 'x.bin')), /ENOENT/);
    assert.ok(source.destroyed);
  });

  it('temporary names are unique, hidden and beside the target', () => {
    const a = temporaryPathBeside('/some/folder/a.txt');
    const b = temporaryPathBeside('/some/folder/a.txt');
    assert.notStrictEqual(a, b);
    assert.strictEqual(path.dirname(a), '/some/folder');
    assert.ok(isTemporaryDownloadName(path.basename(a)));
  });
});
