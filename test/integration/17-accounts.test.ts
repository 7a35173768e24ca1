// Several service accounts at once, in the real extension host against the fake API, which serves each client id
// its own cases (the second account's subjects start with its client id). Nothing of one account may be shown,
// cached or sent under the other.
import * as assert from 'assert';
import { generateKeyPairSync } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import { sessionLabel } from '../../src/auth/authProvider';
import type { AxwaySupportTestApi } from '../../src/extension';
import { INDEX_KEY, LEGACY_KEY } from '../../src/auth/accountStore';
import { accountIdOf } from '../../src/auth/accountId';
import { viewKey } from '../../src/cases/caseGroups';
import { AWAITING_CUSTOMER_STATUS } from '../../src/cases/caseQuery';
import type { CasesModel } from '../../src/cases/casesModel';
import type { CaseRef } from '../../src/cases/caseRef';
import { AccountNode, CaseNode, type CaseTreeNode } from '../../src/views/treeNodes';
import { settled } from './reliability';
import { loadedCaseOf } from '../../src/commands/caseAccount';
import { activated, answeredCommand, commandFinishes, eventually, fakeEnv, fakeRemote, setUserSetting, signInWithFake, waitForState } from './support';
import { assertEvery } from '../support/every';

const SECOND = { clientId: 'second-service-account', clientSecret: 'second-secret-value-123' };
const SECOND_ID = accountIdOf(SECOND.clientId);
const SECOND_CASES = 12;

/** Whose case a row shows: the fake prefixes the second account's subjects with its client id. */
function ownerOf(node: CaseNode): string {
  return node.summary.subject.startsWith(`${SECOND.clientId}: `) ? SECOND_ID : accountIdOf(fakeEnv().clientId);
}

function caseRows(nodes: readonly CaseTreeNode[]): CaseNode[] {
  return nodes.flatMap((n): CaseNode[] => (n.kind === 'case' ? [n] : n.kind === 'group' ? caseRows(n.children) : []));
}

function loaded(model: CasesModel): Promise<unknown> {
  return new Promise<void>((resolve, reject) => {
    const ok = (): boolean => model.state.kind === 'loaded' && model.state.busy === undefined;
    if (ok()) {
      resolve();
      return;
    }
    const timer = setTimeout(() => {
      sub.dispose();
      reject(new Error(`the model of ${model.account ?? '?'} did not load: ${JSON.stringify(model.state).slice(0, 300)}`));
    }, 15_000);
    const sub = model.onDidChange(() => {
      if (ok()) {
        clearTimeout(timer);
        sub.dispose();
        resolve();
      }
    });
  });
}

describe('several service accounts', function () {
  this.timeout(60_000);
  let api: AxwaySupportTestApi;
  const remote = fakeRemote();
  const firstId = (): string => accountIdOf(fakeEnv().clientId);

  async function signInBoth(secondCases = SECOND_CASES): Promise<void> {
    await remote.addSecretClient(SECOND.clientId, SECOND.clientSecret, secondCases);
    await signInWithFake(api);
    const result = await api.signIn.attempt(SECOND);
    assert.ok(result.ok, `second sign-in failed: ${result.ok ? '' : String(result.error)}`);
    await eventually(() => api.accounts.entries.length === 2 || undefined, 'two accounts');
    api.tree.getChildren();
    await Promise.all(api.accounts.entries.map((e) => loaded(e.model)));
  }

  async function signOutAll(): Promise<void> {
    for (const entry of [...api.accounts.entries]) {
      await vscode.commands.executeCommand('axwaySupport.signOut', entry.id);
    }
    await waitForState(api, (s) => s.kind === 'signedOut');
  }

  before(async () => {
    api = await activated();
  });

  afterEach(async () => {
    await signOutAll();
    await remote.reset();
  });

  it('shows one root per account (label, client ID), each with only its own cases; the badge adds them up', async () => {
    await signInBoth();
    const roots = api.tree.getChildren();
    assert.deepStrictEqual(roots.map((r) => r.kind), ['account', 'account']);
    const [a, b] = roots as AccountNode[];
    assert.deepStrictEqual([a.account, b.account], [firstId(), SECOND_ID]);
    assert.deepStrictEqual([a.description, b.description], [fakeEnv().clientId, SECOND.clientId]);
    assert.strictEqual(a.contextValue, 'axwaySupport.account');
    for (const root of [a, b]) {
      const rows = caseRows(api.tree.getChildren(root));
      assert.ok(rows.length > 0, 'the root lists cases');
      for (const row of rows) {
        assert.strictEqual(row.ref.account, root.account, 'a row carries its root\'s account');
        assert.strictEqual(ownerOf(row), root.account, `row "${row.summary.subject}" is another account's`);
        assert.strictEqual(api.tree.getParent(row)?.id, root.id);
      }
    }
    assert.strictEqual(caseRows(api.tree.getChildren(b)).length, SECOND_CASES);
    // Every id is unique across the two roots, though the fake gives both accounts the same case numbers.
    const ids = [a, b].flatMap((r) => api.tree.getChildren(r).map((n) => n.id));
    assert.strictEqual(new Set(ids).size, ids.length);
    // Each list was asked for with its own account's token.
    const lists = await remote.requests('listCases');
    assert.ok(lists.some((r) => r.clientId === SECOND.clientId) && lists.some((r) => r.clientId === fakeEnv().clientId));
    // Its default label: the organisation's account names from GET /account, asked with its own token.
    const names = (await (await api.network.api(SECOND_ID)).listAccounts()).map((x) => x.name).filter((n): n is string => !!n);
    // Both fake accounts belong to the same organisations: the second gets its client ID added, so labels stay distinct.
    await eventually(() => api.accounts.entries[1]?.label === `${names.join(', ')} (${SECOND.clientId})` || undefined, 'the default label');
    // The Accounts menu's directory: both accounts, and each one's access token (never its secret) works as that account.
    assert.deepStrictEqual((await api.accountDirectory.accounts()).map((x) => [x.id, x.clientId, x.kind]), [[firstId(), fakeEnv().clientId, 'secret'], [SECOND_ID, SECOND.clientId, 'secret']]);
    const token = await api.accountDirectory.accessToken(SECOND_ID);
    assert.ok(!token.includes(SECOND.clientSecret));
    await remote.clearRequests();
    const answer = await fetch(`${fakeEnv().apiBaseUrl}/case?limit=1`, { headers: { Authorization: `Bearer ${token}` } });
    assert.strictEqual(answer.status, 200);
    assert.deepStrictEqual((await remote.requests('listCases')).map((r) => r.clientId), [SECOND.clientId]);
    // The badge adds up the updated cases of both accounts: one case of each changes on the server, both refresh.
    const [firstModel, secondModel] = api.accounts.entries.map((e) => e.model);
    await eventually(() => (firstModel.updatedCount === 0 && secondModel.updatedCount === 0 && api.casesView.badge === undefined) || undefined, 'no badge after the first lists');
    const changedOf = (model: CasesModel): string => (model.state.kind === 'loaded' ? model.state.cases[2].caseNumber : assert.fail('a loaded list'));
    await remote.upsertCase({ caseNumber: changedOf(firstModel), environment: 'Changed on the server (first account)' });
    await remote.upsertCase({ caseNumber: changedOf(secondModel), environment: 'Changed on the server (second account)' }, SECOND.clientId);
    await vscode.commands.executeCommand('axwaySupport.refresh');
    await Promise.all([loaded(firstModel), loaded(secondModel)]);
    await eventually(() => (firstModel.updatedCount === 1 && secondModel.updatedCount === 1) || undefined, `one updated case per account: ${firstModel.updatedCount}, ${secondModel.updatedCount}`);
    assert.strictEqual(api.accounts.updatedCount, 2);
    await eventually(() => api.casesView.badge?.value === 2 || undefined, `the badge to show 2: ${JSON.stringify(api.casesView.badge)}`);
    // So does the awaiting-you status bar item: each account counted with its own token.
    const awaiting = async (account: string): Promise<number> =>
      (await (await api.network.api(account)).listCases({ limit: 20, query: { statuses: { include: ['Customer Owns Next Steps'] } } })).totalCount ?? -1;
    const expected = (await awaiting(firstId())) + (await awaiting(SECOND_ID));
    assert.ok((await awaiting(SECOND_ID)) > 0, 'the second account has cases awaiting you');
    try {
      await setUserSetting('axwaySupport.statusBar.enabled', true);
      await eventually(() => api.follow.statusBar.snapshot.text.endsWith(` ${expected} awaiting you`) || undefined, `the status bar to show ${expected}: ${JSON.stringify(api.follow.statusBar.snapshot)}`);
    } finally {
      await setUserSetting('axwaySupport.statusBar.enabled', false);
    }
  });

  it('a failing list of one account shows its error under its own root only; each root\'s Load more asks its own account', async () => {
    // Enough cases for a second page in both accounts (the first has 45, the second 30; a page holds 20).
    await remote.setCaseCount(45);
    await signInBoth(30);
    const [first, second] = api.accounts.entries.map((e) => e.model);
    const roots = (): AccountNode[] => api.tree.getChildren() as AccountNode[];
    const rowIds = (root: AccountNode): (string | undefined)[] => caseRows(api.tree.getChildren(root)).map((r) => r.id);
    const firstBefore = rowIds(roots()[0]);
    const secondBefore = rowIds(roots()[1]);
    assert.deepStrictEqual([firstBefore.length, secondBefore.length], [20, 20]);

    // Only the second account's list fails (a fault scoped to its client ID); both refresh.
    await remote.addFault({ target: 'listCases', kind: 'respond', status: 500, clientId: SECOND.clientId });
    await remote.clearRequests();
    await vscode.commands.executeCommand('axwaySupport.refresh');
    await eventually(() => (second.state.kind === 'loaded' && second.state.busy === undefined && second.state.refreshError !== undefined) || undefined, 'the second account\'s refresh to fail');
    await loaded(first);
    const lists = await remote.requests('listCases');
    assert.ok(lists.some((r) => r.clientId === SECOND.clientId && r.status === 500), 'the second account was refused');
    assert.ok(lists.some((r) => r.clientId === fakeEnv().clientId && r.status === 200), 'the first account was answered');
    const [a, b] = roots();
    const errorRow = api.tree.getChildren(b)[0];
    assert.strictEqual(errorRow.kind, 'error', 'the error row is the second root\'s first child');
    assert.strictEqual(api.tree.getParent(errorRow)?.id, b.id);
    assert.deepStrictEqual(rowIds(b), secondBefore, 'the second root keeps its rows under the error');
    assert.ok(!api.tree.getChildren(a).some((n) => n.kind === 'error'), 'no error under the first root');
    assert.deepStrictEqual(rowIds(a), firstBefore, 'the first root\'s rows are unchanged');
    await remote.clearFaults();

    // Each root's "Load more" row runs its own command and arguments: only that account asks, only its rows grow.
    const loadMoreOf = (root: AccountNode): vscode.Command => {
      const row = api.tree.getChildren(root).find((n) => n.kind === 'loadMore');
      assert.ok(row?.command, `a Load more row under ${root.account}`);
      return row.command;
    };
    for (const [index, clientId] of [[0, fakeEnv().clientId], [1, SECOND.clientId]] as const) {
      const before = roots().map(rowIds);
      const command = loadMoreOf(roots()[index]);
      await remote.clearRequests();
      await vscode.commands.executeCommand(command.command, ...(command.arguments ?? []));
      await Promise.all([loaded(first), loaded(second)]);
      const asked = await remote.requests('listCases');
      assert.ok(asked.length > 0 && asked.every((r) => r.clientId === clientId), `only ${clientId} asked: ${asked.map((r) => r.clientId).join(', ')}`);
      const after = roots().map(rowIds);
      assert.deepStrictEqual(after[index].slice(0, before[index].length), before[index], 'the loaded rows stay');
      assert.ok(after[index].length > before[index].length, `the rows of ${clientId} grew`);
      assert.deepStrictEqual(after[1 - index], before[1 - index], 'the other root\'s rows did not change');
      for (const row of caseRows(api.tree.getChildren(roots()[index]))) {
        assert.strictEqual(ownerOf(row), roots()[index].account, `row "${row.summary.subject}" is another account's`);
      }
    }
  });

  it('a second account whose list keeps failing backs off on its own while the first keeps its rate', async () => {
    await signInBoth();
    const SHORT_MS = 300;
    await remote.addFault({ target: 'listCases', kind: 'respond', status: 503, clientId: SECOND.clientId });
    await remote.clearRequests();
    const listsOf = async (clientId: string): Promise<number> => (await remote.requests('listCases')).filter((r) => r.clientId === clientId).length;
    api.follow.autoRefresh.setIntervalOverrideMs(SHORT_MS);
    try {
      // Counted on the fake, waiting for a condition (no timing bound): the second account's list requests fall
      // behind the first's as its waits double (300, 600, 1200 ms…); at one shared rate they would stay level.
      const counts = await eventually(async () => {
        const [first, second] = [await listsOf(fakeEnv().clientId), await listsOf(SECOND.clientId)];
        return second >= 2 && first >= second + 4 ? { first, second } : undefined;
      }, 'the first account to refresh at least 4 times more often than the failing second', 30_000);
      assert.ok(counts.second >= 2, 'the second account was tried (and failed) more than once');
      const [first, second] = api.follow.autoRefresh.accountSchedules;
      assert.deepStrictEqual([first.account, second.account], [firstId(), SECOND_ID]);
      assert.strictEqual(first.failures, 0, 'the first account has no failure');
      assert.strictEqual(first.delayMs, SHORT_MS, 'the first account keeps its interval');
      assert.ok(second.failures >= 2, `the second account's failures: ${second.failures}`);
      assert.strictEqual(second.delayMs, SHORT_MS * 2 ** second.failures, "the second account's wait doubles with each of its failures");
    } finally {
      api.follow.autoRefresh.setIntervalOverrideMs(0);
      await remote.clearFaults();
    }
  });

  it('Sign out without an account asks which one: dismissing removes nothing, choosing removes only that one', async () => {
    await signInBoth();
    const secondKey = `${LEGACY_KEY}.${SECOND_ID}`;
    await answeredCommand('workbench.action.closeQuickOpen', 'axwaySupport.signOut');
    assert.deepStrictEqual(api.accounts.entries.map((e) => e.id), [firstId(), SECOND_ID], 'dismissing the pick removes nothing');
    assert.ok(await api.storage.secrets.get(LEGACY_KEY));
    assert.ok(await api.storage.secrets.get(secondKey));
    // The pick lists the accounts in their order: accepting the selected (first) item signs the first account out.
    await answeredCommand('workbench.action.acceptSelectedQuickOpenItem', 'axwaySupport.signOut');
    await eventually(() => api.accounts.entries.length === 1 || undefined, 'one account left');
    assert.deepStrictEqual(api.accounts.entries.map((e) => e.id), [SECOND_ID], 'only the chosen account left');
    assert.strictEqual(await api.storage.secrets.get(LEGACY_KEY), undefined, 'the chosen account\'s secret is gone');
    assert.ok(await api.storage.secrets.get(secondKey), 'the other account\'s secret stays');
  });

  it('sends each account\'s requests with its own token, interleaved and concurrent, across a token renewal', async () => {
    await signInBoth();
    const [first, second] = await Promise.all([api.network.api(firstId()), api.network.api(SECOND_ID)]);
    // Every token so far stops working: both accounts renew theirs while their requests are in flight.
    await remote.revokeTokens();
    await remote.clearRequests();
    const offsets = [0, 1, 2, 3, 4, 5, 6, 7];
    const answers = await Promise.all(offsets.map((offset) => (offset % 2 === 0 ? first : second).listCases({ limit: 1, offset })));
    answers.forEach((answer, i) => {
      const subject = answer.cases[0]?.subject ?? '';
      assert.strictEqual(subject.startsWith(`${SECOND.clientId}: `), i % 2 === 1, `answer ${i} came from the other account: ${subject}`);
    });
    const answered = (await remote.requests('listCases')).filter((r) => r.status === 200);
    assert.deepStrictEqual(
      answered.map((r) => [Number(new URLSearchParams(r.query).get('offset') ?? '0'), r.clientId]).sort((x, y) => Number(x[0]) - Number(y[0])),
      offsets.map((offset) => [offset, offset % 2 === 0 ? fakeEnv().clientId : SECOND.clientId])
    );
    const renewed = (await remote.requests('token')).map((r) => new URLSearchParams(r.body).get('client_id'));
    assert.ok(renewed.includes(fakeEnv().clientId) && renewed.includes(SECOND.clientId), `both accounts renewed: ${renewed.join(', ')}`);
  });

  it('opens a case, adds a note and downloads with the case\'s own account', async () => {
    await signInBoth();
    const second = api.accounts.modelOf(SECOND_ID);
    assert.ok(second && second.state.kind === 'loaded');
    const client = await api.network.api(SECOND_ID);
    // A case of the second account that has attachments (the fake seeds some).
    let withFiles: { ref: CaseRef; attachment: { id: string; name: string } } | undefined;
    for (const summary of second.state.cases.slice(0, SECOND_CASES)) {
      const detail = await client.getCase(summary.caseNumber);
      const attachment = detail.attachments?.[0];
      if (attachment?.id) {
        withFiles = { ref: { account: SECOND_ID, caseNumber: summary.caseNumber }, attachment: { id: attachment.id, name: attachment.name ?? 'file' } };
        break;
      }
    }
    assert.ok(withFiles, 'the fake seeds attachments on some cases');
    const { ref } = withFiles;
    await remote.clearRequests();
    await vscode.commands.executeCommand('axwaySupport.openCase', ref);
    const panel = api.panels.get(ref);
    assert.ok(panel, 'the tab opened');
    await settled(panel);
    assert.strictEqual(panel.state.kind, 'loaded');
    assert.ok(panel.state.kind === 'loaded' && panel.state.detail.subject.startsWith(`${SECOND.clientId}: `), 'the second account\'s case');
    assert.deepStrictEqual((await remote.requests('getCase')).map((r) => r.clientId), [SECOND.clientId]);

    // Contact e-mails are kept per account: the second one's is set, so sending asks nothing.
    await api.contactEmails.set(SECOND_ID, 'second@example.com');
    await panel.receive({ type: 'addNote', subject: 'From the second account', description: 'Sent with its own token.' });
    await eventually(async () => ((await remote.requests('addNote')).length > 0 ? true : undefined), 'the note to be sent');
    assert.deepStrictEqual((await remote.requests('addNote')).map((r) => r.clientId), [SECOND.clientId]);

    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'axway-accounts-'));
    try {
      const target = path.join(dir, 'file.bin');
      api.prompts?.answerSaveDialogs(vscode.Uri.file(target));
      const outcome = await vscode.commands.executeCommand<{ kind: string } | undefined>('axwaySupport.downloadAttachment', ref, withFiles.attachment);
      assert.strictEqual(outcome?.kind, 'saved');
      assert.deepStrictEqual((await remote.requests('attachment')).map((r) => r.clientId), [SECOND.clientId]);
    } finally {
      api.prompts?.clear();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a bare case number opens under the account whose loaded cases list it; listed by both or neither, the person picks', async () => {
    await signInBoth();
    const [first, second] = api.accounts.entries;
    // A case only the second account has, listed once its list refreshes.
    const only = '09990001';
    await remote.upsertCase({ caseNumber: only, subject: `${SECOND.clientId}: Only the second account has it` }, SECOND.clientId);
    await second.model.refresh();
    await eventually(() => loadedCaseOf(second, only), 'the second account to list the new case');
    assert.strictEqual(loadedCaseOf(first, only), undefined, 'the first account does not list it');

    // Another caller passes the bare number: no question, the second account's tab.
    await remote.clearRequests();
    await commandFinishes('axwaySupport.openCase', only);
    const panel = api.panels.get({ account: SECOND_ID, caseNumber: only });
    assert.ok(panel, 'the tab opened under the second account');
    assert.strictEqual(api.panels.get({ account: firstId(), caseNumber: only }), undefined, 'not under the first account');
    await settled(panel);
    assert.ok(panel.state.kind === 'loaded' && panel.state.detail.subject.startsWith(`${SECOND.clientId}: `), 'the second account\'s case');
    assert.deepStrictEqual((await remote.requests('getCase')).map((r) => r.clientId), [SECOND.clientId]);

    // Copy Case Number and Open in Portal need no account for a bare number: they never ask.
    await commandFinishes('axwaySupport.copyCaseNumber', only);
    assert.strictEqual(await vscode.env.clipboard.readText(), only);

    // Listed by neither: the person is asked; dismissing the question opens nothing (a silent choice would open a tab).
    const unknown = '09990002';
    await answeredCommand('workbench.action.closeQuickOpen', 'axwaySupport.openCase', unknown);
    assert.ok(!api.panels.openRefs.some((r) => r.caseNumber === unknown), 'nothing opened without an answer');

    // Listed by both (the fake gives both accounts the same numbers): asked too; the chosen account's case opens.
    const shared = second.model.state.kind === 'loaded' ? second.model.state.cases.find((c) => loadedCaseOf(first, c.caseNumber) !== undefined) : undefined;
    assert.ok(shared, 'a number both accounts list');
    await answeredCommand('workbench.action.closeQuickOpen', 'axwaySupport.openCase', shared.caseNumber);
    assert.ok(!api.panels.openRefs.some((r) => r.caseNumber === shared.caseNumber), 'nothing opened without an answer');
    // The accounts that list the case come first, in their order: accepting the first item chooses the first account.
    await answeredCommand('workbench.action.acceptSelectedQuickOpenItem', 'axwaySupport.openCase', shared.caseNumber);
    assert.ok(api.panels.get({ account: firstId(), caseNumber: shared.caseNumber }), 'the chosen account\'s tab');
    assert.strictEqual(api.panels.get({ account: SECOND_ID, caseNumber: shared.caseNumber }), undefined);
  });

  it('notifies a change of the second account\'s case, once, with Open Case on that account', async () => {
    await signInBoth();
    const second = api.accounts.entries[1].model;
    const state = second.state;
    assert.ok(state.kind === 'loaded');
    const moving = state.cases.find((c) => c.status !== AWAITING_CUSTOMER_STATUS);
    assert.ok(moving, 'a case of the second account that does not await you yet');
    const before = api.follow.notifications.decisions.length;
    const messagesBefore = api.messages.mark();
    await remote.upsertCase({ caseNumber: moving.caseNumber, status: AWAITING_CUSTOMER_STATUS }, SECOND.clientId);
    await second.refresh();
    const decision = await eventually(
      () => api.follow.notifications.decisions.slice(before).find((d) => d.caseNumber === moving.caseNumber),
      'a notification decision for the second account\'s case'
    );
    assert.deepStrictEqual([decision.account, decision.outcome], [SECOND_ID, 'shown']);
    assert.strictEqual(api.messages.since(messagesBefore).filter((m) => m.text.includes(moving.caseNumber)).length, 1);
    // The first account's case with the same number did not change: nothing was said about the first account.
    assert.ok(!api.follow.notifications.decisions.slice(before).some((d) => d.account === firstId()));
  });

  it('a secret and a certificate account side by side each see only their own cases; the Accounts menu\'s Sign Out removes only the one', async () => {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const certificate = { kind: 'certificate' as const, clientId: 'certificate-service-account', privateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString() };
    const certificateId = accountIdOf(certificate.clientId);
    await remote.addCertificateClient(certificate.clientId, publicKey.export({ type: 'spki', format: 'pem' }).toString(), 9);
    await signInWithFake(api);
    const result = await api.signIn.attempt(certificate);
    assert.ok(result.ok, `certificate sign-in failed: ${result.ok ? '' : String(result.error)}`);
    await eventually(() => api.accounts.entries.length === 2 || undefined, 'two accounts');
    api.tree.getChildren();
    await Promise.all(api.accounts.entries.map((e) => loaded(e.model)));
    const roots = api.tree.getChildren() as AccountNode[];
    assert.deepStrictEqual(roots.map((r) => r.account), [firstId(), certificateId]);
    const own = (root: AccountNode): CaseNode[] => caseRows(api.tree.getChildren(root));
    assert.strictEqual(own(roots[1]).length, 9);
    assert.ok(own(roots[1]).every((r) => r.summary.subject.startsWith(`${certificate.clientId}: `)), 'the certificate root shows only its cases');
    assertEvery(own(roots[0]), (r) => !r.summary.subject.startsWith(`${certificate.clientId}: `), 'the secret root shows none of them');
    const lists = await remote.requests('listCases');
    assert.ok(lists.some((r) => r.clientId === certificate.clientId) && lists.some((r) => r.clientId === fakeEnv().clientId));

    // A case tab of each account is open.
    const firstRef: CaseRef = { account: firstId(), caseNumber: own(roots[0])[0].ref.caseNumber };
    const certificateRef: CaseRef = { account: certificateId, caseNumber: own(roots[1])[0].ref.caseNumber };
    await commandFinishes('axwaySupport.openCase', firstRef);
    await commandFinishes('axwaySupport.openCase', certificateRef);
    await eventually(() => api.panels.openRefs.length === 2 || undefined, 'both tabs open');

    // What the Accounts menu's "Sign Out" runs for the certificate account (the test host accepts its confirmation).
    const entry = (await api.accountDirectory.accounts()).find((a) => a.id === certificateId);
    assert.ok(entry);
    await vscode.commands.executeCommand('_signOutOfAccount', { providerId: 'axway-support', accountLabel: sessionLabel(entry) });
    await eventually(() => (api.accounts.entries.length === 1 ? true : undefined), 'one account left');
    await eventually(() => (api.panels.openRefs.every((r) => r.account !== certificateId) ? true : undefined), 'the certificate account\'s tab to close');
    assert.deepStrictEqual(api.panels.openRefs, [firstRef], 'the other account\'s tab stays');
    assert.strictEqual(api.accounts.entries[0].id, firstId(), 'the secret account stays');
    assert.strictEqual(api.model.state.kind, 'loaded', 'and keeps its cases');
    assert.deepStrictEqual((await api.accountDirectory.accounts()).map((a) => a.id), [firstId()]);
    assert.ok(!(await api.storage.secrets.get(LEGACY_KEY) ?? '').includes('PRIVATE KEY'), 'the first entry holds no key');
    assert.ok(!JSON.stringify(api.storage.globalState.keys().map((k) => [k, api.storage.globalState.get(k)])).includes(certificateId + '"'), 'no state of the certificate account is left');
    assert.ok(!(api.tree.getChildren() as CaseTreeNode[]).some((n) => n.kind === 'account'), 'one account: no account roots');
  });

  it('signing one account out removes only it: its secret, cache, seen state and tabs; the other stays', async () => {
    await signInBoth();
    const view = api.model.view;
    const firstRef: CaseRef = { account: firstId(), caseNumber: caseRows(api.tree.getChildren(api.tree.getChildren()[0]))[0].ref.caseNumber };
    const secondRef: CaseRef = { account: SECOND_ID, caseNumber: caseRows(api.tree.getChildren(api.tree.getChildren()[1]))[0].ref.caseNumber };
    await vscode.commands.executeCommand('axwaySupport.openCase', firstRef);
    await vscode.commands.executeCommand('axwaySupport.openCase', secondRef);
    await eventually(async () => (await api.listCache.read(SECOND_ID, viewKey(view))) !== undefined || undefined, 'the second list on disk');
    assert.ok(api.storage.globalState.get(`axwaySupport.seen.${SECOND_ID}`) !== undefined, 'seen state of the second account');
    const secondKey = `${LEGACY_KEY}.${SECOND_ID}`;
    assert.ok(await api.storage.secrets.get(secondKey));

    const root = (api.tree.getChildren() as AccountNode[]).find((r) => r.account === SECOND_ID);
    assert.ok(root);
    // The root's context menu passes the row itself.
    await vscode.commands.executeCommand('axwaySupport.signOut', root);
    await eventually(() => api.accounts.entries.length === 1 || undefined, 'one account left');

    assert.strictEqual(await api.storage.secrets.get(secondKey), undefined);
    assert.ok(await api.storage.secrets.get(LEGACY_KEY), 'the first account is untouched');
    assert.strictEqual(await api.listCache.read(SECOND_ID, viewKey(view)), undefined, 'its cached list is gone');
    assert.strictEqual(api.storage.globalState.get(`axwaySupport.seen.${SECOND_ID}`), undefined, 'its seen state is gone');
    assert.ok(api.storage.globalState.get(`axwaySupport.seen.${firstId()}`) !== undefined, 'the other account\'s seen state stays');
    assert.ok(await api.listCache.read(firstId(), viewKey(view)), 'the other account\'s cached list stays');
    await eventually(() => (api.panels.openRefs.every((r) => r.account === firstId()) ? true : undefined), 'its tab to close');
    assert.deepStrictEqual(api.panels.openRefs, [firstRef], 'the other account\'s tab stays');
    // One account again: no extra level, its own rows only.
    const rows = api.tree.getChildren();
    assertEvery(rows, (r) => r.kind !== 'account', 'top-level rows');
    assertEvery(caseRows(rows), (r) => ownerOf(r) === firstId() && r.ref.account === firstId(), 'case rows of the remaining account');
  });

  it('each account keeps its own filter and sort: set from its root, remembered per account, forgotten at its sign-out', async () => {
    await signInBoth();
    const [a, b] = api.tree.getChildren() as AccountNode[];
    const closedOfSecond = (await (await api.network.api(SECOND_ID)).listCases({ limit: 20, query: { statuses: { include: ['Closed'] } } })).totalCount ?? 0;
    assert.ok(closedOfSecond > 0, 'the second account has closed cases');
    await remote.clearRequests();
    // The root's context menu passes the row; the second argument stands for the person's choice in the pick.
    await vscode.commands.executeCommand('axwaySupport.filter', b, { state: 'closed' });
    await vscode.commands.executeCommand('axwaySupport.sortBy', b, 'severity');
    const [first, second] = api.accounts.entries.map((e) => e.model);
    await Promise.all([loaded(first), loaded(second)]);
    assert.deepStrictEqual([second.view.filter, second.view.sort], [{ state: 'closed' }, 'severity']);
    assert.deepStrictEqual([first.view.filter, first.view.sort], [{ state: 'all' }, 'modified'], 'the first account keeps its view');
    const roots = api.tree.getChildren() as AccountNode[];
    const secondRows = caseRows(api.tree.getChildren(roots[1]));
    assert.strictEqual(secondRows.length, Math.min(closedOfSecond, 20));
    assert.ok(secondRows.every((r) => r.summary.status === 'Closed' && ownerOf(r) === SECOND_ID));
    assert.ok(caseRows(api.tree.getChildren(roots[0])).some((r) => r.summary.status !== 'Closed'), 'the first account still lists open cases');
    // Only the second account's list was asked again, with its own token, filter and sort.
    const lists = await remote.requests('listCases');
    assert.ok(lists.length > 0 && lists.every((r) => r.clientId === SECOND.clientId), lists.map((r) => r.clientId).join(', '));
    const last = new URLSearchParams(lists[lists.length - 1].query);
    assert.match(last.get('query') ?? '', /Closed/);
    assert.strictEqual(last.get('sort'), '+severity,-modifiedDate');
    // The roots and the view say which account is filtered; Clear Filter is offered on that root only.
    assert.deepStrictEqual([roots[0].contextValue, roots[1].contextValue], ['axwaySupport.account', 'axwaySupport.account.filtered']);
    assert.strictEqual(roots[1].description, `${SECOND.clientId} · Filter: Closed`);
    assert.strictEqual(api.casesView.message, `Filter: ${api.accounts.entries[1].label}: Closed.`);
    // Remembered per account (a window reload starts each model from these).
    assert.deepStrictEqual(api.storage.globalState.get<{ filter: unknown }>(`axwaySupport.listView:${SECOND_ID}`)?.filter, { state: 'closed' });
    assert.strictEqual(api.storage.globalState.get(`axwaySupport.listView:${firstId()}`), undefined);

    // The title bar's choice applies to every account.
    await vscode.commands.executeCommand('axwaySupport.filter', { state: 'open' });
    await Promise.all([loaded(first), loaded(second)]);
    assert.deepStrictEqual([first.view.filter, second.view.filter], [{ state: 'open' }, { state: 'open' }]);
    assert.strictEqual(second.view.sort, 'severity', 'each account keeps its own sort');
    assert.strictEqual(api.casesView.message, 'Filter: Open.');
    await vscode.commands.executeCommand('axwaySupport.clearFilter', roots[1]);
    await loaded(second);

    // The second root's Filter Cases… lists that account's organisation: GET /account asked with its own token.
    await remote.clearRequests();
    const picking = vscode.commands.executeCommand('axwaySupport.filter', roots[1]);
    await eventually(async () => ((await remote.requests('accounts')).length > 0 ? true : undefined), 'GET /account for the pick');
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    await picking;
    assert.deepStrictEqual((await remote.requests('accounts')).map((r) => r.clientId), [SECOND.clientId]);
    assert.deepStrictEqual(second.view.filter, { state: 'all' }, 'dismissing the pick changes nothing');
    assert.deepStrictEqual([first.view.filter, second.view.filter], [{ state: 'open' }, { state: 'all' }]);

    await vscode.commands.executeCommand('axwaySupport.signOut', a.account === SECOND_ID ? a : b);
    await eventually(() => api.accounts.entries.length === 1 || undefined, 'one account left');
    assert.strictEqual(api.storage.globalState.get(`axwaySupport.listView:${SECOND_ID}`), undefined, 'its list options are gone');
    await vscode.commands.executeCommand('axwaySupport.clearFilter');
    await vscode.commands.executeCommand('axwaySupport.sortBy', 'modified');
  });

  it('the first account signing out leaves the second its own filter, in the model that now shows it', async () => {
    await signInBoth();
    const [, b] = api.tree.getChildren() as AccountNode[];
    await vscode.commands.executeCommand('axwaySupport.filter', b, { state: 'closed' });
    await loaded(api.accounts.entries[1].model);
    await vscode.commands.executeCommand('axwaySupport.signOut', firstId());
    await eventually(() => (api.accounts.entries.length === 1 && api.model.account === SECOND_ID) || undefined, 'the second account alone, in the first model');
    assert.deepStrictEqual(api.model.view.filter, { state: 'closed' }, 'the second account keeps its filter');
    await loaded(api.model);
    const rows = caseRows(api.tree.getChildren());
    assert.ok(rows.length > 0 && rows.every((r) => r.summary.status === 'Closed' && ownerOf(r) === SECOND_ID), rows.map((r) => `${r.summary.caseNumber} ${r.summary.status}`).join(', '));
    // Its cached list may still say "Cached, … Updating…" first: the filter is what this checks.
    assert.match(api.casesView.message ?? '', /Filter: Closed\.$/);
  });

  it('reads a 0.1.0 stored pair as the first account, without a new sign-in', async () => {
    await remote.clearRequests();
    await api.storage.secrets.delete(INDEX_KEY);
    const env = fakeEnv();
    await api.storage.secrets.store(LEGACY_KEY, JSON.stringify({ clientId: env.clientId, clientSecret: env.clientSecret }));
    await waitForState(api, (s) => s.kind !== 'signedOut');
    assert.deepStrictEqual(api.accounts.entries.map((e) => [e.id, e.label]), [[firstId(), env.clientId]]);
    assert.strictEqual(api.model.account, firstId());
    api.tree.getChildren();
    await loaded(api.model);
    assert.ok(caseRows(api.tree.getChildren()).length > 0);
  });

  it('never shows a row of one account under another while accounts come and go quickly', async () => {
    await remote.addSecretClient(SECOND.clientId, SECOND.clientSecret, SECOND_CASES);
    const violations: string[] = [];
    // How many checks saw both accounts with rows: without any, the check proved nothing about mixing.
    let bothWithRows = 0;
    const check = (): void => {
      const top = api.tree.getChildren();
      const groups: { account: string | undefined; rows: CaseNode[] }[] = top.some((n) => n.kind === 'account')
        ? (top as AccountNode[]).map((r) => ({ account: r.account, rows: caseRows(api.tree.getChildren(r)) }))
        : [{ account: api.model.account, rows: caseRows(top) }];
      if (groups.length === 2 && groups.every((g) => g.rows.length > 0)) {
        bothWithRows++;
      }
      for (const { account, rows } of groups) {
        for (const row of rows) {
          if (row.ref.account !== account || ownerOf(row) !== account) {
            violations.push(`"${row.summary.subject}" under ${account ?? 'nobody'}`);
          }
        }
      }
    };
    const sub = api.accounts.onDidChangeAny(check);
    try {
      await signInWithFake(api);
      for (let i = 0; i < 4; i++) {
        const second = api.signIn.attempt(SECOND);
        api.tree.getChildren();
        assert.ok((await second).ok);
        // The first account leaves while the second loads: the second becomes the only (and first) one.
        await vscode.commands.executeCommand('axwaySupport.signOut', firstId());
        api.tree.getChildren();
        assert.ok((await api.signIn.attempt({ clientId: fakeEnv().clientId, clientSecret: fakeEnv().clientSecret })).ok);
        api.tree.getChildren();
        if (i % 2 === 1) {
          // Every other round both lists arrive before the next change, so both roots do show rows at once.
          await Promise.all(api.accounts.entries.map((e) => loaded(e.model)));
        }
        await vscode.commands.executeCommand('axwaySupport.signOut', SECOND_ID);
        api.tree.getChildren();
      }
      await eventually(() => (api.accounts.entries.length === 1 && api.model.account === firstId()) || undefined, 'the first account alone');
      api.tree.getChildren();
      await loaded(api.model);
      check();
      assert.ok(caseRows(api.tree.getChildren()).length > 0);
    } finally {
      sub.dispose();
    }
    assert.deepStrictEqual(violations, []);
    assert.ok(bothWithRows > 0, 'some checks saw both accounts with rows');
  });
});
