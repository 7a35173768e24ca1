// Issue 9's incremental refresh asks only for what changed: `query.updated.after` is the newest modifiedDate already
// known minus CHANGE_OVERLAP_MS, `before` lies ahead of now, and a change stamped in the same (whole) second as the
// newest known date is still picked up. Against the project's fake Support API, in plain Node.
import * as assert from 'assert';
import { CHANGE_OVERLAP_MS, CasesModel } from '../../src/cases/casesModel';
import { noopTelemetry } from '../../src/telemetry/telemetry';
import { parseApiDate, toApiDate } from '../fake-api/util';
import { networkFor, useFakeApi } from './support/fixture';
import { silentLogger } from './support/silentLogger';
import { loaded } from './support/wait';

/** The newest modifiedDate among the rows, in ms. */
function newestKnown(model: CasesModel): number {
  return Math.max(...loaded(model).cases.map((c) => parseApiDate(c.modifiedDate)));
}

describe('incremental refresh bounds against the fake Support API', () => {
  const fx = useFakeApi();
  let model: CasesModel;

  beforeEach(async () => {
    const network = networkFor(fx.fake, 5000);
    model = new CasesModel({ api: async () => network.api, logger: silentLogger, telemetry: noopTelemetry });
    model.setAccount('sa-bounds');
    await model.refresh();
    loaded(model);
  });
  afterEach(() => {
    model.dispose();
  });

  /** The one list request of a refresh, and its `query.updated` bounds in ms. */
  async function refreshBounds(): Promise<{ after: number; before: number; requests: number }> {
    fx.fake.control.clearRequests();
    await model.refresh();
    const requests = fx.fake.control.requests('listCases');
    const query = JSON.parse(new URLSearchParams(requests[0].query).get('query') ?? '{}') as { updated?: { after: string; before: string } };
    assert.ok(query.updated, `a refresh asks with query.updated (${requests[0].query})`);
    assert.match(query.updated.after, /Z$/, 'request times end in Z');
    return { after: Date.parse(query.updated.after), before: Date.parse(query.updated.before), requests: requests.length };
  }

  it('asks after = newest known modifiedDate minus the overlap, before = ahead of now', async () => {
    const newest = newestKnown(model);
    assert.ok(CHANGE_OVERLAP_MS >= 1000, 'the overlap covers a whole second (the API\'s dates are whole seconds)');
    const startedAt = Date.now();
    const { after, before, requests } = await refreshBounds();
    assert.strictEqual(requests, 1, 'nothing changed: one request');
    assert.strictEqual(after, newest - CHANGE_OVERLAP_MS, `after ${new Date(after).toISOString()} = newest ${new Date(newest).toISOString()} - ${CHANGE_OVERLAP_MS} ms`);
    assert.ok(before > startedAt, `before ${new Date(before).toISOString()} lies ahead of now ${new Date(startedAt).toISOString()}`);
  });

  it('moves after forward to the newest change it found', async () => {
    const changed = fx.fake.control.listAll()[12].caseNumber;
    // A minute after the newest known, still in the past (the fake's cases end minutes before now): a stamp in the
    // future would be clamped to now, which is another rule.
    const stamp = newestKnown(model) + 60_000;
    assert.ok(stamp < Date.now());
    fx.fake.control.upsertCase({ caseNumber: changed, subject: 'moved forward', modifiedDate: toApiDate(stamp) });
    await model.refresh();
    const newest = newestKnown(model);
    assert.strictEqual(newest, stamp);
    assert.strictEqual(loaded(model).cases[0].caseNumber, changed, 'the change is on top');
    const { after } = await refreshBounds();
    assert.strictEqual(after, newest - CHANGE_OVERLAP_MS);
  });

  it('picks up a change stamped in the same second as the newest known date', async () => {
    const newest = newestKnown(model);
    const rows = loaded(model).cases;
    // Another case, changed after the list was fetched but within the same second as the newest one known.
    const other = rows[rows.length - 1].caseNumber;
    fx.fake.control.upsertCase({ caseNumber: other, subject: 'changed in the same second', modifiedDate: toApiDate(newest) });
    // And the newest case itself, changed again within its second: same modifiedDate, new content.
    const top = rows[0].caseNumber;
    fx.fake.control.upsertCase({ caseNumber: top, subject: 'the newest, changed again', modifiedDate: toApiDate(newest) });
    const { after, requests } = await refreshBounds();
    assert.strictEqual(requests, 1);
    assert.ok(after < newest, 'the question starts before the second of the newest known date');
    const subjects = new Map(loaded(model).cases.map((c) => [c.caseNumber, c.subject]));
    assert.strictEqual(subjects.get(other), 'changed in the same second');
    assert.strictEqual(subjects.get(top), 'the newest, changed again');
  });
});
