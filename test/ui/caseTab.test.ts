// The case tab in a real browser: the page is written once and updated in place, so keyboard focus, the scroll
// position and text typed into the page's static region survive Refresh (issue 7, section 5).
import * as assert from 'assert';
import type { FrameLocator, Locator, Page } from 'playwright-core';
import { FakeApiRemote } from '../fake-api/client';
import { answerInputBox, openViewContainer, runCommand, screenshot, signIn, treeRows, useWorkbench, visibleWebviewFrame, waitUntil } from './harness';

/** The page's globals as the test reads them (the test build has no DOM lib). */
interface PageGlobals {
  scrollY: number;
  innerHeight: number;
  caseTabMarker?: string;
  document: {
    activeElement: { tagName: string; getAttribute(name: string): string | null; closest(selector: string): unknown } | null;
    documentElement: { scrollHeight: number };
    getElementById(id: string): { append(node: unknown): void } | null;
    createElement(tag: string): { id: string; type: string; setAttribute(name: string, value: string): void };
  };
}

const CASE_NUMBER = '01377777';
const NOTE_COUNT = 30;

/** What has keyboard focus inside the webview page, and where the page is scrolled. */
async function pageFocus(view: FrameLocator): Promise<{ action: string | null; inContent: boolean; scrollY: number }> {
  return view.locator('html').evaluate(() => {
    const g = globalThis as unknown as PageGlobals;
    const active = g.document.activeElement;
    return { action: active?.getAttribute('data-action') ?? null, inContent: !!active?.closest('#case-content'), scrollY: g.scrollY };
  });
}

/** Where the page is scrolled once keyboard scrolling came to rest (two equal readings in a row). */
async function restingScroll(view: FrameLocator, what: string): Promise<{ action: string | null; inContent: boolean; scrollY: number }> {
  let last = -1;
  return waitUntil(async () => {
    const now = await pageFocus(view);
    const resting = now.scrollY > 0 && now.scrollY === last;
    last = now.scrollY;
    return resting ? now : undefined;
  }, async () => `${what}: the page did not come to rest scrolled down (${JSON.stringify(await pageFocus(view))})`, 5_000);
}

function notes(count: number, extra = ''): { subject: string; description: string; addedDate: string }[] {
  return Array.from({ length: count }, (_, i) => ({
    subject: `Note ${i + 1}${extra}`,
    description: `Step ${i + 1} of the investigation.\nThe gateway logs show the handshake failing again.`,
    addedDate: new Date(Date.UTC(2025, 0, 1 + i)).toISOString().replace('Z', '+0000')
  }));
}

describe('UI: the case tab updates in place', function () {
  const workbench = useWorkbench();
  let api: FakeApiRemote;
  let view: FrameLocator;
  let refresh: Locator;

  before(async () => {
    api = new FakeApiRemote(workbench().fakeApi.origin);
    // Long enough to scroll: 30 notes.
    await api.upsertCase({ caseNumber: CASE_NUMBER, subject: 'Handshake failures after the upgrade', notes: notes(NOTE_COUNT) });
  });

  async function openCase(page: Page): Promise<void> {
    await openViewContainer(page);
    if ((await treeRows(page).count()) === 0) {
      const { clientId, clientSecret } = await api.info();
      await signIn(page, clientId, clientSecret);
      await treeRows(page).first().waitFor({ state: 'visible', timeout: 30_000 });
    }
    await runCommand(page, 'Axway Support: Open Case…');
    await answerInputBox(page, 'Case number', CASE_NUMBER);
    view = visibleWebviewFrame(page);
    refresh = view.locator('#case-content button[data-action="refresh"]');
    await view.locator('h1.subject', { hasText: 'Handshake failures' }).waitFor({ state: 'visible', timeout: 30_000 });
  }

  it('keeps keyboard focus on Refresh and the scroll position when the refreshed data arrives', async () => {
    const { page } = workbench();
    await openCase(page);
    // Focus by keyboard: click plain text in the page (focus enters the webview), then Tab to the first control.
    await view.locator('.case-number').click();
    await page.keyboard.press('Tab');
    await waitUntil(async () => (await pageFocus(view)).action === 'refresh', async () => `focus is on ${JSON.stringify(await pageFocus(view))}`, 5_000);
    // Scroll with the keyboard; the focused button stays focused.
    await page.keyboard.press('PageDown');
    await page.keyboard.press('PageDown');
    const before = await restingScroll(view, 'PageDown');
    assert.strictEqual(before.action, 'refresh');

    // The server's copy changes, so the refreshed content really replaces the old one.
    await api.upsertCase({ caseNumber: CASE_NUMBER, status: 'Customer Owns Next Steps', notes: notes(NOTE_COUNT + 1, ' (refreshed)') });
    await page.keyboard.press('Enter');
    await view.locator('.note-subject', { hasText: `Note ${NOTE_COUNT + 1} (refreshed)` }).waitFor({ state: 'attached', timeout: 30_000 });
    await view.locator('.badge.status', { hasText: 'Customer Owns Next Steps' }).waitFor({ state: 'attached' });
    await view.locator('#case-busy:empty').waitFor({ state: 'attached' });

    const after = await pageFocus(view);
    await screenshot(page, 'case-tab-after-refresh');
    assert.deepStrictEqual({ action: after.action, inContent: after.inContent }, { action: 'refresh', inContent: true }, 'keyboard focus is on Refresh');
    assert.strictEqual(after.scrollY, before.scrollY, 'the scroll position did not move');
    assert.strictEqual(await refresh.count(), 1);
  });

  it('keeps text typed into the static region, and the page itself, across Refresh', async () => {
    const { page } = workbench();
    await openCase(page);
    // Stand-in for the note form of the next issue: an input in #case-forms, plus a marker on the page's window
    // that only survives if the document is never replaced.
    await view.locator('html').evaluate(() => {
      const g = globalThis as unknown as PageGlobals;
      const input = g.document.createElement('input');
      input.id = 'draft';
      input.type = 'text';
      input.setAttribute('aria-label', 'Draft');
      g.document.getElementById('case-forms')?.append(input);
      g.caseTabMarker = 'same document';
    });
    const draft = view.locator('#case-forms #draft');
    await draft.click();
    await page.keyboard.type('Half-written note: the hotfix');

    await api.upsertCase({ caseNumber: CASE_NUMBER, subject: 'Handshake failures after the upgrade (second refresh)' });
    await refresh.click();
    await view.locator('h1.subject', { hasText: '(second refresh)' }).waitFor({ state: 'visible', timeout: 30_000 });

    assert.strictEqual(await draft.inputValue(), 'Half-written note: the hotfix', 'the typed text is still there');
    const marker = await view.locator('html').evaluate(() => (globalThis as unknown as PageGlobals).caseTabMarker);
    assert.strictEqual(marker, 'same document', 'the page was updated, not reloaded');
  });

  it('shows the case again, scrolled where it was, after its tab was hidden behind another one', async () => {
    const { page } = workbench();
    await openCase(page);
    await view.locator('.note-subject').first().click();
    // Mid-page (not the end: the stand-in input of the previous test made the page taller, and it is gone after
    // the tab is hidden, as nothing saved it).
    await page.keyboard.press('Home');
    for (let i = 0; i < 3; i++) {
      await page.keyboard.press('PageDown');
    }
    const scrolled = await restingScroll(view, 'PageDown');
    const other = (await api.listAll()).find((c) => c.caseNumber !== CASE_NUMBER);
    assert.ok(other);
    // Another case in the same editor group hides this tab: VS Code drops its page (no retainContextWhenHidden).
    await runCommand(page, 'Axway Support: Open Case…');
    await answerInputBox(page, 'Case number', other.caseNumber);
    await visibleWebviewFrame(page).locator('h1.subject', { hasText: other.subject }).waitFor({ state: 'visible', timeout: 30_000 });

    await openCase(page);
    const shown = await restingScroll(view, 'shown again');
    assert.strictEqual(shown.scrollY, scrolled.scrollY, 'the scroll position came back with the page');
    assert.strictEqual(await view.locator('.note-subject', { hasText: `Note ${NOTE_COUNT + 1} (refreshed)` }).count(), 1, 'the current data, not the first page');
  });
});
