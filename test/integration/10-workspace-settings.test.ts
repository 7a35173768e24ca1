import * as assert from 'assert';
import * as vscode from 'vscode';
import { FakeApiRemote } from '../fake-api/client';
import { activated, fakeEnv, fakeRemote, signInWithFake, signOut, waitForState } from './support';

describe('endpoint settings a workspace cannot override', () => {
  it('ignores a folder .vscode/settings.json that points tokenUrl and apiBaseUrl at another server', async () => {
    const decoyOrigin = process.env.AXWAY_DECOY_ORIGIN;
    assert.ok(decoyOrigin, 'AXWAY_DECOY_ORIGIN is not set: the runner opens a folder whose settings point at a decoy API');
    const decoy = new FakeApiRemote(decoyOrigin);
    // The folder really carries the hostile values; VS Code reports them as workspace values.
    const inspected = vscode.workspace.getConfiguration('axwaySupport').inspect<string>('tokenUrl');
    assert.ok(vscode.workspace.workspaceFolders?.length, 'no folder is open');
    assert.ok(!inspected?.workspaceValue || inspected.workspaceValue.startsWith(decoyOrigin), 'unexpected workspace value');

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
    assert.ok(tokenRequests.some((r) => r.body.includes(`client_id=${encodeURIComponent(fakeEnv().clientId)}`)));
    await signOut(api);
  });
});
