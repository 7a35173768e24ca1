// Smoke test of the integration host itself: the packaged extension is there, activates, and VS Code
// recorded its activation times (the figures the runner prints).
import * as assert from 'assert';
import * as vscode from 'vscode';
import { EXTENSION_ID, readActivationTimes } from './index';

describe('integration host smoke', () => {
  it('finds the extension and activates it', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is not loaded`);
    await extension.activate();
    assert.strictEqual(extension.isActive, true);
  });

  it('records VS Code activation times for the extension', async () => {
    await vscode.extensions.getExtension(EXTENSION_ID)?.activate();
    const times = readActivationTimes();
    assert.ok(times, 'no code/extHost activation marks for the extension');
    assert.ok(times.codeLoadingMs >= 0 && times.activateMs >= 0, JSON.stringify(times));
    assert.ok(times.totalMs >= times.codeLoadingMs, JSON.stringify(times));
  });

  it('points the extension at the fake Support API through user settings', () => {
    const tokenUrl = process.env.AXWAY_FAKE_TOKEN_URL;
    const apiBaseUrl = process.env.AXWAY_FAKE_API_BASE_URL;
    assert.ok(tokenUrl && apiBaseUrl, 'the runner did not pass AXWAY_FAKE_* to the extension host');
    const config = vscode.workspace.getConfiguration('axwaySupport');
    assert.strictEqual(config.get('tokenUrl'), tokenUrl);
    assert.strictEqual(config.get('apiBaseUrl'), apiBaseUrl);
  });
});
