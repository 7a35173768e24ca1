// UI journey of issue 10 (certificates and VS Code's Accounts menu) in the real workbench: sign in with a client
// certificate through the real prompts (the kind pick, the client ID box and code-server's simple open dialog), see
// the account in the Accounts menu of the activity bar, let another extension (test/fixtures/session-consumer) get a
// session after VS Code's consent prompt, and sign the account out in the Accounts menu.
import * as assert from 'assert';
import { execFileSync } from 'child_process';
import { generateKeyPairSync } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { FakeApiRemote } from '../fake-api/client';
import {
  REPO_ROOT, WALKTHROUGH_PICTURE_SCALE, accountSignOutItem, activityBarItem, regionAround, screenshotRegion, accountsMenuEntries, answerInputBox, chooseInFileDialog, notifications, openViewContainer, pickAccountKind, runCommand, screenshot,
  treeRows, useWorkbench, waitUntil, welcomeView,
  publish, publishWalkthrough
} from './harness';

const CLIENT_ID = 'cert-ui-account';

/** Packages the session-consumer fixture into a VSIX. */
function buildConsumerVsix(dir: string): string {
  const fixture = path.join(REPO_ROOT, 'test', 'fixtures', 'session-consumer');
  const build = path.join(dir, 'session-consumer');
  fs.mkdirSync(build, { recursive: true });
  for (const file of fs.readdirSync(fixture)) {
    fs.copyFileSync(path.join(fixture, file), path.join(build, file));
  }
  const vsix = path.join(dir, 'session-consumer.vsix');
  const vsce = path.join(REPO_ROOT, 'node_modules', '@vscode', 'vsce', 'vsce');
  execFileSync(process.execPath, [vsce, 'package', '--no-dependencies', '--allow-missing-repository', '--skip-license', '-o', vsix], { cwd: build, stdio: 'pipe' });
  return vsix;
}

interface ConsumerReport {
  readonly id?: string;
  readonly account?: { readonly id: string; readonly label: string };
  readonly scopes?: readonly string[];
  readonly accessToken?: string;
  readonly error?: string;
}

describe('UI: certificate sign-in and the Accounts menu', function () {
  this.timeout(180_000);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'axway-consumer-'));
  const reportFile = path.join(dir, 'session.json');
  const workbench = useWorkbench({ extraVsixes: [buildConsumerVsix(dir)], settings: { 'sessionConsumer.reportFile': reportFile }, deviceScaleFactor: WALKTHROUGH_PICTURE_SCALE });
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const privatePem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  let api: FakeApiRemote;

  after(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  before(async () => {
    api = new FakeApiRemote(workbench().fakeApi.origin);
    await api.addCertificateClient(CLIENT_ID, publicKey.export({ type: 'spki', format: 'pem' }).toString());
  });

  it('signs in with a client certificate through the kind pick, the client ID box and the open dialog', async () => {
    const { page, server } = workbench();
    const workspace = server.workspaceDir;
    assert.ok(workspace, 'the server has a workspace folder');
    const keyFile = path.join(workspace, 'service-account-key.pem');
    fs.writeFileSync(keyFile, privatePem);
    try {
      await openViewContainer(page);
      await welcomeView(page).waitFor({ state: 'visible' });
      await runCommand(page, 'Axway Support: Sign in with service account');
      // The README's picture shows the kind pick itself: wait until it replaced the palette.
      await page.locator('.quick-input-widget .quick-input-list .monaco-list-row', { hasText: 'Client certificate' }).first().waitFor({ state: 'visible' });
      const kindPick = await screenshot(page, 'accounts-01-kind-pick');
      publish(kindPick, 'sign-in-kind.png');
      // The walkthrough's picture: where to start, the view and its sign-in button (the pick is beside it, too far to fit).
      await publishWalkthrough(await screenshotRegion(page, 'accounts-01-sign-in-view',
        await regionAround(page, [activityBarItem(page), page.locator('.part.sidebar .composite.title'), welcomeView(page).locator(':scope > *')])), 'sign-in.png');
      await pickAccountKind(page, 'Client certificate');
      await answerInputBox(page, 'Client ID', CLIENT_ID);
      // code-server's simple open dialog: a quick input holding a path.
      const widget = page.locator('.quick-input-widget');
      await widget.filter({ hasText: 'private key' }).waitFor({ state: 'visible', timeout: 15_000 });
      await chooseInFileDialog(page, keyFile);
      await notifications(page, 'Signed in').first().waitFor({ state: 'visible', timeout: 30_000 });
      await treeRows(page, /\d{8} ·/).first().waitFor({ state: 'visible', timeout: 30_000 });
      const tokenForms = (await api.requests('token')).map((r) => new URLSearchParams(r.body));
      assert.ok(tokenForms.length > 0 && tokenForms.every((f) => f.get('client_assertion') !== null && f.get('client_secret') === null), 'signed assertions, no secret');
    } finally {
      fs.rmSync(keyFile, { force: true });
    }
  });

  it('another extension gets a session after VS Code asks to allow it and to pick the account; its token works and is no key', async () => {
    const { page, fakeApi } = workbench();
    await runCommand(page, 'Session Consumer: Get Axway Support Session');
    const dialog = page.locator('.monaco-dialog-box');
    await dialog.waitFor({ state: 'visible', timeout: 15_000 });
    assert.match(await dialog.innerText(), /Axway Support/);
    publish(await screenshot(page, 'accounts-02-consent'), 'accounts-consent.png');
    await dialog.getByRole('button', { name: 'Allow' }).click();
    // Several accounts are possible: VS Code lets the person pick one.
    const accountRow = page.locator('.quick-input-widget .quick-input-list .monaco-list-row', { hasText: CLIENT_ID });
    await accountRow.first().waitFor({ state: 'visible', timeout: 15_000 });
    await accountRow.first().click();
    const report = await waitUntil(
      async () => (fs.existsSync(reportFile) ? (JSON.parse(fs.readFileSync(reportFile, 'utf8')) as ConsumerReport) : undefined),
      () => 'the session consumer to write what it got',
      30_000
    );
    assert.strictEqual(report.error, undefined);
    assert.strictEqual(report.account?.label, CLIENT_ID);
    const token = report.accessToken ?? '';
    assert.ok(token.length > 20, 'an access token');
    assert.ok(!privatePem.includes(token) && !token.includes('PRIVATE KEY'), 'not the key');
    const answer = await fetch(`${fakeApi.apiBaseUrl}/case?limit=1`, { headers: { authorization: `Bearer ${token}` } });
    assert.strictEqual(answer.status, 200, 'the Support API accepts the session token');
  });

  // The entry is named by the client ID (stable and unique; VS Code keys entries and consent by it).
  const ACCOUNT_ENTRY = `${CLIENT_ID} (Axway Support)`;

  it('shows the account in the Accounts menu, whose Sign Out removes it', async () => {
    const { page } = workbench();
    await treeRows(page, /\d{8} ·/).first().waitFor({ state: 'visible', timeout: 30_000 });
    const signOutItem = await accountSignOutItem(page, ACCOUNT_ENTRY);
    // The README's picture of the Accounts menu shows two accounts (severalAccounts.test.ts).
    await screenshot(page, 'accounts-03-menu');
    await signOutItem.click();
    // VS Code asks to confirm in its own dialog.
    const dialog = page.locator('.monaco-dialog-box');
    await dialog.waitFor({ state: 'visible', timeout: 10_000 });
    await screenshot(page, 'accounts-04-confirm');
    await dialog.getByRole('button', { name: 'Sign Out' }).click();
    await welcomeView(page).waitFor({ state: 'visible', timeout: 20_000 });
    assert.strictEqual(await treeRows(page, /\d{8} ·/).count(), 0, 'no case of the account stays on screen');

    // The menu no longer lists it.
    assert.ok(!(await accountsMenuEntries(page)).includes(ACCOUNT_ENTRY));
  });
});
