// The HTTP layer the write actions build on, over real HTTP: methods and bodies against the fake Support API,
// multipart uploads streamed from disk and downloads streamed to disk (bytes intact, memory far below the file
// sizes), and the connect and idle timeouts against tiny local servers.
import * as assert from 'assert';
import { spawn } from 'child_process';
import { randomBytes } from 'crypto';
import { createWriteStream, promises as fs } from 'fs';
import * as http from 'http';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';
import { pipeline } from 'stream/promises';
import { Worker } from 'worker_threads';
import { HttpClient, HttpResponse, StreamedResponse, filenameOf } from '../../src/api/http';
import { TokenClient } from '../../src/api/tokenClient';
import { FakeApiRemote } from '../fake-api/client';
import { rejectsWith, useFakeApi } from './support/fixture';
import { startFakeApiProcess, FakeApiProcess } from './support/fakeApiProcess';
import { memoryGrowth } from './support/memory';
import { recordingLogger } from './support/recordingLogger';
import { randomFile, sha256File } from '../support/files';

const MB = 1024 * 1024;

function isStreamed(response: StreamedResponse | HttpResponse): response is StreamedResponse {
  return 'streamed' in response;
}

async function streamed(promise: Promise<StreamedResponse | HttpResponse>): Promise<StreamedResponse> {
  const response = await promise;
  assert.ok(isStreamed(response), `expected a streamed 2xx answer, got HTTP ${response.status}: ${'body' in response ? String(response.body).slice(0, 200) : ''}`);
  return response;
}

async function listen(server: net.Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`;
}

async function close(server: http.Server): Promise<void> {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}


describe('HTTP layer: methods and bodies', () => {
  const f = useFakeApi();
  let dir: string;

  before(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'axway-http-'));
  });
  after(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  async function client(): Promise<{ http: HttpClient; auth: Record<string, string>; caseNumber: string }> {
    const token = await f.tokens().getToken();
    const caseNumber = f.fake.control.listAll().find((c) => c.status !== 'Closed')?.caseNumber;
    assert.ok(caseNumber);
    return { http: new HttpClient({ baseUrl: f.fake.apiBaseUrl, service: 'the Support API', logger: f.logger }), auth: { Authorization: `Bearer ${token}` }, caseNumber };
  }

  it('POSTs a JSON body byte for byte, with its content type', async () => {
    const { http: api, auth, caseNumber } = await client();
    const note = { caseId: caseNumber, subject: 'Logs attached', description: 'Line one\nLine "two" — ünïcode', contact: 'someone@example.com' };
    const response = await api.request({ method: 'POST', path: '/note', headers: auth, body: { kind: 'json', value: note } });
    assert.strictEqual(response.status, 201, response.body);
    const [recorded] = f.fake.control.requests('addNote');
    assert.strictEqual(recorded.method, 'POST');
    assert.strictEqual(recorded.headers['content-type'], 'application/json');
    assert.strictEqual(recorded.body, JSON.stringify(note));
    assert.strictEqual(f.fake.control.getCase(caseNumber)?.notes?.at(-1)?.description, note.description);
  });

  it('sends DELETE with a JSON body (closing a case)', async () => {
    const { http: api, auth, caseNumber } = await client();
    const body = { caseId: caseNumber, subject: 'Solved', description: 'Thanks, works now.', contact: 'someone@example.com' };
    const response = await api.request({ method: 'DELETE', path: '/case', headers: auth, body: { kind: 'json', value: body } });
    assert.strictEqual(response.status, 200, response.body);
    const [recorded] = f.fake.control.requests('closeCase');
    assert.strictEqual(recorded.method, 'DELETE');
    assert.strictEqual(recorded.body, JSON.stringify(body));
    assert.strictEqual(f.fake.control.getCase(caseNumber)?.status, 'Closed');
  });

  it('sends multipart text and file parts from disk that arrive intact, and streams them back', async () => {
    const { http: api, auth, caseNumber } = await client();
    // Content that looks like multipart syntax must survive as data.
    const tricky = path.join(dir, 'tricky.log');
    await fs.writeFile(tricky, Buffer.concat([Buffer.from('--boundary\r\nContent-Disposition: x\r\n\r\n'), randomBytes(100_000), Buffer.from('\r\n--')]));
    const initializer = { caseId: caseNumber, subject: 'Two files', description: 'See attached.', contact: 'someone@example.com' };
    const response = await api.request({
      method: 'POST',
      path: '/note',
      headers: auth,
      body: {
        kind: 'multipart',
        parts: [
          { name: 'initializer', value: JSON.stringify(initializer), contentType: 'application/json' },
          { name: 'attachment', file: tricky, contentType: 'text/plain' },
          { name: 'attachment', file: tricky, filename: 'Grüße 2.log' }
        ]
      }
    });
    assert.strictEqual(response.status, 201, response.body);
    assert.match(f.fake.control.requests('addNote')[0].headers['content-type'], /^multipart\/form-data; boundary=/);
    const attachments = (JSON.parse(response.body) as { attachments: { id: string; name: string }[] }).attachments;
    assert.deepStrictEqual(attachments.map((a) => a.name), ['tricky.log', 'Grüße 2.log']);
    const expected = await sha256File(tricky);
    for (const attachment of attachments) {
      const download = await streamed(api.stream({ method: 'GET', path: `/attachment?caseId=${caseNumber}&attachmentId=${encodeURIComponent(attachment.id)}`, headers: auth }));
      const target = path.join(dir, `download-${attachment.id}`);
      await pipeline(download.body, createWriteStream(target));
      assert.strictEqual(await sha256File(target), expected, attachment.name);
      assert.strictEqual(download.contentLength, (await fs.stat(tricky)).size);
      assert.strictEqual(download.filename, attachment.name);
    }
  });

  it('reads a non-2xx answer of a streamed request as text, for the usual error mapping', async () => {
    const { http: api, auth, caseNumber } = await client();
    const response = await api.stream({ method: 'GET', path: `/attachment?caseId=${caseNumber}&attachmentId=nope`, headers: auth });
    assert.ok(!isStreamed(response));
    assert.strictEqual(response.status, 404);
    assert.match(response.body, /was not found/);
  });

  it('reports a file that cannot be read before anything is sent', async () => {
    const { http: api, auth } = await client();
    const err = await rejectsWith(
      api.request({ method: 'POST', path: '/note', headers: auth, body: { kind: 'multipart', parts: [{ name: 'attachment', file: path.join(dir, 'missing.txt') }] } }),
      'badRequest'
    );
    assert.match(err.message, /missing\.txt could not be read \(ENOENT\)/);
    assert.strictEqual(f.fake.control.requests('addNote').length, 0);
  });

  it('reads file names from Content-Disposition (RFC 6266 and 5987)', () => {
    assert.strictEqual(filenameOf(`attachment; filename="a_b.txt"; filename*=UTF-8''Gr%C3%BC%C3%9Fe.txt`), 'Grüße.txt');
    assert.strictEqual(filenameOf('attachment; filename="say \\"hi\\".txt"'), 'say "hi".txt');
    assert.strictEqual(filenameOf('attachment; filename=plain.log'), 'plain.log');
    assert.strictEqual(filenameOf('attachment'), undefined);
    assert.strictEqual(filenameOf(undefined), undefined);
  });
});

describe('HTTP layer: large files are streamed, never held in memory', function () {
  // Generous: a loaded machine (parallel test runs) slows these transfers down a lot, and only memory is asserted.
  this.timeout(600_000);
  const FILE_SIZE = 20 * MB;
  const FILES = 5;
  let fake: FakeApiProcess;
  let dir: string;
  let files: { path: string; sha256: string }[];
  let api: HttpClient;
  let auth: Record<string, string>;
  let caseNumber: string;

  before(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'axway-upload-'));
    files = [];
    for (let i = 0; i < FILES; i++) {
      const file = path.join(dir, `big-${i}.bin`);
      files.push({ path: file, sha256: await randomFile(file, FILE_SIZE) });
    }
    // In its own process, so this process's memory is the client's alone.
    fake = await startFakeApiProcess();
    const logger = recordingLogger();
    const token = await new TokenClient({ tokenUrl: fake.tokenUrl, logger, credentials: async () => ({ clientId: fake.clientId, clientSecret: fake.clientSecret }) }).getToken();
    auth = { Authorization: `Bearer ${token}` };
    api = new HttpClient({ baseUrl: fake.apiBaseUrl, service: 'the Support API', logger });
    const open = (await new FakeApiRemote(fake.origin).listAll()).find((c) => c.status !== 'Closed');
    assert.ok(open);
    caseNumber = open.caseNumber;
  });
  after(async () => {
    await fake?.close();
    await fs.rm(dir, { recursive: true, force: true });
  });

  it(`uploads ${FILES} × 20 MB from disk intact, with memory growth far below their size, and downloads them back to disk`, async () => {
    const initializer = { caseId: caseNumber, subject: 'Big logs', description: 'Five large files.', contact: 'someone@example.com' };
    const upload = memoryGrowth();
    const response = await api.request({
      method: 'POST',
      path: '/note',
      headers: auth,
      body: { kind: 'multipart', parts: [{ name: 'initializer', value: JSON.stringify(initializer), contentType: 'application/json' }, ...files.map((file) => ({ name: 'attachment', file: file.path }))] }
    });
    const uploadGrowth = upload.stop();
    assert.strictEqual(response.status, 201, response.body);
    const total = FILES * FILE_SIZE;
    assert.ok(uploadGrowth < total / 5, `memory grew by ${(uploadGrowth / MB).toFixed(1)} MB while sending ${total / MB} MB`);

    const attachments = (JSON.parse(response.body) as { attachments: { id: string; name: string }[] }).attachments;
    assert.deepStrictEqual(attachments.map((a) => a.name), files.map((file) => path.basename(file.path)));
    for (const [index, attachment] of attachments.entries()) {
      const answer = await streamed(api.stream({ method: 'GET', path: `/attachment?caseId=${caseNumber}&attachmentId=${encodeURIComponent(attachment.id)}`, headers: auth }));
      const target = path.join(dir, `back-${index}.bin`);
      await pipeline(answer.body, createWriteStream(target));
      assert.strictEqual(answer.contentLength, FILE_SIZE);
      assert.strictEqual(await sha256File(target), files[index].sha256, attachment.name);
    }
  });

  it('streams a 100 MB download to disk with memory growth far below its size', async () => {
    const size = 100 * MB;
    // A server in its own process, so this process's memory is the client's alone.
    const server = spawn(process.execPath, ['-e', `
      const block = require('crypto').randomBytes(1024 * 1024);
      require('http').createServer((req, res) => {
        res.writeHead(200, { 'Content-Length': String(${size}), 'Content-Disposition': 'attachment; filename="big.bin"' });
        let sent = 0;
        const pump = () => {
          while (sent < ${size}) {
            sent += block.length;
            if (!res.write(block)) { res.once('drain', pump); return; }
          }
          res.end();
        };
        pump();
      }).listen(0, '127.0.0.1', function () { console.log(this.address().port); });`], { stdio: ['ignore', 'pipe', 'inherit'] });
    try {
      const port = await new Promise<number>((resolve) => server.stdout?.once('data', (data: Buffer) => resolve(Number(data.toString().trim()))));
      const client = new HttpClient({ baseUrl: `http://127.0.0.1:${port}`, service: 'the test server', logger: recordingLogger() });
      const growth = memoryGrowth();
      const answer = await streamed(client.stream({ method: 'GET', path: '/big' }));
      const target = path.join(dir, 'big.bin');
      await pipeline(answer.body, createWriteStream(target));
      const downloadGrowth = growth.stop();
      assert.strictEqual((await fs.stat(target)).size, size);
      assert.strictEqual(answer.filename, 'big.bin');
      assert.ok(downloadGrowth < size / 5, `memory grew by ${(downloadGrowth / MB).toFixed(1)} MB while receiving ${size / MB} MB`);
    } finally {
      server.kill();
    }
  });
});

describe('HTTP layer: connect and idle timeouts', function () {
  this.timeout(60_000);
  const logger = recordingLogger();

  it('lets a slow but steady 20 MB download run far past the idle timeout', async () => {
    const chunk = randomBytes(512 * 1024);
    const chunks = 40;
    const server = http.createServer((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/octet-stream', 'Content-Length': String(chunk.length * chunks) });
      let sent = 0;
      const timer = setInterval(() => {
        res.write(chunk);
        sent += 1;
        if (sent === chunks) {
          clearInterval(timer);
          res.end();
        }
      }, 60);
      res.on('close', () => clearInterval(timer));
    });
    const origin = await listen(server);
    try {
      const idleMs = 1000;
      const api = new HttpClient({ baseUrl: origin, service: 'the test server', logger, timeoutMs: idleMs });
      const started = Date.now();
      const answer = await streamed(api.stream({ method: 'GET', path: '/slow' }));
      let received = 0;
      for await (const part of answer.body) {
        received += (part as Buffer).length;
      }
      assert.strictEqual(received, chunk.length * chunks);
      // The transfer outlived the idle timeout several times over: only a deadline for the whole exchange would cut it.
      assert.ok(Date.now() - started > 2 * idleMs, `took only ${Date.now() - started} ms`);
    } finally {
      await close(server);
    }
  });

  it('lets a slow but steady text answer run past the idle timeout too', async () => {
    const server = http.createServer((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      let sent = 0;
      const timer = setInterval(() => {
        res.write(sent === 0 ? '[0' : `,${sent}`);
        sent += 1;
        if (sent === 25) {
          clearInterval(timer);
          res.end(']');
        }
      }, 60);
      res.on('close', () => clearInterval(timer));
    });
    const origin = await listen(server);
    try {
      const api = new HttpClient({ baseUrl: origin, service: 'the test server', logger, timeoutMs: 500 });
      const started = Date.now();
      const answer = await api.request({ method: 'GET', path: '/drip' });
      assert.strictEqual((JSON.parse(answer.body) as number[]).length, 25);
      assert.ok(Date.now() - started > 2 * 500, `took only ${Date.now() - started} ms`);
    } finally {
      await close(server);
    }
  });

  it('stops a download that stalls after it started, with a timeout error on the stream', async () => {
    const server = http.createServer((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/octet-stream', 'Content-Length': String(10 * MB) });
      res.write(randomBytes(64 * 1024));
      // …and nothing more.
    });
    const origin = await listen(server);
    try {
      const api = new HttpClient({ baseUrl: origin, service: 'the test server', logger, timeoutMs: 300 });
      const answer = await streamed(api.stream({ method: 'GET', path: '/stall' }));
      const err = await rejectsWith(pipeline(answer.body, createWriteStream(os.devNull)), 'timeout');
      assert.match(err.message, /^The test server \(127\.0\.0\.1:\d+\) stopped sending for 0\.3 s/);
    } finally {
      await close(server);
    }
  });

  it('stops an upload that the server stops reading', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'axway-stall-'));
    const file = path.join(dir, 'upload.bin');
    await randomFile(file, 32 * MB);
    // Reads nothing: once the socket buffers are full, not a byte moves.
    const server = http.createServer((request) => request.pause());
    const origin = await listen(server);
    try {
      const api = new HttpClient({ baseUrl: origin, service: 'the test server', logger, timeoutMs: 300 });
      const err = await rejectsWith(api.request({ method: 'POST', path: '/upload', body: { kind: 'multipart', parts: [{ name: 'attachment', file }] } }), 'timeout');
      assert.match(err.message, /did not answer within 300 ms/);
    } finally {
      await close(server);
      await fs.rm(dir, { recursive: true, force: true });
    }
  });

  it('gives up on a connection the server never accepts after the connect timeout', async () => {
    // A listener whose thread is blocked never accepts; once its backlog is full, the kernel ignores new SYNs and
    // the client's connect neither succeeds nor fails.
    const lock = new Int32Array(new SharedArrayBuffer(4));
    const worker = new Worker(
      `const net = require('net');
       const { parentPort, workerData } = require('worker_threads');
       const server = net.createServer().listen({ port: 0, host: '127.0.0.1', backlog: 1 }, () => {
         parentPort.postMessage(server.address().port);
         Atomics.wait(workerData, 0, 0);
         server.close();
       });`,
      { eval: true, workerData: lock }
    );
    const port = await new Promise<number>((resolve) => worker.once('message', resolve));
    const fillers = Array.from({ length: 4 }, () => net.connect({ port, host: '127.0.0.1' }).on('error', () => undefined));
    try {
      // The idle timeout is far away: only the connect timeout can end this.
      const api = new HttpClient({ baseUrl: `http://127.0.0.1:${port}`, service: 'the test server', logger, connectTimeoutMs: 500, timeoutMs: 60_000 });
      const err = await rejectsWith(api.request({ method: 'GET', path: '/never' }), 'timeout');
      assert.match(err.message, /^Could not connect to the test server \(127\.0\.0\.1:\d+\) within 500 ms\./);
    } finally {
      fillers.forEach((socket) => socket.destroy());
      Atomics.store(lock, 0, 1);
      Atomics.notify(lock, 0);
      await worker.terminate();
    }
  });

  it('cancels a running download when the caller aborts, with a cancelled error on the stream', async () => {
    const server = http.createServer((_req, res) => {
      res.writeHead(200, { 'Content-Length': String(10 * MB) });
      res.write(randomBytes(64 * 1024));
    });
    const origin = await listen(server);
    try {
      const api = new HttpClient({ baseUrl: origin, service: 'the test server', logger });
      const controller = new AbortController();
      const answer = await streamed(api.stream({ method: 'GET', path: '/cancel', signal: controller.signal }));
      answer.body.once('data', () => controller.abort());
      await rejectsWith(pipeline(answer.body, createWriteStream(os.devNull)), 'cancelled');
    } finally {
      await close(server);
    }
  });
});
