// Unit-level proof of the fixes the reliability suite led to: proxy routing that agrees with VS Code's own proxy
// support (loopback and http.noProxy go direct), messages that name a failing proxy, and a client id kept out of logs.
import * as assert from 'assert';
import { ApiError } from '../../src/api/errors';
import { mapApiHttpError, mapTokenHttpError, mapTransportError, ServiceContext } from '../../src/api/errorMapping';
import { bypassesProxy } from '../../src/api/proxyAgent';
import { createNetwork } from '../../src/api/index';
import { startConnectProxy, ConnectProxy } from './support/connectProxy';
import { PROXIED_ALIAS } from '../support/net';
import { rejectsWith, useFakeApi } from './support/fixture';

const VIA_PROXY: ServiceContext = { service: 'the Support API', host: 'sphereapi.admin.axway.com', proxy: 'proxy.corp:3128' };
const HTML = '<html><body><h1>403 Forbidden</h1></body></html>';

function alias(url: string): string {
  const parsed = new URL(url);
  parsed.hostname = PROXIED_ALIAS;
  return parsed.toString();
}

describe('reliability: proxy routes agree with VS Code', () => {
  it('goes direct for the hosts VS Code never proxies, and for http.noProxy entries', () => {
    for (const host of ['localhost', '127.0.0.1', '[::1]', '::ffff:127.0.0.1', 'LOCALHOST']) {
      assert.strictEqual(bypassesProxy(host, 80), true, host);
    }
    // VS Code's list is exact: other loopback addresses follow the proxy settings like any host.
    assert.strictEqual(bypassesProxy('127.0.0.2', 80), false);
    assert.strictEqual(bypassesProxy('sphereapi.admin.axway.com', 443, ['axway.com']), true);
    assert.strictEqual(bypassesProxy('sphereapi.admin.axway.com', 443, ['.admin.axway.com']), true);
    assert.strictEqual(bypassesProxy('notaxway.com', 443, ['axway.com']), false);
    assert.strictEqual(bypassesProxy('login.axway.com', 443, ['login.axway.com:8443']), false);
    assert.strictEqual(bypassesProxy('login.axway.com', 8443, ['login.axway.com:8443']), true);
    assert.strictEqual(bypassesProxy('anything.example', 443, ['*']), true);
    assert.strictEqual(bypassesProxy('anything.example', 443, ['', ' ']), false);
  });

  describe('over HTTP', () => {
    const f = useFakeApi();
    let proxy: ConnectProxy;

    before(async () => {
      proxy = await startConnectProxy();
    });
    after(async () => {
      await proxy.close();
    });
    beforeEach(() => {
      proxy.tunnels.length = 0;
    });

    function network(tokenUrl: string, apiBaseUrl: string, noProxy?: string[]): ReturnType<typeof createNetwork> {
      return createNetwork({
        tokenUrl,
        apiBaseUrl,
        logger: f.logger,
        credentials: async () => ({ clientId: f.fake.clientId, clientSecret: f.fake.clientSecret }),
        proxy: { url: proxy.url, strictSSL: true, noProxy }
      });
    }

    it('reaches a loopback API directly although a proxy is set', async () => {
      const { api } = network(f.fake.tokenUrl, f.fake.apiBaseUrl);
      assert.ok((await api.listCases({})).cases.length > 0);
      assert.deepStrictEqual(proxy.tunnels, []);
    });

    it('goes direct to a host listed in noProxy (here: refused, as nothing listens on the alias)', async () => {
      const { api } = network(alias(f.fake.tokenUrl), alias(f.fake.apiBaseUrl), [PROXIED_ALIAS]);
      const err = await rejectsWith(api.listCases({}), 'network');
      assert.match(err.message, /connection was refused/);
      assert.deepStrictEqual(proxy.tunnels, []);
    });

    it('tunnels the same host through the proxy when noProxy does not list it', async () => {
      const { api } = network(alias(f.fake.tokenUrl), alias(f.fake.apiBaseUrl), ['example.com']);
      assert.ok((await api.listCases({})).cases.length > 0);
      assert.strictEqual(proxy.tunnels.length, 2);
    });
  });
});

describe('reliability: a failing proxy is named, not the service', () => {
  it('names the proxy when an error answer carries no sign of the service', () => {
    const err = mapApiHttpError({ status: 403, headers: { 'content-type': 'text/html' }, body: HTML }, VIA_PROXY);
    assert.strictEqual(err.kind, 'network');
    assert.strictEqual(err.code, 'EPROXYREFUSED');
    assert.strictEqual(err.message, 'The proxy proxy.corp:3128 refused the request to the Support API (HTTP 403). Check the proxy setting (http.proxy) and that the proxy allows sphereapi.admin.axway.com.');
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
    assert.strictEqual(err.message, 'Could not connect to the proxy proxy.corp:3128. Check the proxy setting (http.proxy).');
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
