import * as assert from 'assert';
import type { CaseSummary } from '../../src/api/types';
import type { ListView } from '../../src/cases/caseGroups';
import { CasesModel, type CasesState, type LoadedState } from '../../src/cases/casesModel';
import type { FakeApi } from '../fake-api/server';
import { networkFor, useStartedFake } from './support/fixture';
import { AWAITING_CUSTOMER_STATUS } from '../../src/cases/caseQuery';
import {
  CaseChange, ChangeTracker, detectChanges, KnownCase, messageText, notifiable, Observation, parseNotificationMode, planNotification
} from '../../src/cases/changeDetection';
import { silentLogger } from './support/silentLogger';
import { noopTelemetry } from '../../src/telemetry/telemetry';

function summary(caseNumber: string, modifiedDate: string, status = 'In Support', subject = `Subject ${caseNumber}`): CaseSummary {
  return { caseNumber, subject, status, severity: '3 - Important', type: 'Support Case', createdDate: '2026-01-01T00:00:00.000+0000', modifiedDate };
}

function loaded(cases: readonly CaseSummary[], busy?: 'refresh' | 'loadMore', extra: Record<string, unknown> = {}): CasesState {
  return { kind: 'loaded', cases, pagesLoaded: 1, hasMore: false, busy, ...extra } as CasesState;
}

const T1 = '2026-11-01T10:00:00.000+0000';
const T2 = '2026-11-01T11:00:00.000+0000';
const T3 = '2026-11-01T12:00:00.000+0000';
const ms = (date: string): number => Date.parse(date);

function knownOf(cases: readonly CaseSummary[]): Map<string, KnownCase> {
  return new Map(cases.map((c) => [c.caseNumber, { modified: ms(c.modifiedDate ?? ''), status: c.status }]));
}

describe('change detection between two lists', () => {
  const before = [summary('1', T2), summary('2', T1)];

  it('reports nothing when nothing changed', () => {
    assert.deepStrictEqual(detectChanges(knownOf(before), ms(T2), before), []);
  });

  it('reports a new case modified after the newest known date', () => {
    const changes = detectChanges(knownOf(before), ms(T2), [summary('3', T3), ...before]);
    assert.deepStrictEqual(changes.map((c) => [c.kind, c.summary.caseNumber, c.nowAwaiting]), [['new', '3', false]]);
  });

  it('does not report an older case that only came into view', () => {
    assert.deepStrictEqual(detectChanges(knownOf(before), ms(T2), [...before, summary('0', T1)]), []);
  });

  it('reports a modifiedDate bump as updated, with the status it had', () => {
    const changes = detectChanges(knownOf(before), ms(T2), [summary('2', T3, 'In R&D'), summary('1', T2)]);
    assert.strictEqual(changes.length, 1);
    assert.strictEqual(changes[0].kind, 'updated');
    assert.strictEqual(changes[0].summary.caseNumber, '2');
    assert.strictEqual(changes[0].previousStatus, 'In Support');
    assert.strictEqual(changes[0].nowAwaiting, false);
  });

  it('marks a case that moved to "Customer Owns Next Steps", and not one that was there already', () => {
    const moved = detectChanges(knownOf(before), ms(T2), [summary('1', T3, AWAITING_CUSTOMER_STATUS), summary('2', T1)]);
    assert.deepStrictEqual(moved.map((c) => [c.summary.caseNumber, c.nowAwaiting]), [['1', true]]);
    const already = [summary('1', T2, AWAITING_CUSTOMER_STATUS)];
    const again = detectChanges(knownOf(already), ms(T2), [summary('1', T3, AWAITING_CUSTOMER_STATUS)]);
    assert.deepStrictEqual(again.map((c) => [c.kind, c.nowAwaiting]), [['updated', false]]);
  });

  it('marks a new case that arrives awaiting the customer', () => {
    const changes = detectChanges(knownOf(before), ms(T2), [summary('9', T3, AWAITING_CUSTOMER_STATUS)]);
    assert.deepStrictEqual(changes.map((c) => [c.kind, c.nowAwaiting]), [['new', true]]);
  });

  it('reports nothing for a case that left the list', () => {
    assert.deepStrictEqual(detectChanges(knownOf(before), ms(T2), [summary('1', T2)]), []);
  });

  it('ignores rows without a case number', () => {
    assert.deepStrictEqual(detectChanges(knownOf(before), ms(T2), [summary('', T3)]), []);
  });
});

describe('change tracker over the model states', () => {
  const first = [summary('1', T2), summary('2', T1)];

  function tracked(): { tracker: ChangeTracker; observe: (state: CasesState, account?: string, listKey?: string) => Observation } {
    const tracker = new ChangeTracker();
    return { tracker, observe: (state, account = 'acct', listKey = '') => tracker.observe(account, state, listKey) };
  }

  function refreshTo(observe: (state: CasesState) => Observation, cases: readonly CaseSummary[]): Observation {
    observe(loaded(first, 'refresh'));
    return observe(loaded(cases));
  }

  it('treats the first list after sign-in as a baseline, then reports what a refresh observed', () => {
    const { observe } = tracked();
    observe({ kind: 'idle' });
    observe({ kind: 'loading' });
    assert.strictEqual(observe(loaded(first)).kind, 'baseline');
    const observation = refreshTo(observe, [summary('1', T3, AWAITING_CUSTOMER_STATUS), summary('2', T1)]);
    assert.strictEqual(observation.kind, 'refreshed');
    const changes = (observation as Extract<Observation, { kind: 'refreshed' }>).changes;
    assert.deepStrictEqual(changes.map((c) => [c.summary.caseNumber, c.nowAwaiting]), [['1', true]]);
    // The same list again is no change.
    const again = refreshTo(observe, [summary('1', T3, AWAITING_CUSTOMER_STATUS), summary('2', T1)]);
    assert.deepStrictEqual(again, { kind: 'refreshed', account: 'acct', changes: [], left: [], listChanged: false });
  });

  it('says which rows left the list, and which new cases did not exist before', () => {
    const { observe } = tracked();
    observe(loaded(first));
    const created = { ...summary('8', T3), createdDate: T3 };
    const observation = refreshTo(observe, [created, summary('1', T2)]);
    assert.ok(observation.kind === 'refreshed');
    assert.deepStrictEqual(observation.left, [{ caseNumber: '2', status: 'In Support' }]);
    assert.deepStrictEqual(observation.changes.map((c) => [c.summary.caseNumber, c.kind, c.brandNew]), [['8', 'new', true]]);
    const older = detectChanges(knownOf(first), ms(T2), [summary('9', T3)]);
    assert.strictEqual(older[0].brandNew, false, 'created before the newest known change: it existed, unseen');
  });

  it('learns "Load more" pages without reporting them', () => {
    const { observe } = tracked();
    observe({ kind: 'loading' });
    observe(loaded(first));
    observe(loaded(first, 'loadMore'));
    assert.strictEqual(observe(loaded([...first, summary('3', T1)])).kind, 'none');
    const observation = refreshTo(observe, [...first, summary('3', T1)]);
    assert.deepStrictEqual(observation, { kind: 'refreshed', account: 'acct', changes: [], left: [], listChanged: false });
  });

  it('starts over after a full reload, another filter, another account or sign-out', () => {
    const { observe } = tracked();
    observe(loaded(first));
    observe({ kind: 'loading' });
    assert.strictEqual(observe(loaded([summary('5', T3)])).kind, 'baseline', 'a full reload is a baseline');
    observe(loaded(first, 'refresh'));
    assert.strictEqual(observe(loaded([summary('6', '2026-11-02T00:00:00.000+0000')]), 'acct', 'open').kind, 'baseline', 'another filter');
    assert.strictEqual(observe(loaded(first), 'other', 'open').kind, 'baseline', 'another account');
    assert.deepStrictEqual(observe({ kind: 'signedOut' }, undefined), { kind: 'reset' });
  });

  it('does not compare with rows shown from the cache after a reload', () => {
    const { observe } = tracked();
    assert.strictEqual(observe(loaded(first, undefined, { cachedAt: 1 })).kind, 'baseline');
    observe(loaded(first, 'refresh', { cachedAt: 1 }));
    assert.strictEqual(observe(loaded([summary('1', T3, AWAITING_CUSTOMER_STATUS)])).kind, 'baseline', 'the first refresh over the cache');
    const observation = refreshTo(observe, [summary('1', '2026-11-03T00:00:00.000+0000', 'In R&D')]);
    assert.strictEqual(observation.kind, 'refreshed');
  });

  it('reports a change the refresh saw outside the rows once an earlier answer covered the time before it', () => {
    const { observe } = tracked();
    observe(loaded(first));
    const hidden = summary('9', T3, AWAITING_CUSTOMER_STATUS);
    const older = summary('8', '2026-11-01T11:30:00.000+0000', AWAITING_CUSTOMER_STATUS);
    // The first answer after a full load also reports changes from before anyone looked: learnt, not told.
    observe(loaded(first, 'refresh'));
    const learning = observe(loaded(first, undefined, { changed: [older], changesKnownUntil: ms(older.modifiedDate ?? '') }));
    assert.deepStrictEqual(learning, { kind: 'refreshed', account: 'acct', changes: [], left: [], listChanged: false });
    observe(loaded(first, 'refresh'));
    const observation = observe(loaded(first, undefined, { changed: [older, hidden], changesKnownUntil: ms(T3) }));
    assert.ok(observation.kind === 'refreshed');
    assert.deepStrictEqual(observation.changes.map((c) => [c.summary.caseNumber, c.kind, c.nowAwaiting, c.unlisted]), [['9', 'new', true, true]]);
    // The next answer's overlap reports it again: no second change.
    observe(loaded(first, 'refresh'));
    const again = observe(loaded(first, undefined, { changed: [hidden], changesKnownUntil: ms(T3) }));
    assert.ok(again.kind === 'refreshed');
    assert.deepStrictEqual(again.changes, []);
    // Not "New case": it existed before, it only was not a row.
    assert.strictEqual(planNotification('allChanges', observation.changes)?.text, 'Axway Support: Case 9 was updated: Subject 9 (Customer Owns Next Steps)');
  });

  it('reports nothing for a refresh that failed (the old rows stay)', () => {
    const { observe } = tracked();
    observe(loaded(first));
    observe(loaded(first, 'refresh'));
    const failed = observe(loaded(first, undefined, { refreshError: { kind: 'server', message: 'down' } }));
    assert.strictEqual(failed.kind, 'none');
  });

  it('fires observations for the model it follows', () => {
    let listener: ((s: CasesState) => void) | undefined;
    const model = {
      state: { kind: 'signedOut' } as CasesState,
      account: 'acct' as string | undefined,
      onDidChange: (l: (s: CasesState) => void) => {
        listener = l;
        return { dispose: () => (listener = undefined) };
      }
    };
    const tracker = new ChangeTracker(model);
    const seen: Observation[] = [];
    tracker.onDidObserve((o) => seen.push(o));
    listener?.(loaded(first));
    listener?.(loaded(first, 'refresh'));
    listener?.(loaded([summary('7', T3), ...first]));
    assert.deepStrictEqual(seen.map((o) => o.kind), ['baseline', 'refreshed']);
    tracker.dispose();
    assert.strictEqual(listener, undefined);
  });
});

describe('notification grouping', () => {
  const moved: CaseChange = { kind: 'updated', summary: summary('01', T3, AWAITING_CUSTOMER_STATUS, 'Upgrade fails'), previousStatus: 'In Support', nowAwaiting: true };
  const edited: CaseChange = { kind: 'updated', summary: summary('02', T3, 'In R&D', 'Memory leak'), previousStatus: 'In Support', nowAwaiting: false };
  const fresh: CaseChange = { kind: 'new', summary: summary('03', T3, 'New', 'New one'), nowAwaiting: false };

  it('reads the setting, defaulting to "awaitingMe"', () => {
    assert.strictEqual(parseNotificationMode('off'), 'off');
    assert.strictEqual(parseNotificationMode('allChanges'), 'allChanges');
    assert.strictEqual(parseNotificationMode('nonsense'), 'awaitingMe');
    assert.strictEqual(parseNotificationMode(undefined), 'awaitingMe');
  });

  it('"off" notifies nothing; "awaitingMe" only moves to awaiting; "allChanges" everything', () => {
    assert.deepStrictEqual(notifiable('off', [moved, edited, fresh]), []);
    assert.deepStrictEqual(notifiable('awaitingMe', [moved, edited, fresh]), [moved]);
    assert.deepStrictEqual(notifiable('allChanges', [moved, edited, fresh]), [moved, edited, fresh]);
    assert.strictEqual(planNotification('off', [moved]), undefined);
    assert.strictEqual(planNotification('allChanges', []), undefined);
  });

  it('one change: a message naming the case, with Open Case', () => {
    assert.deepStrictEqual(planNotification('awaitingMe', [moved]), {
      text: 'Axway Support: Case 01 awaits your reply: Upgrade fails',
      action: { kind: 'openCase', caseNumber: '01' }
    });
    assert.strictEqual(planNotification('allChanges', [edited])?.text, 'Axway Support: Case 02 was updated: Memory leak (In R&D)');
    assert.strictEqual(planNotification('allChanges', [fresh])?.text, 'Axway Support: New case 03: New one (New)');
  });

  it('several changes at once: one grouped message with Show', () => {
    assert.deepStrictEqual(planNotification('allChanges', [moved, edited, fresh]), {
      text: 'Axway Support: 3 cases were updated.',
      action: { kind: 'show', awaiting: false }
    });
    const second: CaseChange = { ...moved, summary: summary('04', T3, AWAITING_CUSTOMER_STATUS) };
    assert.deepStrictEqual(planNotification('awaitingMe', [moved, second]), {
      text: 'Axway Support: 2 cases await your reply.',
      action: { kind: 'show', awaiting: true }
    });
  });

  it('API text can neither make a link nor span lines', () => {
    assert.strictEqual(messageText('Click [here](command:workbench.action.quit)\nnow'), 'Click [here] (command:workbench.action.quit) now');
    assert.ok(messageText('x'.repeat(500)).length <= 120);
  });
});

describe('change tracker following the real cases model (against the fake Support API)', () => {
  let fake: FakeApi;
  useStartedFake((started) => {
    fake = started;
  });

  /** A cases model on the fresh fake and a change tracker following it, with what the tracker observed. */
  function tracked(view?: ListView): { model: CasesModel; tracker: ChangeTracker; seen: Observation[] } {
    const network = networkFor(fake, 3000);
    const model = new CasesModel({ api: async () => network.api, logger: silentLogger, telemetry: noopTelemetry, ...(view ? { view } : {}) });
    const tracker = new ChangeTracker(model);
    const seen: Observation[] = [];
    tracker.onDidObserve((o) => seen.push(o));
    return { model, tracker, seen };
  }

  it('sees nothing on the first load and "Load more", a move to awaiting on the refresh after it, nothing on an unchanged one', async () => {
    const { model, tracker, seen } = tracked();
    try {
      model.setAccount('acct');
      await model.refresh();
      await model.loadMore();
      assert.deepStrictEqual(seen.map((o) => o.kind), ['baseline']);
      const target = fake.control.listAll().find((c) => c.status !== AWAITING_CUSTOMER_STATUS);
      assert.ok(target);
      fake.control.upsertCase({ caseNumber: target.caseNumber, status: AWAITING_CUSTOMER_STATUS });
      await model.refresh();
      const refreshed = seen[seen.length - 1];
      assert.strictEqual(refreshed.kind, 'refreshed');
      const changes = (refreshed as Extract<Observation, { kind: 'refreshed' }>).changes;
      assert.deepStrictEqual(changes.map((c) => [c.summary.caseNumber, c.nowAwaiting]), [[target.caseNumber, true]]);
      await model.refresh();
      assert.deepStrictEqual(seen[seen.length - 1], { kind: 'refreshed', account: 'acct', changes: [], left: [], listChanged: false });
    } finally {
      tracker.dispose();
      model.dispose();
    }
  });

  // A case that moves to awaiting where the person does not look: on a page not loaded (sorted by Created), or
  // hidden by the filter (only closed cases shown). The refresh asks without status/type, so it still sees it.
  for (const [what, view] of [
    ['on a page not loaded (sorted by Created)', { filter: { state: 'all' }, sort: 'created', group: 'none' }],
    ['hidden by the filter (Closed)', { filter: { state: 'closed' }, sort: 'modified', group: 'none' }]
  ] as const) {
    it(`notices a case ${what} that moves to awaiting, once, at 1 request per unchanged refresh`, async () => {
      const { model, tracker, seen } = tracked(view);
      try {
        model.setAccount('acct');
        await model.refresh();
        await model.refresh();
        const rows = new Set((model.state as LoadedState).cases.map((c) => c.caseNumber));
        const target = fake.control.listAll().find((c) => !rows.has(c.caseNumber) && c.status !== AWAITING_CUSTOMER_STATUS && c.status !== 'Closed');
        assert.ok(target, 'a case that is not a row');
        fake.control.upsertCase({ caseNumber: target.caseNumber, status: AWAITING_CUSTOMER_STATUS });
        fake.control.clearRequests();
        await model.refresh();
        assert.strictEqual(fake.control.stats().counts.listCases, 1);
        assert.ok(!(model.state as LoadedState).cases.some((c) => c.caseNumber === target.caseNumber), 'still not a row');
        const refreshed = seen[seen.length - 1] as Extract<Observation, { kind: 'refreshed' }>;
        assert.deepStrictEqual(refreshed.changes.map((c) => [c.summary.caseNumber, c.nowAwaiting]), [[target.caseNumber, true]]);
        assert.deepStrictEqual(notifiable('awaitingMe', refreshed.changes).map((c) => c.summary.caseNumber), [target.caseNumber]);
        fake.control.clearRequests();
        await model.refresh();
        assert.strictEqual(fake.control.stats().counts.listCases, 1);
        assert.deepStrictEqual((seen[seen.length - 1] as Extract<Observation, { kind: 'refreshed' }>).changes, [], 'told once');
      } finally {
        tracker.dispose();
        model.dispose();
      }
    });
  }
});
