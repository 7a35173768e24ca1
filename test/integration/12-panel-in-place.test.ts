// The case tab updates in place (issue 7, section 5) and belongs to an account (sections 3 and 10), in real VS Code
// against the fake Support API: the HTML is written once and every state reaches the page as a message that the
// page renders; the request behind a tab is cancelled on close, on Refresh and on sign-out (the fake sees the
// aborted connection); restored tabs close or load by the signed-in account, whatever the order of startup events.
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { AxwaySupportTestApi } from '../../src/extension';
import type { CaseRef } from '../../src/cases/caseRef';
import type { CasePanel } from '../../src/views/caseTab/casePanel';
import { CasePanelManager } from '../../src/views/caseTab/casePanelManager';
import type { PanelContent } from '../../src/views/caseTab/renderCase';
import type { RequestRecord } from '../fake-api/types';
import { settled } from './reliability';
import { eventually, eventWhere, extension, fakeRemote, freshlySignedIn, signInWithFake, signOut } from './support';

const VIEW_TYPE = 'axwaySupport.case';

/** Resolves once the page in the webview reports the state `seq` (or a newer one) on screen. */
async function pageRendered(panel: CasePanel, seq: number, timeoutMs = 20_000): Promise<void> {
  await eventWhere(panel.onDidPageRender, (rendered) => rendered >= seq, {
    current: panel.pageRenderedSeq,
    timeoutMs,
    failure: () => `the page did not render state ${seq} within ${timeoutMs} ms (last rendered: ${panel.pageRenderedSeq})`
  });
}

/** The getCase requests the fake saw for one case number. */
async function getCaseRequests(caseNumber: string): Promise<RequestRecord[]> {
  const encoded = `/case/${encodeURIComponent(caseNumber)}`;
  return (await fakeRemote().requests('getCase')).filter((r) => r.path.endsWith(encoded));
}

/** Waits until the fake has `count` getCase requests for the case, and returns them (oldest first). */
function requestsArrived(caseNumber: string, count: number): Promise<RequestRecord[]> {
  return eventually(async () => {
    const list = await getCaseRequests(caseNumber);
    return list.length >= count ? list : undefined;
  }, `${count} getCase request(s) for ${caseNumber}`, 20_000);
}

/** Waits until the fake saw the client drop the `index`-th request of the case. */
function abortSeen(caseNumber: string, index = 0): Promise<RequestRecord> {
  return eventually(async () => {
    const record = (await getCaseRequests(caseNumber))[index];
    return record?.aborted === true ? record : undefined;
  }, `the fake to see request ${index} for ${caseNumber} aborted`, 20_000);
}

function deferred<T>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

/** A second manager wired like the extension's, but with a `currentAccount` the test controls. */
function managerWith(api: AxwaySupportTestApi, currentAccount: () => Promise<string | undefined>): CasePanelManager {
  return new CasePanelManager({
    extensionUri: extension().extensionUri,
    api: () => api.network.api(),
    logger: api.logger,
    telemetry: api.telemetry,
    openPortal: () => Promise.resolve(),
    report: (what, err) => api.messages.report(what, err),
    signIn: () => Promise.resolve(),
    currentAccount
  });
}

function newTab(title = 'Case (restoring)'): { panel: vscode.WebviewPanel; disposed: () => boolean } {
  const panel = vscode.window.createWebviewPanel(VIEW_TYPE, title, vscode.ViewColumn.Active, { enableScripts: true });
  let closed = false;
  panel.onDidDispose(() => (closed = true));
  return { panel, disposed: () => closed };
}

describe('case tab: updated in place, cancelled when no longer wanted, restored per account', function () {
  this.timeout(60_000);
  const remote = fakeRemote();
  let api: AxwaySupportTestApi;
  let account: string;
  let numbers: string[];

  before(async () => {
    ({ api, account } = await freshlySignedIn());
    numbers = (await remote.listAll()).slice(0, 12).map((c) => c.caseNumber);
  });

  /**
   * A tab of a second manager whose request hangs from before the action under test. Closing the tested tab and
   * signing out leave it alone, but an HTTP timeout would end it first (it started earlier). So a tested request
   * seen aborted while this one still waits was cancelled, not timed out.
   */
  async function hangingWitness(): Promise<{ assertStillWaiting(): Promise<void>; dispose(): void }> {
    const caseNumber = numbers[11];
    await remote.addFault({ target: 'getCase', kind: 'hang', caseNumber, times: 1 });
    const manager = managerWith(api, () => Promise.resolve(account));
    manager.open({ account, caseNumber });
    const arrived = (await requestsArrived(caseNumber, 1)).length;
    return {
      async assertStillWaiting() {
        const record = (await getCaseRequests(caseNumber))[arrived - 1];
        assert.ok(record && record.aborted === undefined && record.status === 0, 'the earlier request still waits: this was a cancel, not a timeout');
      },
      dispose: () => manager.dispose()
    };
  }

  afterEach(async () => {
    await remote.clearFaults();
    api.panels.closeAll();
  });

  after(async () => {
    await signOut(api);
  });

  it('writes the HTML once across opening and two Refreshes; every state arrives by message and the page renders it', async () => {
    const caseNumber = numbers[0];
    const seen: PanelContent[] = [];
    // Subscribed in the same tick as open(): the first answer cannot arrive before.
    const panel = api.panels.open({ account, caseNumber });
    const sub = panel.onDidRender((content) => seen.push(content));
    try {
      await settled(panel);
      const firstPage = panel.initialHtml;
      assert.strictEqual(panel.htmlWrites, 1, 'opened: HTML written once');
      assert.ok(firstPage.includes('data-state="loading"'), 'the page was written with the loading state');
      for (const round of [1, 2]) {
        const subject = `Refreshed in place, round ${round}`;
        await remote.upsertCase({ caseNumber, subject });
        await panel.load();
        const message = panel.lastMessage;
        assert.ok(message && message.kind === 'loaded' && !message.refreshing, `round ${round}: loaded state sent`);
        assert.ok(message.html.includes(subject), `round ${round}: the message carries the new data`);
        await pageRendered(panel, message.seq);
        assert.ok(panel.html.includes(subject), `round ${round}: the current page shows it`);
      }
      assert.strictEqual(panel.htmlWrites, 1, 'HTML written exactly once across open + 2 Refreshes');
      assert.strictEqual(panel.initialHtml, firstPage);
      assert.deepStrictEqual(
        seen.map((c) => (c.kind === 'loaded' && c.refreshing ? 'refreshing' : c.kind)),
        ['loaded', 'refreshing', 'loaded', 'refreshing', 'loaded'],
        'states after the first one went to the page as messages'
      );
    } finally {
      sub.dispose();
    }
  });

  it('opens a case whose API-provided number a person could not type (URL-encoded on the way)', async () => {
    const odd = 'CASE/7 ü?#';
    await remote.upsertCase({ caseNumber: odd, subject: 'An odd case number' });
    const panel = api.panels.open({ account, caseNumber: odd });
    const content = await settled(panel);
    assert.strictEqual(content.kind, 'loaded', content.kind === 'error' ? content.error.message : content.kind);
    const [request] = await requestsArrived(odd, 1);
    assert.ok(request.path.endsWith('/case/CASE%2F7%20%C3%BC%3F%23'), request.path);
    assert.strictEqual(api.panels.get({ account, caseNumber: odd }), panel);
  });

  it('cancels the request behind a tab when the tab closes', async () => {
    const caseNumber = numbers[1];
    await remote.clearRequests();
    const witness = await hangingWitness();
    try {
      await remote.addFault({ target: 'getCase', kind: 'hang', caseNumber, times: 1 });
      const closed = api.panels.open({ account, caseNumber });
      await requestsArrived(caseNumber, 1);
      closed.panel.dispose(); // what VS Code does when the person closes the tab
      await abortSeen(caseNumber);
      await witness.assertStillWaiting();
      assert.deepStrictEqual(api.panels.openRefs, []);
    } finally {
      witness.dispose();
    }
  });

  it('cancels the previous request on Refresh, and shows the newer answer', async () => {
    const caseNumber = numbers[3];
    const panel = api.panels.open({ account, caseNumber });
    await settled(panel);
    await remote.clearRequests();
    const witness = await hangingWitness();
    try {
      await remote.addFault({ target: 'getCase', kind: 'hang', caseNumber, times: 1 });
      const hanging = panel.load();
      await requestsArrived(caseNumber, 1);
      assert.ok(panel.state.kind === 'loaded' && panel.state.refreshing, 'the old data stays while refreshing');

      await remote.upsertCase({ caseNumber, subject: 'Answer of the second Refresh' });
      await panel.load();
      await hanging;
      const [first, second] = await requestsArrived(caseNumber, 2);
      await abortSeen(caseNumber, 0);
      await witness.assertStillWaiting();
      assert.strictEqual(second.status, 200);
      assert.ok(first.seq < second.seq);
      assert.ok(panel.state.kind === 'loaded' && panel.state.detail.subject === 'Answer of the second Refresh');
    } finally {
      witness.dispose();
    }
  });

  it('cancels the requests of every tab on sign-out and closes them', async () => {
    const caseNumber = numbers[4];
    await remote.clearRequests();
    const witness = await hangingWitness();
    try {
      await remote.addFault({ target: 'getCase', kind: 'hang', caseNumber, times: 1 });
      api.panels.open({ account, caseNumber });
      await requestsArrived(caseNumber, 1);
      await signOut(api);
      await abortSeen(caseNumber);
      await witness.assertStillWaiting();
      assert.deepStrictEqual(api.panels.openRefs, []);
    } finally {
      witness.dispose();
      await signInWithFake(api);
    }
  });

  it('closeAll() cancels in-flight requests; closeExcept(account) closes only other accounts’ tabs; reloadAll() reloads the rest', async () => {
    let current: string | undefined = 'account-a';
    const manager = managerWith(api, () => Promise.resolve(current));
    try {
      const a = manager.open({ account: 'account-a', caseNumber: numbers[5] });
      await settled(a);
      current = 'account-b';
      const b = manager.open({ account: 'account-b', caseNumber: numbers[6] });
      await settled(b);
      manager.closeExcept('account-b');
      assert.deepStrictEqual(manager.openRefs, [{ account: 'account-b', caseNumber: numbers[6] }]);

      await remote.clearRequests();
      manager.reloadAll();
      assert.ok(b.state.kind === 'loaded' && b.state.refreshing, 'the remaining tab reloads');
      assert.strictEqual((await settled(b)).kind, 'loaded');
      assert.strictEqual((await getCaseRequests(numbers[6])).length, 1, 'one new request for the remaining tab');

      const witness = await hangingWitness();
      try {
        await remote.addFault({ target: 'getCase', kind: 'hang', caseNumber: numbers[6], times: 1 });
        void b.load();
        await requestsArrived(numbers[6], 2);
        manager.closeAll();
        await abortSeen(numbers[6], 1);
        await witness.assertStillWaiting();
        assert.deepStrictEqual(manager.openRefs, []);
      } finally {
        witness.dispose();
      }
    } finally {
      manager.dispose();
    }
  });

  it('requireSignIn() cancels the requests and replaces every case with the sign-in page; reloadAll() brings them back', async () => {
    const manager = managerWith(api, () => Promise.resolve(account));
    try {
      const shown = manager.open({ account, caseNumber: numbers[5] });
      const loaded = await settled(shown);
      assert.ok(loaded.kind === 'loaded');
      await remote.clearRequests();
      const witness = await hangingWitness();
      try {
        await remote.addFault({ target: 'getCase', kind: 'hang', caseNumber: numbers[2], times: 1 });
        const waiting = manager.open({ account, caseNumber: numbers[2] });
        await requestsArrived(numbers[2], 1);
        manager.requireSignIn();
        await abortSeen(numbers[2]);
        await witness.assertStillWaiting();
        for (const panel of [shown, waiting]) {
          assert.ok(panel.state.kind === 'error' && panel.state.error.kind === 'notSignedIn', panel.state.kind);
          const message = panel.lastMessage;
          assert.ok(message);
          assert.match(message.html, /data-action="signIn"/);
          // A tab in the background has no page; shown, its fresh page asks for the state and renders it.
          panel.reveal();
          await pageRendered(panel, message.seq);
          assert.strictEqual(panel.panel.title, `Case ${panel.caseNumber}`, 'the subject left the tab title too');
        }
        assert.ok(!shown.html.includes(loaded.detail.subject), 'no case data on the page');
        assert.strictEqual(shown.htmlWrites, 1);
      } finally {
        witness.dispose();
      }
      manager.reloadAll();
      assert.strictEqual((await settled(shown)).kind, 'loaded');
    } finally {
      manager.dispose();
    }
  });

  describe('restoring tabs after a window reload', () => {
    type Order = 'signed-in state known first' | 'tab restored first';
    const scenarios: { name: string; current: () => string | undefined; state: () => unknown; loads: boolean }[] = [
      { name: 'signed out: the tab closes', current: () => undefined, state: () => ({ account, caseNumber: numbers[7] }), loads: false },
      { name: 'another account signed in: the tab closes', current: () => 'another-account', state: () => ({ account, caseNumber: numbers[8] }), loads: false },
      { name: 'the same account: the tab loads', current: () => account, state: () => ({ account, caseNumber: numbers[9] }), loads: true },
      { name: 'a 0.1.0 tab without an account: adopted by the signed-in account', current: () => account, state: () => ({ caseNumber: numbers[10] }), loads: true }
    ];
    for (const order of ['signed-in state known first', 'tab restored first'] as Order[]) {
      for (const scenario of scenarios) {
        it(`${order}; ${scenario.name}`, async () => {
          const gate = deferred<string | undefined>();
          const manager = managerWith(api, () => gate.promise);
          const { panel, disposed } = newTab();
          const { caseNumber } = scenario.state() as { caseNumber: string };
          try {
            await remote.clearRequests();
            let restoring: Promise<void>;
            if (order === 'signed-in state known first') {
              gate.resolve(scenario.current());
              restoring = manager.deserializeWebviewPanel(panel, scenario.state());
            } else {
              restoring = manager.deserializeWebviewPanel(panel, scenario.state());
              // Let everything that does not depend on the credentials run before they are known.
              await new Promise((resolve) => setImmediate(resolve));
              assert.deepStrictEqual(manager.openRefs, [], 'nothing restored before the signed-in account is known');
              assert.strictEqual(disposed(), false, 'nothing closed before the signed-in account is known');
              gate.resolve(scenario.current());
            }
            await restoring;
            if (!scenario.loads) {
              assert.strictEqual(disposed(), true, 'the restored tab was closed');
              assert.deepStrictEqual(manager.openRefs, []);
              assert.strictEqual((await getCaseRequests(caseNumber)).length, 0, 'no request for another account’s case');
              return;
            }
            const ref: CaseRef = { account, caseNumber };
            const restored = manager.get(ref);
            assert.ok(restored, 'restored under the signed-in account');
            assert.strictEqual(restored.panel, panel);
            assert.strictEqual((await settled(restored)).kind, 'loaded');
            assert.strictEqual(restored.htmlWrites, 1);
            assert.ok(restored.initialHtml.includes(`data-account="${account}"`), 'the page knows its account for the next reload');
            assert.strictEqual(disposed(), false);
          } finally {
            manager.dispose();
            panel.dispose();
          }
        });
      }
    }
  });
});
