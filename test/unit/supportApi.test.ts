import * as assert from 'assert';
import { closedPort } from '../support/net';
import { rejectsWith, useFakeApi } from './support/fixture';
import { SupportApi } from '../../src/api/supportApi';
import { recordingLogger } from './support/recordingLogger';
import { until } from './support/wait';
import { assertEvery } from '../support/every';

describe('SupportApi: listing cases', () => {
  const f = useFakeApi();

  it('lists the first page with a bearer token and the exact query on the wire', async () => {
    const { api } = f.api();
    const list = await api.listCases({ limit: 20, offset: 0, sort: [{ field: 'modifiedDate', direction: 'desc' }] });
    const all = f.fake.control.listAll();
    assert.strictEqual(list.totalCount, all.length);
    assert.deepStrictEqual(
      list.cases.map((c) => c.caseNumber),
      all.slice(0, 20).map((c) => c.caseNumber)
    );
    const [request] = f.fake.control.requests('listCases');
    assert.strictEqual(request.query, 'limit=20&offset=0&sort=-modifiedDate');
    assert.match(request.headers.authorization, /^Bearer \S+$/);
    assert.strictEqual(request.headers.accept, 'application/json');
  });

  it('pages with offset until totalCount', async () => {
    const { api } = f.api();
    const seen: string[] = [];
    let offset = 0;
    for (;;) {
      const page = await api.listCases({ limit: 20, offset, sort: [{ field: 'modifiedDate', direction: 'desc' }] });
      seen.push(...page.cases.map((c) => c.caseNumber));
      offset += page.receivedCount ?? page.cases.length;
      if (page.cases.length < 20 || offset >= (page.totalCount ?? Infinity)) {
        break;
      }
    }
    assert.deepStrictEqual(
      seen,
      f.fake.control.listAll().map((c) => c.caseNumber)
    );
    assert.deepStrictEqual(
      f.fake.control.requests('listCases').map((r) => /offset=(\d+)/.exec(r.query)?.[1]),
      ['0', '20', '40']
    );
    assert.strictEqual(f.fake.control.stats().counts.token, 1);
  });

  it('sends an ascending sort key as %2B, never as a raw +', async () => {
    const { api } = f.api();
    await api.listCases({
      sort: [
        { field: 'modifiedDate', direction: 'desc' },
        { field: 'severity', direction: 'asc' }
      ]
    });
    const [request] = f.fake.control.requests('listCases');
    assert.strictEqual(request.query, 'limit=20&offset=0&sort=-modifiedDate,%2Bseverity');
  });

  it('sends the query as percent-encoded JSON with Z dates, accepted by the server', async () => {
    const { api } = f.api();
    const query = {
      updated: { after: new Date('2000-01-01T00:00:00.000Z'), before: new Date('2100-01-01T00:00:00.000Z') },
      statuses: { exclude: ['Closed'] },
      types: { include: ['Support Case'] }
    };
    const list = await api.listCases({ query });
    assertEvery(list.cases, (c) => c.status !== 'Closed' && c.type === 'Support Case', 'cases of the filtered list');
    const raw = f.fake.control.requests('listCases')[0].query;
    const encoded = /(?:^|&)query=([^&]*)/.exec(raw)?.[1] ?? '';
    assert.ok(!/[{}":\s]/.test(encoded), `not fully encoded: ${encoded}`);
    assert.deepStrictEqual(JSON.parse(decodeURIComponent(encoded)), {
      updated: { after: '2000-01-01T00:00:00Z', before: '2100-01-01T00:00:00Z' },
      types: { include: ['Support Case'] },
      statuses: { exclude: ['Closed'] }
    });
  });

  it('validates limit and offset before sending anything', async () => {
    const { api } = f.api();
    for (const params of [{ limit: 21 }, { limit: -1 }, { limit: 1.5 }, { offset: 2001 }, { offset: -1 }, { limit: Number.NaN }]) {
      const err = await rejectsWith(api.listCases(params), 'badRequest');
      assert.match(err.message, /whole number/);
    }
    await api.listCases({ limit: 0, offset: 2000 });
    assert.strictEqual(f.fake.control.stats().counts.listCases, 1);
  });

  it('logs each request with method, path, status, duration and troubleshooting id, without the token', async () => {
    const { api, tokens } = f.api();
    await api.listCases({ sort: [{ field: 'modifiedDate', direction: 'desc' }] });
    const token = await tokens.getToken();
    const text = f.logger.text();
    assert.match(text, /info GET \/sphere\/api\/v1\/case\?limit=20&offset=0&sort=-modifiedDate 200 \d+ ms tid=[0-9a-f-]{36}/);
    assert.ok(!text.includes(token));
  });
});

describe('SupportApi: getting a case', () => {
  const f = useFakeApi();

  it('gets a case with every field the server sent', async () => {
    const { api } = f.api();
    const caseNumber = f.fake.control.listAll()[0].caseNumber;
    const expected = f.fake.control.getCase(caseNumber);
    const detail = await api.getCase(caseNumber);
    assert.ok(expected);
    assert.strictEqual(detail.caseNumber, caseNumber);
    assert.strictEqual(detail.subject, expected.subject);
    assert.strictEqual(detail.description, expected.description);
    assert.strictEqual(detail.account?.sac, expected.account.sac);
    assert.strictEqual(detail.product?.version?.name, expected.product.version.name);
    assert.strictEqual(detail.notes.length, (expected.notes ?? []).length);
    assert.deepStrictEqual(detail.extraFields, []);
  });

  it('encodes the case number as one path segment', async () => {
    const { api } = f.api();
    await rejectsWith(api.getCase('../account?x=1#y'), 'notFound');
    const [request] = f.fake.control.requests('getCase');
    assert.strictEqual(request.path, '/sphere/api/v1/case/..%2Faccount%3Fx%3D1%23y');
  });

  it('maps an unknown case to notFound naming the case', async () => {
    const { api } = f.api();
    const err = await rejectsWith(api.getCase('00000000'), 'notFound');
    assert.strictEqual(err.status, 404);
    assert.match(err.message, /Case 00000000 was not found/);
    assert.ok(err.troubleshootingId);
  });

  it('refuses an empty case number without a request', async () => {
    const { api } = f.api();
    await rejectsWith(api.getCase('  '), 'badRequest');
    assert.strictEqual(f.fake.control.stats().total, 0);
  });

  it('parses the hostile and odd fixture cases without failing', async () => {
    const { api } = f.api();
    for (const caseNumber of f.fake.control.addHostileCases()) {
      const detail = await api.getCase(caseNumber);
      assert.strictEqual(detail.caseNumber, caseNumber);
    }
  });

  it('keeps extra fields the server adds', async () => {
    const { api } = f.api();
    const caseNumber = f.fake.control.listAll()[0].caseNumber;
    f.fake.control.upsertCase({ caseNumber, ...({ escalationLevel: 2, region: 'EMEA' } as object) });
    const detail = await api.getCase(caseNumber);
    assert.deepStrictEqual(detail.extraFields, [
      { key: 'escalationLevel', value: '2' },
      { key: 'region', value: 'EMEA' }
    ]);
  });
});

describe('SupportApi: token renewal on 401', () => {
  const f = useFakeApi();

  it('gets one new token and retries once after the token was revoked', async () => {
    const { api } = f.api();
    await api.listCases({});
    f.fake.control.revokeTokens();
    f.fake.control.clearRequests();
    const list = await api.listCases({});
    assert.ok(list.cases.length > 0);
    const stats = f.fake.control.stats();
    assert.strictEqual(stats.counts.token, 1);
    assert.strictEqual(stats.counts.listCases, 2);
    const [first, second] = f.fake.control.requests('listCases');
    assert.strictEqual(first.status, 401);
    assert.strictEqual(second.status, 200);
    assert.notStrictEqual(first.headers.authorization, second.headers.authorization);
  });

  it('gives up with credentialsRejected after a second 401, without looping', async () => {
    const { api } = f.api();
    f.fake.control.addFault({ target: 'listCases', kind: 'respond', status: 401 });
    const err = await rejectsWith(api.listCases({}), 'credentialsRejected');
    assert.match(err.message, /freshly issued access token/);
    assert.ok(err.troubleshootingId);
    const stats = f.fake.control.stats();
    assert.strictEqual(stats.counts.listCases, 2);
    assert.strictEqual(stats.counts.token, 2);
  });

  it('shares one renewal between concurrent requests that all got 401', async () => {
    const { api } = f.api();
    await api.listCases({});
    f.fake.control.revokeTokens();
    f.fake.control.clearRequests();
    await Promise.all(Array.from({ length: 10 }, () => api.listCases({})));
    assert.strictEqual(f.fake.control.stats().counts.token, 1);
    assert.strictEqual(f.fake.control.stats().counts.listCases, 20);
  });

  it('passes the token endpoint\'s rejection through when credentials changed', async () => {
    const stored = { clientId: f.fake.clientId, clientSecret: f.fake.clientSecret };
    const { api } = f.api({}, { credentials: async () => stored });
    f.fake.control.setCredentials({ clientSecret: 'rotated-secret-999' });
    const err = await rejectsWith(api.listCases({}), 'credentialsRejected');
    assert.strictEqual(err.code, 'invalid_client');
    assert.strictEqual(f.fake.control.stats().counts.listCases, 0);
  });
});

describe('SupportApi: rate limiting', () => {
  const f = useFakeApi();

  it('waits a short Retry-After once and retries', async () => {
    const waits: number[] = [];
    const { api } = f.api({ sleep: async (ms) => void waits.push(ms) });
    f.fake.control.addFault({ target: 'listCases', kind: 'respond', status: 429, headers: { 'Retry-After': '2' }, times: 1 });
    const list = await api.listCases({});
    assert.ok(list.cases.length > 0);
    assert.deepStrictEqual(waits, [2000]);
    assert.strictEqual(f.fake.control.stats().counts.listCases, 2);
  });

  it('gives up with rateLimited after a second 429', async () => {
    const waits: number[] = [];
    const { api } = f.api({ sleep: async (ms) => void waits.push(ms) });
    f.fake.control.addFault({ target: 'listCases', kind: 'respond', status: 429, headers: { 'Retry-After': '1' } });
    const err = await rejectsWith(api.listCases({}), 'rateLimited');
    assert.strictEqual(err.retryAfterMs, 1000);
    assert.deepStrictEqual(waits, [1000]);
    assert.strictEqual(f.fake.control.stats().counts.listCases, 2);
  });

  it('does not wait when Retry-After is longer than the bound', async () => {
    const waits: number[] = [];
    const { api } = f.api({ sleep: async (ms) => void waits.push(ms), maxRetryAfterMs: 10_000 });
    f.fake.control.addFault({ target: 'listCases', kind: 'respond', status: 429, headers: { 'Retry-After': '120' } });
    const err = await rejectsWith(api.listCases({}), 'rateLimited');
    assert.strictEqual(err.retryAfterMs, 120_000);
    assert.match(err.message, /Try again in 120 s/);
    assert.deepStrictEqual(waits, []);
    assert.strictEqual(f.fake.control.stats().counts.listCases, 1);
  });

  it('does not retry a 429 without Retry-After', async () => {
    const waits: number[] = [];
    const { api } = f.api({ sleep: async (ms) => void waits.push(ms) });
    f.fake.control.addFault({ target: 'listCases', kind: 'respond', status: 429 });
    const err = await rejectsWith(api.listCases({}), 'rateLimited');
    assert.strictEqual(err.retryAfterMs, undefined);
    assert.deepStrictEqual(waits, []);
    assert.strictEqual(f.fake.control.stats().counts.listCases, 1);
  });

  it('understands Retry-After as an HTTP date', async () => {
    const waits: number[] = [];
    const now = Date.parse('2024-01-01T00:00:00Z');
    const { api } = f.api({ sleep: async (ms) => void waits.push(ms), now: () => now });
    f.fake.control.addFault({ target: 'listCases', kind: 'respond', status: 429, headers: { 'Retry-After': 'Mon, 01 Jan 2024 00:00:03 GMT' }, times: 1 });
    await api.listCases({});
    assert.deepStrictEqual(waits, [3000]);
  });

  it('stops waiting when the caller cancels during the Retry-After wait', async () => {
    // A wait of two minutes, allowed by the bound: if cancelling did not end the real wait, the test would hang
    // until mocha's timeout instead of passing. No duration is measured.
    const { api } = f.api({ maxRetryAfterMs: 120_000 });
    f.fake.control.addFault({ target: 'listCases', kind: 'respond', status: 429, headers: { 'Retry-After': '120' } });
    const controller = new AbortController();
    const pending = api.listCases({}, controller.signal);
    // The wait has begun once the client logged it (it logs, then sleeps).
    await until(() => /asked to wait 120000 ms/.test(f.logger.text()));
    controller.abort();
    await rejectsWith(pending, 'cancelled');
    assert.strictEqual(f.fake.control.stats().counts.listCases, 1, 'no retry after the cancelled wait');
  });
});

describe('SupportApi: error mapping over HTTP', () => {
  const f = useFakeApi();

  const rows: { status: number; body?: unknown; kind: string; pattern: RegExp }[] = [
    { status: 400, body: { code: 'BAD_REQUEST', message: 'Invalid date in query' }, kind: 'badRequest', pattern: /Invalid date in query/ },
    { status: 403, body: { code: 'ACCESS_DENIED', message: 'Account GLBX-9 is not available' }, kind: 'forbidden', pattern: /Access denied.*GLBX-9/ },
    { status: 404, kind: 'notFound', pattern: /not found/ },
    { status: 500, body: { code: 'SERVER_ERROR', message: 'Internal failure' }, kind: 'server', pattern: /server error \(HTTP 500\).*Internal failure/ },
    {
      status: 503,
      body: { code: 'SERVICE_TEMPORARILY_UNAVAILABLE', message: 'Support portal maintenance until 18:00 UTC' },
      kind: 'unavailable',
      pattern: /temporarily unavailable.*until 18:00 UTC/
    },
    { status: 502, body: '<html><body><h1>502 Bad Gateway</h1></body></html>', kind: 'server', pattern: /HTML page/ },
    { status: 418, body: { code: 'TEAPOT', message: 'I am a teapot' }, kind: 'http', pattern: /HTTP 418/ }
  ];
  for (const row of rows) {
    it(`maps HTTP ${row.status} to '${row.kind}' with a readable message and the troubleshooting id`, async () => {
      const { api } = f.api();
      f.fake.control.addFault({ target: 'listCases', kind: 'respond', status: row.status, body: row.body, headers: { 'X-Troubleshooting-ID': `tid-${row.status}` } });
      const err = await rejectsWith(api.listCases({}), row.kind as never);
      assert.match(err.message, row.pattern);
      assert.strictEqual(err.status, row.status);
      assert.strictEqual(err.troubleshootingId, `tid-${row.status}`);
      assert.strictEqual(f.fake.control.stats().counts.listCases, 1, 'no automatic retry');
      assert.match(f.logger.text(), new RegExp(`warn GET /sphere/api/v1/case\\?\\S+ ${row.status} \\d+ ms tid=tid-${row.status}`));
    });
  }

  it('reports an HTML page with HTTP 200 as a parse error', async () => {
    const { api } = f.api();
    f.fake.control.addFault({ target: 'getCase', kind: 'respond', status: 200, body: '<!DOCTYPE html><html><body>Sign in</body></html>' });
    const err = await rejectsWith(api.getCase('01314580'), 'parse');
    assert.match(err.message, /sent an HTML page instead of JSON \(HTTP 200\)/);
    assert.ok(err.troubleshootingId);
  });

  it('reports truncated JSON as a parse error', async () => {
    const { api } = f.api();
    f.fake.control.addFault({ target: 'listCases', kind: 'truncated' });
    const err = await rejectsWith(api.listCases({}), 'parse');
    assert.match(err.message, /incomplete or invalid JSON/);
    assert.ok(err.troubleshootingId);
  });

  it('reports a list of the wrong shape as a parse error', async () => {
    const { api } = f.api();
    f.fake.control.addFault({ target: 'listCases', kind: 'respond', status: 200, body: { totalCount: 1, cases: { caseNumber: '1' } } });
    await rejectsWith(api.listCases({}), 'parse');
    f.fake.control.clearFaults();
    f.fake.control.addFault({ target: 'getCase', kind: 'respond', status: 200, body: [{ caseNumber: '1' }] });
    await rejectsWith(api.getCase('1'), 'parse');
  });

  it('reports the docs\' malformed example as a parse error, not a crash', async () => {
    const { api } = f.api();
    f.fake.control.addFault({ target: 'getCase', kind: 'respond', status: 200, body: '{"caseNumber": "01314580", "notes": [{"subject": "a"} {"subject": "b"}],}' });
    await rejectsWith(api.getCase('01314580'), 'parse');
  });

  it('refuses a body larger than the limit (chunked) with tooLarge', async () => {
    const { api } = f.api({ maxResponseBytes: 1024 * 1024 });
    f.fake.control.addFault({ target: 'listCases', kind: 'huge', sizeBytes: 3 * 1024 * 1024 });
    const err = await rejectsWith(api.listCases({}), 'tooLarge');
    assert.match(err.message, /larger than the 1 MB limit/);
  });

  it('refuses a body larger than the limit (with Content-Length) with tooLarge', async () => {
    const { api } = f.api({ maxResponseBytes: 1024 * 1024 });
    f.fake.control.addFault({ target: 'getCase', kind: 'huge', sizeBytes: 3 * 1024 * 1024, contentLength: true });
    await rejectsWith(api.getCase('01314580'), 'tooLarge');
  });

  it('accepts a body just under the limit', async () => {
    const { api } = f.api({ maxResponseBytes: 1024 * 1024 });
    f.fake.control.addFault({ target: 'listCases', kind: 'huge', sizeBytes: 1000 * 1024 });
    const list = await api.listCases({});
    assert.ok(list.cases.length > 100);
  });

  it('maps a connection reset mid-body to a network error', async () => {
    const { api } = f.api();
    f.fake.control.addFault({ target: 'listCases', kind: 'reset' });
    const err = await rejectsWith(api.listCases({}), 'network');
    assert.match(err.message, /closed before the answer was complete/);
  });

  it('times out within the timeout (plus a margin) when the API hangs', async () => {
    const { api, tokens } = f.api({ timeoutMs: 400 });
    await tokens.getToken(); // warm the cache so only the API call is timed
    f.fake.control.addFault({ target: 'listCases', kind: 'hang' });
    const started = Date.now();
    const err = await rejectsWith(api.listCases({}), 'timeout');
    // Not before the timeout (timers never fire early; 50 ms for clock granularity). The fake never answers a hang,
    // so the client's own timer ended it: the request was closed unanswered. How late a busy machine gets there is
    // not asserted (mocha's timeout is the hang guard).
    assert.ok(Date.now() - started >= 350, `gave up after ${Date.now() - started} ms`);
    assert.match(err.message, /did not answer within 400 ms/);
    await until(() => f.fake.control.requests('listCases').every((r) => r.endedAt !== undefined));
    assert.deepStrictEqual(f.fake.control.requests('listCases').map((r) => r.status), [0], 'one request, closed unanswered by the client');
  });

  it('times out a response that trickles in slower than the deadline', async () => {
    const { api } = f.api({ timeoutMs: 300 });
    // The answer would come after a minute: only the client's timeout can end the call before mocha's timeout.
    f.fake.control.addFault({ target: 'listCases', kind: 'delay', delayMs: 60_000 });
    const err = await rejectsWith(api.listCases({}), 'timeout');
    assert.match(err.message, /did not answer within 300 ms/);
    await until(() => f.fake.control.requests('listCases').every((r) => r.endedAt !== undefined));
    assert.deepStrictEqual(f.fake.control.requests('listCases').map((r) => r.status), [0], 'closed by the client before the answer');
  });

  it('cancels a request in flight when the caller aborts', async () => {
    const { api } = f.api();
    f.fake.control.addFault({ target: 'getCase', kind: 'hang' });
    const controller = new AbortController();
    const pending = api.getCase('01314580', controller.signal);
    await until(() => f.fake.control.stats().inFlight.getCase === 1);
    controller.abort();
    const err = await rejectsWith(pending, 'cancelled');
    assert.strictEqual(err.message, 'The request was cancelled.');
  });

  it('does not send anything for an already aborted signal', async () => {
    const { api } = f.api();
    const controller = new AbortController();
    controller.abort();
    await rejectsWith(api.listCases({}, controller.signal), 'cancelled');
    assert.strictEqual(f.fake.control.stats().total, 0);
  });

  it('keeps tokens out of messages and logs even when the server echoes them', async () => {
    const { api, tokens } = f.api();
    const token = await tokens.getToken();
    f.fake.control.addFault({ target: 'listCases', kind: 'respond', status: 400, body: { code: 'BAD_REQUEST', message: `Rejected token ${token} for you` } });
    const err = await rejectsWith(api.listCases({}), 'badRequest');
    assert.ok(!err.message.includes(token), err.message);
    assert.ok(!f.logger.text().includes(token));
    assert.ok(!f.logger.text().includes(f.fake.clientSecret));
  });
});

describe('SupportApi: network failures', () => {
  const tokens = { getToken: async () => 'test-token-value', invalidate: () => undefined };

  it('maps a refused connection (closed port) to a network error naming the host', async () => {
    const port = await closedPort();
    const api = new SupportApi({ baseUrl: `http://127.0.0.1:${port}/sphere/api/v1`, tokens, logger: recordingLogger() });
    const err = await rejectsWith(api.listCases({}), 'network');
    assert.strictEqual(err.code, 'ECONNREFUSED');
    assert.match(err.message, new RegExp(`127\\.0\\.0\\.1:${port}: the connection was refused`));
  });

  it('maps a DNS failure (.invalid host) to a network error', async () => {
    const api = new SupportApi({ baseUrl: 'http://support-api.invalid/sphere/api/v1', tokens, logger: recordingLogger(), timeoutMs: 5000 });
    const err = await rejectsWith(api.listCases({}), 'network');
    assert.match(err.message, /Could not find the host support-api\.invalid \(DNS lookup failed: (ENOTFOUND|EAI_AGAIN|EAI_FAIL|EAI_NONAME)\)/);
  });
});
