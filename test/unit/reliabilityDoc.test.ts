// docs/reliability.md is generated from test figures (scripts/reliability-report.mjs); this keeps it honest: every
// test it cites must still exist, every row of issue 4's fault table must be there with a passing test, nothing that
// varies between runs is in it, and the generator itself fails on every kind of bad figure and takes its numbers
// from the figures (run here on figures made up for the purpose).
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { MATRIX_ROWS } from '../integration/faultMatrix';
import { REPO_ROOT } from './support/figures';

const GENERATOR = path.join(REPO_ROOT, 'scripts', 'reliability-report.mjs');

type Figures = Record<'faults' | 'hostile' | 'leaks' | 'proxy' | 'load' | 'fuzz' | 'writes', Record<string, unknown>>;

/** A complete set of passing figures with numbers no real run has (so the output shows where each came from). */
function passingFigures(): Figures {
  const rows = Object.keys(MATRIX_ROWS);
  const records = rows.map((row, i) => ({
    row, surface: 'list', title: `made-up fault test ${i}`, fault: `fault ${i}`, kind: 'server', message: `message ${i}`, action: 'Retry',
    troubleshootingId: `tid-made-up-${i}`, troubleshootingIdSent: 'fixed', requests: { token: 0, listCases: 1, getCase: 0 }, credentials: 'kept', recovered: true, elapsedMs: 12_345
  }));
  const meta = { measuredAt: '2001-02-03T04:05:06.000Z', vscode: '9.87.6', host: 'made-up-host' };
  return {
    faults: { ...meta, rows: MATRIX_ROWS, records, tests: records.map((r) => ({ title: r.title, state: 'passed' })), hostErrors: 0 },
    hostile: {
      ...meta,
      tree: { hostileRows: 31, longestLabel: 173, commandLinkTooltip: 'escaped', trustedTooltips: 0, htmlTooltips: 0 },
      panels: { opened: 31, fixtures: 23, unexpectedTags: 0, extraScripts: 0, eventHandlers: 0, javascriptUrls: 0, inlineStyles: 0, largestPageKiB: 9 },
      beacons: 0,
      beaconControl: { planted: 3, counted: 3 },
      workspaceOverride: { decoyRequests: 0, workspaceValueSeenByVsCode: null, writeToWorkspaceTarget: 'refused' },
      tests: [{ title: 'made-up hostile test', state: 'passed' }],
      hostErrors: 0
    },
    leaks: { ...meta, faultsTriggered: 59, strings: { clientSecret: 1, accessTokens: 2, clientId: 1 }, places: [{ place: 'log', items: 3, bytes: 4, occurrences: 0 }], occurrences: 0, hostErrors: 0 },
    proxy: { ...meta, records: [{ title: 'made-up proxy test', setup: 'setup', route: 'route', proxied: 1, reachedFake: { token: 1, listCases: 1, getCase: 0 }, result: 'ok' }], hostErrors: 0 },
    load: {
      ...meta,
      refreshBurst: { commands: 47, listRequests: 2, maxConcurrentListRequests: 1, rowsShown: 20, finalTreeMatchesServer: true, elapsedMs: 5 },
      revokedTokenBurst: { calls: 93, tokenRequests: 1, listRequests: 186, elapsedMs: 5 },
      paging: { cases: 2020, loadMoreCommands: 100, listRequests: 100, lastOffset: 2000, elapsedMs: 5, heapGrowthMiB: 1, rssGrowthMiB: 1, heapUsedMiB: 1 },
      hostErrors: 0
    },
    fuzz: {
      measuredAt: meta.measuredAt, node: 'v0.0.1', seed: 4242,
      inProcess: { bodies: 11, parsedLists: 1, parsedDetails: 2, typedErrors: 8, otherThrows: 0, renderedPages: 2, corpus: { listPages: 1, caseDetails: 1 } },
      overHttp: { bodies: 5, resolved: 2, typedErrors: 3, otherThrows: 0 },
      randomBodies: { count: 7, test: 'made-up random test', file: 'test/unit/parse.test.ts' }
    },
    writes: {
      measuredAt: meta.measuredAt, node: 'v0.0.1', seed: 5151, schedules: 1234, duplicates: 0, draftsLost: 0, falseDone: 0, notDelivered: 0,
      perKind: { note: { schedules: 1234, steps: 2345, submits: 3456, duplicates: 0, draftsLost: 0, falseDone: 0, notDelivered: 0 } }
    }
  };
}

/** Runs the generator on the figures in a temporary folder; returns its exit code, output and document. */
function generate(figures: Partial<Figures>): { status: number | null; stderr: string; doc: string; measurements: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'reliability-report-'));
  try {
    for (const [name, data] of Object.entries(figures)) {
      fs.writeFileSync(path.join(dir, `${name}.json`), JSON.stringify(data));
    }
    const output = path.join(dir, 'doc.md');
    const measurements = path.join(dir, 'measurements.md');
    const run = spawnSync(process.execPath, [GENERATOR, '--figures', dir, '--output', output, '--measurements', measurements], { encoding: 'utf8' });
    const read = (file: string): string => (fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '');
    return { status: run.status, stderr: run.stderr, doc: read(output), measurements: read(measurements) };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe('reliability report generator (scripts/reliability-report.mjs)', () => {
  it('takes every figure from the figures files and keeps run-to-run figures out of the document', () => {
    const { status, stderr, doc, measurements } = generate(passingFigures());
    assert.strictEqual(status, 0, stderr);
    for (const expected of ['9.87.6', 'made-up-host', 'v0.0.1', '| 31 rows', 'longest 173 characters', '**59** faults', '47 Refresh commands', '93 concurrent', 'seed 4242', `**${Object.keys(MATRIX_ROWS).length} of ${Object.keys(MATRIX_ROWS).length} passed**`, '3 of 3 beacons counted', 'tid-made-up-0', 'Schedules: **1,234** (seed 5151)', '| note | 1,234 | 2,345 | 3,456 | 0 | 0 |']) {
      assert.ok(doc.includes(expected), `the document lacks ${expected}`);
    }
    assert.ok(!doc.includes('12.3 s') && !doc.includes('2001-02-03'), 'durations and the date stay out of the document');
    assert.ok(measurements.includes('12.3 s') && measurements.includes('2001-02-03'), 'they go to the measurements file');
  });

  const failures: [string, (f: Figures) => void, RegExp][] = [
    ['a fault test that failed', (f) => ((f.faults.tests as { state: string }[])[0].state = 'failed'), /05-faults: test "made-up fault test 0" failed/],
    ['a matrix row without a record', (f) => (f.faults.records = (f.faults.records as unknown[]).slice(1)), /row without a passing test/],
    ['a row that did not recover', (f) => ((f.faults.records as { recovered: boolean }[])[0].recovered = false), /did not recover/],
    ['a hostile test that failed', (f) => ((f.hostile.tests as { state: string }[])[0].state = 'failed'), /06-hostile: test/],
    ['a leak', (f) => (f.leaks.occurrences = 1), /leak occurrences: 1/],
    ['an escaped error', (f) => (f.proxy.hostErrors = 2), /escaped into the extension host during 08-proxy: 2/],
    ['a beacon', (f) => (f.hostile.beacons = 1), /beacons from hostile content: 1/],
    ['a beacon control that counted nothing', (f) => (f.hostile.beaconControl = { planted: 3, counted: 0 }), /beacon control counted 0/],
    ['a request to the workspace decoy', (f) => ((f.hostile.workspaceOverride as { decoyRequests: number }).decoyRequests = 1), /workspace decoy: 1/],
    ['a fuzz throw that is not typed', (f) => ((f.fuzz.inProcess as { otherThrows: number }).otherThrows = 1), /other throws in process: 1/],
    ['fewer than 1,000 write schedules', (f) => (f.writes.schedules = 999), /999 schedules ran/],
    ['a duplicate write', (f) => (f.writes.duplicates = 1), /property-based writes: duplicates: 1/],
    ['a lost draft', (f) => (f.writes.draftsLost = 1), /property-based writes: drafts lost: 1/]
  ];
  for (const [what, plant, message] of failures) {
    it(`exits non-zero on ${what}`, () => {
      const figures = passingFigures();
      plant(figures);
      const { status, stderr } = generate(figures);
      assert.strictEqual(status, 1, stderr);
      assert.match(stderr, message);
    });
  }

  it('exits non-zero when a figures file is missing', () => {
    const figures: Partial<Figures> = passingFigures();
    delete figures.load;
    const { status, stderr, doc } = generate(figures);
    assert.strictEqual(status, 1);
    assert.match(stderr, /load\.json is missing/);
    assert.match(doc, /## Load and concurrency\n\n\*\*No figures: test-results\/reliability\/load\.json is missing/, 'the gap is visible, no stale figures');
  });
});

const DOC = path.join(REPO_ROOT, 'docs', 'reliability.md');

function sources(dir: string, found: string[] = []): string[] {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      sources(full, found);
    } else if (entry.name.endsWith('.ts')) {
      found.push(full);
    }
  }
  return found;
}

/** The title as it can appear in a TypeScript string literal (single-quoted with \' or double-quoted). */
function literalForms(title: string): string[] {
  return [`'${title.replace(/'/g, "\\'")}'`, `"${title}"`, `\`${title}\``];
}

describe('reliability report (docs/reliability.md)', () => {
  const doc = fs.readFileSync(DOC, 'utf8');
  const cited = [...doc.matchAll(/^- \[T(\d+)\] `([^`]+)` — (.+)$/gm)].map((m) => ({ id: Number(m[1]), file: m[2], title: m[3] }));

  it('cites only tests that exist, in files that exist', () => {
    assert.ok(cited.length >= 40, `only ${cited.length} tests cited`);
    const texts = new Map(sources(path.join(REPO_ROOT, 'test')).map((file) => [file, fs.readFileSync(file, 'utf8')]));
    const missing: string[] = [];
    for (const { id, file, title } of cited) {
      if (!fs.existsSync(path.join(REPO_ROOT, file))) {
        missing.push(`[T${id}] file ${file}`);
        continue;
      }
      const forms = literalForms(title);
      if (![...texts.values()].some((text) => forms.some((form) => text.includes(form)))) {
        missing.push(`[T${id}] "${title}"`);
      }
    }
    assert.deepStrictEqual(missing, []);
  });

  it('resolves every [Tn] reference to a cited test', () => {
    const ids = new Set(cited.map((c) => c.id));
    const used = [...doc.matchAll(/\[T(\d+)\]/g)].map((m) => Number(m[1]));
    assert.deepStrictEqual(used.filter((id) => !ids.has(id)), []);
  });

  it('covers every row of the fault table of issue 4 with a passing test', () => {
    for (const label of Object.values(MATRIX_ROWS)) {
      const at = doc.indexOf(`### ${label}\n`);
      assert.ok(at >= 0, `row missing: ${label}`);
      const section = doc.slice(at, doc.indexOf('\n### ', at + 4) === -1 ? undefined : doc.indexOf('\n### ', at + 4));
      assert.ok(!section.includes('No passing test recorded'), `no passing test for: ${label}`);
      assert.match(section, /\[T\d+\]/, `no test cited for: ${label}`);
    }
  });

  it('reports zero leaks, zero escaped errors, zero beacons and only passing tests', () => {
    assert.match(doc, /\*\*Total occurrences: 0\*\*/);
    assert.ok(!/escaped into the extension host[^*]*\*\*[1-9]/.test(doc), 'an error escaped into the extension host');
    assert.match(doc, /\| beacons from the main hostile case page[^|]*\| 0; live markup planted on the same page: [1-9]\d* of \d+ beacons counted/);
    for (const m of doc.matchAll(/\*\*(\d+) of (\d+) passed\*\*/g)) {
      assert.strictEqual(m[1], m[2], m[0]);
    }
    assert.ok(!doc.includes('**fails**') && !doc.includes('**failed**'), 'a failed row');
  });

  it('holds no figure that changes from run to run (durations, memory, dates, ports)', () => {
    // A duration in a cell of its own (the old time column), memory in MiB, a date, a loopback port.
    assert.deepStrictEqual(doc.match(/\| \d+(\.\d+)? (ms|s) \||\bMiB\b|\b\d{4}-\d{2}-\d{2}\b|127\.0\.0\.\d+:\d+/g), null);
  });
});
