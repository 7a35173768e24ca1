// The direction of imports between src/ folders: util ← api, webviews ← telemetry ← cases/network ← auth ←
// follow/views ← commands ← testing ← extension.ts. A folder may import only folders of a lower rank (or itself): no cycles.
// The unit suite runs this over src/ so the layout cannot drift.
import * as fs from 'fs';
import * as path from 'path';

export const LAYER_RANKS: Readonly<Record<string, number>> = {
  // Helpers with no knowledge of cases or accounts.
  util: 0,
  // The wire: HTTP, token client, Support API service, parsing, errors (no vscode; the network bundle).
  api: 1,
  // The webview page apps (bundled for the browser) and one protocol per webview, whose message types and validators
  // the pages and their hosts in views/ both import: they may use util/ only (no domain code reaches a page).
  webviews: 1,
  telemetry: 2,
  // The domain without vscode: list, query, changes, writes.
  cases: 3,
  // The endpoint settings and the lazy loader of the network bundle.
  network: 3,
  // Accounts, sign-in, the authentication provider.
  auth: 4,
  // Auto-refresh, notifications, status bar.
  follow: 5,
  // Tree and tabs.
  views: 5,
  commands: 6,
  // The test API: reached only from extension.ts, and only in a test build.
  testing: 7,
  // Files directly in src/ (extension.ts): the wiring on top.
  '.': 8
};

export interface LayerViolation {
  readonly file: string;
  readonly imports: string;
  readonly reason: string;
}

const IMPORT = /(?:^|\n)\s*(?:import|export)\s[^;]*?from\s+'(\.{1,2}\/[^']+)'|\brequire\(\s*'(\.{1,2}\/[^']+)'\s*\)|\bimport\(\s*'(\.{1,2}\/[^']+)'\s*\)/g;

/** The top folder of a path relative to src/ ('.' for files directly in src/). */
function folderOf(relative: string): string {
  const parts = relative.split(/[\\/]/);
  return parts.length > 1 ? parts[0] : '.';
}

/** Checks one source text; `file` is relative to the src root. */
export function checkImports(file: string, source: string): LayerViolation[] {
  const from = folderOf(file);
  const fromRank = LAYER_RANKS[from];
  const violations: LayerViolation[] = [];
  if (fromRank === undefined) {
    return [{ file, imports: '', reason: `folder "${from}" has no rank in LAYER_RANKS` }];
  }
  for (const match of source.matchAll(IMPORT)) {
    const spec = match[1] ?? match[2] ?? match[3];
    const target = path.posix.normalize(path.posix.join(path.posix.dirname(file.split(path.sep).join('/')), spec));
    if (target.startsWith('..')) {
      violations.push({ file, imports: spec, reason: 'imports from outside src/' });
      continue;
    }
    const to = folderOf(target);
    const toRank = LAYER_RANKS[to];
    if (to === from) {
      continue;
    }
    if (toRank === undefined) {
      violations.push({ file, imports: spec, reason: `folder "${to}" has no rank in LAYER_RANKS` });
    } else if (toRank >= fromRank) {
      violations.push({ file, imports: spec, reason: `${from} (rank ${fromRank}) must not import ${to} (rank ${toRank})` });
    }
  }
  return violations;
}

export function checkTree(srcRoot: string): LayerViolation[] {
  const files = fs
    .readdirSync(srcRoot, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts'))
    .sort();
  return files.flatMap((file) => checkImports(file, fs.readFileSync(path.join(srcRoot, file), 'utf8')));
}
