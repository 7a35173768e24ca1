// Unit-level proof of the fixes the reliability suite led to: messages that name a failing proxy (routing itself is
// VS Code's, proven by the proxy integration tests), and a client id kept out of logs.
import * as assert from 'assert';
import { ApiError } from '../../src/api/errors';
import { mapApiHttpError, mapTokenHttpError } from '../../src/api/errorMapping';
import { mapTransportError } from '../../src/api/transportErrors';
import { ServiceContext } from '../../src/api/httpAnswer';
import { useFakeApi } from './support/fixture';

const VIA_PROXY: ServiceContext = { service: 'the Support API', host: 'sphereapi.admin.axway.com', proxy: 'proxy.corp:3128' };
const HTML = '<html><body><h1>403 Forbidden</h1></body></html>';

describe('reliability: a failing proxy is named, not the service', () => {
  it('names the proxy when an error answer carries no sign of the service', () => {
    const err = mapApiHttpError({ status: 403, headers: { 'content-type': 'text/html' }, body: HTML }, VIA_PROXY);
    assert.strictEqual(err.kind, 'network');
    assert.strictEqual(err.code, 'EPROXYREFUSED');
    assert.strictEqual(err.message, 'The proxy proxy.corp:3128 refused the request to the Support API (HTTP 403). Check the proxy setting (http.proxy) and that the proxy allows sphereapi.admin.axway.com.');
    assert.strictEqual(err.setting, 'http.proxy');
    const gateway = mapTokenHttpError({ status: 502, headers: {}, body: '' }, { ...VIA_PROXY, service: 'the Axway sign-in service' });
    assert.match(gateway.message, /^The proxy proxy\.corp:3128 could not forward the request to the Axway sign-in service \(HTTP 502\)/);
    const auth = mapApiHttpError({ status: 407, headers: { 'x-troubleshooting-id': 'x' }, body: '{"code":"X"}' }, VIA_PROXY);
    assert.strictEqual(auth.code, 'EPROXYAUTH');
    assert.match(auth.message, /asks for authentication \(HTTP 407\)/);
  });

  it('keeps the service\'s own answers (API JSON, troubleshooting id, OAuth JSON) as they are', () => {
    const api = mapApiHttpError({ status: 403, headers: { 'x-troubleshooting-id': 'tid-1' }, body: '{"code":"ACCESS_DENIED","message":"No"}' }, VIA_PROXY);
    assert.strictEqual(api.kind, 'forbidden');
    const withTid = mapApiHttpError({ status: 500, headers: { 'x-troubleshooting-id': 'tid-2' }, body: HTML }, VIA_PROXY);
    assert.strictEqual(withTid.kind, 'server');
    const oauth = mapTokenHttpError({ status: 401, headers: {}, body: '{"error":"invalid_client","error_description":"Bad"}' }, VIA_PROXY);
    assert.strictEqual(oauth.kind, 'credentialsRejected');
    const direct = mapApiHttpError({ status: 403, headers: {}, body: HTML }, { service: 'the Support API', host: 'h' });
    assert.strictEqual(direct.kind, 'forbidden', 'without a proxy nothing is attributed to one');
  });

  it('names the proxy VS Code could not connect to', () => {
    const err = mapTransportError(new Error('Failed to establish a socket connection to proxies: PROXY proxy.corp:3128'), {
      ...VIA_PROXY, timeoutMs: 15_000, maxResponseBytes: 1024, timedOut: false
    });
    assert.ok(err instanceof ApiError);
    assert.strictEqual(err.message, 'Could not connect to the proxy proxy.corp:3128: the connection failed. Check the proxy setting (http.proxy).');
    assert.strictEqual(err.setting, 'http.proxy');
  });
});

describe('reliability: the client id stays out of logs', () => {
  const f = useFakeApi();

  it('logs the token request without the client id, the secret or the token', async () => {
    const { api, tokens } = f.api();
    await api.listCases({});
    const token = await tokens.getToken();
    const text = f.logger.text();
    assert.match(text, /client_id=\[redacted\]/, 'the token request body is logged at trace level, redacted');
    for (const value of [f.fake.clientId, f.fake.clientSecret, token]) {
      assert.ok(!text.includes(value), `${value.slice(0, 12)}… was logged`);
    }
  });
});
