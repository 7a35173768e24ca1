// The write side of the Support API service (issue 8), over real HTTP on 127.0.0.1: the bytes of every request body
// (JSON and multipart), uploads and downloads against the fake Support API, the API's refusals turned into clear
// errors (45 days, partial completion, 400 wording), downloads that end short, and memory while 100 MB go up and
// 20 MB come down.
import * as assert from 'assert';
import { randomBytes } from 'crypto';
import { createWriteStream, promises as fs } from 'fs';
import * as http from 'http';
import type { AddressInfo } from 'net';
import * as os from 'os';
import * as path from 'path';
import { Readable } from 'stream';
import { pipeline } from 'stream/promises';
import { toDetails } from '../../src/api/errors';
import { checkedLength } from '../../src/api/download';
import { SupportApi, createdCaseNumberOf } from '../../src/api/supportApi';
import { TokenClient } from '../../src/api/tokenClient';
import type { NewCaseInput, UploadFile } from '../../src/api/types';
import { FakeApiRemote } from '../fake-api/client';
import { rejectsWith, useFakeApi } from './support/fixture';
import { startFakeApiProcess, type FakeApiProcess } from './support/fakeApiProcess';
import { memoryGrowth } from './support/memory';
import { randomFile, sha256File } from '../support/files';
import { recordingLogger } from './support/recordingLogger';

const MB = 1024 * 1024;
const CONTACT = 'dana.whitfield@globex.example';

async function upload(file: string, name = path.basename(file), contentType?: string): Promise<UploadFile> {
  return { path: file, name, size: (await fs.stat(file)).size, contentType };
}

interface Captured {
  readonly method: string;
  readonly url: string;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: Buffer;
}

/** A tiny API stand-in that keeps every request's raw bytes and answers each with the given JSON. */
async function captureServer(status: number, answer: unknown): Promise<{ origin: string; requests: Captured[]; close(): Promise<void> }> {
  const requests: Captured[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks) });
      const body = JSON.stringify(answer);
      res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(body)), 'X-Troubleshooting-ID': 'capture-1' });
      res.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  };
}

function newCase(overrides: Partial<NewCaseInput> = {}): NewCaseInput {
  return {
    sac: 'GLBX-40217',
    contact: CONTACT,
    subject: 'Gateway rejects large payloads',
    description: 'Requests above 10 MB fail with 413.',
    product: { id: 'a0P5J000000APIGW', os: { id: 'a0O5J000001LnxAAE' }, version: { id: 'a0V5J0000GW001' } },
    environment: 'Production',
    impact: '2 - High',
    urgency: '1 - High',
    ...overrides
  };
}

describe('SupportApi: notes, closing and new cases', function () {
  this.timeout(60_000);
  const f = useFakeApi();
  let dir: string;

  before(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'axway-write-'));
  });
  after(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  function openCase(): string {
    const found = f.fake.control.listAll().find((c) => c.status !== 'Closed' && c.caseNumber !== f.fake.control.listAll()[0].caseNumber);
    assert.ok(found);
    return found.caseNumber;
  }

  it('sends a note without files as JSON, byte for byte, and the case tops the list', async () => {
    const { api } = f.api();
    const caseId = openCase();
    const note = await api.addNote({ caseId: ` ${caseId} `, subject: 'Logs "attached"', description: 'Line one\nLine two — ünïcode ✓', contact: CONTACT });
    const [request] = f.fake.control.requests('addNote');
    assert.strictEqual(request.headers['content-type'], 'application/json');
    assert.strictEqual(
      request.body,
      `{"caseId":"${caseId}","subject":"Logs \\"attached\\"","description":"Line one\\nLine two — ünïcode ✓","contact":"${CONTACT}"}`
    );
    assert.strictEqual(note.caseId, caseId);
    assert.strictEqual(note.description, 'Line one\nLine two — ünïcode ✓');
    assert.deepStrictEqual(note.attachments, []);
    assert.match(note.addedDate ?? '', /\+0000$/);
    assert.strictEqual(f.fake.control.listAll()[0].caseNumber, caseId);
  });

  it('closes a case with the documented DELETE body and answers the closed case', async () => {
    const { api } = f.api();
    const caseId = openCase();
    const closed = await api.closeCase({ caseId, subject: 'Solved', description: 'The hotfix works.', contact: CONTACT });
    const [request] = f.fake.control.requests('closeCase');
    assert.strictEqual(request.method, 'DELETE');
    assert.strictEqual(request.body, `{"caseId":"${caseId}","subject":"Solved","description":"The hotfix works.","contact":"${CONTACT}"}`);
    assert.strictEqual(closed.status, 'Closed');
    assert.ok(closed.closedDate);
    assert.strictEqual(closed.notes.at(-1)?.subject, 'Solved');
  });

  it('creates a case with the documented body (optional fields only when set) and answers it', async () => {
    const { api } = f.api();
    const created = await api.createCase(
      newCase({
        type: 'Business Service Request',
        targetDate: '2031-03-04',
        ccEmails: ['rahul.menon@globex.example'],
        product: { id: 'a0P5J000000APIGW', os: { id: 'a0O5J000001LnxAAE' }, version: { id: 'a0V5J0000GW001' }, patch: 'SP1' }
      })
    );
    const [request] = f.fake.control.requests('createCase');
    assert.strictEqual(request.headers['content-type'], 'application/json');
    assert.strictEqual(
      request.body,
      '{"sac":"GLBX-40217","contact":"dana.whitfield@globex.example","subject":"Gateway rejects large payloads","description":"Requests above 10 MB fail with 413.",' +
        '"product":{"id":"a0P5J000000APIGW","os":{"id":"a0O5J000001LnxAAE"},"version":{"id":"a0V5J0000GW001"},"patch":"SP1"},' +
        '"environment":"Production","impact":"2 - High","urgency":"1 - High","type":"Business Service Request","targetDate":"2031-03-04","ccEmails":["rahul.menon@globex.example"]}'
    );
    assert.match(created.caseNumber, /^\d{8}$/);
    assert.strictEqual(created.targetDate, '2031-03-04');
    assert.strictEqual(f.fake.control.listAll()[0].caseNumber, created.caseNumber);

    await api.createCase(newCase());
    assert.strictEqual(
      f.fake.control.requests('createCase')[1].body,
      '{"sac":"GLBX-40217","contact":"dana.whitfield@globex.example","subject":"Gateway rejects large payloads","description":"Requests above 10 MB fail with 413.",' +
        '"product":{"id":"a0P5J000000APIGW","os":{"id":"a0O5J000001LnxAAE"},"version":{"id":"a0V5J0000GW001"}},"environment":"Production","impact":"2 - High","urgency":"1 - High"}'
    );
  });

  it('sends files as multipart, byte for byte: boundary, part headers, names, content types, file bytes and Content-Length', async () => {
    const text = path.join(dir, 'trace.log');
    // Content that looks like multipart syntax must travel as data.
    await fs.writeFile(text, '--not-the-boundary\r\nContent-Disposition: form-data; name="x"\r\n\r\nline\n');
    const binary = path.join(dir, 'dump.bin');
    const bytes = randomBytes(300_000);
    await fs.writeFile(binary, bytes);
    const capture = await captureServer(201, { caseId: '01300000', subject: 's', description: 'd', attachments: [{ id: 'a1', name: 'trace.log' }] });
    try {
      const api = new SupportApi({ baseUrl: capture.origin, tokens: f.tokens(), logger: f.logger });
      const note = await api.addNote({
        caseId: '01300000',
        subject: 'Two files',
        description: 'See "attached".',
        contact: CONTACT,
        files: [await upload(text, 'trace.log', 'text/plain'), await upload(binary, 'Grüße "v2"\r\nX-Injected: 1.bin')]
      });
      assert.deepStrictEqual(note.attachments.map((a) => a.name), ['trace.log']);
      const [request] = capture.requests;
      assert.strictEqual(request.method, 'POST');
      assert.strictEqual(request.url, '/note');
      const boundary = /^multipart\/form-data; boundary=([A-Za-z0-9_-]{20,70})$/.exec(request.headers['content-type'] ?? '')?.[1];
      assert.ok(boundary, request.headers['content-type']);
      const expected = Buffer.concat([
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="initializer"\r\nContent-Type: application/json\r\n\r\n` +
            `{"caseId":"01300000","subject":"Two files","description":"See \\"attached\\".","contact":"${CONTACT}"}\r\n` +
            `--${boundary}\r\nContent-Disposition: form-data; name="attachment"; filename="trace.log"\r\nContent-Type: text/plain\r\n\r\n` +
            '--not-the-boundary\r\nContent-Disposition: form-data; name="x"\r\n\r\nline\n\r\n' +
            // A quote, CR and LF in a name are percent-encoded (as browsers do): the header cannot be broken out of.
            `--${boundary}\r\nContent-Disposition: form-data; name="attachment"; filename="Grüße %22v2%22%0D%0AX-Injected: 1.bin"\r\nContent-Type: application/octet-stream\r\n\r\n`,
          'utf8'
        ),
        bytes,
        Buffer.from(`\r\n--${boundary}--\r\n`, 'utf8')
      ]);
      assert.ok(request.body.equals(expected), `multipart body differs:\n${request.body.subarray(0, 600).toString('utf8')}`);
      assert.strictEqual(request.headers['content-length'], String(expected.length));
      assert.strictEqual(request.headers['transfer-encoding'], undefined);
    } finally {
      await capture.close();
    }
  });

  it('uploads files that the fake stores on the note, shows on the case and serves back intact', async () => {
    const { api } = f.api();
    const caseId = openCase();
    const a = path.join(dir, 'server.log');
    const b = path.join(dir, 'capture.har');
    await fs.writeFile(a, randomBytes(70_000));
    await fs.writeFile(b, '{"log":{"entries":[]}}');
    const progress: number[] = [];
    const note = await api.addNote({
      caseId,
      subject: 'Logs',
      description: 'Attached.',
      contact: CONTACT,
      files: [await upload(a), await upload(b, 'capture.har', 'application/json')],
      onUploadProgress: (sent, total) => progress.push(sent / total)
    });
    assert.deepStrictEqual(note.attachments.map((x) => x.name), ['server.log', 'capture.har']);
    assert.ok(note.attachments.every((x) => x.id !== ''));
    assert.strictEqual(progress.at(-1), 1);
    assert.ok(progress.every((value, i) => i === 0 || value >= progress[i - 1]));
    const detail = await api.getCase(caseId);
    assert.deepStrictEqual(detail.notes.at(-1)?.attachments.map((x) => x.id), note.attachments.map((x) => x.id));
    for (const [index, file] of [a, b].entries()) {
      const download = await api.downloadAttachment(caseId, note.attachments[index].id);
      assert.strictEqual(download.filename, path.basename(file));
      assert.strictEqual(download.contentLength, (await fs.stat(file)).size);
      assert.ok(download.troubleshootingId);
      const target = path.join(dir, `back-${index}`);
      await pipeline(download.body, createWriteStream(target));
      assert.strictEqual(await sha256File(target), await sha256File(file));
    }
  });

  it('refuses more than 5 files, an empty file and a file over 20 MB before sending anything', async () => {
    const { api } = f.api();
    const caseId = openCase();
    const small = path.join(dir, 'small.txt');
    await fs.writeFile(small, 'x');
    const empty = path.join(dir, 'empty.txt');
    await fs.writeFile(empty, '');
    const big = path.join(dir, 'big.bin');
    // Sparse: 20 MB + 1 byte without writing them.
    await fs.writeFile(big, '');
    await fs.truncate(big, 20 * MB + 1);
    const base = { caseId, subject: 's', description: 'd', contact: CONTACT };
    const six = await Promise.all(Array.from({ length: 6 }, () => upload(small)));
    assert.match((await rejectsWith(api.addNote({ ...base, files: six }), 'badRequest')).message, /6 files are attached; the Support API accepts at most 5/);
    assert.match((await rejectsWith(api.addNote({ ...base, files: [await upload(empty)] }), 'badRequest')).message, /empty\.txt is empty/);
    assert.match((await rejectsWith(api.createCase(newCase({ files: [await upload(big)] })), 'badRequest')).message, /big\.bin has 20\.0 MB; at most 20 MB per file/);
    assert.strictEqual(f.fake.control.stats().counts.addNote + f.fake.control.stats().counts.createCase, 0);
  });

  it('renews the token after a 401 and sends the multipart body again from disk: one note', async () => {
    const { api } = f.api();
    const caseId = openCase();
    await api.listAccounts();
    f.fake.control.revokeTokens();
    const file = path.join(dir, 'again.log');
    await fs.writeFile(file, randomBytes(50_000));
    const note = await api.addNote({ caseId, subject: 'Retry', description: 'After 401.', contact: CONTACT, files: [await upload(file)] });
    assert.deepStrictEqual(f.fake.control.requests('addNote').map((r) => r.status), [401, 201]);
    const stored = f.fake.control.getCase(caseId)?.notes?.filter((n) => n.subject === 'Retry') ?? [];
    assert.strictEqual(stored.length, 1);
    const info = f.fake.control.attachmentInfo(caseId, note.attachments[0].id);
    assert.strictEqual(info?.sha256, await sha256File(file));
  });

  it("keeps the API's wording of a 400 for the form, with the troubleshooting id", async () => {
    const { api } = f.api();
    const err = await rejectsWith(api.addNote({ caseId: openCase(), subject: 's'.repeat(101), description: 'd', contact: CONTACT }), 'badRequest');
    assert.strictEqual(err.apiMessage, "'subject' must be at most 100 characters, got 101.");
    assert.match(err.message, /'subject' must be at most 100 characters, got 101\./);
    assert.ok(err.troubleshootingId);
    assert.strictEqual(toDetails(err).apiMessage, err.apiMessage);
  });

  it('says a case closed more than 45 days ago takes no more notes (seeded case, and the toggle)', async () => {
    const { api } = f.api();
    const [old] = f.fake.control.closedLongAgo();
    assert.ok(old, 'the seed has a case closed more than 45 days ago');
    const err = await rejectsWith(api.addNote({ caseId: old, subject: 's', description: 'd', contact: CONTACT }), 'forbidden');
    assert.strictEqual(err.message, `Case ${old} was closed more than 45 days ago, so notes can no longer be added to it. Open a new case and mention case ${old} in it.`);
    assert.strictEqual(err.code, 'ACCESS_DENIED');
    assert.ok(err.troubleshootingId);

    const open = openCase();
    f.fake.control.setClosedTooLong('always');
    assert.match((await rejectsWith(api.addNote({ caseId: open, subject: 's', description: 'd', contact: CONTACT }), 'forbidden')).message, /closed more than 45 days ago/);
    f.fake.control.setClosedTooLong('never');
    await api.addNote({ caseId: old, subject: 's', description: 'd', contact: CONTACT });
  });

  it('reports a partial completion of POST /case with the number of the case it created', async () => {
    const { api } = f.api();
    f.fake.control.addFault({ target: 'createCase', kind: 'partialCreate', times: 1 });
    const file = path.join(dir, 'plan.txt');
    await fs.writeFile(file, 'upgrade plan');
    const err = await rejectsWith(api.createCase(newCase({ files: [await upload(file)] })), 'server');
    const created = f.fake.control.listAll()[0].caseNumber;
    assert.strictEqual(err.createdCaseNumber, created);
    assert.ok(f.fake.control.getCase(created), 'the case really exists');
    assert.match(err.message, new RegExp(`^Case ${created} was created, but the Support API then reported a failure \\(HTTP 500\\): .*Open case ${created}`));
    assert.ok(err.troubleshootingId);
    assert.strictEqual(toDetails(err).createdCaseNumber, created);
  });

  it('finds the created case number only in messages that say a case was created', () => {
    assert.strictEqual(createdCaseNumberOf('Case 01400123 was created, but its attachments could not be stored.'), '01400123');
    assert.strictEqual(createdCaseNumberOf('The case was created (case number 01400124) but the notification failed.'), '01400124');
    assert.strictEqual(createdCaseNumberOf('Created case #01400125; attachment upload failed'), '01400125');
    assert.strictEqual(createdCaseNumberOf('Case 01400126 could not be found.'), undefined);
    assert.strictEqual(createdCaseNumberOf('Internal error 500123 while creating the case.'), undefined);
    assert.strictEqual(createdCaseNumberOf(undefined), undefined);
  });

  it('errors a download whose body is shorter than its Content-Length, never ending it quietly', async () => {
    const { api } = f.api();
    const caseId = openCase();
    const file = path.join(dir, 'half.bin');
    await fs.writeFile(file, randomBytes(200_000));
    const note = await api.addNote({ caseId, subject: 's', description: 'd', contact: CONTACT, files: [await upload(file)] });
    f.fake.control.addFault({ target: 'attachment', kind: 'shortBody', times: 1 });
    const download = await api.downloadAttachment(caseId, note.attachments[0].id);
    assert.strictEqual(download.contentLength, 200_000);
    const err = await rejectsWith(pipeline(download.body, createWriteStream(path.join(dir, 'half.out'))), 'network');
    assert.match(err.message, /before the answer was complete|less than the/);
  });

  it('errors a body with more or fewer bytes than announced, whatever the transport says', async () => {
    const consume = (stream: Readable): Promise<void> => pipeline(stream, createWriteStream(os.devNull));
    const long = checkedLength(Readable.from([Buffer.alloc(10), Buffer.alloc(10)]), 15, 'the Support API', 'example.test');
    assert.match((await rejectsWith(consume(long), 'network')).message, /sent more than the 15 bytes it announced/);
    const short = checkedLength(Readable.from([Buffer.alloc(10)]), 15, 'the Support API', 'example.test');
    assert.match((await rejectsWith(consume(short), 'network')).message, /sent less than the 15 bytes it announced \(10 bytes\)/);
    await consume(checkedLength(Readable.from([Buffer.alloc(15)]), 15, 'the Support API', 'example.test'));
    await consume(checkedLength(Readable.from([Buffer.alloc(15)]), undefined, 'the Support API', 'example.test'));
  });

  it('maps a refused download to an ApiError and refuses an attachment without an id', async () => {
    const { api } = f.api();
    const caseId = openCase();
    const err = await rejectsWith(api.downloadAttachment(caseId, 'nope'), 'notFound');
    assert.match(err.message, /^The attachment nope of case \d+ was not found \(HTTP 404\)\.$/);
    assert.ok(err.troubleshootingId);
    await rejectsWith(api.downloadAttachment(caseId, ' '), 'badRequest');
    assert.strictEqual(f.fake.control.stats().counts.attachment, 1);
  });

  it('lets a slow but flowing upload run far past the idle timeout', async () => {
    // Most of the body fits in the loopback socket buffers: once it is handed over, nothing moves this side while the
    // server reads it at 1 MB/s, far longer than the idle timeout.
    const { api } = f.api({ timeoutMs: 1500 });
    const caseId = openCase();
    const file = path.join(dir, 'slow.bin');
    await randomFile(file, 4 * MB);
    f.fake.control.addFault({ target: 'addNote', kind: 'slowUpload', bytesPerSecond: MB, times: 1 });
    const started = Date.now();
    const note = await api.addNote({ caseId, subject: 'Slow', description: 'Slow line.', contact: CONTACT, files: [await upload(file)] });
    assert.ok(Date.now() - started > 3000, `took only ${Date.now() - started} ms`);
    assert.strictEqual(f.fake.control.attachmentInfo(caseId, note.attachments[0].id)?.sha256, await sha256File(file));
  });

  it('reports a connection dropped after the note was stored as a network error (the note exists)', async () => {
    const { api } = f.api();
    const caseId = openCase();
    f.fake.control.addFault({ target: 'addNote', kind: 'dropAfterStore', caseNumber: caseId, times: 1 });
    await rejectsWith(api.addNote({ caseId, subject: 'Lost answer', description: 'd', contact: CONTACT }), 'network');
    assert.strictEqual((await api.getCase(caseId)).notes.filter((n) => n.subject === 'Lost answer').length, 1);
  });

  it('lists accounts and the products of one, with versions and operating systems', async () => {
    const { api } = f.api();
    const accounts = await api.listAccounts();
    assert.deepStrictEqual(accounts, f.fake.control.accounts().map((a) => ({ sac: a.sac, name: a.name })));
    const products = await api.listProducts(accounts[0].sac);
    assert.deepStrictEqual(products, f.fake.control.products(accounts[0].sac));
    assert.strictEqual(f.fake.control.requests('products')[0].query, `sac=${accounts[0].sac}`);
    const err = await rejectsWith(api.listProducts('NOPE-1'), 'forbidden');
    assert.match(err.message, /NOPE-1/);
  });
});

describe('SupportApi: 5 × 20 MB up and 20 MB down without holding them in memory', function () {
  this.timeout(600_000);
  const FILE_SIZE = 20 * MB;
  let fake: FakeApiProcess;
  let dir: string;
  let files: { path: string; sha256: string }[];
  let api: SupportApi;
  let caseId: string;

  before(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'axway-write-big-'));
    files = [];
    for (let i = 0; i < 5; i++) {
      const file = path.join(dir, `big-${i}.bin`);
      files.push({ path: file, sha256: await randomFile(file, FILE_SIZE) });
    }
    // Its own process: an in-process fake would keep the uploaded bytes in this heap.
    fake = await startFakeApiProcess();
    const logger = recordingLogger();
    const tokens = new TokenClient({ tokenUrl: fake.tokenUrl, logger, credentials: async () => ({ clientId: fake.clientId, clientSecret: fake.clientSecret }) });
    api = new SupportApi({ baseUrl: fake.apiBaseUrl, tokens, logger, timeoutMs: 60_000 });
    const open = (await new FakeApiRemote(fake.origin).listAll()).find((c) => c.status !== 'Closed');
    assert.ok(open);
    caseId = open.caseNumber;
  });
  after(async () => {
    await fake?.close();
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('uploads 5 × 20 MB intact, then downloads 20 MB to disk, with memory growth far below the sizes', async () => {
    const uploads = await Promise.all(files.map((file) => upload(file.path)));
    const up = memoryGrowth();
    const note = await api.addNote({ caseId, subject: 'Big logs', description: 'Five large files.', contact: CONTACT, files: uploads });
    const upGrowth = up.stop();
    const remote = new FakeApiRemote(fake.origin);
    for (const [index, attachment] of note.attachments.entries()) {
      assert.strictEqual((await remote.attachmentInfo(caseId, attachment.id))?.sha256, files[index].sha256, attachment.name);
    }
    assert.ok(upGrowth < (5 * FILE_SIZE) / 5, `memory grew by ${(upGrowth / MB).toFixed(1)} MB while uploading 100 MB`);

    const down = memoryGrowth();
    const download = await api.downloadAttachment(caseId, note.attachments[0].id);
    const target = path.join(dir, 'back.bin');
    await pipeline(download.body, createWriteStream(target));
    const downGrowth = down.stop();
    assert.strictEqual(await sha256File(target), files[0].sha256);
    assert.ok(downGrowth < FILE_SIZE / 2, `memory grew by ${(downGrowth / MB).toFixed(1)} MB while downloading 20 MB`);
    console.log(`      memory growth: upload 100 MB +${(upGrowth / MB).toFixed(1)} MB, download 20 MB +${(downGrowth / MB).toFixed(1)} MB`);
  });
});
