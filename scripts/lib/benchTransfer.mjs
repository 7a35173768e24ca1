// `npm run bench`, transfers: upload and download throughput of a 20 MB file through dist/network.js (the extension's
// own network bundle) against the fake Support API on loopback, beside a plain Node http copy of the same file over
// loopback in the same run, with the client process's memory growth while the bundle transfers.
//
// The client side runs in a fresh Node process (this file with --child), so its memory figures are the transfer's
// alone; the fake API and the plain server each run in their own process. Fails (exit code 1) when the bundle is
// absurdly slow against the plain copy (ratio < 0.1) or when memory grows by more than the file (not streamed).
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, promises as fs } from 'node:fs';
import * as http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';
import { startFakeApiProcess } from './fakeApi.mjs';
import { REPO_ROOT } from './tools.mjs';

const MB = 1024 * 1024;
const FILE_SIZE = 20 * MB;
const RUNS = Number(process.env.BENCH_TRANSFER_RUNS ?? 3);
const MIN_RATIO = 0.1;
const SELF = fileURLToPath(import.meta.url);

/** A plain Node http server in its own process: POST drains the body to /dev/null, GET streams the file. */
const PLAIN_SERVER = `
  const http = require('http'), fs = require('fs');
  const [file, size] = [process.argv[1], Number(process.argv[2])];
  http.createServer((req, res) => {
    if (req.method === 'POST') {
      let bytes = 0;
      req.on('data', (chunk) => { bytes += chunk.length; });
      req.on('end', () => { res.writeHead(201, { 'Content-Type': 'application/json' }); res.end(JSON.stringify({ bytes })); });
      return;
    }
    res.writeHead(200, { 'Content-Length': String(size), 'Content-Type': 'application/octet-stream' });
    fs.createReadStream(file).pipe(res);
  }).listen(0, '127.0.0.1', function () { console.log(this.address().port); });`;

function mbps(bytes, ms) {
  return bytes / MB / (ms / 1000);
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

async function writeRandomFile(file, size) {
  const out = createWriteStream(file);
  for (let written = 0; written < size; written += MB) {
    if (!out.write(randomBytes(Math.min(MB, size - written)))) {
      await new Promise((resolve) => out.once('drain', resolve));
    }
  }
  await new Promise((resolve, reject) => out.end((err) => (err ? reject(err) : resolve())));
}

async function startPlainServer(file) {
  const child = spawn(process.execPath, ['-e', PLAIN_SERVER, file, String(FILE_SIZE)], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the plain server exited (${code})`)));
    child.stdout.once('data', (data) => resolve(Number(String(data).trim())));
  });
  child.removeAllListeners('exit');
  return { origin: `http://127.0.0.1:${port}`, stop: () => child.kill() };
}

/** Runs the measuring side in a fresh process and returns what it printed as JSON. */
function runChild(config) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--expose-gc', SELF, '--child', JSON.stringify(config)], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
    });
    child.once('exit', (code) => {
      if (code !== 0) {
        reject(new Error(`the transfer bench process failed (exit ${code})`));
        return;
      }
      resolve(JSON.parse(out.trim().split('\n').pop()));
    });
  });
}

export async function benchTransfer() {
  console.log('\nTransfers of a 20 MB file over loopback (dist/network.js against the fake Support API, and a plain Node http copy)');
  // The fake API runs from the compiled tests.
  execFileSync(process.execPath, [join(REPO_ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.test.json'], { cwd: REPO_ROOT, stdio: 'inherit' });
  const dir = await fs.mkdtemp(join(tmpdir(), 'axway-bench-'));
  const file = join(dir, 'payload.bin');
  await writeRandomFile(file, FILE_SIZE);
  const fake = await startFakeApiProcess();
  const plain = await startPlainServer(file);
  try {
    const r = await runChild({ fake, plainOrigin: plain.origin, file, dir, runs: RUNS, network: join(REPO_ROOT, 'dist', 'network.js') });
    const up = { bundle: median(r.bundleUp), plain: median(r.plainUp) };
    const down = { bundle: median(r.bundleDown), plain: median(r.plainDown) };
    const row = (what, s) => `  ${what.padEnd(9)} network bundle ${s.bundle.toFixed(1).padStart(7)} MB/s   plain Node ${s.plain.toFixed(1).padStart(7)} MB/s   ratio ${(s.bundle / s.plain).toFixed(2)}`;
    console.log(`  median of ${RUNS} runs each`);
    console.log(row('upload', up));
    console.log(row('download', down));
    const m = r.memory;
    const fmt = (bytes) => `${bytes >= 0 ? '+' : ''}${(bytes / MB).toFixed(1)} MB`;
    console.log('  memory growth of the client process during a first transfer each (peak over baseline, sampled after collection):');
    console.log(`    upload    RSS ${fmt(m.upload.rss)}, JS heap + buffers ${fmt(m.upload.heap)}`);
    console.log(`    download  RSS ${fmt(m.download.rss)}, JS heap + buffers ${fmt(m.download.heap)}`);
    const problems = [];
    for (const [what, s] of [['upload', up], ['download', down]]) {
      if (!(s.bundle / s.plain >= MIN_RATIO)) {
        problems.push(`${what} throughput ratio ${(s.bundle / s.plain).toFixed(2)} is below ${MIN_RATIO}`);
      }
    }
    for (const [what, g] of [['upload', m.upload], ['download', m.download]]) {
      if (g.rss > FILE_SIZE || g.heap > FILE_SIZE) {
        problems.push(`${what} memory grew by more than the file (${fmt(Math.max(g.rss, g.heap))}): not streamed`);
      }
    }
    for (const problem of problems) {
      console.log(`  REGRESSION: ${problem}`);
    }
    if (problems.length > 0) {
      process.exitCode = 1;
    }
  } finally {
    plain.stop();
    await fake.stop();
    await fs.rm(dir, { recursive: true, force: true });
  }
}

/** Wall time of `work`. */
async function timed(work) {
  const started = performance.now();
  await work();
  return performance.now() - started;
}

function collect() {
  // A second collection waits for V8 to free dead Buffers' memory in the background.
  globalThis.gc();
  globalThis.gc();
}

/**
 * Peak growth over a collected baseline while `work` runs, sampled every 50 ms after a collection: what the process
 * holds (RSS, and JS heap + Buffer memory), not garbage waiting to be collected. Run apart from the timed runs, whose
 * figures the collections would slow down.
 */
async function growth(work) {
  collect();
  const base = process.memoryUsage();
  const heapOf = (m) => m.heapUsed + m.arrayBuffers;
  let peakRss = base.rss;
  let peakHeap = heapOf(base);
  const sample = () => {
    collect();
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss);
    peakHeap = Math.max(peakHeap, heapOf(m));
  };
  const timer = setInterval(sample, 50);
  try {
    await work();
  } finally {
    clearInterval(timer);
  }
  sample();
  return { rss: peakRss - base.rss, heap: peakHeap - heapOf(base) };
}

async function child(config) {
  const require = (await import('node:module')).createRequire(import.meta.url);
  // The network bundle also holds each account's network, which reads VS Code's settings: a stand-in vscode module.
  require('./vscodeStub.cjs').install();
  const { createNetwork } = require(config.network);
  const silent = { trace() {}, debug() {}, info() {}, warn() {}, error() {} };
  const { fake } = config;
  const { api } = createNetwork({
    tokenUrl: fake.tokenUrl,
    apiBaseUrl: fake.apiBaseUrl,
    logger: silent,
    credentials: async () => ({ clientId: fake.clientId, clientSecret: fake.clientSecret }),
    timeoutMs: 60_000
  });
  const list = await api.listCases({ query: { statuses: { exclude: ['Closed'] } } });
  const caseId = list.cases[0].caseNumber;
  const result = { bundleUp: [], bundleDown: [], plainUp: [], plainDown: [], memory: {} };
  const target = join(config.dir, 'download.bin');
  let attachmentId;
  const bundleUpload = async () => {
    const note = await api.addNote({ caseId, subject: 'Bench upload', description: 'Throughput run.', contact: 'bench@example.com', files: [{ path: config.file, name: 'payload.bin', size: FILE_SIZE }] });
    attachmentId = note.attachments[0].id;
  };
  const bundleDownload = async () => {
    const download = await api.downloadAttachment(caseId, attachmentId);
    await pipeline(download.body, createWriteStream(target));
    if ((await fs.stat(target)).size !== FILE_SIZE) {
      throw new Error('the download through the bundle was incomplete');
    }
  };
  const plainUpload = () =>
    new Promise((resolve, reject) => {
      const req = http.request(`${config.plainOrigin}/upload`, { method: 'POST', headers: { 'Content-Length': String(FILE_SIZE) } }, (res) => {
        res.resume();
        res.on('end', resolve);
      });
      req.on('error', reject);
      createReadStream(config.file).pipe(req);
    });
  const plainDownload = () =>
    new Promise((resolve, reject) => {
      http.get(`${config.plainOrigin}/download`, (res) => {
        pipeline(res, createWriteStream(target)).then(resolve, reject);
      }).on('error', reject);
    });
  // Memory first, so RSS (a high-water mark) is not already raised by the timed runs.
  result.memory.upload = await growth(bundleUpload);
  result.memory.download = await growth(bundleDownload);
  for (let run = 0; run < config.runs; run++) {
    result.bundleUp.push(mbps(FILE_SIZE, await timed(bundleUpload)));
    result.bundleDown.push(mbps(FILE_SIZE, await timed(bundleDownload)));
    result.plainUp.push(mbps(FILE_SIZE, await timed(plainUpload)));
    result.plainDown.push(mbps(FILE_SIZE, await timed(plainDownload)));
  }
  console.log(JSON.stringify(result));
}

if (process.argv[1] !== undefined && pathToFileURL(process.argv[1]).href === import.meta.url && process.argv[2] === '--child') {
  await child(JSON.parse(process.argv[3]));
}
