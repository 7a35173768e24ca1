import * as assert from 'assert';
import * as vscode from 'vscode';
import { ApiError } from '../../src/api/errors';
import { AccountStore } from '../../src/auth/accountStore';
import { activated, fakeEnv, fakeRemote, signInWithFake, signOut, waitForState } from './support';

const SECRET_KEY = 'axwaySupport.serviceAccount';

describe('sign-in and sign-out', () => {
  afterEach(async () => {
    await fakeRemote().reset();
  });

  it('verifies a wrong secret with the token endpoint and stores nothing', async () => {
    const api = await activated();
    const remote = fakeRemote();
    await remote.clearRequests();
    const result = await api.signIn.attempt({ clientId: fakeEnv().clientId, clientSecret: 'wrong-secret-value' });
    assert.strictEqual(result.ok, false);
    const error = result.ok ? undefined : (result.error as ApiError);
    assert.strictEqual(error?.kind, 'credentialsRejected');
    assert.match(error?.message ?? '', /invalid client/i, 'the OAuth error_description should be shown');
    assert.strictEqual(await api.storage.secrets.get(SECRET_KEY), undefined);
    assert.strictEqual(api.model.state.kind, 'signedOut');
    assert.strictEqual((await remote.requests('token')).length, 1);
    assert.strictEqual((await remote.requests('listCases')).length, 0);
  });

  it('stores verified credentials in SecretStorage and only there, and sign-out removes them', async () => {
    const api = await activated();
    const env = fakeEnv();
    await signInWithFake(api);
    const stored = JSON.parse((await api.storage.secrets.get(SECRET_KEY)) ?? '{}');
    assert.deepStrictEqual(stored, { clientId: env.clientId, clientSecret: env.clientSecret });
    for (const memento of [api.storage.globalState, api.storage.workspaceState]) {
      for (const key of memento.keys()) {
        assert.ok(!JSON.stringify(memento.get(key)).includes(env.clientSecret), `secret found in state key ${key}`);
      }
    }
    // The token that verified the pair serves the first list request too: one token request for the whole sign-in.
    await fakeRemote().clearRequests();
    api.tree.getChildren();
    await waitForState(api, (s) => s.kind === 'loaded');
    assert.strictEqual((await fakeRemote().requests('token')).length, 0, 'the first list request asked for another token');
    await signOut(api);
    assert.strictEqual(await api.storage.secrets.get(SECRET_KEY), undefined);
    assert.strictEqual(api.credentials.isSignedIn, false);
  });

  it('follows a sign-in and sign-out made by another window (secrets.onDidChange)', async () => {
    const api = await activated();
    const env = fakeEnv();
    // Another window writes the same SecretStorage entry; this window only learns of it through onDidChange.
    await api.storage.secrets.store(SECRET_KEY, JSON.stringify({ clientId: env.clientId, clientSecret: env.clientSecret }));
    await waitForState(api, (s) => s.kind !== 'signedOut');
    assert.strictEqual(api.credentials.isSignedIn, true);
    await api.storage.secrets.delete(SECRET_KEY);
    await waitForState(api, (s) => s.kind === 'signedOut');
    assert.strictEqual(api.credentials.isSignedIn, false);
  });

  it('answers callers that ask before the first read finished with the stored pair (activation and a restored panel)', async () => {
    const changes = new vscode.EventEmitter<vscode.SecretStorageChangeEvent>();
    let reads = 0;
    const slowSecrets: vscode.SecretStorage = {
      get: async () => {
        reads++;
        await new Promise((resolve) => setTimeout(resolve, 20));
        return JSON.stringify({ clientId: 'id-1', clientSecret: 'secret-1' });
      },
      store: async () => undefined,
      delete: async () => undefined,
      onDidChange: changes.event
    };
    const store = new AccountStore(slowSecrets);
    const answers = await Promise.all([store.get(), store.get(), store.get()]);
    for (const answer of answers) {
      assert.deepStrictEqual(answer, { clientId: 'id-1', clientSecret: 'secret-1' });
    }
    // One read of the account index and one of the (0.1.0) entry it finds, however many callers asked.
    assert.strictEqual(reads, 2, 'concurrent first reads should share one SecretStorage read');
    store.dispose();
    changes.dispose();
  });
});
