// Types of browser.mjs.
import type { Browser } from 'playwright-core';

export interface ChromiumOptions {
  /** Default true; false needs a display. */
  readonly headless?: boolean;
  readonly args?: readonly string[];
}

export interface Chromium {
  readonly browser: Browser;
  /** PID of chromium's main process, when it could be found. */
  readonly pid: number | undefined;
  /** Resident memory of chromium's process tree, in bytes. */
  rss(): number;
  /** Closes the browser; safe to call twice. */
  close(): Promise<void>;
}

export const CHROMIUM_FLAGS: readonly string[];
export function launchChromium(options?: ChromiumOptions): Promise<Chromium>;
