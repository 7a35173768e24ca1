// Edge cases of the Recent Cases list against the fake Support API over real HTTP: servers that ignore `offset`,
// answers without totalCount or closedDate (both allowed by the reference), and cases sent without a number.
import * as assert from 'assert';
import type { Network } from '../../src/api/index';
import { networkFor, useFakeApi, useStartedFake } from './support/fixture';
import { CasesModel, PAGE_SIZE } from '../../src/cases/casesModel';
import { noopTelemetry } from '../../src/telemetry/telemetry';
import { fakeAccessToken } from '../fake-api/client';
import type { FakeApi } from '../fake-api/server';
import { silentLogger } from './support/silentLogger';
import { loaded } from './support/wait';
import { assertEvery } from '../support/every';

/** A list entry as the API sends it, without a case number. */
function withoutNumber(subject: string): Record<string, unknown> {
  return { subject, status: 'In Support', severity: '3 - Important', type: 'Support Case', createdDate: '2025-01-02T03:04:05.000+0000', modifiedDate: '2025-01-03T03:04:05.000+0000', closedDate: null };
}

describe('Recent Cases list: edge cases of the API answers', () => {
  const f = useFakeApi();
  let network: Network;
  let model: CasesModel;

  beforeEach(() => {
    network = networkFor(f.fake, 5000);
    model = new CasesModel({ api: async () => network.api, logger: silentLogger, telemetry: noopTelemetry });
    model.setAccount('sa-test');
  });

  afterEach(() => model.dispose());

  describe('a server that ignores offset', () => {
    it('"load more" ends after one page brings nothing new, although totalCount promises more', async () => {
      f.fake.control.setListShape({ ignoreOffset: true });
      await model.refresh();
      assert.strictEqual(loaded(model).hasMore, true, 'a full first page and totalCount 57 offer more');
      await model.loadMore();
      const state = loaded(model);
      assert.strictEqual(state.hasMore, false, 'a page of cases already shown ends "load more"');
      assert.strictEqual(state.cases.length, PAGE_SIZE, 'nothing was added twice');
      assert.strictEqual(state.totalCount, 57);
      // A loadMore call after that sends nothing.
      await model.loadMore();
      const offsets = f.fake.control.requests('listCases').map((r) => new URLSearchParams(r.query).get('offset'));
      assert.deepStrictEqual(offsets, ['0', '20']);
    });

    it('ends as well when the answers carry no totalCount', async () => {
      f.fake.control.setListShape({ ignoreOffset: true, totalCount: 'omit' });
      await model.refresh();
      assert.strictEqual(loaded(model).hasMore, true);
      assert.strictEqual(loaded(model).totalCount, undefined);
      await model.loadMore();
      assert.strictEqual(loaded(model).hasMore, false);
      assert.strictEqual(f.fake.control.requests('listCases').length, 2);
    });

    it('a reload of several loaded pages stops at the first page that brings nothing new', async () => {
      await model.refresh();
      await model.loadMore();
      await model.loadMore();
      assert.strictEqual(loaded(model).pagesLoaded, 3);
      f.fake.control.setListShape({ ignoreOffset: true });
      f.fake.control.clearRequests();
      // Reload asks every loaded page again (Refresh only asks what changed).
      await model.reload();
      const state = loaded(model);
      assert.strictEqual(state.hasMore, false);
      assert.strictEqual(state.cases.length, PAGE_SIZE);
      assert.strictEqual(f.fake.control.requests('listCases').length, 2, 'page one, then the repeat that ended it');
    });
  });

  describe('answers without totalCount', () => {
    it('pages until a short page, then offers no more', async () => {
      f.fake.control.setListShape({ totalCount: 'omit' });
      await model.refresh();
      while (loaded(model).hasMore) {
        await model.loadMore();
      }
      const state = loaded(model);
      assert.strictEqual(state.totalCount, undefined);
      assert.deepStrictEqual(state.cases.map((c) => c.caseNumber), f.fake.control.listAll().map((c) => c.caseNumber));
      assertEvery(f.fake.control.requests('listCases'), (r) => r.status === 200, 'list requests');
    });

    it('a list whose length is a multiple of the page size ends with an empty page', async () => {
      f.fake.control.setCaseCount(2 * PAGE_SIZE);
      f.fake.control.setListShape({ totalCount: 'omit' });
      await model.refresh();
      await model.loadMore();
      assert.strictEqual(loaded(model).hasMore, true, 'without a total, a full page may have a successor');
      await model.loadMore();
      assert.strictEqual(loaded(model).hasMore, false);
      assert.strictEqual(loaded(model).cases.length, 2 * PAGE_SIZE);
    });
  });

  describe('cases without a case number', () => {
    it('keeps each one as its own entry (never merged into one), beside numbered cases', async () => {
      const numbered = f.fake.control.listAll()[0];
      f.fake.control.addFault({
        target: 'listCases', kind: 'respond', status: 200, times: 1,
        body: { totalCount: 4, cases: [withoutNumber('First without number'), withoutNumber('Second without number'), numbered, { ...withoutNumber('Blank number'), caseNumber: '   ' }] }
      });
      await model.refresh();
      const state = loaded(model);
      assert.deepStrictEqual(state.cases.map((c) => [c.caseNumber, c.subject]), [
        ['', 'First without number'], ['', 'Second without number'], [numbered.caseNumber, numbered.subject], ['', 'Blank number']
      ]);
    });

    it('keeps two identical ones as two entries', async () => {
      f.fake.control.addFault({ target: 'listCases', kind: 'respond', status: 200, times: 1, body: { cases: [withoutNumber('Same'), withoutNumber('Same')] } });
      await model.refresh();
      assert.strictEqual(loaded(model).cases.length, 2);
    });

    it('a server that ignores offset and serves number-less cases still ends "load more"', async () => {
      const page = Array.from({ length: PAGE_SIZE }, (_, i) => withoutNumber(`Without number ${i % 3}`));
      f.fake.control.addFault({ target: 'listCases', kind: 'respond', status: 200, times: 2, body: { totalCount: 100, cases: page } });
      await model.refresh();
      assert.strictEqual(loaded(model).cases.length, PAGE_SIZE);
      await model.loadMore();
      assert.strictEqual(loaded(model).cases.length, PAGE_SIZE, 'the repeated page added nothing');
      assert.strictEqual(loaded(model).hasMore, false);
    });
  });
});

describe('fake Support API: answer shapes the reference allows', () => {
  let fake: FakeApi;

  useStartedFake((started) => {
    fake = started;
  });

  async function get(path: string): Promise<Record<string, unknown>> {
    const accessToken = await fakeAccessToken(fake);
    const response = await fetch(`${fake.apiBaseUrl}${path}`, { headers: { authorization: `Bearer ${accessToken}` } });
    assert.strictEqual(response.status, 200);
    return (await response.json()) as Record<string, unknown>;
  }

  it("'random' omits totalCount in some answers and an open case's closedDate in some entries, the same way every run", async () => {
    fake.control.setListShape({ totalCount: 'random', closedDate: 'random', seed: 7 });
    const answers: Record<string, unknown>[] = [];
    for (let i = 0; i < 8; i++) {
      answers.push(await get('/case?sort=-modifiedDate&limit=20'));
    }
    const withTotal = answers.filter((a) => 'totalCount' in a).length;
    assert.ok(withTotal > 0 && withTotal < answers.length, `totalCount in ${withTotal} of ${answers.length} answers`);
    const open = answers.flatMap((a) => a.cases as Record<string, unknown>[]).filter((c) => c.status !== 'Closed');
    const absent = open.filter((c) => !('closedDate' in c)).length;
    assert.ok(absent > 0 && absent < open.length, `closedDate absent in ${absent} of ${open.length} open cases`);
    assert.ok(open.every((c) => c.closedDate === undefined || c.closedDate === null));

    fake.control.setListShape({ seed: 7 });
    const again = [];
    for (let i = 0; i < 8; i++) {
      again.push(await get('/case?sort=-modifiedDate&limit=20'));
    }
    assert.deepStrictEqual(again, answers, 'the same seed gives the same shapes');
  });

  it("'omit' and 'null' apply to every open case, in lists and details; closed cases keep their date", async () => {
    fake.control.setListShape({ totalCount: 'omit', closedDate: 'omit' });
    const list = await get('/case?sort=-modifiedDate&limit=20');
    assert.ok(!('totalCount' in list));
    const cases = list.cases as Record<string, unknown>[];
    assert.ok(cases.some((c) => c.status === 'Closed') && cases.some((c) => c.status !== 'Closed'), 'both kinds on page one');
    for (const c of cases) {
      assert.strictEqual('closedDate' in c, c.status === 'Closed', `${String(c.caseNumber)} ${String(c.status)}`);
    }
    const open = cases.find((c) => c.status !== 'Closed');
    assert.ok(!('closedDate' in (await get(`/case/${String(open?.caseNumber)}`))));

    fake.control.setListShape({ closedDate: 'null' });
    const nulls = (await get('/case?sort=-modifiedDate&limit=20')).cases as Record<string, unknown>[];
    assertEvery(nulls.filter((c) => c.status !== 'Closed'), (c) => c.closedDate === null, 'open cases');
    assert.strictEqual((await get(`/case/${String(open?.caseNumber)}`)).closedDate, null);
  });

  it('ignoreOffset serves the first page for every offset; reset() restores the documented shape', async () => {
    fake.control.setListShape({ ignoreOffset: true });
    const first = await get('/case?sort=-modifiedDate&limit=20');
    const second = await get('/case?sort=-modifiedDate&limit=20&offset=20');
    assert.deepStrictEqual(second.cases, first.cases);
    fake.control.reset();
    const after = await get('/case?sort=-modifiedDate&limit=20&offset=20');
    assert.notDeepStrictEqual(after.cases, first.cases);
    assert.strictEqual(after.totalCount, 57);
    assert.deepStrictEqual(fake.control.listShape(), { totalCount: 'always', closedDate: 'asStored', ignoreOffset: false, seed: 1 });
  });
});
