// The release convention in one place, for `npm run package`, the release workflow and their tests:
//   - versions are plain major.minor.patch (the Marketplace refuses semver pre-release tags such as 1.2.0-beta);
//   - an even minor is a release, an odd minor a pre-release (packaged and published with --pre-release);
//   - the VSIX is named <name>-<version>.vsix from package.json, so a version bump touches package.json and the
//     CHANGELOG only;
//   - the notes of a GitHub release are the CHANGELOG's section of that version.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './tools.mjs';

const PLAIN_VERSION = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/;

/** The project's package.json (or the one at `root`). */
export function readManifest(root = REPO_ROOT) {
  return JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
}

/** { major, minor, patch } of a plain major.minor.patch version; throws on anything else. */
export function parseVersion(version) {
  const match = PLAIN_VERSION.exec(String(version));
  if (!match) {
    throw new Error(`"${version}" is not a plain major.minor.patch version (the Marketplace takes no pre-release suffix; ` +
      'an odd minor version is what makes a pre-release)');
  }
  return { major: Number(match[1]), minor: Number(match[2]), patch: Number(match[3]) };
}

/** Odd minor = pre-release, even minor = release. */
export function isPreRelease(version) {
  return parseVersion(version).minor % 2 === 1;
}

/** The file `npm run package` writes: <name>-<version>.vsix. */
export function vsixFileName(manifest) {
  parseVersion(manifest.version);
  return `${manifest.name}-${manifest.version}.vsix`;
}

/**
 * The arguments of `vsce package` for `npm run package`: the VSIX named from package.json, --pre-release for an odd
 * minor. --allow-missing-repository and --no-rewrite-relative-links: the project has no public repository URL yet, so
 * vsce cannot turn the README's relative links into absolute ones (the README's "Continuous integration and
 * releases" section says so).
 */
export function vscePackageArgs(manifest) {
  return [
    'package', '--no-dependencies', '--allow-missing-repository', '--no-rewrite-relative-links',
    '--out', vsixFileName(manifest),
    ...(isPreRelease(manifest.version) ? ['--pre-release'] : [])
  ];
}

/** The version a `v1.2.3` tag (or refs/tags/v1.2.3) names; throws when the tag is not v + a plain version. */
export function versionOfTag(tag) {
  const name = String(tag).replace(/^refs\/tags\//, '');
  if (!name.startsWith('v')) {
    throw new Error(`tag "${name}" does not start with "v"`);
  }
  const version = name.slice(1);
  parseVersion(version);
  return version;
}

/** Throws unless the tag names exactly the manifest's version. */
export function checkTag(tag, manifest) {
  const version = versionOfTag(tag);
  if (version !== manifest.version) {
    throw new Error(`tag ${tag} does not match package.json's version ${manifest.version}: ` +
      'bump package.json (and the CHANGELOG) or tag the right commit');
  }
  return version;
}

/**
 * The body of the CHANGELOG section `## [version]` (Keep a Changelog headings, with or without brackets and a date),
 * without its heading, trimmed. Throws when the section is missing or empty: a release without notes is a mistake.
 */
export function changelogSection(changelog, version) {
  parseVersion(version);
  const lines = changelog.split(/\r?\n/);
  const escaped = version.replace(/\./g, '\\.');
  const heading = new RegExp(`^## \\[?${escaped}\\]?(\\s|$)`);
  const start = lines.findIndex((line) => heading.test(line));
  if (start < 0) {
    throw new Error(`CHANGELOG.md has no "## [${version}]" section`);
  }
  const rest = lines.slice(start + 1);
  const end = rest.findIndex((line) => /^## /.test(line));
  const body = (end < 0 ? rest : rest.slice(0, end))
    // Link reference definitions (`[0.2.0]: https://…`) belong to the whole file, not to one release.
    .filter((line) => !/^\[[^\]]+\]:\s/.test(line))
    .join('\n')
    .trim();
  if (body === '') {
    throw new Error(`CHANGELOG.md's section for ${version} is empty`);
  }
  return body;
}
