import * as assert from 'assert';
import type { CaseSummary, ProductOption } from '../../src/api/types';
import {
  checkNewCase, createdCaseNumberOf, EMPTY_FIELDS, fieldOfApiMessage, findCreatedCase, isDateOnly, isEmptyDraft, NewCaseDraft, NewCaseFields,
  parseDraft, parseFields, splitEmails, toNewCaseInput
} from '../../src/cases/newCaseRules';

const PRODUCTS: ProductOption[] = [
  {
    id: 'P1',
    name: 'API Gateway',
    versions: [{ id: 'V1', name: '7.7.0' }],
    operatingSystems: [{ id: 'O1', name: 'Linux' }]
  }
];

const VALID: NewCaseFields = {
  ...EMPTY_FIELDS,
  type: 'Support Case',
  sac: 'GLBX-40217',
  product: 'P1',
  version: 'V1',
  os: 'O1',
  impact: '3 - Medium',
  urgency: '2 - Medium',
  environment: 'Production',
  subject: '  Gateway rejects TLS 1.3  ',
  description: 'Since the upgrade every handshake fails.\n',
  ccEmails: 'a@example.com; b@example.com ,\nc@example.com',
  contact: ' dana@globex.example '
};

function draft(fields: Partial<NewCaseFields> = {}, files: NewCaseDraft['files'] = []): NewCaseDraft {
  return { fields: { ...VALID, ...fields }, files };
}

function fieldsOf(d: NewCaseDraft, products: ProductOption[] | undefined = PRODUCTS): string[] {
  return checkNewCase(d, products).map((p) => p.field ?? 'top');
}

describe('new case rules', () => {
  it('accepts a complete draft', () => {
    assert.deepStrictEqual(checkNewCase(draft(), PRODUCTS), []);
  });

  it('names every missing required field', () => {
    const empty: NewCaseDraft = { fields: { ...EMPTY_FIELDS, type: '' }, files: [] };
    assert.deepStrictEqual(fieldsOf(empty).sort(), ['contact', 'description', 'environment', 'impact', 'sac', 'subject', 'type', 'urgency'].sort());
    // With an account chosen, product, version and operating system are required too.
    assert.deepStrictEqual(fieldsOf(draft({ product: '', version: '', os: '' })), ['product', 'version', 'os']);
  });

  it('refuses impact 1 (the API allows 2–4 for new cases) and values outside the sets', () => {
    assert.deepStrictEqual(fieldsOf(draft({ impact: '1 - Critical' })), ['impact']);
    assert.deepStrictEqual(fieldsOf(draft({ impact: '4 - Low', urgency: '4 - Low' })), ['urgency']);
    assert.deepStrictEqual(fieldsOf(draft({ environment: 'Staging' })), ['environment']);
    assert.deepStrictEqual(fieldsOf(draft({ type: 'Question' })), ['type']);
  });

  it('checks the product, version and OS against the account\'s products', () => {
    assert.deepStrictEqual(fieldsOf(draft({ product: 'P9' })), ['product']);
    assert.deepStrictEqual(fieldsOf(draft({ version: 'V9', os: 'O9' })), ['version', 'os']);
    // Products not loaded: only presence is checked, the API has the last word.
    assert.deepStrictEqual(checkNewCase(draft({ product: 'P9' }), undefined), []);
  });

  it('checks CC e-mails one by one and the contact e-mail', () => {
    const problems = checkNewCase(draft({ ccEmails: 'ok@example.com, not-an-address', contact: 'nobody' }), PRODUCTS);
    assert.deepStrictEqual(problems.map((p) => p.field), ['ccEmails', 'contact']);
    assert.match(problems[0].message, /not-an-address/);
    assert.ok(!problems[0].message.includes('ok@example.com'));
  });

  it('takes a target date only for Business Service Requests, as a real YYYY-MM-DD date', () => {
    assert.deepStrictEqual(fieldsOf(draft({ type: 'Business Service Request', targetDate: '2026-02-30' })), ['targetDate']);
    assert.deepStrictEqual(fieldsOf(draft({ type: 'Business Service Request', targetDate: '31/03/2026' })), ['targetDate']);
    assert.deepStrictEqual(fieldsOf(draft({ type: 'Business Service Request', targetDate: '2026-03-31' })), []);
    // Another type: the (hidden) field is ignored, and never sent.
    assert.deepStrictEqual(fieldsOf(draft({ type: 'Support Case', targetDate: 'garbage' })), []);
    assert.strictEqual(toNewCaseInput(draft({ type: 'Support Case', targetDate: '2026-03-31' })).targetDate, undefined);
    assert.strictEqual(toNewCaseInput(draft({ type: 'Business Service Request', targetDate: ' 2026-03-31 ' })).targetDate, '2026-03-31');
    assert.ok(isDateOnly('2024-02-29'));
    assert.ok(!isDateOnly('2023-02-29'));
  });

  it('limits subject and description length', () => {
    assert.deepStrictEqual(fieldsOf(draft({ subject: 'x'.repeat(256) })), ['subject']);
    assert.deepStrictEqual(fieldsOf(draft({ subject: 'x'.repeat(255) })), []);
    assert.deepStrictEqual(fieldsOf(draft({ description: 'x'.repeat(32001) })), ['description']);
  });

  it('applies the attachment limits: at most 5 files, none empty, none over 20 MB', () => {
    const file = (name: string, size: number): NewCaseDraft['files'][number] => ({ path: `/tmp/${name}`, name, size });
    assert.deepStrictEqual(fieldsOf(draft({}, [file('a.log', 10), file('b.log', 20 * 1024 * 1024)])), []);
    assert.deepStrictEqual(fieldsOf(draft({}, [file('empty.log', 0)])), ['files']);
    assert.deepStrictEqual(fieldsOf(draft({}, [file('big.bin', 20 * 1024 * 1024 + 1)])), ['files']);
    assert.deepStrictEqual(fieldsOf(draft({}, [1, 2, 3, 4, 5, 6].map((i) => file(`${i}.log`, 1)))), ['files']);
  });

  it('builds the documented request body: trimmed text, CC list, ids, files only when chosen', () => {
    const input = toNewCaseInput(draft());
    assert.deepStrictEqual(input, {
      sac: 'GLBX-40217',
      contact: 'dana@globex.example',
      subject: 'Gateway rejects TLS 1.3',
      description: 'Since the upgrade every handshake fails.',
      product: { id: 'P1', os: { id: 'O1' }, version: { id: 'V1' } },
      environment: 'Production',
      impact: '3 - Medium',
      urgency: '2 - Medium',
      type: 'Support Case',
      ccEmails: ['a@example.com', 'b@example.com', 'c@example.com']
    });
    const withFiles = toNewCaseInput(draft({ ccEmails: '' }, [{ path: '/tmp/a.log', name: 'a.log', size: 3 }]));
    assert.strictEqual(withFiles.ccEmails, undefined);
    assert.deepStrictEqual(withFiles.files, [{ path: '/tmp/a.log', name: 'a.log', size: 3 }]);
    assert.deepStrictEqual(splitEmails(' , ;'), []);
  });

  it('maps API validation messages to the fields they name, else to the top', () => {
    const cases: [string, string | undefined][] = [
      ["'product.os.id' 'x' is not an operating system of API Gateway.", 'os'],
      ["'product.version.id' 'x' is not a version of API Gateway.", 'version'],
      ["'product.id' 'x' is not a product of account 'GLBX-40217'.", 'product'],
      ["'impact' must be one of '2 - High', '3 - Medium', '4 - Low', got \"1 - Critical\".", 'impact'],
      ["'targetDate' is only allowed for Business Service Requests.", 'targetDate'],
      ["'ccEmails' must be an array of email addresses.", 'ccEmails'],
      ["'contact' must be an email address, got 'x'.", 'contact'],
      ["'subject' must be at most 255 characters, got 300.", 'subject'],
      ['The target date must be in the future.', 'targetDate'],
      ['Something went wrong.', undefined],
      ["'constructor' is odd", undefined]
    ];
    for (const [message, field] of cases) {
      assert.strictEqual(fieldOfApiMessage(message), field, message);
    }
  });

  it('finds the case a lost answer created: same subject, created since the send started', () => {
    const sentAt = Date.parse('2026-01-10T10:00:00Z');
    const summary = (caseNumber: string, subject: string, createdDate: string): CaseSummary => ({
      caseNumber, subject, status: 'New', severity: '3 - Important', type: 'Support Case', createdDate
    });
    const cases = [
      summary('01', 'Gateway rejects TLS 1.3', '2025-12-01T10:00:00.000+0000'),
      summary('02', 'Other subject', '2026-01-10T10:00:01.000+0000'),
      summary('03', 'Gateway   rejects TLS 1.3', '2026-01-10T10:00:02.000+0000')
    ];
    assert.strictEqual(findCreatedCase(cases, ' Gateway rejects TLS 1.3 ', sentAt)?.caseNumber, '03');
    assert.strictEqual(findCreatedCase(cases.slice(0, 2), 'Gateway rejects TLS 1.3', sentAt), undefined, 'an old case with the same subject is not it');
  });

  it('reads the created case number of a partial completion, defensively', () => {
    assert.strictEqual(createdCaseNumberOf({ createdCaseNumber: ' 01290001 ' }), '01290001');
    assert.strictEqual(createdCaseNumberOf({ createdCaseNumber: 42 }), undefined);
    assert.strictEqual(createdCaseNumberOf(new Error('x')), undefined);
    assert.strictEqual(createdCaseNumberOf(undefined), undefined);
  });

  it('reads drafts and fields from untrusted input', () => {
    assert.strictEqual(parseFields('x'), undefined);
    assert.strictEqual(parseFields({ subject: 42 }), undefined);
    assert.deepStrictEqual(parseFields({ subject: 'S', extra: 'dropped' }), { ...EMPTY_FIELDS, subject: 'S' });
    const stored = parseDraft({ fields: { subject: 'S' }, files: [{ path: '/a', name: 'a', size: 1 }, { path: 3 }, null] });
    assert.deepStrictEqual(stored?.files, [{ path: '/a', name: 'a', size: 1 }]);
    assert.strictEqual(parseDraft({ files: [] }), undefined);
    assert.ok(isEmptyDraft({ fields: { ...EMPTY_FIELDS, contact: 'a@b.example', sac: 'X' }, files: [] }), 'choices alone are no draft worth keeping');
    assert.ok(!isEmptyDraft({ fields: { ...EMPTY_FIELDS, description: 'typed' }, files: [] }));
  });
});
