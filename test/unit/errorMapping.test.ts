import * as assert from 'assert';
import { mapApiHttpError, mapTokenHttpError } from '../../src/api/errorMapping';
import { describeBody, parseJsonBody, parseRetryAfter } from '../../src/api/httpAnswer';
import { mapTransportError, TransportContext } from '../../src/api/transportErrors';
import { ApiError } from '../../src/api/errors';

const api = { service: 'the Support API', host: 'api.example.test' };
const token = { service: 'the Axway sign-in service', host: 'login.example.test' };
const transport: TransportContext = { ...api, timeoutMs: 15_000, maxResponseBytes: 5 * 1024 * 1024, timedOut: false };

function exchange(status: number, body: unknown, headers: Record<string, string> = {}): { status: number; headers: Record<string, string>; body: string } {
  return { status, headers: { 'x-troubleshooting-id': 'TID-1', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) };
}

function nodeError(code: string, message = code): Error {
  return Object.assign(new Error(message), { code });
}

describe('error mapping: Support API answers', () => {
  const rows: [number, string, string, RegExp][] = [
    [401, 'AUTHENTICATION_FAILURE', 'credentialsRejected', /rejected the access token/],
    [403, 'ACCESS_DENIED', 'forbidden', /Access denied.*closed for more than 45 days/],
    [400, 'BAD_REQUEST', 'badRequest', /rejected the request \(BAD_REQUEST\)/],
    [503, 'SERVICE_TEMPORARILY_UNAVAILABLE', 'unavailable', /temporarily unavailable.*back in 2 hours/],
    [500, 'SERVER_ERROR', 'server', /server error \(HTTP 500\).*Case 0123 was created/]
  ];
  const messages: Record<string, string> = {
    AUTHENTICATION_FAILURE: 'Token expired',
    ACCESS_DENIED: 'The case is closed for more than 45 days',
    BAD_REQUEST: 'Bad date',
    SERVICE_TEMPORARILY_UNAVAILABLE: 'Maintenance: back in 2 hours',
    SERVER_ERROR: 'Case 0123 was created but the attachment failed'
  };
  for (const [status, code, kind, pattern] of rows) {
    it(`maps ${status} ${code} to '${kind}' with the server's message and the troubleshooting id`, () => {
      const err = mapApiHttpError(exchange(status, { code, message: messages[code] }), api);
      assert.strictEqual(err.kind, kind);
      assert.strictEqual(err.status, status);
      assert.strictEqual(err.code, code);
      assert.strictEqual(err.troubleshootingId, 'TID-1');
      assert.match(err.message, pattern);
      assert.ok(err.message.includes(messages[code]));
    });
  }

  it('maps a bare 404 to notFound with the caller\'s sentence', () => {
    const err = mapApiHttpError(exchange(404, ''), api, { notFoundMessage: 'Case 42 was not found (HTTP 404).' });
    assert.strictEqual(err.kind, 'notFound');
    assert.strictEqual(err.message, 'Case 42 was not found (HTTP 404).');
  });

  it('maps 429 with Retry-After in seconds and as an HTTP date', () => {
    const seconds = mapApiHttpError(exchange(429, '', { 'retry-after': '30' }), api);
    assert.strictEqual(seconds.kind, 'rateLimited');
    assert.strictEqual(seconds.retryAfterMs, 30_000);
    assert.match(seconds.message, /Try again in 30 s/);
    const now = Date.parse('2024-01-01T00:00:00Z');
    const date = mapApiHttpError(exchange(429, '', { 'Retry-After': 'Mon, 01 Jan 2024 00:01:00 GMT' }), api, { now });
    assert.strictEqual(date.retryAfterMs, 60_000);
    const none = mapApiHttpError(exchange(429, ''), api);
    assert.strictEqual(none.retryAfterMs, undefined);
    assert.match(none.message, /Try again later/);
  });

  it('maps other 5xx to server and unknown statuses to http', () => {
    assert.strictEqual(mapApiHttpError(exchange(502, ''), api).kind, 'server');
    const teapot = mapApiHttpError(exchange(418, { code: 'TEAPOT', message: 'short and stout' }), api);
    assert.strictEqual(teapot.kind, 'http');
    assert.match(teapot.message, /HTTP 418 \(TEAPOT\): short and stout/);
  });

  it('says when an error page was HTML instead of JSON', () => {
    const err = mapApiHttpError(exchange(502, '<html><body><h1>502 Bad Gateway</h1></body></html>', { 'content-type': 'text/html' }), api);
    assert.strictEqual(err.kind, 'server');
    assert.match(err.message, /HTML page instead of a JSON error/);
  });

  it('strips control characters and credentials from server text and bounds its length', () => {
    const err = mapApiHttpError(exchange(400, { code: 'BAD_REQUEST', message: `bad\u0000\u001b[31m Bearer abc.def.ghi ${'x'.repeat(2000)}` }), api);
    // eslint-disable-next-line no-control-regex
    assert.ok(!/[\u0000-\u001f]/.test(err.message));
    assert.ok(!err.message.includes('abc.def.ghi'));
    assert.ok(err.message.length < 700);
  });
});

describe('error mapping: token endpoint answers', () => {
  it('maps 401 invalid_client to credentialsRejected with the error_description', () => {
    const err = mapTokenHttpError(exchange(401, { error: 'invalid_client', error_description: 'Invalid client credentials' }), token);
    assert.strictEqual(err.kind, 'credentialsRejected');
    assert.strictEqual(err.code, 'invalid_client');
    assert.match(err.message, /client ID or client secret was rejected.*Invalid client credentials/);
  });

  it('maps 400 invalid_client and unauthorized_client (Keycloak\'s wrong secret) to credentialsRejected', () => {
    assert.strictEqual(mapTokenHttpError(exchange(400, { error: 'invalid_client', error_description: 'Missing client_id' }), token).kind, 'credentialsRejected');
    const err = mapTokenHttpError(exchange(400, { error: 'unauthorized_client', error_description: 'Invalid client secret' }), token);
    assert.strictEqual(err.kind, 'credentialsRejected');
    assert.match(err.message, /Invalid client secret/);
  });

  it('maps other OAuth errors to badRequest with the error_description', () => {
    for (const error of ['invalid_grant', 'invalid_scope', 'unsupported_grant_type', 'invalid_request', 'something_new']) {
      const err = mapTokenHttpError(exchange(400, { error, error_description: `about ${error}` }), token);
      assert.strictEqual(err.kind, 'badRequest', error);
      assert.strictEqual(err.code, error);
      assert.ok(err.message.includes(`about ${error}`));
    }
  });

  it('maps 5xx/HTML to server errors', () => {
    assert.strictEqual(mapTokenHttpError(exchange(500, { error: 'server_error' }), token).kind, 'server');
    assert.strictEqual(mapTokenHttpError(exchange(503, '<html></html>'), token).kind, 'unavailable');
  });
});

describe('error mapping: only the sign-in service\'s JSON refuses the pair', () => {
  const nginx401 = '<html>\r\n<head><title>401 Authorization Required</title></head>\r\n<body><center><h1>401 Authorization Required</h1></center><hr><center>nginx</center></body>\r\n</html>';

  for (const status of [401, 403]) {
    it(`an HTML ${status} from a gateway is an error of the network path: it names the host, can be retried, keeps the TID`, () => {
      const err = mapTokenHttpError(exchange(status, nginx401, { 'content-type': 'text/html', server: 'nginx' }), token);
      assert.strictEqual(err.kind, 'network');
      assert.strictEqual(err.status, status);
      assert.strictEqual(err.troubleshootingId, 'TID-1');
      assert.match(err.message, /^login\.example\.test \(server: nginx\) answered the token request with HTTP \d+ and an HTML page/);
      assert.match(err.message, /says nothing about the credentials/);
      assert.match(err.message, /Try again/);
    });
  }

  it('an empty or plain-text 401 is no refusal either', () => {
    for (const body of ['', 'Unauthorized', '[]', '"denied"']) {
      const err = mapTokenHttpError(exchange(401, body, { 'x-troubleshooting-id': '' }), token);
      assert.strictEqual(err.kind, 'network', JSON.stringify(body));
      assert.match(err.message, /^login\.example\.test answered the token request with HTTP 401/);
      assert.strictEqual(err.troubleshootingId, undefined);
    }
  });

  it('a JSON 401 refuses the pair, with or without an OAuth code', () => {
    const plain = mapTokenHttpError(exchange(401, { message: 'Unauthorized' }), token);
    assert.strictEqual(plain.kind, 'credentialsRejected');
    assert.match(plain.message, /rejected by the Axway sign-in service \(HTTP 401\): Unauthorized/);
    const other = mapTokenHttpError(exchange(401, { error: 'access_denied', error_description: 'Client disabled' }), token);
    assert.strictEqual(other.kind, 'credentialsRejected');
    assert.strictEqual(other.code, 'access_denied');
    assert.strictEqual(other.troubleshootingId, 'TID-1');
  });

  it('unauthorized_client refuses the pair whatever its description, on 400, 401 and 403', () => {
    for (const status of [400, 401, 403]) {
      for (const description of ['Invalid client secret', 'Client authentication with signed JWT failed: Signature failed', undefined]) {
        const err = mapTokenHttpError(exchange(status, { error: 'unauthorized_client', error_description: description }), token);
        assert.strictEqual(err.kind, 'credentialsRejected', `${status} ${String(description)}`);
        assert.strictEqual(err.code, 'unauthorized_client');
      }
      assert.strictEqual(mapTokenHttpError(exchange(status, { error: 'invalid_client' }), token).kind, 'credentialsRejected');
    }
  });

  it('a JSON 403 without a refusing code stays a refusal of the request, not of the pair', () => {
    assert.strictEqual(mapTokenHttpError(exchange(403, { error: 'invalid_scope', error_description: 'no' }), token).kind, 'badRequest');
    assert.strictEqual(mapTokenHttpError(exchange(403, { message: 'Forbidden' }), token).kind, 'forbidden');
  });
});

describe('error mapping: bodies and Retry-After', () => {
  it('explains non-JSON bodies', () => {
    const html = (): unknown => parseJsonBody(exchange(200, '<!DOCTYPE html><html>login</html>'), api);
    assert.throws(html, (err: unknown) => err instanceof ApiError && err.kind === 'parse' && /sent an HTML page instead of JSON \(HTTP 200\)/.test(err.message) && err.troubleshootingId === 'TID-1');
    assert.throws(() => parseJsonBody(exchange(200, '{"cases":[{"case'), api), /incomplete or invalid JSON/);
    assert.throws(() => parseJsonBody(exchange(200, ''), api), /an empty body/);
    assert.strictEqual(describeBody('hello', undefined), 'plain text');
  });

  it('parses Retry-After forms and ignores nonsense', () => {
    assert.strictEqual(parseRetryAfter('0'), 0);
    assert.strictEqual(parseRetryAfter(' 5 '), 5000);
    assert.strictEqual(parseRetryAfter('Thu, 01 Jan 1970 00:00:00 GMT', 1000), 0);
    assert.strictEqual(parseRetryAfter('-3'), undefined);
    assert.strictEqual(parseRetryAfter('soon'), undefined);
    assert.strictEqual(parseRetryAfter(undefined), undefined);
  });
});

describe('error mapping: transport failures', () => {
  it('maps refused, DNS, reset, TLS and timeouts to readable network/timeout errors', () => {
    const cases: [unknown, string, RegExp][] = [
      [nodeError('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:1'), 'network', /connection was refused/],
      [nodeError('ENOTFOUND'), 'network', /DNS lookup failed: ENOTFOUND/],
      [nodeError('EAI_AGAIN'), 'network', /DNS lookup failed: EAI_AGAIN/],
      [nodeError('ECONNRESET', 'socket hang up'), 'network', /closed before the answer was complete/],
      [nodeError('ERR_BAD_RESPONSE', 'stream has been aborted'), 'network', /closed before the answer was complete/],
      [nodeError('ETIMEDOUT'), 'timeout', /did not answer within 15 s/],
      [nodeError('ECONNABORTED', 'timeout of 15000ms exceeded'), 'timeout', /did not answer/],
      [nodeError('SELF_SIGNED_CERT_IN_CHAIN'), 'network', /certificate could not be verified/],
      [nodeError('ERR_BAD_RESPONSE', 'maxContentLength size of 5242880 exceeded'), 'tooLarge', /larger than the 5 MB limit/],
      [Object.assign(new Error('canceled'), { name: 'CanceledError', code: 'ERR_CANCELED' }), 'cancelled', /cancelled/],
      [new Error('Failed to establish a socket connection to proxies: PROXY 127.0.0.1:3128'), 'network', /proxy 127\.0\.0\.1:3128: the connection failed/]
    ];
    for (const [error, kind, pattern] of cases) {
      const mapped = mapTransportError(error, transport);
      assert.strictEqual(mapped.kind, kind, String(error));
      assert.match(mapped.message, pattern);
    }
  });

  it('finds codes in the cause chain and in AggregateError members', () => {
    const wrapped = Object.assign(new Error('request failed'), { cause: new AggregateError([nodeError('ECONNREFUSED')], '') });
    assert.match(mapTransportError(wrapped, transport).message, /refused/);
  });

  it('reports our own deadline as a timeout even though axios saw a cancel', () => {
    const mapped = mapTransportError(Object.assign(new Error('canceled'), { code: 'ERR_CANCELED' }), { ...transport, timedOut: true, timeoutMs: 250 });
    assert.strictEqual(mapped.kind, 'timeout');
    assert.match(mapped.message, /within 250 ms/);
  });

  it('passes ApiErrors through and maps unknown errors to network', () => {
    const original = new ApiError({ kind: 'config', message: 'x' });
    assert.strictEqual(mapTransportError(original, transport), original);
    assert.strictEqual(mapTransportError('weird', transport).kind, 'network');
  });
});
