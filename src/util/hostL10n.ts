// @vscode/l10n as the activation bundle sees it (esbuild.mjs aliases the package to this file for dist/extension.js
// only): inside the extension host vscode.l10n.t reads the same bundle, in the same format, that useTranslations
// would hand to @vscode/l10n, so the activation bundle carries no copy of that library (about 2 KiB minified).
// The other bundles keep the library: the MCP server runs without vscode, and plain-Node unit tests use it directly.
import * as vscode from 'vscode';

/** Every form @vscode/l10n's t takes (message and arguments, or { message, args, comment }), as vscode.l10n.t does. */
export function t(...args: unknown[]): string {
  return (vscode.l10n.t as (...params: unknown[]) => string)(...args);
}

/** Nothing to configure: vscode.l10n already holds the display language's bundle. */
export function config(): void {}
