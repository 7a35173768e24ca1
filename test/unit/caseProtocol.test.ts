// The case tab's protocol (src/webviews/case/protocol.ts): the validators the extension runs on what the page sends
// and the page runs on what the extension sends. Each is fed well-formed messages (including those the host's own
// renderers produce) and malformed ones: non-objects, wrong types, missing fields, strings past their bound, and keys
// that would pollute or pose through a prototype.
import * as assert from 'assert';
import {
  parseFormMessage, parseHostMessage, parsePageMessage, parsePageState, parsePanelState, parseStateMessage, parseStrings, type FormMessage, type StateMessage
} from '../../src/webviews/case/protocol';
import { toStateMessage } from '../../src/views/caseTab/renderCase';
import { toFormMessage } from '../../src/views/caseTab/renderNoteForm';

const NON_OBJECTS: unknown[] = [undefined, null, 0, 1, true, 'ready', '{"type":"ready"}', [], [{ type: 'ready' }], () => ({ type: 'ready' })];
const REF = { account: 'acct-1f2e', caseNumber: '01314580' };

/** A message as it crosses postMessage (JSON): own data properties only, `__proto__` a key like any other. */
function wire<T>(value: T): unknown {
  return JSON.parse(JSON.stringify(value)) as unknown;
}

/** The message with one more key `__proto__` (as JSON.parse makes it: an own key) holding `payload`. */
function withProtoKey(message: object, payload: object): unknown {
  const fields = JSON.stringify(message).slice(1, -1);
  return JSON.parse(`{${fields}${fields ? ',' : ''}"__proto__":${JSON.stringify(payload)}}`) as unknown;
}

function assertNoPollution(): void {
  assert.strictEqual((({}) as Record<string, unknown>).polluted, undefined, 'Object.prototype is untouched');
}

describe('case tab protocol: page → extension (parsePageMessage)', () => {
  it('takes every message the page sends, keeping only its own fields', () => {
    const good: [unknown, unknown][] = [
      ...['ready', 'refresh', 'openPortal', 'signIn', 'cancelNote', 'pickFiles', 'closeCase'].map((type) => [{ type, extra: '<x>' }, { type }] as [unknown, unknown]),
      [{ type: 'rendered', seq: 0 }, { type: 'rendered', seq: 0 }],
      [{ type: 'rendered', seq: 4 }, { type: 'rendered', seq: 4 }],
      [{ type: 'noteDraft', subject: '', description: 'd', extra: 1 }, { type: 'noteDraft', subject: '', description: 'd' }],
      [{ type: 'addNote', subject: 's', description: '' }, { type: 'addNote', subject: 's', description: '' }],
      [{ type: 'addNote', subject: 'x'.repeat(100_000), description: '' }, { type: 'addNote', subject: 'x'.repeat(100_000), description: '' }],
      [{ type: 'removeFile', key: '/w/a.log' }, { type: 'removeFile', key: '/w/a.log' }],
      [{ type: 'download', id: 'a1', name: 'x.log' }, { type: 'download', id: 'a1' }],
      [{ type: 'formFocused', field: 'send' }, { type: 'formFocused', field: 'send' }]
    ];
    for (const [raw, expected] of good) {
      assert.deepStrictEqual(parsePageMessage(wire(raw)), expected, JSON.stringify(raw).slice(0, 80));
    }
  });

  it('refuses non-objects, unknown types, wrong types, missing fields and strings past their bound', () => {
    const bad: unknown[] = [
      ...NON_OBJECTS,
      {}, { type: 7 }, { type: 'eval' }, { type: 'READY' }, { type: 'state' }, { type: 'noteForm' },
      { type: 'rendered' }, { type: 'rendered', seq: -1 }, { type: 'rendered', seq: '4' }, { type: 'rendered', seq: 0.5 }, { type: 'rendered', seq: 2 ** 53 },
      { type: 'addNote', subject: 1, description: '' }, { type: 'addNote', subject: 's' }, { type: 'noteDraft', description: 'd' },
      { type: 'addNote', subject: 'x'.repeat(100_001), description: '' }, { type: 'noteDraft', subject: '', description: 'x'.repeat(100_001) },
      { type: 'removeFile', key: '' }, { type: 'removeFile' }, { type: 'removeFile', key: ['a'] }, { type: 'removeFile', key: 'k'.repeat(4097) },
      { type: 'download', id: '' }, { type: 'download', id: 7 }, { type: 'download', id: 'i'.repeat(4097) },
      { type: 'formFocused', field: 'body' }, { type: 'formFocused' }, { type: 'formFocused', field: null }
    ];
    for (const raw of bad) {
      assert.strictEqual(parsePageMessage(raw), undefined, String(JSON.stringify(raw)).slice(0, 80));
    }
  });

  it('reads no field through a prototype, and a `__proto__` key pollutes nothing', () => {
    assert.strictEqual(parsePageMessage(Object.create({ type: 'refresh' })), undefined, 'an inherited type');
    assert.strictEqual(parsePageMessage(Object.assign(Object.create({ subject: 's', description: 'd' }), { type: 'addNote' })), undefined, 'inherited fields');
    for (const type of ['__proto__', 'constructor', 'toString', 'hasOwnProperty']) {
      assert.strictEqual(parsePageMessage({ type }), undefined, type);
    }
    const parsed = parsePageMessage(withProtoKey({ type: 'removeFile', key: 'k' }, { polluted: true, type: 'closeCase' }));
    assert.deepStrictEqual(parsed, { type: 'removeFile', key: 'k' });
    assert.strictEqual(Object.getPrototypeOf(parsed), Object.prototype);
    assert.strictEqual(parsePageMessage(withProtoKey({}, { type: 'closeCase' })), undefined, 'a type only under `__proto__`');
    assertNoPollution();
  });
});

describe('case tab protocol: extension → page (parseHostMessage)', () => {
  const state: StateMessage = toStateMessage(3, REF, { kind: 'error', caseNumber: REF.caseNumber, error: { kind: 'notFound', message: 'gone' } });
  const form: FormMessage = toFormMessage(REF, {
    files: [{ key: '/w/a.log', name: 'a.log', size: 3 }],
    sending: false,
    status: { kind: 'error', title: 'The note was not sent.', message: 'm', next: 'n' },
    problems: [{ field: 'subject', message: 'Enter a subject.' }, { field: 'files', message: 'Too big.' }],
    draftId: 'd-1'
  }, { fill: { subject: 's', description: 'd', mode: 'replace' }, focus: 'files' });

  it('takes what the host renders: states of every kind and the note form with its optional parts', () => {
    for (const content of [
      { kind: 'loading' as const, caseNumber: REF.caseNumber },
      { kind: 'error' as const, caseNumber: REF.caseNumber, error: { kind: 'server' as const, message: 'down' } }
    ]) {
      const message = toStateMessage(9, REF, content);
      assert.deepStrictEqual(parseHostMessage(wire(message)), message);
      assert.deepStrictEqual(parseStateMessage(wire(message)), message);
    }
    assert.deepStrictEqual(parseHostMessage(wire(form)), form);
    assert.deepStrictEqual(parseFormMessage(wire(form)), form);
    const bare = toFormMessage(REF, { files: [], sending: true, status: { kind: 'none' }, problems: [] });
    assert.deepStrictEqual(parseHostMessage(wire(bare)), bare);
    assert.deepStrictEqual(parseHostMessage({ ...state, account: '' }), { ...state, account: '' }, 'a tab saved by 0.1.0 has no account');
  });

  it('refuses malformed states', () => {
    const bad: unknown[] = [
      ...NON_OBJECTS, { ...state, type: 'html' }, { ...state, kind: 'script' }, { ...state, kind: undefined }, { ...state, html: 42 },
      { ...state, html: undefined }, { ...state, seq: '3' }, { ...state, seq: 1.5 }, { ...state, seq: -1 }, { ...state, refreshing: 'yes' },
      { ...state, account: undefined }, { ...state, account: 'a'.repeat(101) }, { ...state, caseNumber: 7 }, { ...state, caseNumber: '' },
      { ...state, caseNumber: 'c'.repeat(201) }, { ...state, html: 'x'.repeat(32 * 1024 * 1024 + 1) }
    ];
    for (const raw of bad) {
      assert.strictEqual(parseHostMessage(raw), undefined, String(JSON.stringify(raw)).slice(0, 80));
      assert.strictEqual(parseStateMessage(raw), undefined, String(JSON.stringify(raw)).slice(0, 80));
    }
  });

  it('refuses malformed note form states', () => {
    const bad: unknown[] = [
      { ...form, sending: 1 }, { ...form, fileCount: -1 }, { ...form, fileCount: '1' }, { ...form, filesHtml: null }, { ...form, statusHtml: 3 },
      { ...form, statusKind: 'panic' }, { ...form, problems: 'none' }, { ...form, problems: [{ field: 'body', message: 'x' }] },
      { ...form, problems: [{ field: 'subject' }] }, { ...form, problems: [null] }, { ...form, problems: Array(21).fill({ field: 'subject', message: 'x' }) },
      { ...form, problems: [{ field: 'subject', message: 'm'.repeat(10_001) }] }, { ...form, draftId: '' }, { ...form, draftId: 5 },
      { ...form, draftId: 'd'.repeat(101) }, { ...form, fill: 'text' }, { ...form, fill: { subject: 's', description: 'd' } },
      { ...form, fill: { subject: 's', description: 'd', mode: 'append' } }, { ...form, fill: { subject: 'x'.repeat(100_001), description: '', mode: 'replace' } },
      { ...form, focus: 'body' }, { ...form, caseNumber: undefined }, { ...form, filesHtml: 'x'.repeat(32 * 1024 * 1024 + 1) }
    ];
    for (const raw of bad) {
      assert.strictEqual(parseHostMessage(raw), undefined, String(JSON.stringify(raw)).slice(0, 80));
    }
  });

  it('reads no field through a prototype, and a `__proto__` key pollutes nothing', () => {
    assert.strictEqual(parseHostMessage(Object.assign(Object.create(state) as object, {})), undefined, 'a state made of inherited fields');
    const withoutHtml: Partial<Record<keyof StateMessage, unknown>> = { ...state };
    delete withoutHtml.html;
    assert.strictEqual(parseHostMessage(Object.assign(Object.create({ html: '<p>' }) as object, withoutHtml)), undefined, 'an inherited html');
    const parsed = parseHostMessage(withProtoKey(state, { polluted: true }));
    assert.deepStrictEqual(parsed, state);
    const problems = parseFormMessage(JSON.parse(`{${JSON.stringify(form).slice(1, -1).replace('"problems":[{', '"problems":[{"__proto__":{"polluted":true},')}}`));
    assert.deepStrictEqual(problems?.problems, form.problems);
    assertNoPollution();
  });
});

describe('case tab protocol: the page state and the page words', () => {
  it('restores tab state with an account, without one (0.1.0 tabs), with case numbers people would not type', () => {
    assert.deepStrictEqual(parsePageState({ account: 'acct', caseNumber: '01314580', scrollY: 10 }), { account: 'acct', caseNumber: '01314580', scrollY: 10 });
    assert.deepStrictEqual(parsePageState({ caseNumber: '01314580' }), { caseNumber: '01314580' });
    assert.deepStrictEqual(parsePageState({ account: 'acct', caseNumber: 'CASE/7 ü' }), { account: 'acct', caseNumber: 'CASE/7 ü' });
    const draft = { subject: 's', description: 'd', id: 'draft-1' };
    assert.deepStrictEqual(parsePageState({ caseNumber: '1', draft }), { caseNumber: '1', draft });
    assert.deepStrictEqual(parsePageState({ caseNumber: '1', draft: { subject: 's', description: 'd' } }), { caseNumber: '1', draft: { subject: 's', description: 'd' } });
    // The host's serializer reads the case only.
    assert.deepStrictEqual(parsePanelState({ account: 'acct', caseNumber: '01314580', scrollY: 10, draft }), { account: 'acct', caseNumber: '01314580' });
    assert.deepStrictEqual(parsePanelState({ caseNumber: 'CASE/7 ü' }), { caseNumber: 'CASE/7 ü' });
  });

  it('drops a malformed scroll position or draft, and refuses a state without a usable case or with a malformed account', () => {
    for (const [raw, expected] of [
      [{ caseNumber: '1', scrollY: '10' }, { caseNumber: '1' }],
      [{ caseNumber: '1', scrollY: -5 }, { caseNumber: '1' }],
      [{ caseNumber: '1', scrollY: Infinity }, { caseNumber: '1' }],
      [{ caseNumber: '1', draft: 'text' }, { caseNumber: '1' }],
      [{ caseNumber: '1', draft: { subject: 1, description: '' } }, { caseNumber: '1' }],
      [{ caseNumber: '1', draft: { subject: 'x'.repeat(100_001), description: '' } }, { caseNumber: '1' }],
      [{ caseNumber: '1', draft: { subject: '', description: '', id: 9 } }, { caseNumber: '1', draft: { subject: '', description: '' } }]
    ] as const) {
      assert.deepStrictEqual(parsePageState(raw), expected, JSON.stringify(raw).slice(0, 80));
    }
    for (const bad of [
      ...NON_OBJECTS, {}, { caseNumber: '' }, { caseNumber: ' ' }, { caseNumber: 'x'.repeat(201) }, { caseNumber: 5 },
      { account: '', caseNumber: '1' }, { account: 3, caseNumber: '1' }, { account: 'a'.repeat(101), caseNumber: '1' },
      Object.create({ caseNumber: '1' }), withProtoKey({}, { caseNumber: '1', polluted: true })
    ]) {
      assert.strictEqual(parsePageState(bad), undefined, String(JSON.stringify(bad)).slice(0, 80));
      assert.strictEqual(parsePanelState(bad), undefined, String(JSON.stringify(bad)).slice(0, 80));
    }
    assertNoPollution();
  });

  it('reads the words the host wrote into the page; a missing or malformed one reads as empty', () => {
    assert.deepStrictEqual(parseStrings({ refreshing: 'Actualisation…', extra: 'x' }), { refreshing: 'Actualisation…' });
    for (const bad of [...NON_OBJECTS, {}, { refreshing: 5 }, { refreshing: 'r'.repeat(1001) }, Object.create({ refreshing: 'r' })]) {
      assert.deepStrictEqual(parseStrings(bad), { refreshing: '' }, String(JSON.stringify(bad)).slice(0, 80));
    }
  });
});
