// Smoke test of the UI harness: the real workbench shows the extension's "Axway Support" container.
import * as assert from 'assert';
import { CONTAINER_TITLE, activityBarItem, openViewContainer, screenshot, useWorkbench, viewBody } from './harness';

describe('UI smoke: the Axway Support activity-bar entry', () => {
  const workbench = useWorkbench();

  it('is in the activity bar', async () => {
    const { page } = workbench();
    assert.strictEqual(await activityBarItem(page).count(), 1);
  });

  it('opens the side bar with the Recent Cases view', async () => {
    const { page } = workbench();
    await openViewContainer(page);
    await viewBody(page).waitFor({ state: 'visible' });
    await screenshot(page, 'smoke-container-open');
    const title = await page.locator('.part.sidebar .composite.title').innerText();
    assert.match(title, new RegExp(CONTAINER_TITLE));
  });
});
