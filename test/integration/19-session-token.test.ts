// Startup without a network request: VS Code asks the `axway-support` authentication provider for sessions in every
// window it opens, and a window's first list refresh needs a token. Each account's access token is kept in
// SecretStorage with its renewal time, so a reloaded window answers both from it while it is valid and asks the token
// endpoint only when it is not. A reload is what activation builds again over the same SecretStorage: the account
// store, the lazy network and the authentication provider's session work (here from the installed extension's own
// bundles, as a new window loads them).
import * as assert from 'assert';
import * as path from 'path';
import * as vscode from 'vscode';
import { AccountStore } from '../../src/auth/accountStore';
import { createAuthProvider } from '../../src/auth/authProvider';
import { LazyNetwork } from '../../src/network/lazyNetwork';
import { TOKEN_KEY_PREFIX } from '../../src/network/tokenCache';
import type { AxwaySupportTestApi } from '../../src/extension';
import { extension, fakeRemote, signedInAndLoaded, signOut, waitForState } from './support';

interface ReloadedWindow {
  readonly network: LazyNetwork;
  getSessions(): Promise<readonly vscode.AuthenticationSession[]>;
  dispose(): void;
}

/** What a reloaded window builds at activation, over the same SecretStorage as the running one. */
function reloadedWindow(api: AxwaySupportTestApi): ReloadedWindow {
  const store = new AccountStore(api.storage.secrets);
  const network = new LazyNetwork({
    bundleDir: path.join(extension().extensionPath, 'dist'),
    logger: api.logger,
    credentials: (account) => store.credentialsOf(account),
    refused: async (account) => (await store.list()).some((a) => a.id === account && a.refused),
    firstAccount: async () => (await store.list())[0]?.id,
    onDidChangeAccounts: store.onDidChange,
    secrets: api.storage.secrets
  });
  const auth = createAuthProvider(
    { store, network, flow: { run: () => Promise.resolve('cancelled') }, signOut: () => Promise.resolve() },
    api.logger,
    store.list()
  );
  return {
    network,
    getSessions: () => auth.provider.getSessions([], {}),
    dispose: () => {
      auth.dispose();
      network.dispose();
      store.dispose();
    }
  };
}

interface StoredEntry {
  accessToken: string;
  renewAt: number;
  binding: string;
}

async function storedEntry(api: AxwaySupportTestApi, account: string): Promise<StoredEntry | undefined> {
  const raw = await api.storage.secrets.get(TOKEN_KEY_PREFIX + account);
  return raw === undefined ? undefined : (JSON.parse(raw) as StoredEntry);
}

describe('session token kept in SecretStorage: a reload sends no token request while it is valid', function () {
  this.timeout(60_000);
  const remote = fakeRemote();
  let api: AxwaySupportTestApi;
  let account: string;
  const windows: ReloadedWindow[] = [];
  const reload = (): ReloadedWindow => {
    const w = reloadedWindow(api);
    windows.push(w);
    return w;
  };

  before(async () => {
    api = await signedInAndLoaded();
    account = api.accounts.entries[0].id;
  });

  afterEach(() => {
    for (const w of windows.splice(0)) {
      w.dispose();
    }
  });

  it('keeps the token the window received in SecretStorage (per account), never in extension state', async () => {
    // A request now: earlier suites may have cleared the fake's request log since this window's token was first used.
    await (await api.network.api(account)).listCases({ limit: 1, offset: 0 });
    const entry = await storedEntry(api, account);
    assert.ok(entry, 'no token stored for the account');
    assert.ok(entry.renewAt > Date.now(), 'the stored token is already due for renewal');
    const served = await remote.bearerTokens();
    assert.ok(served.has(entry.accessToken), 'the stored token is not one the API was called with');
    const state = JSON.stringify(api.storage.globalState.keys().map((k) => api.storage.globalState.get(k)));
    assert.ok(!state.includes(entry.accessToken), 'the token reached globalState');
  });

  it('a reloaded window answers VS Code\'s session request and loads its first list without a token request', async () => {
    const entry = await storedEntry(api, account);
    await remote.clearRequests();
    const w = reload();
    const sessions = await w.getSessions();
    assert.deepStrictEqual(sessions.map((s) => s.accessToken), [entry?.accessToken]);
    assert.strictEqual(w.network.isLoaded, false, 'answering the session loaded the network bundle');
    const list = await (await w.network.api(account)).listCases({ limit: 1, offset: 0 });
    assert.ok(list.cases.length > 0);
    assert.strictEqual(await remote.count('token'), 0, 'a reload asked the token endpoint');
    assert.ok((await remote.count('listCases')) >= 1, 'the list request reached the fake');
  });

  it('with an expired stored token a reloaded window asks exactly once, and keeps the new token', async () => {
    const entry = await storedEntry(api, account);
    assert.ok(entry);
    await api.storage.secrets.store(TOKEN_KEY_PREFIX + account, JSON.stringify({ ...entry, renewAt: Date.now() - 1000 }));
    await remote.clearRequests();
    const w = reload();
    const [sessions, list] = await Promise.all([w.getSessions(), w.network.api(account).then((client) => client.listCases({ limit: 1, offset: 0 }))]);
    assert.strictEqual(sessions.length, 1);
    assert.ok(list.cases.length > 0);
    assert.strictEqual(await remote.count('token'), 1, 'an expired stored token must cost exactly one token request');
    const renewed = await storedEntry(api, account);
    assert.ok(renewed && renewed.renewAt > Date.now() && renewed.accessToken === sessions[0].accessToken, 'the new token is kept for the next window');
    await remote.clearRequests();
    await reload().getSessions();
    assert.strictEqual(await remote.count('token'), 0, 'the next reload uses the renewed token');
  });

  it('a token the API refuses (401) is still renewed once, and the renewed one is kept', async () => {
    const before = await storedEntry(api, account);
    await remote.revokeTokens();
    await remote.clearRequests();
    const w = reload();
    const list = await (await w.network.api(account)).listCases({ limit: 1, offset: 0 });
    assert.ok(list.cases.length > 0);
    assert.strictEqual(await remote.count('token'), 1, 'a 401 must renew the token once');
    const after = await storedEntry(api, account);
    assert.ok(after && after.accessToken !== before?.accessToken, 'the renewed token replaced the refused one');
  });

  it('a token for other credentials is not used', async () => {
    const entry = await storedEntry(api, account);
    assert.ok(entry);
    await api.storage.secrets.store(TOKEN_KEY_PREFIX + account, JSON.stringify({ ...entry, binding: 'another pair or realm' }));
    await remote.clearRequests();
    await reload().getSessions();
    assert.strictEqual(await remote.count('token'), 1);
  });

  it('signing out deletes the stored token', async () => {
    assert.ok(await storedEntry(api, account));
    await signOut(api);
    await waitForState(api, (s) => s.kind === 'signedOut');
    assert.strictEqual(await storedEntry(api, account), undefined, 'the token outlived the sign-out');
  });
});
