// Issue 9's query building against the fake Support API, which validates `query` and `sort` as the docs say:
// every filter × sort combination is accepted, returns only matching cases, and all of them.
import * as assert from 'assert';
import type { CaseSummary } from '../../src/api/types';
import { PAGE_SIZE } from '../../src/api/limits';
import { describeFilter, listParams, matchesFilter, queryFor, type CaseFilter, type SortOption } from '../../src/cases/caseQuery';
import { useFakeApi } from './support/fixture';

const FILTERS: readonly CaseFilter[] = [
  { state: 'all' },
  { state: 'open' },
  { state: 'closed' },
  { state: 'open', types: ['Support Case'] },
  { state: 'all', statuses: ['Customer Owns Next Steps', 'In Support'] },
  { state: 'open', updatedWithinDays: 30 },
  { state: 'all', types: ['Enhancement Request', 'Business Service Request'], updatedWithinDays: 90 },
  { state: 'closed', updatedWithinDays: 7 }
];
const SORTS: readonly SortOption[] = ['modified', 'created', 'severity', 'status'];

describe('case filters and sorts against the fake API', () => {
  const f = useFakeApi();

  for (const filter of FILTERS) {
    it(`${describeFilter(filter) || 'no filter'}: every sort is accepted and returns exactly the matching cases`, async () => {
      const { api } = f.api();
      const now = Date.now();
      const expected = f.fake.control.listAll().filter((c) => matchesFilter(c as CaseSummary, filter, now)).map((c) => c.caseNumber).sort();
      for (const sort of SORTS) {
        const got: CaseSummary[] = [];
        for (let offset = 0; ; offset += PAGE_SIZE) {
          const page = await api.listCases(listParams(filter, sort, now, offset, PAGE_SIZE));
          got.push(...page.cases);
          if (page.cases.length < PAGE_SIZE) {
            break;
          }
        }
        assert.deepStrictEqual(got.map((c) => c.caseNumber).sort(), expected, `sort ${sort}`);
        assert.ok(got.every((c) => matchesFilter(c, filter, now)));
      }
    });
  }

  it('open and closed partition the cases, both non-empty (the data can tell filters apart)', () => {
    const now = Date.now();
    const all = f.fake.control.listAll() as CaseSummary[];
    const open = all.filter((c) => matchesFilter(c, { state: 'open' }, now));
    const closed = all.filter((c) => matchesFilter(c, { state: 'closed' }, now));
    assert.ok(open.length > 0 && closed.length > 0);
    assert.strictEqual(open.length + closed.length, all.length);
  });

  it('sends + as %2B in sort and the filter as percent-encoded JSON', async () => {
    const { api } = f.api();
    await api.listCases(listParams({ state: 'open', types: ['Support Case'] }, 'severity', Date.now(), 0, PAGE_SIZE));
    const [request] = f.fake.control.requests('listCases');
    assert.match(request.query, /sort=%2Bseverity,-modifiedDate/);
    const query = JSON.parse(decodeURIComponent(/query=([^&]+)/.exec(request.query)?.[1] ?? '')) as Record<string, unknown>;
    assert.deepStrictEqual(query, { statuses: { exclude: ['Closed'] }, types: { include: ['Support Case'] } });
  });

  it('has no query for no filter, and statuses chosen one by one win over the state', () => {
    assert.strictEqual(queryFor({ state: 'all' }, 0), undefined);
    assert.deepStrictEqual(queryFor({ state: 'open', statuses: ['New', 'New'] }, 0), { statuses: { include: ['New'] } });
    assert.strictEqual(describeFilter({ state: 'open', types: ['Support Case'], updatedWithinDays: 30 }), 'Open · Support Case · 30 days');
  });
});
