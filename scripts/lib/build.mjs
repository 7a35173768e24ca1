// Build steps shared by the runners: each is an npm script of the project, run in the foreground.
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { vsixFileName } from './release.mjs';
import { REPO_ROOT } from './tools.mjs';

const manifest = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8'));

/** The VSIX that `npm run package` writes. */
export const VSIX_PATH = join(REPO_ROOT, vsixFileName(manifest));
export const EXTENSION_ID = `${manifest.publisher}.${manifest.name}`;

/** Runs `npm run <script>` for each script in order (with `env` on top of ours); throws on the first failure. */
export function runNpmScripts(scripts, log = (line) => console.log(line), env = {}) {
  for (const script of scripts) {
    const started = Date.now();
    log(`$ npm run ${script}`);
    const result = spawnSync('npm', ['run', '--silent', script], { cwd: REPO_ROOT, stdio: 'inherit', env: { ...process.env, ...env } });
    if (result.status !== 0) {
      throw new Error(`npm run ${script} failed (exit ${result.status ?? result.signal})`);
    }
    log(`  ${script}: ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
}

/** Production bundle, VSIX and the compiled tests. */
export const FULL_BUILD = Object.freeze(['build:prod', 'package', 'build:test']);

/**
 * The demo's build: the VSIX (its prepublish makes the production bundles, so no separate build:prod) and the fake
 * Support API in one esbuild bundle (build:fake-api: under a second, where build:test compiles every test with tsc).
 * DEMO_BUILD_ENV leaves the type check and lint out of the prepublish (scripts/prepublish.mjs says why).
 */
export const DEMO_BUILD = Object.freeze(['package', 'build:fake-api']);
export const DEMO_BUILD_ENV = Object.freeze({ AXWAY_DEMO_PACKAGE: '1' });

/**
 * @param {{ host?: string, browser?: boolean }} options `host`: only that host (tools.mjs HOSTS; default: all of
 * them); `browser: false` leaves chromium out (the demo)
 */
export function testToolsArgs({ host, browser = true } = {}) {
  return [join(REPO_ROOT, 'scripts', 'test-tools.mjs'), ...(host ? ['--host', host] : []), ...(browser ? [] : ['--no-browser'])];
}

/** What `npm start` prepares: the current host only, and no chromium (only the UI suite drives a browser). */
export const DEMO_TOOLS = Object.freeze({ host: 'current', browser: false });

/** Makes sure the pinned code-servers, their Node and (unless `browser: false`) chromium are there (fast when they are). */
export function ensureTestTools(options = {}) {
  const result = spawnSync(process.execPath, testToolsArgs(options), { cwd: REPO_ROOT, stdio: 'inherit' });
  if (result.status !== 0) {
    throw new Error('`npm run test-tools` failed: the real-VS-Code test tools are not ready');
  }
}

/**
 * The same in a child process that runs while the caller does other work (the demo packages the extension meanwhile:
 * on a fresh machine both take minutes, mostly on one core each). `done` settles when the tools are ready; `stop()`
 * ends the child when the caller gives up.
 */
export function startTestTools(options = {}) {
  const child = spawn(process.execPath, testToolsArgs(options), { cwd: REPO_ROOT, stdio: 'inherit' });
  const done = new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code, signal) => (code === 0 ? resolve() : reject(new Error(
      `\`npm run test-tools\` failed (${code ?? signal}): the real-VS-Code test tools are not ready`))));
  });
  return { done, stop: () => child.kill() };
}
