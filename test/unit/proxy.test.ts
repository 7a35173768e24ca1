// Proxies are VS Code's job (its extension host patches Node's http/https; see src/api/http.ts and the proxy
// integration tests, which prove the routing in real VS Code). In plain Node, what is left to prove is that the
// HTTP layer adds no proxying of its own, still verifies certificates, and names a proxy VS Code reports.
import * as assert from 'assert';
import { rejectsWith, useFakeApi } from './support/fixture';
import { startConnectProxy, ConnectProxy } from './support/connectProxy';
import { viaAlias } from '../support/net';
import { startTlsServer, TlsServer } from './support/tlsServer';
import { SupportApi } from '../../src/api/supportApi';
import { createNetwork } from '../../src/api/index';
import { recordingLogger } from './support/recordingLogger';
import { mapApiHttpError } from '../../src/api/errorMapping';
import { mapTransportError, proxyLabel, PROXY_SETTING } from '../../src/api/transportErrors';

const PROXY_ENV = ['HTTP_PROXY', 'http_proxy', 'HTTPS_PROXY', 'https_proxy', 'NO_PROXY', 'no_proxy'] as const;

/** Runs `work` with HTTP(S)_PROXY pointing at `url` and no NO_PROXY, then restores the environment. */
async function withProxyEnvironment(url: string, work: () => Promise<void>): Promise<void> {
  const saved = new Map(PROXY_ENV.map((key) => [key, process.env[key]]));
  for (const key of PROXY_ENV) {
    if (key.toLowerCase().startsWith('no_')) {
      delete process.env[key];
    } else {
      process.env[key] = url;
    }
  }
  try {
    await work();
  } finally {
    for (const [key, value] of saved) {
      if (value === undefined) {
        delete process.env[key];
      } else {
        process.env[key] = value;
      }
    }
  }
}

describe('proxy: the HTTP layer leaves routing to VS Code', () => {
  const f = useFakeApi();
  let proxy: ConnectProxy;
  let tlsServer: TlsServer;
  const tokens = { getToken: async () => 'tls-token-value', invalidate: () => undefined };

  before(async () => {
    proxy = await startConnectProxy();
    tlsServer = await startTlsServer();
  });
  after(async () => {
    await proxy.close();
    await tlsServer.close();
  });
  beforeEach(() => {
    proxy.tunnels.length = 0;
    proxy.plainRequests.length = 0;
    tlsServer.paths.length = 0;
  });

  // Outside VS Code nothing patches Node, so a request the environment variables would route through the proxy
  // must go direct: axios applying HTTP(S)_PROXY itself would proxy twice inside VS Code (which honours them).
  it('does not apply HTTP_PROXY/HTTPS_PROXY itself (http target)', async () => {
    await withProxyEnvironment(proxy.url, async () => {
      const direct = createNetwork({
        tokenUrl: f.fake.tokenUrl,
        apiBaseUrl: f.fake.apiBaseUrl,
        logger: f.logger,
        credentials: async () => ({ clientId: f.fake.clientId, clientSecret: f.fake.clientSecret })
      });
      const list = await direct.api.listCases({});
      assert.ok(list.cases.length > 0);
    });
    assert.deepStrictEqual(proxy.tunnels, []);
    assert.deepStrictEqual(proxy.plainRequests, []);
    assert.strictEqual(f.fake.control.stats().counts.listCases, 1);
  });

  it('does not apply HTTPS_PROXY itself (https target: no CONNECT tunnel of axios either)', async () => {
    await withProxyEnvironment(proxy.url, async () => {
      // The alias is not listened on: only a tunnel through the proxy could reach the server.
      const api = new SupportApi({ baseUrl: `${viaAlias(tlsServer.origin)}/sphere/api/v1`, tokens, logger: recordingLogger() });
      const err = await rejectsWith(api.listCases({}), 'network');
      assert.match(err.message, /connection was refused/);
    });
    assert.deepStrictEqual(proxy.tunnels, []);
    assert.deepStrictEqual(tlsServer.paths, []);
  });

  it('verifies server certificates on direct connections', async () => {
    const api = new SupportApi({ baseUrl: `${tlsServer.origin}/sphere/api/v1`, tokens, logger: recordingLogger() });
    const err = await rejectsWith(api.listCases({}), 'network');
    assert.match(err.message, /certificate could not be verified/);
    assert.deepStrictEqual(tlsServer.paths, []);
  });
});

describe('proxy: messages name the proxy VS Code used and point at its setting', () => {
  const transport = { service: 'the Support API', host: 'sphereapi.admin.axway.com', timeoutMs: 15_000, maxResponseBytes: 1024, timedOut: false };

  it('reads the proxy from what VS Code reports, never with credentials', () => {
    assert.strictEqual(proxyLabel('PROXY proxy.corp:3128'), 'proxy.corp:3128');
    assert.strictEqual(proxyLabel('HTTPS secure.corp:443; DIRECT'), 'secure.corp:443');
    assert.strictEqual(proxyLabel('SOCKS5 socks.corp:1080'), 'socks.corp:1080');
    assert.strictEqual(proxyLabel('PROXY user:secret-pw@proxy.corp:3128'), 'proxy.corp:3128');
    assert.strictEqual(proxyLabel('http://user:secret-pw@proxy.corp:8080/'), 'proxy.corp:8080');
    assert.strictEqual(proxyLabel('DIRECT'), undefined);
    assert.strictEqual(proxyLabel(undefined), undefined);
  });

  it('names a proxy VS Code could not connect to, with the cause, and points at http.proxy', () => {
    const failure = new Error('Failed to establish a socket connection to proxies: PROXY 127.0.0.1:9');
    const reported = mapTransportError(failure, { ...transport, proxyFailure: { proxy: '127.0.0.1:9', code: 'ECONNREFUSED' } });
    assert.strictEqual(reported.kind, 'network');
    assert.strictEqual(reported.message, 'Could not connect to the proxy 127.0.0.1:9: the connection failed (ECONNREFUSED). Check the proxy setting (http.proxy).');
    assert.strictEqual(reported.setting, PROXY_SETTING);
    // Without the request's 'proxy' event, the proxy still comes from VS Code's message.
    const fromMessage = mapTransportError(failure, transport);
    assert.match(fromMessage.message, /^Could not connect to the proxy 127\.0\.0\.1:9:/);
    assert.strictEqual(fromMessage.setting, 'http.proxy');
  });

  it('blames the proxy, not the server, when the proxy does not open the connection in time', () => {
    const err = mapTransportError(new Error('canceled'), { ...transport, proxy: 'proxy.corp:3128', timedOut: true, timeoutPhase: 'connect', connectTimeoutMs: 10_000 });
    assert.strictEqual(err.message, 'Could not connect to the proxy proxy.corp:3128: no tunnel to sphereapi.admin.axway.com within 10 s (ETIMEDOUT). Check the proxy setting (http.proxy).');
    assert.strictEqual(err.setting, 'http.proxy');
  });

  it('attributes a refusal to the proxy that carried the exchange and points at http.proxy', () => {
    const html = '<html><body><h1>403 Forbidden</h1></body></html>';
    const err = mapApiHttpError({ status: 403, headers: { 'content-type': 'text/html' }, body: html, proxy: '127.0.0.1:3128' }, { service: 'the Support API', host: 'h' });
    assert.strictEqual(err.kind, 'network');
    assert.match(err.message, /^The proxy 127\.0\.0\.1:3128 refused the request to the Support API \(HTTP 403\)/);
    assert.strictEqual(err.setting, 'http.proxy');
    const direct = mapApiHttpError({ status: 403, headers: {}, body: html }, { service: 'the Support API', host: 'h' });
    assert.strictEqual(direct.kind, 'forbidden', 'without a proxy nothing is attributed to one');
    assert.strictEqual(direct.setting, undefined);
  });
});
