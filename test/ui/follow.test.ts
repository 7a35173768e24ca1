// UI journey "follow cases" in the real workbench (code-server + chromium) against the fake Support API: with a short
// auto-refresh interval (1 minute, the shortest the setting allows, through the user setting), a case changed on the server shows up marked "updated" with
// the view's badge without any click; the status bar says how many cases await the person, and its click filters
// the view to them.
import * as assert from 'assert';
import type { Page } from 'playwright-core';
import { FakeApiRemote } from '../fake-api/client';
import {
  WALKTHROUGH_PICTURE_SCALE, accountsMenuEntries, activityBarItem, editorTabs, regionAround, screenshotRegion, notifications, openViewContainer, reloadWindow, runCommand, screenshot, signInUnlessSignedIn, useWorkbench, waitUntil, type TreeRow,
  waitForTree, publishWalkthrough
} from './harness';

const AWAITING = 'Customer Owns Next Steps';
/** Auto-refresh runs at most once a minute (the setting's minimum): a wait for the next one allows for that. */
const REFRESH_WAIT_MS = 90_000;

function caseNumberOf(row: TreeRow): string | undefined {
  return /^Case ([^\s:]+)/.exec(row.ariaLabel)?.[1];
}

/** The number on the Axway Support activity-bar entry (the Recent Cases view's badge), or '' without one. */
async function viewBadge(page: Page): Promise<string> {
  const badge = page.locator('.part.activitybar .action-item', { has: page.locator('a[aria-label^="Axway Support"]') }).locator('.badge .badge-content');
  return (await badge.count()) > 0 && (await badge.first().isVisible()) ? (await badge.first().innerText()).trim() : '';
}

function awaitingItem(page: Page) {
  return page.locator('.part.statusbar').getByRole('button', { name: /awaiting you/ });
}

describe('UI journey: following cases without clicking Refresh', function () {
  this.timeout(240_000);
  const workbench = useWorkbench({ settings: { 'axwaySupport.autoRefresh.intervalMinutes': 1, 'axwaySupport.statusBar.enabled': true }, deviceScaleFactor: WALKTHROUGH_PICTURE_SCALE });
  let api: FakeApiRemote;

  before(() => {
    api = new FakeApiRemote(workbench().fakeApi.origin);
  });

  it('a case updated on the server shows its "updated" mark and the view badge, without a click', async () => {
    const { page } = workbench();
    await signInUnlessSignedIn(page, api);
    const rows = await waitForTree(page, 'case rows after sign-in', (r) => r.filter((row) => caseNumberOf(row)).length >= 5);
    assert.strictEqual(await viewBadge(page), '', 'nothing counts as updated right after the first sign-in');
    const target = caseNumberOf(rows.filter((row) => caseNumberOf(row))[4]);
    assert.ok(target);
    await api.upsertCase({ caseNumber: target, subject: 'Support replied while you were away' });
    const updated = await waitForTree(page, `case ${target} marked updated at the top`, (r) =>
      r.some((row) => row.label.endsWith(' · Support replied while you were away') && /\(updated/.test(row.ariaLabel)), REFRESH_WAIT_MS);
    assert.strictEqual(caseNumberOf(updated.filter((row) => caseNumberOf(row))[0]), target, 'the changed case moved to the top');
    await waitUntil(async () => (await viewBadge(page)) === '1', async () => `the view badge shows "${await viewBadge(page)}", not 1`);
    await screenshot(page, 'follow-updated-case-and-badge');
    // The walkthrough's picture: the badge on the view's icon and the marked rows.
    await publishWalkthrough(await screenshotRegion(page, 'follow-walkthrough',
      await regionAround(page, [activityBarItem(page), page.locator('.part.sidebar .composite.title'), page.locator('.part.sidebar .pane-body .monaco-list-row')])), 'follow.png');
  });

  it('a case moved to "Customer Owns Next Steps" on the server is notified once, and Open Case opens it', async () => {
    const { page } = workbench();
    await openViewContainer(page);
    const rows = await waitForTree(page, 'case rows', (r) => r.filter((row) => caseNumberOf(row)).length >= 8);
    const listed = new Set(rows.map(caseNumberOf).filter((n): n is string => n !== undefined));
    const target = (await api.listAll()).find((c) => listed.has(c.caseNumber) && c.status !== AWAITING);
    assert.ok(target);
    await api.upsertCase({ caseNumber: target.caseNumber, status: AWAITING, subject: 'Support needs your log files' });
    const toast = notifications(page, `Case ${target.caseNumber} awaits your reply: Support needs your log files`);
    await toast.first().waitFor({ state: 'visible', timeout: REFRESH_WAIT_MS });
    await toast.first().getByRole('button', { name: 'Open Case' }).click();
    await editorTabs(page, target.caseNumber).first().waitFor({ state: 'visible', timeout: 30_000 });
    // A later refresh (every minute) does not tell it again.
    await waitForTree(page, 'the case marked awaiting you', (r) => r.some((row) => caseNumberOf(row) === target.caseNumber && /awaiting you/.test(row.ariaLabel)));
    const listsBefore = await api.count('listCases');
    await waitUntil(async () => (await api.count('listCases')) >= listsBefore + 1 || undefined, () => 'one more automatic refresh', REFRESH_WAIT_MS);
    assert.strictEqual(await notifications(page, `Case ${target.caseNumber} awaits your reply`).count(), 0, 'no second toast');
    await runCommand(page, 'View: Close All Editors');
  });

  it('the status bar shows how many cases await you, and its click filters the view to them', async () => {
    const { page } = workbench();
    await openViewContainer(page);
    const expected = (await api.listAll()).filter((c) => c.status === AWAITING).length;
    assert.ok(expected > 0, 'the seed has cases awaiting the customer');
    const item = awaitingItem(page);
    await item.waitFor({ state: 'visible' });
    await waitUntil(async () => (await item.innerText()).includes(`${expected} awaiting you`), async () => `the status bar item says "${await item.innerText()}"`);
    await item.click();
    const filtered = await waitForTree(page, 'only cases awaiting you', (r) => {
      const cases = r.filter((row) => caseNumberOf(row));
      return cases.length > 0 && cases.every((row) => row.description.endsWith(AWAITING));
    });
    assert.ok(filtered.filter((row) => caseNumberOf(row)).length <= expected);
    await screenshot(page, 'follow-awaiting-filter');
  });
  it('after a reload with the Axway Support view closed, it starts by itself: the status bar counts, the Accounts menu lists the account', async () => {
    const { page } = workbench();
    await runCommand(page, 'Axway Support: Clear Filter');
    await runCommand(page, 'View: Close All Editors');
    // Another view in the side bar: nothing of ours is on screen, so only VS Code's start-up can start the extension.
    await runCommand(page, 'View: Show Explorer');
    await page.locator('.part.sidebar .composite.title', { hasText: /Explorer/i }).waitFor({ state: 'visible' });
    await reloadWindow(page);
    await page.locator('.part.sidebar .composite.title', { hasText: /Explorer/i }).waitFor({ state: 'visible' });
    const expected = (await api.listAll()).filter((c) => c.status === AWAITING).length;
    const item = awaitingItem(page);
    await item.waitFor({ state: 'visible', timeout: 30_000 });
    await waitUntil(async () => (await item.innerText()).includes(`${expected} awaiting you`), async () => `the status bar item says "${await item.innerText()}"`);
    assert.strictEqual(await page.locator('.part.sidebar .composite.title', { hasText: 'Axway Support' }).count(), 0, 'the Axway Support view stayed closed');
    const { clientId } = await api.info();
    await waitUntil(async () => (await accountsMenuEntries(page)).includes(`${clientId} (Axway Support)`) || undefined, () => 'the account in the Accounts menu', 15_000);
    await screenshot(page, 'follow-started-without-the-view');
  });
});
