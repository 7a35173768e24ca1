// The HTML around every webview page (the case tab, the New Support Case form), built from escaped strings only
// (vscode-free, unit-tested in plain Node): one strict CSP, scripts only with the page's fresh nonce, and the
// shared theme stylesheet before the page's own.

import { html, SafeHtml } from '../util/html';

export interface PageResources {
  /** webview.cspSource */
  readonly cspSource: string;
  /** A fresh random value per page. */
  readonly nonce: string;
  /** media/theme.css: the theme parts every page shares (fonts, colours, buttons), linked before `styleUri`. */
  readonly themeUri?: string;
  readonly styleUri: string;
  readonly scriptUri: string;
}

export function contentSecurityPolicy(res: PageResources): string {
  return [
    "default-src 'none'",
    `style-src ${res.cspSource}`,
    `img-src ${res.cspSource}`,
    `font-src ${res.cspSource}`,
    `script-src 'nonce-${res.nonce}'`,
    "form-action 'none'",
    "base-uri 'none'"
  ].join('; ');
}

export interface PageParts {
  /** Plain text (escaped here). */
  readonly title: string;
  /** The `<body>` element's attributes, rendered with `html` (their values escaped). */
  readonly bodyAttributes: SafeHtml;
  readonly body: SafeHtml;
}

/** A whole page: the head with the CSP, the body, and the page's one script last. */
export function renderPage(res: PageResources, parts: PageParts): string {
  const theme = res.themeUri ? html`<link rel="stylesheet" href="${res.themeUri}">\n` : '';
  return html`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy(res)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
${theme}<link rel="stylesheet" href="${res.styleUri}">
<title>${parts.title}</title>
</head>
<body ${parts.bodyAttributes}>
${parts.body}
<script nonce="${res.nonce}" src="${res.scriptUri}"></script>
</body>
</html>`.value;
}
