// UI journey of issue 10 (certificates and VS Code's Accounts menu) in the real workbench: sign in with a client
// certificate through the real prompts (the kind pick, the client ID box and code-server's simple open dialog), see
// the account in the Accounts menu of the activity bar, and sign it out there.
import * as assert from 'assert';
import { generateKeyPairSync } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import type { Page } from 'playwright-core';
import { FakeApiRemote } from '../fake-api/client';
import { answerInputBox, notifications, openViewContainer, pickAccountKind, runCommand, screenshot, treeRows, useWorkbench, waitUntil, welcomeView } from './harness';

const CLIENT_ID = 'cert-ui-account';

/** The Accounts entry at the bottom of the activity bar. */
function accountsButton(page: Page) {
  return page.locator('.part.activitybar .action-item a[aria-label^="Accounts"]');
}

describe('UI: certificate sign-in and the Accounts menu', function () {
  this.timeout(180_000);
  const workbench = useWorkbench();
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  let api: FakeApiRemote;

  before(async () => {
    api = new FakeApiRemote(workbench().fakeApi.origin);
    await api.addCertificateClient(CLIENT_ID, publicKey.export({ type: 'spki', format: 'pem' }).toString());
  });

  it('signs in with a client certificate through the kind pick, the client ID box and the open dialog', async () => {
    const { page, server } = workbench();
    const workspace = server.workspaceDir;
    assert.ok(workspace, 'the server has a workspace folder');
    const keyFile = path.join(workspace, 'service-account-key.pem');
    fs.writeFileSync(keyFile, privateKey.export({ type: 'pkcs8', format: 'pem' }).toString());
    try {
      await openViewContainer(page);
      await welcomeView(page).waitFor({ state: 'visible' });
      await runCommand(page, 'Axway Support: Sign in with service account');
      await screenshot(page, 'accounts-01-kind-pick');
      await pickAccountKind(page, 'Client certificate');
      await answerInputBox(page, 'Client ID', CLIENT_ID);
      // code-server's simple open dialog: a quick input holding a path.
      const widget = page.locator('.quick-input-widget');
      await widget.filter({ hasText: 'private key' }).waitFor({ state: 'visible', timeout: 15_000 });
      const pathInput = page.locator('.quick-input-widget input.input');
      await pathInput.fill(keyFile);
      // The dialog re-reads the folder as the path changes and may ignore an early confirm: confirm until it closes.
      for (let attempt = 1; ; attempt++) {
        await page.keyboard.press('Enter');
        try {
          await widget.waitFor({ state: 'hidden', timeout: 5_000 });
          break;
        } catch (err) {
          if (attempt >= 3) {
            throw err;
          }
        }
      }
      await notifications(page, 'Signed in').first().waitFor({ state: 'visible', timeout: 30_000 });
      await treeRows(page, /\d{8} ·/).first().waitFor({ state: 'visible', timeout: 30_000 });
      const tokenForms = (await api.requests('token')).map((r) => new URLSearchParams(r.body));
      assert.ok(tokenForms.length > 0 && tokenForms.every((f) => f.get('client_assertion') !== null && f.get('client_secret') === null), 'signed assertions, no secret');
    } finally {
      fs.rmSync(keyFile, { force: true });
    }
  });

  it('shows the account in the Accounts menu, whose Sign Out removes it', async () => {
    const { page } = workbench();
    await treeRows(page, /\d{8} ·/).first().waitFor({ state: 'visible', timeout: 30_000 });
    await accountsButton(page).click();
    const menu = page.locator('.monaco-menu');
    const accountItem = menu.locator('.action-item', { hasText: `${CLIENT_ID} (Axway Support)` });
    await accountItem.first().waitFor({ state: 'visible', timeout: 15_000 });
    await accountItem.first().hover();
    const signOutItem = menu.locator('.action-item', { hasText: /^Sign Out$/ });
    await waitUntil(async () => (await signOutItem.count()) > 0 || undefined, () => 'the account submenu to offer Sign Out', 10_000);
    await screenshot(page, 'accounts-02-menu');
    await signOutItem.first().click();
    // VS Code asks to confirm in its own dialog.
    const dialog = page.locator('.monaco-dialog-box');
    await dialog.waitFor({ state: 'visible', timeout: 10_000 });
    await screenshot(page, 'accounts-03-confirm');
    await dialog.getByRole('button', { name: 'Sign Out' }).click();
    await welcomeView(page).waitFor({ state: 'visible', timeout: 20_000 });
    assert.strictEqual(await treeRows(page, /\d{8} ·/).count(), 0, 'no case of the account stays on screen');

    // The menu no longer lists it.
    await accountsButton(page).click();
    await page.locator('.monaco-menu').first().waitFor({ state: 'visible' });
    assert.strictEqual(await page.locator('.monaco-menu .action-item', { hasText: `${CLIENT_ID} (Axway Support)` }).count(), 0);
    await page.keyboard.press('Escape');
  });
});
