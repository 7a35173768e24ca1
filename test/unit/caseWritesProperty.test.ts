// Property-based proof of the write path (issue 16, point 1): fast-check generates fault schedules (drops before and
// after the fake stores the write, 5xx with and without storing, JSON and HTML, timeouts, a failing look-up, a reload
// in the middle of a send or between presses, double submits, the same draft in two windows) and runs them through
// all three writes over real HTTP. Two invariants hold after every step: the fake stored each intent at most once,
// and its draft stays until it is stored. A schedule then ends with plain presses: the write lands exactly once.
// The figures go to test-results/reliability/writes.json for docs/reliability.md.
import * as assert from 'assert';
import fc from 'fast-check';
import type { FaultSpec } from '../../test/fake-api/types';
import type { SupportApiClient } from '../../src/api/types';
import type { WriteIdentity, WriteResult } from '../../src/cases/caseWrites';
import type { WriteRequest } from '../../src/cases/writeLookups';
import { writeUnitFigures } from './support/figures';
import { useFakeApi } from './support/fixture';
import { until } from './support/wait';
import { closeRequest, committed, markerFolder, newCaseRequest, noteRequest, openWindow, SharedDrafts, type Window } from './support/writes';

const SEED = 20261206;
const RUNS_PER_KIND = 350;
const KINDS = ['note', 'newCase', 'close'] as const;
type Kind = (typeof KINDS)[number];
const GATEWAY_PAGE = '<html><body><h1>503 Service Temporarily Unavailable</h1><hr>nginx</body></html>';

/** What the write request meets. "After" kinds are stored by the fake before the answer goes wrong. */
const WRITE_FAULTS = ['none', 'dropBefore', 'dropAfter', 'json502After', 'html503After', 'json502', 'html503', 'refused400', 'timeout', 'timeoutAfter', 'resetAfter'] as const;
type WriteFault = (typeof WRITE_FAULTS)[number];
const LOOKUP_FAULTS = ['none', 'json500', 'timeout'] as const;
type LookupFault = (typeof LOOKUP_FAULTS)[number];
const ACTIONS = ['submit', 'double', 'twoWindows', 'reloadMidSend'] as const;
type Action = (typeof ACTIONS)[number];

interface Step {
  readonly action: Action;
  readonly fault: WriteFault;
  readonly lookup: LookupFault;
  /** A window reload after the step. */
  readonly reload: boolean;
}

/** Timeouts cost a wait each (the client's idle timeout), so they are drawn less often than the other faults. */
const weighted = <T>(values: readonly T[], rare: readonly T[]): fc.Arbitrary<T> =>
  fc.oneof(...values.map((value) => ({ arbitrary: fc.constant(value), weight: rare.includes(value) ? 1 : 3 })));

const stepArb: fc.Arbitrary<Step> = fc.record({
  action: fc.constantFrom(...ACTIONS),
  fault: weighted(WRITE_FAULTS, ['timeout', 'timeoutAfter']),
  lookup: weighted(LOOKUP_FAULTS, ['timeout']),
  reload: fc.boolean()
});

const WRITE_TARGET = { note: 'addNote', newCase: 'createCase', close: 'closeCase' } as const;
const LOOKUP_TARGET = { note: 'getCase', newCase: 'listCases', close: 'getCase' } as const;

/** Faults of the note and close schedules name their case, so the three kinds can run side by side. */
function writeFault(kind: Kind, fault: WriteFault, midSend: boolean, caseNumber: string): FaultSpec | undefined {
  const target = WRITE_TARGET[kind];
  const scope = kind === 'newCase' ? {} : { caseNumber };
  if (midSend) {
    // The window goes away while the request waits: stored first, or not at all.
    return { target, kind: fault.endsWith('After') ? 'hangAfterStore' : 'hang', times: 1, ...scope };
  }
  const specs: Record<WriteFault, FaultSpec | undefined> = {
    none: undefined,
    dropBefore: { target, kind: 'dropBeforeStore' },
    dropAfter: { target, kind: 'dropAfterStore' },
    json502After: { target, kind: 'failAfterStore', status: 502 },
    html503After: { target, kind: 'failAfterStore', status: 503, body: GATEWAY_PAGE },
    json502: { target, kind: 'respond', status: 502 },
    html503: { target, kind: 'respond', status: 503, body: GATEWAY_PAGE },
    refused400: { target, kind: 'respond', status: 400 },
    timeout: { target, kind: 'hang' },
    timeoutAfter: { target, kind: 'hangAfterStore' },
    resetAfter: { target, kind: 'reset', status: 201 }
  };
  const spec = specs[fault];
  return spec && { ...spec, times: 1, ...scope };
}

function lookupFault(kind: Kind, fault: LookupFault, caseNumber: string): FaultSpec | undefined {
  const target = LOOKUP_TARGET[kind];
  const scope = kind === 'newCase' ? {} : { caseNumber };
  return fault === 'none' ? undefined : { target, kind: fault === 'json500' ? 'respond' : 'hang', status: 500, times: 1, ...scope };
}

interface Tally {
  schedules: number;
  steps: number;
  submits: number;
  duplicates: number;
  draftsLost: number;
  /** A result said "done" while the fake had not stored the write. */
  falseDone: number;
  /** After the closing presses, the write was not stored exactly once. */
  notDelivered: number;
}

const zero = (): Tally => ({ schedules: 0, steps: 0, submits: 0, duplicates: 0, draftsLost: 0, falseDone: 0, notDelivered: 0 });

describe('CaseWrites property: each intent is stored at most once and its draft stays until it is stored', function () {
  this.timeout(600_000);
  const f = useFakeApi();
  const tallies: Record<Kind, Tally> = { note: zero(), newCase: zero(), close: zero() };
  const faultsUsed: Record<string, number> = {};
  const actionsUsed: Record<string, number> = {};

  async function runSchedule(kind: Kind, steps: readonly Step[], api: SupportApiClient, index: number): Promise<boolean> {
    const tally = tallies[kind];
    tally.schedules++;
    const caseNumber = `07${String(index).padStart(6, '0')}`;
    f.fake.control.upsertCase({ caseNumber, status: 'Work in Progress' });
    const subject = `Schedule ${kind} ${index}`;
    const identity: WriteIdentity = kind === 'newCase' ? { kind, account: 'a', draftId: `d${index}` } : kind === 'note' ? { kind, account: 'a', caseNumber, draftId: `d${index}` } : { kind, account: 'a', caseNumber };
    const request: WriteRequest = kind === 'note' ? noteRequest(caseNumber, subject) : kind === 'close' ? closeRequest(caseNumber, subject) : newCaseRequest(subject);
    const prepare = async (): Promise<WriteRequest> => request;
    const drafts = new SharedDrafts();
    drafts.keep(identity);
    const folder = markerFolder();
    let window: Window = openWindow(api, folder, drafts);
    const opened: Window[] = [window];
    const open = (): Window => {
      const w = openWindow(api, folder, drafts);
      opened.push(w);
      return w;
    };
    let ok = true;
    const faultIds: (string | undefined)[] = [];
    const check = (results: readonly WriteResult[]): void => {
      const count = committed(f.fake, kind, subject, caseNumber);
      if (count > 1) {
        tally.duplicates++;
        ok = false;
      }
      if (!drafts.has(identity) && count === 0) {
        tally.draftsLost++;
        ok = false;
      }
      if (results.some((r) => r.kind === 'done' || r.kind === 'partial') && count === 0) {
        tally.falseDone++;
        ok = false;
      }
    };
    try {
      for (const step of steps) {
        tally.steps++;
        actionsUsed[step.action] = (actionsUsed[step.action] ?? 0) + 1;
        faultsUsed[step.fault] = (faultsUsed[step.fault] ?? 0) + 1;
        const midSend = step.action === 'reloadMidSend';
        const spec = writeFault(kind, step.fault, midSend, caseNumber);
        const faultId = spec ? f.fake.control.addFault(spec) : undefined;
        const lookup = lookupFault(kind, step.lookup, caseNumber);
        const lookupId = lookup ? f.fake.control.addFault(lookup) : undefined;
        const removeFaults = (): void => [faultId, lookupId].forEach((id) => id !== undefined && f.fake.control.removeFault(id));
        faultIds.push(faultId, lookupId);
        let results: WriteResult[];
        if (step.action === 'double') {
          results = await Promise.all([window.writes.submit(identity, prepare), window.writes.submit(identity, prepare)]);
        } else if (step.action === 'twoWindows') {
          const other = open();
          results = await Promise.all([window.writes.submit(identity, prepare), other.writes.submit(identity, prepare)]);
        } else if (midSend) {
          const before = f.fake.control.requests(WRITE_TARGET[kind]).length;
          const sending = window.writes.submit(identity, prepare);
          // The marker may already say "stored" (no request then): wait for the send or for the end of the submit.
          let settled = false;
          void sending.finally(() => (settled = true));
          await until(() => settled || f.fake.control.requests(WRITE_TARGET[kind]).slice(before).some((r) => r.faultId === faultId), 'the send to reach the fake');
          window.close();
          results = [await sending];
          window = open();
        } else {
          results = [await window.writes.submit(identity, prepare)];
        }
        tally.submits += results.length;
        removeFaults();
        check(results);
        if (step.reload) {
          window.close();
          window = open();
        }
      }
      // Plain presses with nothing in the way: the write lands once, and only then is the draft gone.
      for (let press = 0; press < 5 && drafts.has(identity); press++) {
        check([await window.writes.submit(identity, prepare)]);
      }
      if (committed(f.fake, kind, subject, caseNumber) !== 1 || drafts.has(identity)) {
        tally.notDelivered++;
        ok = false;
      }
    } finally {
      faultIds.forEach((id) => id !== undefined && f.fake.control.removeFault(id));
      opened.forEach((w) => w.close());
    }
    return ok;
  }

  // The three kinds side by side (their faults do not meet: see writeFault), each its own fast-check run.
  it('holds for every generated schedule of Add Note, New Case and Close Case', async () => {
    const { api } = f.api({ timeoutMs: 100 });
    const runs = await Promise.all(
      KINDS.map((kind, k) => {
        let index = (k + 1) * 100_000;
        return fc.check(
          fc.asyncProperty(fc.array(stepArb, { minLength: 1, maxLength: 4 }), (steps) => runSchedule(kind, steps, api, ++index)),
          { numRuns: RUNS_PER_KIND, seed: SEED + k }
        );
      })
    );
    runs.forEach((details, k) => assert.ok(!details.failed, `${KINDS[k]}: counterexample ${JSON.stringify(details.counterexample)} (${JSON.stringify(tallies[KINDS[k]])})`));
    const schedules = KINDS.reduce((sum, k) => sum + tallies[k].schedules, 0);
    assert.ok(schedules >= 1000, `${schedules} schedules ran`);
  });

  after(() => {
    const total = (key: keyof Tally): number => KINDS.reduce((sum, k) => sum + tallies[k][key], 0);
    writeUnitFigures('writes', {
      seed: SEED,
      schedules: total('schedules'),
      duplicates: total('duplicates'),
      draftsLost: total('draftsLost'),
      falseDone: total('falseDone'),
      notDelivered: total('notDelivered'),
      perKind: tallies,
      faults: faultsUsed,
      actions: actionsUsed
    });
  });
});
