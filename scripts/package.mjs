// `npm run package`: the VSIX, named from package.json (<name>-<version>.vsix) and marked pre-release when the minor
// version is odd (vscePackageArgs in scripts/lib/release.mjs), so bumping the version needs package.json and the
// CHANGELOG only. vsce runs `vscode:prepublish` first (scripts/prepublish.mjs: type check, lint, production bundles and
// the listing icon).
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { readManifest, vscePackageArgs } from './lib/release.mjs';
import { REPO_ROOT } from './lib/tools.mjs';

const args = vscePackageArgs(readManifest());
const vsce = join(REPO_ROOT, 'node_modules', '@vscode', 'vsce', 'vsce');
console.log(`$ vsce ${args.join(' ')}`);
const result = spawnSync(process.execPath, [vsce, ...args], { cwd: REPO_ROOT, stdio: 'inherit' });
process.exitCode = result.status ?? 1;
