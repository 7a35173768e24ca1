// Issue 7, sections 1–4 in the real extension host: refused credentials however the server words it (quarantined
// since issue 16), signing in
// again recovers what is shown, an account switch leaves nothing behind, a failing OS keyring is explained and
// nothing escapes, and no old or failed secret stays reachable after sign-out.
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { FailableSecretStorage } from '../../src/testing/failableSecretStorage';
import type { AxwaySupportTestApi } from '../../src/extension';
import type { TokenRejection } from '../fake-api/types';
import { walk } from '../support/exportWalker';
import { activated, eventually, eventWhere, fakeEnv, fakeRemote, signInWithFake, waitForState } from './support';
import { openCasePanel, SECRET_KEY, watchHostErrors } from './reliability';
import type { CasePanel } from '../../src/views/caseTab/casePanel';
import type { PanelContent } from '../../src/views/caseTab/renderCase';

/** Resolves when the panel shows a state that satisfies the predicate (event-driven, with a hang guard). */
function panelState(panel: CasePanel, predicate: (content: PanelContent) => boolean, what: string): Promise<PanelContent> {
  return eventWhere(panel.onDidRender, predicate, { current: panel.state, timeoutMs: 30_000, failure: () => `case tab never showed ${what}; it shows ${panel.state.kind}` });
}

/** Lets Node report an unhandled rejection of what just ran: its check runs after the microtask queue drains. */
async function macrotaskTurns(n = 3): Promise<void> {
  for (let i = 0; i < n; i++) {
    await new Promise((resolve) => setImmediate(resolve));
  }
}

describe('trust: credentials, recovery, isolation', function () {
  let api: AxwaySupportTestApi;
  const remote = fakeRemote();
  const env = fakeEnv();

  before(async () => {
    api = await activated();
  });

  beforeEach(async () => {
    await remote.reset();
    (api.storage.secrets as FailableSecretStorage).failing = false;
    if (api.model.state.kind === 'signedOut') {
      await signInWithFake(api);
    }
  });

  after(async () => {
    (api.storage.secrets as FailableSecretStorage).failing = false;
    await remote.reset();
    if (api.model.state.kind === 'signedOut') {
      await signInWithFake(api);
    }
  });

  async function loaded(): Promise<void> {
    await vscode.commands.executeCommand('axwaySupport.refresh');
    await waitForState(api, (s) => s.kind === 'loaded' && s.busy === undefined && s.refreshError === undefined);
  }

  describe('a refused pair is quarantined once, with one message, and never sent again', () => {
    const styles: { readonly rejectAs: TokenRejection; readonly what: string }[] = [
      { rejectAs: 'invalid_client', what: 'OAuth invalid_client' },
      { rejectAs: 'unauthorized_client', what: 'Keycloak unauthorized_client "Invalid client secret"' },
      { rejectAs: 'json401', what: 'a JSON 401 without an OAuth code' }
    ];
    for (const { rejectAs, what } of styles) {
      it(`${what}: concurrent refreshes and case loads give one quarantine, one message, one token request`, async () => {
        await loaded();
        const stored = await api.storage.secrets.get(SECRET_KEY);
        const changes: boolean[] = [];
        const sub = api.credentials.onDidChange((c) => changes.push(c.accounts[0]?.refused === true));
        const messagesBefore = api.messages.mark();
        try {
          await remote.setCredentials({ clientSecret: `rotated-${rejectAs}-secret`, rejectAs });
          await remote.revokeTokens();
          await remote.clearRequests();
          const client = await api.network.api();
          const caseNumber = (await remote.listAll())[0].caseNumber;
          // A refresh and five case loads at once: each meets the revoked token and needs a new one.
          await Promise.allSettled([
            vscode.commands.executeCommand('axwaySupport.refresh'),
            ...Array.from({ length: 5 }, () => client.getCase(caseNumber))
          ]);
          await eventually(() => (api.accounts.entries[0]?.refused === true ? true : undefined), 'the refused pair to be quarantined');
          const kept = JSON.parse((await api.storage.secrets.get(SECRET_KEY)) ?? '{}') as Record<string, unknown>;
          assert.deepStrictEqual(kept, { ...(JSON.parse(stored ?? '{}') as Record<string, unknown>), refused: true }, 'the pair is kept, marked refused');
          // Anything still asking now must not reach the token endpoint with the dead pair.
          await Promise.allSettled([client.getCase(caseNumber), vscode.commands.executeCommand('axwaySupport.refresh')]);
          await macrotaskTurns();
          const tokenRequests = await remote.requests('token');
          assert.strictEqual(tokenRequests.length, 1, `token requests: ${tokenRequests.length}`);
          assert.deepStrictEqual(changes, [true], 'one quarantine');
          const refusals = api.messages.since(messagesBefore).filter((m) => m.text.includes('not sent again'));
          assert.strictEqual(refusals.length, 1, JSON.stringify(api.messages.since(messagesBefore)));
          assert.strictEqual(refusals[0].severity, 'error');
          assert.deepStrictEqual(
            api.tree.getChildren().map((n) => [n.kind, n.label]),
            [['refused', 'Refused by the sign-in service: sign in again']],
            'the refused row where the cases were'
          );
        } finally {
          sub.dispose();
          await remote.reset();
        }
        await vscode.commands.executeCommand('axwaySupport.signOut', api.accounts.entries[0]?.id);
        await signInWithFake(api);
      });
    }

    it('a pair refused at sign-in (Keycloak wording) is not stored and does not sign out the stored one', async () => {
      await loaded();
      await remote.setCredentials({ rejectAs: 'unauthorized_client' });
      const result = await api.signIn.attempt({ clientId: env.clientId, clientSecret: 'typo-in-the-secret' });
      assert.strictEqual(result.ok, false);
      assert.ok(api.credentials.isSignedIn, 'the stored pair is untouched');
      assert.notStrictEqual(api.model.state.kind, 'signedOut');
    });
  });

  describe('signing in again recovers everything', () => {
    it('the same pair again reloads a tree that shows an error, without a manual refresh', async () => {
      await loaded();
      await remote.addFault({ target: 'listCases', kind: 'respond', status: 503, times: 1 });
      await vscode.commands.executeCommand('axwaySupport.refresh');
      await waitForState(api, (s) => s.kind === 'loaded' && s.refreshError !== undefined);
      await remote.clearRequests();
      const result = await api.signIn.attempt({ clientId: env.clientId, clientSecret: env.clientSecret });
      assert.ok(result.ok);
      // The view is visible in no window here, so the tree provider is what asks; ask it as the view would.
      api.tree.getChildren();
      const state = await waitForState(api, (s) => s.kind === 'loaded' && s.busy === undefined && s.refreshError === undefined);
      assert.ok(state.kind === 'loaded' && state.cases.length > 0);
      assert.ok((await remote.requests('listCases')).length >= 1, 'the list was requested again');
    });

    it('the same pair again reloads a case tab that shows an error', async () => {
      await loaded();
      const caseNumber = (await remote.listAll())[1].caseNumber;
      await remote.addFault({ target: 'getCase', kind: 'respond', status: 503, times: 1, caseNumber });
      const panel = await openCasePanel(api, caseNumber);
      assert.strictEqual(panel.state.kind, 'error');
      const result = await api.signIn.attempt({ clientId: env.clientId, clientSecret: env.clientSecret });
      assert.ok(result.ok);
      const content = await panelState(panel, (c) => c.kind === 'loaded' && c.refreshing !== true, 'the case');
      assert.strictEqual(content.kind, 'loaded');
      panel.dispose();
    });

    it('a refused pair keeps the tab on its sign-in page without case data; signing in brings the case back', async () => {
      await loaded();
      const caseNumber = (await remote.listAll())[2].caseNumber;
      const panel = await openCasePanel(api, caseNumber);
      assert.strictEqual(panel.state.kind, 'loaded');
      await remote.setCredentials({ clientSecret: 'rotated-while-a-tab-is-open', rejectAs: 'unauthorized_client' });
      await remote.revokeTokens();
      await vscode.commands.executeCommand('axwaySupport.refresh');
      await eventually(() => (api.accounts.entries[0]?.refused === true ? true : undefined), 'the refused pair to be quarantined');
      const waiting = await panelState(panel, (c) => c.kind === 'error' && c.error.kind === 'notSignedIn', 'its sign-in page');
      assert.strictEqual(waiting.kind, 'error');
      assert.ok(!panel.panel.title.includes(':'), `no subject in the title: ${panel.panel.title}`);
      assert.ok(api.panels.get(panel.ref), 'the tab stays open');
      await remote.reset();
      await signInWithFake(api);
      await panelState(panel, (c) => c.kind === 'loaded' && c.refreshing !== true, 'the case again');
      panel.dispose();
    });

    it('another account (stored by another window) resets the model to that account and closes the old tabs', async () => {
      await loaded();
      const panel = await openCasePanel(api, (await remote.listAll())[0].caseNumber);
      const closed = new Promise<void>((resolve) => panel.onDidDispose(() => resolve()));
      const before = api.model.account;
      assert.ok(before);
      const other = { clientId: 'another-service-account', clientSecret: 'another-secret-value-123' };
      await remote.setCredentials(other);
      // What another window's sign-in looks like here: the shared SecretStorage entry changes.
      await api.storage.secrets.store(SECRET_KEY, JSON.stringify(other));
      await eventually(() => (api.model.account !== before ? true : undefined), 'the model to follow the other account');
      assert.notStrictEqual(api.model.account, before);
      await closed;
      assert.deepStrictEqual(api.panels.openRefs, []);
      await remote.reset();
      await signInWithFake(api);
      // Signing in again adds the first pair back beside the other window's account, under the same id.
      assert.strictEqual(api.accounts.modelOf(before)?.account, before, 'account ids are stable per client ID');
      await vscode.commands.executeCommand('axwaySupport.signOut', api.model.account);
      assert.strictEqual(api.model.account, before);
    });
  });

  describe('an unavailable OS keyring', () => {
    it('is explained with a next step, and nothing escapes into the extension host', async () => {
      await loaded();
      const host = watchHostErrors();
      const messagesBefore = api.messages.mark();
      const storage = api.storage.secrets as FailableSecretStorage;
      try {
        storage.failing = true;
        await vscode.commands.executeCommand('axwaySupport.signOut');
        const signIn = await api.signIn.attempt({ clientId: env.clientId, clientSecret: env.clientSecret });
        // Another window writing while the keyring fails: the change listener must not reject either.
        storage.failing = false;
        await api.storage.secrets.store('axwaySupport.unrelated', 'x');
        storage.failing = true;
        await macrotaskTurns();
        assert.strictEqual(signIn.ok, false);
        assert.match(String((signIn as { error: unknown }).error), /secret storage.*keyring may be locked or unavailable/s);
        const shown = api.messages.since(messagesBefore).map((m) => m.text);
        assert.ok(
          shown.some((text) => /^Axway Support: Signing out failed\. VS Code could not remove the service account from its secret storage .*unlock it/.test(text)),
          shown.join('\n')
        );
        assert.deepStrictEqual(host.errors, []);
        assert.ok(api.credentials.isSignedIn, 'nothing was removed while the keyring failed');
      } finally {
        storage.failing = false;
        host.dispose();
        await api.storage.secrets.delete('axwaySupport.unrelated');
      }
    });
  });

  describe('memory', () => {
    it('after sign-out, neither the old secret, a failed secret nor a token is reachable from the extension', async () => {
      await loaded();
      const failedSecret = 'failed-candidate-secret-7781';
      await remote.setCredentials({ rejectAs: 'unauthorized_client' });
      const failed = await api.signIn.attempt({ clientId: env.clientId, clientSecret: failedSecret });
      assert.strictEqual(failed.ok, false);
      await vscode.commands.executeCommand('axwaySupport.signOut');
      await waitForState(api, (s) => s.kind === 'signedOut');
      const tokens = await remote.bearerTokens();
      assert.ok(tokens.size > 0, 'the test saw the tokens it looks for');
      const needles = [env.clientSecret, failedSecret, ...tokens];
      // Data only (no getters or calls): what the extension's objects still hold.
      const report = await walk(api, { needles, invoke: false, maxNodes: 200_000 });
      assert.ok(report.visited > 100, `walked ${report.visited} values`);
      assert.deepStrictEqual(report.hits.map((h) => `${h.needle === 0 ? 'secret' : h.needle === 1 ? 'failed secret' : 'token'} at ${h.path}`), []);
      // The walk can find what it looks for: sign in again and the stored secret is reachable (its place in memory).
      await remote.reset();
      await signInWithFake(api);
      const planted = await walk(api, { needles: [env.clientSecret], invoke: false, maxNodes: 200_000 });
      assert.ok(planted.hits.length > 0, 'the walk finds the secret while signed in');
    });
  });
});
