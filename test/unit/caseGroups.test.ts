// Groups are real (issue 9): for every filter and grouping, each group's query is accepted by the fake Support API,
// returns exactly its members, and the groups together hold exactly the filtered list; the stored view is read
// back defensively.
import * as assert from 'assert';
import type { CaseSummary } from '../../src/api/types';
import { PAGE_SIZE } from '../../src/api/limits';
import { matchesFilter, type CaseFilter, type GroupOption } from '../../src/cases/caseQuery';
import { listSpecs, pageParams, severityRuns, viewKey, DEFAULT_VIEW } from '../../src/cases/caseGroups';
import { loadView, parseFilter } from '../../src/cases/listViewStore';
import { useFakeApi } from './support/fixture';

const FILTERS: readonly CaseFilter[] = [
  { state: 'all' },
  { state: 'open' },
  { state: 'closed', types: ['Support Case'] },
  { state: 'all', statuses: ['Customer Owns Next Steps', 'New'] },
  { state: 'open', types: ['Enhancement Request', 'Support Case'], updatedWithinDays: 90 }
];

describe('case groups against the fake API', () => {
  const f = useFakeApi();

  for (const group of ['status', 'type', 'severity'] as GroupOption[]) {
    it(`group by ${group}: every group query is accepted and the groups partition the filtered cases`, async () => {
      const { api } = f.api();
      const now = Date.now();
      const all = f.fake.control.listAll() as CaseSummary[];
      // An unknown value must land in "Other", not vanish.
      f.fake.control.upsertCase({ caseNumber: '07100001', status: 'Waiting on Vendor', type: 'Partner Case', modifiedDate: all[0].modifiedDate });
      const cases = f.fake.control.listAll() as CaseSummary[];
      for (const filter of FILTERS) {
        const expected = cases.filter((c) => matchesFilter(c, filter, now)).map((c) => c.caseNumber).sort();
        const got: string[] = [];
        for (const spec of listSpecs({ filter, sort: 'modified', group })) {
          for (let offset = 0; ; offset += PAGE_SIZE) {
            const page = await api.listCases(pageParams(spec, now, offset, PAGE_SIZE));
            assert.ok(page.cases.every((c) => spec.member(c)), `${spec.key} returned a non-member`);
            got.push(...page.cases.map((c) => c.caseNumber));
            if (page.cases.length < PAGE_SIZE) {
              break;
            }
          }
        }
        assert.deepStrictEqual(got.sort(), expected, `${group} × ${JSON.stringify(filter)}`);
      }
    });
  }

  it('cuts a severity-sorted stream into runs and keys views by everything that decides the rows', () => {
    const c = (n: string, severity: string): CaseSummary => ({ caseNumber: n, subject: '', status: 'New', severity, type: '' });
    assert.deepStrictEqual(severityRuns([c('1', '1 - Critical'), c('2', '1 - Critical'), c('3', '3 - Important'), c('4', '')]).map((r) => [r.label, r.cases.length]), [
      ['1 - Critical', 2], ['3 - Important', 1], ['No severity', 1]
    ]);
    assert.strictEqual(viewKey({ ...DEFAULT_VIEW, filter: { state: 'all', types: ['B', 'A'] } }), viewKey({ ...DEFAULT_VIEW, filter: { state: 'all', types: ['A', 'B'] } }));
    assert.notStrictEqual(viewKey(DEFAULT_VIEW), viewKey({ ...DEFAULT_VIEW, group: 'status' }));
  });

  it('reads a stored view defensively and a filter argument field by field', () => {
    const storage = (value: unknown): { get<T>(): T | undefined } => ({ get: <T>() => value as T });
    assert.deepStrictEqual(loadView(storage(undefined)), DEFAULT_VIEW);
    assert.deepStrictEqual(loadView(storage({ filter: { state: 'open', updatedWithinDays: 30 }, sort: 'severity', group: 'type' })), {
      filter: { state: 'open', updatedWithinDays: 30 }, sort: 'severity', group: 'type'
    });
    assert.deepStrictEqual(loadView(storage({ filter: 'x', sort: 'nonsense', group: 42 })), DEFAULT_VIEW);
    assert.deepStrictEqual(parseFilter({ state: 'open', statuses: ['Customer Owns Next Steps', 'Customer Owns Next Steps', 3], updatedWithinDays: 12, sac: '' }), {
      state: 'open', statuses: ['Customer Owns Next Steps']
    });
  });
});
