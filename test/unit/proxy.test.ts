import * as assert from 'assert';
import { rejectsWith, useFakeApi } from './support/fixture';
import { startConnectProxy, ConnectProxy } from './support/connectProxy';
import { closedPort, PROXIED_ALIAS, viaAlias } from '../support/net';
import { startTlsServer, TlsServer } from './support/tlsServer';
import { SupportApi } from '../../src/api/supportApi';
import { createNetwork } from '../../src/api/index';
import { recordingLogger } from './support/recordingLogger';
import { ApiError } from '../../src/api/errors';

/**
 * Loopback targets go direct (as in VS Code), so proxied targets use the alias 127.0.0.2, which the test proxy
 * maps to 127.0.0.1; nothing listens on 127.0.0.2, so only a proxied request can succeed.
 */
describe('explicit proxy (CONNECT tunnels)', () => {
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
    proxy.plainRequests.length = 0;
    proxy.options = {};
  });

  function network(proxyUrl = proxy.url): ReturnType<typeof createNetwork> {
    return createNetwork({
      tokenUrl: viaAlias(f.fake.tokenUrl),
      apiBaseUrl: viaAlias(f.fake.apiBaseUrl),
      logger: f.logger,
      credentials: async () => ({ clientId: f.fake.clientId, clientSecret: f.fake.clientSecret }),
      proxy: { url: proxyUrl, strictSSL: true }
    });
  }

  it('sends the token request and API calls through the proxy', async () => {
    const { api } = network();
    const list = await api.listCases({});
    assert.ok(list.cases.length > 0);
    const target = `${PROXIED_ALIAS}:${new URL(f.fake.origin).port}`;
    assert.ok(proxy.tunnels.length >= 2, `tunnels: ${JSON.stringify(proxy.tunnels)}`);
    assert.ok(proxy.tunnels.every((t) => t.target === target && t.status === 200));
    assert.deepStrictEqual(proxy.plainRequests, []);
    assert.strictEqual(f.fake.control.stats().counts.token, 1);
    assert.strictEqual(f.fake.control.stats().counts.listCases, 1);
  });

  it('sends proxy credentials from the proxy URL and keeps them out of messages', async () => {
    proxy.options = { credentials: { user: 'proxy-user', password: 'proxy-pass-123' } };
    const ok = network(`http://proxy-user:proxy-pass-123@127.0.0.1:${proxy.port}`);
    await ok.api.listCases({});
    assert.strictEqual(proxy.tunnels[0].proxyAuthorization, `Basic ${Buffer.from('proxy-user:proxy-pass-123').toString('base64')}`);

    const wrong = network(`http://proxy-user:wrong-pass-456@127.0.0.1:${proxy.port}`);
    const err = await rejectsWith(wrong.api.listCases({}), 'network');
    assert.match(err.message, new RegExp(`proxy 127\\.0\\.0\\.1:${proxy.port} refused the tunnel .*HTTP 407.*authentication required`));
    assert.ok(!err.message.includes('wrong-pass-456') && !err.message.includes('proxy-user'));
    assert.ok(!f.logger.text().includes('wrong-pass-456'));
  });

  it('reports a refusing proxy with a message that names it', async () => {
    proxy.options = { refuseWith: 403 };
    const err = await rejectsWith(network().tokens.getToken(), 'network');
    assert.match(err.message, new RegExp(`The proxy 127\\.0\\.0\\.1:${proxy.port} refused the tunnel to 127\\.0\\.0\\.2:\\d+: HTTP 403 Forbidden`));
    assert.strictEqual(err.code, 'EPROXYREFUSED');
    assert.strictEqual(f.fake.control.stats().total, 0);
  });

  it('reports an unreachable proxy with a message that names it', async () => {
    const port = await closedPort();
    const err = await rejectsWith(network(`http://user:secret-pw@127.0.0.1:${port}`).api.listCases({}), 'network');
    assert.match(err.message, new RegExp(`Could not connect to the proxy 127\\.0\\.0\\.1:${port} \\(ECONNREFUSED\\)`));
    assert.ok(!err.message.includes('secret-pw'));
  });

  it('refuses an unusable proxy setting with a config error', () => {
    assert.throws(
      () => network('socks5://127.0.0.1:1080'),
      (err: unknown) => err instanceof ApiError && err.kind === 'config' && /socks5/.test(err.message)
    );
  });

  it('ignores HTTP_PROXY/HTTPS_PROXY environment variables: proxying is explicit', async () => {
    const saved = { HTTP_PROXY: process.env.HTTP_PROXY, http_proxy: process.env.http_proxy, NO_PROXY: process.env.NO_PROXY, no_proxy: process.env.no_proxy };
    process.env.HTTP_PROXY = proxy.url;
    process.env.http_proxy = proxy.url;
    delete process.env.NO_PROXY;
    delete process.env.no_proxy;
    try {
      const direct = createNetwork({
        tokenUrl: f.fake.tokenUrl,
        apiBaseUrl: f.fake.apiBaseUrl,
        logger: f.logger,
        credentials: async () => ({ clientId: f.fake.clientId, clientSecret: f.fake.clientSecret })
      });
      await direct.api.listCases({});
      assert.deepStrictEqual(proxy.tunnels, []);
      assert.deepStrictEqual(proxy.plainRequests, []);
    } finally {
      for (const [key, value] of Object.entries(saved)) {
        if (value === undefined) {
          delete process.env[key];
        } else {
          process.env[key] = value;
        }
      }
    }
  });

  describe('https targets', () => {
    let tlsServer: TlsServer;
    const tokens = { getToken: async () => 'tls-token-value', invalidate: () => undefined };

    before(async () => {
      tlsServer = await startTlsServer();
    });
    after(async () => {
      await tlsServer.close();
    });
    beforeEach(() => {
      tlsServer.paths.length = 0;
    });

    it('tunnels TLS through the proxy (strictSSL off for a self-signed test certificate)', async () => {
      const api = new SupportApi({ baseUrl: `${viaAlias(tlsServer.origin)}/sphere/api/v1`, tokens, logger: recordingLogger(), proxy: { url: proxy.url, strictSSL: false } });
      const list = await api.listCases({});
      assert.deepStrictEqual(list.cases, []);
      assert.deepStrictEqual(
        proxy.tunnels.map((t) => t.target),
        [`${PROXIED_ALIAS}:${tlsServer.port}`]
      );
      assert.deepStrictEqual(tlsServer.paths, ['/sphere/api/v1/case?limit=20&offset=0']);
    });

    it('verifies the target certificate through the tunnel when strictSSL is on', async () => {
      const api = new SupportApi({ baseUrl: `${viaAlias(tlsServer.origin)}/sphere/api/v1`, tokens, logger: recordingLogger(), proxy: { url: proxy.url, strictSSL: true } });
      const err = await rejectsWith(api.listCases({}), 'network');
      assert.match(err.message, /certificate could not be verified/);
      assert.deepStrictEqual(tlsServer.paths, []);
    });

    it('verifies certificates without a proxy too', async () => {
      const api = new SupportApi({ baseUrl: `${tlsServer.origin}/sphere/api/v1`, tokens, logger: recordingLogger() });
      const err = await rejectsWith(api.listCases({}), 'network');
      assert.match(err.message, /certificate could not be verified/);
    });
  });
});
