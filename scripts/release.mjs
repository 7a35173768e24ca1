// What the release workflow (.github/workflows/release.yml) asks of the repository, so its steps stay one-liners
// that the unit tests can run:
//
//   node scripts/release.mjs check-tag <tag>   fails unless the tag is v<package.json's version>; prints the
//                                              step outputs version=…, vsix=…, prerelease=true|false
//   node scripts/release.mjs notes [<version>] prints the CHANGELOG section of the version (default: package.json's)
//
// Options: --root DIR reads package.json and CHANGELOG.md from DIR instead of this repository (for the tests).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { changelogSection, checkTag, isPreRelease, readManifest, vsixFileName } from './lib/release.mjs';
import { REPO_ROOT } from './lib/tools.mjs';

const { values: flags, positionals } = parseArgs({
  allowPositionals: true,
  options: { root: { type: 'string', default: REPO_ROOT } }
});
const [command, argument] = positionals;

function main() {
  const manifest = readManifest(flags.root);
  switch (command) {
    case 'check-tag': {
      if (!argument) {
        throw new Error('usage: release.mjs check-tag <tag>');
      }
      const version = checkTag(argument, manifest);
      return [`version=${version}`, `vsix=${vsixFileName(manifest)}`, `prerelease=${isPreRelease(version)}`].join('\n');
    }
    case 'notes':
      return changelogSection(readFileSync(join(flags.root, 'CHANGELOG.md'), 'utf8'), argument ?? manifest.version);
    default:
      throw new Error('usage: release.mjs check-tag <tag> | notes [<version>]');
  }
}

try {
  console.log(main());
} catch (err) {
  console.error(`[release] ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
}
