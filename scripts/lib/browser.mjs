// Debian's chromium driven by playwright-core (no browser download), with the flags that keep it quiet on a
// closed network. Playwright gives every launch a fresh temporary profile and removes it on close.
import { chromium } from 'playwright-core';
import { childPids, commandLine, registerCleanup, sumRss, treeMembers } from './processes.mjs';
import { CHROMIUM_BIN, assertToolsInstalled } from './tools.mjs';

export const CHROMIUM_FLAGS = Object.freeze([
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'
]);

/**
 * @param {import('./browser.d.mts').ChromiumOptions} [options]
 * @returns {Promise<import('./browser.d.mts').Chromium>}
 */
export async function launchChromium(options = {}) {
  assertToolsInstalled();
  const before = new Set(childPids(process.pid));
  const browser = await chromium.launch({
    executablePath: CHROMIUM_BIN,
    headless: options.headless ?? true,
    args: [...CHROMIUM_FLAGS, ...(options.args ?? [])],
    timeout: 60_000
  });
  // The browser's main process is the new child of this process (used for memory figures and the last-resort kill).
  const pid = childPids(process.pid).find((p) => !before.has(p) && commandLine(p).includes('chrom'));
  const close = registerCleanup(async () => {
    await browser.close().catch(() => undefined);
  }, () => {
    if (pid !== undefined) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  });
  return {
    browser,
    pid,
    rss: () => (pid === undefined ? 0 : sumRss(treeMembers(pid))),
    close
  };
}
