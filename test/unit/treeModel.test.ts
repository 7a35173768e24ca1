import * as assert from 'assert';
import { ListCasesParams, SupportApiClient } from '../../src/api/types';
import type { Network } from '../../src/api/index';
import { networkFor, useFakeApi } from './support/fixture';
import { CasesModel, MAX_OFFSET, PAGE_SIZE } from '../../src/cases/casesModel';
import { Telemetry, TelemetryMeasurements, TelemetryProperties } from '../../src/telemetry/telemetry';
import { sanitizeMeasurements, sanitizeProperties } from '../../src/telemetry/filter';
import { silentLogger } from './support/silentLogger';
import { loaded, stateWhere, until } from './support/wait';

interface Recorded {
  readonly name: string;
  readonly properties: TelemetryProperties;
  readonly measurements: TelemetryMeasurements;
}

class RecordingTelemetry implements Telemetry {
  readonly events: Recorded[] = [];
  sendEvent(name: string, properties: TelemetryProperties = {}, measurements: TelemetryMeasurements = {}): void {
    this.events.push({ name, properties, measurements });
  }
  sendError(name: string, properties: TelemetryProperties = {}, measurements: TelemetryMeasurements = {}): void {
    this.events.push({ name, properties, measurements });
  }
}

describe('cases model (against the fake Support API)', () => {
  const f = useFakeApi();
  let network: Network;
  let telemetry: RecordingTelemetry;
  let model: CasesModel;

  beforeEach(() => {
    telemetry = new RecordingTelemetry();
    network = networkFor(f.fake, 3000);
    model = new CasesModel({ api: async () => network.api, logger: silentLogger, telemetry });
    model.setAccount('sa-test');
  });

  afterEach(() => model.dispose());

  it('loads the first page of the most recently modified cases, in order', async () => {
    await model.refresh();
    const state = loaded(model);
    const expected = f.fake.control.listAll().slice(0, PAGE_SIZE).map((c) => c.caseNumber);
    assert.deepStrictEqual(state.cases.map((c) => c.caseNumber), expected);
    assert.strictEqual(state.hasMore, true);
    assert.strictEqual(state.totalCount, f.fake.control.listAll().length);
    const list = f.fake.control.requests('listCases')[0];
    assert.match(list.query, /sort=-modifiedDate/);
    assert.match(list.query, /limit=20/);
  });

  it('"load more" appends the next page until totalCount, then stops offering more', async () => {
    await model.refresh();
    const all = f.fake.control.listAll();
    while (loaded(model).hasMore) {
      await model.loadMore();
    }
    const state = loaded(model);
    assert.deepStrictEqual(state.cases.map((c) => c.caseNumber), all.map((c) => c.caseNumber));
    assert.strictEqual(state.pagesLoaded, Math.ceil(all.length / PAGE_SIZE));
    const offsets = f.fake.control.requests('listCases').map((r) => new URLSearchParams(r.query).get('offset'));
    assert.deepStrictEqual(offsets, ['0', '20', '40']);
  });

  it('a refresh keeps the number of pages loaded and shows changed server data', async () => {
    await model.refresh();
    await model.loadMore();
    f.fake.control.upsertCase({ caseNumber: '07777777', subject: 'Brand new case' });
    await model.refresh();
    const state = loaded(model);
    assert.strictEqual(state.pagesLoaded, 2);
    // Refresh merges what changed into place: the new case joins the 40 loaded ones (none is dropped).
    assert.strictEqual(state.cases.length, 41);
    assert.strictEqual(state.cases[0].caseNumber, '07777777');
    assert.strictEqual(state.cases[0].subject, 'Brand new case');
  });

  it('50 refreshes fired at once never overlap and end with the server\'s final data', async () => {
    // The first refresh of the burst is held after the fake answered it until the other 49 have been fired, so the
    // burst always lands on a refresh in flight (no delay for a busy machine to outrun). The holding wrapper also counts
    // the model's own calls in flight, which the fake cannot see while one is held.
    let armed = false;
    let held = 0;
    let inFlight = 0;
    let maxInFlight = 0;
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    // Only listCases is wrapped; every other call goes to the real client (its prototype).
    const holding: SupportApiClient = Object.assign(Object.create(network.api) as SupportApiClient, {
      listCases: async (params: ListCasesParams, signal?: AbortSignal) => {
        inFlight++;
        maxInFlight = Math.max(maxInFlight, inFlight);
        try {
          const page = await network.api.listCases(params, signal);
          if (armed && held++ === 0) {
            await gate;
          }
          return page;
        } finally {
          inFlight--;
        }
      }
    });
    model.dispose();
    model = new CasesModel({ api: async () => holding, logger: silentLogger, telemetry });
    model.setAccount('sa-test');
    await model.refresh();
    f.fake.control.clearRequests();
    armed = true;
    const calls: Promise<void>[] = [model.refresh()];
    // The first refresh got its answer and is held; the data changes after it, then 49 more refreshes arrive.
    await until(() => held === 1);
    f.fake.control.upsertCase({ caseNumber: '08888888', subject: 'Arrived mid-burst' });
    for (let i = 1; i < 50; i++) {
      calls.push(model.refresh());
      await new Promise((resolve) => setImmediate(resolve));
    }
    assert.strictEqual(f.fake.control.stats().counts.listCases, 1, 'nothing else was sent while the first refresh ran');
    release();
    await Promise.all(calls);
    const stats = f.fake.control.stats();
    assert.strictEqual(maxInFlight, 1, 'the model overlapped list calls');
    assert.strictEqual(stats.maxConcurrent.listCases, 1, 'list requests overlapped');
    assert.strictEqual(stats.counts.listCases, 2, 'the burst should coalesce into the running refresh plus one more');
    assert.strictEqual(loaded(model).cases[0].caseNumber, '08888888');
  });

  it('a load more requested during a refresh waits for it and never overlaps it', async () => {
    await model.refresh();
    f.fake.control.clearRequests();
    f.fake.control.addFault({ target: 'listCases', kind: 'delay', delayMs: 40 });
    await Promise.all([model.refresh(), model.loadMore(), model.refresh()]);
    assert.strictEqual(f.fake.control.stats().maxConcurrent.listCases, 1);
    assert.strictEqual(loaded(model).pagesLoaded, 2);
  });

  it('drops an answer that arrives after sign-out (an older response never overwrites a newer state)', async () => {
    f.fake.control.addFault({ target: 'listCases', kind: 'delay', delayMs: 200 });
    const pending = model.refresh();
    await stateWhere(model, (s) => s.kind === 'loading');
    model.setAccount(undefined);
    await pending;
    assert.strictEqual(model.state.kind, 'signedOut');
  });

  it('shows an error state with the troubleshooting id when the first load fails, and recovers on refresh', async () => {
    f.fake.control.addFault({ target: 'listCases', kind: 'respond', status: 503, body: { code: 'SERVICE_TEMPORARILY_UNAVAILABLE', message: 'Down for maintenance, back in 30 minutes' }, times: 1 });
    await model.refresh();
    const state = model.state;
    assert.strictEqual(state.kind, 'error');
    if (state.kind === 'error') {
      assert.strictEqual(state.error.kind, 'unavailable');
      assert.match(state.error.message, /30 minutes/);
      assert.ok(state.error.troubleshootingId, 'troubleshooting id missing');
    }
    await model.refresh();
    assert.strictEqual(loaded(model).cases.length, PAGE_SIZE);
  });

  it('keeps the loaded cases when a later refresh fails and puts the error on top', async () => {
    await model.refresh();
    f.fake.control.addFault({ target: 'listCases', kind: 'respond', status: 500, times: 1 });
    await model.refresh();
    const state = loaded(model);
    assert.strictEqual(state.cases.length, PAGE_SIZE);
    assert.strictEqual(state.refreshError?.kind, 'server');
    await model.refresh();
    assert.strictEqual(loaded(model).refreshError, undefined);
  });

  it('keeps loaded pages when "load more" fails and lets it be retried', async () => {
    await model.refresh();
    f.fake.control.addFault({ target: 'listCases', kind: 'respond', status: 500, times: 1 });
    await model.loadMore();
    assert.strictEqual(loaded(model).loadMoreError?.kind, 'server');
    assert.strictEqual(loaded(model).cases.length, PAGE_SIZE);
    await model.loadMore();
    assert.strictEqual(loaded(model).cases.length, 2 * PAGE_SIZE);
    assert.strictEqual(loaded(model).loadMoreError, undefined);
  });

  it('shows "no cases" as an empty loaded state', async () => {
    f.fake.control.setCaseCount(0);
    await model.refresh();
    const state = loaded(model);
    assert.strictEqual(state.cases.length, 0);
    assert.strictEqual(state.hasMore, false);
  });

  it('pages through the API maximum (offset 2000, 2,020 cases) and stops there', async function () {
    this.timeout(60_000);
    f.fake.control.setCaseCount(2100);
    const heapBefore = process.memoryUsage().heapUsed;
    await model.refresh();
    while (loaded(model).hasMore) {
      await model.loadMore();
    }
    const state = loaded(model);
    assert.strictEqual(state.cases.length, MAX_OFFSET + PAGE_SIZE);
    assert.strictEqual(state.pagesLoaded, 101);
    const lastOffset = f.fake.control.requests('listCases').map((r) => Number(new URLSearchParams(r.query).get('offset'))).pop();
    assert.strictEqual(lastOffset, MAX_OFFSET);
    const growthMb = (process.memoryUsage().heapUsed - heapBefore) / 1024 / 1024;
    console.log(`      paging 2,020 cases: ${state.pagesLoaded} requests, heap growth ${growthMb.toFixed(1)} MB`);
  });

  it('sends refresh telemetry with counts and durations only', async () => {
    await model.refresh();
    f.fake.control.addFault({ target: 'listCases', kind: 'respond', status: 403, body: { code: 'ACCESS_DENIED', message: 'No access to SAC 1234 for dana@example.com' }, times: 1 });
    await model.refresh();
    const refreshes = telemetry.events.filter((e) => e.name === 'cases.refresh');
    assert.strictEqual(refreshes.length, 2);
    assert.deepStrictEqual(Object.keys(refreshes[0].measurements).sort(), ['caseCount', 'durationMs', 'pages']);
    assert.strictEqual(refreshes[0].measurements.caseCount, PAGE_SIZE);
    assert.strictEqual(refreshes[1].properties.errorKind, 'forbidden');
    const serialized = JSON.stringify(telemetry.events);
    for (const c of f.fake.control.listAll().slice(0, PAGE_SIZE)) {
      assert.ok(!serialized.includes(c.caseNumber), 'a case number reached telemetry');
      assert.ok(!serialized.includes(c.subject), 'a subject reached telemetry');
    }
    assert.ok(!serialized.includes('dana@example.com') && !serialized.includes(f.fake.clientId) && !serialized.includes(f.fake.clientSecret));
  });
});

describe('telemetry filter', () => {
  it('passes only allow-listed properties with short identifier values', () => {
    const out = sanitizeProperties({
      result: 'failure',
      errorKind: 'forbidden',
      status: '403',
      code: 'ACCESS_DENIED',
      subject: 'Gateway down',
      message: 'No access for dana@example.com',
      operation: 'dana@example.com',
      source: 'x'.repeat(41)
    });
    assert.deepStrictEqual(out, { result: 'failure', errorKind: 'forbidden', status: '403', code: 'ACCESS_DENIED' });
  });

  it('keeps finite measurements only, rounded', () => {
    assert.deepStrictEqual(sanitizeMeasurements({ a: 1.6, b: Number.NaN, c: Number.POSITIVE_INFINITY }), { a: 2 });
  });
});
