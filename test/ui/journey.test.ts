// The UI journey of issue 3 in the real workbench (code-server + chromium), against the fake Support API: one
// server for the whole sequence, because each start costs ~10 s and ~2 GiB. The tests run in order and chain
// (signed out → wrong secret → signed in → ... → signed out; issue 3's UI items 1, 3, 2, 4-9); the signed-in steps
// sign in again when an earlier step failed before it, so a failure points at the step that broke.
// `UI_UPDATE_DOCS_IMAGES=1 npm run test:ui` also refreshes the README's pictures in docs/images/.
import * as assert from 'assert';
import type { Dialog, Page } from 'playwright-core';
import { FakeApiRemote } from '../fake-api/client';
import {
  caseRow, activityBarItem, answerInputBox, clearNotifications, editorTabs, notifications, openViewContainer,
  reloadWindow, resizeSideBar, runCommand, screenshot, signIn, signInUnlessSignedIn, treeRows, useWorkbench, viewTitleButton, visibleWebviewFrame,
  waitUntil, welcomeView, type TreeRow,
  publish, waitForTree
} from './harness';

/** Wide enough for a case's subject, number and status on one row (the README pictures show it). */
const SIDE_BAR_WIDTH = 560;
/** The extension's page size (src/views/casesModel.ts). */
const PAGE_SIZE = 20;

/** The case number of a case row, from its accessible name "Case 01301166 (updated): subject, status, severity ...". */
function caseNumberOf(row: TreeRow): string | undefined {
  return /^Case ([^\s:]+)( \([^)]*\))?:/.exec(row.ariaLabel)?.[1];
}

function caseRows(rows: readonly TreeRow[]): TreeRow[] {
  return rows.filter((row) => caseNumberOf(row) !== undefined);
}

/** The secrets code-server keeps for all extensions, sealed, in the browser's localStorage (absent until one is stored). */
async function sealedSecrets(page: Page): Promise<string | null> {
  return page.evaluate(() => (globalThis as unknown as { localStorage: { getItem(key: string): string | null } }).localStorage.getItem('secrets.provider'));
}

describe('UI journey: a person using the Axway Support extension', function () {
  const workbench = useWorkbench();
  let api: FakeApiRemote;
  const dialogs: string[] = [];
  const onDialog = (dialog: Dialog): void => {
    dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss().catch(() => undefined);
  };

  before(async () => {
    const { fakeApi, page } = workbench();
    api = new FakeApiRemote(fakeApi.origin);
    page.on('dialog', onDialog);
  });

  /** Signs in through the palette unless the tree already shows cases (keeps later steps independent). */
  async function ensureSignedIn(page: Page): Promise<void> {
    await signInUnlessSignedIn(page, api);
    await waitForTree(page, 'cases after sign-in', (rows) => caseRows(rows).length > 0);
  }

  async function refreshTree(page: Page): Promise<void> {
    await viewTitleButton(page, 'Refresh Changes').click();
  }

  it('signed out: the Axway Support container shows the welcome view with a sign-in button', async () => {
    const { page } = workbench();
    assert.strictEqual(await activityBarItem(page).count(), 1, 'one "Axway Support" activity-bar entry');
    await openViewContainer(page);
    await resizeSideBar(page, SIDE_BAR_WIDTH);
    const welcome = welcomeView(page);
    await welcome.waitFor({ state: 'visible' });
    await welcome.getByRole('button', { name: 'Sign in with service account' }).waitFor({ state: 'visible' });
    assert.match(await welcome.innerText(), /Sign in with an Amplify Platform service account/);
    assert.strictEqual(await treeRows(page).count(), 0, 'no tree rows while signed out');
    publish(await screenshot(page, '01-welcome'), 'welcome.png');
  });

  it('a wrong secret: a clear error, still signed out, nothing stored; "Try Again" pre-fills the client ID', async () => {
    const { page } = workbench();
    const { clientId } = await api.info();
    await api.clearRequests();
    assert.strictEqual(await sealedSecrets(page), null, 'no secret stored before the attempt');

    await signIn(page, clientId, 'not-the-secret');
    const toast = notifications(page, 'Sign-in failed');
    await toast.first().waitFor({ state: 'visible' });
    const text = await toast.first().innerText();
    assert.match(text, /client ID or client secret was rejected/i);
    assert.match(text, /invalid_client/);
    assert.match(text, /Nothing was stored/);
    assert.ok(!text.includes('not-the-secret'), 'the toast does not echo the secret');
    await screenshot(page, '03-wrong-secret');

    await welcomeView(page).waitFor({ state: 'visible' });
    assert.strictEqual(await treeRows(page).count(), 0, 'still signed out');
    assert.strictEqual(await sealedSecrets(page), null, 'nothing in the secret storage');
    const tokenRequests = await api.requests('token');
    assert.strictEqual(tokenRequests.length, 1, 'one token request verified the pair');
    assert.strictEqual(tokenRequests[0].status, 401);
    assert.strictEqual((await api.requests('listCases')).length, 0, 'no case list requested with rejected credentials');

    await toast.first().getByRole('button', { name: 'Try Again' }).click();
    const input = page.locator('.quick-input-widget input.input');
    await page.locator('.quick-input-widget', { hasText: 'Client ID' }).waitFor({ state: 'visible' });
    await waitUntil(async () => (await input.inputValue()) === clientId, async () => `Client ID box holds "${await input.inputValue()}"`, 5_000);
    await screenshot(page, '03-try-again-prefilled');
    await page.keyboard.press('Escape');
    await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
    await welcomeView(page).waitFor({ state: 'visible' });
  });

  it('sign-in from the palette: the tree shows the most recently modified cases in order', async () => {
    const { page } = workbench();
    const { clientId, clientSecret } = await api.info();
    await openViewContainer(page);
    await clearNotifications(page);
    await signIn(page, clientId, clientSecret);

    const expected = (await api.listAll()).slice(0, PAGE_SIZE).map((c) => c.caseNumber);
    const rows = await waitForTree(page, `the first ${PAGE_SIZE} cases`, (r) => caseRows(r).length === PAGE_SIZE);
    assert.deepStrictEqual(caseRows(rows).map(caseNumberOf), expected, 'rows in -modifiedDate order, as the API lists them');
    const first = (await api.listAll())[0];
    assert.strictEqual(rows[0].label, `${first.caseNumber} · ${first.subject}`);
    assert.strictEqual(rows[0].description, first.status);
    assert.ok(rows.some((r) => r.label === 'Load more…'), 'a "Load more…" row');
    assert.notStrictEqual(await sealedSecrets(page), null, 'the pair was stored in the secret storage');
    await notifications(page, 'Signed in').first().waitFor({ state: 'visible' });
    await clearNotifications(page);
    publish(await screenshot(page, '02-recent-cases'), 'recent-cases.png');
  });

  it('server data changes: Refresh in the view title puts the new case on top', async () => {
    const { page } = workbench();
    await ensureSignedIn(page);
    const subject = 'API Gateway certificate on the production nodes expires tomorrow';
    await api.upsertCase({ caseNumber: '01399999', subject, status: 'New', severity: '2 - Urgent' });
    await refreshTree(page);
    const rows = await waitForTree(page, 'the new case on top', (r) => caseRows(r)[0] !== undefined && caseNumberOf(caseRows(r)[0]) === '01399999');
    const top = caseRows(rows)[0];
    assert.strictEqual(top.label, `01399999 · ${subject}`);
    assert.strictEqual(top.description, 'New');
    // Refresh merges what changed into the rows already loaded: one more row, in the API's order.
    const expected = (await api.listAll()).slice(0, caseRows(rows).length).map((c) => c.caseNumber);
    assert.deepStrictEqual(caseRows(rows).map(caseNumberOf), expected);
    assert.strictEqual(caseRows(rows).length, PAGE_SIZE + 1);
  });

  it('"Load more…" loads the next page', async () => {
    const { page } = workbench();
    await ensureSignedIn(page);
    const before = await waitForTree(page, 'a "Load more…" row', (r) => r.some((row) => row.label === 'Load more…'));
    const loadedBefore = caseRows(before).length;
    const total = (await api.listAll()).length;
    assert.strictEqual(before[0].setSize, loadedBefore + 1, 'cases plus the "Load more…" row');

    await treeRows(page, 'Load more…').click();
    const after = await waitForTree(page, `${loadedBefore + PAGE_SIZE} cases`, (r) => r[0]?.setSize === loadedBefore + PAGE_SIZE + 1);
    // The list is virtualised: End scrolls to the last row so every position has been seen once.
    await page.keyboard.press('End');
    const tail = await waitForTree(page, 'the last row rendered', (r) => r.some((row) => row.position === row.setSize));
    const seen = new Map<number, TreeRow>();
    for (const row of [...after, ...tail]) {
      seen.set(row.position, row);
    }
    const all = await api.listAll();
    for (const [position, row] of seen) {
      if (position <= loadedBefore + PAGE_SIZE) {
        assert.strictEqual(caseNumberOf(row), all[position - 1].caseNumber, `row ${position}`);
      }
    }
    const last = seen.get(loadedBefore + PAGE_SIZE + 1);
    assert.ok(last, 'the last row was rendered');
    assert.strictEqual(last.label, 'Load more…');
    assert.strictEqual(last.description, `${loadedBefore + PAGE_SIZE} of ${total}`);
    await screenshot(page, '05-load-more');
    await page.keyboard.press('Home');
  });

  it('a case opens in a webview with its subject, status, description and notes; refresh; one tab per case; restored after reload; Open Case from the palette', async () => {
    const { page } = workbench();
    await ensureSignedIn(page);
    // A case with notes that is in the first rows of the tree.
    const listed = (await api.listAll()).slice(0, 10);
    let chosen: { caseNumber: string; subject: string } | undefined;
    for (const summary of listed) {
      const detail = await api.getCase(summary.caseNumber);
      if (detail && (detail.notes?.length ?? 0) >= 2 && detail.description) {
        chosen = summary;
        break;
      }
    }
    assert.ok(chosen, 'a seeded case with notes among the 10 newest');
    const caseNumber = chosen.caseNumber;
    const detail = await api.getCase(caseNumber);
    assert.ok(detail?.notes);

    await caseRow(page, caseNumber).click();
    const view = visibleWebviewFrame(page);
    await view.locator('h1.subject', { hasText: detail.subject }).waitFor({ state: 'visible', timeout: 30_000 });
    assert.strictEqual(await view.locator('.badge.status').innerText(), detail.status);
    assert.match(await view.locator('.case-number').innerText(), new RegExp(`Case ${caseNumber}`));
    const description = view.locator('section[aria-labelledby="description-h"] .text');
    assert.strictEqual(normalise(await description.innerText()), normalise(detail.description));
    const notes = view.locator('ol.notes > li.note');
    assert.strictEqual(await notes.count(), detail.notes.length);
    assert.match(await view.locator('#notes-h').innerText(), new RegExp(`Notes \\(${detail.notes.length}\\)`));
    const noteTexts = (await view.locator('ol.notes > li.note > .text').allInnerTexts()).map(normalise);
    for (const note of detail.notes) {
      assert.ok(noteTexts.includes(normalise(note.description)), `note "${note.description.slice(0, 40)}" shown`);
    }
    assert.strictEqual(await editorTabs(page, `Case ${caseNumber}`).count(), 1);
    const detailShot = await screenshot(page, '06-case-detail');
    publish(detailShot, 'case-detail.png');
    await view.locator('#description-h').evaluate((heading: { scrollIntoView(options: { block: string }): void }) => heading.scrollIntoView({ block: 'start' }));
    await screenshot(page, '06-case-detail-notes');

    // Opening it again reveals the same tab.
    await caseRow(page, caseNumber).click();
    await view.locator('h1.subject').waitFor({ state: 'visible' });
    assert.strictEqual(await editorTabs(page, `Case ${caseNumber}`).count(), 1, 'no second tab for the same case');

    // A server change shows after the panel's Refresh button.
    const newSubject = `${detail.subject} (updated by the UI test)`;
    const newNote = 'UI test note: the hotfix was applied and the gateway restarted.';
    await api.upsertCase({
      caseNumber,
      subject: newSubject,
      notes: [...detail.notes, { subject: 'UI test update', description: newNote, addedDate: new Date().toISOString().replace('Z', '+0000') }]
    });
    await view.locator('button[data-action="refresh"]').click();
    await view.locator('h1.subject', { hasText: '(updated by the UI test)' }).waitFor({ state: 'visible' });
    await view.locator('ol.notes .text', { hasText: newNote }).waitFor({ state: 'visible' });
    assert.strictEqual(await view.locator('ol.notes > li.note').count(), detail.notes.length + 1);

    // "Open Case" from the palette: another case opens in its own tab; the first one is only revealed.
    const other = listed.find((c) => c.caseNumber !== caseNumber);
    assert.ok(other);
    await runCommand(page, 'Axway Support: Open Case…');
    await answerInputBox(page, 'Case number', other.caseNumber);
    await view.locator('h1.subject', { hasText: other.subject }).waitFor({ state: 'visible', timeout: 30_000 });
    await editorTabs(page, `Case ${other.caseNumber}`).waitFor({ state: 'visible' });
    await runCommand(page, 'Axway Support: Open Case…');
    await answerInputBox(page, 'Case number', caseNumber);
    await view.locator('h1.subject', { hasText: newSubject }).waitFor({ state: 'visible' });
    assert.strictEqual(await editorTabs(page, `Case ${caseNumber}`).count(), 1, 'still one tab for the case');
    assert.strictEqual(await editorTabs(page, /^Case /).count(), 2, 'two case tabs');

    // After a reload the serializer restores both tabs and the active one shows its case again (the other one
    // is restored when it is shown).
    await reloadWindow(page);
    await view.locator('h1.subject', { hasText: newSubject }).waitFor({ state: 'visible', timeout: 60_000 });
    await view.locator('ol.notes .text', { hasText: newNote }).waitFor({ state: 'visible' });
    assert.strictEqual(await editorTabs(page, `Case ${caseNumber}`).count(), 1);
    assert.strictEqual(await editorTabs(page, `Case ${other.caseNumber}`).count(), 1);
    await screenshot(page, '06-case-restored-after-reload');
  });

  it('a hostile case shows HTML and script as text, and no script runs', async () => {
    const { page } = workbench();
    await ensureSignedIn(page);
    await api.clearBeacons();
    dialogs.length = 0;
    const [main] = await api.addHostileCases();
    assert.strictEqual(main, '09999999');
    const hostile = await api.getCase(main);
    assert.ok(hostile);

    await refreshTree(page);
    const rows = await waitForTree(page, 'the hostile case on top', (r) => caseRows(r)[0] !== undefined && caseNumberOf(caseRows(r)[0]) === main);
    const top = caseRows(rows)[0];
    assert.ok(top.label.includes('<script>'), `the tree label is literal text: ${top.label}`);

    await caseRow(page, main).click();
    const view = visibleWebviewFrame(page);
    const subject = view.locator('h1.subject');
    await subject.filter({ hasText: 'Hostile case' }).waitFor({ state: 'visible', timeout: 30_000 });
    const subjectText = await subject.innerText();
    assert.ok(subjectText.includes('<script>'), `subject shows "<script" as text: ${subjectText}`);
    assert.ok(subjectText.includes('onerror'), 'subject shows "onerror" as text');
    const descriptionText = await view.locator('section[aria-labelledby="description-h"] .text').innerText();
    for (const literal of ['<script>', 'onerror=', '<svg onload', '<iframe src=', 'javascript:']) {
      assert.ok(descriptionText.includes(literal), `description shows ${literal} as text`);
    }
    // No element came from the API text (the page's own markup has none of these).
    const injected = ['script', 'img', 'svg', 'iframe', 'style', 'a', 'div[onclick]'].map((tag) => `header ${tag}, main ${tag}`).join(', ');
    assert.strictEqual(await view.locator(injected).count(), 0, 'no elements parsed from the case text');
    assert.strictEqual(await view.locator('meta[http-equiv="refresh"]').count(), 0);
    await screenshot(page, '07-hostile-case');

    // Anything that ran would have requested ORIGIN/__beacon/...: watch for ~2 s after the page loaded.
    const quietUntil = Date.now() + 2_000;
    await waitUntil(async () => {
      const beacons = await api.beacons();
      assert.deepStrictEqual(beacons.map((b) => b.path), [], 'no beacon requests');
      return Date.now() >= quietUntil;
    }, () => 'beacon watch', 5_000, 250);
    assert.deepStrictEqual(dialogs, [], 'no dialog opened');
  });

  it('API down: an error row with the message and troubleshooting ID; after recovery Refresh brings the cases back', async () => {
    const { page } = workbench();
    await ensureSignedIn(page);
    await api.addFault({
      target: 'listCases',
      kind: 'respond',
      status: 503,
      body: { code: 'SERVICE_TEMPORARILY_UNAVAILABLE', message: 'The support portal is under maintenance, back in 30 minutes' }
    });
    try {
      await refreshTree(page);
      // The error row goes on top; earlier steps may have scrolled the (virtualised) list away from it.
      await page.locator('.part.sidebar .pane-body .monaco-list').first().focus();
      await page.keyboard.press('Home');
      const rows = await waitForTree(page, 'an error row', (r) => r.some((row) => row.ariaLabel.startsWith('Error: ')));
      const error = rows.find((row) => row.ariaLabel.startsWith('Error: '));
      assert.ok(error);
      assert.match(error.label, /temporarily unavailable \(HTTP 503\): The support portal is under maintenance, back in 30 minutes/);
      assert.match(error.ariaLabel, /Troubleshooting ID \S+/);
      assert.match(error.description, /^Retry · ID \S+/);
      await screenshot(page, '08-api-down');
    } finally {
      await api.clearFaults();
    }
    await refreshTree(page);
    const expected = (await api.listAll())[0].caseNumber;
    const rows = await waitForTree(page, 'cases without an error row',
      (r) => !r.some((row) => row.ariaLabel.startsWith('Error: ')) && caseRows(r)[0] !== undefined && caseNumberOf(caseRows(r)[0]) === expected);
    assert.ok(caseRows(rows).length >= PAGE_SIZE);
  });

  it('sign out from the palette: the welcome view again', async () => {
    const { page } = workbench();
    await ensureSignedIn(page);
    await runCommand(page, 'Axway Support: Sign Out');
    await welcomeView(page).getByRole('button', { name: 'Sign in with service account' }).waitFor({ state: 'visible' });
    await waitUntil(async () => (await treeRows(page).count()) === 0, () => 'tree rows left after sign-out', 10_000);
    await screenshot(page, '09-signed-out');
  });
});

/** Whitespace-insensitive comparison of rendered text with API text. */
function normalise(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
