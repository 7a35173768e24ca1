import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { FakeApiRemote } from '../fake-api/client';
import { activated, eventually, fakeEnv, fakeRemote, signInWithFake, signOut, waitForState } from './support';

/**
 * The window-scoped setting that scripts/run-integration.mjs writes into the same .vscode/settings.json as the decoy
 * endpoints. Our endpoint settings are application-scoped, so VS Code shows no workspace value for them whether or
 * not it read the file; a window-scoped value from that file is what proves the file is active.
 */
const MARKER_SECTION = 'editor';
const MARKER_KEY = 'wordWrapColumn';

describe('endpoint settings a workspace cannot override', () => {
  it('ignores a folder .vscode/settings.json that points tokenUrl and apiBaseUrl at another server', async () => {
    const decoyOrigin = process.env.AXWAY_DECOY_ORIGIN;
    assert.ok(decoyOrigin, 'AXWAY_DECOY_ORIGIN is not set: the runner opens a folder whose settings point at a decoy API');
    const decoy = new FakeApiRemote(decoyOrigin);
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'no folder is open');

    // Precondition, proven: the folder's settings file points our endpoints at the decoy...
    const file = JSON.parse(fs.readFileSync(path.join(folder.uri.fsPath, '.vscode', 'settings.json'), 'utf8')) as Record<string, unknown>;
    for (const key of ['axwaySupport.tokenUrl', 'axwaySupport.apiBaseUrl']) {
      assert.ok(typeof file[key] === 'string' && file[key].startsWith(decoyOrigin), `${key} in the folder's settings: ${String(file[key])}`);
    }
    // ...and VS Code has read that very file: it reports the file's window-scoped marker as the workspace value.
    const marker = file[`${MARKER_SECTION}.${MARKER_KEY}`];
    assert.strictEqual(typeof marker, 'number', 'the runner writes a window-scoped marker next to the decoy endpoints');
    await eventually(() => vscode.workspace.getConfiguration(MARKER_SECTION).inspect<number>(MARKER_KEY)?.workspaceValue === marker, 'VS Code to read the folder settings file');
    // The decoy values are there, and VS Code does not let them count for application-scoped settings.
    const env = fakeEnv();
    const config = vscode.workspace.getConfiguration('axwaySupport');
    assert.strictEqual(config.inspect<string>('tokenUrl')?.workspaceValue, undefined, 'VS Code ignores a workspace tokenUrl');
    assert.strictEqual(config.inspect<string>('apiBaseUrl')?.workspaceValue, undefined, 'VS Code ignores a workspace apiBaseUrl');
    assert.strictEqual(config.get('tokenUrl'), env.tokenUrl);
    assert.strictEqual(config.get('apiBaseUrl'), env.apiBaseUrl);

    await decoy.clearRequests();
    const api = await activated();
    await fakeRemote().reset();
    await signInWithFake(api);
    api.tree.getChildren();
    await waitForState(api, (s) => s.kind === 'loaded');
    await vscode.commands.executeCommand('axwaySupport.refresh');

    const decoyStats = await decoy.stats();
    assert.strictEqual(decoyStats.total, 0, 'the decoy server received requests (the secret or token could have leaked)');
    const tokenRequests = await fakeRemote().requests('token');
    assert.ok(tokenRequests.some((r) => r.body.includes(`client_id=${encodeURIComponent(env.clientId)}`)));
    await signOut(api);
  });

  it('ignores a folder .vscode/settings.json that sets a 0.001-minute auto-refresh, every notification and the status-bar count', async () => {
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'no folder is open');
    const file = JSON.parse(fs.readFileSync(path.join(folder.uri.fsPath, '.vscode', 'settings.json'), 'utf8')) as Record<string, unknown>;
    const hostile: Record<string, unknown> = {
      'autoRefresh.intervalMinutes': 0.001,
      notifications: 'allChanges',
      'statusBar.enabled': true
    };
    // Precondition, proven: the folder's file asks for all of it, and VS Code has read that very file.
    for (const [key, value] of Object.entries(hostile)) {
      assert.strictEqual(file[`axwaySupport.${key}`], value, `axwaySupport.${key} in the folder's settings`);
    }
    const marker = file[`${MARKER_SECTION}.${MARKER_KEY}`];
    await eventually(() => vscode.workspace.getConfiguration(MARKER_SECTION).inspect<number>(MARKER_KEY)?.workspaceValue === marker, 'VS Code to read the folder settings file');
    const config = vscode.workspace.getConfiguration('axwaySupport');
    for (const key of Object.keys(hostile)) {
      assert.strictEqual(config.inspect(key)?.workspaceValue, undefined, `VS Code ignores a workspace axwaySupport.${key}`);
    }
    // What the runner's user settings say (auto-refresh and the count off) is what counts.
    assert.strictEqual(config.get('autoRefresh.intervalMinutes'), 0);
    assert.strictEqual(config.get('statusBar.enabled'), false);

    const api = await activated();
    const remote = fakeRemote();
    await remote.reset();
    // Follow the setting, not a test's override.
    api.follow.autoRefresh.setIntervalOverrideMs(undefined);
    await signInWithFake(api);
    api.tree.getChildren();
    await waitForState(api, (s) => s.kind === 'loaded' && s.busy === undefined);
    assert.strictEqual(api.follow.autoRefresh.delayMs, 0, 'auto-refresh is off, as the user settings say');
    assert.strictEqual(api.follow.autoRefresh.nextDueAt, undefined, 'no automatic refresh is scheduled');
    assert.strictEqual(api.follow.statusBar.snapshot.visible, false, 'no status-bar count (it would spend requests)');

    // Requests, counted on the fake: three Refresh commands cost three list requests, nothing more in between.
    await remote.clearRequests();
    const refreshes = 3;
    for (let i = 0; i < refreshes; i++) {
      await vscode.commands.executeCommand('axwaySupport.refresh');
      await waitForState(api, (s) => s.kind === 'loaded' && s.busy === undefined);
    }
    const lists = await remote.requests('listCases');
    assert.strictEqual(lists.length, refreshes, `list requests: ${lists.map((r) => r.query).join(' | ')}`);
    assert.strictEqual(api.follow.autoRefresh.autoRefreshCount, 0, 'no refresh was started by a timer');
    await signOut(api);
  });
});
