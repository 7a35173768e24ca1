// `npm run bench`: what activation costs and what the lazy bundles save. A benchmark, not a test: it prints numbers.
//   - bundle sizes (raw and gzip) and the VSIX size
//   - in fresh Node processes: require() of dist/extension.js + activate() (with a stand-in `vscode` module), and
//     require() of dist/network.js (axios) and dist/telemetry.js, median and p95 over N runs
//   - VS Code's own activation times for the extension, as recorded by the last integration run (if any)
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { REPO_ROOT } from './lib/tools.mjs';
import { benchList } from './lib/benchList.mjs';
import { VSIX_PATH } from './lib/build.mjs';

const RUNS = Number(process.env.BENCH_RUNS ?? 25);
const DIST = join(REPO_ROOT, 'dist');
const VSIX = VSIX_PATH;
const STUB = join(REPO_ROOT, 'scripts', 'lib', 'vscodeStub.cjs');

function kib(bytes) {
  return `${(bytes / 1024).toFixed(1)} KiB`;
}

function stats(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return { median: at(0.5), p95: at(0.95), min: sorted[0] };
}

/** One fresh process per sample, so module caches never flatter the numbers. */
function sample(code) {
  const result = spawnSync(process.execPath, ['-e', code], { cwd: REPO_ROOT, encoding: 'utf8' });
  if (result.status !== 0) {
    throw new Error(`bench sample failed:\n${result.stderr}`);
  }
  return JSON.parse(result.stdout.trim().split('\n').pop());
}

const activationSample = `
  require(${JSON.stringify(STUB)}).install();
  const t0 = process.hrtime.bigint();
  const ext = require(${JSON.stringify(join(DIST, 'extension.js'))});
  const t1 = process.hrtime.bigint();
  const api = ext.activate(require(${JSON.stringify(STUB)}).fakeContext(${JSON.stringify(REPO_ROOT)}));
  const t2 = process.hrtime.bigint();
  const loaded = Object.keys(require.cache).map((k) => k.replace(/\\\\/g, '/'));
  console.log(JSON.stringify({
    requireMs: Number(t1 - t0) / 1e6,
    activateMs: Number(t2 - t1) / 1e6,
    networkLoaded: loaded.some((k) => k.endsWith('/dist/network.js')),
    exportsSomething: api !== undefined,
    telemetryLoaded: loaded.some((k) => k.endsWith('/dist/telemetry.js')),
    formsLoaded: loaded.some((k) => k.endsWith('/dist/forms.js')),
    modules: loaded.length
  }));
`;

const requireSample = (file) => `
  require(${JSON.stringify(STUB)}).install();
  const t0 = process.hrtime.bigint();
  require(${JSON.stringify(join(DIST, file))});
  console.log(JSON.stringify({ ms: Number(process.hrtime.bigint() - t0) / 1e6 }));
`;

function main() {
  console.log('bench: production build and package');
  execFileSync(process.execPath, ['esbuild.mjs', '--production'], { cwd: REPO_ROOT, stdio: 'ignore' });
  if (!existsSync(VSIX) || statSync(VSIX).mtimeMs < statSync(join(DIST, 'extension.js')).mtimeMs) {
    execFileSync('npm', ['run', '--silent', 'package'], {
      cwd: REPO_ROOT,
      stdio: 'ignore'
    });
  }

  console.log('\nSizes');
  for (const file of ['extension.js', 'network.js', 'telemetry.js', 'forms.js', 'caseActions.js', 'agentTools.js', 'mcpHost.js', 'mcp.js']) {
    const content = readFileSync(join(DIST, file));
    console.log(`  dist/${file.padEnd(13)} ${kib(content.length).padStart(10)}  (gzip ${kib(gzipSync(content).length)})`);
  }
  console.log(`  VSIX               ${kib(statSync(VSIX).size).padStart(10)}`);

  const activation = Array.from({ length: RUNS }, () => sample(activationSample));
  const network = Array.from({ length: RUNS }, () => sample(requireSample('network.js')).ms);
  const telemetry = Array.from({ length: RUNS }, () => sample(requireSample('telemetry.js')).ms);
  const req = stats(activation.map((s) => s.requireMs));
  const act = stats(activation.map((s) => s.activateMs));
  const net = stats(network);
  const tel = stats(telemetry);
  const fmt = (s) => `median ${s.median.toFixed(2)} ms, p95 ${s.p95.toFixed(2)} ms`;
  console.log(`\nFresh Node ${process.version} processes, ${RUNS} runs each (vscode replaced by a stand-in module)`);
  console.log(`  require dist/extension.js      ${fmt(req)}`);
  console.log(`  activate()                     ${fmt(act)}`);
  console.log(`  require dist/network.js        ${fmt(net)}   (deferred to the first request)`);
  console.log(`  require dist/telemetry.js      ${fmt(tel)}   (only with a connection string)`);
  console.log(`  activation loaded network.js:  ${activation.some((s) => s.networkLoaded) ? 'YES (regression!)' : 'no'}`);
  console.log(`  activation loaded telemetry.js: ${activation.some((s) => s.telemetryLoaded) ? 'YES (regression!)' : 'no'}`);
  console.log(`  activation loaded forms.js:    ${activation.some((s) => s.formsLoaded) ? 'YES (regression!)' : 'no'}`);
  console.log(`  production activate() exports:  ${activation.some((s) => s.exportsSomething) ? 'SOMETHING (regression: other extensions can reach it!)' : 'nothing'}`);

  const recorded = join(REPO_ROOT, 'test-results', 'activation-times.json');
  if (existsSync(recorded)) {
    const times = JSON.parse(readFileSync(recorded, 'utf8'));
    console.log('\nVS Code 1.139 (code-server) extension-host marks from the last `npm run test:integration`');
    console.log(`  code loading ${times.codeLoadingMs} ms, activate ${times.activateMs} ms, total ${times.totalMs} ms`);
  } else {
    console.log('\nVS Code activation times: run `npm run test:integration` first (it records test-results/activation-times.json)');
  }
  if (activation.some((s) => s.networkLoaded || s.telemetryLoaded || s.exportsSomething)) {
    process.exitCode = 1;
  }
}

await main();
if (!(await benchList())) process.exitCode = 1;
await (await import('./lib/benchTransfer.mjs')).benchTransfer();
