// Renders docs/reliability.md from the figures the reliability tests write to test-results/reliability/*.json:
//   faults.json (test/integration/05-faults), hostile.json (06), leaks.json (07), proxy.json (08), load.json (09),
//   fuzz.json (test/unit/reliabilityFuzz).
// Run the unit and integration suites first, then `node scripts/reliability-report.mjs`. It fails (exit 1) when a
// figures file is missing or a row of the fault matrix has no passing test, so the document cannot silently shrink.
// test/unit/reliabilityDoc.test.ts checks that every test the document cites still exists.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const FIGURES = join(ROOT, 'test-results', 'reliability');
const OUTPUT = join(ROOT, 'docs', 'reliability.md');

const FILES = {
  faults: 'test/integration/05-faults.test.ts',
  hostile: 'test/integration/06-hostile.test.ts',
  leaks: 'test/integration/07-leaks.test.ts',
  proxy: 'test/integration/08-proxy.test.ts',
  load: 'test/integration/09-load.test.ts',
  fuzz: 'test/unit/reliabilityFuzz.test.ts'
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
  'records no beacon request from hostile markup while the hostile panels were shown',
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

function load(name) {
  const file = join(FIGURES, `${name}.json`);
  if (!existsSync(file)) {
    throw new Error(`${file} is missing: run the unit and integration suites first (npm run test:unit, npm run test:integration).`);
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
/** The fake sends a random UUID unless the test set an id; show set ids exactly, random ones as such. */
const troubleshootingId = (id) => (!id ? '' : UUID.test(id) ? ' · ID shown (the fake\'s random UUID)' : ` · ID \`${cell(id)}\``);
const requests = (r) => `${r.token} / ${r.listCases} / ${r.getCase}`;
const seconds = (ms) => (ms >= 1000 ? `${(ms / 1000).toFixed(1)} s` : `${ms} ms`);

function faultSection(faults) {
  const lines = [];
  const missing = [];
  lines.push('## Fault matrix', '');
  lines.push('Every fault was injected on the fake Support API (real HTTP on 127.0.0.1) and met through the installed extension in VS Code');
  lines.push("(code-server's extension host): the tree's error row, or the case panel's page. *Requests* are what the fake received for the");
  lines.push('fault itself (token / list / case): no retry loop anywhere. *Credentials*: the SecretStorage entry after the fault.');
  lines.push('*Next refresh*: the fault removed, one Refresh (or the panel\'s Retry) shows the cases again.', '');
  for (const [row, label] of Object.entries(faults.rows)) {
    const records = faults.records.filter((r) => r.row === row);
    lines.push(`### ${label}`, '');
    if (records.length === 0) {
      missing.push(label);
      lines.push('**No passing test recorded for this row.**', '');
      continue;
    }
    lines.push('| where | fault | the user sees | action | requests | credentials | next refresh | time | test |');
    lines.push('|---|---|---|---|---|---|---|---|---|');
    for (const r of records) {
      const extra = r.memoryGrowthMiB !== undefined ? ` (RSS +${r.memoryGrowthMiB} MiB)` : '';
      const tid = troubleshootingId(r.troubleshootingId);
      lines.push(`| ${SURFACES[r.surface]} | ${cell(r.fault)} | ${cell(r.message)}${tid} | ${cell(r.action)} | ${requests(r.requests)} | ${r.credentials} | ${r.recovered ? 'works' : '**fails**'} | ${seconds(r.elapsedMs)}${extra} | ${cite(FILES.faults, r.title)} |`);
    }
    const units = UNIT_PROOFS[row] ?? [];
    if (units.length > 0) {
      lines.push('', `In depth: ${units.map(([file, title]) => cite(file, title)).join(' ')}`);
    }
    lines.push('');
  }
  lines.push(`Fault cases through the extension: **${faults.records.length}**, all passing; errors that escaped into the extension host while they ran: **${faults.hostErrors}**.`, '');
  return { lines, missing };
}

function leakSection(leaks) {
  const lines = ['## Secrets never leak', ''];
  lines.push(`One test ${cite(FILES.leaks, LEAK_TEST)} signs in, loads two pages, opens cases (one hostile), triggers **${leaks.faultsTriggered}** faults`);
  lines.push('(the whole matrix, plus servers that echo the secret and the bearer token back in their error messages, and finally the rotated secret),');
  lines.push('then searches every place below for each string. Tokens are every access token the token endpoint issued (read by a pass-through');
  lines.push('on the token URL, including the sign-in check\'s token) and every bearer token the API received.', '');
  lines.push(`Strings checked: client secret ×${leaks.strings.clientSecret}, access tokens ×${leaks.strings.accessTokens}, client id ×${leaks.strings.clientId}.`, '');
  lines.push('| place searched | items | bytes | occurrences |', '|---|---|---|---|');
  for (const p of leaks.places) {
    lines.push(`| ${cell(p.place)} | ${p.items} | ${p.bytes} | ${p.occurrences} |`);
  }
  lines.push('', `**Total occurrences: ${leaks.occurrences}** (places: ${leaks.places.length}; SecretStorage itself is the one place the pair is meant to be).`);
  lines.push('Notifications cannot be read in this host (the smoke-test driver hides toasts); their text is the same error message the tree and panel show.', '');
  return lines;
}

function hostileSection(hostile) {
  const lines = ['## Hostile content', ''];
  const t = hostile.tree;
  const p = hostile.panels;
  const w = hostile.workspaceOverride;
  lines.push(`The fake's hostile fixtures (${p.fixtures} strings: script tags, event handlers, \`javascript:\` links, CSS injection, broken Unicode,`);
  lines.push('right-to-left overrides, 100 KB text, Markdown/HTML) in every field of 27 cases.', '');
  lines.push('| check | result | test |', '|---|---|---|');
  lines.push(`| tree rows for hostile cases | ${t.hostileRows}, labels plain text ≤ 200 characters (longest ${t.longestLabel}), no control or bidi override characters | ${cite(FILES.hostile, HOSTILE_TESTS[0])} |`);
  lines.push(`| tooltips (MarkdownString) | trusted: ${t.trustedTooltips}, HTML enabled: ${t.htmlTooltips}; \`[click](command:…)\` becomes \`${cell(t.commandLinkTooltip)}\` | ${cite(FILES.hostile, HOSTILE_TESTS[0])} |`);
  lines.push(`| case panels opened | ${p.opened}; foreign tags ${p.unexpectedTags}, extra scripts ${p.extraScripts}, event-handler attributes ${p.eventHandlers}, \`javascript:\` URLs ${p.javascriptUrls}, inline styles ${p.inlineStyles}; largest page ${p.largestPageKiB} KiB, complete | ${cite(FILES.hostile, HOSTILE_TESTS[1])} |`);
  lines.push(`| beacon requests from hostile markup (best effort: chromium renders the pages; the host cannot tell when) | ${hostile.beacons} | ${cite(FILES.hostile, HOSTILE_TESTS[2])} |`);
  lines.push(`| workspace \`.vscode/settings.json\` pointing tokenUrl/apiBaseUrl at a decoy on 127.0.0.1 | decoy received ${w.decoyRequests} requests; VS Code's workspace value: ${w.workspaceValueSeenByVsCode === null ? 'ignored (application scope)' : cell(JSON.stringify(w.workspaceValueSeenByVsCode))}; writing it with the API: "${cell(w.writeToWorkspaceTarget)}" | ${cite(FILES.hostile, HOSTILE_TESTS[3])} |`);
  lines.push('', `Errors that escaped into the extension host: **${hostile.hostErrors}**.`, '');
  return lines;
}

function loadSection(load) {
  const lines = ['## Load and concurrency', '', '| scenario | figures | test |', '|---|---|---|'];
  const b = load.refreshBurst;
  lines.push(`| ${b.commands} Refresh commands at once (list answers slowed to 150 ms, data changed mid-burst) | ${b.listRequests} list requests, at most ${b.maxConcurrentListRequests} in flight; final tree = server data (${b.rowsShown} rows); ${seconds(b.elapsedMs)} | ${cite(FILES.load, LOAD_TESTS.refreshBurst)} |`);
  const t = load.revokedTokenBurst;
  lines.push(`| ${t.calls} concurrent API calls with a revoked token | ${t.tokenRequests} token request, ${t.listRequests} list requests (401 + retry each); ${seconds(t.elapsedMs)} | ${cite(FILES.load, LOAD_TESTS.revokedTokenBurst)} |`);
  const p = load.paging;
  lines.push(`| Load more to the API maximum (2,100 cases on the server) | ${p.cases} rows after ${p.loadMoreCommands} Load more commands (${p.listRequests} requests, last offset ${p.lastOffset}); ${seconds(p.elapsedMs)}; extension host heap ${p.heapUsedMiB} MiB after (change ${p.heapGrowthMiB} MiB), RSS change ${p.rssGrowthMiB} MiB | ${cite(FILES.load, LOAD_TESTS.paging)} |`);
  lines.push('', `Errors that escaped into the extension host: **${load.hostErrors}**.`, '');
  return lines;
}

function fuzzSection(fuzz) {
  const lines = ['## Parser fuzz', '', '| corpus | bodies | parsed | typed errors | other throws | test |', '|---|---|---|---|---|---|'];
  const r = fuzz.randomBodies;
  lines.push(`| random JSON-like bodies | ${r.count.toLocaleString('en')} | – | – | 0 | ${cite(r.file, r.test)} |`);
  const i = fuzz.inProcess;
  lines.push(`| mutations of the fake's real answers (${i.corpus.listPages} list pages, ${i.corpus.caseDetails} case details incl. hostile; seed ${fuzz.seed}), through \`parseJsonBody\`, \`parseCaseList\`, \`parseCaseDetail\` and \`renderCasePage\` | ${i.bodies.toLocaleString('en')} | ${i.parsedLists} lists, ${i.parsedDetails} cases (${i.renderedPages} pages rendered, one script each) | ${i.typedErrors} | ${i.otherThrows} | ${cite(FILES.fuzz, FUZZ_TESTS.inProcess)} |`);
  const h = fuzz.overHttp;
  lines.push(`| the same mutations served by the fake over HTTP to \`SupportApi\` | ${h.bodies} | ${h.resolved} | ${h.typedErrors} | ${h.otherThrows} | ${cite(FILES.fuzz, FUZZ_TESTS.overHttp)} |`);
  lines.push('');
  return lines;
}

function proxySection(proxy) {
  const lines = ['## Proxy', ''];
  lines.push('A proxy started by the test on 127.0.0.1 is set as `http.proxy`. The endpoints use the alias 127.0.0.2, where nothing listens and which');
  lines.push('the proxy maps to the fake API: a request that reaches the fake went through the proxy. VS Code patches Node\'s http/https for');
  lines.push('extensions (`http.proxySupport`); the extension has no proxy agent of its own, so VS Code\'s agent carries every proxied request');
  lines.push('(absolute-URI requests for these http endpoints), and an error that comes from the proxy names it and points at `http.proxy`.', '');
  lines.push('| setup | route taken | requests via proxy | reached the fake (token / list / case) | result | test |', '|---|---|---|---|---|---|');
  for (const r of proxy.records) {
    lines.push(`| ${cell(r.setup)} | ${cell(r.route)} | ${r.proxied} | ${requests(r.reachedFake)} | ${cell(r.result)} | ${cite(FILES.proxy, r.title)} |`);
  }
  lines.push('', `Errors that escaped into the extension host: **${proxy.hostErrors}**.`, '');
  return lines;
}

function main() {
  const figures = Object.fromEntries(['faults', 'hostile', 'leaks', 'proxy', 'load', 'fuzz'].map((name) => [name, load(name)]));
  const { lines: faultLines, missing } = faultSection(figures.faults);
  const body = [
    ...faultLines,
    ...leakSection(figures.leaks),
    ...hostileSection(figures.hostile),
    ...loadSection(figures.load),
    ...fuzzSection(figures.fuzz),
    ...proxySection(figures.proxy)
  ];
  const head = [
    '# Reliability and security figures',
    '',
    '<!-- Generated by `node scripts/reliability-report.mjs` from test-results/reliability/*.json. Do not edit by hand. -->',
    '',
    'What the extension does under faults, hostile input and load, measured by the tests that prove it (issue 4). To refresh:',
    '`npm run test:unit && npm run test:integration && node scripts/reliability-report.mjs`. `test/unit/reliabilityDoc.test.ts` fails when a',
    'test cited here no longer exists.',
    '',
    `Measured ${figures.faults.measuredAt.slice(0, 10)} in VS Code ${figures.faults.vscode} (${figures.faults.host}, code-server) and Node ${figures.fuzz.node} (unit tests).`,
    ''
  ];
  const tail = ['## Tests cited', ''];
  cited.forEach((c, i) => tail.push(`- [T${i + 1}] \`${c.file}\` — ${c.title}`));
  writeFileSync(OUTPUT, [...head, ...body, ...tail, ''].join('\n'));
  console.log(`wrote ${OUTPUT}: ${figures.faults.records.length} fault cases, ${cited.length} tests cited`);
  if (missing.length > 0) {
    console.error(`rows without a passing test: ${missing.join('; ')}`);
    process.exitCode = 1;
  }
}

try {
  main();
} catch (err) {
  console.error(err instanceof Error ? err.message : String(err));
  process.exitCode = 1;
}
