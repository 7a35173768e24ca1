// axe-core inside a webview page (two iframes deep) for the UI suite: the engine's source is evaluated through
// Playwright's frame API, which the page's Content-Security-Policy (scripts with the nonce only) does not govern,
// so the page itself stays exactly as users get it. Also the themes the accessibility suite runs it under.
import * as fs from 'fs';
import type { Frame, FrameLocator } from 'playwright-core';
import { waitUntil } from './harness';

/** One axe violation, reduced to what a failure message needs. */
export interface AxeViolation {
  readonly id: string;
  readonly impact: string | null;
  readonly help: string;
  readonly nodes: readonly { readonly target: string; readonly summary: string }[];
}

/** The page's globals as the tests read them (the test build has no DOM lib). */
interface AxeGlobals {
  axe?: {
    run(context: unknown, options: unknown): Promise<{
      violations: { id: string; impact?: string | null; help: string; nodes: { target: unknown[]; failureSummary?: string }[] }[];
    }>;
  };
  document: unknown;
}

/** The themes VS Code ships, by the id `workbench.colorTheme` takes, and the class a webview's body gets for each. */
export const THEMES = [
  { id: 'Default Dark Modern', bodyClass: 'vscode-dark' },
  { id: 'Default Light Modern', bodyClass: 'vscode-light' },
  { id: 'Default High Contrast', bodyClass: 'vscode-high-contrast' }
] as const;
export type Theme = (typeof THEMES)[number];

const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** The Frame behind a FrameLocator (evaluate with a string needs a Frame, not a locator). */
async function frameOf(view: FrameLocator): Promise<Frame> {
  const handle = await view.locator('html').elementHandle();
  const frame = await handle?.ownerFrame();
  await handle?.dispose();
  if (!frame) {
    throw new Error('The webview page has no frame');
  }
  return frame;
}

/** Runs axe over the whole page and returns the serious and critical violations. */
export async function seriousViolations(view: FrameLocator): Promise<AxeViolation[]> {
  const frame = await frameOf(view);
  if (!(await frame.evaluate(() => typeof (globalThis as unknown as AxeGlobals).axe === 'object'))) {
    // A string, not a function: evaluated as the page's own script would be, without a <script> element the CSP would block.
    await frame.evaluate(`${AXE_SOURCE}\n;undefined`);
  }
  return frame.evaluate(async () => {
    const g = globalThis as unknown as AxeGlobals;
    if (!g.axe) {
      throw new Error('axe-core did not load in the page');
    }
    const result = await g.axe.run(g.document, { resultTypes: ['violations'] });
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({
        id: v.id,
        impact: v.impact ?? null,
        help: v.help,
        nodes: v.nodes.map((n) => ({ target: JSON.stringify(n.target), summary: (n.failureSummary ?? '').replace(/\s+/g, ' ').trim() }))
      }));
  });
}

/** One line per violation and node: id, impact, target and axe's summary of what fails. */
export function describeViolations(violations: readonly AxeViolation[]): string {
  return violations
    .flatMap((v) => v.nodes.map((n) => `  ${v.id} (${v.impact ?? 'no impact'}) ${n.target}: ${v.help}. ${n.summary}`))
    .join('\n');
}

/** Waits until a webview page carries the theme's body class (a hidden webview catches up once shown). */
export async function waitForTheme(view: FrameLocator, theme: Theme): Promise<void> {
  await waitUntil(
    async () => ((await view.locator('body').getAttribute('class'))?.split(/\s+/).includes(theme.bodyClass) ? true : undefined),
    async () => `the page to show ${theme.id}; its body has class "${await view.locator('body').getAttribute('class')}"`,
    20_000
  );
}
