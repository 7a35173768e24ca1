// Issue 9's goal "case rows are in the tree before the network bundle is loaded", end to end in plain Node, through
// the bench's own code (scripts/lib/benchList.mjs): the extension is bundled by esbuild.mjs, activated in a
// fresh process with the bench's stand-in vscode, against the fake Support API in its own process. This also keeps
// `npm run bench` from crashing when activation starts using another part of the vscode API.
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import { promises as fs } from 'fs';
import { createRequire } from 'module';
import * as os from 'os';
import * as path from 'path';
import type * as BenchListLib from '../../scripts/lib/benchList.mjs';

const root = path.resolve(__dirname, __dirname.includes(`${path.sep}out${path.sep}`) ? '../../..' : '../..');
// Node >= 20.19 loads the ES module through require(), which is what tsc's CommonJS output uses.
const { firstRows } = createRequire(__filename)(path.join(root, 'scripts', 'lib', 'benchList.mjs')) as typeof BenchListLib;

describe('bench: first case rows from the cache', function () {
  // Bundling and two fresh Node processes: seconds, not milliseconds, on a busy machine.
  this.timeout(120_000);
  let bundleDir: string;

  before(async () => {
    bundleDir = await fs.mkdtemp(path.join(os.tmpdir(), 'axway-bench-bundle-'));
    // Every bundle, built by esbuild.mjs itself into a folder of their own (so the test neither needs nor disturbs
    // dist/): the first rows can involve the network bundle, and a signed-in account loads follow's.
    const run = spawnSync(process.execPath, [path.join(root, 'esbuild.mjs'), `--outdir=${bundleDir}`], { cwd: root, encoding: 'utf8' });
    assert.strictEqual(run.status, 0, run.stderr);
  });
  after(async () => {
    await fs.rm(bundleDir, { recursive: true, force: true });
  });

  it('shows cached rows without loading the network bundle, and rows from the network without a cache', async () => {
    const { cached, network } = await firstRows(1, bundleDir);
    assert.strictEqual(cached.length, 1);
    assert.strictEqual(network.length, 1);
    assert.ok(cached[0].ms >= 0, `cached case rows appeared (${JSON.stringify(cached[0])})`);
    assert.strictEqual(cached[0].networkLoaded, false, 'the cached rows were in the tree before network.js was loaded');
    assert.ok(network[0].ms >= 0, `case rows came from the fake API without a cache (${JSON.stringify(network[0])})`);
    // Proves the sample can see the bundle being loaded, so the `false` above means something.
    assert.strictEqual(network[0].networkLoaded, true, 'rows from the network need network.js');
  });

  it("the bench's signed-out activation sample ends on its own (nothing activation starts keeps Node alive) and, in Production mode, exports nothing", () => {
    const stub = path.join(root, 'scripts', 'lib', 'vscodeStub.cjs');
    const code = `
      require(${JSON.stringify(stub)}).install();
      const ext = require(${JSON.stringify(path.join(bundleDir, 'extension.js'))});
      const returned = ext.activate(require(${JSON.stringify(stub)}).fakeContext(${JSON.stringify(root)}));
      console.log('activated, returned ' + (returned === undefined ? 'undefined' : 'an object with ' + Object.keys(returned).join(', ')));
    `;
    // The generous bound only turns a hang into a failure; a healthy process ends in well under a second.
    const result = spawnSync(process.execPath, ['-e', code], { cwd: root, encoding: 'utf8', timeout: 60_000 });
    assert.strictEqual(result.signal, null, `the process had to be killed: it did not end (${result.stderr})`);
    assert.strictEqual(result.status, 0, result.stderr);
    assert.match(result.stdout, /activated/);
    // The stand-in context is in ExtensionMode.Production: any installed extension can call activate() through
    // getExtension(), so the production build must hand out nothing (the test API reaches the stored secrets).
    assert.match(result.stdout, /activated, returned undefined$/m, 'activate() returns nothing in ExtensionMode.Production');
  });
});
