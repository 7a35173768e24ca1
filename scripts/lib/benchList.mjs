// Issue 9's figures for `npm run bench`, all measured, none written down:
//   - list requests of a Refresh when nothing changed, at 1, 5 and 101 loaded pages: the 0.1.0 way (every loaded page
//     again, which is what Reload still does) against the incremental Refresh, counted by the fake Support API;
//   - ms from activate() to the first case rows in the tree, with and without the on-disk cache, in fresh Node
//     processes running dist/extension.js with a stand-in `vscode` that keeps the tree provider it is given.
// Needs `npm run build:test` (out/: the fake API and the model) and a build of dist/ (bench.mjs makes it).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFakeApiProcess } from './fakeApi.mjs';
import { REPO_ROOT } from './tools.mjs';

const OUT = join(REPO_ROOT, 'out');
const require = createRequire(import.meta.url);

async function requestCounts() {
  const { startFakeApi } = require(join(OUT, 'test', 'fake-api', 'server.js'));
  const { createNetwork } = require(join(OUT, 'src', 'api', 'index.js'));
  const { CasesModel } = require(join(OUT, 'src', 'cases', 'casesModel.js'));
  const fake = await startFakeApi();
  const silent = { trace() {}, debug() {}, info() {}, warn() {}, error() {} };
  const rows = [];
  try {
    for (const pages of [1, 5, 101]) {
      fake.control.reset();
      fake.control.setCaseCount(2100);
      const network = createNetwork({
        tokenUrl: fake.tokenUrl,
        apiBaseUrl: fake.apiBaseUrl,
        logger: silent,
        credentials: async () => ({ clientId: fake.clientId, clientSecret: fake.clientSecret }),
        timeoutMs: 10_000
      });
      const model = new CasesModel({ api: async () => network.api, logger: silent, telemetry: { sendEvent() {}, sendError() {} } });
      model.setAccount('bench');
      await model.refresh();
      while (model.state.kind === 'loaded' && model.state.pagesLoaded < pages) {
        await model.loadMore();
      }
      const count = async (run) => {
        fake.control.clearRequests();
        await run();
        return fake.control.stats().counts.listCases;
      };
      const before = await count(() => model.reload());
      const now = await count(() => model.refresh());
      const loadedCases = model.state.kind === 'loaded' ? model.state.cases.length : 0;
      fake.control.upsertCase({ caseNumber: fake.control.listAll()[30].caseNumber, subject: 'changed for the bench' });
      const oneChange = await count(() => model.refresh());
      rows.push({ pages, cases: loadedCases, before, now, oneChange });
      model.dispose();
    }
  } finally {
    await fake.close();
  }
  return rows;
}

const STUB = join(REPO_ROOT, 'scripts', 'lib', 'vscodeStub.cjs');
const DIST = join(REPO_ROOT, 'dist');

/**
 * One fresh process: activate() with a stand-in vscode (every API name a stub, see vscodeStub.cjs, so code that starts
 * using another part of the API does not crash the bench), then poll the tree until it shows a case row.
 * Returns { ms, networkLoaded }: ms from activate() to the first case row, and whether <bundleDir>/network.js was
 * loaded by then.
 */
export function firstRowsSample(settings, storageDir, credentials, bundleDir = DIST) {
  const code = `
    const { installWindow, fakeContext } = require(${JSON.stringify(STUB)});
    const window = installWindow(${JSON.stringify(settings)});
    const context = fakeContext(${JSON.stringify(REPO_ROOT)}, {
      storageDir: ${JSON.stringify(storageDir)},
      secrets: { 'axwaySupport.serviceAccount': ${JSON.stringify(JSON.stringify(credentials))} }
    });
    const bundleDir = ${JSON.stringify(bundleDir)};
    const ext = require(require('node:path').join(bundleDir, 'extension.js'));
    const network = require('node:path').join(bundleDir, 'network.js');
    const t0 = process.hrtime.bigint();
    ext.activate(context);
    const poll = () => {
      const rows = window.provider ? window.provider.getChildren() : [];
      if (Array.isArray(rows) && rows.some((r) => r.kind === 'case')) {
        const loaded = Object.keys(require.cache).includes(network);
        console.log(JSON.stringify({ ms: Number(process.hrtime.bigint() - t0) / 1e6, networkLoaded: loaded }));
        process.exit(0);
      }
      setImmediate(poll);
    };
    poll();
    setTimeout(() => { console.log(JSON.stringify({ ms: -1 })); process.exit(1); }, 20000);
  `;
  const result = spawnSync(process.execPath, ['-e', code], { cwd: REPO_ROOT, encoding: 'utf8' });
  const line = (result.stdout ?? '').trim().split('\n').pop() ?? '';
  try {
    return JSON.parse(line);
  } catch {
    throw new Error(`first-rows sample failed:\n${result.stderr}`);
  }
}

/**
 * `runs` samples with the on-disk cache of the fake API's first 20 cases and as many without a cache, against a fake
 * Support API in its own process. Needs out/ (`npm run build:test`) and the bundles in `bundleDir`.
 */
export async function firstRows(runs, bundleDir = DIST) {
  const { CaseCache } = require(join(OUT, 'src', 'cases', 'caseCache.js'));
  const { viewKey, DEFAULT_VIEW } = require(join(OUT, 'src', 'cases', 'caseGroups.js'));
  const { accountIdOf } = require(join(OUT, 'src', 'auth', 'accountId.js'));
  const fake = await startFakeApiProcess();
  const withCache = mkdtempSync(join(tmpdir(), 'axway-bench-cache-'));
  const withoutCache = mkdtempSync(join(tmpdir(), 'axway-bench-nocache-'));
  try {
    const credentials = { clientId: fake.clientId, clientSecret: fake.clientSecret };
    const settings = { tokenUrl: fake.tokenUrl, apiBaseUrl: fake.apiBaseUrl };
    const cases = (await (await fetch(`${fake.origin}/__control/cases`)).json()).slice(0, 20);
    await new CaseCache(withCache).write(accountIdOf(fake.clientId), viewKey(DEFAULT_VIEW), { savedAt: Date.now(), cases });
    const cached = [];
    const network = [];
    for (let i = 0; i < runs; i++) {
      cached.push(firstRowsSample(settings, withCache, credentials, bundleDir));
      network.push(firstRowsSample(settings, withoutCache, credentials, bundleDir));
      // The sample wrote the network's answer to its cache: start the next one without it again.
      rmSync(withoutCache, { recursive: true, force: true });
    }
    return { cached, network };
  } finally {
    await fake.stop();
    rmSync(withCache, { recursive: true, force: true });
    rmSync(withoutCache, { recursive: true, force: true });
  }
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** Prints the figures; returns false when something regressed (cached rows needing the network bundle). */
export async function benchList(runs = 9) {
  if (!existsSync(join(OUT, 'src', 'cases', 'casesModel.js'))) {
    console.log('\nList figures (issue 9): run `npm run build:test` first (they use out/).');
    return true;
  }
  console.log('\nRefresh when nothing changed, list requests counted by the fake Support API (2,100 cases)');
  console.log('  loaded pages   cases   0.1.0 (all pages again, = Reload)   now (incremental)   now, 1 case changed');
  for (const row of await requestCounts()) {
    console.log(`  ${String(row.pages).padStart(12)}   ${String(row.cases).padStart(5)}   ${String(row.before).padStart(33)}   ${String(row.now).padStart(17)}   ${String(row.oneChange).padStart(19)}`);
  }
  const { cached, network } = await firstRows(runs);
  const ok = (samples) => samples.filter((s) => s.ms >= 0).map((s) => s.ms);
  console.log(`\nactivate() to the first case rows (fresh Node processes, ${runs} runs each, fake API on loopback)`);
  console.log(`  from the on-disk cache        median ${median(ok(cached)).toFixed(1)} ms   network bundle loaded by then: ${cached.some((s) => s.networkLoaded) ? 'YES (regression!)' : 'no'}`);
  console.log(`  without a cache (network)     median ${median(ok(network)).toFixed(1)} ms`);
  return !cached.some((s) => s.networkLoaded || s.ms < 0);
}
