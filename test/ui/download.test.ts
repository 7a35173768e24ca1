// UI journeys (issue 8) in a real browser: close a case from the tree's context menu (two input boxes, the contact
// e-mail, the modal), and download an attachment from the case tab's "Download <name>" button through code-server's
// simple save dialog (a quick input holding a path), then Open it from the notification; a second download is
// revealed in the Explorer; a third is cancelled from its progress notification and leaves no file.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import type { FrameLocator, Page } from 'playwright-core';
import { fakeAccessToken, FakeApiRemote } from '../fake-api/client';
import { BIDI_SPOOF_FILE_NAME, COMMAND_LINK_FILE_NAME } from '../fake-api/hostile';
import {
  caseRow, answerInputBox, chooseContextMenuItem, clearNotifications, contextMenuItem, editorTabs, notifications, runCommand, screenshot, signInUnlessSignedIn,
  treeRows, useWorkbench, viewTitleButton, visibleWebviewFrame, waitUntil
} from './harness';

const CLOSE_CASE = '01399001';
const DOWNLOAD_CASE = '01399002';
const ATTACHMENT = { id: '00PUI0000000001', name: 'gateway trace.log', createdDate: '2025-05-01T10:00:00.000+0000' };
const HOSTILE_CASE = '01399003';
const COMMAND_LINK = { id: '00PUI0000000002', name: COMMAND_LINK_FILE_NAME, createdDate: '2025-05-01T10:00:00.000+0000' };
const BIDI_SPOOF = { id: '00PUI0000000003', name: BIDI_SPOOF_FILE_NAME, createdDate: '2025-05-01T10:00:00.000+0000' };

/**
 * Answers code-server's simple save dialog (a quick input holding a path) with `target`. The dialog re-reads the
 * folder as the path changes and may replace the typed path or ignore an early confirm: type and confirm until it closes.
 */
async function saveAs(page: Page, target: string, proposed = ATTACHMENT.name): Promise<void> {
  const pathInput = page.locator('.quick-input-widget input.input');
  await pathInput.waitFor({ state: 'visible', timeout: 15_000 });
  // Typed before the dialog shows its proposal, the path would be replaced by it.
  await waitUntil(async () => (await pathInput.inputValue()).endsWith(proposed), async () => `the proposal; it shows ${await pathInput.inputValue()}`, 10_000);
  const widget = page.locator('.quick-input-widget');
  for (let attempt = 1; ; attempt++) {
    // It may still replace what was typed with its proposal: confirm only the typed path.
    await pathInput.fill(target);
    await waitUntil(async () => (await pathInput.inputValue()) === target, async () => `the typed path; it shows ${await pathInput.inputValue()}`, 5_000);
    await widget.getByRole('button', { name: 'OK' }).click();
    try {
      await widget.waitFor({ state: 'hidden', timeout: 5_000 });
      return;
    } catch (err) {
      if (attempt >= 3) {
        throw err;
      }
    }
  }
}

describe('UI: close a case and download an attachment', function () {
  this.timeout(180_000);
  const workbench = useWorkbench();
  let api: FakeApiRemote;

  /** The bytes the fake serves for an attachment, fetched as any API client would. */
  async function served(caseNumber: string, attachmentId: string): Promise<Buffer> {
    const token = await fakeAccessToken(workbench().fakeApi);
    const response = await fetch(`${workbench().fakeApi.apiBaseUrl}/attachment?caseId=${caseNumber}&attachmentId=${attachmentId}`, { headers: { authorization: `Bearer ${token}` } });
    assert.strictEqual(response.status, 200);
    return Buffer.from(await response.arrayBuffer());
  }

  /** Clears the notifications, opens the case with Open Case… and waits for its tab to show `heading`. */
  async function openedCase(page: Page, caseNumber: string, heading: string): Promise<FrameLocator> {
    await clearNotifications(page);
    await runCommand(page, 'Axway Support: Open Case…');
    await answerInputBox(page, 'Case number', caseNumber);
    const view = visibleWebviewFrame(page);
    await view.locator('h1', { hasText: heading }).waitFor({ state: 'visible', timeout: 30_000 });
    return view;
  }

  /** The server's workspace folder and a folder `name` in it, made if missing. */
  function workspaceFolder(name: string): { workspace: string; folder: string } {
    const workspace = workbench().server.workspaceDir;
    assert.ok(workspace, 'the server has a workspace folder');
    const folder = path.join(workspace, name);
    fs.mkdirSync(folder, { recursive: true });
    return { workspace, folder };
  }

  before(async () => {
    api = new FakeApiRemote(workbench().fakeApi.origin);
    await api.upsertCase({ caseNumber: DOWNLOAD_CASE, subject: 'Gateway trace attached', status: 'In Support', attachments: [ATTACHMENT] });
    await api.upsertCase({ caseNumber: HOSTILE_CASE, subject: 'Attachments named to mislead', status: 'In Support', attachments: [COMMAND_LINK, BIDI_SPOOF] });
    await api.upsertCase({ caseNumber: CLOSE_CASE, subject: 'Resolved after the upgrade', status: 'Customer Owns Next Steps', contact: { name: 'Dana Customer', email: 'dana@example.com' } });
  });

  it('closes an open case from its context menu: subject, description, contact e-mail, the modal; the row then shows it closed', async () => {
    const { page } = workbench();
    await signInUnlessSignedIn(page, api);
    const row = caseRow(page, CLOSE_CASE);
    await row.waitFor({ state: 'visible', timeout: 30_000 });
    await row.click({ button: 'right' });
    await contextMenuItem(page, 'Close Case…').waitFor({ state: 'visible' });
    await screenshot(page, 'close-01-context-menu');
    await chooseContextMenuItem(page, 'Close Case…');

    // Both boxes come prefilled with a suggestion; the person replaces it.
    const input = page.locator('.quick-input-widget input.input');
    await page.locator('.quick-input-widget').filter({ hasText: 'Subject of the closing note' }).waitFor({ state: 'visible' });
    assert.strictEqual(await input.inputValue(), 'Please close this case');
    await answerInputBox(page, 'Subject of the closing note', 'Solved by the 7.7 upgrade');
    await page.locator('.quick-input-widget').filter({ hasText: 'Why the case can be closed' }).waitFor({ state: 'visible' });
    await answerInputBox(page, 'Why the case can be closed', 'After upgrading to 7.7 the handshakes succeed. Thank you.');
    // The first time, the contact e-mail, prefilled with the case's contact.
    await page.locator('.quick-input-widget').filter({ hasText: /writes to about your notes/ }).waitFor({ state: 'visible' });
    assert.strictEqual(await input.inputValue(), 'dana@example.com');
    await page.keyboard.press('Enter');

    const dialog = page.locator('.monaco-dialog-box');
    await dialog.filter({ hasText: `Close case ${CLOSE_CASE}?` }).waitFor({ state: 'visible' });
    await screenshot(page, 'close-02-modal');
    await dialog.getByRole('button', { name: 'Close Case' }).click();

    await waitUntil(async () => (await api.getCase(CLOSE_CASE))?.status === 'Closed', () => 'the fake to have the case closed');
    const stored = await api.getCase(CLOSE_CASE);
    assert.deepStrictEqual(stored?.notes?.slice(-1).map((n) => [n.subject, n.description]), [['Solved by the 7.7 upgrade', 'After upgrading to 7.7 the handshakes succeed. Thank you.']]);
    await row.filter({ hasText: 'Closed' }).waitFor({ state: 'visible', timeout: 20_000 });

    // A closed case no longer offers it.
    await row.click({ button: 'right' });
    await contextMenuItem(page, 'Copy Case Number').waitFor({ state: 'visible' });
    assert.strictEqual(await contextMenuItem(page, 'Close Case…').count(), 0, 'no Close Case on a closed case');
    await page.keyboard.press('Escape');
  });

  it('downloads an attachment from the case tab through the save dialog, opens it from the notification, and reveals a second copy in the Explorer', async () => {
    const { page } = workbench();
    await signInUnlessSignedIn(page, api);
    await viewTitleButton(page, 'Refresh Changes').click();
    const view = await openedCase(page, DOWNLOAD_CASE, 'Gateway trace attached');

    const { workspace, folder } = workspaceFolder('downloads');
    const target = path.join(folder, 'trace-from-support.log');

    await view.getByRole('button', { name: `Download ${ATTACHMENT.name}` }).click();
    // code-server's simple save dialog: the proposed path is the workspace and the attachment's name.
    const pathInput = page.locator('.quick-input-widget input.input');
    await pathInput.waitFor({ state: 'visible', timeout: 15_000 });
    await waitUntil(async () => (await pathInput.inputValue()).endsWith(ATTACHMENT.name), async () => `proposed: ${await pathInput.inputValue()}`, 10_000);
    assert.ok((await pathInput.inputValue()).includes(workspace), `proposed: ${await pathInput.inputValue()}`);
    await screenshot(page, 'download-01-save-dialog');
    await saveAs(page, target);

    const done = notifications(page, /Downloaded gateway trace\.log/).filter({ hasText: target });
    await done.first().waitFor({ state: 'visible', timeout: 30_000 });
    assert.ok(fs.readFileSync(target).equals(await served(DOWNLOAD_CASE, ATTACHMENT.id)), 'the file holds what the API served');
    assert.deepStrictEqual(fs.readdirSync(folder), ['trace-from-support.log'], 'no temporary file left');
    await screenshot(page, 'download-02-done');
    assert.ok(await done.first().getByRole('button', { name: 'Reveal in Explorer' }).isVisible(), 'Reveal in Explorer is offered beside Open');
    await done.first().getByRole('button', { name: 'Open' }).click();
    await editorTabs(page, 'trace-from-support.log').first().waitFor({ state: 'visible', timeout: 15_000 });

    // Again, to another name, and Reveal in Explorer: the Explorer shows the file selected.
    await clearNotifications(page);
    const second = path.join(folder, 'revealed.log');
    await editorTabs(page, `Case ${DOWNLOAD_CASE}`).first().click();
    await visibleWebviewFrame(page).getByRole('button', { name: `Download ${ATTACHMENT.name}` }).click();
    await saveAs(page, second);
    const again = notifications(page, /Downloaded gateway trace\.log/).filter({ hasText: second });
    await again.first().waitFor({ state: 'visible', timeout: 30_000 });
    await again.first().getByRole('button', { name: 'Reveal in Explorer' }).click();
    await page.locator('.part.sidebar .explorer-folders-view .monaco-list-row.selected', { hasText: 'revealed.log' }).waitFor({ state: 'visible', timeout: 15_000 });
    assert.ok(fs.readFileSync(second).equals(await served(DOWNLOAD_CASE, ATTACHMENT.id)));
  });
  it("cancelling the download's progress notification stops it and leaves no file, neither temporary nor target", async () => {
    const { page } = workbench();
    await signInUnlessSignedIn(page, api);
    await treeRows(page).first().waitFor({ state: 'visible', timeout: 30_000 });
    const { workspace, folder } = workspaceFolder('cancelled');
    // 1 GiB streamed with back-pressure and an exact Content-Length: long enough to be cancelled half-way.
    await api.addFault({ target: 'attachment', kind: 'huge', sizeBytes: 1024 * 1024 * 1024, contentLength: true, times: 1 });
    await api.clearRequests();
    const view = await openedCase(page, DOWNLOAD_CASE, 'Gateway trace attached');
    await view.getByRole('button', { name: `Download ${ATTACHMENT.name}` }).click();
    await saveAs(page, path.join(folder, 'never-complete.log'));

    const progress = notifications(page, /Downloading gateway trace\.log/);
    await progress.first().waitFor({ state: 'visible', timeout: 30_000 });
    // Bytes are on disk, in a temporary file beside the target (not under the target's name).
    const partial = (): boolean => fs.readdirSync(folder).some((name) => name.endsWith('.axway-download') && fs.statSync(path.join(folder, name)).size > 0);
    await waitUntil(() => Promise.resolve(partial() || undefined), async () => `bytes in a temporary file in ${fs.readdirSync(folder).join(', ') || '(empty folder)'}; requests ${JSON.stringify((await api.requests('attachment')).map((r) => ({ status: r.status, aborted: r.aborted })))}; toasts: ${(await notifications(page).allInnerTexts()).join(' | ')}; workspace: ${fs.readdirSync(workspace, { recursive: true }).join(', ')}`, 30_000);
    assert.ok(!fs.existsSync(path.join(folder, 'never-complete.log')), 'the target does not exist while downloading');
    await screenshot(page, 'download-03-progress');
    await progress.first().getByRole('button', { name: 'Cancel' }).click();

    await waitUntil(() => Promise.resolve(fs.readdirSync(folder).length === 0 || undefined), () => `the folder still holds ${fs.readdirSync(folder).join(', ')}`, 20_000);
    await waitUntil(async () => (await api.requests('attachment')).some((r) => r.aborted) || undefined, () => 'the fake to see the download aborted', 20_000);
    await progress.first().waitFor({ state: 'hidden', timeout: 10_000 });
  });

  it('an attachment named like a command link: its "Downloaded" notification shows the name as text, and clicking it runs nothing; a bidi spoof shows its override', async () => {
    const { page } = workbench();
    await signInUnlessSignedIn(page, api);
    await treeRows(page).first().waitFor({ state: 'visible', timeout: 30_000 });
    const view = await openedCase(page, HOSTILE_CASE, 'Attachments named to mislead');

    const { folder } = workspaceFolder('hostile');
    const target = path.join(folder, 'the-fix.txt');
    await view.locator('button.attachment-name', { hasText: 'Open the fix' }).click();
    // The save dialog proposes the sanitised name (":" is not allowed in a file name on every OS).
    await saveAs(page, target, '[Open the fix](command_workbench.action.terminal.new)');
    const done = notifications(page, /Downloaded/).filter({ hasText: target });
    await done.first().waitFor({ state: 'visible', timeout: 30_000 });
    const message = done.first().locator('.notification-list-item-message');
    await screenshot(page, 'download-05-command-link-as-text');

    // Clicked where the name is: a link there would open a terminal. Then a command with a visible effect, so
    // whatever the click started has run before the terminal is looked for.
    await message.getByText('Open the fix').first().click();
    await runCommand(page, 'Axway Support: Show Log');
    await page.locator('.part.panel').waitFor({ state: 'visible' });
    assert.strictEqual(await page.locator('.xterm, .terminal-wrapper').count(), 0, 'clicking the name opened a terminal');
    assert.strictEqual(await message.locator('a').count(), 0, `a link in the notification: ${await message.innerHTML()}`);
    assert.ok((await message.innerText()).includes('Downloaded [Open the fix] (command:workbench.action.terminal.new)'), `the name as text: ${await message.innerText()}`);
    assert.ok(fs.existsSync(target), 'the file was saved');

    // "..\\..\\evil<RLO>gol.txt" obeyed would read "..\\..\\eviltxt.log": the case tab shows the override instead.
    await editorTabs(page, `Case ${HOSTILE_CASE}`).first().click();
    const spoof = visibleWebviewFrame(page).locator('button.attachment-name', { hasText: 'gol.txt' });
    const shown = await spoof.innerText();
    assert.ok(shown.includes('..\\..\\evil[U+202E]gol.txt'), `the name in its real order, the override shown: ${JSON.stringify(shown)}`);
    await screenshot(page, 'download-04-hostile-names');
  });
});
