// Issue 19, "Languages": code-server started with display language `fr` (`--locale fr` plus the language-pack entry
// VS Code needs to honour it offline, scripts/lib/codeServer.mjs) shows the extension in French: the sign-in
// prompts, the tree, the case tab and the New Case form use the texts of l10n/bundle.l10n.fr.json. Every expected
// text is read from that bundle, so the test proves the bundle is loaded and used, not a copy of it. Commands are
// run by their English names: VS Code's palette also matches a command's English name in another display language.
// `UI_UPDATE_DOCS_IMAGES=1 npm run test:ui -- --grep French` refreshes the README's picture (docs/images/french.png).
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import type { Page } from 'playwright-core';
import { FakeApiRemote } from '../fake-api/client';
import {
  answerInputBox, clearNotifications, COMMAND_CATEGORY, editorTabs, notifications, openViewContainer, publish, REPO_ROOT, runCommand, screenshot,
  treeRows, useWorkbench, visibleWebviewFrame, waitUntil
} from './harness';

const english = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'l10n', 'bundle.l10n.json'), 'utf8')) as Record<string, unknown>;
const french = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'l10n', 'bundle.l10n.fr.json'), 'utf8')) as Record<string, string>;

/** The French text of an English key, failing the test when either bundle lacks it (the test would prove nothing). */
function fr(key: string): string {
  assert.ok(key in english, `"${key}" is a string of the extension`);
  const text = french[key];
  assert.ok(typeof text === 'string' && text !== key, `"${key}" has a French translation`);
  return text;
}

/** Playwright compares text with its white space normalised; the French texts hold non-breaking spaces. */
function loose(text: string): RegExp {
  return new RegExp(text.split(/\s+/).map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('\\s+'));
}

async function signInInFrench(page: Page, clientId: string, clientSecret: string): Promise<void> {
  await runCommand(page, `${COMMAND_CATEGORY}: Sign in with service account`);
  const kind = page.locator('.quick-input-widget', { hasText: loose(fr('Axway Support: Sign in with service account')) });
  const secretRow = kind.locator('.quick-input-list .monaco-list-row', { hasText: fr('Client secret') });
  await secretRow.first().waitFor({ state: 'visible' });
  await secretRow.first().click();
  await answerInputBox(page, loose(fr('Axway Support: Sign in with a client secret (1/2)')), clientId);
  await answerInputBox(page, loose(fr('Axway Support: Sign in with a client secret (2/2)')), clientSecret);
}

describe('UI: French display language', function () {
  const workbench = useWorkbench({ locale: 'fr' });
  let api: FakeApiRemote;

  before(() => {
    api = new FakeApiRemote(workbench().fakeApi.origin);
  });

  it('signs in, and shows the tree, a case tab and the New Case form in French', async () => {
    const { page } = workbench();
    await openViewContainer(page);
    const { clientId, clientSecret } = await api.info();
    await signInInFrench(page, clientId, clientSecret);
    await notifications(page, loose(fr('Axway Support: Signed in. Loading your recent cases.'))).first().waitFor({ state: 'visible', timeout: 30_000 });

    // The tree: the fake has more cases than one page, so its last row is "Load more…" in French.
    await treeRows(page, fr('Load more…')).first().waitFor({ state: 'visible', timeout: 30_000 });
    assert.strictEqual(await treeRows(page, 'Load more…').count(), 0, 'no English "Load more…" row');
    const cases = await api.listAll();
    const first = cases[0];
    assert.ok(first, 'the fake has cases');
    await clearNotifications(page);

    // A case tab: opened from its row, its texts in French (the subject is the case's own, as the API sent it).
    await treeRows(page, first.caseNumber).first().click();
    const tab = visibleWebviewFrame(page);
    await tab.locator('h1', { hasText: first.subject }).waitFor({ state: 'visible', timeout: 30_000 });
    await tab.getByRole('button', { name: fr('Open in Support Portal') }).waitFor({ state: 'visible' });
    assert.strictEqual(await tab.getByRole('button', { name: 'Open in Support Portal', exact: true }).count(), 0, 'no English portal button');
    await tab.getByRole('button', { name: fr('Add Note') }).first().waitFor({ state: 'visible' });

    // The New Case form: its tab title and its field labels in French.
    await runCommand(page, `${COMMAND_CATEGORY}: New Case`);
    await editorTabs(page, fr('New Support Case')).first().waitFor({ state: 'visible', timeout: 30_000 });
    const form = visibleWebviewFrame(page);
    await form.locator('#f-sac').waitFor({ state: 'visible', timeout: 30_000 });
    for (const label of ['Subject', 'Contact E-mail', 'Create Case']) {
      await form.locator('label, button', { hasText: fr(label) }).first().waitFor({ state: 'visible' });
    }
    await waitUntil(async () => ((await form.locator('#f-sac option').count()) > 1 ? true : undefined), async () => 'the accounts were not loaded', 30_000);
    publish(await screenshot(page, 'french'), 'french.png');
  });
});
