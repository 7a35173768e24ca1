// The incremental refresh's merge (issue 9): inserted, moved, changed, leaving the filter, unchanged; and the local
// order agrees with the server's order for every sort, so merged rows sit where a full reload would put them.
import * as assert from 'assert';
import type { CaseSummary } from '../../src/api/types';
import { PAGE_SIZE } from '../../src/api/limits';
import { listParams, matchesFilter, type CaseFilter, type SortOption } from '../../src/cases/caseQuery';
import { mergeChanges, newestModified } from '../../src/cases/incrementalMerge';
import { useFakeApi } from './support/fixture';

function summary(caseNumber: string, minutesAgo: number, status = 'In Support', extra: Partial<CaseSummary> = {}): CaseSummary {
  const at = new Date(Date.UTC(2026, 10, 30, 12, 0, 0) - minutesAgo * 60_000).toISOString();
  return { caseNumber, subject: `Case ${caseNumber}`, status, severity: '3 - Important', type: 'Support Case', createdDate: at, modifiedDate: at, ...extra };
}

const OPEN: CaseFilter = { state: 'open' };
const openOnly = (c: CaseSummary): boolean => matchesFilter(c, OPEN, Date.UTC(2026, 10, 30, 12));

describe('incremental merge', () => {
  const current = [summary('A', 1), summary('B', 2), summary('C', 3), summary('D', 4)];

  it('leaves the list as it is when nothing changed', () => {
    const result = mergeChanges(current, [], openOnly, 'modified', true);
    assert.deepStrictEqual(result.cases, current);
    assert.deepStrictEqual([result.inserted, result.updated, result.removed], [[], [], []]);
  });

  it('moves a changed case to the top, inserts a new one, drops one that left the filter', () => {
    const changed = [summary('C', 0, 'Customer Owns Next Steps'), summary('N', 0.5), summary('B', 0.2, 'Closed')];
    const result = mergeChanges(current, changed, openOnly, 'modified', true);
    assert.deepStrictEqual(result.cases.map((c) => c.caseNumber), ['C', 'N', 'A', 'D']);
    assert.deepStrictEqual(result.inserted, ['N']);
    assert.deepStrictEqual(result.updated, ['C']);
    assert.deepStrictEqual(result.removed, ['B']);
    assert.strictEqual(result.cases[0].status, 'Customer Owns Next Steps');
  });

  it('keeps a new case that sorts after the last loaded row out while more pages exist', () => {
    const old = summary('OLD', 10);
    assert.deepStrictEqual(mergeChanges(current, [old], openOnly, 'created', false).inserted, []);
    assert.deepStrictEqual(mergeChanges(current, [old], openOnly, 'created', true).inserted, ['OLD']);
  });

  it('takes the newest of duplicates from the overlap window, and finds the newest modification', () => {
    const result = mergeChanges(current, [summary('A', 0.5, 'New'), summary('A', 0.1, 'In R&D')], openOnly, 'modified', true);
    assert.strictEqual(result.cases[0].status, 'In R&D');
    assert.strictEqual(newestModified(current), Date.parse(current[0].modifiedDate ?? ''));
    assert.strictEqual(newestModified([]), undefined);
  });

  describe('against the fake API', () => {
    const f = useFakeApi();
    for (const sort of ['modified', 'created', 'severity', 'status'] as SortOption[]) {
      it(`orders like the server for sort "${sort}"`, async () => {
        const { api } = f.api();
        const got: CaseSummary[] = [];
        for (let offset = 0; ; offset += PAGE_SIZE) {
          const page = await api.listCases(listParams({ state: 'all' }, sort, Date.now(), offset, PAGE_SIZE));
          got.push(...page.cases);
          if (page.cases.length < PAGE_SIZE) {
            break;
          }
        }
        const shuffled = [...got].reverse();
        const merged = mergeChanges([], shuffled, () => true, sort, true);
        assert.deepStrictEqual(merged.cases.map((c) => c.caseNumber), got.map((c) => c.caseNumber));
      });
    }
  });
});
