// UI journey (issue 8): add a note with an attachment from the case tab in a real browser. Type the subject and
// description, Attach Files… through code-server's simple file dialog, Add Note, give the contact e-mail once, and
// see the note (with its file as a Download button) in the tab. Also: the draft (text and chosen file) survives
// Developer: Reload Window and is gone once the note was added; Attach to Support Case… from the Explorer's context
// menu, and from an editor tab's context menu, opens the case's note form with the file attached and a suggested
// subject; Set Contact E-mail validates and
// remembers the address that the next note names.
// `UI_UPDATE_DOCS_IMAGES=1` also refreshes the README's picture of the note form (docs/images/note-form.png).
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import type { FrameLocator, Page } from 'playwright-core';
import { FakeApiRemote } from '../fake-api/client';
import {
  REPO_ROOT, WALKTHROUGH_PICTURE_SCALE, answerInputBox, regionAround, resizeSideBar, screenshotRegion, chooseContextMenuItem, chooseInFileDialog, clearNotifications, editorTabs, notifications, openViewContainer, reloadWindow, runCommand, screenshot,
  signInUnlessSignedIn, treeRows, useWorkbench, visibleWebviewFrame, waitUntil, publishWalkthrough
} from './harness';

const CASE_NUMBER = '01388888';
const FILE_NAME = 'gateway-trace.log';
const DOCS_IMAGES = path.join(REPO_ROOT, 'docs', 'images');
const DRAFT_CASE = '01388889';
const DRAFT_FILE = 'draft-evidence.log';
const EXPLORER_CASE = '01388890';
const EXPLORER_FILE = 'explorer-capture.har';
const CONTACT_CASE = '01388891';
const EDITOR_CASE = '01388892';
const EDITOR_FILE = 'editor-settings.yaml';
const NEW_CONTACT = 'support.lead@example.com';

/**
 * Presses Add Note and answers the contact e-mail prompt if this account has none yet (the first note of a suite
 * run asks; later ones do not), until the tab says the note was added.
 */
async function addNoteAndConfirm(page: Page, view: FrameLocator): Promise<void> {
  await view.getByRole('button', { name: 'Add Note', exact: true }).click();
  const prompt = page.locator('.quick-input-widget').filter({ hasText: /writes to about your notes/ });
  const added = view.locator('#note-status', { hasText: 'Note added.' });
  await waitUntil(async () => {
    if (await prompt.isVisible()) {
      await page.keyboard.press('Enter');
      return false;
    }
    return added.isVisible();
  }, async () => `the note to be added; the status says "${await view.locator('#note-status').textContent()}"`, 30_000);
}

/**
 * Answers the "Attach to Support Case…" box with the case number, then waits for the case's tab to show the case, the
 * file in its note form and the suggested subject. Returns the tab's page.
 */
async function attachedInCaseTab(page: Page, caseNumber: string, caseSubject: string, file: string): Promise<FrameLocator> {
  await page.locator('.quick-input-widget').filter({ hasText: 'Attach to Support Case…' }).waitFor({ state: 'visible', timeout: 15_000 });
  await page.locator('.quick-input-widget input.input').fill(caseNumber);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: caseNumber }).first().waitFor({ state: 'visible' });
  await page.keyboard.press('Enter');

  await editorTabs(page, `Case ${caseNumber}`).first().waitFor({ state: 'visible', timeout: 30_000 });
  const view = visibleWebviewFrame(page);
  await view.locator('h1.subject', { hasText: caseSubject }).waitFor({ state: 'visible', timeout: 30_000 });
  await view.locator('#note-files .file-name', { hasText: file }).waitFor({ state: 'visible', timeout: 30_000 });
  const subject = view.getByRole('textbox', { name: 'Subject', exact: true });
  await waitUntil(async () => ((await subject.inputValue()) === `Attached ${file}` ? true : undefined), async () => `the suggested subject; it shows "${await subject.inputValue()}"`, 10_000);
  return view;
}

describe('UI: add a note with an attachment from the case tab', function () {
  this.timeout(180_000);
  const workbench = useWorkbench({ deviceScaleFactor: WALKTHROUGH_PICTURE_SCALE });
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
    await runCommand(page, 'Axway Support: Open Case…');
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
    await chooseInFileDialog(page, file);
    const listed = view.locator('#note-files .file-name', { hasText: FILE_NAME });
    await listed.waitFor({ state: 'visible', timeout: 30_000 });
    assert.ok(await view.getByRole('button', { name: `Remove ${FILE_NAME}` }).isVisible(), 'each file has a remove button');
    assert.match((await view.locator('#note-files .file-size').first().textContent()) ?? '', /KB$/);

    // The picture shows the form, not the sign-in toast.
    await clearNotifications(page);
    await view.locator('#note-form').scrollIntoViewIfNeeded();
    const shot = await screenshot(page, 'note-form');
    // The walkthrough's picture: the notes and the note form, in a tab narrowed by a wide side bar to about the width
    // of the walkthrough's picture column, so the text stays readable there.
    const sideBarWidth = (await page.locator('.part.sidebar').boundingBox())?.width;
    await resizeSideBar(page, 760);
    await view.locator('#note-form').scrollIntoViewIfNeeded();
    await publishWalkthrough(await screenshotRegion(page, 'note-form-walkthrough', await regionAround(page, [view.locator('ol.notes'), view.locator('#note-form')])), 'answer.png');
    if (sideBarWidth !== undefined) {
      await resizeSideBar(page, Math.round(sideBarWidth));
    }
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
  it('keeps the draft (text and chosen file) across Developer: Reload Window, and drops it once the note was added', async () => {
    const { page } = workbench();
    const dir = workbench().server.workspaceDir;
    assert.ok(dir, 'the server has a workspace folder');
    const draftFile = path.join(dir, DRAFT_FILE);
    fs.writeFileSync(draftFile, 'ERROR connection reset by peer\n'.repeat(100));
    await api.upsertCase({ caseNumber: DRAFT_CASE, subject: 'Draft across a reload', status: 'In Support', contact: { name: 'Dana Customer', email: 'dana@example.com' } });
    await signInUnlessSignedIn(page, api);
    await treeRows(page).first().waitFor({ state: 'visible', timeout: 30_000 });
    await runCommand(page, 'Axway Support: Open Case…');
    await answerInputBox(page, 'Case number', DRAFT_CASE);
    const view = visibleWebviewFrame(page);
    await view.locator('h1.subject', { hasText: 'Draft across a reload' }).waitFor({ state: 'visible', timeout: 30_000 });

    await view.getByRole('textbox', { name: 'Subject', exact: true }).click();
    await page.keyboard.type('Evidence typed before a reload');
    await view.getByRole('textbox', { name: 'Description', exact: true }).click();
    await page.keyboard.type('Every word of this\nmust come back.');
    await view.getByRole('button', { name: 'Attach Files…' }).click();
    await chooseInFileDialog(page, draftFile);
    await view.locator('#note-files .file-name', { hasText: DRAFT_FILE }).waitFor({ state: 'visible', timeout: 30_000 });

    await reloadWindow(page);
    await editorTabs(page, `Case ${DRAFT_CASE}`).first().waitFor({ state: 'visible', timeout: 60_000 });
    // The tab is restored once the extension knows who is signed in (as in journey.test.ts).
    await treeRows(page).first().waitFor({ state: 'visible', timeout: 60_000 });
    const restored = visibleWebviewFrame(page);
    const subject = restored.getByRole('textbox', { name: 'Subject', exact: true });
    const description = restored.getByRole('textbox', { name: 'Description', exact: true });
    await restored.locator('#note-files .file-name', { hasText: DRAFT_FILE }).waitFor({ state: 'visible', timeout: 60_000 });
    assert.strictEqual(await subject.inputValue(), 'Evidence typed before a reload');
    assert.strictEqual(await description.inputValue(), 'Every word of this\nmust come back.');
    assert.strictEqual(await restored.locator('#note-subject-count').textContent(), '30 / 100', 'the counter follows the restored text');
    assert.ok(await restored.getByRole('button', { name: `Remove ${DRAFT_FILE}` }).isVisible(), 'the restored file can be removed');
    await screenshot(page, 'note-draft-restored');

    await addNoteAndConfirm(page, restored);
    await restored.locator('.note-subject', { hasText: 'Evidence typed before a reload' }).waitFor({ state: 'visible', timeout: 30_000 });
    assert.strictEqual(await subject.inputValue(), '', 'the form is empty once the API confirmed');
    assert.strictEqual(await restored.locator('#note-files .file-name').count(), 0);
    const stored = await waitUntil(
      async () => (await api.getCase(DRAFT_CASE))?.notes?.find((n) => n.subject === 'Evidence typed before a reload'),
      () => 'the fake to store the note'
    );
    assert.strictEqual(stored.description, 'Every word of this\nmust come back.');
    assert.deepStrictEqual(stored.noteAttachments?.map((a) => a.name), [DRAFT_FILE]);

    // The draft is gone for good: another reload brings back the tab with an empty form and no file.
    await reloadWindow(page);
    await editorTabs(page, `Case ${DRAFT_CASE}`).first().waitFor({ state: 'visible', timeout: 60_000 });
    await treeRows(page).first().waitFor({ state: 'visible', timeout: 60_000 });
    const again = visibleWebviewFrame(page);
    await again.locator('.note-subject', { hasText: 'Evidence typed before a reload' }).waitFor({ state: 'visible', timeout: 60_000 });
    assert.strictEqual(await again.getByRole('textbox', { name: 'Subject', exact: true }).inputValue(), '');
    assert.strictEqual(await again.getByRole('textbox', { name: 'Description', exact: true }).inputValue(), '');
    assert.strictEqual(await again.locator('#note-files .file-name').count(), 0);
  });

  it('Attach to Support Case… on a file in the Explorer: pick the case, its tab opens with the file attached and a suggested subject', async () => {
    const { page } = workbench();
    const dir = workbench().server.workspaceDir;
    assert.ok(dir, 'the server has a workspace folder');
    fs.writeFileSync(path.join(dir, EXPLORER_FILE), '{"log":{"entries":[]}}\n');
    await api.upsertCase({ caseNumber: EXPLORER_CASE, subject: 'Portal calls time out', status: 'In Support', contact: { name: 'Dana Customer', email: 'dana@example.com' } });
    await signInUnlessSignedIn(page, api);
    await treeRows(page).first().waitFor({ state: 'visible', timeout: 30_000 });

    await openViewContainer(page, 'Explorer');
    const fileRow = page.locator('.part.sidebar .explorer-folders-view .monaco-list-row').filter({ hasText: EXPLORER_FILE });
    await fileRow.waitFor({ state: 'visible', timeout: 30_000 });
    await fileRow.click({ button: 'right' });
    await chooseContextMenuItem(page, 'Attach to Support Case…');

    // The case picker: recent cases, or a typed number.
    const view = await attachedInCaseTab(page, EXPLORER_CASE, 'Portal calls time out', EXPLORER_FILE);
    await screenshot(page, 'note-attached-from-explorer');

    // The person adds a description and sends the note with the file.
    await view.getByRole('textbox', { name: 'Description', exact: true }).click();
    await page.keyboard.type('The HAR file of a failing call.');
    await addNoteAndConfirm(page, view);
    const stored = await waitUntil(
      async () => (await api.getCase(EXPLORER_CASE))?.notes?.find((n) => n.subject === `Attached ${EXPLORER_FILE}`),
      () => 'the fake to store the note'
    );
    assert.deepStrictEqual(stored.noteAttachments?.map((a) => a.name), [EXPLORER_FILE]);
  });
  it("Attach to Support Case… from an editor tab's context menu: the file shown goes to the picked case's note form", async () => {
    const { page } = workbench();
    const dir = workbench().server.workspaceDir;
    assert.ok(dir, 'the server has a workspace folder');
    fs.writeFileSync(path.join(dir, EDITOR_FILE), 'tls:\n  minVersion: 1.3\n');
    await api.upsertCase({ caseNumber: EDITOR_CASE, subject: 'Which TLS settings apply?', status: 'In Support' });
    await signInUnlessSignedIn(page, api);
    await treeRows(page).first().waitFor({ state: 'visible', timeout: 30_000 });

    await openViewContainer(page, 'Explorer');
    const fileRow = page.locator('.part.sidebar .explorer-folders-view .monaco-list-row').filter({ hasText: EDITOR_FILE });
    await fileRow.waitFor({ state: 'visible', timeout: 30_000 });
    await fileRow.dblclick();
    const editorTab = editorTabs(page, EDITOR_FILE).first();
    await editorTab.waitFor({ state: 'visible', timeout: 15_000 });
    await editorTab.click({ button: 'right' });
    await chooseContextMenuItem(page, 'Attach to Support Case…');

    await attachedInCaseTab(page, EDITOR_CASE, 'Which TLS settings apply?', EDITOR_FILE);
  });

  it('Set Contact E-mail: the box refuses an invalid address, remembers a valid one, and the next note names it without asking', async () => {
    const { page } = workbench();
    await api.upsertCase({ caseNumber: CONTACT_CASE, subject: 'Contact changes hands', status: 'In Support', contact: { name: 'Dana Customer', email: 'dana@example.com' } });
    await signInUnlessSignedIn(page, api);
    await treeRows(page).first().waitFor({ state: 'visible', timeout: 30_000 });
    await clearNotifications(page);

    await runCommand(page, 'Axway Support: Set Contact E-mail…');
    // Found by its title: the validation message takes the place of the prompt.
    const box = page.locator('.quick-input-widget').filter({ hasText: 'Axway Support: Contact E-mail' });
    await box.filter({ hasText: /writes to about your notes/ }).waitFor({ state: 'visible', timeout: 15_000 });
    const input = page.locator('.quick-input-widget input.input');
    await input.fill('not an address');
    await box.filter({ hasText: 'Enter an e-mail address such as name@example.com.' }).waitFor({ state: 'visible' });
    await page.keyboard.press('Enter');
    // Refused: the same box takes the corrected address (it would be gone had Enter accepted the invalid one).
    await input.fill(NEW_CONTACT);
    await box.filter({ hasNotText: 'Enter an e-mail address' }).waitFor({ state: 'visible' });
    await page.keyboard.press('Enter');
    await notifications(page, `now name ${NEW_CONTACT} as the contact`).first().waitFor({ state: 'visible', timeout: 15_000 });

    await runCommand(page, 'Axway Support: Open Case…');
    await answerInputBox(page, 'Case number', CONTACT_CASE);
    const view = visibleWebviewFrame(page);
    await view.locator('h1.subject', { hasText: 'Contact changes hands' }).waitFor({ state: 'visible', timeout: 30_000 });
    await view.getByRole('textbox', { name: 'Subject', exact: true }).click();
    await page.keyboard.type('From the new contact');
    await view.getByRole('textbox', { name: 'Description', exact: true }).click();
    await page.keyboard.type('Please write to me from now on.');
    await view.getByRole('button', { name: 'Add Note', exact: true }).click();
    const prompt = page.locator('.quick-input-widget').filter({ hasText: /writes to about your notes/ });
    await waitUntil(async () => {
      assert.strictEqual(await prompt.isVisible(), false, 'the remembered address is used without asking');
      return view.locator('#note-status', { hasText: 'Note added.' }).isVisible();
    }, async () => `the note to be added; the status says "${await view.locator('#note-status').textContent()}"`, 30_000);
    // Notes with files went as multipart; this one, without, as JSON.
    const sent = (await api.requests('addNote'))
      .filter((r) => (r.headers['content-type'] ?? '').startsWith('application/json'))
      .map((r) => JSON.parse(r.body) as { subject?: string; contact?: string })
      .find((b) => b.subject === 'From the new contact');
    assert.strictEqual(sent?.contact, NEW_CONTACT);
  });
});
