// Hostile case content (script tags, event handlers, javascript: links, CSS, broken Unicode, bidi overrides,
// 100 KB strings, Markdown/HTML) in the real tree and the real webview; and a workspace settings file that tries to
// send the secret and the token to another local server.
import * as assert from 'assert';
import * as fs from 'fs';
import * as http from 'http';
import type { AddressInfo } from 'net';
import * as path from 'path';
import * as vscode from 'vscode';
import type { AxwaySupportTestApi } from '../../src/extension';
import { shownText } from '../../src/util/html';
import type { CaseNode } from '../../src/views/treeNodes';
import { hostileFixtures, MAIN_HOSTILE_CASE, ODD_VALUES_CASE } from '../fake-api/hostile';
import { openCasePanel, watchHostErrors, writeFigures } from './reliability';
import { activated, eventually, fakeEnv, fakeRemote, rows, signInWithFake, signOut, waitForState } from './support';

/** Every tag the case page may contain; hostile markup would add others (img, svg, iframe, style, a, …). */
const ALLOWED_TAGS = new Set([
  'html', 'head', 'meta', 'link', 'title', 'body', 'header', 'main', 'section', 'h1', 'h2', 'p', 'span', 'div', 'dl', 'dt', 'dd',
  'ol', 'ul', 'li', 'button', 'code', 'time', 'script',
  // Names isolated from the text around them (their control characters shown as span markers).
  'bdi',
  // The note form's controls (in the static region, never from case data).
  'label', 'input', 'textarea', 'strong'
]);

interface HtmlAudit {
  readonly tags: number;
  readonly unexpectedTags: string[];
  readonly scripts: number;
  readonly eventHandlers: number;
  readonly javascriptUrls: number;
  readonly inlineStyles: number;
  readonly bytes: number;
}

/** Reads the markup (not the escaped text) of a page: every tag, its name and attributes. */
function auditHtml(html: string): HtmlAudit {
  const tags = [...html.matchAll(/<([a-zA-Z][a-zA-Z0-9-]*)\b([^>]*)>/g)];
  return {
    tags: tags.length,
    unexpectedTags: [...new Set(tags.map((t) => t[1].toLowerCase()).filter((name) => !ALLOWED_TAGS.has(name)))],
    scripts: tags.filter((t) => t[1].toLowerCase() === 'script').length,
    eventHandlers: tags.filter((t) => /\son[a-z]+\s*=/i.test(t[2])).length,
    javascriptUrls: tags.filter((t) => /=\s*["']?\s*javascript:/i.test(t[2])).length,
    inlineStyles: tags.filter((t) => /\sstyle\s*=/i.test(t[2])).length,
    bytes: Buffer.byteLength(html)
  };
}

/** A Markdown link or image whose brackets are not escaped: `[text](target)`. */
const LIVE_MARKDOWN_LINK = /(?<!\\)\[[^\]]*(?<!\\)\]\(/;

describe('hostile content and hostile settings', function () {
  this.timeout(60_000);
  const remote = fakeRemote();
  const hostErrors = watchHostErrors();
  const figures: Record<string, unknown> = {};
  let api: AxwaySupportTestApi;
  let hostileNumbers: string[];

  before(async () => {
    await remote.reset();
    hostileNumbers = await remote.addHostileCases();
    await remote.clearBeacons();
    api = await activated();
    await signInWithFake(api);
    rows(api);
    await waitForState(api, (s) => s.kind === 'loaded' && s.busy === undefined);
  });

  // How each test ended: the report cites a check only when its test passed.
  const outcomes: { title: string; state: string }[] = [];
  afterEach(function () {
    outcomes.push({ title: this.currentTest?.title ?? '', state: this.currentTest?.state ?? 'unknown' });
  });

  after(async () => {
    hostErrors.dispose();
    figures.hostErrors = hostErrors.errors.length;
    figures.tests = outcomes;
    writeFigures('hostile', figures);
    await remote.reset();
    await signOut(api);
  });

  it('shows hostile cases in the tree as plain, capped text with untrusted, escaped Markdown tooltips', async () => {
    await vscode.commands.executeCommand('axwaySupport.refresh');
    while (api.model.state.kind === 'loaded' && api.model.state.hasMore && api.model.state.cases.length < 40) {
      await vscode.commands.executeCommand('axwaySupport.loadMore');
    }
    const nodes = api.tree.getChildren().filter((n): n is CaseNode => n.kind === 'case' && hostileNumbers.includes(n.summary.caseNumber));
    assert.deepStrictEqual(nodes.map((n) => n.summary.caseNumber).sort(), [...hostileNumbers].sort(), 'every hostile case has a row');
    let longestLabel = 0;
    for (const node of nodes) {
      assert.strictEqual(typeof node.label, 'string', `${node.summary.caseNumber}: a label is plain text, never a TreeItemLabel with highlights`);
      const label = node.label as string;
      longestLabel = Math.max(longestLabel, label.length);
      assert.ok(label.length <= 200, `${node.summary.caseNumber}: label of ${label.length} characters`);
      // eslint-disable-next-line no-control-regex
      assert.ok(!/[\u0000-\u001f\u007f]/.test(label), 'no control characters or line breaks in a label');
      assert.ok(!/[\u202a-\u202e\u2066-\u2069]/.test(label), 'no bidi override that could reorder the rest of the row');
      const md = node.tooltip;
      assert.ok(md instanceof vscode.MarkdownString, 'the tooltip is a MarkdownString');
      assert.strictEqual(md.isTrusted, false, 'command links in the tooltip cannot run');
      assert.strictEqual(md.supportHtml, false, 'HTML in the tooltip is not rendered');
      assert.ok(!md.supportThemeIcons, '$(icon) syntax is not interpreted');
      assert.ok(!LIVE_MARKDOWN_LINK.test(md.value), `${node.summary.caseNumber}: a live Markdown link in ${md.value.slice(0, 300)}`);
      assert.ok(!/(?<!\\)!\[/.test(md.value), 'no live Markdown image');
      assert.strictEqual(typeof node.accessibilityInformation?.label, 'string');
      for (const text of [node.description, node.accessibilityInformation?.label]) {
        assert.ok(typeof text === 'string' && !/[\u202a-\u202e\u2066-\u2069]/.test(text), 'description and accessible name have no bidi override');
      }
    }
    const commandLink = nodes.find((n) => n.summary.subject.startsWith('[click](command:'));
    assert.ok(commandLink);
    const tooltip = commandLink.tooltip as vscode.MarkdownString;
    // Made plain first ("](" split, so no surface can draw a link), then escaped as Markdown.
    assert.ok(tooltip.value.includes('\\[click\\]&nbsp;\\(command:workbench.action.quit\\)'), tooltip.value);
    figures.tree = {
      hostileRows: nodes.length,
      longestLabel,
      commandLinkTooltip: tooltip.value.split('\n')[0],
      trustedTooltips: nodes.filter((n) => (n.tooltip as vscode.MarkdownString).isTrusted !== false).length,
      htmlTooltips: nodes.filter((n) => (n.tooltip as vscode.MarkdownString).supportHtml !== false).length
    };
  });

  it('renders every hostile case panel as text: only its own nonce script, CSP in place, layout intact', async function () {
    this.timeout(90_000);
    const fixtures = hostileFixtures(fakeEnv().origin);
    const audits: Record<string, HtmlAudit> = {};
    for (const number of hostileNumbers) {
      const panel = await openCasePanel(api, number);
      assert.strictEqual(panel.state.kind, 'loaded', `${number}: ${panel.state.kind}`);
      const html = panel.html;
      const audit = auditHtml(html);
      audits[number] = audit;
      assert.deepStrictEqual(audit.unexpectedTags, [], `${number}: markup from case data`);
      assert.strictEqual(audit.scripts, 1, `${number}: scripts`);
      assert.strictEqual(audit.eventHandlers, 0, `${number}: event handler attributes`);
      assert.strictEqual(audit.javascriptUrls, 0, `${number}: javascript: URLs`);
      assert.strictEqual(audit.inlineStyles, 0, `${number}: inline styles`);
      const script = /<script nonce="([^"]+)" src="([^"]+)"><\/script>/.exec(html);
      assert.ok(script, 'the one script carries a nonce');
      assert.ok(script[2].endsWith('/dist/webviews/case.js'), script[2]);
      const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html);
      assert.ok(csp, 'CSP meta tag');
      const policy = csp[1].replace(/&#39;/g, "'");
      assert.match(policy, /default-src 'none'/);
      assert.ok(policy.includes(`script-src 'nonce-${script[1]}'`), policy);
      assert.ok(html.trimEnd().endsWith('</html>'), 'the page is complete');
      if (number === MAIN_HOSTILE_CASE) {
        for (const fixture of fixtures) {
          // As text, with any bidi, invisible or control character shown as a marker rather than obeyed.
          assert.ok(html.includes(shownText(fixture.value)), `${fixture.name} is shown as text`);
        }
        assert.match(html, /Notes \(25\)/);
        assert.match(html, /Attachments \(25\)/);
      }
      if (number !== ODD_VALUES_CASE && number !== MAIN_HOSTILE_CASE) {
        const fixture = fixtures[Number(number.slice(-2))];
        assert.ok(html.includes(shownText(fixture.value)), `${fixture.name}: subject shown as text`);
      }
      panel.dispose();
    }
    const longest = Object.values(audits).reduce((max, a) => Math.max(max, a.bytes), 0);
    figures.panels = {
      opened: Object.keys(audits).length,
      fixtures: fixtures.length,
      unexpectedTags: Object.values(audits).reduce((n, a) => n + a.unexpectedTags.length, 0),
      extraScripts: Object.values(audits).reduce((n, a) => n + a.scripts - 1, 0),
      eventHandlers: Object.values(audits).reduce((n, a) => n + a.eventHandlers, 0),
      javascriptUrls: Object.values(audits).reduce((n, a) => n + a.javascriptUrls, 0),
      inlineStyles: Object.values(audits).reduce((n, a) => n + a.inlineStyles, 0),
      largestPageKiB: Math.round(longest / 1024)
    };
  });

  it('sends no beacon from a hostile case page rendered in chromium, while live markup planted on the same page does', async function () {
    this.timeout(90_000);
    // The extension host cannot tell when chromium has rendered a webview, and the case page's CSP would block a
    // beacon even if escaping failed. So the page the extension made for the main hostile case is rendered again in a
    // webview of this test whose CSP lets every request to the fake through: only escaping stands between the hostile
    // strings and a beacon. Planted after it, the same strings as live markup must beacon (a positive control: the
    // channel works and the counter counts), and a last beacon on the window's load event says the whole page,
    // hostile part included, was parsed and loaded. Only then are the other beacons counted.
    const origin = fakeEnv().origin;
    const control = `${origin}/__beacon/control`;
    await remote.clearBeacons();
    const panel = await openCasePanel(api, MAIN_HOSTILE_CASE);
    assert.strictEqual(panel.state.kind, 'loaded');
    const body = /<body[^>]*>([\s\S]*)<\/body>/.exec(panel.html);
    assert.ok(body, 'the case page has a body');
    const extensionPart = body[1].replace(/<script\b[^>]*><\/script>/g, '');
    const live = hostileFixtures(control).filter((f) => ['script-tag', 'img-onerror', 'svg-onload'].includes(f.name));
    const twin = vscode.window.createWebviewPanel('axwaySupportTest.beaconTwin', 'Beacon twin', { viewColumn: vscode.ViewColumn.Active }, { enableScripts: true });
    try {
      twin.webview.html = `<!DOCTYPE html><html><head><meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline' ${origin}; img-src ${origin}; connect-src ${origin}; frame-src ${origin}; font-src ${origin}; media-src ${origin}">
</head><body>
<div id="extension-page">${extensionPart}</div>
<div id="planted">${live.map((f) => f.value).join('\n')}</div>
<script>window.addEventListener('load', function () { fetch('${control}/loaded'); });</script>
</body></html>`;
      const beacons = await eventually(async () => {
        const all = await remote.beacons();
        return all.some((b) => b.path === '/__beacon/control/loaded') ? all : undefined;
      }, 'the twin page to load and send its last beacon', 60_000);
      const planted = beacons.filter((b) => b.path.startsWith('/__beacon/control/__beacon/')).map((b) => b.path.slice('/__beacon/control'.length));
      assert.deepStrictEqual([...new Set(planted)].sort(), ['/__beacon/script', '/__beacon/svg', '/__beacon/xss'], 'the planted live markup beaconed');
      const fromHostileContent = beacons.filter((b) => !b.path.startsWith('/__beacon/control/'));
      figures.beacons = fromHostileContent.length;
      figures.beaconControl = { planted: live.length, counted: new Set(planted).size };
      assert.deepStrictEqual(fromHostileContent.map((b) => b.path), [], 'beacons from the escaped hostile content');
    } finally {
      twin.dispose();
      panel.dispose();
    }
  });

  it('ignores a workspace settings file that points tokenUrl and apiBaseUrl at another local server', async () => {
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'the integration runner opens a workspace folder');
    const requests: string[] = [];
    const decoy = http.createServer((req, res) => {
      requests.push(`${req.method} ${req.url}`);
      res.writeHead(500, { 'Content-Type': 'application/json' });
      res.end('{"error":"decoy"}');
    });
    await new Promise<void>((resolve) => decoy.listen(0, '127.0.0.1', resolve));
    const decoyOrigin = `http://127.0.0.1:${(decoy.address() as AddressInfo).port}`;
    const file = path.join(folder.uri.fsPath, '.vscode', 'settings.json');
    const previous = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined;
    const env = fakeEnv();
    let writeRefusal: string;
    try {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, JSON.stringify({
        'axwaySupport.tokenUrl': `${decoyOrigin}/auth/realms/Broker/protocol/openid-connect/token`,
        'axwaySupport.apiBaseUrl': `${decoyOrigin}/sphere/api/v1`,
        'axwaySupport.portalCaseUrl': `${decoyOrigin}/case/{caseNumber}`,
        // A window-scoped marker: once VS Code shows it, it has read the file.
        'editor.tabSize': 7
      }, null, 2));
      await eventually(() => vscode.workspace.getConfiguration('editor').inspect<number>('tabSize')?.workspaceValue === 7, 'VS Code to read the workspace settings file');
      try {
        await vscode.workspace.getConfiguration('axwaySupport').update('tokenUrl', `${decoyOrigin}/token`, vscode.ConfigurationTarget.Workspace);
        writeRefusal = '(accepted)';
      } catch (err) {
        writeRefusal = err instanceof Error ? err.message : String(err);
      }
      const inspected = vscode.workspace.getConfiguration('axwaySupport').inspect<string>('tokenUrl');
      assert.strictEqual(vscode.workspace.getConfiguration('axwaySupport').get('tokenUrl'), env.tokenUrl, 'the effective tokenUrl is the user setting');
      await remote.clearRequests();
      await signOut(api);
      await signInWithFake(api);
      rows(api);
      await waitForState(api, (s) => s.kind === 'loaded' && s.busy === undefined);
      const first = (await remote.listAll())[0].caseNumber;
      const panel = await openCasePanel(api, first);
      assert.strictEqual(panel.state.kind, 'loaded');
      panel.dispose();
      const counts = (await remote.stats()).counts;
      assert.ok(counts.token >= 1 && counts.listCases >= 1 && counts.getCase >= 1, JSON.stringify(counts));
      assert.deepStrictEqual(requests, [], 'the decoy server received nothing');
      figures.workspaceOverride = {
        workspaceFolder: true,
        workspaceValueSeenByVsCode: inspected?.workspaceValue ?? null,
        writeToWorkspaceTarget: writeRefusal,
        decoyRequests: requests.length,
        fakeRequests: { token: counts.token, listCases: counts.listCases, getCase: counts.getCase }
      };
    } finally {
      if (previous === undefined) {
        fs.rmSync(file, { force: true });
      } else {
        fs.writeFileSync(file, previous);
      }
      await eventually(() => vscode.workspace.getConfiguration('editor').inspect<number>('tabSize')?.workspaceValue === undefined, 'VS Code to drop the workspace settings');
      await new Promise<void>((resolve) => decoy.close(() => resolve()));
    }
  });

  it('let no error escape into the extension host while rendering hostile content', () => {
    assert.deepStrictEqual(hostErrors.errors, []);
  });
});
