// Download Attachment (issue 8) in real VS Code against the fake Support API: the real command runs with its save
// dialog answered and its progress cancelled through the Test-mode prompts hook; files are checked on disk.
import * as assert from 'assert';
import { createHash, randomBytes } from 'crypto';
import * as fs from 'fs';
import * as http from 'http';
import * as os from 'os';
import * as path from 'path';
import { Readable } from 'stream';
import * as v8 from 'v8';
import * as vm from 'vm';
import * as vscode from 'vscode';
import type { AxwaySupportTestApi } from '../../src/extension';
import type { ScriptedPrompts } from '../../src/testing/scriptedPrompts';
import type { DownloadOutcome } from '../../src/commands/attachmentDownload';
import { sanitizeFileName } from '../../src/util/fileName';
import { fakeAccessToken } from '../fake-api/client';
import { sha256File } from '../support/files';
import { activated, eventually, signOut, fakeEnv, fakeRemote, signInWithFake, waitForState } from './support';

const CASE = 'DL-13001';
const SMALL = { id: '00PDL0000000001', name: 'server report.log' };
const HOSTILE = { id: '00PDL0000000002', name: '../../..\\evil\u202Egol.exe' };
const DEVICE = { id: '00PDL0000000003', name: 'CON.txt' };
const MIB = 1024 * 1024;

/** A token of the fake, to fetch what it serves and upload a big attachment the way any client would. */
function fakeToken(): Promise<string> {
  return fakeAccessToken(fakeEnv());
}

/** The bytes the fake serves for an attachment. */
async function served(caseNumber: string, attachmentId: string): Promise<Buffer> {
  const response = await fetch(`${fakeEnv().apiBaseUrl}/attachment?caseId=${encodeURIComponent(caseNumber)}&attachmentId=${encodeURIComponent(attachmentId)}`, {
    headers: { authorization: `Bearer ${await fakeToken()}` }
  });
  assert.strictEqual(response.status, 200);
  return Buffer.from(await response.arrayBuffer());
}

/** Deterministic bytes, generated chunk by chunk (never held whole), and their SHA-256. */
function pattern(total: number): { stream: () => Readable; sha256: string } {
  const chunk = (index: number, size: number): Buffer => {
    const buffer = Buffer.alloc(size);
    for (let i = 0; i < size; i += 4) {
      buffer.writeUInt32LE((index * 2654435761 + i) >>> 0, i);
    }
    return buffer;
  };
  const chunks = (): Generator<Buffer> =>
    (function* () {
      const size = 64 * 1024;
      for (let sent = 0, index = 0; sent < total; sent += size, index++) {
        yield chunk(index, Math.min(size, total - sent));
      }
    })();
  const hash = createHash('sha256');
  for (const c of chunks()) {
    hash.update(c);
  }
  return { stream: () => Readable.from(chunks()), sha256: hash.digest('hex') };
}

/** Adds a note with one big attachment to the fake through its API (multipart, streamed); returns the id. */
async function uploadBig(caseNumber: string, name: string, data: Readable): Promise<string> {
  const token = await fakeToken();
  const boundary = `----dl8${randomBytes(8).toString('hex')}`;
  const initializer = JSON.stringify({ caseId: caseNumber, subject: 'Big log', description: 'A 20 MB log.', contact: 'tester@example.com' });
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="initializer"\r\nContent-Type: application/json\r\n\r\n${initializer}\r\n` +
      `--${boundary}\r\nContent-Disposition: form-data; name="attachment"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  const url = new URL(`${fakeEnv().apiBaseUrl}/note`);
  const body = await new Promise<string>((resolve, reject) => {
    const req = http.request(url, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': `multipart/form-data; boundary=${boundary}` } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () => (res.statusCode === 201 ? resolve(text) : reject(new Error(`upload: HTTP ${res.statusCode ?? '?'} ${text}`))));
    });
    req.on('error', reject);
    req.write(head);
    data.on('data', (c: Buffer) => {
      if (!req.write(c)) {
        data.pause();
        req.once('drain', () => data.resume());
      }
    });
    data.on('end', () => req.end(tail));
    data.on('error', reject);
  });
  const attachments = (JSON.parse(body) as { attachments?: { id: string }[] }).attachments;
  assert.ok(attachments?.[0]?.id, `the fake named the uploaded attachment: ${body}`);
  return attachments[0].id;
}

/** V8's full collection, exposed at run time (the extension host does not start with --expose-gc). */
function collector(): () => void {
  v8.setFlagsFromString('--expose-gc');
  const gc: unknown = vm.runInNewContext('gc');
  assert.ok(typeof gc === 'function', 'gc exposed');
  return gc as () => void;
}

describe('Download Attachment (integration)', function () {
  this.timeout(120_000);
  let api: AxwaySupportTestApi;
  let prompts: ScriptedPrompts;
  let dir: string;

  const download = (attachment: { id?: string; name: string }, caseNumber = CASE): Thenable<DownloadOutcome | undefined> => {
    const account = api.model.account;
    assert.ok(account);
    return vscode.commands.executeCommand<DownloadOutcome | undefined>('axwaySupport.downloadAttachment', { account, caseNumber }, attachment);
  };
  const lastError = (): string | undefined => [...api.messages.shown].reverse().find((m) => m.severity === 'error')?.text;

  before(async () => {
    api = await activated();
    assert.ok(api.prompts, 'the Test-mode prompts hook');
    prompts = api.prompts;
    const remote = fakeRemote();
    await remote.reset();
    await remote.upsertCase({
      caseNumber: CASE,
      subject: 'Downloads',
      status: 'In Support',
      attachments: [SMALL, HOSTILE, DEVICE].map((a) => ({ ...a, createdDate: '2025-05-01T10:00:00.000+0000' }))
    });
    await signInWithFake(api);
    api.tree.getChildren();
    await waitForState(api, (s) => s.kind === 'loaded' && s.busy === undefined);
  });

  after(async () => {
    prompts.clear();
    await signOut(api);
  });

  beforeEach(async () => {
    prompts.clear();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'axway-download-'));
    await fakeRemote().clearFaults();
  });

  afterEach(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('saves the attachment where the save dialog says; the bytes equal what the fake serves; Open and Reveal offered', async () => {
    const target = path.join(dir, 'chosen name.log');
    prompts.answerSaveDialogs(vscode.Uri.file(target));
    const outcome = await download(SMALL);
    assert.deepStrictEqual(outcome && { kind: outcome.kind }, { kind: 'saved' });
    assert.ok(fs.readFileSync(target).equals(await served(CASE, SMALL.id)), 'same bytes as the fake');
    assert.deepStrictEqual(fs.readdirSync(dir), ['chosen name.log'], 'no temporary file left');
    const dialog = prompts.offered.find((p) => p.kind === 'saveDialog');
    assert.ok(dialog?.value);
    assert.strictEqual(path.basename(dialog.value), 'server report.log', 'the name from Content-Disposition');
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? path.join(os.homedir(), 'Downloads');
    assert.strictEqual(path.dirname(dialog.value), fs.existsSync(folder) ? folder : os.homedir(), 'workspace, else Downloads');
    const info = [...api.messages.shown].reverse().find((m) => m.severity === 'info');
    assert.match(info?.text ?? '', /Downloaded server report\.log/);
  });

  it('proposes hostile names sanitised: no traversal, no bidi override, no device name', async () => {
    for (const attachment of [HOSTILE, DEVICE]) {
      prompts.clear();
      prompts.answerSaveDialogs(undefined);
      const outcome = await download(attachment);
      assert.strictEqual(outcome?.kind, 'cancelled');
      const proposed = prompts.offered.find((p) => p.kind === 'saveDialog')?.value;
      assert.ok(proposed);
      const name = path.basename(proposed);
      assert.strictEqual(name, sanitizeFileName(attachment.name));
      assert.ok(!/[/\\\u202e]|\.\./.test(name) && !/^con\./i.test(name), name);
      const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
      if (folder) {
        assert.strictEqual(path.dirname(proposed), folder, 'stays in the proposed folder');
      }
    }
    assert.deepStrictEqual(fs.readdirSync(dir), []);
  });

  it('replaces an existing file only when the dialog chose it', async () => {
    const target = path.join(dir, 'existing.log');
    fs.writeFileSync(target, 'the user\'s own file');
    prompts.answerSaveDialogs(undefined);
    assert.strictEqual((await download(SMALL))?.kind, 'cancelled', 'the dialog was dismissed (e.g. "replace?" answered no)');
    assert.strictEqual(fs.readFileSync(target, 'utf8'), 'the user\'s own file');
    prompts.answerSaveDialogs(vscode.Uri.file(target));
    assert.strictEqual((await download(SMALL))?.kind, 'saved');
    assert.ok(fs.readFileSync(target).equals(await served(CASE, SMALL.id)));
    assert.deepStrictEqual(fs.readdirSync(dir), ['existing.log']);
  });

  it('an attachment without an id says why it cannot be downloaded', async () => {
    const before = (await fakeRemote().requests('attachment')).length;
    assert.strictEqual(await download({ name: 'orphan.log' }), undefined);
    assert.match(lastError() ?? '', /orphan\.log cannot be downloaded: the Support API listed it without an id/);
    assert.strictEqual((await fakeRemote().requests('attachment')).length, before, 'nothing requested');
  });

  describe('a 20 MB attachment', () => {
    const big = pattern(20 * MIB);
    let bigId: string;

    before(async () => {
      bigId = await uploadBig(CASE, 'big.bin', big.stream());
    });

    it('streams to disk: same bytes, extension-host memory growth far below 20 MB', async () => {
      const target = path.join(dir, 'big.bin');
      prompts.answerSaveDialogs(vscode.Uri.file(target));
      // Garbage is not growth: at a few points of the download (every 4 MB received) a full collection runs and
      // what is left is measured, which is what the download holds. A buffered download would hold what it received.
      const gc = collector();
      const retained = (): number => {
        gc();
        gc();
        const m = process.memoryUsage();
        return m.heapUsed + m.external;
      };
      const baseline = retained();
      const samples: number[] = [];
      let next = 4 * MIB;
      prompts.observeDownload((received) => {
        if (received >= next) {
          next += 4 * MIB;
          samples.push(retained());
        }
      });
      const outcome = await download({ id: bigId, name: 'big.bin' });
      const peak = Math.max(...samples);
      assert.strictEqual(outcome?.kind, 'saved', lastError());
      assert.strictEqual(fs.statSync(target).size, 20 * MIB);
      assert.strictEqual(await sha256File(target), big.sha256);
      const growthMiB = (peak - baseline) / MIB;
      console.log(`AXWAY_DOWNLOAD_MEMORY ${JSON.stringify({ bytes: 20 * MIB, peakGrowthMiB: Number(growthMiB.toFixed(1)), samples: samples.length })}`);
      assert.ok(samples.length >= 4, `measured ${samples.length} times`);
      assert.ok(growthMiB < 8, `extension host grew ${growthMiB.toFixed(1)} MiB for a 20 MiB download`);
    });

    it('cancelling the progress notification aborts the request and leaves no file (neither temporary nor target)', async () => {
      const target = path.join(dir, 'cancelled.bin');
      // A body that the fake streams with back-pressure (a served buffer could sit whole in socket buffers), so the
      // fake sees the client drop the connection.
      await fakeRemote().addFault({ target: 'attachment', kind: 'huge', sizeBytes: 200 * MIB, contentLength: true, times: 1 });
      prompts.answerSaveDialogs(vscode.Uri.file(target));
      prompts.cancelDownloadAfter(2 * MIB);
      await fakeRemote().clearRequests();
      const outcome = await download({ id: bigId, name: 'big.bin' });
      assert.strictEqual(outcome?.kind, 'cancelled');
      assert.deepStrictEqual(fs.readdirSync(dir), []);
      await eventually(async () => (await fakeRemote().requests('attachment')).some((r) => r.aborted), 'the fake to see the download aborted', 20_000);
    });

    it('a body shorter than its Content-Length leaves no file and shows an error with the troubleshooting ID', async () => {
      const target = path.join(dir, 'short.bin');
      await fakeRemote().addFault({ target: 'attachment', kind: 'reset', times: 2, headers: { 'X-Troubleshooting-ID': 'tid-short-body-13', 'Content-Type': 'application/octet-stream' } });
      prompts.answerSaveDialogs(vscode.Uri.file(target));
      const outcome = await download({ id: bigId, name: 'big.bin' });
      assert.strictEqual(outcome?.kind, 'failed');
      assert.deepStrictEqual(fs.readdirSync(dir), [], 'no temporary file and no target');
      const text = lastError() ?? '';
      assert.match(text, /big\.bin was not downloaded/);
      assert.match(text, /Nothing was saved/);
      assert.match(text, /Troubleshooting ID: tid-short-body-13/);
    });
  });
});
