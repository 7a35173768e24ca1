import * as assert from 'assert';
import * as path from 'path';
import * as vscode from 'vscode';
import { activated, extension, fakeRemote } from './support';

describe('activation and contributions', () => {
  it('activates without any network request and without loading the network bundle', async () => {
    const remote = fakeRemote();
    const before = (await remote.stats()).total;
    const api = await activated();
    assert.strictEqual(api.network.isLoaded, false, 'the network bundle (axios) was loaded during activation');
    assert.strictEqual((await remote.stats()).total, before, 'activation sent requests to the API');
    assert.strictEqual(api.model.state.kind, 'signedOut');
  });

  it('does not load the Close Case and download code (dist/caseActions.js) at activation', async () => {
    await activated();
    const bundles = (): string[] => Object.keys(require.cache).filter((k) => /[\\/]dist[\\/][A-Za-z]+\.js$/.test(k)).map((k) => path.basename(k));
    // The extension's own bundle is in the module cache: the check sees what the extension host loaded.
    assert.ok(bundles().includes('extension.js'), `bundles loaded: ${bundles().join(', ')}`);
    assert.ok(!bundles().includes('caseActions.js'), 'activation loaded the Close Case and download bundle');
  });

  it('registers every contributed command', async () => {
    await activated();
    const registered = new Set(await vscode.commands.getCommands(true));
    const contributed = (extension().packageJSON.contributes.commands as { command: string }[]).map((c) => c.command);
    for (const id of ['axwaySupport.signIn', 'axwaySupport.signOut', 'axwaySupport.refresh', 'axwaySupport.openCase']) {
      assert.ok(contributed.includes(id), `${id} is not contributed`);
    }
    for (const id of contributed) {
      assert.ok(registered.has(id), `${id} is contributed but not registered`);
    }
  });

  it('contributes the view container, the view, the refresh button and application-scoped settings', () => {
    const pkg = extension().packageJSON;
    assert.strictEqual(pkg.name, 'axway-support-cases');
    assert.strictEqual(pkg.displayName, 'Axway Support Cases');
    const container = pkg.contributes.viewsContainers.activitybar.find((c: { id: string }) => c.id === 'axwaySupport');
    assert.strictEqual(container.title, 'Axway Support');
    assert.match(container.icon, /^media\/.+\.svg$/);
    const view = pkg.contributes.views.axwaySupport.find((v: { id: string }) => v.id === 'axwaySupport.cases');
    assert.strictEqual(view.name, 'Recent Cases');
    const refresh = pkg.contributes.menus['view/title'].find((m: { command: string }) => m.command === 'axwaySupport.refresh');
    assert.match(refresh.group, /^navigation/);
    assert.match(refresh.when, /view == axwaySupport\.cases/);
    for (const key of ['tokenUrl', 'apiBaseUrl', 'portalCaseUrl']) {
      const setting = pkg.contributes.configuration.properties[`axwaySupport.${key}`];
      assert.strictEqual(setting.scope, 'application', `${key} must be application-scoped`);
      assert.ok(setting.markdownDescription || setting.description, `${key} needs a description`);
    }
    assert.ok(pkg.contributes.viewsWelcome.some((w: { contents: string }) => w.contents.includes('command:axwaySupport.signIn')));
  });

  it('VS Code reads the manifest\'s words from package.nls.json: no %key% is left, titles and the walkthrough read as written', () => {
    const pkg = extension().packageJSON as { contributes: { commands: { command: string; title: string; category: string }[]; walkthroughs: { title: string; steps: unknown[] }[] } };
    const leftOver = JSON.stringify(pkg.contributes).match(/"%[\w.]+%"/g) ?? [];
    assert.deepStrictEqual(leftOver, [], 'unresolved manifest keys');
    const addAccount = pkg.contributes.commands.find((c) => c.command === 'axwaySupport.addAccount');
    assert.deepStrictEqual([addAccount?.category, addAccount?.title], ['Axway Support', 'Add Account…']);
    assert.strictEqual(pkg.contributes.walkthroughs[0]?.title, 'Get Started with Axway Support Cases');
    assert.strictEqual(pkg.contributes.walkthroughs[0]?.steps.length, 5);
  });
});
