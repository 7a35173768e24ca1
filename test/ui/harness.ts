// Playwright harness for UI tests: per mocha suite a fake Support API, a fresh code-server (no smoke-test
// driver, so toasts and dialogs behave as for a person) with the packaged VSIX installed and settings pointing
// at the fake API, and a headless Debian chromium showing the workbench. Screenshots of failed tests go to
// test-results/ui/; everything is torn down after the suite, also when it fails.
// The process plumbing lives in scripts/lib/*.mjs (shared with the runners); Node >= 20.19 loads those ES
// modules through require(), which is what tsc's CommonJS output uses.
import * as fs from 'fs';
import { createRequire } from 'module';
import * as path from 'path';
import type { BrowserContext, FrameLocator, Locator, Page } from 'playwright-core';
import type * as BrowserLib from '../../scripts/lib/browser.mjs';
import type * as BuildLib from '../../scripts/lib/build.mjs';
import type * as CodeServerLib from '../../scripts/lib/codeServer.mjs';
import type * as FakeApiLib from '../../scripts/lib/fakeApi.mjs';
import type * as ProcessesLib from '../../scripts/lib/processes.mjs';

/** The repo root, from out/test/ui (compiled) or test/ui (source). */
export const REPO_ROOT = path.resolve(__dirname, __dirname.includes(`${path.sep}out${path.sep}`) ? '../../..' : '../..');
export const SCREENSHOT_DIR = path.join(REPO_ROOT, 'test-results', 'ui');

const loadLib = createRequire(__filename);
function lib<T>(name: string): T {
  return loadLib(path.join(REPO_ROOT, 'scripts', 'lib', name)) as T;
}
const { startCodeServer, DEMO_USER_SETTINGS } = lib<typeof CodeServerLib>('codeServer.mjs');
const { launchChromium } = lib<typeof BrowserLib>('browser.mjs');
const { startFakeApiProcess, fakeApiSettings } = lib<typeof FakeApiLib>('fakeApi.mjs');
const { VSIX_PATH } = lib<typeof BuildLib>('build.mjs');
const { mib, startPeakSampler } = lib<typeof ProcessesLib>('processes.mjs');

export type FakeApiProcess = FakeApiLib.FakeApiProcess;
export type CodeServer = CodeServerLib.CodeServer;

/** The view container and view the extension contributes (issue 2's contract). */
export const CONTAINER_TITLE = 'Axway Support';
export const VIEW_NAME = 'Recent Cases';
export const COMMAND_CATEGORY = 'Axway Support';

export interface WorkbenchOptions {
  /**
   * Run the server as `npm start` does: the demo's user settings (DEMO_USER_SETTINGS: walkthrough on first install, AI
   * features on) instead of the test defaults below (auto-refresh and the status bar off, AI features off). `settings`
   * then must stay unset, so the suite runs exactly the demo's configuration.
   */
  readonly demo?: boolean;
  /** More user settings (the fake API's tokenUrl/apiBaseUrl are always set). */
  readonly settings?: Readonly<Record<string, unknown>>;
  readonly workspaceSettings?: Readonly<Record<string, unknown>>;
  /** Defaults to the VSIX of `npm run package`. */
  readonly vsix?: string;
  /** More extensions installed beside ours (test extensions). */
  readonly extraVsixes?: readonly string[];
  /** Environment for the server and its extension host. */
  readonly env?: Readonly<Record<string, string>>;
  /** How long the workbench may take to show the extension's activity-bar entry. */
  readonly readyTimeoutMs?: number;
  /** The display language of the server (e.g. 'fr'): extensions then load their bundle.l10n.<locale>.json. */
  readonly locale?: string;
  /**
   * Device pixels per CSS pixel of the browser (default 1). Suites that take walkthrough pictures use
   * WALKTHROUGH_PICTURE_SCALE; full-window screenshots stay 1440×900 whatever it is.
   */
  readonly deviceScaleFactor?: number;
}

/**
 * VS Code draws a walkthrough's pictures at 1.5 device pixels per CSS pixel (its <img> has srcset "… 1.5x"): a picture
 * taken at that scale shows the workbench at its real size, sharp, where one taken at 1 would be shrunk to two thirds.
 */
export const WALKTHROUGH_PICTURE_SCALE = 1.5;

export interface Workbench {
  readonly fakeApi: FakeApiProcess;
  readonly server: CodeServer;
  readonly context: BrowserContext;
  readonly page: Page;
  /** A new browser context and page on the same server: no secrets, like another browser profile. */
  reopen(): Promise<Page>;
}

/** Suite name and test title, made safe for a file name. */
function fileSafe(text: string): string {
  return text.replace(/[^a-z0-9._-]+/gi, '-').replace(/^-+|-+$/g, '').slice(0, 120);
}

/** Saves a full-page screenshot to test-results/ui/<name>.png and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${fileSafe(name)}.png`);
  // CSS pixels: the README's pictures keep the window's size also where the suite renders at a higher scale.
  await page.screenshot({ path: file, fullPage: true, scale: 'css' });
  return file;
}

/** A rectangle of the page in CSS pixels (Playwright's screenshot clip). */
export interface Region {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/**
 * The smallest rectangle around every element the locators match (inside webviews too: bounding boxes are relative to
 * the page), widened by `margin` and kept inside the viewport. Throws when nothing is visible, so a picture cannot
 * silently show the wrong part of the window.
 */
export async function regionAround(page: Page, parts: readonly Locator[], margin = 8): Promise<Region> {
  const boxes: Region[] = [];
  for (const part of parts) {
    for (const element of await part.all()) {
      const box = await element.boundingBox();
      if (box && box.width > 0 && box.height > 0) {
        boxes.push(box);
      }
    }
  }
  if (boxes.length === 0) {
    throw new Error('regionAround: none of the parts is visible');
  }
  const viewport = page.viewportSize() ?? { width: Number.POSITIVE_INFINITY, height: Number.POSITIVE_INFINITY };
  const left = Math.max(0, Math.floor(Math.min(...boxes.map((b) => b.x)) - margin));
  const top = Math.max(0, Math.floor(Math.min(...boxes.map((b) => b.y)) - margin));
  const right = Math.min(viewport.width, Math.ceil(Math.max(...boxes.map((b) => b.x + b.width)) + margin));
  const bottom = Math.min(viewport.height, Math.ceil(Math.max(...boxes.map((b) => b.y + b.height)) + margin));
  return { x: left, y: top, width: right - left, height: bottom - top };
}

/**
 * Saves a picture of one region of the page, at the browser's device scale, to test-results/ui/<name>.png and returns
 * its path: the walkthrough shows its pictures in a column about half the editor wide, so they show the part that
 * matters at its real size (sharp, and small in the VSIX) rather than the whole window scaled down.
 */
export async function screenshotRegion(page: Page, name: string, region: Region): Promise<string> {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${fileSafe(name)}.png`);
  await page.screenshot({ path: file, clip: region, scale: 'device' });
  return file;
}

/** Waits until the workbench is usable and the extension's contributions are rendered. */
export async function waitForWorkbench(page: Page, timeoutMs = 60_000): Promise<void> {
  await page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: timeoutMs });
  await activityBarItem(page).waitFor({ state: 'visible', timeout: timeoutMs });
}

/**
 * Call inside `describe()`: registers before/afterEach/after hooks and returns an accessor for the live
 * workbench. The accessor throws when used outside the suite's tests.
 */
export function useWorkbench(options: WorkbenchOptions = {}): () => Workbench {
  let current: Workbench | undefined;
  let stopAll: (() => Promise<void>) | undefined;

  before(async function () {
    this.timeout(180_000);
    const suiteTitle = this.currentTest?.parent?.fullTitle() ?? this.test?.parent?.fullTitle() ?? 'ui';
    if (options.demo && options.settings) {
      throw new Error('useWorkbench: `demo` runs the demo\'s settings; do not add `settings` to it');
    }
    const stops: (() => Promise<void>)[] = [];
    stopAll = async () => {
      for (const stop of stops.reverse()) {
        await stop().catch((err: unknown) => console.error(`[ui] teardown: ${String(err)}`));
      }
      stops.length = 0;
    };
    const fakeApi = await startFakeApiProcess();
    stops.push(() => fakeApi.stop());
    const server = await startCodeServer({
      vsix: options.vsix ?? VSIX_PATH,
      ...(options.extraVsixes ? { extraVsixes: options.extraVsixes } : {}),
      // Auto-refresh and the awaiting-you count off unless a suite turns them on: a timer or a counting request
      // would take list faults planted for the step under test.
      settings: options.demo
        ? { ...fakeApiSettings(fakeApi), ...DEMO_USER_SETTINGS }
        : { ...fakeApiSettings(fakeApi), 'axwaySupport.autoRefresh.intervalMinutes': 0, 'axwaySupport.statusBar.enabled': false, ...(options.settings ?? {}) },
      ...(options.workspaceSettings ? { workspaceSettings: options.workspaceSettings } : {}),
      ...(options.env ? { env: options.env } : {}),
      ...(options.locale ? { locale: options.locale } : {})
    });
    stops.push(() => server.stop());
    const chromium = await launchChromium();
    stops.push(() => chromium.close());
    const serverMemory = startPeakSampler(() => server.rss());
    const browserMemory = startPeakSampler(() => chromium.rss());
    stops.push(async () => {
      console.log(`    [ui] ${suiteTitle}: peak RSS code-server ${mib(serverMemory.stop())}, chromium ${mib(browserMemory.stop())}`);
    });

    const openPage = async (): Promise<{ context: BrowserContext; page: Page }> => {
      const context = await chromium.browser.newContext({ viewport: { width: 1440, height: 900 }, deviceScaleFactor: options.deviceScaleFactor ?? 1 });
      const page = await context.newPage();
      await page.goto(server.workbenchUrl());
      await waitForWorkbench(page, options.readyTimeoutMs);
      return { context, page };
    };
    const first = await openPage();
    const workbench = {
      fakeApi,
      server,
      context: first.context,
      page: first.page,
      async reopen(): Promise<Page> {
        await workbench.context.close();
        const next = await openPage();
        workbench.context = next.context;
        workbench.page = next.page;
        return next.page;
      }
    };
    current = workbench;
  });

  afterEach(async function () {
    const test = this.currentTest;
    if (current && test && test.state === 'failed') {
      const file = await screenshot(current.page, `FAILED-${test.fullTitle()}`).catch(() => undefined);
      if (file) {
        console.log(`    [ui] screenshot of the failure: ${path.relative(REPO_ROOT, file)}`);
      }
    }
  });

  after(async function () {
    this.timeout(60_000);
    current = undefined;
    await stopAll?.();
  });

  return () => {
    if (!current) {
      throw new Error('The workbench is not running (use it inside the tests of the suite that called useWorkbench)');
    }
    return current;
  };
}

// ---- Selectors that held on VS Code 1.139 (see shared/docs/real-vscode-testing.md) ----

/** The activity-bar entry of a view container, by its title. */
export function activityBarItem(page: Page, title = CONTAINER_TITLE): Locator {
  return page.locator(`.part.activitybar .action-item a[aria-label^="${title}"]`);
}

/** Shows a view container in the side bar (a click on an already open one would close it). */
export async function openViewContainer(page: Page, title = CONTAINER_TITLE): Promise<void> {
  const item = page.locator('.part.activitybar .action-item', { has: page.locator(`a[aria-label^="${title}"]`) });
  const isOpen = async (): Promise<boolean> =>
    (await item.getAttribute('class'))?.split(/\s+/).includes('checked') === true && await page.locator('.part.sidebar').isVisible();
  if (!(await isOpen())) {
    // The entry itself, not its link: a badge ("3 cases updated…") drawn over the link would take the click.
    await item.click();
    // Move away so the activity bar's hover does not cover screenshots.
    await page.mouse.move(700, 450);
  }
  await page.locator('.part.sidebar .composite.title', { hasText: title }).waitFor({ state: 'visible' });
}

/**
 * The body of a view in the side bar, by its name. (A container with one view hides that view's header and
 * shows "Container: View" as the side bar title, so this matches the header's aria-label, not its visibility.)
 */
export function viewBody(page: Page, name = VIEW_NAME): Locator {
  return page.locator('.part.sidebar .pane', { has: page.locator(`.pane-header[aria-label^="${name}"]`) }).locator('.pane-body');
}

/**
 * The side bar's tree rows, optionally only those containing `text`. Not filtered by role: a row's role is its
 * TreeItem's accessibilityInformation.role, which an extension may set to anything (this one keeps "treeitem").
 */
export function treeRows(page: Page, text?: string | RegExp): Locator {
  const rows = page.locator('.part.sidebar .pane-body .monaco-list-row');
  return text === undefined ? rows : rows.filter({ hasText: text });
}

/** Copies a screenshot to docs/images/ when UI_UPDATE_DOCS_IMAGES=1 (the README's pictures come from the UI suite). */
export function publish(file: string, name: string): void {
  if (process.env.UI_UPDATE_DOCS_IMAGES === '1') {
    const images = path.join(REPO_ROOT, 'docs', 'images');
    fs.mkdirSync(images, { recursive: true });
    fs.copyFileSync(file, path.join(images, name));
  }
}

/**
 * Writes a screenshot to media/walkthrough/ when UI_UPDATE_DOCS_IMAGES=1: the Get Started walkthrough's pictures
 * (package.json contributes.walkthroughs) ship in the VSIX and come from the UI suite like the README's. They are
 * written as palette PNGs (sharp, with libimagequant): 256 colours keep a picture of the workbench sharp at about a
 * third of the bytes, and every user downloads them with the VSIX.
 */
export async function publishWalkthrough(file: string, name: string): Promise<void> {
  if (process.env.UI_UPDATE_DOCS_IMAGES === '1') {
    const pictures = path.join(REPO_ROOT, 'media', 'walkthrough');
    fs.mkdirSync(pictures, { recursive: true });
    // Loaded only here: the native module is needed only when pictures are written.
    const { default: sharp } = await import('sharp');
    await sharp(file).png({ palette: true, effort: 10, compressionLevel: 9 }).toFile(path.join(pictures, name));
  }
}

/** Waits until the rendered tree satisfies `check`; on timeout the message lists what the tree had. */
export async function waitForTree(page: Page, what: string, check: (rows: TreeRow[]) => boolean, timeoutMs = 30_000): Promise<TreeRow[]> {
  let last: TreeRow[] = [];
  return waitUntil(async () => {
    last = await readTreeRows(page);
    return check(last) ? last : undefined;
  }, () => `${what}; the tree shows:\n${last.map((r) => `  ${r.position}/${r.setSize} ${r.ariaLabel}`).join('\n') || '  (no rows)'}`, timeoutMs);
}

/** The tree row of one case: its label starts with the case number ("01300848 · Subject"). */
export function caseRow(page: Page, caseNumber: string): Locator {
  const number = caseNumber.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return treeRows(page).filter({ has: page.locator('.label-name', { hasText: new RegExp(`^${number} · `) }) });
}

/** Labels of the visible tree rows, top to bottom. */
export async function treeRowLabels(page: Page): Promise<string[]> {
  return treeRows(page).locator('.label-name').allInnerTexts();
}

/** A view-title action button (e.g. "Refresh") by its command title. */
export function viewTitleButton(page: Page, name: string | RegExp): Locator {
  // The title bar's toolbar only: an error row's inline action can carry the same name (Refresh).
  return page.locator('.part.sidebar .pane-header, .part.sidebar .composite.title').getByRole('button', { name }).first();
}

/** The side bar's welcome view content (viewsWelcome). */
export function welcomeView(page: Page): Locator {
  return page.locator('.part.sidebar .welcome-view-content');
}

/**
 * Runs a command from the palette by its "Category: Title". A webview or editor that takes the focus just after
 * the previous command (e.g. a case panel being revealed) closes a freshly opened palette: then it is opened again.
 */
export async function runCommand(page: Page, label: string): Promise<void> {
  const input = page.locator('.quick-input-widget input.input');
  for (let attempt = 1; ; attempt++) {
    try {
      await page.keyboard.press('F1');
      await input.waitFor({ state: 'visible', timeout: 5_000 });
      await input.fill(`>${label}`, { timeout: 5_000 });
      await page.locator('.quick-input-list .monaco-list-row', { hasText: label }).first().waitFor({ state: 'visible', timeout: 5_000 });
      await page.keyboard.press('Enter');
      return;
    } catch (err) {
      if (attempt >= 3) {
        throw err;
      }
      await page.keyboard.press('Escape');
    }
  }
}

/** Waits for an input box showing `prompt` (in its prompt or title text, or as a string in its placeholder), types `value`, confirms. */
export async function answerInputBox(page: Page, prompt: string | RegExp, value: string): Promise<void> {
  const widgets = page.locator('.quick-input-widget');
  let showing = widgets.filter({ hasText: prompt });
  if (typeof prompt === 'string') {
    showing = showing.or(widgets.filter({ has: page.locator(`input[placeholder*=${JSON.stringify(prompt)}]`) }));
  }
  await showing.first().waitFor({ state: 'visible' });
  await page.locator('.quick-input-widget input.input').fill(value);
  await page.keyboard.press('Enter');
}

/** Notification toasts, newest first; optionally only those containing `text`. */
export function notifications(page: Page, text?: string | RegExp): Locator {
  const toasts = page.locator('.notifications-toasts .notification-toast');
  return text === undefined ? toasts : toasts.filter({ hasText: text });
}

/** Closes every notification, so that a later wait cannot be satisfied by an old toast. */
export async function clearNotifications(page: Page): Promise<void> {
  await runCommand(page, 'Notifications: Clear All Notifications');
  await notifications(page).first().waitFor({ state: 'detached', timeout: 10_000 }).catch(() => undefined);
}

/** The content frame of the active webview (two iframes deep). */
export function webviewFrame(page: Page): FrameLocator {
  return page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');
}

/** The sign-in journey of issue 2: palette command, then the Client ID and Client secret input boxes. */
/** Answers the sign-in's first question: which kind of service account. */
export async function pickAccountKind(page: Page, kind: 'Client secret' | 'Client certificate'): Promise<void> {
  const row = page.locator('.quick-input-widget', { hasText: 'Sign in with service account' }).locator('.quick-input-list .monaco-list-row', { hasText: kind });
  await row.first().waitFor({ state: 'visible' });
  await row.first().click();
}

/**
 * The secret's step, by its "(2/2)" title: Playwright matches text case-insensitively, so "Client secret" also matches
 * the Client ID step's title ("Sign in with a client secret (1/2)") and the secret could be typed into that box.
 */
export const SECRET_STEP = /client secret \(2\/2\)/i;

export async function signIn(page: Page, clientId: string, clientSecret: string): Promise<void> {
  await runCommand(page, `${COMMAND_CATEGORY}: Sign in with service account`);
  await pickAccountKind(page, 'Client secret');
  await answerInputBox(page, 'Client ID', clientId);
  await answerInputBox(page, SECRET_STEP, clientSecret);
}

// ---- More helpers for the journey suite (test/ui/journey.test.ts) ----

/**
 * Polls `check` until it returns something other than undefined or false (a condition with a deadline, not a
 * sleep); throws with `describe()`'s text when the deadline passes.
 */
export async function waitUntil<T>(
  check: () => Promise<T | undefined | false>,
  describe: () => string | Promise<string>,
  timeoutMs = 20_000,
  intervalMs = 100
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) {
      return value;
    }
    if (Date.now() > deadline) {
      throw new Error(`Timed out after ${timeoutMs} ms: ${await describe()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/** One rendered row of the side bar's tree, as a screen reader sees it. */
export interface TreeRow {
  /** 1-based position among its parent's rows (aria-posinset), also for rows scrolled out of the DOM. */
  readonly position: number;
  /** Number of rows in the whole tree (aria-setsize). */
  readonly setSize: number;
  readonly ariaLabel: string;
  readonly label: string;
  readonly description: string;
}

/** Minimal element shape for evaluateAll callbacks (the test build has no DOM lib). */
interface RowElement {
  readonly style: { readonly top: string };
  getAttribute(name: string): string | null;
  querySelector(selector: string): { textContent: string | null } | null;
}

/**
 * The tree rows currently in the DOM, top to bottom. The list is virtualised: rows far outside the viewport
 * are not rendered, so use `position`/`setSize` rather than the array length for counts.
 */
export async function readTreeRows(page: Page): Promise<TreeRow[]> {
  const rows = await treeRows(page).evaluateAll((elements: RowElement[]) => elements.map((el) => ({
    position: Number(el.getAttribute('aria-posinset')),
    setSize: Number(el.getAttribute('aria-setsize')),
    ariaLabel: el.getAttribute('aria-label') ?? '',
    label: el.querySelector('.label-name')?.textContent ?? '',
    description: el.querySelector('.label-description')?.textContent ?? '',
    top: parseFloat(el.style.top)
  })));
  // The list places each row at its offset from the top (the DOM order is not the tree's); aria-posinset counts
  // within a parent only, so with account roots it cannot order rows of different levels.
  return rows.sort((a, b) => (Number.isFinite(a.top) && Number.isFinite(b.top) ? a.top - b.top : a.position - b.position)).map(({ top: _top, ...row }) => row);
}

/** Drags the sash between the side bar and the editor so the side bar is `width` CSS pixels wide. */
export async function resizeSideBar(page: Page, width: number): Promise<void> {
  const sidebar = page.locator('.part.sidebar');
  const box = await sidebar.boundingBox();
  const sash = await page.locator('.monaco-sash.vertical.primary-sidebar-sash').boundingBox();
  if (!box || !sash) {
    throw new Error('The side bar or its sash is not visible');
  }
  const y = box.y + box.height / 2;
  const grabX = sash.x + sash.width / 2;
  await page.mouse.move(grabX, y);
  await page.mouse.down();
  await page.mouse.move(grabX + (box.x + width - (box.x + box.width)), y, { steps: 8 });
  await page.mouse.up();
  await page.mouse.move(box.x + width + 300, y);
  await waitUntil(async () => {
    const now = await sidebar.boundingBox();
    return now !== null && Math.abs(now.width - width) <= 8;
  }, async () => `side bar width is ${(await sidebar.boundingBox())?.width}, wanted ${width}`, 5_000);
}

/** Editor tabs, optionally only those whose text contains `text`. */
export function editorTabs(page: Page, text?: string | RegExp): Locator {
  const tabs = page.locator('.part.editor .tabs-container .tab');
  return text === undefined ? tabs : tabs.filter({ hasText: text });
}

/**
 * The content frame of the webview that is showing (hidden editors may keep theirs in the DOM), two iframes
 * deep. Locators re-resolve, so this stays valid when the extension replaces the page's HTML.
 */
export function visibleWebviewFrame(page: Page): FrameLocator {
  return page.locator('iframe.webview.ready').filter({ visible: true }).contentFrame().locator('iframe#active-frame').contentFrame();
}

/**
 * "Developer: Reload Window", as a person would reload: VS Code shuts the page down in order (saving editor and
 * webview state), then the workbench comes back. A bare page.reload() right after opening an editor can lose
 * that state, because VS Code for the web writes it to IndexedDB asynchronously.
 */
export async function reloadWindow(page: Page, timeoutMs = 60_000): Promise<void> {
  const loaded = page.waitForEvent('load', { timeout: timeoutMs });
  await runCommand(page, 'Developer: Reload Window');
  await loaded;
  await waitForWorkbench(page, timeoutMs);
}

/** The open context menu (VS Code draws its own), and one of its items by title. */
export function contextMenuItem(page: Page, title: string | RegExp): Locator {
  return page.locator('.monaco-menu .action-item').filter({ has: page.locator('.action-label', { hasText: title }) });
}

/**
 * Chooses an item of the open context menu. VS Code ignores a click that lands while the menu is still settling
 * (the menu stays open); then the item is clicked again, a bounded number of times.
 */
export async function chooseContextMenuItem(page: Page, title: string | RegExp): Promise<void> {
  const item = contextMenuItem(page, title);
  for (let attempt = 1; ; attempt++) {
    await item.click();
    try {
      await item.waitFor({ state: 'hidden', timeout: 2_000 });
      return;
    } catch (err) {
      if (attempt >= 3) {
        throw err;
      }
    }
  }
}

/**
 * Opens the view and signs in through the palette unless the tree already shows rows (keeps later steps of a
 * suite independent of earlier ones). The caller waits for the rows it needs.
 */
export async function signInUnlessSignedIn(page: Page, remote: { info(): Promise<{ clientId: string; clientSecret: string }> }): Promise<void> {
  await openViewContainer(page);
  // Until the extension has activated the view shows neither: wait for one of them.
  await welcomeView(page).or(treeRows(page).first()).first().waitFor({ state: 'visible' });
  if (await welcomeView(page).isVisible()) {
    const { clientId, clientSecret } = await remote.info();
    await signIn(page, clientId, clientSecret);
  }
}

/**
 * Chooses `file` in code-server's simple file dialog (a quick input holding a path), e.g. after Attach Files…. The
 * dialog fills in its starting folder after it opens and may overwrite or ignore an early answer: type the path and
 * confirm until it closes.
 */
export async function chooseInFileDialog(page: Page, file: string): Promise<void> {
  const pathInput = page.locator('.quick-input-widget input.input');
  await pathInput.waitFor({ state: 'visible', timeout: 15_000 });
  const widget = page.locator('.quick-input-widget');
  // Its starting folder ends with a separator; typed earlier, the path may be appended to it.
  await waitUntil(async () => (await pathInput.inputValue()).endsWith('/'), async () => `the dialog to show its starting folder; it shows ${await pathInput.inputValue()}`, 10_000);
  for (let attempt = 1; ; attempt++) {
    try {
      await pathInput.fill(file);
      await waitUntil(async () => (await pathInput.inputValue()) === file, async () => `the typed path; it shows ${await pathInput.inputValue()}`, 5_000);
      await page.keyboard.press('Enter');
      await widget.waitFor({ state: 'hidden', timeout: 5_000 });
      return;
    } catch (err) {
      if (attempt >= 3) {
        throw err;
      }
    }
  }
}

// ---- VS Code's Accounts menu (activity bar, bottom) ----

/** The Accounts entry at the bottom of the activity bar. */
export function accountsButton(page: Page): Locator {
  return page.locator('.part.activitybar .action-item a[aria-label^="Accounts"]');
}

/** An account's entry in the open Accounts menu, by its text (e.g. "client-id (Axway Support)"). */
export function accountsMenuEntry(page: Page, entry: string): Locator {
  return page.locator('.monaco-menu .action-item').filter({ has: page.locator('.monaco-submenu-item', { hasText: entry }) });
}

/**
 * Opens the Accounts menu, then the submenu of one account entry, and returns that submenu's Sign Out item. The item
 * is looked up inside the entry (VS Code draws a submenu within its entry): with several accounts, the mouse passing
 * over another entry on its way may open that one's submenu first.
 */
export async function accountSignOutItem(page: Page, entry: string): Promise<Locator> {
  await accountsButton(page).click();
  const item = accountsMenuEntry(page, entry).first();
  await item.waitFor({ state: 'visible', timeout: 15_000 });
  await item.hover();
  const signOut = item.locator('.monaco-submenu .action-item', { hasText: /^Sign Out$/ }).first();
  await signOut.waitFor({ state: 'visible', timeout: 10_000 });
  return signOut;
}

/** The entries the Accounts menu lists now (opened, read, closed again). */
export async function accountsMenuEntries(page: Page): Promise<string[]> {
  await accountsButton(page).click();
  const menu = page.locator('.monaco-menu').first();
  await menu.waitFor({ state: 'visible' });
  // Each account is a submenu entry; the menu's other items (e.g. access requests) are plain ones.
  const labels = await menu.locator('.monaco-submenu-item .action-label').allInnerTexts();
  await page.keyboard.press('Escape');
  await menu.waitFor({ state: 'hidden' });
  return labels.map((l) => l.trim()).filter((l) => l !== '');
}
