// `npm run package`: the VSIX, named from package.json (<name>-<version>.vsix) and marked pre-release when the minor
// version is odd (scripts/lib/release.mjs), so bumping the version needs package.json and the CHANGELOG only.
// vsce runs `vscode:prepublish` first (type check, lint, production bundles and the listing icon).
//
// --allow-missing-repository and --no-rewrite-relative-links: the project has no public repository URL yet, so vsce
// cannot turn the README's relative links into absolute ones (see the README's "Release" section).
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { isPreRelease, readManifest, vsixFileName } from './lib/release.mjs';
import { REPO_ROOT } from './lib/tools.mjs';

const manifest = readManifest();
const args = [
  'package', '--no-dependencies', '--allow-missing-repository', '--no-rewrite-relative-links',
  '--out', vsixFileName(manifest),
  ...(isPreRelease(manifest.version) ? ['--pre-release'] : [])
];
const vsce = join(REPO_ROOT, 'node_modules', '@vscode', 'vsce', 'vsce');
console.log(`$ vsce ${args.join(' ')}`);
const result = spawnSync(process.execPath, [vsce, ...args], { cwd: REPO_ROOT, stdio: 'inherit' });
process.exitCode = result.status ?? 1;
