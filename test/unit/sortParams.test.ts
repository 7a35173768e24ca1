// Issue 9's Sort By… mapping, exactly: each choice becomes the API's `sort` parameter (ties broken by modification
// so pages stay stable), `+` goes on the wire as %2B (a raw '+' would be read as a space), and grouping by severity
// puts severity first in the one server-sorted stream.
import * as assert from 'assert';
import type { SortKey } from '../../src/api/types';
import { encodeSort } from '../../src/api/supportApi';
import { DEFAULT_VIEW, listSpecs, pageParams, type ListView } from '../../src/cases/caseGroups';
import { listParams, type SortOption } from '../../src/cases/caseQuery';
import { useFakeApi } from './support/fixture';

const desc = (field: SortKey['field']): SortKey => ({ field, direction: 'desc' });
const asc = (field: SortKey['field']): SortKey => ({ field, direction: 'asc' });

const EXPECTED: Readonly<Record<SortOption, { readonly keys: readonly SortKey[]; readonly wire: string }>> = {
  modified: { keys: [desc('modifiedDate')], wire: '-modifiedDate' },
  created: { keys: [desc('createdDate'), desc('modifiedDate')], wire: '-createdDate,-modifiedDate' },
  severity: { keys: [asc('severity'), desc('modifiedDate')], wire: '%2Bseverity,-modifiedDate' },
  status: { keys: [asc('status'), desc('modifiedDate')], wire: '%2Bstatus,-modifiedDate' }
};
const SORTS = Object.keys(EXPECTED) as SortOption[];

/** The `sort` value of a GET /case query string, as sent (still percent-encoded). */
function sortOnWire(query: string): string | undefined {
  return /(?:^|&)sort=([^&]*)/.exec(query)?.[1];
}

describe('sort mapping: view sorts to API sort keys', () => {
  for (const sort of SORTS) {
    it(`${sort}: listParams and pageParams ask sort=${EXPECTED[sort].wire}`, () => {
      const { keys, wire } = EXPECTED[sort];
      assert.deepStrictEqual(listParams({ state: 'all' }, sort, 0, 0, 20).sort, keys);
      const [spec] = listSpecs({ ...DEFAULT_VIEW, sort });
      assert.deepStrictEqual(pageParams(spec, 0, 0, 20).sort, keys);
      assert.strictEqual(encodeSort(keys), wire);
    });
  }

  it('the default view is last modified first, the seed\'s -modifiedDate', () => {
    assert.strictEqual(DEFAULT_VIEW.sort, 'modified');
    assert.strictEqual(encodeSort(pageParams(listSpecs(DEFAULT_VIEW)[0], 0, 0, 20).sort ?? []), '-modifiedDate');
  });

  it('grouping by severity sorts the stream by severity first, then by the chosen sort', () => {
    const wire = (sort: SortOption): string => encodeSort(pageParams(listSpecs({ ...DEFAULT_VIEW, sort, group: 'severity' })[0], 0, 0, 20).sort ?? []);
    assert.strictEqual(wire('modified'), '%2Bseverity,-modifiedDate');
    assert.strictEqual(wire('created'), '%2Bseverity,-createdDate,-modifiedDate');
    assert.strictEqual(wire('severity'), '%2Bseverity,-modifiedDate');
    assert.strictEqual(wire('status'), '%2Bseverity,%2Bstatus,-modifiedDate');
  });

  it('status and type groups page with the chosen sort', () => {
    for (const group of ['status', 'type'] as const) {
      const view: ListView = { ...DEFAULT_VIEW, sort: 'created', group };
      for (const spec of listSpecs(view)) {
        assert.strictEqual(encodeSort(pageParams(spec, 0, 0, 20).sort ?? []), '-createdDate,-modifiedDate', `${group} group ${spec.key}`);
      }
    }
  });

  describe('on the wire, to the fake Support API', () => {
    const f = useFakeApi();
    for (const sort of SORTS) {
      it(`${sort}: GET /case carries sort=${EXPECTED[sort].wire}`, async () => {
        const { api } = f.api();
        await api.listCases(pageParams(listSpecs({ ...DEFAULT_VIEW, sort })[0], Date.now(), 0, 20));
        const requests = f.fake.control.requests('listCases');
        assert.strictEqual(requests.length, 1);
        assert.strictEqual(sortOnWire(requests[0].query), EXPECTED[sort].wire);
      });
    }
  });
});
