// The checks `npm test` runs over the extension's string bundles (issue 19, "Languages"):
//   - l10n/bundle.l10n.json must be exactly what `@vscode/l10n-dev export` makes of src/ now (re-exported into a
//     temporary folder and compared), so a new or changed `l10n.t(...)` string cannot ship untranslated unnoticed;
//   - every translation (bundle.l10n.<lang>.json) has the English bundle's keys, no others, a non-empty text for each,
//     and the same {0} placeholders as its key.
// `npm run l10n:export` rewrites the English bundle.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from './tools.mjs';

export const L10N_DIR = join(REPO_ROOT, 'l10n');
export const TRANSLATED_LANGUAGES = Object.freeze(['fr', 'de']);

const CLI = join(REPO_ROOT, 'node_modules', '@vscode', 'l10n-dev', 'dist', 'cli.js');

/** Runs `vscode-l10n-dev export` over `sourceDir` into a fresh temporary folder and returns the bundle's text. */
export function exportBundleText(sourceDir = join(REPO_ROOT, 'src')) {
  const outDir = mkdtempSync(join(tmpdir(), 'axway-l10n-'));
  try {
    const result = spawnSync(process.execPath, [CLI, 'export', '--outDir', outDir, sourceDir], { encoding: 'utf8', timeout: 120_000 });
    if (result.status !== 0) {
      throw new Error(`@vscode/l10n-dev export failed (${result.status ?? result.signal}):\n${result.stdout}\n${result.stderr}`);
    }
    return readFileSync(join(outDir, 'bundle.l10n.json'), 'utf8');
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
}

/** Undefined when the committed bundle equals a fresh export; otherwise what differs and how to fix it. */
export function describeBundleDrift(committedText, exportedText) {
  if (committedText === exportedText) {
    return undefined;
  }
  const committed = JSON.parse(committedText);
  const exported = JSON.parse(exportedText);
  const missing = Object.keys(exported).filter((key) => !(key in committed));
  const stale = Object.keys(committed).filter((key) => !(key in exported));
  const lines = ['l10n/bundle.l10n.json is not what `@vscode/l10n-dev export` makes of src/ now: run `npm run l10n:export`, then translate the new strings.'];
  for (const key of missing) {
    lines.push(`  not in the bundle: ${JSON.stringify(key)}`);
  }
  for (const key of stale) {
    lines.push(`  no longer in src/: ${JSON.stringify(key)}`);
  }
  if (missing.length === 0 && stale.length === 0) {
    lines.push('  same strings, different text (order or formatting)');
  }
  return lines.join('\n');
}

/** The placeholders of a message ({0}, {1}, {name}), sorted, with repeats: a translation must use the same. */
export function placeholders(text) {
  return [...text.matchAll(/\{[^{}\s]+\}/g)].map((m) => m[0]).sort();
}

/** The message of a bundle entry (a string, or { message, comment }). */
function messageOf(entry) {
  return typeof entry === 'string' ? entry : entry && typeof entry.message === 'string' ? entry.message : undefined;
}

/** Problems of one translation against the English bundle: missing or extra keys, empty texts, changed placeholders. */
export function translationProblems(english, translated) {
  const problems = [];
  for (const key of Object.keys(english)) {
    if (!(key in translated)) {
      problems.push(`missing: ${JSON.stringify(key)}`);
      continue;
    }
    const text = messageOf(translated[key]);
    if (text === undefined || text.trim() === '') {
      problems.push(`empty: ${JSON.stringify(key)}`);
      continue;
    }
    const want = placeholders(messageOf(english[key]) ?? key).join(' ');
    const got = placeholders(text).join(' ');
    if (want !== got) {
      problems.push(`placeholders ${got || '(none)'} instead of ${want || '(none)'}: ${JSON.stringify(key)}`);
    }
  }
  for (const key of Object.keys(translated)) {
    if (!(key in english)) {
      problems.push(`extra (not in the English bundle): ${JSON.stringify(key)}`);
    }
  }
  return problems;
}

export function readBundle(language) {
  const file = join(L10N_DIR, language ? `bundle.l10n.${language}.json` : 'bundle.l10n.json');
  return readFileSync(file, 'utf8');
}
