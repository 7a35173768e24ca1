// UI journey of several service accounts in the real workbench (code-server + chromium), against the fake Support
// API, which serves the second account its own cases (their subjects start with its client ID): a person adds a
// second account through the real sign-in prompts, sees one root per account, and signs one out from its context menu,
// then adds it again and signs it out from VS Code's Accounts menu (activity bar, bottom).
// `UI_UPDATE_DOCS_IMAGES=1 npm run test:ui` also refreshes the README's pictures of two accounts (accounts.png) and of
// the Accounts menu with both (accounts-menu.png) in docs/images/.
import type { Page } from 'playwright-core';
import { FakeApiRemote } from '../fake-api/client';
import * as assert from 'assert';
import {
  accountSignOutItem, accountsMenuEntries, answerInputBox, chooseContextMenuItem, clearNotifications, contextMenuItem, resizeSideBar, screenshot, signIn,
  signInUnlessSignedIn, treeRows, useWorkbench, waitUntil, type TreeRow,
  publish, waitForTree
} from './harness';
import { assertEvery } from '../support/every';

const SECOND = { clientId: 'second-service-account', clientSecret: 'second-secret-value-123' };

function accountRows(rows: readonly TreeRow[]): TreeRow[] {
  return rows.filter((r) => r.ariaLabel.startsWith('Account '));
}

function caseRows(rows: readonly TreeRow[]): TreeRow[] {
  return rows.filter((r) => r.ariaLabel.startsWith('Case '));
}

/** Signs the second account in while the first is (the sign-in adds an account) and waits for one root per account. */
async function addSecondAccount(page: Page): Promise<TreeRow[]> {
  await signIn(page, SECOND.clientId, SECOND.clientSecret);
  const rows = await waitForTree(page, 'two account roots, the second with its own cases', (r) => {
    const roots = accountRows(r);
    return roots.length === 2 && roots[1].description === SECOND.clientId && r.some((row) => row.ariaLabel.includes(`${SECOND.clientId}: `));
  });
  // Rows under the first root are the first account's: none of them carries the second account's subjects.
  const [first, second] = accountRows(rows);
  // readTreeRows lists the rows top to bottom; a root's cases are the rows between it and the next root.
  const underFirst = rows.slice(rows.indexOf(first) + 1, rows.indexOf(second));
  if (underFirst.length === 0) {
    throw new Error('no rows under the first root');
  }
  if (underFirst.some((r) => r.ariaLabel.includes(`${SECOND.clientId}: `))) {
    throw new Error(`a case of the second account under the first root:\n${underFirst.map((r) => r.ariaLabel).join('\n')}`);
  }
  return rows;
}

const FIRST_NAME = 'Globex Financial Services';
const SECOND_NAME = 'Initech Logistics (partner)';

/** Renames an account through its root's context menu (the root shows the client ID as its description). */
async function renameAccount(page: Page, clientId: string, name: string): Promise<void> {
  const root = treeRows(page).filter({ has: page.locator('.label-description', { hasText: new RegExp(`^${clientId}$`) }) }).first();
  await root.click({ button: 'right' });
  await chooseContextMenuItem(page, 'Rename Account…');
  await answerInputBox(page, `Name for the service account ${clientId}`, name);
  await treeRows(page).filter({ has: page.locator('.label-name', { hasText: new RegExp(`^${name.replace(/[()]/g, '\\$&')}$`) }) }).first().waitFor({ state: 'visible' });
}

/** One account again: no root level, and only the first account's cases (none of the second's subjects). */
function backToOneAccount(page: Page): Promise<TreeRow[]> {
  return waitForTree(page, 'one account again: no root rows, only its own cases', (r) =>
    accountRows(r).length === 0 && caseRows(r).length > 0 && !r.some((row) => row.ariaLabel.includes(`${SECOND.clientId}: `))
  );
}

describe('UI journey: several service accounts', function () {
  const workbench = useWorkbench();
  let remote: FakeApiRemote;

  before(async () => {
    remote = new FakeApiRemote(workbench().fakeApi.origin);
    await remote.addSecretClient(SECOND.clientId, SECOND.clientSecret, 5);
  });

  it('adds a second account through the sign-in prompts, shows two roots, and signs one out from its context menu', async () => {
    const { page } = workbench();
    await signInUnlessSignedIn(page, remote);
    await waitForTree(page, 'the first account\'s cases, with no account level', (rows) => caseRows(rows).length > 0 && accountRows(rows).length === 0);

    // Signing in while signed in adds an account.
    await addSecondAccount(page);
    const { clientId: firstClientId } = await remote.info();

    // Rename Account… from each root's context menu: both default names are the (shared) organisation's account names.
    await renameAccount(page, firstClientId, FIRST_NAME);
    await renameAccount(page, SECOND.clientId, SECOND_NAME);
    await waitForTree(page, 'both roots under their new names, each with its client ID', (r) => {
      const roots = accountRows(r);
      return roots.length === 2 && roots[0].label === FIRST_NAME && roots[0].description === firstClientId && roots[1].label === SECOND_NAME && roots[1].description === SECOND.clientId;
    });
    await resizeSideBar(page, 560);
    await clearNotifications(page);
    await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
    // For the picture: the focus out of the tree (the renamed root stays selected, drawn without the focus outline).
    await page.locator('.part.editor').click({ position: { x: 400, y: 600 } });
    publish(await screenshot(page, 'accounts-01-two-roots'), 'accounts.png');

    // Each account has its own filter: Filter Cases… from the second root's context menu filters that root only.
    const secondRoot = treeRows(page).filter({ has: page.locator('.label-description', { hasText: new RegExp(`^${SECOND.clientId}`) }) }).first();
    await secondRoot.click({ button: 'right' });
    await chooseContextMenuItem(page, 'Filter Cases…');
    await page.locator('.quick-input-widget', { hasText: `Filter Cases of ${SECOND_NAME}` }).waitFor({ state: 'visible' });
    const openChoice = page.locator('.quick-input-list .monaco-list-row').filter({ has: page.locator('.label-name', { hasText: /^Open$/ }) });
    await openChoice.click();
    await page.keyboard.press('Enter');
    const filtered = await waitForTree(page, 'the second root filtered to open cases, the first one not', (r) => {
      const roots = accountRows(r);
      return roots.length === 2 && roots[0].description === firstClientId && roots[1].description === `${SECOND.clientId} · Filter: Open`;
    });
    // The second account's subjects start with its client ID (the fake's way of telling them apart).
    const ofSecond = (r: TreeRow): boolean => r.ariaLabel.includes(`${SECOND.clientId}: `);
    assertEvery(caseRows(filtered).filter(ofSecond), (r) => r.description !== 'Closed', 'no closed case under the filtered root');
    assert.ok(caseRows(filtered).filter((r) => !ofSecond(r)).some((r) => r.description === 'Closed'), 'the first account still lists its closed cases');
    await screenshot(page, 'accounts-01b-second-root-filtered');
    await secondRoot.click({ button: 'right' });
    await chooseContextMenuItem(page, 'Clear Filter');
    await waitForTree(page, 'the second root unfiltered again', (r) => accountRows(r)[1]?.description === SECOND.clientId);

    // The second root's context menu: Refresh Changes, Rename Account…, Sign Out, Add Account….
    await treeRows(page).filter({ hasText: SECOND.clientId }).first().click({ button: 'right' });
    await contextMenuItem(page, 'Rename Account…').waitFor({ state: 'visible' });
    await contextMenuItem(page, 'Add Account…').waitFor({ state: 'visible' });
    await chooseContextMenuItem(page, /^Sign Out$/);
    await backToOneAccount(page);
    await screenshot(page, 'accounts-02-one-signed-out');
  });

  it('adds the second account again and signs it out from VS Code\'s Accounts menu: one account, one look, one entry left', async () => {
    const { page } = workbench();
    await signInUnlessSignedIn(page, remote);
    const { clientId: firstClientId } = await remote.info();
    // Entries are named by client ID (stable; VS Code keys entries and consent by their label).
    const firstEntry = `${firstClientId} (Axway Support)`;
    const secondEntry = `${SECOND.clientId} (Axway Support)`;
    await addSecondAccount(page);
    await waitUntil(async () => {
      const entries = await accountsMenuEntries(page);
      return entries.includes(firstEntry) && entries.includes(secondEntry) || undefined;
    }, () => 'the Accounts menu to list both accounts', 15_000);

    await clearNotifications(page);
    await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
    const signOut = await accountSignOutItem(page, secondEntry);
    publish(await screenshot(page, 'accounts-03-menu-two-accounts'), 'accounts-menu.png');
    await signOut.click();
    // VS Code asks to confirm in its own dialog, naming the account.
    const dialog = page.locator('.monaco-dialog-box');
    await dialog.waitFor({ state: 'visible', timeout: 10_000 });
    assert.match(await dialog.innerText(), new RegExp(SECOND.clientId));
    await dialog.getByRole('button', { name: 'Sign Out' }).click();
    await dialog.waitFor({ state: 'hidden' });

    // The tree's single-account look again: the first account's cases at the top level, none of the second's.
    await backToOneAccount(page);
    await screenshot(page, 'accounts-04-menu-signed-out');
    // The removed account's entry is gone from the Accounts menu; the first account's stays.
    const entries = await waitUntil(async () => {
      const now = await accountsMenuEntries(page);
      return !now.includes(secondEntry) ? now : undefined;
    }, () => 'the Accounts menu to drop the signed-out account', 15_000);
    assert.ok(entries.includes(firstEntry), `the first account stays in the Accounts menu: ${JSON.stringify(entries)}`);
  });
});
