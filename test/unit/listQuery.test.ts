import * as assert from 'assert';
import { buildListQuery, encodeSort, formatQueryDate, queryJson } from '../../src/api/supportApi';
import { ApiError } from '../../src/api/errors';

describe('list query encoding', () => {
  it('encodes ascending sort keys as %2B and descending as -', () => {
    assert.strictEqual(
      encodeSort([
        { field: 'modifiedDate', direction: 'desc' },
        { field: 'severity', direction: 'asc' }
      ]),
      '-modifiedDate,%2Bseverity'
    );
  });

  it('drops repeated sort fields and refuses unknown ones', () => {
    assert.strictEqual(
      encodeSort([
        { field: 'status', direction: 'asc' },
        { field: 'status', direction: 'desc' }
      ]),
      '%2Bstatus'
    );
    assert.throws(() => encodeSort([{ field: 'subject' as never, direction: 'asc' }]), (e: unknown) => e instanceof ApiError && e.kind === 'badRequest');
  });

  it('writes dates as UTC ending in Z without milliseconds', () => {
    assert.strictEqual(formatQueryDate(new Date('2020-03-01T01:02:03.456+02:00'), 'x'), '2020-02-29T23:02:03Z');
    assert.throws(() => formatQueryDate(new Date('nope'), 'created.after'), /created\.after/);
  });

  it('builds the query JSON with every filter', () => {
    const json = queryJson({
      created: { after: new Date('2020-03-01T01:02:03Z'), before: new Date('2020-04-01T00:00:00Z') },
      updated: { after: new Date('2021-01-01T00:00:00Z'), before: new Date('2021-02-01T00:00:00Z') },
      sac: ' GLBX-1 ',
      types: { include: ['Support Case', 'Support Case', 'Security Issue'] },
      statuses: { exclude: ['Closed'] }
    });
    assert.deepStrictEqual(JSON.parse(json ?? ''), {
      created: { after: '2020-03-01T01:02:03Z', before: '2020-04-01T00:00:00Z' },
      updated: { after: '2021-01-01T00:00:00Z', before: '2021-02-01T00:00:00Z' },
      sac: 'GLBX-1',
      types: { include: ['Support Case', 'Security Issue'] },
      statuses: { exclude: ['Closed'] }
    });
    assert.strictEqual(queryJson({}), undefined);
    assert.throws(() => queryJson({ statuses: { include: [] } }), /at least one value/);
  });

  it('percent-encodes the query JSON and keeps the order limit, offset, sort, query', () => {
    const query = buildListQuery({
      limit: 20,
      offset: 40,
      sort: [{ field: 'modifiedDate', direction: 'desc' }],
      query: { statuses: { exclude: ['Closed'] } }
    });
    assert.strictEqual(
      query,
      'limit=20&offset=40&sort=-modifiedDate&query=%7B%22statuses%22%3A%7B%22exclude%22%3A%5B%22Closed%22%5D%7D%7D'
    );
  });
});
