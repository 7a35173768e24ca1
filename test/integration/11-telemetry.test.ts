import * as assert from 'assert';
import { openCasePanel } from './reliability';
import { activated, fakeRemote, signInWithFake, signOut, waitForState } from './support';

describe('telemetry', () => {
  it('records sign-in, refresh and open-case events with outcomes and figures only, and loads no reporter without a connection string', async () => {
    const api = await activated();
    await fakeRemote().reset();
    const start = api.telemetry.recent.length;
    await signInWithFake(api);
    api.tree.getChildren();
    await waitForState(api, (s) => s.kind === 'loaded');
    const [first] = await fakeRemote().listAll();
    const panel = await openCasePanel(api, first.caseNumber);
    assert.strictEqual(panel.state.kind, 'loaded');
    const events = api.telemetry.recent.slice(start);
    const byName = (name: string) => events.filter((e) => e.name === name);
    assert.deepStrictEqual(byName('signIn').map((e) => e.properties), [{ result: 'success' }]);
    const refresh = byName('cases.refresh')[0];
    assert.strictEqual(refresh.properties.result, 'success');
    assert.strictEqual(refresh.measurements.caseCount, 20);
    assert.ok(typeof refresh.measurements.durationMs === 'number');
    const open = byName('case.open')[0];
    assert.strictEqual(open.properties.result, 'success');
    assert.ok(!JSON.stringify(events).includes(first.caseNumber), 'a case number reached telemetry');
    // The default build has no connection string: the @vscode/extension-telemetry bundle is never loaded.
    assert.ok(!Object.keys(require.cache).some((file) => file.replace(/\\/g, '/').endsWith('/dist/telemetry.js')));
    panel.dispose();
    await signOut(api);
  });
});
