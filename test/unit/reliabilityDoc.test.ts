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

type Figures = Record<'faults' | 'hostile' | 'leaks' | 'proxy' | 'load' | 'fuzz' | 'randomBodies' | 'writes', Record<string, unknown>>;

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
    leaks: {
      ...meta, faultsTriggered: 59, strings: { clientSecret: 1, accessTokens: 2, clientId: 1 },
      places: ['log output channel (every line)', 'telemetry events', 'webview HTML', 'tree rows', 'error messages shown', 'workspaceState'].map((place, i) => ({ place, items: i === 5 ? 0 : 3 + i, bytes: 4, occurrences: 0 })),
      occurrences: 0, hostErrors: 0
    },
    proxy: {
      ...meta,
      records: [
        { title: 'made-up proxy test', setup: 'setup', route: 'VS Code proxy agent (absolute-URI requests)', proxied: 3, reachedFake: { token: 1, listCases: 2, getCase: 0 }, result: 'cases loaded' },
        { title: 'made-up direct test', setup: 'direct setup', route: 'direct', proxied: 0, reachedFake: { token: 0, listCases: 0, getCase: 0 }, result: 'refused' },
        { title: 'made-up unreachable test', setup: 'unreachable setup', route: 'proxy (unreachable)', proxied: 0, reachedFake: { token: 0, listCases: 0, getCase: 0 }, result: 'Could not connect to the proxy' }
      ],
      hostErrors: 0
    },
    load: {
      ...meta,
      refreshBurst: { commands: 50, listRequestBound: 3, listRequests: 2, maxConcurrentListRequests: 1, rowsShown: 20, finalTreeMatchesServer: true, elapsedMs: 5 },
      revokedTokenBurst: { calls: 100, tokenRequests: 1, listRequests: 200, elapsedMs: 5 },
      paging: { cases: 2020, loadMoreCommands: 100, listRequests: 100, lastOffset: 2000, elapsedMs: 5, heapGrowthMiB: 1, rssGrowthMiB: 1, heapUsedMiB: 1 },
      hostErrors: 0
    },
    fuzz: {
      measuredAt: meta.measuredAt, node: 'v0.0.1', seed: 4242,
      // The bodies must match the cited titles (12,000 and 300): the titles are the generator's citations.
      inProcess: { bodies: 12_000, parsedLists: 3001, parsedDetails: 4002, typedErrors: 8003, otherThrows: 0, renderedPages: 4002, corpus: { listPages: 1, caseDetails: 1 } },
      overHttp: { bodies: 300, resolved: 123, typedErrors: 177, otherThrows: 0 }
    },
    randomBodies: { measuredAt: meta.measuredAt, node: 'v0.0.1', count: 7, test: 'made-up 7 random bodies', file: 'test/unit/parse.test.ts' },
    writes: {
      measuredAt: meta.measuredAt, node: 'v0.0.1', seed: 5151, schedules: 1234, duplicates: 0, draftsLost: 0, falseDone: 0, notDelivered: 0,
      perKind: {
        note: { schedules: 411, steps: 2345, submits: 3456, duplicates: 0, draftsLost: 0, falseDone: 0, notDelivered: 0 },
        newCase: { schedules: 411, steps: 1001, submits: 1002, duplicates: 0, draftsLost: 0, falseDone: 0, notDelivered: 0 },
        close: { schedules: 412, steps: 1003, submits: 1004, duplicates: 0, draftsLost: 0, falseDone: 0, notDelivered: 0 }
      }
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
    for (const expected of ['9.87.6', 'made-up-host', '| 31 rows', 'longest 173 characters', '**59** faults', '50 Refresh commands', '100 concurrent', 'seed 4242', `**${Object.keys(MATRIX_ROWS).length} of ${Object.keys(MATRIX_ROWS).length} passed**`, '3 of 3 beacons counted', 'tid-made-up-0', 'Schedules: **1,234** (seed 5151)', '| note | 411 | 2,345 | 3,456 | 0 | 0 |']) {
      assert.ok(doc.includes(expected), `the document lacks ${expected}`);
    }
    assert.ok(!doc.includes('12.3 s') && !doc.includes('2001-02-03'), 'durations and the date stay out of the document');
    assert.ok(measurements.includes('12.3 s') && measurements.includes('2001-02-03'), 'they go to the measurements file');
  });

  it('writes the same document whatever the figures that vary between runs (durations, memory, timing-dependent counts, Node)', () => {
    const varied = passingFigures();
    for (const record of varied.faults.records as { elapsedMs: number }[]) {
      record.elapsedMs = 99_999;
    }
    varied.faults.measuredAt = '2099-09-09T09:09:09.000Z';
    (varied.leaks.strings as { accessTokens: number }).accessTokens = 41;
    for (const place of varied.leaks.places as { items: number; bytes: number }[]) {
      place.items += 17;
      place.bytes += 1000;
    }
    (varied.load.refreshBurst as { listRequests: number }).listRequests = 3;
    Object.assign(varied.load.paging as object, { elapsedMs: 77_777, heapGrowthMiB: 9, rssGrowthMiB: 9, heapUsedMiB: 99 });
    const proxied = (varied.proxy.records as { proxied: number; reachedFake: { listCases: number } }[])[0];
    proxied.proxied = 4;
    proxied.reachedFake.listCases = 3;
    varied.fuzz.node = 'v99.0.0';
    const first = generate(passingFigures());
    const second = generate(varied);
    assert.strictEqual(first.status, 0, first.stderr);
    assert.strictEqual(second.status, 0, second.stderr);
    assert.strictEqual(second.doc, first.doc);
    assert.notStrictEqual(second.measurements, first.measurements, 'the varying figures are in the measurements');
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
    // Figures that are not outcomes: each can be wrong while every test outcome says "passed".
    ['50 list requests with 7 in flight for a burst', (f) => Object.assign(f.load.refreshBurst as object, { listRequests: 50, maxConcurrentListRequests: 7 }), /refreshBurst\.listRequests must be between 1 and the bound, got 50[\s\S]*maxConcurrentListRequests must be exactly 1/],
    ['100 token requests for one revoked token', (f) => ((f.load.revokedTokenBurst as { tokenRequests: number }).tokenRequests = 100), /revokedTokenBurst\.tokenRequests must be exactly 1 .*got 100/],
    ['list requests that are not two per call', (f) => ((f.load.revokedTokenBurst as { listRequests: number }).listRequests = 101), /revokedTokenBurst\.listRequests must be two per call/],
    ['a list-request bound as large as the burst', (f) => ((f.load.refreshBurst as { listRequestBound: number }).listRequestBound = 50), /listRequestBound must be/],
    ['a burst size that is not the one in the test title', (f) => ((f.load.refreshBurst as { commands: number }).commands = 47), /refreshBurst\.commands must be a burst of at least 2 commands, the count in the test's title/],
    ['paging that stopped before the API maximum', (f) => Object.assign(f.load.paging as object, { lastOffset: 1000, cases: 1020 }), /paging\.lastOffset must be 2000/],
    ['0 places searched for leaks', (f) => (f.leaks.places = []), /places must be one or more places searched/],
    ['a leak place searched with nothing in it', (f) => ((f.leaks.places as { items: number }[])[0].items = 0), /each searched, with at least 1 item/],
    ['no access token searched for', (f) => ((f.leaks.strings as { accessTokens: number }).accessTokens = 0), /strings\.accessTokens must be at least 1/],
    ['a total of occurrences that is not the sum of the places', (f) => ((f.leaks.places as { occurrences: number }[])[1].occurrences = 2), /places\[\]\.occurrences must be 0 in every place/],
    ['no fault triggered before the leak search', (f) => (f.leaks.faultsTriggered = 0), /faultsTriggered must be at least 1/],
    ['a fuzz count that is not the one in the test title', (f) => ((f.fuzz.inProcess as { bodies: number }).bodies = 10), /inProcess\.bodies must be at least 1, the count in the test's title/],
    ['fuzz outcomes that do not add up to the bodies', (f) => ((f.fuzz.overHttp as { resolved: number }).resolved = 0), /overHttp \(resolved \+ typed errors \+ other throws\) must be exactly one outcome per body/],
    ['rendered pages that are not the parsed cases', (f) => ((f.fuzz.inProcess as { renderedPages: number }).renderedPages = 1), /renderedPages must be one page per parsed case/],
    ['a random-body count of 0', (f) => (f.randomBodies.count = 0), /randomBodies\.json: count must be at least 1/],
    ['hostile panels fewer than the hostile rows', (f) => ((f.hostile.panels as { opened: number }).opened = 3), /panels\.opened must be one panel per hostile case/],
    ['a live command link in a tooltip', (f) => ((f.hostile.tree as { commandLinkTooltip: string }).commandLinkTooltip = '[click](command:workbench.action.quit)'), /commandLinkTooltip must be the command link escaped/],
    ['a beacon control that counted only some', (f) => (f.hostile.beaconControl = { planted: 3, counted: 2 }), /beaconControl\.counted must be every control beacon counted/],
    ['a workspace value VS Code accepted', (f) => ((f.hostile.workspaceOverride as { workspaceValueSeenByVsCode: unknown }).workspaceValueSeenByVsCode = 'http://127.0.0.1:1'), /workspaceValueSeenByVsCode must be null/],
    ['a proxied setup with no request via the proxy', (f) => ((f.proxy.records as { proxied: number }[])[0].proxied = 0), /routed through the proxy must be at least 1 request via the proxy/],
    ['a direct setup with requests via the proxy', (f) => ((f.proxy.records as { proxied: number }[])[1].proxied = 2), /direct or unreachable must be no request via the proxy/],
    ['a CONNECT tunnel instead of VS Code\'s agent', (f) => ((f.proxy.records as { route: string }[])[0].route = 'another agent (CONNECT tunnel)'), /records\[\]\.route must be one of/],
    ['an unreachable proxy whose requests reached the fake', (f) => ((f.proxy.records as { reachedFake: { listCases: number } }[])[2].reachedFake.listCases = 1), /with an unreachable proxy must be nothing reached the fake/],
    ['a fault that deleted the stored credentials', (f) => ((f.faults.records as { credentials: string }[])[0].credentials = 'removed'), /records\[\]\.credentials must be 'kept' or 'quarantined'/],
    ['a fault record with a negative request count', (f) => ((f.faults.records as { requests: { token: number } }[])[0].requests.token = -1), /records\[\]\.requests must be counts/],
    ['fewer than 1,000 write schedules', (f) => (f.writes.schedules = 999), /999 schedules ran/],
    ['a duplicate write', (f) => (f.writes.duplicates = 1), /property-based writes: duplicates: 1/],
    ['a lost draft', (f) => (f.writes.draftsLost = 1), /property-based writes: drafts lost: 1/],
    ['write schedules per kind that do not add up', (f) => ((f.writes.perKind as { close: { schedules: number } }).close.schedules = 1), /perKind \(schedules\) must be adding up to the schedules/],
    ['a write kind that never ran', (f) => delete (f.writes.perKind as { close?: unknown }).close, /perKind must be Add Note, New Case and Close Case each with schedules/],
    ['a duplicate counted per kind but not in the total', (f) => ((f.writes.perKind as { note: { duplicates: number } }).note.duplicates = 1), /adding up to the totals/]
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

  it('covers every row of the fault matrix with a passing test', () => {
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
