// Issue 4's fault matrix through the real extension: for every fault, what the user sees (the tree's error row or
// the case panel), which action it offers, that the stored credentials stay (unless the token endpoint said they
// are invalid), that nothing retries in a loop, and that the next refresh after recovery works.
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { AxwaySupportTestApi } from '../../src/extension';
import type { ApiErrorDetails } from '../../src/api/errors';
import type { CasesState } from '../../src/cases/casesModel';
import { nodesFor } from '../../src/views/casesTreeProvider';
import type { CaseNode, ErrorNode } from '../../src/views/treeNodes';
import { escapeHtml } from '../../src/util/html';
import type { FaultTarget } from '../fake-api/types';
import { FAULT_CASES, FaultCase, MATRIX_ROWS, MatrixRow, Surface } from './faultMatrix';
import { closedPort } from '../support/net';
import {
  credentialsKept, describeErrorRow, detectHostErrors, firstErrorRow, mib, openCasePanel, panelOf, refreshTree, reloadPanel,
  requestCounts, RequestCounts, SECRET_KEY, settled, userValue, watchHostErrors, writeFigures
} from './reliability';
import { activated, eventually, fakeEnv, fakeRemote, rows, setUserSetting, signInWithFake, signOut, waitForState } from './support';

/** One proven row of the matrix, as docs/reliability.md reports it. */
interface FaultRecord {
  readonly row: MatrixRow;
  readonly surface: Surface;
  readonly title: string;
  readonly fault: string;
  readonly kind: string;
  readonly message: string;
  readonly action: string;
  /** The troubleshooting id the user was shown, and what the fault's answer carried ('none' when it carried none). */
  readonly troubleshootingId?: string;
  readonly troubleshootingIdSent?: 'none' | 'fixed' | 'random';
  readonly requests: RequestCounts;
  readonly credentials: 'kept' | 'quarantined';
  /** Measured: with the fault removed, one Refresh (or the panel's Retry, or a sign-in) worked. */
  readonly recovered: boolean;
  readonly elapsedMs: number;
  readonly memoryGrowthMiB?: number;
}

/** How one test of this file ended, for the report (a failed test makes the generator fail). */
interface TestOutcome {
  readonly title: string;
  readonly state: string;
}

const TARGETS: Record<Surface, FaultTarget> = { token: 'token', list: 'listCases', get: 'getCase' };
const TROUBLESHOOTING_HEADER = 'X-Troubleshooting-ID';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The troubleshooting id a fault's answer carries. The fake puts a random one on every Support API answer and none
 * on the token endpoint's; an answer of the API gets a fixed id here (unless the entry sets or removes one), so the
 * test can demand exactly that id on screen. No answer (a hang, a closed port, DNS) carries none.
 */
type SentId = { readonly kind: 'none' } | { readonly kind: 'fixed'; readonly id: string } | { readonly kind: 'random' };

function idSentBy(entry: FaultCase, index: number): { spec?: FaultCase['spec']; sent: SentId } {
  if (entry.unknownCase !== undefined) {
    // The fake's own 404 for a case it does not know: its random UUID.
    return { sent: { kind: 'random' } };
  }
  const spec = entry.spec;
  if (spec === undefined || spec.kind === 'hang') {
    return { spec, sent: { kind: 'none' } };
  }
  const set = spec.headers?.[TROUBLESHOOTING_HEADER];
  if (typeof set === 'string') {
    return { spec, sent: { kind: 'fixed', id: set } };
  }
  if (set === null || entry.surface === 'token') {
    return { spec, sent: { kind: 'none' } };
  }
  const id = `tid-${entry.surface}-${entry.row}-${index}`;
  return { spec: { ...spec, headers: { ...spec.headers, [TROUBLESHOOTING_HEADER]: id } }, sent: { kind: 'fixed', id } };
}

/** The answer's id must reach the user exactly; an answer without one must not show one. */
function assertTroubleshootingId(sent: SentId, shown: string | undefined, visible: (id: string) => boolean): void {
  switch (sent.kind) {
    case 'none':
      assert.strictEqual(shown, undefined, 'the answer carried no troubleshooting id, yet one is shown');
      return;
    case 'fixed':
      assert.strictEqual(shown, sent.id, 'the troubleshooting id of the answer');
      break;
    case 'random':
      assert.ok(shown !== undefined && UUID.test(shown), `the fake's troubleshooting id (a UUID), got ${String(shown)}`);
      break;
  }
  assert.ok(visible(shown), `the troubleshooting id ${shown} is on screen`);
}

describe('fault matrix through the extension', function () {
  this.timeout(60_000);
  const remote = fakeRemote();
  const records: FaultRecord[] = [];
  const outcomes: TestOutcome[] = [];
  const hostErrors = watchHostErrors();
  let api: AxwaySupportTestApi;
  let caseNumber: string;

  async function ensureLoaded(): Promise<void> {
    if (api.model.state.kind === 'signedOut') {
      await signInWithFake(api);
    }
    rows(api);
    await waitForState(api, (s) => s.kind === 'loaded' && s.busy === undefined);
    const state = api.model.state;
    if (state.kind === 'loaded' && (state.refreshError !== undefined || state.loadMoreError !== undefined)) {
      await refreshTree(api);
    }
  }

  /** Recovery, measured: the tree's next Refresh shows cases and no error row. */
  async function treeRecovers(): Promise<boolean> {
    const after = await refreshTree(api);
    return after[0]?.kind === 'case' && firstErrorRow(after) === undefined;
  }

  before(async () => {
    await remote.reset();
    api = await activated();
    await signInWithFake(api);
    await ensureLoaded();
    caseNumber = (await remote.listAll())[3].caseNumber;
  });

  afterEach(async function () {
    outcomes.push({ title: this.currentTest?.title ?? '', state: this.currentTest?.state ?? 'unknown' });
    await remote.clearFaults();
  });

  after(async () => {
    hostErrors.dispose();
    writeFigures('faults', { rows: MATRIX_ROWS, records, tests: outcomes, hostErrors: hostErrors.errors.length });
    await remote.reset();
    await signOut(api);
  });

  function record(entry: FaultRecord): void {
    records.push(entry);
  }

  /** Injects one matrix entry, checks what the user sees, then removes the fault and checks the recovery. */
  async function runCase(entry: FaultCase, index: number): Promise<void> {
    await ensureLoaded();
    const env = fakeEnv();
    const settingKey = entry.setting?.key.split('.')[1];
    const original = settingKey !== undefined ? userValue<string>('axwaySupport', settingKey) : undefined;
    const { spec, sent } = idSentBy(entry, index);
    if (entry.surface === 'token' && entry.setting === undefined) {
      // The cached token stops working, as if it expired early: the next API call needs a new one.
      await remote.revokeTokens();
    }
    if (spec !== undefined) {
      await remote.addFault({ ...spec, target: TARGETS[entry.surface], caseNumber: entry.surface === 'get' ? caseNumber : undefined });
    }
    if (entry.setting !== undefined) {
      await setUserSetting(entry.setting.key, entry.setting.value(env, await closedPort()));
    }
    await remote.clearRequests();
    const memoryBefore = process.memoryUsage().rss;
    const started = Date.now();
    let error: ApiErrorDetails;
    let action: string;
    let counts: RequestCounts;
    let elapsedMs: number;
    let recovered: boolean;
    const panelNumber = entry.unknownCase ?? caseNumber;
    try {
      if (entry.surface === 'get') {
        const number = entry.unknownCase ?? caseNumber;
        const panel = await openCasePanel(api, number);
        const state = panel.state;
        assert.strictEqual(state.kind, 'error', `the panel of ${number} shows ${state.kind}`);
        error = state.error;
        const html = panel.html;
        assert.match(html, /data-state="error"/);
        assert.ok(html.includes(escapeHtml(error.message)), 'the panel shows the message');
        assert.match(html, /data-action="refresh"/, 'the panel offers Retry');
        action = html.includes('data-action="signIn"') ? 'Sign in' : 'Retry';
        assertTroubleshootingId(sent, error.troubleshootingId, (id) => html.includes(`<code>${escapeHtml(id)}</code>`));
        counts = await requestCounts(remote);
        elapsedMs = Date.now() - started;
        await remote.clearFaults();
        if (entry.setting !== undefined) {
          await setUserSetting(entry.setting.key, original);
        }
        if (entry.unknownCase !== undefined) {
          // The fault is the missing case: once the case exists, the same tab's Retry must show it.
          await remote.upsertCase({ caseNumber: entry.unknownCase, subject: 'The case that was missing' });
        }
        try {
          recovered = (await reloadPanel(panel)).kind === 'loaded';
        } finally {
          if (entry.unknownCase !== undefined) {
            await remote.removeCase(entry.unknownCase);
          }
        }
        assert.ok(recovered, `Retry after recovery shows the case: ${panel.state.kind}`);
        panel.dispose();
      } else {
        const nodes = await refreshTree(api);
        const row = firstErrorRow(nodes);
        assert.ok(row, `no error row; rows: ${nodes.map((n) => n.kind).join(', ')}`);
        assert.strictEqual(nodes[0], row, 'the error row is on top');
        assert.ok(nodes.some((n) => n.kind === 'case'), 'the cases loaded before stay visible');
        error = row.error;
        const seen = describeErrorRow(row);
        action = seen.action;
        assert.strictEqual(seen.command, action === 'Sign in' ? 'axwaySupport.signIn' : 'axwaySupport.refresh');
        assertTroubleshootingId(sent, error.troubleshootingId, (id) => seen.description.includes(`ID ${id}`));
        counts = await requestCounts(remote);
        elapsedMs = Date.now() - started;
        await remote.clearFaults();
        if (entry.setting !== undefined) {
          await setUserSetting(entry.setting.key, original);
        }
        recovered = await treeRecovers();
        assert.ok(recovered, `refresh after recovery: ${api.tree.getChildren().map((n) => n.kind).join(', ')}`);
      }
    } finally {
      if (entry.setting !== undefined) {
        await setUserSetting(entry.setting.key, original);
      }
      panelOf(api, panelNumber)?.dispose();
    }
    assert.strictEqual(error.kind, entry.expect.kind, error.message);
    for (const [target, count] of Object.entries(entry.expect.requests) as [keyof RequestCounts, number][]) {
      assert.strictEqual(counts[target], count, `${target} requests: ${JSON.stringify(counts)}`);
    }
    assert.match(error.message, entry.expect.message);
    assert.strictEqual(action, entry.expect.action);
    assert.ok(await credentialsKept(api), 'the stored credentials were kept');
    record({
      row: entry.row,
      surface: entry.surface,
      title: entry.title,
      fault: entry.fault,
      kind: error.kind,
      message: error.message,
      action,
      troubleshootingId: error.troubleshootingId,
      troubleshootingIdSent: sent.kind,
      requests: counts,
      credentials: 'kept',
      recovered,
      elapsedMs,
      memoryGrowthMiB: entry.row === 'huge' ? mib(Math.max(0, process.memoryUsage().rss - memoryBefore)) : undefined
    });
  }

  describe('every fault as the user meets it', () => {
    FAULT_CASES.forEach((entry, index) => {
      it(entry.title, async () => {
        await runCase(entry, index);
      });
    });
  });

  describe('faults with their own course', () => {
    it('token 401 invalid_client after the secret was rotated: credentials quarantined, Sign in offered, no loop', async () => {
      await ensureLoaded();
      const seen: CasesState[] = [];
      const sub = api.model.onDidChange((s) => seen.push(s));
      let failure: Omit<FaultRecord, 'recovered'>;
      try {
        await remote.setCredentials({ clientSecret: 'rotated-secret-value-2' });
        await remote.revokeTokens();
        await remote.clearRequests();
        const started = Date.now();
        await vscode.commands.executeCommand('axwaySupport.refresh');
        await eventually(() => (api.accounts.entries[0]?.refused === true ? true : undefined), 'the rejected credentials to be quarantined');
        assert.ok((await api.storage.secrets.get(SECRET_KEY))?.includes('"refused":true'), 'kept in SecretStorage, marked refused');
        const elapsedMs = Date.now() - started;
        // Quarantined: a further refresh sends nothing, so nothing can loop.
        await vscode.commands.executeCommand('axwaySupport.refresh');
        const counts = await requestCounts(remote);
        assert.deepStrictEqual({ token: counts.token, listCases: counts.listCases }, { token: 1, listCases: 1 });
        const failed = seen.find((s) => s.kind === 'loaded' && s.refreshError !== undefined);
        assert.ok(failed, `states: ${seen.map((s) => s.kind).join(', ')}`);
        const row = nodesFor(failed)[0] as ErrorNode;
        assert.strictEqual(row.kind, 'error');
        assert.strictEqual(row.error.kind, 'credentialsRejected');
        assert.match(row.error.message, /client ID or client secret was rejected by the Axway sign-in service \(invalid_client\)/);
        assert.strictEqual(row.command?.command, 'axwaySupport.signIn');
        assert.deepStrictEqual(api.tree.getChildren().map((n) => [n.kind, n.command?.command]), [['refused', 'axwaySupport.signIn']], 'the refused row offers Sign in');
        // The token endpoint's answers carry no troubleshooting id; none may be made up.
        assertTroubleshootingId({ kind: 'none' }, row.error.troubleshootingId, () => false);
        failure = {
          row: 'tokenInvalidClient', surface: 'token', title: 'token 401 invalid_client after the secret was rotated: credentials quarantined, Sign in offered, no loop',
          fault: 'secret rotated on the server, cached token revoked → POST token 401 invalid_client',
          kind: row.error.kind, message: row.error.message, action: describeErrorRow(row).action, troubleshootingIdSent: 'none', requests: counts, credentials: 'quarantined', elapsedMs
        };
      } finally {
        sub.dispose();
        await remote.reset();
      }
      // Recovery, measured: signing in again (the secret is valid again after the reset) loads the cases.
      await signInWithFake(api);
      await ensureLoaded();
      const recovered = api.tree.getChildren()[0]?.kind === 'case';
      assert.ok(recovered, 'signing in again loads the cases');
      record({ ...failure, recovered });
    });

    it('API 401 mid-session: one new token, one retry, the list loads without the user noticing', async () => {
      await ensureLoaded();
      await remote.revokeTokens();
      await remote.clearRequests();
      const started = Date.now();
      const nodes = await refreshTree(api);
      const counts = await requestCounts(remote);
      assert.strictEqual(nodes[0].kind, 'case');
      assert.strictEqual(firstErrorRow(nodes), undefined);
      assert.deepStrictEqual({ token: counts.token, listCases: counts.listCases }, { token: 1, listCases: 2 });
      assert.ok(await credentialsKept(api));
      const elapsedMs = Date.now() - started;
      const recovered = await treeRecovers();
      assert.ok(recovered, 'the next refresh works with the new token');
      record({
        row: 'api401Once', surface: 'list', title: 'API 401 mid-session: one new token, one retry, the list loads without the user noticing',
        fault: 'cached token revoked on the server → GET /case 401', kind: 'none (success)', message: '(no message: the cases load)', action: '-', requests: counts,
        credentials: 'kept', recovered, elapsedMs
      });
    });

    it('API 401 mid-session on a case: one new token, one retry, the case loads', async () => {
      await ensureLoaded();
      await remote.revokeTokens();
      await remote.clearRequests();
      const started = Date.now();
      const panel = await openCasePanel(api, caseNumber);
      const counts = await requestCounts(remote);
      assert.strictEqual(panel.state.kind, 'loaded');
      assert.deepStrictEqual({ token: counts.token, getCase: counts.getCase }, { token: 1, getCase: 2 });
      const elapsedMs = Date.now() - started;
      const recovered = (await reloadPanel(panel)).kind === 'loaded';
      panel.dispose();
      assert.ok(recovered, "the panel's next Refresh works with the new token");
      record({
        row: 'api401Once', surface: 'get', title: 'API 401 mid-session on a case: one new token, one retry, the case loads',
        fault: 'cached token revoked on the server → GET /case/{n} 401', kind: 'none (success)', message: '(no message: the case loads)', action: '-', requests: counts,
        credentials: 'kept', recovered, elapsedMs
      });
    });

    it('429 with a short Retry-After: waits as told, once, then shows the cases', async () => {
      await ensureLoaded();
      await remote.addFault({ target: 'listCases', kind: 'respond', status: 429, headers: { 'Retry-After': '1' }, times: 1 });
      await remote.clearRequests();
      const started = Date.now();
      const nodes = await refreshTree(api);
      const elapsedMs = Date.now() - started;
      const counts = await requestCounts(remote);
      assert.strictEqual(nodes[0].kind, 'case');
      assert.strictEqual(counts.listCases, 2, 'one 429, then exactly one retry');
      // Waited as told: the retry left at least the Retry-After second after the 429 was sent (the fake's clock);
      // how much later a busy machine sends it is not asserted.
      const [limited, retry] = await remote.requests('listCases');
      assert.strictEqual(limited.status, 429);
      assert.strictEqual(retry.status, 200);
      assert.ok(limited.endedAt !== undefined && retry.startedAt - limited.endedAt >= 950, `the retry left ${retry.startedAt - (limited.endedAt ?? 0)} ms after the 429`);
      const recovered = await treeRecovers();
      assert.ok(recovered, 'the next refresh works');
      record({
        row: 'rateLimited', surface: 'list', title: '429 with a short Retry-After: waits as told, once, then shows the cases',
        fault: 'GET /case → 429, Retry-After: 1', kind: 'none (success after the wait)', message: '(no message: the cases load)', action: '-', requests: counts,
        credentials: 'kept', recovered, elapsedMs
      });
    });

    it('timeouts: list, case and token requests give up at the 15 s timeout, not later', async function () {
      this.timeout(45_000);
      await ensureLoaded();
      const env = fakeEnv();
      await remote.addFault({ target: 'listCases', kind: 'hang', times: 1 });
      await remote.addFault({ target: 'getCase', kind: 'hang', caseNumber, times: 1 });
      await remote.addFault({ target: 'token', kind: 'hang', times: 1 });
      await remote.clearRequests();
      const timed = async <T>(work: () => Promise<T>): Promise<{ value: T; ms: number }> => {
        const started = Date.now();
        const value = await work();
        return { value, ms: Date.now() - started };
      };
      // The three hang at once, so the suite pays for one timeout, not three.
      const [list, get, token] = await Promise.all([
        timed(() => refreshTree(api)),
        timed(async () => {
          await vscode.commands.executeCommand('axwaySupport.openCase', caseNumber);
          const panel = panelOf(api, caseNumber);
          assert.ok(panel);
          await settled(panel, 40_000);
          return panel;
        }),
        timed(() => api.signIn.attempt({ clientId: env.clientId, clientSecret: env.clientSecret }))
      ]);
      const listRow = firstErrorRow(list.value);
      assert.ok(listRow);
      assert.strictEqual(listRow.error.kind, 'timeout');
      assert.match(listRow.error.message, /The Support API \(127\.0\.0\.1:\d+\) did not answer within 15 s\./);
      const panelState = get.value.state;
      assert.ok(panelState.kind === 'error' && panelState.error.kind === 'timeout', panelState.kind);
      assert.ok(!token.value.ok);
      const tokenError = token.value.ok ? undefined : (token.value.error as ApiErrorDetails);
      assert.strictEqual(tokenError?.kind, 'timeout');
      assert.match(tokenError?.message ?? '', /The Axway sign-in service \(127\.0\.0\.1:\d+\) did not answer within 15 s\./);
      // None gave up early (timers never fire early); "not later" is what the fake saw: one request each (no retry),
      // each closed by the extension while the fake still held it unanswered, and the message names the 15 s.
      // How much later than 15 s a busy machine gets there is not asserted (the test's timeout is the hang guard).
      for (const { ms } of [list, get, token]) {
        assert.ok(ms >= 14_500, `gave up after ${ms} ms, before the 15 s timeout`);
      }
      const counts = await requestCounts(remote);
      assert.deepStrictEqual(counts, { token: 1, listCases: 1, getCase: 1 });
      for (const request of await remote.requests()) {
        if (request.target === 'token' || request.target === 'listCases' || request.target === 'getCase') {
          assert.strictEqual(request.status, 0, `${request.target} was answered (${request.status}), not given up by the extension`);
        }
      }
      await eventually(async () => (await remote.requests()).every((r) => r.endedAt !== undefined), 'the extension to close the three hanging requests');
      for (const shown of [listRow.error.troubleshootingId, panelState.kind === 'error' ? panelState.error.troubleshootingId : undefined, tokenError?.troubleshootingId]) {
        assertTroubleshootingId({ kind: 'none' }, shown, () => false);
      }
      assert.ok(await credentialsKept(api));
      // Recovery, measured for each: a Refresh, the panel's Retry, and the same sign-in again.
      const listRecovered = await treeRecovers();
      const getRecovered = (await reloadPanel(get.value)).kind === 'loaded';
      get.value.dispose();
      const tokenRecovered = (await api.signIn.attempt({ clientId: env.clientId, clientSecret: env.clientSecret })).ok;
      assert.deepStrictEqual({ listRecovered, getRecovered, tokenRecovered }, { listRecovered: true, getRecovered: true, tokenRecovered: true });
      record({
        row: 'network', surface: 'list', title: 'timeouts: list, case and token requests give up at the 15 s timeout, not later', fault: 'GET /case never answers (the three hang at once)',
        kind: listRow.error.kind, message: listRow.error.message, action: describeErrorRow(listRow).action, troubleshootingIdSent: 'none', requests: counts, credentials: 'kept', recovered: listRecovered, elapsedMs: list.ms
      });
      record({
        row: 'network', surface: 'get', title: 'timeouts: list, case and token requests give up at the 15 s timeout, not later', fault: 'GET /case/{n} never answers (the three hang at once)',
        kind: 'timeout', message: panelState.kind === 'error' ? panelState.error.message : '', action: 'Retry', troubleshootingIdSent: 'none', requests: counts, credentials: 'kept', recovered: getRecovered, elapsedMs: get.ms
      });
      record({
        row: 'network', surface: 'token', title: 'timeouts: list, case and token requests give up at the 15 s timeout, not later', fault: 'POST token never answers, during a sign-in (the three hang at once)',
        kind: 'timeout', message: tokenError?.message ?? '', action: 'Try Again (sign-in prompt)', troubleshootingIdSent: 'none', requests: counts, credentials: 'kept', recovered: tokenRecovered, elapsedMs: token.ms
      });
    });

    it('list JSON with null fields and numbers as strings: rendered tolerantly', async () => {
      await ensureLoaded();
      await remote.addFault({
        target: 'listCases', kind: 'respond', status: 200, times: 1,
        body: {
          totalCount: '2', limit: '20', offset: '0',
          cases: [
            { caseNumber: 1314580, subject: null, status: null, severity: 2, type: null, createdDate: 1626957156000, modifiedDate: 'yesterday', closedDate: null },
            { caseNumber: '01300001', subject: 12345, status: 'In Support', severity: '3 - Important', createdDate: null, modifiedDate: null },
            null, 'junk', 7
          ]
        }
      });
      await remote.clearRequests();
      const started = Date.now();
      const nodes = await refreshTree(api);
      const cases = nodes.filter((n): n is CaseNode => n.kind === 'case');
      assert.deepStrictEqual(cases.map((n) => [n.label, n.description]), [
        ['1314580 · (no subject)', 'Unknown status'],
        ['01300001 · 12345', 'In Support']
      ]);
      assert.ok(!nodes.some((n) => n.kind === 'error' || n.kind === 'loadMore'), nodes.map((n) => n.kind).join(', '));
      assert.ok(cases.every((n) => n.tooltip instanceof vscode.MarkdownString));
      const requests = await requestCounts(remote);
      const elapsedMs = Date.now() - started;
      const recovered = await treeRecovers();
      assert.ok(recovered, 'the next refresh shows the real cases');
      record({
        row: 'badBodies', surface: 'list', title: 'list JSON with null fields and numbers as strings: rendered tolerantly',
        fault: 'GET /case → 200 with nulls, numbers for strings, non-object entries', kind: 'none (tolerant rendering)', message: '2 rows: "(no subject)", "12345"', action: '-',
        requests, credentials: 'kept', recovered, elapsedMs
      });
    });

    it('case JSON with null fields and odd types: rendered tolerantly', async () => {
      await ensureLoaded();
      await remote.addFault({
        target: 'getCase', kind: 'respond', status: 200, caseNumber, times: 1,
        body: {
          caseNumber: null, subject: null, status: 7, severity: null, notes: 'just a string note', attachments: { name: 'single-attachment.log' },
          contact: 'jane@example.com', product: 'API Gateway', account: null, description: null, customerEnhancementRequest: 'Planned', createdDate: 'not a date'
        }
      });
      await remote.clearRequests();
      const started = Date.now();
      const panel = await openCasePanel(api, caseNumber);
      assert.strictEqual(panel.state.kind, 'loaded');
      for (const text of ['(no subject)', 'just a string note', 'single-attachment.log', 'jane@example.com', 'API Gateway', 'Planned']) {
        assert.ok(panel.html.includes(text), `${text} missing`);
      }
      const requests = await requestCounts(remote);
      const elapsedMs = Date.now() - started;
      const recovered = (await reloadPanel(panel)).kind === 'loaded';
      panel.dispose();
      assert.ok(recovered, "the panel's next Refresh shows the real case");
      record({
        row: 'badBodies', surface: 'get', title: 'case JSON with null fields and odd types: rendered tolerantly',
        fault: 'GET /case/{n} → 200 with nulls, strings for objects, objects for lists', kind: 'none (tolerant rendering)', message: 'placeholders such as "(no subject)"', action: '-',
        requests, credentials: 'kept', recovered, elapsedMs
      });
    });
  });

  // Mocha runs a suite's own tests before its child suites: this check lives in the last child so that it runs after
  // every fault above (a test directly in this describe would run first and pass before any fault was injected).
  describe('afterwards', () => {
    it('let no error escape into the extension host while the faults ran', () => {
      assert.ok(outcomes.length >= FAULT_CASES.length, `the check ran after ${outcomes.length} of the fault tests`);
      assert.deepStrictEqual(hostErrors.errors, []);
    });
  });
});

// The check above can fail: the same detector, in this extension host, sees a rejection that nobody handles.
describe('the escaped-error detector of the reliability tests', () => {
  it('sees an unhandled rejection planted in the extension host', async () => {
    const detector = detectHostErrors();
    try {
      const marker = `planted rejection ${Date.now()}`;
      void Promise.reject(new Error(marker));
      await eventually(() => detector.errors.some((e) => e.startsWith('unhandledRejection: Error: ' + marker)), 'the detector to see the planted rejection');
    } finally {
      detector.dispose();
    }
  });
});
