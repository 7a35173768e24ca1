// Issue 9's journeys in the real workbench (code-server + chromium) against the fake Support API: filter to open
// cases with the Filter Cases… quick pick, filter by account, group by status, and the cached list after a window
// reload with the API down. `UI_UPDATE_DOCS_IMAGES=1` also refreshes the README's picture of the filtered, grouped
// view (docs/images/filtered-grouped.png).
import * as assert from 'assert';
import type { Page } from 'playwright-core';
import { FakeApiRemote } from '../fake-api/client';
import {
  WALKTHROUGH_PICTURE_SCALE, activityBarItem, clearNotifications, openViewContainer, regionAround, screenshotRegion, readTreeRows, reloadWindow, resizeSideBar, runCommand, screenshot, signInUnlessSignedIn, treeRows, useWorkbench,
  viewTitleButton, waitUntil,
  publish, publishWalkthrough
} from './harness';

describe('UI: finding cases (filter, group, cached start)', function () {
  const workbench = useWorkbench({ deviceScaleFactor: WALKTHROUGH_PICTURE_SCALE });
  let api: FakeApiRemote;

  before(() => {
    api = new FakeApiRemote(workbench().fakeApi.origin);
  });

  async function ready(page: Page): Promise<void> {
    await signInUnlessSignedIn(page, api);
    await treeRows(page, /Load more|Loading more/).or(treeRows(page).filter({ has: page.locator('.label-description') })).first().waitFor({ state: 'visible' });
  }

  /** The quick pick's row of an item, by its label. */
  function pickRow(page: Page, label: string): ReturnType<Page['locator']> {
    return page.locator('.quick-input-list .monaco-list-row').filter({ has: page.locator('.label-name', { hasText: new RegExp(`^${label}$`) }) });
  }

  it('Filter Cases… in the title bar, "Open" ticked: only open cases, the view says "Open", Clear Filter appears', async () => {
    const { page } = workbench();
    await openViewContainer(page);
    await resizeSideBar(page, 560);
    await ready(page);
    const closedBefore = (await readTreeRows(page)).filter((r) => r.description === 'Closed');
    assert.ok(closedBefore.length > 0, 'the unfiltered list shows closed cases');
    await viewTitleButton(page, 'Filter Cases…').click();
    await pickRow(page, 'Open').waitFor({ state: 'visible' });
    // In a multi-select quick pick a click on a row ticks it; Enter confirms.
    await pickRow(page, 'Open').click();
    await page.keyboard.press('Enter');
    // The view's description summarises the filter (VS Code hides a lone view's header, so it is in the DOM, not drawn).
    await page.locator('.part.sidebar .pane-header .description', { hasText: /^Open$/ }).first().waitFor({ state: 'attached' });
    await waitUntil(async () => {
      const rows = (await readTreeRows(page)).filter((r) => r.ariaLabel.startsWith('Case '));
      return rows.length > 0 && rows.every((r) => r.description !== 'Closed');
    }, async () => `rows: ${JSON.stringify(await readTreeRows(page))}`);
    await viewTitleButton(page, 'Clear Filter').waitFor({ state: 'visible' });
    await screenshot(page, 'filters-01-open-cases');
    const query = (await api.requests('listCases')).map((r) => new URLSearchParams(r.query).get('query') ?? '').pop() ?? '';
    assert.match(query, /"exclude":\["Closed"\]/);
    await viewTitleButton(page, 'Clear Filter').click();
    await viewTitleButton(page, 'Clear Filter').waitFor({ state: 'hidden' });
    await waitUntil(async () => (await readTreeRows(page)).some((r) => r.description === 'Closed'), () => 'closed cases are back');
  });

  it('Filter Cases… offers the organisation\'s accounts: Open + one account, then grouped by status', async () => {
    const { page } = workbench();
    await ready(page);
    const sac = 'INTC-11873';
    await api.clearRequests();
    await viewTitleButton(page, 'Filter Cases…').click();
    await pickRow(page, 'Open').waitFor({ state: 'visible' });
    await pickRow(page, 'Open').click();
    // The Account section is at the end of the list; typing finds it as a person would.
    await page.keyboard.type('Initech');
    const account = pickRow(page, 'Initech Logistics GmbH');
    await account.waitFor({ state: 'visible' });
    // Asked when the list first opened (in the test before), then kept for the window.
    assert.strictEqual(await api.count('accounts'), 0);
    await account.click();
    await page.keyboard.press('Enter');
    await page.locator('.part.sidebar .pane-header .description', { hasText: /^Open · Initech Logistics GmbH$/ }).first().waitFor({ state: 'attached' });
    const ofAccount = new Set<string>();
    for (const c of await api.listAll()) {
      if (c.status !== 'Closed' && (await api.getCase(c.caseNumber))?.account.sac === sac) {
        ofAccount.add(c.caseNumber);
      }
    }
    const numberOf = (label: string): string => label.split(' · ')[0];
    await waitUntil(async () => {
      const rows = (await readTreeRows(page)).filter((r) => r.ariaLabel.startsWith('Case '));
      return rows.length > 0 && rows.every((r) => ofAccount.has(numberOf(r.label)));
    }, async () => `rows: ${JSON.stringify(await readTreeRows(page))}`);
    const query = (await api.requests('listCases')).map((r) => new URLSearchParams(r.query).get('query') ?? '').pop() ?? '';
    assert.deepStrictEqual(JSON.parse(query), { statuses: { exclude: ['Closed'] }, sac });

    await runCommand(page, 'Axway Support: Group By…');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Status' }).first().click();
    const inSupport = treeRows(page).filter({ has: page.locator('.label-name', { hasText: /^In Support$/ }) });
    await inSupport.waitFor({ state: 'visible' });
    // A clean picture: no leftover toast, no hover tooltip.
    await clearNotifications(page);
    await page.mouse.move(5, 5);
    const grouped = await screenshot(page, 'filters-02-account-grouped-by-status');
    publish(grouped, 'filtered-grouped.png');
    await publishWalkthrough(await screenshotRegion(page, 'filters-02-walkthrough',
      await regionAround(page, [activityBarItem(page), page.locator('.part.sidebar .composite.title'), treeRows(page)])), 'find-and-filter.png');
    await runCommand(page, 'Axway Support: Group By…');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'None' }).first().click();
    await inSupport.waitFor({ state: 'hidden' });
    await viewTitleButton(page, 'Clear Filter').click();
    await viewTitleButton(page, 'Clear Filter').waitFor({ state: 'hidden' });
  });

  it('Group By… Status: group rows with the API\'s counts, cases under them', async () => {
    const { page } = workbench();
    await ready(page);
    await runCommand(page, 'Axway Support: Group By…');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Status' }).first().click();
    const all = await api.listAll();
    const inSupport = all.filter((c) => c.status === 'In Support').length;
    const group = treeRows(page).filter({ has: page.locator('.label-name', { hasText: /^In Support$/ }) });
    await group.waitFor({ state: 'visible' });
    assert.strictEqual(await group.getAttribute('aria-label'), `Group In Support, ${inSupport} ${inSupport === 1 ? 'case' : 'cases'}`);
    assert.strictEqual(await group.getAttribute('aria-expanded'), 'true');
    await screenshot(page, 'filters-03-grouped-by-status');
    await runCommand(page, 'Axway Support: Group By…');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'None' }).first().click();
    await group.waitFor({ state: 'hidden' });
  });

  it('after a window reload with the API down, the filter is remembered and its cached rows show with "Cached, …" and the error row above them', async () => {
    const { page } = workbench();
    await ready(page);
    await viewTitleButton(page, 'Filter Cases…').click();
    await pickRow(page, 'Open').waitFor({ state: 'visible' });
    await pickRow(page, 'Open').click();
    await page.keyboard.press('Enter');
    await viewTitleButton(page, 'Clear Filter').waitFor({ state: 'visible' });
    await waitUntil(async () => {
      const rows = (await readTreeRows(page)).filter((r) => r.ariaLabel.startsWith('Case '));
      return rows.length > 0 && rows.every((r) => r.description !== 'Closed');
    }, async () => `rows: ${JSON.stringify(await readTreeRows(page))}`);
    const before = (await readTreeRows(page)).filter((r) => r.ariaLabel.startsWith('Case ')).map((r) => r.label);
    assert.ok(before.length > 0);
    await api.addFault({ target: 'listCases', kind: 'respond', status: 503, body: { code: 'SERVICE_TEMPORARILY_UNAVAILABLE', message: 'Down for maintenance' } });
    try {
      await reloadWindow(page);
      // The workbench restores the open side bar after it reports ready: a click before that would close it again.
      await waitUntil(
        async () => page.locator('.part.sidebar .composite.title', { hasText: 'Axway Support' }).isVisible(),
        () => 'the side bar to be restored',
        15_000
      ).catch(() => undefined);
      await openViewContainer(page);
      await page.locator('.part.sidebar').getByText(/^Cached, /).waitFor({ state: 'visible', timeout: 30_000 });
      // The filter came back with the window: its description and its cached rows, not the unfiltered ones.
      await page.locator('.part.sidebar .pane-header .description', { hasText: /^Open$/ }).first().waitFor({ state: 'attached' });
      await treeRows(page, /Down for maintenance/).waitFor({ state: 'visible' });
      const rows = await readTreeRows(page);
      assert.match(rows[0].ariaLabel, /^Error: .*Down for maintenance/);
      assert.deepStrictEqual(rows.filter((r) => r.ariaLabel.startsWith('Case ')).map((r) => r.label).slice(0, before.length), before);
      await screenshot(page, 'filters-04-cached-after-reload-api-down');
    } finally {
      await api.clearFaults();
    }
    await treeRows(page, /Down for maintenance/).click();
    await treeRows(page, /Down for maintenance/).waitFor({ state: 'hidden' });
    await page.locator('.part.sidebar').getByText(/^Cached, /).waitFor({ state: 'hidden' });
    await viewTitleButton(page, 'Clear Filter').click();
    await viewTitleButton(page, 'Clear Filter').waitFor({ state: 'hidden' });
  });
});
