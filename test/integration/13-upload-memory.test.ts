// A note with 5 × 20 MB attachments (issue 8's limits, all at the maximum) from the case tab, in real VS Code against
// the fake Support API: the files are streamed from disk, so the extension host's memory grows far less than the
// 100 MiB it sends. The fake reads the body slowly (slowUpload), as a distant server would: a client that buffered
// the body, or ignored back-pressure, would hold it while the server is still reading.
import * as assert from 'assert';
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as v8 from 'v8';
import * as vm from 'vm';
import * as vscode from 'vscode';
import type { AxwaySupportTestApi } from '../../src/extension';
import { settled } from './reliability';
import { activated, fakeRemote, signInWithFake, signOut, waitForState } from './support';

const MIB = 1024 * 1024;
const FILE_BYTES = 20 * MIB;
const FILES = 5;
const CASE = 'UP-13001';
const SUBJECT = 'Five logs at the size limit';

/** V8's full collection, exposed at run time (the extension host does not start with --expose-gc). */
function collector(): () => void {
  v8.setFlagsFromString('--expose-gc');
  const gc: unknown = vm.runInNewContext('gc');
  assert.ok(typeof gc === 'function', 'gc exposed');
  return gc as () => void;
}

/** Writes `bytes` of file-specific content 1 MiB at a time (never the whole file in memory); returns its SHA-256. */
function writeFile(file: string, bytes: number, seed: number): string {
  const hash = createHash('sha256');
  const fd = fs.openSync(file, 'w');
  try {
    const chunk = Buffer.alloc(MIB);
    for (let written = 0, index = 0; written < bytes; written += MIB, index++) {
      for (let i = 0; i < MIB; i += 4) {
        chunk.writeUInt32LE((seed * 40503 + index * 2654435761 + i) >>> 0, i);
      }
      const part = chunk.subarray(0, Math.min(MIB, bytes - written));
      fs.writeSync(fd, part);
      hash.update(part);
    }
  } finally {
    fs.closeSync(fd);
  }
  return hash.digest('hex');
}

describe('upload: a note with 5 × 20 MB attachments streams from disk', function () {
  this.timeout(180_000);
  let api: AxwaySupportTestApi;
  let dir: string;

  before(async () => {
    api = await activated();
    const remote = fakeRemote();
    await remote.reset();
    await remote.upsertCase({ caseNumber: CASE, subject: 'Uploads at the limit', status: 'In Support' });
    await signInWithFake(api);
    api.tree.getChildren();
    await waitForState(api, (s) => s.kind === 'loaded' && s.busy === undefined);
    assert.ok(api.model.account);
    await api.contactEmails.set(api.model.account, 'uploader@example.com');
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'axway-upload-'));
  });

  after(async () => {
    await fakeRemote().clearFaults();
    api.panels.closeAll();
    fs.rmSync(dir, { recursive: true, force: true });
    await signOut(api);
  });

  it('sends all five files whole; extension-host memory grows far less than the 100 MiB sent', async () => {
    const files = Array.from({ length: FILES }, (_, i) => path.join(dir, `node-${i + 1}.log`));
    const hashes = files.map((file, i) => writeFile(file, FILE_BYTES, i + 1));
    console.log(`      wrote ${FILES} files of 20 MiB`);
    const account = api.model.account;
    assert.ok(account);
    const ref = { account, caseNumber: CASE };
    await vscode.commands.executeCommand('axwaySupport.attachToCase', vscode.Uri.file(files[0]), files.map((f) => vscode.Uri.file(f)), ref);
    const panel = api.panels.get(ref);
    assert.ok(panel, 'the command opened the case tab');
    await settled(panel);
    assert.deepStrictEqual(api.noteDrafts.get(ref).files.map((f) => f.size), files.map(() => FILE_BYTES), 'all five at 20 MiB are accepted');

    // ~25 MiB/s: the upload lasts a few seconds, long enough to sample it many times.
    await fakeRemote().addFault({ target: 'addNote', kind: 'slowUpload', bytesPerSecond: 25 * MIB, times: 1 });
    await fakeRemote().clearRequests();
    // Garbage is not growth: each sample runs full collections and measures what is left, which is what the
    // upload holds. A buffered upload would hold the files it read.
    const gc = collector();
    const retained = (): number => {
      gc();
      const m = process.memoryUsage();
      return m.heapUsed + m.external;
    };
    const baseline = retained();
    const samples: number[] = [];
    // Twice a second: each sample stops the extension host for a full collection, which slows the upload.
    const sampler = setInterval(() => samples.push(retained()), 500);
    const started = Date.now();
    console.log(`      sending ${FILES} × 20 MiB (baseline ${(baseline / MIB).toFixed(1)} MiB retained)`);
    try {
      await panel.receive({ type: 'addNote', subject: SUBJECT, description: 'Five node logs, 20 MB each.' });
    } finally {
      clearInterval(sampler);
    }
    const seconds = (Date.now() - started) / 1000;

    const stored = (await fakeRemote().getCase(CASE))?.notes?.find((n) => n.subject === SUBJECT);
    assert.ok(stored, `the fake stored the note; form status: ${panel.lastFormMessage?.statusHtml ?? '?'}`);
    assert.deepStrictEqual(stored.noteAttachments?.map((a) => a.name), files.map((f) => path.basename(f)));
    const [request] = await fakeRemote().requests('addNote');
    assert.match(request.headers['content-type'] ?? '', /^multipart\/form-data/);
    assert.ok(Number(request.headers['content-length']) > FILES * FILE_BYTES, `Content-Length ${request.headers['content-length']}`);
    // Every byte of every file arrived.
    for (const [index, attachment] of (stored.noteAttachments ?? []).entries()) {
      const info = await fakeRemote().attachmentInfo(CASE, attachment.id);
      assert.strictEqual(info?.sha256, hashes[index], attachment.name);
    }
    assert.deepStrictEqual(api.noteDrafts.get(ref).files, [], 'the draft is cleared after the API confirmed');

    const growthMiB = (Math.max(...samples) - baseline) / MIB;
    console.log(`AXWAY_UPLOAD_MEMORY ${JSON.stringify({ bytes: FILES * FILE_BYTES, seconds: Number(seconds.toFixed(1)), peakGrowthMiB: Number(growthMiB.toFixed(1)), samples: samples.length })}`);
    assert.ok(samples.length >= 4, `measured ${samples.length} times in ${seconds.toFixed(1)} s`);
    assert.ok(growthMiB < 20, `extension host grew ${growthMiB.toFixed(1)} MiB while sending ${FILES} × 20 MiB`);
  });
});
