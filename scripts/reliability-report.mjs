// Renders docs/reliability.md from the figures the reliability tests write to test-results/reliability/*.json:
//   faults.json (test/integration/05-faults), hostile.json (06), leaks.json (07), proxy.json (08), load.json (09),
//   fuzz.json (test/unit/reliabilityFuzz), randomBodies.json (test/unit/parse), writes.json (test/unit/caseWritesProperty).
//
//   node scripts/reliability-report.mjs [--figures DIR] [--output FILE] [--measurements FILE]
//
// Every count, result and outcome in the document comes from those files; this script types only headings, how each
// check works, and the citations. The document holds only what does not change from run to run (counts, pass/fail,
// bounds), so `npm test` fails when the committed document differs from the one a run generates (a hand edit, or a
// result that changed). Figures that vary (durations, memory, how many log lines or list requests a run happened to
// produce, the Node version, the date) go to the --measurements file (test-results/reliability-measurements.md, not
// committed).
//
// Exits 1 (after writing both files; a missing figures file leaves its section saying so) when a figures file is
// missing or any figure breaks its rule. SECTIONS says which figures files make which section; RULES says, figure by
// figure, what a passing run must have measured (exactly one token request, at most one list request in flight, no
// place searched for leaks left empty, every fuzzed body accounted for, ...); the sections add the outcome checks
// (a matrix row without a passing test, a test that did not pass, a fault that did not recover).
// test/unit/reliabilityDoc.test.ts checks that every test the document cites exists, and runs this script on figures
// with a planted failure of each kind.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const { values: args } = parseArgs({
  options: {
    figures: { type: 'string', default: join(ROOT, 'test-results', 'reliability') },
    output: { type: 'string', default: join(ROOT, 'docs', 'reliability.md') },
    measurements: { type: 'string', default: join(ROOT, 'test-results', 'reliability-measurements.md') }
  }
});
const FIGURES = resolve(args.figures);
const OUTPUT = resolve(args.output);
const MEASUREMENTS = resolve(args.measurements);

const FILES = {
  faults: 'test/integration/05-faults.test.ts',
  hostile: 'test/integration/06-hostile.test.ts',
  leaks: 'test/integration/07-leaks.test.ts',
  proxy: 'test/integration/08-proxy.test.ts',
  load: 'test/integration/09-load.test.ts',
  fuzz: 'test/unit/reliabilityFuzz.test.ts',
  writes: 'test/unit/caseWritesProperty.test.ts'
};

/** Tests of the network layer (plain Node, real HTTP against the fake API) that prove a row in more depth. */
const UNIT_PROOFS = {
  tokenInvalidClient: [
    ['test/unit/errorMapping.test.ts', 'maps 401 invalid_client to credentialsRejected with the error_description'],
    ['test/unit/tokenClient.test.ts', 'verifies a pair without caching it: a rejected pair gives the error_description'],
    ['test/unit/supportApi.test.ts', "passes the token endpoint's rejection through when credentials changed"],
    ['test/integration/02-signin.test.ts', 'verifies a wrong secret with the token endpoint and stores nothing']
  ],
  tokenOAuthErrors: [
    ['test/unit/errorMapping.test.ts', "maps 400 invalid_client and unauthorized_client (Keycloak's wrong secret) to credentialsRejected"],
    ['test/unit/tokenClient.test.ts', 'maps other OAuth errors to badRequest with the error_description'],
    ['test/unit/tokenClient.test.ts', 'maps unauthorized_client to credentialsRejected']
  ],
  api401Once: [
    ['test/unit/supportApi.test.ts', 'gets one new token and retries once after the token was revoked'],
    ['test/unit/supportApi.test.ts', 'shares one renewal between concurrent requests that all got 401']
  ],
  api401Twice: [['test/unit/supportApi.test.ts', 'gives up with credentialsRejected after a second 401, without looping']],
  forbidden: [['test/unit/reliabilityNetwork.test.ts', "keeps the service's own answers (API JSON, troubleshooting id, OAuth JSON) as they are"]],
  notFound: [
    ['test/unit/supportApi.test.ts', 'maps an unknown case to notFound naming the case'],
    ['test/unit/errorMapping.test.ts', "maps a bare 404 to notFound with the caller's sentence"]
  ],
  rateLimited: [
    ['test/unit/supportApi.test.ts', 'waits a short Retry-After once and retries'],
    ['test/unit/supportApi.test.ts', 'gives up with rateLimited after a second 429'],
    ['test/unit/supportApi.test.ts', 'does not wait when Retry-After is longer than the bound'],
    ['test/unit/supportApi.test.ts', 'does not retry a 429 without Retry-After'],
    ['test/unit/supportApi.test.ts', 'understands Retry-After as an HTTP date'],
    ['test/unit/supportApi.test.ts', 'stops waiting when the caller cancels during the Retry-After wait']
  ],
  serverErrors: [['test/unit/errorMapping.test.ts', 'maps other 5xx to server and unknown statuses to http']],
  network: [
    ['test/unit/supportApi.test.ts', 'times out within the timeout (plus a margin) when the API hangs'],
    ['test/unit/supportApi.test.ts', 'times out a response that trickles in slower than the deadline'],
    ['test/unit/tokenClient.test.ts', 'times out within the configured timeout when the token endpoint hangs'],
    ['test/unit/supportApi.test.ts', 'maps a connection reset mid-body to a network error'],
    ['test/unit/supportApi.test.ts', 'maps a refused connection (closed port) to a network error naming the host'],
    ['test/unit/supportApi.test.ts', 'maps a DNS failure (.invalid host) to a network error'],
    ['test/unit/errorMapping.test.ts', 'maps refused, DNS, reset, TLS and timeouts to readable network/timeout errors']
  ],
  badBodies: [
    ['test/unit/supportApi.test.ts', 'reports an HTML page with HTTP 200 as a parse error'],
    ['test/unit/supportApi.test.ts', 'reports truncated JSON as a parse error'],
    ['test/unit/supportApi.test.ts', 'reports a list of the wrong shape as a parse error'],
    ['test/unit/supportApi.test.ts', "reports the docs' malformed example as a parse error, not a crash"],
    ['test/unit/tokenClient.test.ts', 'reports an answer without access_token, or an HTML page, as parse errors'],
    ['test/unit/parse.test.ts', 'lets only ApiError escape for 10,000 random bodies'],
    ['test/unit/reliabilityFuzz.test.ts', 'lets only typed parse errors escape for 12,000 mutated real responses, and renders every case it parsed']
  ],
  huge: [
    ['test/unit/supportApi.test.ts', 'refuses a body larger than the limit (chunked) with tooLarge'],
    ['test/unit/supportApi.test.ts', 'refuses a body larger than the limit (with Content-Length) with tooLarge'],
    ['test/unit/supportApi.test.ts', 'accepts a body just under the limit']
  ]
};

const HOSTILE_TESTS = [
  'shows hostile cases in the tree as plain, capped text with untrusted, escaped Markdown tooltips',
  'renders every hostile case panel as text: only its own nonce script, CSP in place, layout intact',
  'sends no beacon from a hostile case page rendered in chromium, while live markup planted on the same page does',
  'ignores a workspace settings file that points tokenUrl and apiBaseUrl at another local server'
];
const LEAK_TEST = 'finds the client secret, the access tokens and the client id nowhere the extension wrote or showed them';
const LOAD_TESTS = {
  refreshBurst: "50 refreshes fired at once: list requests never overlap and the tree ends with the server's final data",
  revokedTokenBurst: '100 concurrent API calls with a revoked token: exactly one token request',
  paging: 'pages through the API maximum: offset 2000, 2,020 cases in the tree, memory growth reported'
};
const FUZZ_TESTS = {
  inProcess: 'lets only typed parse errors escape for 12,000 mutated real responses, and renders every case it parsed',
  overHttp: 'lets only ApiError escape for 300 mutated real responses served over HTTP'
};
const SURFACES = { token: 'token request', list: 'case list (tree)', get: 'case panel' };

/** Everything that makes the run a failure: printed, and the exit code is 1. */
const problems = [];
const problem = (text) => problems.push(text);

function load(name) {
  const file = join(FIGURES, `${name}.json`);
  if (!existsSync(file)) {
    throw new Error(`${relative(ROOT, file)} is missing: run the unit and integration suites first (npm run test:unit, npm run test:integration).`);
  }
  return JSON.parse(readFileSync(file, 'utf8'));
}

/** Numbered citations: every test the document names, listed at the end with its file. */
const cited = [];
function cite(file, title) {
  let index = cited.findIndex((c) => c.file === file && c.title === title);
  if (index === -1) {
    cited.push({ file, title });
    index = cited.length - 1;
  }
  return `[T${index + 1}]`;
}

/** Table text; loopback ports change on every run, so they are written as PORT to keep the document's diff to real changes. */
const cell = (text) =>
  String(text ?? '')
    .replace(/\b(127\.0\.0\.\d+):\d{2,5}\b/g, '$1:PORT')
    .replace(/\|/g, '\\|')
    .replace(/\s+/g, ' ')
    .trim();
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** The id the user was shown: set ids exactly; the fake's random ones (different every run) as such. */
const troubleshootingId = (id) => (!id ? '' : UUID.test(id) ? " · ID shown (the fake's random UUID)" : ` · ID \`${cell(id)}\``);
const requests = (r) => `${r.token} / ${r.listCases} / ${r.getCase}`;
const seconds = (ms) => (typeof ms !== 'number' ? '?' : ms >= 1000 ? `${(ms / 1000).toFixed(1)} s` : `${ms} ms`);
const number = (n) => (typeof n === 'number' ? n.toLocaleString('en') : '?');

// ---- Rules: what every figure of a passing run must be ------------------------------------------------------------

const isCount = (v) => Number.isInteger(v) && v >= 0;
const isPositive = (v) => Number.isInteger(v) && v > 0;
const sum = (values) => values.reduce((a, b) => a + b, 0);
const at = (figures, path) => path.split('.').reduce((value, key) => (value === null || value === undefined ? undefined : value[key]), figures);
/** The API's last reachable offset and its page size (docs: offset 0..2000, limit ≤ 20). */
const API_MAX_OFFSET = 2000;
const API_PAGE_SIZE = 20;
/** Places of the leak search that cannot be empty in a run that signed in, loaded cases and opened them. */
const LEAK_PLACES_WITH_ITEMS = ['log output channel', 'telemetry events', 'webview HTML', 'tree rows', 'error messages shown'];

/** The routes 08-proxy can record; a CONNECT tunnel (another agent than VS Code's) is not one a passing run takes. */
const PROXY_ROUTE = 'VS Code proxy agent (absolute-URI requests)';
const KNOWN_ROUTES = [PROXY_ROUTE, 'direct', 'proxy (unreachable)'];

/**
 * Per figures file: [figure path, what it must be, test(value, figures)]. A figure that fails its test is a problem
 * naming the file, the figure, the rule and the value. Outcome checks (tests that did not pass, rows without a test)
 * live in the sections.
 */
const RULES = {
  faults: [
    ['records', 'one or more fault records', (v) => Array.isArray(v) && v.length > 0],
    ['records[].surface', `one of ${Object.keys(SURFACES).join(', ')}`, (_v, f) => (f.records ?? []).every((r) => r.surface in SURFACES)],
    ['records[].requests', 'counts (token / list / case) that are whole numbers ≥ 0', (_v, f) => (f.records ?? []).every((r) => isCount(r.requests?.token) && isCount(r.requests?.listCases) && isCount(r.requests?.getCase))],
    ['records[].credentials', "'kept' or 'quarantined' (a fault never deletes stored credentials)", (_v, f) => (f.records ?? []).every((r) => r.credentials === 'kept' || r.credentials === 'quarantined')],
    ['hostErrors', '0', (v) => v === 0]
  ],
  leaks: [
    ['faultsTriggered', 'at least 1 (the search follows faults)', isPositive],
    ['strings.clientSecret', 'at least 1 string searched', isPositive],
    ['strings.accessTokens', 'at least 1 string searched', isPositive],
    ['strings.clientId', 'at least 1 string searched', isPositive],
    ['places', 'one or more places searched', (v) => Array.isArray(v) && v.length > 0],
    ['places[].items', 'whole numbers ≥ 0', (v, f) => (f.places ?? []).every((p) => isCount(p.items))],
    ['places[].occurrences', '0 in every place', (v, f) => (f.places ?? []).every((p) => p.occurrences === 0)],
    [`places (${LEAK_PLACES_WITH_ITEMS.join(', ')})`, 'each searched, with at least 1 item', (v, f) => LEAK_PLACES_WITH_ITEMS.every((name) => (f.places ?? []).some((p) => String(p.place).startsWith(name) && isPositive(p.items)))],
    ['occurrences', 'the sum of the occurrences per place', (v, f) => isCount(v) && v === sum((f.places ?? []).map((p) => p.occurrences))],
    ['hostErrors', '0', (v) => v === 0]
  ],
  hostile: [
    ['tree.hostileRows', 'at least 1 hostile case in the tree', isPositive],
    ['tree.longestLabel', 'a length ≥ 1', isPositive],
    ['tree.trustedTooltips', '0', (v) => v === 0],
    ['tree.htmlTooltips', '0', (v) => v === 0],
    ['tree.commandLinkTooltip', 'the command link escaped (no live `[click](command:`)', (v) => typeof v === 'string' && v !== '' && !v.includes('[click](command:')],
    ['panels.fixtures', 'at least 1 hostile string', isPositive],
    ['panels.opened', 'one panel per hostile case in the tree', (v, f) => isPositive(v) && v === f.tree?.hostileRows],
    ['beaconControl.planted', 'at least 1 control beacon', isPositive],
    ['beaconControl.counted', 'every control beacon counted', (v, f) => isPositive(v) && v === f.beaconControl?.planted],
    ['workspaceOverride.workspaceValueSeenByVsCode', 'null (the endpoints are application-scoped)', (v) => v === null],
    ['workspaceOverride.writeToWorkspaceTarget', "VS Code's refusal to write it", (v) => typeof v === 'string' && v !== ''],
    ['hostErrors', '0', (v) => v === 0]
  ],
  load: [
    ['refreshBurst.commands', `a burst of at least 2 commands, the count in the test's title ("${LOAD_TESTS.refreshBurst}")`, (v) => Number.isInteger(v) && v >= 2 && LOAD_TESTS.refreshBurst.startsWith(`${v} refreshes `)],
    ['refreshBurst.listRequestBound', "the test's bound: at least 1, below the number of commands", (v, f) => isPositive(v) && v < f.refreshBurst?.commands],
    ['refreshBurst.listRequests', 'between 1 and the bound', (v, f) => isPositive(v) && v <= f.refreshBurst?.listRequestBound],
    ['refreshBurst.maxConcurrentListRequests', 'exactly 1 (list requests never overlap)', (v) => v === 1],
    ['refreshBurst.rowsShown', 'at least 1 row', isPositive],
    ['refreshBurst.finalTreeMatchesServer', 'true', (v) => v === true],
    ['revokedTokenBurst.calls', `a burst of at least 2 calls, the count in the test's title ("${LOAD_TESTS.revokedTokenBurst}")`, (v) => Number.isInteger(v) && v >= 2 && LOAD_TESTS.revokedTokenBurst.startsWith(`${v} concurrent `)],
    ['revokedTokenBurst.tokenRequests', 'exactly 1 (one renewal shared by every call)', (v) => v === 1],
    ['revokedTokenBurst.listRequests', 'two per call (one 401, one retry)', (v, f) => isPositive(v) && v === 2 * f.revokedTokenBurst?.calls],
    ['paging.lastOffset', `${API_MAX_OFFSET} (the API's last offset)`, (v) => v === API_MAX_OFFSET],
    ['paging.cases', `the last offset + ${API_PAGE_SIZE}`, (v) => v === API_MAX_OFFSET + API_PAGE_SIZE],
    ['paging.loadMoreCommands', 'at least 1', isPositive],
    ['paging.listRequests', 'at least one per Load more, at most one per page', (v, f) => Number.isInteger(v) && v >= f.paging?.loadMoreCommands && v <= (API_MAX_OFFSET / API_PAGE_SIZE) + 1],
    ['hostErrors', '0', (v) => v === 0]
  ],
  fuzz: [
    ['seed', 'a whole number', (v) => Number.isInteger(v)],
    ['inProcess.corpus.listPages', 'at least 1 real list page', isPositive],
    ['inProcess.corpus.caseDetails', 'at least 1 real case', isPositive],
    ['inProcess.bodies', `at least 1, the count in the test's title ("${FUZZ_TESTS.inProcess}")`, (v) => isPositive(v) && FUZZ_TESTS.inProcess.includes(` ${number(v)} `)],
    ['inProcess (parsed + typed errors + other throws)', 'every body accounted for: between 1 and 2 outcomes per body', (v, f) => {
      const i = f.inProcess ?? {};
      const outcomes = sum([i.parsedLists, i.parsedDetails, i.typedErrors, i.otherThrows]);
      return [i.parsedLists, i.parsedDetails, i.typedErrors, i.otherThrows].every(isCount) && outcomes >= i.bodies && outcomes <= 2 * i.bodies;
    }],
    ['inProcess.renderedPages', 'one page per parsed case', (v, f) => isCount(v) && v === f.inProcess?.parsedDetails],
    ['overHttp.bodies', `at least 1, the count in the test's title ("${FUZZ_TESTS.overHttp}")`, (v) => isPositive(v) && FUZZ_TESTS.overHttp.includes(` ${number(v)} `)],
    ['overHttp (resolved + typed errors + other throws)', 'exactly one outcome per body', (v, f) => {
      const h = f.overHttp ?? {};
      return [h.resolved, h.typedErrors, h.otherThrows].every(isCount) && sum([h.resolved, h.typedErrors, h.otherThrows]) === h.bodies;
    }]
  ],
  randomBodies: [
    ['count', "at least 1, the count in the test's title", (v, f) => isPositive(v) && typeof f.test === 'string' && f.test.includes(` ${number(v)} `)],
    ['file', 'the test file', (v) => typeof v === 'string' && v.startsWith('test/')]
  ],
  proxy: [
    ['records', 'one or more proxy setups', (v) => Array.isArray(v) && v.length > 0],
    ['records[].proxied', 'a whole number ≥ 0', (v, f) => (f.records ?? []).every((r) => isCount(r.proxied))],
    ['records[] routed through the proxy', 'at least 1 request via the proxy, each request that reached the fake among them', (v, f) =>
      (f.records ?? []).filter((r) => r.route === PROXY_ROUTE).every((r) => isPositive(r.proxied) && r.proxied >= sum(Object.values(r.reachedFake ?? {})))],
    ['records[] direct or unreachable', 'no request via the proxy', (v, f) => (f.records ?? []).filter((r) => r.route !== PROXY_ROUTE).every((r) => r.proxied === 0)],
    ['records[].route', `one of: ${KNOWN_ROUTES.join('; ')}`, (v, f) => (f.records ?? []).every((r) => KNOWN_ROUTES.includes(r.route))],
    ["records[] with 'cases loaded'", 'at least 1 list request reached the fake', (v, f) => (f.records ?? []).filter((r) => r.result === 'cases loaded').every((r) => isPositive(r.reachedFake?.listCases))],
    ['records[] with an unreachable proxy', 'nothing reached the fake, and an error was shown', (v, f) =>
      (f.records ?? []).filter((r) => r.route === 'proxy (unreachable)').every((r) => sum(Object.values(r.reachedFake ?? {})) === 0 && r.result !== 'cases loaded')],
    ['hostErrors', '0', (v) => v === 0]
  ],
  writes: [
    ['seed', 'a whole number', (v) => Number.isInteger(v)],
    ['schedules', 'at least 1,000 generated schedules', (v) => Number.isInteger(v) && v >= 1000],
    ['perKind', 'Add Note, New Case and Close Case each with schedules', (v) => ['note', 'newCase', 'close'].every((k) => isPositive(v?.[k]?.schedules))],
    ['perKind (schedules)', 'adding up to the schedules', (v, f) => sum(Object.values(f.perKind ?? {}).map((k) => k.schedules)) === f.schedules],
    ['perKind (submits)', 'at least one submit per schedule', (v, f) => Object.values(f.perKind ?? {}).every((k) => isPositive(k.submits) && k.submits >= k.schedules)],
    ['perKind (duplicates, drafts lost, false done, not delivered)', 'adding up to the totals', (v, f) =>
      ['duplicates', 'draftsLost', 'falseDone', 'notDelivered'].every((n) => isCount(f[n]) && sum(Object.values(f.perKind ?? {}).map((k) => k[n])) === f[n])]
  ]
};

function judge(name, figures) {
  for (const [path, expected, test] of RULES[name] ?? []) {
    const value = path.includes('[') || path.includes(' ') ? undefined : at(figures, path);
    let ok;
    try {
      ok = test(value, figures) === true;
    } catch {
      ok = false;
    }
    if (!ok) {
      problem(`${name}.json: ${path} must be ${expected}${value === undefined ? '' : `, got ${JSON.stringify(value)}`}`);
    }
  }
}

// ---- Sections ------------------------------------------------------------------------------------------------------

/** Every test a file reported must have passed; returns passed / total. */
function checkOutcomes(name, tests) {
  if (!Array.isArray(tests) || tests.length === 0) {
    problem(`${name}: no test outcomes recorded`);
    return { passed: 0, total: 0 };
  }
  for (const t of tests.filter((t) => t.state !== 'passed')) {
    problem(`${name}: test "${t.title}" ${t.state}`);
  }
  return { passed: tests.filter((t) => t.state === 'passed').length, total: tests.length };
}

function mustBeZero(what, value) {
  if (value !== 0) {
    problem(`${what}: ${value ?? 'not recorded'}`);
  }
}

function faultSection({ faults }, measured) {
  const lines = ['## Fault matrix', ''];
  lines.push('Every fault was injected on the fake Support API (real HTTP on 127.0.0.1) and met through the installed extension in VS Code');
  lines.push("(code-server's extension host): the tree's error row, or the case panel's page. *Requests* are what the fake received for the");
  lines.push('fault itself (token / list / case). *Credentials*: the SecretStorage entry after the fault. *Next refresh*: measured after');
  lines.push("the fault was removed: one Refresh, the panel's Retry, or signing in again.", '');
  measured.push('## Fault matrix', '', '| where | fault | time | test |', '|---|---|---|---|');
  for (const [row, label] of Object.entries(faults.rows)) {
    const records = faults.records.filter((r) => r.row === row);
    lines.push(`### ${label}`, '');
    if (records.length === 0) {
      problem(`fault matrix row without a passing test: ${label}`);
      lines.push('**No passing test recorded for this row.**', '');
      continue;
    }
    lines.push('| where | fault | the user sees | action | requests | credentials | next refresh | test |');
    lines.push('|---|---|---|---|---|---|---|---|');
    for (const r of records) {
      if (r.recovered !== true) {
        problem(`fault "${r.title}" (${r.surface}): did not recover`);
      }
      const test = cite(FILES.faults, r.title);
      lines.push(`| ${SURFACES[r.surface]} | ${cell(r.fault)} | ${cell(r.message)}${troubleshootingId(r.troubleshootingId)} | ${cell(r.action)} | ${requests(r.requests)} | ${r.credentials} | ${r.recovered === true ? 'works' : '**fails**'} | ${test} |`);
      const memory = r.memoryGrowthMiB !== undefined ? ` (extension host RSS +${r.memoryGrowthMiB} MiB)` : '';
      measured.push(`| ${SURFACES[r.surface]} | ${cell(r.fault)} | ${seconds(r.elapsedMs)}${memory} | ${test} |`);
    }
    const units = UNIT_PROOFS[row] ?? [];
    if (units.length > 0) {
      lines.push('', `In depth: ${units.map(([file, title]) => cite(file, title)).join(' ')}`);
    }
    lines.push('');
  }
  const outcome = checkOutcomes('05-faults', faults.tests);
  mustBeZero('errors escaped into the extension host during 05-faults', faults.hostErrors);
  lines.push(`Tests of ${FILES.faults}: **${outcome.passed} of ${outcome.total} passed**, ${faults.records.length} rows recorded; errors that escaped into the extension host while they ran: **${faults.hostErrors}**.`, '');
  const failed = (faults.tests ?? []).filter((t) => t.state !== 'passed');
  if (failed.length > 0) {
    lines.push('**Did not pass** (no row above):', '', ...failed.map((t) => `- ${cell(t.title)} (${t.state})`), '');
  }
  measured.push('');
  return lines;
}

function leakSection({ leaks }, measured) {
  const lines = ['## Secrets never leak', ''];
  lines.push(`One test ${cite(FILES.leaks, LEAK_TEST)} signs in, loads pages, opens cases, triggers **${leaks.faultsTriggered}** faults, then searches every`);
  lines.push('place below for each string. Tokens are every access token the token endpoint issued and every bearer token the API received', '(how many a run issues varies: see the measurements).', '');
  lines.push(`Strings checked: client secret ×${leaks.strings.clientSecret}, access tokens (every one issued), client id ×${leaks.strings.clientId}.`, '');
  lines.push('| place searched | occurrences |', '|---|---|');
  for (const p of leaks.places) {
    lines.push(`| ${cell(p.place)} | ${p.occurrences} |`);
  }
  measured.push('## Places searched for secrets', '', `Access tokens searched for: ${leaks.strings.accessTokens}.`, '', '| place | items | bytes |', '|---|---|---|', ...leaks.places.map((p) => `| ${cell(p.place)} | ${p.items} | ${p.bytes} |`), '');
  mustBeZero('leak occurrences', leaks.occurrences);
  mustBeZero('errors escaped into the extension host during 07-leaks', leaks.hostErrors);
  lines.push('', `**Total occurrences: ${leaks.occurrences}** (places: ${leaks.places.length}). Errors that escaped into the extension host: **${leaks.hostErrors}**.`, '');
  return lines;
}

function hostileSection({ hostile }) {
  const lines = ['## Hostile content', ''];
  const outcome = checkOutcomes('06-hostile', hostile.tests);
  const passed = (title) => (hostile.tests ?? []).some((t) => t.title === title && t.state === 'passed');
  const t = hostile.tree ?? {};
  const p = hostile.panels ?? {};
  const w = hostile.workspaceOverride ?? {};
  const control = hostile.beaconControl ?? {};
  mustBeZero('beacons from hostile content', hostile.beacons);
  if (!(control.counted > 0)) {
    problem(`the beacon control counted ${control.counted ?? 'nothing'}: a zero beacon count proves nothing`);
  }
  mustBeZero('requests to the workspace decoy', w.decoyRequests);
  mustBeZero('errors escaped into the extension host during 06-hostile', hostile.hostErrors);
  for (const [what, value] of [['foreign tags', p.unexpectedTags], ['extra scripts', p.extraScripts], ['event-handler attributes', p.eventHandlers], ['javascript: URLs', p.javascriptUrls], ['inline styles', p.inlineStyles], ['trusted tooltips', t.trustedTooltips], ['HTML tooltips', t.htmlTooltips]]) {
    mustBeZero(`hostile ${what}`, value);
  }
  const verdict = (title) => (passed(title) ? 'passed' : '**failed**');
  lines.push(`The fake's hostile fixtures (${p.fixtures} strings that would request the fake's \`/__beacon/\` if they ever ran) in the fields of`);
  lines.push(`${t.hostileRows} cases.`, '');
  lines.push('| check | result | test |', '|---|---|---|');
  lines.push(`| tree rows for hostile cases | ${t.hostileRows} rows, plain-text labels (longest ${t.longestLabel} characters); ${verdict(HOSTILE_TESTS[0])} | ${cite(FILES.hostile, HOSTILE_TESTS[0])} |`);
  lines.push(`| tooltips (MarkdownString) | trusted: ${t.trustedTooltips}, HTML enabled: ${t.htmlTooltips}; \`[click](command:…)\` becomes \`${cell(t.commandLinkTooltip)}\` | ${cite(FILES.hostile, HOSTILE_TESTS[0])} |`);
  lines.push(`| case panels opened | ${p.opened}; foreign tags ${p.unexpectedTags}, extra scripts ${p.extraScripts}, event-handler attributes ${p.eventHandlers}, \`javascript:\` URLs ${p.javascriptUrls}, inline styles ${p.inlineStyles}; ${verdict(HOSTILE_TESTS[1])} | ${cite(FILES.hostile, HOSTILE_TESTS[1])} |`);
  lines.push(`| beacons from the main hostile case page, rendered in chromium under a CSP that lets beacons through, after its load event | ${hostile.beacons}; live markup planted on the same page: ${control.counted} of ${control.planted} beacons counted | ${cite(FILES.hostile, HOSTILE_TESTS[2])} |`);
  lines.push(`| workspace \`.vscode/settings.json\` pointing tokenUrl/apiBaseUrl at a decoy on 127.0.0.1 | decoy received ${w.decoyRequests} requests; VS Code's workspace value: ${w.workspaceValueSeenByVsCode === null ? 'none (application scope)' : cell(JSON.stringify(w.workspaceValueSeenByVsCode))}; writing it with the API: "${cell(w.writeToWorkspaceTarget)}" | ${cite(FILES.hostile, HOSTILE_TESTS[3])} |`);
  lines.push('', `Tests of ${FILES.hostile}: **${outcome.passed} of ${outcome.total} passed**. Errors that escaped into the extension host: **${hostile.hostErrors}**.`, '');
  return lines;
}

function loadSection({ load }, measured) {
  const lines = ['## Load and concurrency', '', '| scenario | figures | test |', '|---|---|---|'];
  const b = load.refreshBurst;
  const t = load.revokedTokenBurst;
  const p = load.paging;
  // How many list requests a burst coalesces into depends on timing: the document gives the bound the test holds.
  lines.push(`| ${b.commands} Refresh commands at once | at most ${b.listRequestBound} list requests, at most ${b.maxConcurrentListRequests} in flight; final tree = server data: ${b.finalTreeMatchesServer === true ? 'yes' : '**no**'} (${b.rowsShown} rows) | ${cite(FILES.load, LOAD_TESTS.refreshBurst)} |`);
  lines.push(`| ${t.calls} concurrent API calls with a revoked token | ${t.tokenRequests} token request(s), ${t.listRequests} list requests | ${cite(FILES.load, LOAD_TESTS.revokedTokenBurst)} |`);
  lines.push(`| Load more to the API maximum | ${number(p.cases)} rows after ${p.loadMoreCommands} Load more commands (${p.listRequests} requests, last offset ${p.lastOffset}) | ${cite(FILES.load, LOAD_TESTS.paging)} |`);
  mustBeZero('errors escaped into the extension host during 09-load', load.hostErrors);
  lines.push('', `Errors that escaped into the extension host: **${load.hostErrors}**.`, '');
  measured.push('## Load and concurrency', '', '| scenario | figures | time | memory |', '|---|---|---|---|');
  measured.push(`| ${b.commands} Refresh commands at once | ${b.listRequests} list requests | ${seconds(b.elapsedMs)} | |`);
  measured.push(`| ${t.calls} concurrent API calls with a revoked token | | ${seconds(t.elapsedMs)} | |`);
  measured.push(`| Load more to the API maximum | | ${seconds(p.elapsedMs)} | extension host heap ${p.heapUsedMiB} MiB after (change ${p.heapGrowthMiB} MiB), RSS change ${p.rssGrowthMiB} MiB |`, '');
  return lines;
}

function fuzzSection({ fuzz, randomBodies }) {
  const lines = ['## Parser fuzz', '', '| corpus | bodies | parsed | typed errors | other throws | test |', '|---|---|---|---|---|---|'];
  const i = fuzz.inProcess;
  const h = fuzz.overHttp;
  mustBeZero('parser fuzz: other throws in process', i.otherThrows);
  mustBeZero('parser fuzz: other throws over HTTP', h.otherThrows);
  lines.push(`| random JSON-like bodies | ${number(randomBodies.count)} | – | – | – | ${cite(randomBodies.file, randomBodies.test)} |`);
  lines.push(`| mutations of the fake's real answers (${i.corpus.listPages} list pages, ${i.corpus.caseDetails} case details; seed ${fuzz.seed}), through \`parseJsonBody\`, \`parseCaseList\`, \`parseCaseDetail\` and \`renderCasePage\` | ${number(i.bodies)} | ${i.parsedLists} lists, ${i.parsedDetails} cases (${i.renderedPages} pages rendered) | ${i.typedErrors} | ${i.otherThrows} | ${cite(FILES.fuzz, FUZZ_TESTS.inProcess)} |`);
  lines.push(`| the same mutations served by the fake over HTTP to \`SupportApi\` | ${number(h.bodies)} | ${h.resolved} | ${h.typedErrors} | ${h.otherThrows} | ${cite(FILES.fuzz, FUZZ_TESTS.overHttp)} |`);
  lines.push('');
  return lines;
}

/** Which of the fake's endpoints a setup reached; the counts depend on timing and are in the measurements. */
const reached = (r) => Object.entries({ token: r.token, list: r.listCases, case: r.getCase }).filter(([, n]) => n > 0).map(([name]) => name).join(', ') || 'none';

/** Property-based writes (writes.json): at least 1,000 schedules, no duplicate, no lost draft, every write landed once. */
const WRITES_TEST = 'holds for every generated schedule of Add Note, New Case and Close Case';
function writesSection({ writes }) {
  const lines = ['## Property-based writes', ''];
  lines.push('fast-check generated fault schedules (drops before and after the fake stored the write, 5xx with and without storing it, JSON and');
  lines.push('HTML, timeouts, a failing look-up, a reload in the middle of a send or between presses, double submits, the same draft in two');
  lines.push('windows) and ran them through `CaseWrites` over real HTTP. After every step: each intent stored at most once, its draft kept');
  lines.push('until it was stored, and "done" only when it was stored; each schedule ends with plain presses, after which the write is stored once.', '');
  lines.push('| write | schedules | steps | submits | duplicates | drafts lost | "done" but not stored | not stored once at the end | test |', '|---|---|---|---|---|---|---|---|---|');
  for (const [kind, t] of Object.entries(writes.perKind ?? {})) {
    lines.push(`| ${cell(kind)} | ${number(t.schedules)} | ${number(t.steps)} | ${number(t.submits)} | ${t.duplicates} | ${t.draftsLost} | ${t.falseDone} | ${t.notDelivered} | ${cite(FILES.writes, WRITES_TEST)} |`);
  }
  if (!(typeof writes.schedules === 'number' && writes.schedules >= 1000)) {
    problem(`property-based writes: ${writes.schedules ?? 'no'} schedules ran (at least 1,000 are required)`);
  }
  mustBeZero('property-based writes: duplicates', writes.duplicates);
  mustBeZero('property-based writes: drafts lost', writes.draftsLost);
  mustBeZero('property-based writes: "done" but not stored', writes.falseDone);
  mustBeZero('property-based writes: not stored once at the end', writes.notDelivered);
  lines.push('', `Schedules: **${number(writes.schedules)}** (seed ${writes.seed}). Duplicates: **${writes.duplicates}**. Drafts lost: **${writes.draftsLost}**.`, '');
  return lines;
}

function proxySection({ proxy }, measured) {
  const lines = ['## Proxy', ''];
  lines.push('A proxy started by the test on 127.0.0.1 is set as `http.proxy`. The endpoints use the alias 127.0.0.2, where nothing listens and which');
  lines.push('the proxy maps to the fake API: a request that reached the fake went through the proxy.', '');
  lines.push('| setup | route taken | via proxy | reached the fake | result | test |', '|---|---|---|---|---|---|');
  measured.push('## Proxy', '', '| setup | requests via proxy | reached the fake (token / list / case) |', '|---|---|---|');
  for (const r of proxy.records) {
    lines.push(`| ${cell(r.setup)} | ${cell(r.route)} | ${r.proxied > 0 ? 'yes' : 'none'} | ${reached(r.reachedFake)} | ${cell(r.result)} | ${cite(FILES.proxy, r.title)} |`);
    measured.push(`| ${cell(r.setup)} | ${r.proxied} | ${requests(r.reachedFake)} |`);
  }
  measured.push('');
  mustBeZero('errors escaped into the extension host during 08-proxy', proxy.hostErrors);
  lines.push('', `Errors that escaped into the extension host: **${proxy.hostErrors}**.`, '');
  return lines;
}

/**
 * The document's sections in order: the figures files each needs and its renderer. A new section is one entry here
 * (and its rules in RULES); a missing figures file leaves a visible gap instead of stale figures.
 */
const SECTIONS = [
  { heading: 'Fault matrix', files: ['faults'], render: faultSection },
  { heading: 'Secrets never leak', files: ['leaks'], render: leakSection },
  { heading: 'Hostile content', files: ['hostile'], render: hostileSection },
  { heading: 'Load and concurrency', files: ['load'], render: loadSection },
  { heading: 'Parser fuzz', files: ['fuzz', 'randomBodies'], render: fuzzSection },
  { heading: 'Proxy', files: ['proxy'], render: proxySection },
  { heading: 'Property-based writes', files: ['writes'], render: writesSection }
];

function section({ heading, files, render }, loaded, measured) {
  const figures = {};
  for (const name of files) {
    try {
      figures[name] = load(name);
    } catch (err) {
      problem(err instanceof Error ? err.message : String(err));
      return [`## ${heading}`, '', `**No figures: test-results/reliability/${name}.json is missing (its tests failed or did not run).**`, ''];
    }
  }
  for (const name of files) {
    judge(name, figures[name]);
    loaded[name] = figures[name];
  }
  try {
    return render(figures, measured);
  } catch (err) {
    problem(`${heading}: the figures could not be rendered (${err instanceof Error ? err.message : String(err)})`);
    return [`## ${heading}`, '', '**The figures are incomplete.**', ''];
  }
}

function main() {
  const measured = [];
  const loaded = {};
  const body = SECTIONS.flatMap((s) => section(s, loaded, measured));
  const head = [
    '# Reliability and security figures',
    '',
    '<!-- Generated by `node scripts/reliability-report.mjs` from test-results/reliability/*.json. Do not edit by hand. -->',
    '',
    'What the extension does under faults, hostile input and load, measured by the tests that prove it. `npm test` regenerates',
    'this file after the suites, fails when a figure below breaks its rule, and fails when the file it generates differs from',
    'the committed one; `test/unit/reliabilityDoc.test.ts` fails when a test cited here no longer exists. Only figures that',
    'do not change from run to run are here; durations, memory and counts that depend on timing are in',
    '`test-results/reliability-measurements.md` after a run.',
    '',
    `Measured in VS Code ${loaded.faults?.vscode ?? '?'} (${loaded.faults?.host ?? '?'}, code-server) and Node (unit tests).`,
    ''
  ];
  const tail = ['## Tests cited', ''];
  cited.forEach((c, i) => tail.push(`- [T${i + 1}] \`${c.file}\` — ${c.title}`));
  writeFileSync(OUTPUT, [...head, ...body, ...tail, ''].join('\n'));
  mkdirSync(dirname(MEASUREMENTS), { recursive: true });
  writeFileSync(MEASUREMENTS, [
    '# Reliability measurements that vary between runs',
    '',
    `Measured ${loaded.faults?.measuredAt ?? '?'} in VS Code ${loaded.faults?.vscode ?? '?'}; unit tests in Node ${loaded.fuzz?.node ?? '?'}. Test numbers as in ${relative(dirname(MEASUREMENTS), OUTPUT)}.`,
    '',
    ...measured
  ].join('\n'));
  console.log(`wrote ${relative(ROOT, OUTPUT)} (${loaded.faults?.records?.length ?? 0} fault rows, ${cited.length} tests cited) and ${relative(ROOT, MEASUREMENTS)}`);
}

try {
  main();
} catch (err) {
  problem(err instanceof Error ? err.message : String(err));
}
if (problems.length > 0) {
  console.error(`reliability report: ${problems.length} problem(s):`);
  for (const p of problems) {
    console.error(`  - ${p}`);
  }
  process.exitCode = 1;
}
