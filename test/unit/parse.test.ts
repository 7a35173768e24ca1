import * as assert from 'assert';
import { createRng } from '../fake-api/util';
import { displayString, parseApiDate, parseCaseDetail, parseCaseList, sortNotes } from '../../src/api/parse';
import { ApiError } from '../../src/api/errors';
import { writeUnitFigures } from './support/figures';

function parseError(fn: () => unknown): ApiError {
  try {
    fn();
  } catch (err) {
    assert.ok(err instanceof ApiError, `expected ApiError, got ${String(err)}`);
    assert.strictEqual(err.kind, 'parse');
    return err;
  }
  assert.fail('expected a parse error');
}

const fullDetail = {
  caseNumber: '01314580',
  subject: 'Gateway fails to start',
  status: 'In Support',
  severity: '2 - Urgent',
  type: 'Support Case',
  createdDate: '2021-07-22T12:32:36.000+0000',
  modifiedDate: '2021-07-23T08:00:00.000+0000',
  closedDate: null,
  impact: '2 - High',
  urgency: '1 - High',
  description: 'It crashes.\nTwice.',
  environment: 'Production',
  targetDate: '2024-05-21',
  externalNumber: 'EXT-1',
  account: { name: 'ACME', sac: 'GLBX-1' },
  contact: { email: 'jane@acme.test', name: 'Jane' },
  owner: { email: 'eng@axway.com', name: 'Engineer' },
  product: { id: 'p1', name: 'API Gateway', os: { id: 'o1', name: 'Linux' }, version: { id: 'v1', name: '7.7' }, patch: 'SP3' },
  ccEmails: ['a@acme.test', 'b@acme.test'],
  notes: [
    {
      subject: 'second',
      description: 'later',
      addedDate: '2021-07-23T10:00:00.000+0000',
      createdBy: { email: 'eng@axway.com', name: 'Engineer' },
      noteAttachments: [{ id: 'na1', name: 'trace.log', createdDate: '2021-07-23T10:00:00.000+0000' }]
    },
    { subject: 'first', description: 'earlier', addedDate: '2021-07-22T13:00:00.000+0000', createdBy: { email: 'jane@acme.test', name: 'Jane' } }
  ],
  attachments: [{ id: 'a1', name: 'screen.png', createdDate: '2021-07-22T12:33:00.000+0000', createdBy: { email: 'jane@acme.test', name: 'Jane' } }],
  customerEnhancementRequest: { response: 'Planned', deliveryTargetDate: '2025-01-01', deliveryTargetVersion: '7.8', responseDetails: 'Soon' }
};

describe('parseApiDate', () => {
  it('parses the API form with +0000', () => {
    assert.strictEqual(parseApiDate('2021-07-22T12:32:36.000+0000')?.toISOString(), '2021-07-22T12:32:36.000Z');
  });

  it('parses other offsets, Z, no millis and date-only values', () => {
    assert.strictEqual(parseApiDate('2021-07-22T12:32:36.000+0200')?.toISOString(), '2021-07-22T10:32:36.000Z');
    assert.strictEqual(parseApiDate('2021-07-22T12:32:36-05:30')?.toISOString(), '2021-07-22T18:02:36.000Z');
    assert.strictEqual(parseApiDate('2021-07-22T12:32:36Z')?.toISOString(), '2021-07-22T12:32:36.000Z');
    assert.strictEqual(parseApiDate('2021-07-22T12:32:36')?.toISOString(), '2021-07-22T12:32:36.000Z');
    assert.strictEqual(parseApiDate('2024-05-21')?.toISOString(), '2024-05-21T00:00:00.000Z');
  });

  it('returns undefined for garbage, impossible dates and non-strings', () => {
    for (const value of ['', 'yesterday', '2021-02-30', '2021-13-01T00:00:00Z', '2021-07-22T25:00:00Z', '1', null, undefined, {}, [], true]) {
      assert.strictEqual(parseApiDate(value), undefined, JSON.stringify(value));
    }
  });
});

describe('parseCaseList', () => {
  it('parses the documented list answer', () => {
    const list = parseCaseList({
      totalCount: 57,
      limit: 20,
      offset: 0,
      cases: [
        {
          caseNumber: '01314580',
          subject: 'S',
          status: 'In Support',
          severity: '3 - Important',
          createdDate: '2021-07-22T12:32:36.000+0000',
          modifiedDate: '2021-07-22T12:32:57.000+0000',
          closedDate: null,
          type: 'Support Case'
        }
      ]
    });
    assert.strictEqual(list.totalCount, 57);
    assert.strictEqual(list.limit, 20);
    assert.strictEqual(list.offset, 0);
    assert.strictEqual(list.receivedCount, 1);
    assert.deepStrictEqual(list.cases[0], {
      caseNumber: '01314580',
      subject: 'S',
      status: 'In Support',
      severity: '3 - Important',
      type: 'Support Case',
      createdDate: '2021-07-22T12:32:36.000+0000',
      modifiedDate: '2021-07-22T12:32:57.000+0000',
      closedDate: undefined
    });
  });

  it('tolerates numbers as strings, missing totalCount and missing paging fields', () => {
    const list = parseCaseList({ totalCount: '3', cases: [{ caseNumber: 1314580, subject: 42, status: null }] }, { limit: 5, offset: 10 });
    assert.strictEqual(list.totalCount, 3);
    assert.strictEqual(list.limit, 5);
    assert.strictEqual(list.offset, 10);
    assert.strictEqual(list.cases[0].caseNumber, '1314580');
    assert.strictEqual(list.cases[0].subject, '42');
    assert.strictEqual(list.cases[0].status, '');
    assert.strictEqual(parseCaseList({ cases: [] }).totalCount, undefined);
  });

  it('keeps unknown status, severity and type values as they are', () => {
    const list = parseCaseList({ cases: [{ caseNumber: '1', status: 'Brand New Status', severity: '9 - Cosmic', type: { odd: true } }] });
    assert.strictEqual(list.cases[0].status, 'Brand New Status');
    assert.strictEqual(list.cases[0].severity, '9 - Cosmic');
    assert.strictEqual(list.cases[0].type, '{"odd":true}');
  });

  it('skips entries that are not objects but counts them for paging', () => {
    const list = parseCaseList({ cases: [null, 'x', { caseNumber: '2' }, 7] });
    assert.deepStrictEqual(
      list.cases.map((c) => c.caseNumber),
      ['2']
    );
    assert.strictEqual(list.receivedCount, 4);
  });

  it('treats an absent list with totalCount 0 as an empty page', () => {
    assert.deepStrictEqual(parseCaseList({ totalCount: 0 }).cases, []);
  });

  it('rejects answers whose cases are not an array, or that are not objects', () => {
    assert.match(parseError(() => parseCaseList({ cases: {} })).message, /not an array/);
    parseError(() => parseCaseList({ cases: 'many' }));
    parseError(() => parseCaseList({ totalCount: 4 }));
    parseError(() => parseCaseList([]));
    parseError(() => parseCaseList(null));
    parseError(() => parseCaseList('{"cases":[]}'));
  });
});

describe('parseCaseDetail', () => {
  it('reads every documented field', () => {
    const detail = parseCaseDetail(fullDetail);
    assert.strictEqual(detail.caseNumber, '01314580');
    assert.strictEqual(detail.subject, 'Gateway fails to start');
    assert.strictEqual(detail.status, 'In Support');
    assert.strictEqual(detail.severity, '2 - Urgent');
    assert.strictEqual(detail.type, 'Support Case');
    assert.strictEqual(detail.createdDate, '2021-07-22T12:32:36.000+0000');
    assert.strictEqual(detail.modifiedDate, '2021-07-23T08:00:00.000+0000');
    assert.strictEqual(detail.closedDate, undefined);
    assert.strictEqual(detail.impact, '2 - High');
    assert.strictEqual(detail.urgency, '1 - High');
    assert.strictEqual(detail.description, 'It crashes.\nTwice.');
    assert.strictEqual(detail.environment, 'Production');
    assert.strictEqual(detail.targetDate, '2024-05-21');
    assert.strictEqual(detail.externalNumber, 'EXT-1');
    assert.deepStrictEqual(detail.account, { name: 'ACME', sac: 'GLBX-1' });
    assert.deepStrictEqual(detail.contact, { email: 'jane@acme.test', name: 'Jane' });
    assert.deepStrictEqual(detail.owner, { email: 'eng@axway.com', name: 'Engineer' });
    assert.deepStrictEqual(detail.product, {
      id: 'p1',
      name: 'API Gateway',
      os: { id: 'o1', name: 'Linux' },
      version: { id: 'v1', name: '7.7' },
      patch: 'SP3'
    });
    assert.deepStrictEqual(detail.ccEmails, ['a@acme.test', 'b@acme.test']);
    assert.deepStrictEqual(
      detail.attachments.map((a) => [a.id, a.name, a.createdDate, a.createdBy?.name]),
      [['a1', 'screen.png', '2021-07-22T12:33:00.000+0000', 'Jane']]
    );
    assert.deepStrictEqual(detail.enhancementRequest, {
      response: 'Planned',
      deliveryTargetDate: '2025-01-01',
      deliveryTargetVersion: '7.8',
      responseDetails: 'Soon'
    });
    assert.deepStrictEqual(detail.extraFields, []);
  });

  it('sorts notes oldest first and reads their authors and noteAttachments', () => {
    const detail = parseCaseDetail(fullDetail);
    assert.deepStrictEqual(
      detail.notes.map((n) => n.subject),
      ['first', 'second']
    );
    assert.strictEqual(detail.notes[1].createdBy?.name, 'Engineer');
    assert.deepStrictEqual(
      detail.notes[1].attachments.map((a) => a.name),
      ['trace.log']
    );
    assert.deepStrictEqual(detail.notes[0].attachments, []);
  });

  it('puts notes with unreadable dates last, in their original order', () => {
    const notes = sortNotes([
      { subject: 'x1', description: '', addedDate: 'garbage', attachments: [] },
      { subject: 'b', description: '', addedDate: '2021-07-23T00:00:00.000+0000', attachments: [] },
      { subject: 'x2', description: '', attachments: [] },
      { subject: 'a', description: '', addedDate: '2021-07-22T00:00:00.000+0000', attachments: [] }
    ]);
    assert.deepStrictEqual(
      notes.map((n) => n.subject),
      ['a', 'b', 'x1', 'x2']
    );
  });

  it('keeps notes with equal dates in their original order', () => {
    const date = '2021-07-22T00:00:00.000+0000';
    const notes = sortNotes(['1', '2', '3'].map((subject) => ({ subject, description: '', addedDate: date, attachments: [] })));
    assert.deepStrictEqual(
      notes.map((n) => n.subject),
      ['1', '2', '3']
    );
  });

  it('survives a case with only a case number', () => {
    const detail = parseCaseDetail({ caseNumber: '1' });
    assert.strictEqual(detail.caseNumber, '1');
    assert.strictEqual(detail.subject, '');
    assert.strictEqual(detail.description, '');
    assert.deepStrictEqual(detail.notes, []);
    assert.deepStrictEqual(detail.attachments, []);
    assert.deepStrictEqual(detail.ccEmails, []);
    assert.strictEqual(detail.product, undefined);
    assert.strictEqual(detail.account, undefined);
    assert.strictEqual(detail.enhancementRequest, undefined);
  });

  it('tolerates nulls everywhere', () => {
    const nulls = Object.fromEntries(Object.keys(fullDetail).map((key) => [key, null]));
    const detail = parseCaseDetail(nulls);
    assert.strictEqual(detail.caseNumber, '');
    assert.deepStrictEqual(detail.notes, []);
    assert.deepStrictEqual(detail.extraFields, []);
  });

  it('keeps unknown top-level fields as display strings', () => {
    const detail = parseCaseDetail({ caseNumber: '1', escalated: true, region: 'EMEA', score: 4.5, tags: ['a', 'b'], nested: { x: 1 }, gone: null });
    assert.deepStrictEqual(detail.extraFields, [
      { key: 'escalated', value: 'true' },
      { key: 'region', value: 'EMEA' },
      { key: 'score', value: '4.5' },
      { key: 'tags', value: '["a","b"]' },
      { key: 'nested', value: '{"x":1}' }
    ]);
  });

  it('accepts odd shapes: people as strings, a single cc string, a lone note object, numbers as strings', () => {
    const detail = parseCaseDetail({
      caseNumber: 1314580,
      contact: 'jane@acme.test',
      owner: 'Support Engineer',
      ccEmails: 'a@x.test; b@x.test',
      notes: { subject: 'only', description: 'one', addedDate: '2021-07-22T00:00:00.000+0000', createdBy: 'Jane' },
      attachments: [{ id: 12345, name: 'x.zip' }, null, 'loose.txt'],
      product: 'API Gateway',
      account: 'GLBX-1',
      impact: 3
    });
    assert.strictEqual(detail.caseNumber, '1314580');
    assert.deepStrictEqual(detail.contact, { email: 'jane@acme.test' });
    assert.deepStrictEqual(detail.owner, { name: 'Support Engineer' });
    assert.deepStrictEqual(detail.ccEmails, ['a@x.test', 'b@x.test']);
    assert.strictEqual(detail.notes.length, 1);
    assert.deepStrictEqual(detail.notes[0].createdBy, { name: 'Jane' });
    assert.deepStrictEqual(
      detail.attachments.map((a) => [a.id, a.name]),
      [
        ['12345', 'x.zip'],
        ['', 'loose.txt']
      ]
    );
    assert.deepStrictEqual(detail.product, { name: 'API Gateway' });
    assert.deepStrictEqual(detail.account, { name: 'GLBX-1' });
    assert.strictEqual(detail.impact, '3');
  });

  it('reads note attachments sent as `attachments` (the add-note shape)', () => {
    const detail = parseCaseDetail({ caseNumber: '1', notes: [{ subject: 's', description: 'd', attachments: [{ id: 'x', name: 'n' }] }] });
    assert.deepStrictEqual(
      detail.notes[0].attachments.map((a) => a.id),
      ['x']
    );
  });

  it('reads the documentation example, malformed as it is, after a lenient repair', () => {
    // The docs' example has a trailing comma and a missing comma between objects: JSON.parse refuses it as is,
    // so the service reports 'parse' (tested over HTTP); once repaired, every field reads.
    const docsExample = `{
      "caseNumber": "01314580", "subject": "Test case", "status": "In Support", "severity": "3 - Important",
      "type": "Support Case", "createdDate": "2021-07-22T12:32:36.000+0000", "modifiedDate": "2021-07-22T12:32:57.000+0000",
      "description": "desc", "environment": "Production",
      "account": {"sac": "SAC-1"}, "contact": {"email": "a@b.c", "name": "A"},
      "product": {"id": "p", "name": "P", "os": {"id": "o", "name": "O"}, "version": {"id": "v", "name": "V"}},
      "notes": [{"subject": "n", "description": "d", "addedDate": "2021-07-22T12:40:00.000+0000"} {"subject": "m"}],
    }`;
    assert.throws(() => JSON.parse(docsExample) as unknown, SyntaxError);
    const repaired = docsExample.replace('} {', '}, {').replace(/,\s*}$/, '}');
    const detail = parseCaseDetail(JSON.parse(repaired) as unknown);
    assert.strictEqual(detail.notes.length, 2);
    assert.strictEqual(detail.notes[0].subject, 'n');
    assert.strictEqual(detail.product?.os?.name, 'O');
  });

  it('rejects answers that are not objects', () => {
    for (const value of [null, [], 'case', 42, true, undefined]) {
      parseError(() => parseCaseDetail(value));
    }
  });

  it('does not let a __proto__ key change anything', () => {
    const detail = parseCaseDetail(JSON.parse('{"caseNumber":"1","__proto__":{"polluted":true}}') as unknown);
    assert.deepStrictEqual(detail.extraFields, [{ key: '__proto__', value: '{"polluted":true}' }]);
    assert.strictEqual(({} as Record<string, unknown>).polluted, undefined);
  });

  it('shows huge nested values shortened', () => {
    const text = displayString({ big: 'x'.repeat(10_000) });
    assert.ok(text !== undefined && text.length < 5000);
  });
});

describe('parsing fuzz', () => {
  // Deterministic (mulberry32, shared with the fake API's sample data) so a failing body can be replayed.
  const prng = createRng;
  const keys = Object.keys(fullDetail).concat(['cases', 'totalCount', 'limit', 'offset', 'noteAttachments', 'name', 'email', 'id', 'os', 'version', '__proto__', 'x']);

  function randomValue(rand: () => number, depth: number): unknown {
    const pick = Math.floor(rand() * (depth > 3 ? 6 : 8));
    switch (pick) {
      case 0:
        return null;
      case 1:
        return rand() < 0.5;
      case 2:
        return rand() < 0.5 ? Math.floor(rand() * 1e6) : rand() * -1e308;
      case 3:
        return ['', '2021-07-22T12:32:36.000+0000', 'garbage', '\u0000\uD800', '2021-02-30', 'a@b.c'][Math.floor(rand() * 6)];
      case 4:
        return 'x'.repeat(Math.floor(rand() * 50));
      case 5:
        return undefined;
      case 6:
        return Array.from({ length: Math.floor(rand() * 4) }, () => randomValue(rand, depth + 1));
      default: {
        const object: Record<string, unknown> = {};
        const count = Math.floor(rand() * 6);
        for (let i = 0; i < count; i++) {
          object[keys[Math.floor(rand() * keys.length)]] = randomValue(rand, depth + 1);
        }
        return object;
      }
    }
  }

  function randomBody(rand: () => number): string {
    const json = JSON.stringify(randomValue(rand, 0)) ?? '';
    if (rand() < 0.3) {
      return json.slice(0, Math.floor(rand() * json.length));
    }
    return json;
  }

  it('lets only ApiError escape for 10,000 random bodies', function () {
    const rand = prng(20240521);
    let checked = 0;
    for (let i = 0; i < 10_000; i++) {
      const body = randomBody(rand);
      checked++;
      let json: unknown;
      try {
        json = JSON.parse(body) as unknown;
      } catch {
        json = body;
      }
      for (const parse of [parseCaseList, parseCaseDetail] as const) {
        try {
          parse(json);
        } catch (err) {
          if (!(err instanceof ApiError) || err.kind !== 'parse') {
            assert.fail(`input #${i} ${body.slice(0, 200)} threw ${String(err)}`);
          }
        }
      }
    }
    // docs/reliability.md reports the bodies this loop checked, under this test's own title.
    writeUnitFigures('randomBodies', { count: checked, test: this.test?.title ?? '', file: 'test/unit/parse.test.ts' });
  });
});
