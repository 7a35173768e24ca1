// Issue 10: certificate service accounts end to end (sign-in through the test entry and through the prompts, cases
// loaded with a signed client assertion, the key kept in SecretStorage only), and the `axway-support`
// AuthenticationProvider behind VS Code's Accounts menu (consent, a working token that is no secret, Sign Out).
import { sessionLabel } from '../../src/auth/authProvider';
import * as assert from 'assert';
import { generateKeyPairSync } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import type { AxwaySupportTestApi } from '../../src/extension';
import { accountIdOf } from '../../src/auth/accountId';
import { DEFAULT_VIEW, viewKey } from '../../src/cases/caseGroups';
import { nodesFor } from '../../src/views/casesTreeProvider';
import { keyLeaks } from '../support/keyLeaks';
import { openCasePanel, SECRET_KEY } from './reliability';
import { activated, eventually, fakeEnv, fakeRemote, signInWithFake, signOut, waitForState } from './support';

const CLIENT_ID = 'cert-integration-account';
const PROVIDER_ID = 'axway-support';
const JWT_BEARER = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';
const PASSPHRASE = 'correct horse battery staple';

function rsaPair(): { privatePem: string; publicPem: string; encryptedPem: string } {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return {
    privatePem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    encryptedPem: privateKey.export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: PASSPHRASE }).toString()
  };
}

/** Everything the extension wrote or showed outside SecretStorage, as text to search. */
function writtenAndShown(api: AxwaySupportTestApi, pages: readonly string[]): { readonly name: string; readonly text: string }[] {
  const memento = (m: vscode.Memento): string => m.keys().map((k) => `${k}=${JSON.stringify(m.get(k))}`).join('\n');
  const config = vscode.workspace.getConfiguration('axwaySupport');
  const settings = JSON.stringify(Object.keys(config).filter((k) => typeof (config as unknown as Record<string, unknown>)[k] !== 'function').map((k) => config.inspect(k)));
  const tree = nodesFor(api.model.state).map((n) => JSON.stringify({ label: n.label, description: n.description, tooltip: n.tooltip instanceof vscode.MarkdownString ? n.tooltip.value : n.tooltip }));
  return [
    { name: 'log', text: api.logger.lines.join('\n') },
    { name: 'messages shown', text: api.messages.shown.map((m) => m.text).join('\n') },
    { name: 'telemetry', text: api.telemetry.recent.map((e) => JSON.stringify(e)).join('\n') },
    { name: 'globalState', text: memento(api.storage.globalState) },
    { name: 'workspaceState', text: memento(api.storage.workspaceState) },
    { name: 'settings (axwaySupport.*)', text: settings },
    { name: 'webview HTML', text: pages.join('\n') },
    { name: 'tree rows', text: tree.join('\n') }
  ];
}

function assertNowhere(api: AxwaySupportTestApi, pages: readonly string[], needles: { readonly what: string; readonly value: string; readonly pem?: boolean }[]): void {
  const found: string[] = [];
  for (const place of writtenAndShown(api, pages)) {
    for (const needle of needles) {
      const hits = needle.pem ? keyLeaks(place.text, needle.value) : place.text.includes(needle.value) ? [needle.value] : [];
      if (hits.length > 0) {
        found.push(`${needle.what} in ${place.name}`);
      }
    }
  }
  assert.deepStrictEqual(found, []);
}

/** The client_assertion of every token request the fake received, and whether any carried a client_secret. */
async function tokenForms(): Promise<URLSearchParams[]> {
  return (await fakeRemote().requests('token')).map((r) => new URLSearchParams(r.body));
}

/**
 * What a person does for another extension that asks for a session: the request (without `silent`) puts an access
 * request in the Accounts menu; its command shows the account picker, where the signed-in account is chosen.
 */
async function consentedSession(): Promise<vscode.AuthenticationSession> {
  assert.strictEqual(await vscode.authentication.getSession(PROVIDER_ID, []), undefined, 'no session before consent');
  const request = (await vscode.commands.getCommands(true)).find((c) => c.startsWith(PROVIDER_ID) && c.endsWith('Access'));
  assert.ok(request, 'the Accounts menu offers the access request');
  await vscode.commands.executeCommand(request);
  return eventually(async () => {
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    return vscode.authentication.getSession(PROVIDER_ID, [], { silent: true });
  }, 'the session after choosing the account');
}

describe('certificate service accounts and the Accounts menu', function () {
  this.timeout(90_000);
  const remote = fakeRemote();
  const pair = rsaPair();
  let dir: string;
  let api: AxwaySupportTestApi;

  before(async () => {
    api = await activated();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'axway-cert-'));
  });

  beforeEach(async () => {
    await remote.reset();
    await remote.addCertificateClient(CLIENT_ID, pair.publicPem);
    api.signInPrompts?.clear();
    if (api.model.state.kind !== 'signedOut') {
      await signOut(api);
    }
    await remote.clearRequests();
  });

  after(async () => {
    fs.rmSync(dir, { recursive: true, force: true });
    if (api.model.state.kind !== 'signedOut') {
      await signOut(api);
    }
    await remote.reset();
  });

  it('signs in with signIn.attempt, loads the cases with a signed assertion and keeps the key in SecretStorage only', async () => {
    const result = await api.signIn.attempt({ kind: 'certificate', clientId: CLIENT_ID, privateKey: pair.privatePem });
    assert.ok(result.ok, `sign-in failed: ${result.ok ? '' : String(result.error)}`);
    api.tree.getChildren();
    await waitForState(api, (s) => s.kind === 'loaded' && s.busy === undefined);
    const [first] = await remote.listAll();
    const panel = await openCasePanel(api, first.caseNumber);
    const pages = [panel.html];
    panel.dispose();

    const forms = await tokenForms();
    assert.ok(forms.length >= 1);
    for (const form of forms) {
      assert.strictEqual(form.get('client_id'), CLIENT_ID);
      assert.strictEqual(form.get('client_assertion_type'), JWT_BEARER);
      assert.strictEqual(form.get('client_secret'), null);
    }
    assert.ok((await remote.requests('listCases')).length >= 1, 'the cases were listed with the token');
    const stored = JSON.parse((await api.storage.secrets.get(SECRET_KEY)) ?? '{}') as Record<string, unknown>;
    assert.deepStrictEqual(stored, { kind: 'certificate', clientId: CLIENT_ID, privateKey: pair.privatePem });
    assert.deepStrictEqual(
      (await api.accountDirectory.accounts()).map((a) => ({ kind: a.kind, id: a.id })),
      [{ kind: 'certificate', id: accountIdOf(CLIENT_ID) }]
    );

    const assertions = forms.map((f) => f.get('client_assertion') ?? '');
    assertNowhere(api, pages, [
      { what: 'the private key', value: pair.privatePem, pem: true },
      ...assertions.map((a) => ({ what: 'a client assertion', value: a.split('.')[2] }))
    ]);
  });

  it('signs in through the prompts with an encrypted key file: the passphrase only decrypts it, the path is not kept', async () => {
    const prompts = api.signInPrompts;
    assert.ok(prompts, 'the test build scripts the sign-in prompts');
    const keyFile = path.join(dir, 'encrypted-service-account.pem');
    fs.writeFileSync(keyFile, pair.encryptedPem);
    prompts.answerKinds('certificate');
    prompts.answerInputs(CLIENT_ID, PASSPHRASE);
    prompts.answerFiles(vscode.Uri.file(keyFile));
    assert.strictEqual(await api.signIn.run(), 'signedIn');
    assert.deepStrictEqual(
      prompts.asked.map((a) => a.kind),
      ['kind', 'input', 'file', 'password']
    );
    await waitForState(api, (s) => s.kind !== 'signedOut');
    api.tree.getChildren();
    await waitForState(api, (s) => s.kind === 'loaded' && s.busy === undefined);

    // Stored decrypted, as PKCS#8: the same key, no passphrase needed to use it.
    const stored = JSON.parse((await api.storage.secrets.get(SECRET_KEY)) ?? '{}') as { privateKey?: string };
    assert.strictEqual(stored.privateKey, pair.privatePem);
    const entry = (await api.storage.secrets.get(SECRET_KEY)) ?? '';
    assert.ok(!entry.includes(PASSPHRASE) && !entry.includes(keyFile) && !entry.includes('ENCRYPTED'), 'only the decrypted key is stored');
    assertNowhere(api, [], [
      { what: 'the passphrase', value: PASSPHRASE },
      { what: 'the key file path', value: keyFile },
      { what: 'the key file name', value: path.basename(keyFile) },
      { what: 'the private key', value: pair.privatePem, pem: true },
      { what: 'the encrypted key', value: pair.encryptedPem, pem: true }
    ]);
  });

  it('a file that is no private key, and a wrong passphrase, each say what to do and store nothing', async () => {
    const prompts = api.signInPrompts;
    assert.ok(prompts);
    const notAKey = path.join(dir, 'public.pem');
    fs.writeFileSync(notAKey, pair.publicPem);
    const encrypted = path.join(dir, 'encrypted.pem');
    fs.writeFileSync(encrypted, pair.encryptedPem);

    const cases: { readonly file: string; readonly inputs: string[]; readonly message: RegExp; readonly result: string }[] = [
      { file: notAKey, inputs: [CLIENT_ID], message: /not a PEM private key.*Choose the PEM file of the private key/, result: 'failed' },
      { file: encrypted, inputs: [CLIENT_ID, 'not the passphrase'], message: /passphrase does not decrypt the private key/, result: 'cancelled' },
      { file: path.join(dir, 'missing.pem'), inputs: [CLIENT_ID], message: /could not be read.*choose another file/, result: 'failed' }
    ];
    for (const c of cases) {
      prompts.clear();
      prompts.answerKinds('certificate');
      prompts.answerInputs(...c.inputs);
      prompts.answerFiles(vscode.Uri.file(c.file));
      const shownBefore = api.messages.mark();
      const running = api.signIn.run();
      // The smoke-test host hides toasts: the message is read from the record, then dismissed like a person would.
      const shown = await eventually(() => api.messages.since(shownBefore).find((m) => m.severity === 'error'), `an error message for ${path.basename(c.file)}`);
      assert.match(shown.text, c.message);
      assert.match(shown.text, /Nothing was stored/);
      await vscode.commands.executeCommand('notifications.clearAll');
      assert.strictEqual(await running, c.result);
      assert.strictEqual(await api.storage.secrets.get(SECRET_KEY), undefined);
    }
    assert.strictEqual((await remote.requests('token')).length, 0, 'nothing that is no usable key is sent');
  });

  describe('the axway-support authentication provider', () => {
    it('hands another extension a session only after consent, with a working Support API token that is no secret', async () => {
      const env = fakeEnv();
      // Registered (an unknown provider would reject), and signed out: no session.
      assert.strictEqual(await vscode.authentication.getSession(PROVIDER_ID, [], { silent: true }), undefined);
      await signInWithFake(api);
      assert.strictEqual(await vscode.authentication.getSession(PROVIDER_ID, [], { silent: true }), undefined, 'no session without consent');

      const session = await consentedSession();

      assert.strictEqual(session.id, accountIdOf(env.clientId));
      assert.deepStrictEqual({ id: session.account.id, label: session.account.label }, { id: accountIdOf(env.clientId), label: sessionLabel((await api.accountDirectory.accounts())[0]) });
      assert.deepStrictEqual(session.scopes, []);
      assert.notStrictEqual(session.accessToken, env.clientSecret);
      assert.ok(!session.accessToken.includes(env.clientSecret));
      const tokens = (await remote.requests('token')).length;
      const answer = await fetch(`${env.apiBaseUrl}/case?limit=1`, { headers: { authorization: `Bearer ${session.accessToken}` } });
      assert.strictEqual(answer.status, 200, 'the Support API accepts the session token');
      // The session token is the extension's current one: asking again spends no token request.
      const again = await vscode.authentication.getSession(PROVIDER_ID, [], { silent: true });
      assert.strictEqual(again?.accessToken, session.accessToken);
      assert.strictEqual((await remote.requests('token')).length, tokens);
    });

    it('gives a certificate account a session token too, and never its private key', async () => {
      const result = await api.signIn.attempt({ kind: 'certificate', clientId: CLIENT_ID, privateKey: pair.privatePem });
      assert.ok(result.ok);
      assert.strictEqual(await vscode.authentication.getSession(PROVIDER_ID, [], { silent: true }), undefined, 'consent is per account');
      const session = await consentedSession();
      const certificateAccount = (await api.accountDirectory.accounts()).find((a) => a.clientId === CLIENT_ID);
      assert.ok(certificateAccount);
      // Named with its client ID: the secret-kind account consented to above has the same organisation names.
      assert.strictEqual(session.account.label, sessionLabel(certificateAccount));
      assert.ok(session.account.label.includes(CLIENT_ID));
      assert.ok(session, 'a session for the chosen account');
      assert.deepStrictEqual(keyLeaks(session.accessToken, pair.privatePem), []);
      const answer = await fetch(`${fakeEnv().apiBaseUrl}/case?limit=1`, { headers: { authorization: `Bearer ${session.accessToken}` } });
      assert.strictEqual(answer.status, 200);
    });

    it('createSession runs the sign-in: scripted answers store the account and hand out a session; cancelled ones reject clearly', async () => {
      const env = fakeEnv();
      const prompts = api.signInPrompts;
      assert.ok(prompts, 'the test build scripts the sign-in prompts');
      assert.strictEqual(api.model.state.kind, 'signedOut');
      // `createIfNone` asks VS Code's modal consent first, which the test host refuses to show; a request without it
      // puts VS Code's "Sign in with Axway Support to use …" request in the Accounts menu, whose command calls the
      // provider's createSession just the same (and grants the extension access once it succeeds).
      assert.strictEqual(await vscode.authentication.getSession(PROVIDER_ID, []), undefined, 'no session while signed out');
      const ours = (await vscode.commands.getCommands(true)).filter((c) => c.startsWith(PROVIDER_ID));
      const request = ours.find((c) => /signin/i.test(c));
      assert.ok(request, `the Accounts menu offers the sign-in request: ${ours.join(', ')}`);

      // Cancelled at the first question: the caller gets a rejection that says what to do, and nothing is stored.
      prompts.answerKinds(undefined);
      await assert.rejects(
        async () => vscode.commands.executeCommand(request),
        (err: Error) => /Sign-in was cancelled or did not succeed.*Sign in with service account/.test(err.message)
      );
      assert.deepStrictEqual(prompts.asked.map((a) => a.kind), ['kind'], 'the sign-in ran');
      assert.strictEqual(await api.storage.secrets.get(SECRET_KEY), undefined);
      assert.deepStrictEqual(await api.accountDirectory.accounts(), []);
      assert.strictEqual(await vscode.authentication.getSession(PROVIDER_ID, [], { silent: true }), undefined);

      prompts.clear();
      prompts.answerKinds('secret');
      prompts.answerInputs(env.clientId, env.clientSecret);
      await vscode.commands.executeCommand(request);
      assert.ok(prompts.asked.length >= 2, `the sign-in asked: ${JSON.stringify(prompts.asked)}`);
      assert.deepStrictEqual((await api.accountDirectory.accounts()).map((a) => a.clientId), [env.clientId], 'the account is stored');
      assert.ok(await api.storage.secrets.get(SECRET_KEY));
      await waitForState(api, (s) => s.kind !== 'signedOut');
      // The session createSession made is this extension's now, without a further consent.
      const session = await vscode.authentication.getSession(PROVIDER_ID, [], { silent: true });
      assert.ok(session, 'the created session');
      assert.strictEqual(session.account.id, accountIdOf(env.clientId));
      assert.ok(!session.accessToken.includes(env.clientSecret));
      const answer = await fetch(`${env.apiBaseUrl}/case?limit=1`, { headers: { authorization: `Bearer ${session.accessToken}` } });
      assert.strictEqual(answer.status, 200, 'the session token works');
    });

    it('renews the session token before it expires: two sessions across the expiry carry different working tokens', async () => {
      const env = fakeEnv();
      // Tokens live 4 s: the extension renews at half the lifetime (its margin is capped for short-lived tokens).
      await remote.setTokenLifetime(4);
      await signInWithFake(api);
      const first = (await vscode.authentication.getSession(PROVIDER_ID, [], { silent: true })) ?? (await consentedSession());
      const works = async (token: string): Promise<number> => (await fetch(`${env.apiBaseUrl}/case?limit=1`, { headers: { authorization: `Bearer ${token}` } })).status;
      assert.strictEqual(await works(first.accessToken), 200, 'the first token works');
      // Asking again until the token changes: each ask before the renewal hands out the same token.
      const second = await eventually(async () => {
        const next = await vscode.authentication.getSession(PROVIDER_ID, [], { silent: true });
        return next && next.accessToken !== first.accessToken ? next : undefined;
      }, 'a renewed session token', 15_000);
      assert.strictEqual(await works(second.accessToken), 200, 'the renewed token works');
      assert.strictEqual(second.account.id, first.account.id);
      assert.ok(![first.accessToken, second.accessToken].some((t) => t.includes(env.clientSecret)));
    });

    it('Sign Out in the Accounts menu removes the account: secret, token, cached list and seen state', async () => {
      await signInWithFake(api);
      const account = accountIdOf(fakeEnv().clientId);
      api.tree.getChildren();
      await waitForState(api, (s) => s.kind === 'loaded' && s.busy === undefined);
      await eventually(() => api.listCache.read(account, viewKey(DEFAULT_VIEW)), 'the list to be cached');
      await api.model.markSeen((await remote.listAll())[0].caseNumber);
      assert.notStrictEqual(api.storage.globalState.get(`axwaySupport.seen.${account}`), undefined, 'seen state exists before');
      const changes: vscode.AuthenticationSessionsChangeEvent[] = [];
      const sub = vscode.authentication.onDidChangeSessions((e) => {
        if (e.provider.id === PROVIDER_ID) {
          changes.push(e);
        }
      });
      try {
        // What the Accounts menu's "Sign Out" runs (its confirmation is auto-accepted in the test host).
        await vscode.commands.executeCommand('_signOutOfAccount', { providerId: PROVIDER_ID, accountLabel: sessionLabel((await api.accountDirectory.accounts())[0]) });
        await waitForState(api, (s) => s.kind === 'signedOut');
        await eventually(() => changes.length > 0, 'the provider to announce the removed session');
      } finally {
        sub.dispose();
      }
      assert.strictEqual(await api.storage.secrets.get(SECRET_KEY), undefined);
      assert.strictEqual(await api.listCache.read(account, viewKey(DEFAULT_VIEW)), undefined, 'the cached list left with the account');
      assert.strictEqual(api.storage.globalState.get(`axwaySupport.seen.${account}`), undefined, 'the seen state left with the account');
      assert.strictEqual(await vscode.authentication.getSession(PROVIDER_ID, [], { silent: true }), undefined, 'no session left');
    });
  });
});
