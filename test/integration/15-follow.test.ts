// Follow cases in real VS Code against the fake Support API: auto-refresh (with its real timer at a short interval
// set through the Test-mode hook), the awaiting-you status bar item, notifications and their cross-window claim.
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { AxwaySupportTestApi } from '../../src/extension';
import type { CasesState, LoadedState } from '../../src/cases/casesModel';
import { AWAITING_CUSTOMER_STATUS } from '../../src/cases/caseQuery';
import { claimKey, NotificationClaims } from '../../src/follow/notificationClaims';
import type { NotificationDecision } from '../../src/follow/changeNotifications';
import { activated, eventually, fakeRemote, rows, setUserSetting, signInWithFake, signOut, waitForState } from './support';

/** Short enough for a test, long enough that a refresh finishes well within one interval. */
const SHORT_MS = 300;

function isIdleLoaded(s: CasesState): s is LoadedState {
  return s.kind === 'loaded' && s.busy === undefined;
}

/** A modification time the extension has not seen yet, in the API's date form. */
function freshDate(offsetMs = 0): string {
  return new Date(Math.ceil((Date.now() + 60_000 + offsetMs) / 1000) * 1000).toISOString().replace('Z', '+0000');
}

/** Turns the timer off and waits until no refresh runs, so what follows starts from rest. */
async function pause(api: AxwaySupportTestApi): Promise<void> {
  api.follow.autoRefresh.setIntervalOverrideMs(0);
  await waitForState(api, isIdleLoaded);
}

/** Waits for the decision about one case's change (notifications are claimed asynchronously). */
function decisionFor(api: AxwaySupportTestApi, caseNumber: string, after: number): Promise<NotificationDecision> {
  return eventually(() => api.follow.notifications.decisions.slice(after).find((d) => d.caseNumber === caseNumber), `a notification decision for ${caseNumber}`, 15_000);
}

describe('Follow cases: auto-refresh, awaiting you, notifications', () => {
  before(async function () {
    this.timeout(60_000);
    // The integration run keeps the item (and the request that counts for it) off; this suite is about it.
    await setUserSetting('axwaySupport.statusBar.enabled', true);
    await fakeRemote().reset();
    const api = await activated();
    await signInWithFake(api);
    // The view visible: auto-refresh runs while the window is focused or the view visible (a test host may lack focus).
    await vscode.commands.executeCommand('axwaySupport.cases.focus');
    rows(api);
    await waitForState(api, isIdleLoaded);
    await eventually(() => api.follow.autoRefresh.active, 'the view to count as visible');
  });

  afterEach(async () => {
    const api = await activated();
    api.follow.autoRefresh.setIntervalOverrideMs(undefined);
    await setUserSetting('axwaySupport.notifications', undefined);
    await setUserSetting('axwaySupport.statusBar.enabled', true);
    await fakeRemote().clearFaults();
  });

  after(async () => {
    await setUserSetting('axwaySupport.statusBar.enabled', false);
    await fakeRemote().reset();
    await signOut(await activated());
  });

  it('refreshes by itself at the interval and picks up a new and a changed case without a click', async () => {
    const api = await activated();
    await pause(api);
    const listed = (api.model.state as LoadedState).cases;
    const changed = listed[3];
    const remote = fakeRemote();
    await remote.upsertCase({ caseNumber: '07100001', subject: 'Arrived while nobody clicked' });
    await remote.upsertCase({ caseNumber: changed.caseNumber, subject: 'Changed while nobody clicked', status: 'In R&D' });
    const before = api.follow.autoRefresh.autoRefreshCount;
    // The real timer, at a short interval: no refresh command is run here.
    api.follow.autoRefresh.setIntervalOverrideMs(SHORT_MS);
    const state = await waitForState(api, (s) => isIdleLoaded(s) && s.cases.some((c) => c.caseNumber === '07100001') &&
      s.cases.some((c) => c.caseNumber === changed.caseNumber && c.subject === 'Changed while nobody clicked'), 20_000) as LoadedState;
    assert.ok(api.follow.autoRefresh.autoRefreshCount > before, 'the timer ran the refresh');
    assert.strictEqual(state.cases.find((c) => c.caseNumber === changed.caseNumber)?.status, 'In R&D');
    const labels = rows(api).map((r) => r.label);
    assert.ok(labels.includes('07100001 · Arrived while nobody clicked'), 'the tree shows the new case');
  });

  it('an unchanged auto-refresh costs exactly one list request, with two pages loaded', async () => {
    const api = await activated();
    await pause(api);
    await vscode.commands.executeCommand('axwaySupport.loadMore');
    await waitForState(api, (s) => isIdleLoaded(s) && s.pagesLoaded >= 2);
    const remote = fakeRemote();
    await remote.clearRequests();
    const before = api.follow.autoRefresh.autoRefreshCount;
    api.follow.autoRefresh.setIntervalOverrideMs(SHORT_MS);
    await eventually(() => api.follow.autoRefresh.autoRefreshCount >= before + 3, 'three automatic refreshes', 20_000);
    await pause(api);
    const cycles = api.follow.autoRefresh.autoRefreshCount - before;
    const lists = await remote.requests('listCases');
    assert.strictEqual(lists.length, cycles, `${cycles} refreshes sent ${lists.length} list requests: ${lists.map((r) => r.query).join('\n')}`);
    for (const request of lists) {
      const query = new URLSearchParams(request.query).get('query') ?? '';
      assert.match(query, /"updated"/, 'a refresh asks only for what changed');
    }
  });

  it('shows the count of cases awaiting you in the status bar while signed in, hidden by the setting', async () => {
    const api = await activated();
    const expected = (await fakeRemote().listAll()).filter((c) => c.status === AWAITING_CUSTOMER_STATUS).length;
    assert.ok(expected > 0, 'the seed has cases awaiting the customer');
    const shown = await eventually(() => {
      const s = api.follow.statusBar.snapshot;
      return s.visible && s.text.includes(`${expected} awaiting you`) ? s : undefined;
    }, `the status bar to show ${expected}; it shows ${JSON.stringify(api.follow.statusBar.snapshot)}`);
    assert.match(shown.text, /^\$\(bell(-dot)?\) /);
    assert.match(shown.tooltip, /Customer Owns Next Steps/);
    assert.match(shown.ariaLabel, new RegExp(`${expected} cases awaiting you`));
    assert.strictEqual(shown.role, 'button', 'screen readers announce the item as a button (a click shows the cases)');
    await setUserSetting('axwaySupport.statusBar.enabled', false);
    await eventually(() => !api.follow.statusBar.snapshot.visible, 'the item to hide when the setting is off');
    // Hidden, the count costs nothing: a full load (which recounts when shown) sends no counting request.
    const countsBefore = api.follow.awaiting.requestCount;
    await vscode.commands.executeCommand('axwaySupport.reload');
    await waitForState(api, isIdleLoaded);
    assert.strictEqual(api.follow.awaiting.requestCount, countsBefore, 'no request for a count nobody sees');
    await setUserSetting('axwaySupport.statusBar.enabled', undefined);
    await eventually(() => api.follow.statusBar.snapshot.visible, 'the item to come back');
  });

  it('clicking the status bar item shows the view filtered to the cases awaiting you', async () => {
    const api = await activated();
    await pause(api);
    const expected = (await fakeRemote().listAll()).filter((c) => c.status === AWAITING_CUSTOMER_STATUS).map((c) => c.caseNumber);
    await vscode.commands.executeCommand(api.follow.statusBar.command);
    const state = await waitForState(api, (s) => isIdleLoaded(s) && s.cases.length > 0 && s.cases.every((c) => c.status === AWAITING_CUSTOMER_STATUS), 15_000) as LoadedState;
    assert.deepStrictEqual(state.cases.map((c) => c.caseNumber), expected.slice(0, state.cases.length));
    await vscode.commands.executeCommand('axwaySupport.clearFilter');
    await waitForState(api, (s) => isIdleLoaded(s) && s.cases.some((c) => c.status !== AWAITING_CUSTOMER_STATUS), 15_000);
  });

  it('notifies once when a case moves to "Customer Owns Next Steps", and not with "off"', async () => {
    const api = await activated();
    await pause(api);
    const listed = (api.model.state as LoadedState).cases.filter((c) => c.status !== AWAITING_CUSTOMER_STATUS);
    const [first, second] = listed;
    const messagesBefore = api.messages.mark();
    let decisionsBefore = api.follow.notifications.decisions.length;
    await fakeRemote().upsertCase({ caseNumber: first.caseNumber, status: AWAITING_CUSTOMER_STATUS, subject: 'Support waits for you' });
    api.follow.autoRefresh.setIntervalOverrideMs(SHORT_MS);
    const decision = await decisionFor(api, first.caseNumber, decisionsBefore);
    assert.strictEqual(decision.outcome, 'shown');
    const told = api.messages.since(messagesBefore).filter((m) => m.text.includes(first.caseNumber));
    assert.deepStrictEqual(told, [{ severity: 'info', text: `Axway Support: Case ${first.caseNumber} awaits your reply: Support waits for you` }]);
    // The status bar follows: a loaded case moved in, so the count steps up without asking the server again.
    const awaitingNow = (await fakeRemote().listAll()).filter((c) => c.status === AWAITING_CUSTOMER_STATUS).length;
    await eventually(() => api.follow.statusBar.snapshot.text.includes(`${awaitingNow} awaiting you`), `the status bar to show ${awaitingNow}`);
    // Later refreshes do not tell it again.
    const cycles = api.follow.autoRefresh.autoRefreshCount;
    await eventually(() => api.follow.autoRefresh.autoRefreshCount >= cycles + 2, 'two more refreshes', 15_000);
    assert.strictEqual(api.messages.since(messagesBefore).filter((m) => m.text.includes(first.caseNumber)).length, 1);

    await setUserSetting('axwaySupport.notifications', 'off');
    decisionsBefore = api.follow.notifications.decisions.length;
    const quietBefore = api.messages.mark();
    await fakeRemote().upsertCase({ caseNumber: second.caseNumber, status: AWAITING_CUSTOMER_STATUS });
    const quiet = await decisionFor(api, second.caseNumber, decisionsBefore);
    assert.strictEqual(quiet.outcome, 'filtered');
    assert.deepStrictEqual(api.messages.since(quietBefore), [], 'no message with notifications off');
  });

  it('notifies a case that moves to awaiting while the filter hides it (only closed cases shown)', async () => {
    const api = await activated();
    await pause(api);
    await vscode.commands.executeCommand('axwaySupport.filter', { state: 'closed' });
    await waitForState(api, (s) => isIdleLoaded(s) && s.cases.length > 0 && s.cases.every((c) => c.status === 'Closed'), 15_000);
    try {
      // One refresh over the new list first: its answer is what later ones are compared with.
      let cycles = api.follow.autoRefresh.autoRefreshCount;
      api.follow.autoRefresh.setIntervalOverrideMs(SHORT_MS);
      await eventually(() => api.follow.autoRefresh.autoRefreshCount >= cycles + 1, 'a refresh over the closed list', 15_000);
      await pause(api);
      const target = (await fakeRemote().listAll()).find((c) => c.status !== 'Closed' && c.status !== AWAITING_CUSTOMER_STATUS);
      assert.ok(target);
      const messagesBefore = api.messages.mark();
      const decisionsBefore = api.follow.notifications.decisions.length;
      await fakeRemote().upsertCase({ caseNumber: target.caseNumber, status: AWAITING_CUSTOMER_STATUS, subject: 'Waiting behind the filter' });
      api.follow.autoRefresh.setIntervalOverrideMs(SHORT_MS);
      const decision = await decisionFor(api, target.caseNumber, decisionsBefore);
      assert.strictEqual(decision.outcome, 'shown');
      assert.ok(!(api.model.state as LoadedState).cases.some((c) => c.caseNumber === target.caseNumber), 'still hidden by the filter');
      assert.deepStrictEqual(api.messages.since(messagesBefore).filter((m) => m.text.includes(target.caseNumber)), [
        { severity: 'info', text: `Axway Support: Case ${target.caseNumber} awaits your reply: Waiting behind the filter` }
      ]);
      // The hidden case counts for the status bar: its recount (one request of its own) lands before the budget below.
      const awaitingNow = (await fakeRemote().listAll()).filter((c) => c.status === AWAITING_CUSTOMER_STATUS).length;
      await eventually(() => api.follow.statusBar.snapshot.text.includes(`${awaitingNow} awaiting you`), `the status bar to count ${awaitingNow}`, 15_000);
      // Told once, and an unchanged refresh is still one request.
      await pause(api);
      await fakeRemote().clearRequests();
      cycles = api.follow.autoRefresh.autoRefreshCount;
      api.follow.autoRefresh.setIntervalOverrideMs(SHORT_MS);
      await eventually(() => api.follow.autoRefresh.autoRefreshCount >= cycles + 2, 'two more refreshes', 15_000);
      await pause(api);
      const done = api.follow.autoRefresh.autoRefreshCount - cycles;
      assert.strictEqual((await fakeRemote().requests('listCases')).length, done, 'one list request per unchanged refresh');
      assert.strictEqual(api.messages.since(messagesBefore).filter((m) => m.text.includes(target.caseNumber)).length, 1);
    } finally {
      await vscode.commands.executeCommand('axwaySupport.clearFilter');
      await waitForState(api, isIdleLoaded, 15_000);
    }
  });

  it('with "allChanges", several cases changed at once make one grouped notification', async () => {
    const api = await activated();
    await pause(api);
    await setUserSetting('axwaySupport.notifications', 'allChanges');
    const targets = (api.model.state as LoadedState).cases.slice(5, 8).map((c) => c.caseNumber);
    const messagesBefore = api.messages.mark();
    const decisionsBefore = api.follow.notifications.decisions.length;
    for (const caseNumber of targets) {
      await fakeRemote().upsertCase({ caseNumber, subject: `Edited ${caseNumber}` });
    }
    api.follow.autoRefresh.setIntervalOverrideMs(SHORT_MS);
    for (const caseNumber of targets) {
      assert.strictEqual((await decisionFor(api, caseNumber, decisionsBefore)).outcome, 'shown');
    }
    assert.deepStrictEqual(api.messages.since(messagesBefore), [{ severity: 'info', text: 'Axway Support: 3 cases were updated.' }]);
  });

  it('does not notify a change that another window already claimed', async () => {
    const api = await activated();
    await pause(api);
    const folder = api.follow.claimsFolder;
    assert.ok(folder, 'global storage is a local folder');
    const target = (api.model.state as LoadedState).cases.find((c) => c.status !== AWAITING_CUSTOMER_STATUS);
    assert.ok(target);
    const account = api.model.account ?? '';
    const modifiedDate = freshDate();
    // The other window: its own claims object on the same folder, claiming first (it observed the change first).
    const otherWindow = new NotificationClaims(folder);
    assert.strictEqual(await otherWindow.claim(claimKey(account, target.caseNumber, modifiedDate, AWAITING_CUSTOMER_STATUS)), true);
    const messagesBefore = api.messages.mark();
    const decisionsBefore = api.follow.notifications.decisions.length;
    await fakeRemote().upsertCase({ caseNumber: target.caseNumber, status: AWAITING_CUSTOMER_STATUS, modifiedDate });
    api.follow.autoRefresh.setIntervalOverrideMs(SHORT_MS);
    const decision = await decisionFor(api, target.caseNumber, decisionsBefore);
    assert.strictEqual(decision.outcome, 'claimedElsewhere');
    assert.strictEqual(decision.modifiedDate, modifiedDate);
    assert.deepStrictEqual(api.messages.since(messagesBefore).filter((m) => m.text.includes(target.caseNumber)), []);
  });

  it('backs off after failed refreshes, shows the error in the view and no toast, then recovers', async () => {
    const api = await activated();
    await pause(api);
    const remote = fakeRemote();
    await remote.addFault({ target: 'listCases', kind: 'respond', status: 500, body: { code: 'SERVER_ERROR', message: 'Database unavailable' }, headers: { 'X-Troubleshooting-ID': 'tid-follow' } });
    const messagesBefore = api.messages.mark();
    api.follow.autoRefresh.setIntervalOverrideMs(SHORT_MS);
    await eventually(() => api.follow.autoRefresh.failures >= 2, 'two failed refreshes', 20_000);
    const failures = api.follow.autoRefresh.failures;
    assert.strictEqual(api.follow.autoRefresh.delayMs, SHORT_MS * 2 ** failures, 'the wait doubles with each failure');
    const top = rows(api)[0];
    assert.strictEqual(top.kind, 'error');
    assert.match(top.label, /Database unavailable/);
    assert.deepStrictEqual(api.messages.since(messagesBefore), [], 'failures of automatic refreshes show no toast');
    await remote.clearFaults();
    await eventually(() => api.follow.autoRefresh.failures === 0, 'a successful refresh after the fault', 30_000);
    assert.strictEqual(api.follow.autoRefresh.delayMs, SHORT_MS);
    await waitForState(api, (s) => isIdleLoaded(s) && !s.refreshError);
  });

  it('applies a change of the interval setting at once, never shorter than a minute, none at 0', async () => {
    const api = await activated();
    await pause(api);
    api.follow.autoRefresh.setIntervalOverrideMs(undefined);
    try {
      // Through the real setting (no test hook).
      await setUserSetting('axwaySupport.autoRefresh.intervalMinutes', 2);
      await eventually(() => api.follow.autoRefresh.delayMs === 120_000 || undefined, `the delay to follow the setting (it is ${api.follow.autoRefresh.delayMs})`);
      assert.notStrictEqual(api.follow.autoRefresh.nextDueAt, undefined, 'a refresh is scheduled');
      // 0.005 minutes would be a request every 300 ms with the user's token: clamped to a minute.
      await setUserSetting('axwaySupport.autoRefresh.intervalMinutes', 0.005);
      await eventually(() => api.follow.autoRefresh.delayMs === 60_000 || undefined, `the delay to be clamped to a minute (it is ${api.follow.autoRefresh.delayMs})`);
      await setUserSetting('axwaySupport.autoRefresh.intervalMinutes', 0);
      await eventually(() => api.follow.autoRefresh.nextDueAt === undefined || undefined, 'no refresh scheduled at 0');
      assert.strictEqual(api.follow.autoRefresh.delayMs, 0);
    } finally {
      await setUserSetting('axwaySupport.autoRefresh.intervalMinutes', undefined);
    }
  });

  it('pauses while signed out and hides the status bar item', async () => {
    const api = await activated();
    api.follow.autoRefresh.setIntervalOverrideMs(SHORT_MS);
    await eventually(() => api.follow.autoRefresh.nextDueAt !== undefined || api.model.state.kind === 'loaded', 'a scheduled refresh');
    await signOut(api);
    assert.strictEqual(api.follow.autoRefresh.nextDueAt, undefined, 'no refresh is scheduled while signed out');
    assert.strictEqual(api.follow.statusBar.snapshot.visible, false);
    const remote = fakeRemote();
    const countBefore = api.follow.autoRefresh.autoRefreshCount;
    await signInWithFake(api);
    assert.notStrictEqual(api.follow.autoRefresh.nextDueAt, undefined, 'scheduled again after sign-in');
    await eventually(() => api.follow.autoRefresh.autoRefreshCount > countBefore, 'a refresh after signing in again', 15_000);
    await remote.clearRequests();
  });
});
