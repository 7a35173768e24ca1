// Issue 16, point 2 in the real extension host against the fake token endpoint: only the sign-in service's own JSON
// refuses a stored pair. A gateway's HTML 401 leaves the account alone (the message names the host, Retry works); an
// invalid_client, an unauthorized_client or a JSON 401 quarantines the pair: kept in SecretStorage, never sent again,
// shown as a row that signs in again with the client ID filled in; Sign out deletes it. Each answer, each kind.
import * as assert from 'assert';
import { generateKeyPairSync } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import type { Credentials } from '../../src/api/types';
import type { AxwaySupportTestApi } from '../../src/extension';
import { AccountStore } from '../../src/auth/accountStore';
import { accountIdOf } from '../../src/auth/accountId';
import type { FaultSpec } from '../fake-api/types';
import { openCasePanel, SECRET_KEY } from './reliability';
import { activated, commandFinishes, eventually, fakeEnv, fakeRemote, signOut, waitForState } from './support';

const CERT_ID = 'refusal-cert-account';
const SECRET_ID = 'refusal-secret-account';
const SECRET = 'refusal-secret-value-4711';
const REFUSED_ROW = 'Refused by the sign-in service: sign in again';
const NGINX_401 = '<html>\r\n<head><title>401 Authorization Required</title></head>\r\n<body>\r\n<center><h1>401 Authorization Required</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n';

interface Answer {
  readonly what: string;
  readonly fault: Omit<FaultSpec, 'target' | 'kind' | 'clientId'>;
}

/** The one answer that is not a refusal: a gateway's page. */
const HTML_401: Answer = { what: 'an HTML 401 from a gateway', fault: { status: 401, body: NGINX_401, headers: { 'Content-Type': 'text/html', Server: 'nginx', 'X-Troubleshooting-ID': 'gateway-tid-401' } } };
/** The sign-in service's own refusals. */
const REFUSALS: readonly Answer[] = [
  { what: 'a JSON 401', fault: { status: 401, body: { message: 'HTTP 401 Unauthorized' } } },
  { what: 'unauthorized_client', fault: { status: 401, body: { error: 'unauthorized_client', error_description: 'Client authentication with signed JWT failed: expired' } } },
  { what: 'invalid_client', fault: { status: 400, body: { error: 'invalid_client', error_description: 'Invalid client or Invalid client credentials' } } }
];

describe('refused credentials: stored credentials are never lost to an ambiguous answer', function () {
  this.timeout(90_000);
  const remote = fakeRemote();
  const keys = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const privatePem = keys.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  let api: AxwaySupportTestApi;
  let dir: string;
  let keyFile: string;

  const kinds: readonly { readonly kind: 'certificate' | 'secret'; readonly clientId: string; readonly credentials: Credentials }[] = [
    { kind: 'certificate', clientId: CERT_ID, credentials: { kind: 'certificate', clientId: CERT_ID, privateKey: privatePem } },
    { kind: 'secret', clientId: SECRET_ID, credentials: { clientId: SECRET_ID, clientSecret: SECRET } }
  ];

  before(async () => {
    api = await activated();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'axway-refused-'));
    keyFile = path.join(dir, 'key.pem');
    fs.writeFileSync(keyFile, privatePem);
  });

  beforeEach(async () => {
    await remote.reset();
    await remote.addCertificateClient(CERT_ID, keys.publicKey.export({ type: 'spki', format: 'pem' }).toString());
    await remote.addSecretClient(SECRET_ID, SECRET, 3);
    api.signInPrompts?.clear();
    if (api.accounts.entries.length > 0) {
      await signOut(api);
    }
  });

  after(async () => {
    fs.rmSync(dir, { recursive: true, force: true });
    if (api.accounts.entries.length > 0) {
      await signOut(api);
    }
    await remote.reset();
  });

  /** Signs the account in, loads its cases, then drops its token so the next request asks the token endpoint. */
  async function signedInNeedingToken(credentials: Credentials, answer: Answer): Promise<string | undefined> {
    const result = await api.signIn.attempt(credentials);
    assert.ok(result.ok, `sign-in failed: ${result.ok ? '' : String(result.error)}`);
    api.tree.getChildren();
    await waitForState(api, (s) => s.kind === 'loaded' && s.busy === undefined && s.refreshError === undefined);
    const stored = await api.storage.secrets.get(SECRET_KEY);
    assert.ok(stored?.includes(credentials.clientId), 'the account is stored');
    api.network.clearToken(accountIdOf(credentials.clientId));
    await remote.addFault({ target: 'token', kind: 'respond', clientId: credentials.clientId, ...answer.fault });
    await remote.clearRequests();
    return stored;
  }

  for (const account of kinds) {
    it(`${HTML_401.what} (${account.kind} account): names the host, can be retried, leaves the account and its secret alone`, async () => {
      const stored = await signedInNeedingToken(account.credentials, HTML_401);
      await vscode.commands.executeCommand('axwaySupport.refresh');
      const state = await waitForState(api, (s) => s.kind === 'loaded' && s.busy === undefined && s.refreshError !== undefined);
      assert.ok(state.kind === 'loaded' && state.refreshError);
      const error = state.refreshError;
      assert.strictEqual(error.kind, 'network', error.message);
      assert.ok(error.message.startsWith(`${new URL(fakeEnv().tokenUrl).host} (server: nginx) answered the token request with HTTP 401`), error.message);
      assert.strictEqual(error.troubleshootingId, 'gateway-tid-401', 'the X-Troubleshooting-ID is kept');
      assert.strictEqual((await remote.requests('token')).length, 1);
      assert.strictEqual(await api.storage.secrets.get(SECRET_KEY), stored, 'the stored pair is untouched');
      assert.deepStrictEqual(api.accounts.entries.map((e) => [e.clientId, e.refused]), [[account.clientId, false]]);
      // Retry: the gateway lets the request through now, and the same pair gets a token.
      await remote.clearFaults();
      await vscode.commands.executeCommand('axwaySupport.refresh');
      await waitForState(api, (s) => s.kind === 'loaded' && s.busy === undefined && s.refreshError === undefined);
      assert.strictEqual((await remote.requests('token')).length, 2, 'the retry sent the kept pair again');
    });

    for (const refusal of REFUSALS) {
      it(`${refusal.what} (${account.kind} account): quarantines the pair in every window, never sends it again, offers a prefilled sign-in; Sign out deletes it`, async () => {
        const stored = await signedInNeedingToken(account.credentials, refusal);
        const id = accountIdOf(account.clientId);
        // Another window on the same SecretStorage.
        const otherWindow = new AccountStore(api.storage.secrets);
        try {
          await otherWindow.list();
          const seenThere = new Promise<void>((resolve) => {
            const sub = otherWindow.onDidChange((c) => {
              if (c.accounts.some((a) => a.id === id && a.refused)) {
                sub.dispose();
                resolve();
              }
            });
          });
          await vscode.commands.executeCommand('axwaySupport.refresh');
          await eventually(() => (api.accounts.entries[0]?.refused === true ? true : undefined), 'the pair to be quarantined');
          await seenThere;

          // Kept, marked refused, and still there after a reload (a store that reads it afresh).
          assert.deepStrictEqual(JSON.parse((await api.storage.secrets.get(SECRET_KEY)) ?? '{}'), { ...(JSON.parse(stored ?? '{}') as object), refused: true });
          const reloaded = new AccountStore(api.storage.secrets);
          assert.deepStrictEqual((await reloaded.list()).map((a) => [a.clientId, a.refused]), [[account.clientId, true]]);
          reloaded.dispose();

          // Never sent again: a refresh, a case load and a token for another extension all answer without a request.
          await remote.clearFaults();
          await vscode.commands.executeCommand('axwaySupport.refresh');
          const client = await api.network.api(id);
          await assert.rejects(client.getCase('00000001'), (err: Error) => /refused/.test(err.message));
          await assert.rejects(api.network.accessToken(id));
          assert.strictEqual((await remote.requests('token')).length, 1, 'only the refused request reached the token endpoint');

          // Where its cases were: the typed row that signs in again for this account.
          const rows = api.tree.getChildren();
          assert.deepStrictEqual(rows.map((n) => [n.kind, n.label]), [['refused', REFUSED_ROW]]);
          const row = rows[0];
          assert.ok(row.accessibilityInformation?.label.includes('sign in again'), row.accessibilityInformation?.label);
          assert.strictEqual(row.command?.command, 'axwaySupport.signIn');
          const prompts = api.signInPrompts;
          assert.ok(prompts, 'scripted prompts in Test mode');
          prompts.clear();
          prompts.answerKinds(account.kind);
          prompts.answerInputs(undefined);
          await commandFinishes(row.command.command, ...(row.command.arguments ?? []));
          assert.deepStrictEqual(prompts.asked.slice(0, 2), [
            { kind: 'kind', text: account.kind },
            { kind: 'input', text: 'Client ID', value: account.clientId }
          ]);
          assert.deepStrictEqual(JSON.parse((await api.storage.secrets.get(SECRET_KEY)) ?? '{}'), { ...(JSON.parse(stored ?? '{}') as object), refused: true }, 'a cancelled sign-in keeps it');

          // Sign out deletes it, as before.
          await vscode.commands.executeCommand('axwaySupport.signOut', id);
          assert.strictEqual(await api.storage.secrets.get(SECRET_KEY), undefined);
          assert.deepStrictEqual(api.accounts.entries, []);
        } finally {
          otherWindow.dispose();
        }
      });
    }
  }

  it('the case tab and the refused row sign in again prefilled; success replaces the quarantined entry (certificate account)', async () => {
    const [refusal] = REFUSALS;
    await signedInNeedingToken(kinds[0].credentials, refusal);
    const [first] = await remote.listAll();
    // Opening the tab asks for the token: that request meets the refusal.
    const panel = await openCasePanel(api, first.caseNumber);
    await eventually(() => (api.accounts.entries[0]?.refused === true ? true : undefined), 'the pair to be quarantined');
    await remote.clearFaults();
    const prompts = api.signInPrompts;
    assert.ok(prompts);
    // What a reload forgets: the flow's memory of the last client ID. The tab's Sign in still knows its account.
    api.signIn.rememberClientId('');
    await eventually(() => (panel.state.kind === 'error' ? true : undefined), 'the tab to offer Sign in');
    prompts.clear();
    prompts.answerKinds('certificate');
    prompts.answerInputs(undefined);
    await panel.receive({ type: 'signIn' });
    assert.deepStrictEqual(prompts.asked.slice(0, 2), [{ kind: 'kind', text: 'certificate' }, { kind: 'input', text: 'Client ID', value: CERT_ID }]);
    api.signIn.rememberClientId('');
    const row = api.tree.getChildren()[0];
    assert.strictEqual(row.kind, 'refused');
    assert.ok(row.command);
    prompts.clear();
    prompts.answerKinds('certificate');
    prompts.answerInputs(CERT_ID);
    prompts.answerFiles(vscode.Uri.file(keyFile));
    await commandFinishes(row.command.command, ...(row.command.arguments ?? []));
    assert.deepStrictEqual(JSON.parse((await api.storage.secrets.get(SECRET_KEY)) ?? '{}'), { kind: 'certificate', clientId: CERT_ID, privateKey: privatePem });
    assert.deepStrictEqual(api.accounts.entries.map((e) => [e.clientId, e.refused]), [[CERT_ID, false]]);
    api.tree.getChildren();
    await waitForState(api, (s) => s.kind === 'loaded' && s.busy === undefined && s.refreshError === undefined);
    assert.ok(api.tree.getChildren().some((n) => n.kind === 'case'), 'its cases are back');
    await eventually(() => (panel.state.kind === 'loaded' ? true : undefined), 'the tab to show its case again');
    panel.dispose();
  });
});
