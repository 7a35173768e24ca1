// Behind an HTTP proxy set in VS Code (`http.proxy`), with a proxy started here on 127.0.0.1. VS Code's own proxy
// support (`http.proxySupport`) patches Node's http/https for extensions; these tests pin down that the extension
// and VS Code take the same route in every mode, and that a failing proxy is named in the message.
//
// The endpoints use the alias 127.0.0.2, which nothing listens on and which the proxy maps to the fake API: a
// request that reaches the fake went through the proxy; one that went direct is refused.
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { AxwaySupportExports } from '../../src/extension';
import { startMappingProxy, MappingProxy, ProxiedExchange } from './mappingProxy';
import { closedPort, PROXIED_ALIAS as PROXIED_HOST, viaAlias } from '../support/net';
import { describeErrorRow, firstErrorRow, refreshTree, requestCounts, RequestCounts, userValue, watchHostErrors, writeFigures } from './reliability';
import { activated, fakeEnv, fakeRemote, rows, setUserSetting, signInWithFake, signOut, waitForState } from './support';

type Mode = 'override' | 'on' | 'fallback' | 'off';

interface RouteRecord {
  readonly title: string;
  readonly setup: string;
  readonly route: 'VS Code proxy agent (absolute-URI requests)' | 'extension tunnel (CONNECT)' | 'direct' | 'proxy (unreachable)';
  readonly proxied: number;
  readonly reachedFake: RequestCounts;
  readonly result: string;
}

const SETTINGS = ['http.proxy', 'http.proxySupport', 'http.noProxy', 'axwaySupport.tokenUrl', 'axwaySupport.apiBaseUrl'] as const;

describe('proxy: http.proxy and VS Code proxy support agree', function () {
  this.timeout(60_000);
  const remote = fakeRemote();
  const hostErrors = watchHostErrors();
  const records: RouteRecord[] = [];
  const saved = new Map<string, unknown>();
  let api: AxwaySupportExports;
  let proxy: MappingProxy;

  before(async () => {
    await remote.reset();
    for (const key of SETTINGS) {
      const [section, ...rest] = key.split('.');
      saved.set(key, userValue(section, rest.join('.')));
    }
    api = await activated();
    await signInWithFake(api);
    rows(api);
    await waitForState(api, (s) => s.kind === 'loaded' && s.busy === undefined);
    proxy = await startMappingProxy();
  });

  afterEach(async () => {
    proxy.options = {};
    for (const key of ['http.proxySupport', 'http.noProxy'] as const) {
      await setUserSetting(key, saved.get(key));
    }
  });

  after(async () => {
    hostErrors.dispose();
    for (const key of SETTINGS) {
      await setUserSetting(key, saved.get(key));
    }
    await proxy.close();
    writeFigures('proxy', { records, hostErrors: hostErrors.errors.length });
    await remote.reset();
    await signOut(api);
  });

  /** Points the extension at the fake through the alias (or directly), sets the proxy settings, refreshes. */
  async function refreshWith(options: { mode?: Mode; proxyUrl?: string; noProxy?: string[]; alias?: boolean }): Promise<{ exchanges: ProxiedExchange[]; counts: RequestCounts; error?: string; loaded: boolean }> {
    const env = fakeEnv();
    const alias = options.alias ?? true;
    await setUserSetting('http.proxy', options.proxyUrl ?? proxy.url);
    await setUserSetting('http.proxySupport', options.mode);
    await setUserSetting('http.noProxy', options.noProxy);
    await setUserSetting('axwaySupport.tokenUrl', alias ? viaAlias(env.tokenUrl) : env.tokenUrl);
    await setUserSetting('axwaySupport.apiBaseUrl', alias ? viaAlias(env.apiBaseUrl) : env.apiBaseUrl);
    proxy.exchanges.length = 0;
    await remote.clearRequests();
    const nodes = await refreshTree(api);
    const row = firstErrorRow(nodes);
    return {
      exchanges: [...proxy.exchanges],
      counts: await requestCounts(remote),
      error: row ? describeErrorRow(row).message : undefined,
      loaded: nodes[0]?.kind === 'case'
    };
  }

  function routeOf(exchanges: readonly ProxiedExchange[], error: string | undefined): RouteRecord['route'] {
    if (exchanges.length === 0) {
      return /Could not connect to the proxy/.test(error ?? '') ? 'proxy (unreachable)' : 'direct';
    }
    return exchanges.every((e) => e.kind === 'tunnel') ? 'extension tunnel (CONNECT)' : 'VS Code proxy agent (absolute-URI requests)';
  }

  function record(title: string, setup: string, seen: Awaited<ReturnType<typeof refreshWith>>): void {
    records.push({ title, setup, route: routeOf(seen.exchanges, seen.error), proxied: seen.exchanges.length, reachedFake: seen.counts, result: seen.error ?? 'cases loaded' });
  }

  it('sends the token request and the API call through http.proxy (default proxySupport: override)', async () => {
    const seen = await refreshWith({});
    assert.ok(seen.loaded, seen.error);
    const targets = seen.exchanges.map((e) => e.target);
    assert.ok(targets.some((t) => t.includes(`${PROXIED_HOST}:`) && t.includes('/token')), JSON.stringify(targets));
    assert.ok(targets.some((t) => t.includes('/sphere/api/v1/case?')), JSON.stringify(targets));
    assert.deepStrictEqual({ token: seen.counts.token, listCases: seen.counts.listCases }, { token: 1, listCases: 1 });
    record('sends the token request and the API call through http.proxy (default proxySupport: override)', 'http.proxy, proxySupport override (default)', seen);
  });

  it('uses the same proxy when VS Code leaves the request to the extension (proxySupport: on)', async () => {
    const seen = await refreshWith({ mode: 'on' });
    assert.ok(seen.loaded, seen.error);
    assert.deepStrictEqual(seen.exchanges.map((e) => [e.kind, e.target, e.status]), [
      ['tunnel', `${PROXIED_HOST}:${new URL(fakeEnv().origin).port}`, 200],
      ['tunnel', `${PROXIED_HOST}:${new URL(fakeEnv().origin).port}`, 200]
    ]);
    record('uses the same proxy when VS Code leaves the request to the extension (proxySupport: on)', 'http.proxy, proxySupport on', seen);
  });

  it('goes through the proxy with proxySupport: fallback as well', async () => {
    const seen = await refreshWith({ mode: 'fallback' });
    assert.ok(seen.loaded, seen.error);
    assert.strictEqual(seen.exchanges.length, 2);
    record('goes through the proxy with proxySupport: fallback as well', 'http.proxy, proxySupport fallback', seen);
  });

  it('uses no proxy when proxy support for extensions is off, like VS Code', async () => {
    const seen = await refreshWith({ mode: 'off' });
    assert.deepStrictEqual(seen.exchanges, []);
    assert.match(seen.error ?? '', new RegExp(`Could not connect to the Axway sign-in service at ${PROXIED_HOST.replace(/\./g, '\\.')}:\\d+: the connection was refused`));
    record('uses no proxy when proxy support for extensions is off, like VS Code', 'http.proxy, proxySupport off', seen);
  });

  it('connects directly to hosts listed in http.noProxy, in every proxySupport mode', async () => {
    for (const mode of ['override', 'on'] as const) {
      const seen = await refreshWith({ mode, noProxy: [PROXIED_HOST] });
      assert.deepStrictEqual(seen.exchanges, [], mode);
      assert.match(seen.error ?? '', /the connection was refused/, mode);
      record('connects directly to hosts listed in http.noProxy, in every proxySupport mode', `http.proxy, http.noProxy [${PROXIED_HOST}], proxySupport ${mode}`, seen);
    }
  });

  it('connects directly to localhost endpoints, as VS Code does, in every proxySupport mode', async () => {
    for (const mode of ['override', 'on'] as const) {
      const seen = await refreshWith({ mode, alias: false });
      assert.ok(seen.loaded, `${mode}: ${seen.error}`);
      assert.deepStrictEqual(seen.exchanges, [], mode);
      record('connects directly to localhost endpoints, as VS Code does, in every proxySupport mode', `http.proxy, endpoints on 127.0.0.1, proxySupport ${mode}`, seen);
    }
  });

  it('names a refusing proxy in the message and sends nothing past it', async () => {
    proxy.options = { refuseWith: 403 };
    for (const mode of ['override', 'on'] as const) {
      const seen = await refreshWith({ mode });
      assert.match(seen.error ?? '', new RegExp(`proxy ${proxy.label.replace(/\./g, '\\.')}`), `${mode}: ${seen.error}`);
      assert.match(seen.error ?? '', /403/);
      assert.deepStrictEqual(seen.counts, { token: 0, listCases: 0, getCase: 0 });
      const row = firstErrorRow(api.tree.getChildren());
      assert.strictEqual(row?.error.kind, 'network');
      assert.strictEqual(row?.command?.command, 'axwaySupport.refresh');
      record('names a refusing proxy in the message and sends nothing past it', `proxy answers 403, proxySupport ${mode}`, seen);
    }
  });

  it('names an unreachable proxy in the message', async () => {
    const port = await closedPort();
    for (const mode of ['override', 'on'] as const) {
      const seen = await refreshWith({ mode, proxyUrl: `http://127.0.0.1:${port}` });
      assert.match(seen.error ?? '', new RegExp(`proxy (PROXY )?127\\.0\\.0\\.1:${port}`), `${mode}: ${seen.error}`);
      assert.deepStrictEqual(seen.counts, { token: 0, listCases: 0, getCase: 0 });
      record('names an unreachable proxy in the message', `http.proxy on a closed port, proxySupport ${mode}`, seen);
    }
  });

  it('works again once the proxy setting is removed', async () => {
    for (const key of SETTINGS) {
      await setUserSetting(key, saved.get(key));
    }
    const nodes = await refreshTree(api);
    assert.strictEqual(nodes[0]?.kind, 'case');
    await vscode.commands.executeCommand('axwaySupport.refresh');
    assert.deepStrictEqual(hostErrors.errors, []);
  });
});
