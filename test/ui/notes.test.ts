// UI journey (issue 8): add a note with an attachment from the case tab in a real browser. Type the subject and
// description, Attach Files… through code-server's simple file dialog, Add Note, give the contact e-mail once, and
// see the note (with its file as a Download button) in the tab.
// `UI_UPDATE_DOCS_IMAGES=1` also refreshes the README's picture of the note form (docs/images/note-form.png).
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import type { FrameLocator } from 'playwright-core';
import { FakeApiRemote } from '../fake-api/client';
import { REPO_ROOT, answerInputBox, clearNotifications, runCommand, screenshot, signInUnlessSignedIn, treeRows, useWorkbench, visibleWebviewFrame, waitUntil } from './harness';

const CASE_NUMBER = '01388888';
const FILE_NAME = 'gateway-trace.log';
const DOCS_IMAGES = path.join(REPO_ROOT, 'docs', 'images');

describe('UI: add a note with an attachment from the case tab', function () {
  this.timeout(180_000);
  const workbench = useWorkbench();
  let api: FakeApiRemote;
  let file: string;

  before(async () => {
    api = new FakeApiRemote(workbench().fakeApi.origin);
    await api.upsertCase({
      caseNumber: CASE_NUMBER,
      subject: 'TLS handshakes fail after the upgrade',
      status: 'In Support',
      contact: { name: 'Dana Customer', email: 'dana@example.com' },
      notes: [{ subject: 'Please send the gateway trace', description: 'Set the trace level to DEBUG and reproduce.', addedDate: '2025-03-01T10:00:00.000+0000' }]
    });
    const dir = workbench().server.workspaceDir;
    assert.ok(dir, 'the server has a workspace folder');
    file = path.join(dir, FILE_NAME);
    fs.writeFileSync(file, 'DEBUG handshake: no shared cipher\n'.repeat(200));
  });

  it('types a note, attaches a file through the file dialog, adds it and sees it in the tab', async () => {
    const { page } = workbench();
    await signInUnlessSignedIn(page, api);
    await treeRows(page).first().waitFor({ state: 'visible', timeout: 30_000 });
    await runCommand(page, 'Axway Support: Open Case');
    await answerInputBox(page, 'Case number', CASE_NUMBER);
    const view: FrameLocator = visibleWebviewFrame(page);
    await view.locator('h1.subject', { hasText: 'TLS handshakes fail' }).waitFor({ state: 'visible', timeout: 30_000 });

    const subject = view.getByRole('textbox', { name: 'Subject', exact: true });
    const description = view.getByRole('textbox', { name: 'Description', exact: true });
    await subject.click();
    await page.keyboard.type('Trace from the gateway');
    await description.click();
    await page.keyboard.type('Reproduced with DEBUG tracing.\nThe trace is attached.');
    assert.strictEqual(await view.locator('#note-subject-count').textContent(), '22 / 100', 'the live counter');

    await view.getByRole('button', { name: 'Attach Files…' }).click();
    // code-server's simple file dialog: a quick input holding a path.
    const pathInput = page.locator('.quick-input-widget input.input');
    await pathInput.waitFor({ state: 'visible', timeout: 15_000 });
    // The simple dialog fills in its starting folder after it opens and may overwrite or ignore an early answer:
    // type the path and confirm until the dialog closes.
    const widget = page.locator('.quick-input-widget');
    await waitUntil(async () => (await pathInput.inputValue()) !== '', () => 'the dialog to show its starting folder', 10_000);
    for (let attempt = 1; ; attempt++) {
      await pathInput.fill(file);
      await waitUntil(async () => (await pathInput.inputValue()) === file, async () => `the typed path; it shows ${await pathInput.inputValue()}`, 5_000);
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
    const listed = view.locator('#note-files .file-name', { hasText: FILE_NAME });
    await listed.waitFor({ state: 'visible', timeout: 30_000 });
    assert.ok(await view.getByRole('button', { name: `Remove ${FILE_NAME}` }).isVisible(), 'each file has a remove button');
    assert.match((await view.locator('#note-files .file-size').first().textContent()) ?? '', /KB$/);

    // The picture shows the form, not the sign-in toast.
    await clearNotifications(page);
    await view.locator('#note-form').scrollIntoViewIfNeeded();
    const shot = await screenshot(page, 'note-form');
    if (process.env.UI_UPDATE_DOCS_IMAGES === '1') {
      fs.mkdirSync(DOCS_IMAGES, { recursive: true });
      fs.copyFileSync(shot, path.join(DOCS_IMAGES, 'note-form.png'));
    }

    await view.getByRole('button', { name: 'Add Note', exact: true }).click();
    // The first note of this account asks for the contact e-mail, prefilled with the case's contact.
    const prompt = page.locator('.quick-input-widget').filter({ hasText: /writes to about your notes/ });
    await prompt.waitFor({ state: 'visible', timeout: 15_000 });
    assert.strictEqual(await page.locator('.quick-input-widget input.input').inputValue(), 'dana@example.com');
    await page.keyboard.press('Enter');

    await view.locator('.note-subject', { hasText: 'Trace from the gateway' }).waitFor({ state: 'visible', timeout: 30_000 });
    await view.locator('#note-status', { hasText: 'Note added.' }).waitFor({ state: 'visible', timeout: 10_000 });
    const download = view.getByRole('button', { name: `Download ${FILE_NAME}` });
    await download.waitFor({ state: 'visible' });
    assert.strictEqual(await subject.inputValue(), '', 'the form is empty again');
    assert.strictEqual(await view.locator('#note-files .file-name').count(), 0);

    const stored = await waitUntil(
      async () => (await api.getCase(CASE_NUMBER))?.notes?.find((n) => n.subject === 'Trace from the gateway'),
      () => 'the fake to store the note'
    );
    assert.deepStrictEqual(stored.noteAttachments?.map((a) => a.name), [FILE_NAME]);
    assert.strictEqual(stored.description, 'Reproduced with DEBUG tracing.\nThe trace is attached.');
    await screenshot(page, 'note-added');
  });
});
