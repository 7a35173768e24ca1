// UI proof of single flight (issue 16, point 1): with a slow Support API, a double-click on Add Note in the real case
// tab adds the note once. The fake API counts what arrived; nothing here waits on a timer.
import * as assert from 'assert';
import type { FrameLocator } from 'playwright-core';
import { FakeApiRemote } from '../fake-api/client';
import { answerInputBox, notifications, runCommand, signInUnlessSignedIn, treeRows, useWorkbench, visibleWebviewFrame, waitUntil } from './harness';

const CASE_NUMBER = '01388895';
const SUBJECT = 'Double-clicked on a slow connection';

describe('UI: a double-clicked Add Note adds one note', function () {
  this.timeout(180_000);
  const workbench = useWorkbench();
  let api: FakeApiRemote;

  before(async () => {
    api = new FakeApiRemote(workbench().fakeApi.origin);
    await api.upsertCase({ caseNumber: CASE_NUMBER, subject: 'Slow gateway answers', status: 'In Support', contact: { name: 'Dana Customer', email: 'dana@example.com' } });
  });

  it('with a slow Support API, double-clicking Add Note sends the note once', async () => {
    const { page } = workbench();
    await signInUnlessSignedIn(page, api);
    await treeRows(page).first().waitFor({ state: 'visible', timeout: 30_000 });
    // A contact e-mail up front: the double-click meets no prompt in between.
    await runCommand(page, 'Axway Support: Set Contact E-mail…');
    await answerInputBox(page, /writes to about your notes/, 'dev@example.com');
    await notifications(page, 'now name dev@example.com as the contact').first().waitFor({ state: 'visible', timeout: 15_000 });
    await runCommand(page, 'Axway Support: Open Case…');
    await answerInputBox(page, 'Case number', CASE_NUMBER);
    const view: FrameLocator = visibleWebviewFrame(page);
    await view.locator('h1.subject', { hasText: 'Slow gateway answers' }).waitFor({ state: 'visible', timeout: 30_000 });
    await view.getByRole('textbox', { name: 'Subject', exact: true }).fill(SUBJECT);
    await view.getByRole('textbox', { name: 'Description', exact: true }).fill('Both clicks reach the extension host before the first answer.');

    await api.clearRequests();
    await api.addFault({ target: 'addNote', kind: 'delay', delayMs: 1500 });
    await view.getByRole('button', { name: 'Add Note', exact: true }).dblclick();
    await view.locator('#note-status', { hasText: 'Note added.' }).waitFor({ state: 'visible', timeout: 30_000 });
    // Every request that arrived has been answered (a second one would still be in its delay, or done by now).
    await waitUntil(async () => (await api.requests('addNote')).every((r) => r.status !== 0), async () => 'the fake to answer every Add Note request');
    await api.clearFaults();
    const notes = ((await api.getCase(CASE_NUMBER))?.notes ?? []).filter((n) => n.subject === SUBJECT);
    assert.strictEqual(notes.length, 1, 'one note on the case');
    assert.strictEqual((await api.requests('addNote')).length, 1, 'one POST /note arrived');
  });
});
