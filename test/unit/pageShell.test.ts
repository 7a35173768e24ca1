import * as assert from 'assert';
import { html } from '../../src/util/html';
import { renderPage } from '../../src/views/pageShell';

const RES = {
  cspSource: 'https://file+.vscode-resource.vscode-cdn.net',
  nonce: 'c2hlbGwtbm9uY2U=',
  themeUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/media/theme.css',
  styleUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/media/page.css',
  scriptUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/media/page.js'
};

describe('webview page shell', () => {
  it('links the shared theme before the page stylesheet, so the page can override it', () => {
    const page = renderPage(RES, { title: 'T', bodyAttributes: html`data-x="1"`, body: html`<main></main>` });
    const links = [...page.matchAll(/<link rel="stylesheet" href="([^"]+)">/g)].map((m) => m[1]);
    assert.deepStrictEqual(links, [RES.themeUri, RES.styleUri]);
  });

  it('escapes the title and body attribute values, and runs only the nonce script under a strict CSP', () => {
    const hostile = '"><script>alert(1)</script>';
    const page = renderPage(RES, { title: hostile, bodyAttributes: html`data-account="${hostile}"`, body: html`<p>${hostile}</p>` });
    assert.strictEqual(page.match(/<script/g)?.length, 1);
    assert.match(page, /<script nonce="c2hlbGwtbm9uY2U=" src="[^"]+page\.js"><\/script>\n<\/body>/);
    const csp = (/<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(page)?.[1] ?? '').replace(/&#39;/g, "'");
    assert.match(csp, /default-src 'none'/);
    assert.match(csp, /script-src 'nonce-c2hlbGwtbm9uY2U='/);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
    assert.match(page, /<title>&quot;&gt;&lt;script&gt;/);
  });

  it('without a theme link (a page rendered for a test) writes only the page stylesheet', () => {
    const page = renderPage({ ...RES, themeUri: undefined }, { title: 'T', bodyAttributes: html`data-x="1"`, body: html`` });
    assert.strictEqual(page.match(/<link /g)?.length, 1);
  });
});
