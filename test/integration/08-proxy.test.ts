// Behind an HTTP proxy set in VS Code (`http.proxy`), with a proxy started here on 127.0.0.1. The extension has no
// proxy code of its own: VS Code's proxy support (`http.proxySupport`) patches Node's http/https for extensions, and
// these tests pin down who carries each request in every mode, and that a failing proxy is named in the message and
// points at VS Code's proxy setting.
//
// The endpoints use the alias 127.0.0.2, which nothing listens on and which the proxy maps to the fake API: a
// request that reaches the fake went through the proxy; one that went direct is refused. VS Code's proxy agent
// forwards plain-http targets as absolute-URI requests ('forward'); a CONNECT tunnel ('tunnel') to an http target
// would mean some other agent (the extension's former own one) carried it.
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { AxwaySupportTestApi } from '../../src/extension';
import { startMappingProxy, MappingProxy, ProxiedExchange } from './mappingProxy';
import { closedPort, PROXIED_ALIAS as PROXIED_HOST, viaAlias } from '../support/net';
import { describeErrorRow, firstErrorRow, refreshTree, requestCounts, RequestCounts, userValue, watchHostErrors, writeFigures } from './reliability';
import { activated, fakeEnv, fakeRemote, rows, setUserSetting, signInWithFake, signOut, waitForState } from './support';

type Mode = 'override' | 'on' | 'fallback' | 'off';

interface RouteRecord {
  readonly title: string;
  readonly setup: string;
  readonly route: 'VS Code proxy agent (absolute-URI requests)' | 'another agent (CONNECT tunnel)' | 'direct' | 'proxy (unreachable)';
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
  let api: AxwaySupportTestApi;
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
  async function refreshWith(options: { mode?: Mode; proxyUrl?: string; noProxy?: string[]; alias?: boolean; revokeToken?: boolean }): Promise<{ exchanges: ProxiedExchange[]; counts: RequestCounts; error?: string; loaded: boolean }> {
    const env = fakeEnv();
    const alias = options.alias ?? true;
    await setUserSetting('http.proxy', options.proxyUrl ?? proxy.url);
    await setUserSetting('http.proxySupport', options.mode);
    await setUserSetting('http.noProxy', options.noProxy);
    await setUserSetting('axwaySupport.tokenUrl', alias ? viaAlias(env.tokenUrl) : env.tokenUrl);
    await setUserSetting('axwaySupport.apiBaseUrl', alias ? viaAlias(env.apiBaseUrl) : env.apiBaseUrl);
    // The extension keeps its token across proxy setting changes (VS Code applies them per request); a revoked
    // token makes a refresh ask the sign-in service as well.
    if (options.revokeToken === true) {
      await remote.revokeTokens();
    }
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
    return exchanges.every((e) => e.kind === 'forward') ? 'VS Code proxy agent (absolute-URI requests)' : 'another agent (CONNECT tunnel)';
  }

  function record(title: string, setup: string, seen: Awaited<ReturnType<typeof refreshWith>>): void {
    records.push({ title, setup, route: routeOf(seen.exchanges, seen.error), proxied: seen.exchanges.length, reachedFake: seen.counts, result: seen.error ?? 'cases loaded' });
  }

  /**
   * Every request of a refresh went to the proxy as VS Code's agent sends them, the sign-in service's included: the
   * server-side token is revoked first (or the endpoints just changed), so the refresh needs a new token.
   */
  function assertCarriedByVsCode(seen: Awaited<ReturnType<typeof refreshWith>>, mode: string): void {
    assert.ok(seen.loaded, `${mode}: ${seen.error}`);
    const origin = `http://${PROXIED_HOST}:${new URL(fakeEnv().origin).port}`;
    const token = `${origin}${new URL(fakeEnv().tokenUrl).pathname}`;
    const list = `${origin}${new URL(fakeEnv().apiBaseUrl).pathname}/case`;
    const seenTargets = seen.exchanges.map((e) => e.target.split('?')[0]);
    assert.ok(seen.exchanges.every((e) => e.kind === 'forward'), `${mode}: ${JSON.stringify(seen.exchanges)}`);
    assert.deepStrictEqual([...new Set(seenTargets)].sort(), [token, list].sort(), mode);
    assert.deepStrictEqual(seen.exchanges.at(-1)?.status, 200, mode);
    // Everything that reached the fake came through the proxy.
    assert.deepStrictEqual(
      { token: seen.counts.token, listCases: seen.counts.listCases },
      { token: seenTargets.filter((t) => t === token).length, listCases: seenTargets.filter((t) => t === list).length },
      mode
    );
  }

  /** One refresh with a revoked token in the given mode, checked and recorded under the test's own title. */
  async function carriedByVsCode(title: string, mode: Mode | undefined): Promise<void> {
    const label = mode ?? 'override (default)';
    const seen = await refreshWith({ mode, revokeToken: true });
    assertCarriedByVsCode(seen, label);
    record(title, `http.proxy, proxySupport ${label}`, seen);
  }

  it("sends the token request and the API call through http.proxy with VS Code's agent (proxySupport: override (default))", async function () {
    await carriedByVsCode(this.test?.title ?? '', undefined);
  });

  it("sends the token request and the API call through http.proxy with VS Code's agent (proxySupport: on)", async function () {
    await carriedByVsCode(this.test?.title ?? '', 'on');
  });

  it("sends the token request and the API call through http.proxy with VS Code's agent (proxySupport: fallback)", async function () {
    await carriedByVsCode(this.test?.title ?? '', 'fallback');
  });

  it('goes direct when proxy support for extensions is off', async () => {
    const seen = await refreshWith({ mode: 'off' });
    assert.deepStrictEqual(seen.exchanges, []);
    assert.match(seen.error ?? '', new RegExp(`Could not connect to (the Axway sign-in service|the Support API) at ${PROXIED_HOST.replace(/\./g, '\\.')}:\\d+: the connection was refused`));
    record('goes direct when proxy support for extensions is off', 'http.proxy, proxySupport off', seen);
  });

  it('connects directly to hosts listed in http.noProxy, in every mode that proxies', async () => {
    for (const mode of ['override', 'on', 'fallback'] as const) {
      const seen = await refreshWith({ mode, noProxy: [PROXIED_HOST] });
      assert.deepStrictEqual(seen.exchanges, [], mode);
      assert.match(seen.error ?? '', /the connection was refused/, mode);
      record('connects directly to hosts listed in http.noProxy', `http.proxy, http.noProxy [${PROXIED_HOST}], proxySupport ${mode}`, seen);
    }
  });

  it('connects directly to localhost endpoints, as VS Code does, in every mode', async () => {
    for (const mode of ['override', 'on', 'fallback', 'off'] as const) {
      const seen = await refreshWith({ mode, alias: false });
      assert.ok(seen.loaded, `${mode}: ${seen.error}`);
      assert.deepStrictEqual(seen.exchanges, [], mode);
      record('connects directly to localhost endpoints', `http.proxy, endpoints on 127.0.0.1, proxySupport ${mode}`, seen);
    }
  });

  /** The error row's error points at VS Code's proxy setting, and activating the row opens that setting (not ours). */
  function assertPointsAtProxySetting(mode: string): void {
    const row = firstErrorRow(api.tree.getChildren());
    assert.ok(row, mode);
    assert.strictEqual(row.error.kind, 'network', mode);
    assert.strictEqual(row.error.setting, 'http.proxy', mode);
    assert.strictEqual(row.command?.command, 'workbench.action.openSettings', mode);
    assert.deepStrictEqual(row.command.arguments, ['http.proxy'], mode);
    assert.match(String(row.description), /^Open Settings/, mode);
  }

  it('names a refusing proxy in the message, points at http.proxy and sends nothing past it', async () => {
    proxy.options = { refuseWith: 403 };
    for (const mode of ['override', 'on', 'fallback'] as const) {
      const seen = await refreshWith({ mode });
      assert.match(seen.error ?? '', new RegExp(`^The proxy ${proxy.label.replace(/\./g, '\\.')} refused the request to (the Axway sign-in service|the Support API) \\(HTTP 403\\)`), `${mode}: ${seen.error}`);
      assert.deepStrictEqual(seen.counts, { token: 0, listCases: 0, getCase: 0 });
      assertPointsAtProxySetting(mode);
      record('names a refusing proxy in the message and sends nothing past it', `proxy answers 403, proxySupport ${mode}`, seen);
    }
  });

  it('names an unreachable proxy in the message and points at http.proxy', async () => {
    const port = await closedPort();
    for (const mode of ['override', 'on', 'fallback'] as const) {
      const seen = await refreshWith({ mode, proxyUrl: `http://127.0.0.1:${port}` });
      assert.match(seen.error ?? '', new RegExp(`^Could not connect to the proxy 127\\.0\\.0\\.1:${port}: the connection failed \\(ECONNREFUSED\\)`), `${mode}: ${seen.error}`);
      assert.deepStrictEqual(seen.counts, { token: 0, listCases: 0, getCase: 0 });
      assertPointsAtProxySetting(mode);
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
