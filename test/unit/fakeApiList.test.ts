// GET /case of the fake Support API, driven through SupportApi.listCases: the filters (updated and created ranges,
// both bounds, statuses, types, sac), every sort field both ways and with several keys, and paging, each checked
// against an oracle computed here from the fake's full case details. Filters and incremental refresh build on it.
import * as assert from 'assert';
import type { CaseQuery, CaseSummary, ListCasesParams, SortField, SortKey } from '../../src/api/types';
import type { FakeCaseDetail } from '../fake-api/types';
import { useFakeApi } from './support/fixture';
import { assertEvery } from '../support/every';

const SORT_FIELDS: readonly SortField[] = ['createdDate', 'modifiedDate', 'closedDate', 'status', 'severity'];

/** API date-times (`…+0000`) as epoch milliseconds; NaN when absent. */
function ms(value: string | null | undefined): number {
  return value ? Date.parse(value.replace(/([+-]\d{2})(\d{2})$/, '$1:$2')) : NaN;
}

describe('fake Support API: GET /case filters, sorts and paging', function () {
  this.timeout(60_000);
  const f = useFakeApi();

  function details(): FakeCaseDetail[] {
    return f.fake.control.listAll().map((c) => f.fake.control.getCase(c.caseNumber) as FakeCaseDetail);
  }

  /** Every page of a query, in order, with the totalCount of each page. */
  async function listAll(params: ListCasesParams, limit = 20): Promise<{ cases: CaseSummary[]; totals: (number | undefined)[] }> {
    const { api } = f.api();
    const cases: CaseSummary[] = [];
    const totals: (number | undefined)[] = [];
    for (let offset = 0; ; offset += limit) {
      const page = await api.listCases({ ...params, limit, offset });
      cases.push(...page.cases);
      totals.push(page.totalCount);
      if (page.cases.length < limit) {
        return { cases, totals };
      }
    }
  }

  async function numbers(query: CaseQuery): Promise<string[]> {
    return (await listAll({ query, sort: [{ field: 'modifiedDate', direction: 'desc' }] })).cases.map((c) => c.caseNumber);
  }

  function expected(filter: (c: FakeCaseDetail) => boolean): string[] {
    return details()
      .filter(filter)
      .sort((a, b) => ms(b.modifiedDate) - ms(a.modifiedDate))
      .map((c) => c.caseNumber);
  }

  it('honours updated.after and updated.before, both inclusive', async () => {
    const all = details();
    const after = ms(all[30].modifiedDate);
    const before = ms(all[10].modifiedDate);
    const got = await numbers({ updated: { after: new Date(after), before: new Date(before) } });
    assert.deepStrictEqual(got, all.slice(10, 31).map((c) => c.caseNumber));
    // One second inside each bound drops the boundary cases: both bounds really apply.
    const inner = await numbers({ updated: { after: new Date(after + 1000), before: new Date(before - 1000) } });
    assert.deepStrictEqual(inner, all.slice(11, 30).map((c) => c.caseNumber));
  });

  it('honours created.after and created.before', async () => {
    const created = details().map((c) => ms(c.createdDate)).sort((a, b) => a - b);
    const after = created[15];
    const before = created[40];
    const got = await numbers({ created: { after: new Date(after), before: new Date(before) } });
    const want = expected((c) => ms(c.createdDate) >= after && ms(c.createdDate) <= before);
    assert.ok(want.length >= 20);
    assert.deepStrictEqual(got, want);
  });

  it('finds what changed since a moment: a note moves its case into updated.after', async () => {
    const { api } = f.api();
    const since = ms(f.fake.control.listAll()[0].modifiedDate);
    const target = f.fake.control.listAll()[25].caseNumber;
    await api.addNote({ caseId: target, subject: 'News', description: 'Changed.', contact: 'dana.whitfield@globex.example' });
    const changed = await numbers({ updated: { after: new Date(since + 1000), before: new Date(Date.now() + 60_000) } });
    assert.deepStrictEqual(changed, [target]);
  });

  it('includes and excludes statuses and types, filters by account, and ANDs them', async () => {
    assert.deepStrictEqual(await numbers({ statuses: { exclude: ['Closed'] } }), expected((c) => c.status !== 'Closed'));
    assert.deepStrictEqual(await numbers({ statuses: { include: ['New', 'In Support'] } }), expected((c) => c.status === 'New' || c.status === 'In Support'));
    assert.deepStrictEqual(await numbers({ types: { include: ['Enhancement Request'] } }), expected((c) => c.type === 'Enhancement Request'));
    assert.deepStrictEqual(await numbers({ types: { exclude: ['Support Case'] } }), expected((c) => c.type !== 'Support Case'));
    const sac = f.fake.control.accounts()[1].sac;
    assert.deepStrictEqual(await numbers({ sac }), expected((c) => c.account.sac === sac));
    const combined = expected((c) => c.account.sac === sac && c.status !== 'Closed' && c.type === 'Support Case');
    assert.ok(combined.length > 0);
    assert.deepStrictEqual(await numbers({ sac, statuses: { exclude: ['Closed'] }, types: { include: ['Support Case'] } }), combined);
  });

  it('sorts by every field in both directions, missing closed dates last', async () => {
    const byNumber = new Map(details().map((c) => [c.caseNumber, c]));
    for (const field of SORT_FIELDS) {
      for (const direction of ['asc', 'desc'] as const) {
        const { cases } = await listAll({ sort: [{ field, direction }] });
        assert.strictEqual(cases.length, byNumber.size, `${field} ${direction}`);
        for (let i = 1; i < cases.length; i++) {
          const a = byNumber.get(cases[i - 1].caseNumber) as FakeCaseDetail;
          const b = byNumber.get(cases[i].caseNumber) as FakeCaseDetail;
          const cmp = compare(a, b, { field, direction });
          assert.ok(cmp <= 0, `${field} ${direction}: ${a.caseNumber} (${String(a[field])}) before ${b.caseNumber} (${String(b[field])})`);
        }
      }
    }
  });

  it('sorts by several keys, the first deciding and the next breaking ties', async () => {
    const keys: SortKey[] = [
      { field: 'status', direction: 'asc' },
      { field: 'createdDate', direction: 'desc' }
    ];
    const { cases } = await listAll({ sort: keys });
    const want = details()
      .sort((a, b) => compare(a, b, keys[0]) || compare(a, b, keys[1]))
      .map((c) => c.caseNumber);
    assert.deepStrictEqual(cases.map((c) => c.caseNumber), want);
    assert.match(f.fake.control.requests('listCases')[0].query, /sort=%2Bstatus,-createdDate/);
  });

  it('pages with any limit: pages join into the full order, totalCount stays the count of matches', async () => {
    const full = (await listAll({ sort: [{ field: 'createdDate', direction: 'asc' }], query: { statuses: { exclude: ['Closed'] } } })).cases.map((c) => c.caseNumber);
    const paged = await listAll({ sort: [{ field: 'createdDate', direction: 'asc' }], query: { statuses: { exclude: ['Closed'] } } }, 7);
    assert.deepStrictEqual(paged.cases.map((c) => c.caseNumber), full);
    assertEvery(paged.totals, (t) => t === full.length, 'totalCount of every page');
    const { api } = f.api();
    const empty = await api.listCases({ limit: 0 });
    assert.deepStrictEqual(empty.cases, []);
    assert.strictEqual(empty.totalCount, f.fake.control.listAll().length);
    const beyond = await api.listCases({ offset: 2000 });
    assert.deepStrictEqual(beyond.cases, []);
  });
});

/** The documented sort semantics: dates by time (absent last either way), status and severity as text. */
function compare(a: FakeCaseDetail, b: FakeCaseDetail, key: SortKey): number {
  const sign = key.direction === 'desc' ? -1 : 1;
  if (key.field === 'status' || key.field === 'severity') {
    return sign * a[key.field].localeCompare(b[key.field]);
  }
  const x = ms(a[key.field]);
  const y = ms(b[key.field]);
  if (Number.isNaN(x) || Number.isNaN(y)) {
    return Number.isNaN(x) === Number.isNaN(y) ? 0 : Number.isNaN(x) ? 1 : -1;
  }
  return sign * (x - y);
}
