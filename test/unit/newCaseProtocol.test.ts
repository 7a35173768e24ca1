// The New Support Case protocol (src/webviews/newCase/protocol.ts): the validators the extension runs on what the
// page sends and the page runs on what the extension sends. Each is fed well-formed messages (including those the
// host's own renderers produce) and malformed ones: non-objects, wrong types, missing fields, strings past their
// bound, and keys that would pollute or pose through a prototype.
import * as assert from 'assert';
import { EMPTY_FIELDS, type NewCaseFields } from '../../src/cases/newCaseRules';
import { renderAccountOptions, renderProductOptions } from '../../src/views/newCase/renderNewCase';
import {
  FIELD_NAMES, parseFields, parseHostMessage, parsePageMessage, parsePageState, parseStrings, type FormFields, type HostMessage, type NewCasePageStrings
} from '../../src/webviews/newCase/protocol';

const NON_OBJECTS: unknown[] = [undefined, null, 0, 1, true, 'ready', '{"type":"ready"}', [], [{ type: 'ready' }], () => ({ type: 'ready' })];
/** The domain's fields are the wire's fields: this assignment fails to compile when either side renames one. */
const FIELDS: FormFields = { ...EMPTY_FIELDS, sac: 'SAC-1', subject: 'Gateway down', description: 'Since 9:00.', contact: 'a@example.com' } satisfies NewCaseFields;

function wire<T>(value: T): unknown {
  return JSON.parse(JSON.stringify(value)) as unknown;
}

function withProtoKey(message: object, payload: object): unknown {
  const fields = JSON.stringify(message).slice(1, -1);
  return JSON.parse(`{${fields}${fields ? ',' : ''}"__proto__":${JSON.stringify(payload)}}`) as unknown;
}

function without(fields: FormFields, name: keyof FormFields): Partial<FormFields> {
  const copy: Partial<FormFields> = { ...fields };
  delete copy[name];
  return copy;
}

function assertNoPollution(): void {
  assert.strictEqual((({}) as Record<string, unknown>).polluted, undefined, 'Object.prototype is untouched');
}

describe('New Case protocol: the form fields (parseFields)', () => {
  it('takes the thirteen fields the page sends, dropping unknown keys', () => {
    assert.deepStrictEqual([...FIELD_NAMES].sort(), Object.keys(EMPTY_FIELDS).sort(), 'the wire names every field of the domain');
    assert.deepStrictEqual(parseFields(wire({ ...FIELDS, extra: '<x>' })), FIELDS);
    assert.deepStrictEqual(parseFields({ ...FIELDS, description: 'd'.repeat(64_000) }), { ...FIELDS, description: 'd'.repeat(64_000) });
  });

  it('refuses non-objects, a missing field, a field of another type and one past its bound', () => {
    const bad: unknown[] = [
      ...NON_OBJECTS, {}, { subject: 'S' }, ...FIELD_NAMES.map((name) => without(FIELDS, name)), ...FIELD_NAMES.map((name) => ({ ...FIELDS, [name]: 5 })),
      { ...FIELDS, subject: null }, { ...FIELDS, description: 'd'.repeat(64_001) }, { ...FIELDS, ccEmails: ['a@example.com'] }
    ];
    for (const raw of bad) {
      assert.strictEqual(parseFields(raw), undefined, String(JSON.stringify(raw)).slice(0, 80));
    }
  });

  it('reads no field through a prototype, and a `__proto__` key pollutes nothing', () => {
    assert.strictEqual(parseFields(Object.create(FIELDS)), undefined, 'inherited fields');
    assert.strictEqual(parseFields(withProtoKey(without(FIELDS, 'subject'), { subject: 'S', polluted: true })), undefined, 'a field only under `__proto__`');
    const parsed = parseFields(withProtoKey(FIELDS, { polluted: true }));
    assert.deepStrictEqual(parsed, FIELDS);
    assert.strictEqual(Object.getPrototypeOf(parsed), Object.prototype);
    assertNoPollution();
  });
});

describe('New Case protocol: page → extension (parsePageMessage)', () => {
  it('takes every message the page sends', () => {
    const good: [unknown, unknown][] = [
      ...['ready', 'loadAccounts', 'pickFiles', 'cancel'].map((type) => [{ type, extra: 1 }, { type }] as [unknown, unknown]),
      ...['shown', 'draft', 'submit'].map((type) => [{ type, fields: FIELDS }, { type, fields: FIELDS }] as [unknown, unknown]),
      [{ type: 'loadProducts', sac: 'SAC-1' }, { type: 'loadProducts', sac: 'SAC-1' }],
      [{ type: 'removeFile', index: 0 }, { type: 'removeFile', index: 0 }],
      [{ type: 'removeFile', index: 2 }, { type: 'removeFile', index: 2 }]
    ];
    for (const [raw, expected] of good) {
      assert.deepStrictEqual(parsePageMessage(wire(raw)), expected, JSON.stringify(raw).slice(0, 80));
    }
  });

  it('refuses non-objects, unknown types, wrong types, missing fields and strings past their bound', () => {
    const bad: unknown[] = [
      ...NON_OBJECTS, {}, { type: 5 }, { type: 'eval' }, { type: 'init' }, { type: 'Ready' },
      { type: 'submit' }, { type: 'submit', fields: { subject: 5 } }, { type: 'submit', fields: { subject: 'S' } }, { type: 'draft', fields: 'x' },
      { type: 'shown', fields: { ...FIELDS, subject: 's'.repeat(64_001) } },
      { type: 'loadProducts' }, { type: 'loadProducts', sac: '' }, { type: 'loadProducts', sac: 7 }, { type: 'loadProducts', sac: 's'.repeat(101) },
      { type: 'removeFile' }, { type: 'removeFile', index: -1 }, { type: 'removeFile', index: 1.5 }, { type: 'removeFile', index: '0' }
    ];
    for (const raw of bad) {
      assert.strictEqual(parsePageMessage(raw), undefined, String(JSON.stringify(raw)).slice(0, 80));
    }
  });

  it('reads no field through a prototype, and a `__proto__` key pollutes nothing', () => {
    assert.strictEqual(parsePageMessage(Object.create({ type: 'cancel' })), undefined, 'an inherited type');
    assert.strictEqual(parsePageMessage(Object.assign(Object.create({ fields: FIELDS }), { type: 'submit' })), undefined, 'inherited fields');
    for (const type of ['__proto__', 'constructor', 'toString', 'valueOf']) {
      assert.strictEqual(parsePageMessage({ type }), undefined, type);
    }
    assert.deepStrictEqual(parsePageMessage(withProtoKey({ type: 'submit', fields: FIELDS }, { polluted: true, type: 'cancel' })), { type: 'submit', fields: FIELDS });
    assertNoPollution();
  });
});

describe('New Case protocol: extension → page (parseHostMessage)', () => {
  const products = renderProductOptions([
    { id: 'p1', name: 'API Gateway', versions: [{ id: 'v1', name: '7.7' }], operatingSystems: [{ id: 'o1', name: 'Linux' }] },
    { id: 'p2', name: '', versions: [], operatingSystems: [] }
  ]);
  const good: HostMessage[] = [
    { type: 'init', fields: FIELDS, files: [{ name: 'a.log', size: 3 }] },
    { type: 'init', fields: undefined, files: [] },
    { type: 'accounts', html: renderAccountOptions([{ sac: 'SAC-1', name: 'Acme' }]) },
    { type: 'products', sac: 'SAC-1', html: products.html, choices: products.choices },
    { type: 'loadError', field: 'sac', message: 'The accounts could not be loaded.' },
    { type: 'loadError', field: 'product', sac: 'SAC-1', message: 'The products could not be loaded.' },
    { type: 'files', files: [] },
    { type: 'files', files: [{ name: 'evil\u202Egol.txt', size: 0 }] },
    { type: 'problems', scope: 'all', problems: [{ field: 'subject', message: 'Enter a subject.' }, { message: 'Top.' }], summary: 'Correct 2 fields.' },
    { type: 'problems', scope: 'files', problems: [{ field: 'files', message: 'Too big.' }] },
    { type: 'sending', sending: true, text: 'Checking…' }
  ];

  it('takes every message the host sends, as it crosses postMessage', () => {
    for (const message of good) {
      const parsed = parseHostMessage(wire(message));
      // `fields: undefined` does not survive JSON; the page reads it as "no draft".
      assert.deepStrictEqual(parsed && JSON.parse(JSON.stringify(parsed)), JSON.parse(JSON.stringify(message)), message.type);
    }
  });

  it('refuses malformed messages', () => {
    const [init, , accounts, productsMessage, loadError, , files, , problems, , sending] = good;
    const bad: unknown[] = [
      ...NON_OBJECTS, {}, { type: 'ready' }, { type: 'eval' },
      { ...init, fields: 'x' }, { ...init, fields: { subject: 'S' } }, { ...init, files: undefined }, { ...init, files: [{ name: 'a' }] },
      { ...init, files: [{ name: 5, size: 1 }] }, { ...init, files: [{ name: 'a', size: -1 }] }, { ...init, files: Array(101).fill({ name: 'a', size: 1 }) },
      { ...init, files: [{ name: 'n'.repeat(4097), size: 1 }] },
      { ...accounts, html: 5 }, { ...accounts, html: 'x'.repeat(32 * 1024 * 1024 + 1) },
      { ...productsMessage, sac: '' }, { ...productsMessage, choices: null }, { ...productsMessage, choices: [] },
      { ...productsMessage, choices: { p1: { versions: '' } } }, { ...productsMessage, choices: { p1: 'x' } },
      { ...loadError, field: 'os' }, { ...loadError, message: undefined }, { ...loadError, sac: 5 }, { ...loadError, message: 'm'.repeat(10_001) },
      { ...files, files: 'a.log' }, { ...problems, scope: 'some' }, { ...problems, problems: [{ field: 'body', message: 'x' }] },
      { ...problems, problems: [{ field: 'subject' }] }, { ...problems, summary: 5 }, { ...sending, sending: 'yes' }, { ...sending, text: undefined }
    ];
    for (const raw of bad) {
      assert.strictEqual(parseHostMessage(raw), undefined, String(JSON.stringify(raw)).slice(0, 80));
    }
  });

  it('keeps product ids from the API as plain keys: `__proto__` and `constructor` pollute nothing', () => {
    const raw = JSON.parse('{"type":"products","sac":"S","html":"","choices":{"__proto__":{"versions":"<option>v</option>","os":"","polluted":true},"constructor":{"versions":"","os":""}}}') as unknown;
    const parsed = parseHostMessage(raw);
    assert.ok(parsed && parsed.type === 'products');
    assert.deepStrictEqual(Object.keys(parsed.choices).sort(), ['__proto__', 'constructor']);
    assert.strictEqual(Object.getPrototypeOf(parsed.choices), null, 'a map without a prototype');
    assert.deepStrictEqual({ ...parsed.choices['__proto__'] }, { versions: '<option>v</option>', os: '' });
    assert.strictEqual(parsed.choices['toString'], undefined, 'no inherited entry poses as a product');
    assert.strictEqual(parseHostMessage(Object.create({ type: 'sending', sending: true, text: '' })), undefined, 'inherited fields');
    assertNoPollution();
  });
});

describe('New Case protocol: the page state and the page words', () => {
  it('reads the saved state, dropping a malformed account or fields', () => {
    assert.deepStrictEqual(parsePageState({ account: 'a', fields: FIELDS }), { account: 'a', fields: FIELDS });
    assert.deepStrictEqual(parsePageState({ account: 'a', fields: { subject: 'S' } }), { account: 'a' });
    for (const bad of [...NON_OBJECTS, {}, { account: 7 }, { account: '' }, { account: 'a'.repeat(101) }, Object.create({ account: 'a', fields: FIELDS })]) {
      assert.deepStrictEqual(parsePageState(bad), {}, String(JSON.stringify(bad)).slice(0, 80));
    }
    assert.deepStrictEqual(parsePageState(withProtoKey({}, { account: 'a', polluted: true })), {});
    assertNoPollution();
  });

  it('reads the words the host wrote into the page; a missing or malformed one reads as empty', () => {
    const keys = Object.keys(parseStrings({})) as (keyof NewCasePageStrings)[];
    assert.ok(keys.length > 10 && keys.includes('retry') && keys.includes('removeFile'), keys.join());
    const all = Object.fromEntries(keys.map((key) => [key, `«${key}»`]));
    assert.deepStrictEqual(parseStrings({ ...all, extra: 'x' }), all);
    assert.deepStrictEqual(parseStrings({ ...all, retry: 5, remove: 'r'.repeat(1001) }), { ...all, retry: '', remove: '' });
    for (const bad of [...NON_OBJECTS, Object.create(all)]) {
      assert.ok(Object.values(parseStrings(bad)).every((value) => value === ''), String(JSON.stringify(bad)).slice(0, 80));
    }
  });
});
