// Parser fuzz with MUTATED REAL responses: the fake API's own list and case JSON (seeded and hostile cases),
// changed at the value level (types, nulls, missing and extra keys, deep nesting) and at the text level (cuts,
// flipped and inserted bytes). Only typed parse errors may escape, and every parsed case must render.
// (test/unit/parse.test.ts already runs 10,000 random bodies; this adds realistic near-misses, in process and over HTTP.)
import * as assert from 'assert';
import { fakeAccessToken } from '../fake-api/client';
import { createRng } from '../fake-api/util';
import { ApiError, isApiError } from '../../src/api/errors';
import { parseJsonBody, ServiceContext } from '../../src/api/httpAnswer';
import { parseCaseDetail, parseCaseList } from '../../src/api/parse';
import { renderCasePage, PageResources } from '../../src/views/caseTab/renderCase';
import { useFakeApi } from './support/fixture';
import { writeUnitFigures } from './support/figures';

const SEED = 20261128;
const IN_PROCESS_BODIES = 12_000;
const HTTP_BODIES = 300;
const CONTEXT: ServiceContext = { service: 'the Support API', host: '127.0.0.1' };
const STRINGS = { refreshing: 'Refreshing…' };
const RES: PageResources = { cspSource: 'vscode-resource:', nonce: 'bm9uY2U=', styleUri: 'vscode-resource:/media/case.css', scriptUri: 'vscode-resource:/dist/webviews/case.js' };

// Deterministic (mulberry32, shared with the fake API's sample data) so a failing body can be replayed.
const prng = createRng;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const ODD_VALUES: readonly Json[] = [
  null, true, false, 0, -1, 1e308, 3.14, '', ' ', 'null', '2021-02-30T00:00:00.000+0000', 'not a date', '\u0000\uD800\u202E', '<script>x</script>',
  'x'.repeat(5000), [], {}, [null], { name: null }, { id: 1, name: 2 }, ['a', 1, null, {}], '1314580', 1314580
];

function pick<T>(rand: () => number, items: readonly T[]): T {
  return items[Math.floor(rand() * items.length)];
}

/** Container nodes down to a depth, so a mutation can hit nested fields (not the inside of a deep-nest bomb). */
function containers(root: Json, depth = 0, out: { node: Json[] | { [key: string]: Json } }[] = []): { node: Json[] | { [key: string]: Json } }[] {
  if (root !== null && typeof root === 'object' && depth < 12) {
    out.push({ node: root });
    for (const child of Array.isArray(root) ? root : Object.values(root)) {
      containers(child, depth + 1, out);
    }
  }
  return out;
}

function deepNest(depth: number): Json {
  let value: Json = 'bottom';
  for (let i = 0; i < depth; i++) {
    value = i % 2 === 0 ? [value] : { notes: value };
  }
  return value;
}

/** One value-level change somewhere in a copy of the document. */
function mutateValue(rand: () => number, doc: Json, lastRound: boolean): Json {
  const copy = structuredClone(doc);
  const targets = containers(copy);
  if (targets.length === 0) {
    return pick(rand, ODD_VALUES);
  }
  const { node } = pick(rand, targets);
  const keys = Array.isArray(node) ? node.map((_, i) => String(i)) : Object.keys(node);
  const record = node as Record<string, Json>;
  const key = keys.length > 0 ? pick(rand, keys) : '0';
  const op = Math.floor(rand() * 9);
  switch (op) {
    case 0:
      if (Array.isArray(node)) {
        node.splice(Number(key), 1);
      } else {
        delete record[key];
      }
      break;
    case 1:
      record[key] = pick(rand, ODD_VALUES);
      break;
    case 2:
      record[key] = [record[key] ?? null];
      break;
    case 3: {
      const value = record[key];
      record[key] = typeof value === 'number' ? String(value) : typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value === null ? 'null' : null;
      break;
    }
    case 4:
      if (Array.isArray(node)) {
        node.push(pick(rand, ODD_VALUES));
      } else {
        // Own keys as JSON.parse would create them (assignment to __proto__ would set the prototype instead).
        Object.defineProperty(node, pick(rand, ['__proto__', 'constructor', 'cases', 'notes', 'caseNumber', 'unknownField', 'totalCount']), {
          value: pick(rand, ODD_VALUES), enumerable: true, writable: true, configurable: true
        });
      }
      break;
    case 5:
      // Only in the last round: cloning a nest inside a nest would blow this test's own stack, not the parser's.
      record[key] = lastRound ? deepNest(200 + Math.floor(rand() * 2000)) : null;
      break;
    case 6:
      if (Array.isArray(node) && node.length > 0) {
        for (let i = 0; i < 5; i++) {
          node.push(structuredClone(node[0]));
        }
      } else {
        record[key] = {};
      }
      break;
    case 7:
      return Array.isArray(copy) ? copy[0] ?? null : [copy];
    default:
      record[key] = Object.fromEntries(Object.entries(record).slice(0, 3));
  }
  return copy;
}

/** One text-level change: cut, flipped byte, inserted junk, removed range, bracket swap. */
function mutateText(rand: () => number, text: string): string {
  if (text.length === 0) {
    return '{';
  }
  const at = Math.floor(rand() * text.length);
  switch (Math.floor(rand() * 5)) {
    case 0:
      return text.slice(0, at);
    case 1:
      return text.slice(0, at) + String.fromCharCode(Math.floor(rand() * 0x7f)) + text.slice(at + 1);
    case 2:
      return text.slice(0, at) + pick(rand, ['"', '{', ']', ',', '\\', 'NaN', '\uFEFF', '\u0000', '<html>', '}}}}']) + text.slice(at);
    case 3:
      return text.slice(0, at) + text.slice(Math.min(text.length, at + 1 + Math.floor(rand() * 40)));
    default:
      return text.replace(/[[\]{}]/g, (c) => (rand() < 0.05 ? ({ '[': '{', ']': '}', '{': '[', '}': ']' } as Record<string, string>)[c] : c));
  }
}

interface Corpus {
  readonly lists: Json[];
  readonly details: Json[];
}

function mutatedBody(rand: () => number, corpus: Corpus): string {
  // Half list pages, half case details, whatever their share of the corpus.
  const doc = rand() < 0.5 ? pick(rand, corpus.lists) : pick(rand, corpus.details);
  const rounds = 1 + Math.floor(rand() * 3);
  let value = doc;
  for (let i = 0; i < rounds; i++) {
    value = mutateValue(rand, value, i === rounds - 1);
  }
  const text = JSON.stringify(value) ?? 'null';
  return rand() < 0.35 ? mutateText(rand, text) : text;
}

interface Tally {
  bodies: number;
  parsedLists: number;
  parsedDetails: number;
  typedErrors: number;
  otherThrows: number;
  renderedPages: number;
}

describe('reliability: parser fuzz with mutated real responses', function () {
  this.timeout(120_000);
  const f = useFakeApi();
  const figures: Record<string, unknown> = { seed: SEED };
  const corpus: Corpus = { lists: [], details: [] };

  before(async () => {
    f.fake.control.addHostileCases();
    const token = await fakeAccessToken(f.fake);
    const get = async (path: string): Promise<Json> => (await (await fetch(`${f.fake.apiBaseUrl}${path}`, { headers: { authorization: `Bearer ${token}` } })).json()) as Json;
    for (const offset of [0, 20, 40, 60]) {
      corpus.lists.push(await get(`/case?limit=20&offset=${offset}&sort=-modifiedDate`));
    }
    for (const summary of f.fake.control.listAll()) {
      corpus.details.push(await get(`/case/${encodeURIComponent(summary.caseNumber)}`));
    }
  });

  after(() => {
    writeUnitFigures('fuzz', figures);
  });

  it('lets only typed parse errors escape for 12,000 mutated real responses, and renders every case it parsed', () => {
    assert.ok(corpus.lists.length === 4 && corpus.details.length > 80, `corpus of ${corpus.lists.length} pages and ${corpus.details.length} cases`);
    const rand = prng(SEED);
    const tally: Tally = { bodies: 0, parsedLists: 0, parsedDetails: 0, typedErrors: 0, otherThrows: 0, renderedPages: 0 };
    const failures: string[] = [];
    for (let i = 0; i < IN_PROCESS_BODIES; i++) {
      const body = mutatedBody(rand, corpus);
      tally.bodies++;
      let json: unknown;
      try {
        json = parseJsonBody({ status: 200, headers: { 'content-type': 'application/json' }, body }, CONTEXT);
      } catch (err) {
        if (isApiError(err) && err.kind === 'parse') {
          tally.typedErrors++;
        } else {
          tally.otherThrows++;
          failures.push(`#${i} JSON: ${String(err)}`);
        }
        continue;
      }
      /** A typed parse error is the expected way out; anything else is a failure, named with what was parsed. */
      const caught = (err: unknown, what: string): void => {
        if (err instanceof ApiError && err.kind === 'parse') {
          tally.typedErrors++;
        } else {
          tally.otherThrows++;
          failures.push(`#${i} ${what}: ${String(err)} ${body.slice(0, 120)}`);
        }
      };
      try {
        parseCaseList(json);
        tally.parsedLists++;
      } catch (err) {
        caught(err, 'list');
      }
      try {
        const detail = parseCaseDetail(json);
        tally.parsedDetails++;
        const page = renderCasePage(RES, { kind: 'loaded', caseNumber: '01314580', detail }, '', STRINGS);
        assert.strictEqual(page.split('<script').length - 1, 1, `#${i}: one script only`);
        tally.renderedPages++;
      } catch (err) {
        caught(err, 'detail');
      }
    }
    figures.inProcess = { ...tally, corpus: { listPages: corpus.lists.length, caseDetails: corpus.details.length } };
    assert.deepStrictEqual(failures.slice(0, 5), []);
    assert.strictEqual(tally.otherThrows, 0);
  });

  it('lets only ApiError escape for 300 mutated real responses served over HTTP', async () => {
    const rand = prng(SEED + 1);
    const { api } = f.api();
    const tally = { bodies: 0, resolved: 0, typedErrors: 0, otherThrows: 0 };
    const failures: string[] = [];
    for (let i = 0; i < HTTP_BODIES; i++) {
      const body = mutatedBody(rand, corpus);
      const list = i % 2 === 0;
      f.fake.control.addFault({ target: list ? 'listCases' : 'getCase', kind: 'respond', status: 200, body, headers: { 'Content-Type': 'application/json' }, times: 1 });
      tally.bodies++;
      try {
        await (list ? api.listCases({}) : api.getCase('01314580'));
        tally.resolved++;
      } catch (err) {
        if (err instanceof ApiError) {
          tally.typedErrors++;
        } else {
          tally.otherThrows++;
          failures.push(`#${i}: ${String(err)}`);
        }
      }
    }
    figures.overHttp = tally;
    assert.deepStrictEqual(failures, []);
    assert.strictEqual(tally.bodies, HTTP_BODIES);
  });
});
