// Issue 4's fault matrix through the real extension: for every fault, what the user sees (the tree's error row or
// the case panel), which action it offers, that the stored credentials stay (unless the token endpoint said they
// are invalid), that nothing retries in a loop, and that the next refresh after recovery works.
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { AxwaySupportExports } from '../../src/extension';
import type { ApiErrorDetails } from '../../src/api/errors';
import type { CasesState } from '../../src/cases/casesModel';
import { nodesFor } from '../../src/views/casesTreeProvider';
import type { CaseNode, ErrorNode } from '../../src/views/treeNodes';
import { escapeHtml } from '../../src/util/html';
import type { FaultTarget } from '../fake-api/types';
import { FAULT_CASES, FaultCase, MATRIX_ROWS, MatrixRow, Surface } from './faultMatrix';
import { closedPort } from '../support/net';
import {
  credentialsKept, describeErrorRow, firstErrorRow, mib, openCasePanel, panelOf, refreshTree, reloadPanel, requestCounts,
  RequestCounts, SECRET_KEY, settled, userValue, watchHostErrors, writeFigures
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
  readonly troubleshootingId?: string;
  readonly requests: RequestCounts;
  readonly credentials: 'kept' | 'removed';
  readonly recovered: boolean;
  readonly elapsedMs: number;
  readonly memoryGrowthMiB?: number;
}

const TARGETS: Record<Surface, FaultTarget> = { token: 'token', list: 'listCases', get: 'getCase' };

describe('fault matrix through the extension', function () {
  this.timeout(60_000);
  const remote = fakeRemote();
  const records: FaultRecord[] = [];
  const hostErrors = watchHostErrors();
  let api: AxwaySupportExports;
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

  before(async () => {
    await remote.reset();
    api = await activated();
    await signInWithFake(api);
    await ensureLoaded();
    caseNumber = (await remote.listAll())[3].caseNumber;
  });

  afterEach(async () => {
    await remote.clearFaults();
  });

  after(async () => {
    hostErrors.dispose();
    writeFigures('faults', { rows: MATRIX_ROWS, records, hostErrors: hostErrors.errors.length });
    await remote.reset();
    await signOut(api);
  });

  function record(entry: FaultRecord): void {
    records.push(entry);
  }

  /** Injects one matrix entry, checks what the user sees, then removes the fault and checks the recovery. */
  async function runCase(entry: FaultCase): Promise<void> {
    await ensureLoaded();
    const env = fakeEnv();
    const settingKey = entry.setting?.key.split('.')[1];
    const original = settingKey !== undefined ? userValue<string>('axwaySupport', settingKey) : undefined;
    if (entry.surface === 'token' && entry.setting === undefined) {
      // The cached token stops working, as if it expired early: the next API call needs a new one.
      await remote.revokeTokens();
    }
    if (entry.spec !== undefined) {
      await remote.addFault({ ...entry.spec, target: TARGETS[entry.surface], caseNumber: entry.surface === 'get' ? caseNumber : undefined });
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
        if (entry.expect.troubleshootingId !== undefined) {
          assert.strictEqual(error.troubleshootingId, entry.expect.troubleshootingId);
        }
        if (error.troubleshootingId !== undefined) {
          assert.ok(html.includes(`<code>${escapeHtml(error.troubleshootingId)}</code>`), 'the panel shows the troubleshooting id');
        }
        counts = await requestCounts(remote);
        elapsedMs = Date.now() - started;
        await remote.clearFaults();
        if (entry.setting !== undefined) {
          await setUserSetting(entry.setting.key, original);
        }
        if (entry.unknownCase === undefined) {
          recovered = (await reloadPanel(panel)).kind === 'loaded';
          assert.ok(recovered, 'Retry after recovery shows the case');
        } else {
          recovered = true;
        }
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
        if (entry.expect.troubleshootingId !== undefined) {
          assert.strictEqual(error.troubleshootingId, entry.expect.troubleshootingId);
        }
        if (error.troubleshootingId !== undefined) {
          assert.ok(seen.description.includes(`ID ${error.troubleshootingId}`), `the row shows the troubleshooting id: ${seen.description}`);
        }
        counts = await requestCounts(remote);
        elapsedMs = Date.now() - started;
        await remote.clearFaults();
        if (entry.setting !== undefined) {
          await setUserSetting(entry.setting.key, original);
        }
        const after = await refreshTree(api);
        recovered = after[0]?.kind === 'case' && firstErrorRow(after) === undefined;
        assert.ok(recovered, `refresh after recovery: ${after.map((n) => n.kind).join(', ')}`);
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
      requests: counts,
      credentials: 'kept',
      recovered,
      elapsedMs,
      memoryGrowthMiB: entry.row === 'huge' ? mib(Math.max(0, process.memoryUsage().rss - memoryBefore)) : undefined
    });
  }

  describe('every fault as the user meets it', () => {
    for (const entry of FAULT_CASES) {
      it(entry.title, async () => {
        await runCase(entry);
      });
    }
  });

  describe('faults with their own course', () => {
    it('token 401 invalid_client after the secret was rotated: credentials removed, signed out, Sign in offered, no loop', async () => {
      await ensureLoaded();
      const seen: CasesState[] = [];
      const sub = api.model.onDidChange((s) => seen.push(s));
      try {
        await remote.setCredentials({ clientSecret: 'rotated-secret-value-2' });
        await remote.revokeTokens();
        await remote.clearRequests();
        const started = Date.now();
        await vscode.commands.executeCommand('axwaySupport.refresh');
        await waitForState(api, (s) => s.kind === 'signedOut');
        await eventually(async () => (await api.storage.secrets.get(SECRET_KEY)) === undefined, 'the rejected credentials to be removed');
        const elapsedMs = Date.now() - started;
        // Signed out: a further refresh is a no-op, so nothing can loop.
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
        assert.deepStrictEqual(api.tree.getChildren(), [], 'the view shows its welcome content with the Sign in button');
        record({
          row: 'tokenInvalidClient', surface: 'token', title: 'token 401 invalid_client after the secret was rotated: credentials removed, signed out, Sign in offered, no loop',
          fault: 'secret rotated on the server, cached token revoked → POST token 401 invalid_client',
          kind: row.error.kind, message: row.error.message, action: describeErrorRow(row).action, requests: counts, credentials: 'removed', recovered: false, elapsedMs
        });
      } finally {
        sub.dispose();
        await remote.reset();
      }
      await signInWithFake(api);
      await ensureLoaded();
      records[records.length - 1] = { ...records[records.length - 1], recovered: api.tree.getChildren()[0]?.kind === 'case' };
      assert.ok(records[records.length - 1].recovered, 'signing in again loads the cases');
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
      record({
        row: 'api401Once', surface: 'list', title: 'API 401 mid-session: one new token, one retry, the list loads without the user noticing',
        fault: 'cached token revoked on the server → GET /case 401', kind: 'none (success)', message: '(no message: the cases load)', action: '-', requests: counts,
        credentials: 'kept', recovered: true, elapsedMs: Date.now() - started
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
      panel.dispose();
      record({
        row: 'api401Once', surface: 'get', title: 'API 401 mid-session on a case: one new token, one retry, the case loads',
        fault: 'cached token revoked on the server → GET /case/{n} 401', kind: 'none (success)', message: '(no message: the case loads)', action: '-', requests: counts,
        credentials: 'kept', recovered: true, elapsedMs: Date.now() - started
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
      assert.strictEqual(counts.listCases, 2);
      assert.ok(elapsedMs >= 950 && elapsedMs < 5000, `waited ${elapsedMs} ms for Retry-After: 1`);
      record({
        row: 'rateLimited', surface: 'list', title: '429 with a short Retry-After: waits as told, once, then shows the cases',
        fault: 'GET /case → 429, Retry-After: 1', kind: 'none (success after the wait)', message: '(no message: the cases load)', action: '-', requests: counts,
        credentials: 'kept', recovered: true, elapsedMs
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
      for (const { ms } of [list, get, token]) {
        assert.ok(ms >= 14_500 && ms < 18_000, `gave up after ${ms} ms`);
      }
      const counts = await requestCounts(remote);
      assert.deepStrictEqual(counts, { token: 1, listCases: 1, getCase: 1 });
      assert.ok(await credentialsKept(api));
      const listRecovered = (await refreshTree(api))[0]?.kind === 'case';
      const getRecovered = (await reloadPanel(get.value)).kind === 'loaded';
      get.value.dispose();
      assert.ok(listRecovered && getRecovered);
      record({
        row: 'network', surface: 'list', title: 'timeouts: list, case and token requests give up at the 15 s timeout, not later', fault: 'GET /case never answers (the three hang at once)',
        kind: listRow.error.kind, message: listRow.error.message, action: describeErrorRow(listRow).action, requests: counts, credentials: 'kept', recovered: listRecovered, elapsedMs: list.ms
      });
      record({
        row: 'network', surface: 'get', title: 'timeouts: list, case and token requests give up at the 15 s timeout, not later', fault: 'GET /case/{n} never answers (the three hang at once)',
        kind: 'timeout', message: panelState.kind === 'error' ? panelState.error.message : '', action: 'Retry', requests: counts, credentials: 'kept', recovered: getRecovered, elapsedMs: get.ms
      });
      record({
        row: 'network', surface: 'token', title: 'timeouts: list, case and token requests give up at the 15 s timeout, not later', fault: 'POST token never answers, during a sign-in (the three hang at once)',
        kind: 'timeout', message: tokenError?.message ?? '', action: 'Try Again (sign-in prompt)', requests: counts, credentials: 'kept', recovered: true, elapsedMs: token.ms
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
        ['(no subject)', '1314580 · Unknown status'],
        ['12345', '01300001 · In Support']
      ]);
      assert.ok(!nodes.some((n) => n.kind === 'error' || n.kind === 'loadMore'), nodes.map((n) => n.kind).join(', '));
      assert.ok(cases.every((n) => n.tooltip instanceof vscode.MarkdownString));
      const recovered = (await refreshTree(api))[0]?.kind === 'case';
      record({
        row: 'badBodies', surface: 'list', title: 'list JSON with null fields and numbers as strings: rendered tolerantly',
        fault: 'GET /case → 200 with nulls, numbers for strings, non-object entries', kind: 'none (tolerant rendering)', message: '2 rows: "(no subject)", "12345"', action: '-',
        requests: await requestCounts(remote), credentials: 'kept', recovered, elapsedMs: Date.now() - started
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
      const recovered = (await reloadPanel(panel)).kind === 'loaded';
      panel.dispose();
      record({
        row: 'badBodies', surface: 'get', title: 'case JSON with null fields and odd types: rendered tolerantly',
        fault: 'GET /case/{n} → 200 with nulls, strings for objects, objects for lists', kind: 'none (tolerant rendering)', message: 'placeholders such as "(no subject)"', action: '-',
        requests: await requestCounts(remote), credentials: 'kept', recovered, elapsedMs: Date.now() - started
      });
    });
  });

  it('let no error escape into the extension host while the faults ran', () => {
    assert.deepStrictEqual(hostErrors.errors, []);
  });
});
