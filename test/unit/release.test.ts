// The release convention (scripts/lib/release.mjs) and the CLI the release workflow calls (scripts/release.mjs):
// plain major.minor.patch, odd minor = pre-release, the VSIX named from package.json, the tag checked against the
// version, the GitHub release notes cut from the CHANGELOG. And nothing else in the repository carries the version.
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import { createRequire } from 'module';
import * as os from 'os';
import * as path from 'path';
import type * as ReleaseLib from '../../scripts/lib/release.mjs';
import type * as BuildLib from '../../scripts/lib/build.mjs';
import { REPO_ROOT } from './support/figures';

// Node >= 20.19 loads the ES modules through require(), which is what tsc's CommonJS output uses.
const load = createRequire(__filename);
const release = load(path.join(REPO_ROOT, 'scripts', 'lib', 'release.mjs')) as typeof ReleaseLib;
const build = load(path.join(REPO_ROOT, 'scripts', 'lib', 'build.mjs')) as typeof BuildLib;
const CLI = path.join(REPO_ROOT, 'scripts', 'release.mjs');

const CHANGELOG = [
  '# Changelog',
  '',
  '## [Unreleased]',
  '',
  '### Added',
  '- something not released yet',
  '',
  '## [0.3.0] - 2027-01-10',
  '',
  '### Added',
  '- the pre-release feature',
  '',
  '## [0.2.0] - 2026-12-06',
  '',
  '### Added',
  '- the release feature',
  '',
  '### Fixed',
  '- a fix',
  '',
  '## [0.1.0] - 2026-11-28',
  '',
  '- first release',
  '',
  '[0.2.0]: https://example.invalid/compare/v0.1.0...v0.2.0',
  ''
].join('\n');

/** A throwaway repository root with this package.json version and CHANGELOG, for the CLI. */
function fakeRoot(version: string, changelog = CHANGELOG): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'release-cli-'));
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'fake-extension', version }));
  fs.writeFileSync(path.join(dir, 'CHANGELOG.md'), changelog);
  return dir;
}

function cli(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const run = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('release convention (scripts/lib/release.mjs)', () => {
  it('takes plain major.minor.patch versions only', () => {
    assert.deepStrictEqual(release.parseVersion('0.2.0'), { major: 0, minor: 2, patch: 0 });
    assert.deepStrictEqual(release.parseVersion('12.31.7'), { major: 12, minor: 31, patch: 7 });
    for (const bad of ['0.2', '1.2.3-beta.1', '1.2.3+build', 'v1.2.3', '01.2.3', '1.02.3', '', '1.2.3.4']) {
      assert.throws(() => release.parseVersion(bad), /plain major\.minor\.patch/, bad);
    }
  });

  it('makes an odd minor a pre-release and an even minor a release', () => {
    assert.strictEqual(release.isPreRelease('0.2.0'), false);
    assert.strictEqual(release.isPreRelease('0.3.0'), true);
    assert.strictEqual(release.isPreRelease('1.10.4'), false);
    assert.strictEqual(release.isPreRelease('1.11.0'), true);
    assert.throws(() => release.isPreRelease('0.3.0-rc.1'));
  });

  it('names the VSIX from package.json, and the runners use that name', () => {
    const manifest = release.readManifest();
    assert.strictEqual(release.vsixFileName(manifest), `${manifest.name}-${manifest.version}.vsix`);
    assert.strictEqual(release.vsixFileName({ name: 'x', version: '4.5.6' }), 'x-4.5.6.vsix');
    assert.strictEqual(build.VSIX_PATH, path.join(REPO_ROOT, `${manifest.name}-${manifest.version}.vsix`));
  });

  it('packages an odd minor with --pre-release and an even one without, into the file named from package.json', () => {
    const even = release.vscePackageArgs({ name: 'x', version: '0.2.0' });
    const odd = release.vscePackageArgs({ name: 'x', version: '0.3.1' });
    assert.deepStrictEqual([even[0], even[even.indexOf('--out') + 1], even.includes('--pre-release')], ['package', 'x-0.2.0.vsix', false]);
    assert.deepStrictEqual([odd[0], odd[odd.indexOf('--out') + 1], odd.includes('--pre-release')], ['package', 'x-0.3.1.vsix', true]);
    assert.ok(even.includes('--no-dependencies'), 'the bundles carry the dependencies');
  });

  it('accepts only the tag v<version> of package.json', () => {
    const manifest = { name: 'n', version: '0.2.0' };
    assert.strictEqual(release.checkTag('v0.2.0', manifest), '0.2.0');
    assert.strictEqual(release.checkTag('refs/tags/v0.2.0', manifest), '0.2.0');
    assert.throws(() => release.checkTag('v0.2.1', manifest), /does not match package\.json's version 0\.2\.0/);
    assert.throws(() => release.checkTag('0.2.0', manifest), /does not start with "v"/);
    assert.throws(() => release.checkTag('v0.2.0-beta', manifest), /plain major\.minor\.patch/);
  });

  it('cuts the notes of one version out of the CHANGELOG, without the other sections or link definitions', () => {
    assert.strictEqual(release.changelogSection(CHANGELOG, '0.2.0'), '### Added\n- the release feature\n\n### Fixed\n- a fix');
    assert.strictEqual(release.changelogSection(CHANGELOG, '0.3.0'), '### Added\n- the pre-release feature');
    assert.strictEqual(release.changelogSection(CHANGELOG, '0.1.0'), '- first release');
    assert.throws(() => release.changelogSection(CHANGELOG, '0.4.0'), /no "## \[0\.4\.0\]" section/);
    assert.throws(() => release.changelogSection('## [0.5.0]\n\n## [0.4.0]\n- x\n', '0.5.0'), /empty/);
    // 0.2.0 must not pick up a 0.2.01-like heading or the Unreleased section.
    assert.throws(() => release.changelogSection('## [0.2.01]\n- x\n', '0.2.0'), /no "## \[0\.2\.0\]" section/);
  });

  it('finds a non-empty section in the real CHANGELOG for its released version', () => {
    const changelog = fs.readFileSync(path.join(REPO_ROOT, 'CHANGELOG.md'), 'utf8');
    const released = /^## \[(\d+\.\d+\.\d+)\]/m.exec(changelog);
    assert.ok(released, 'CHANGELOG.md has a released version');
    const notes = release.changelogSection(changelog, released[1]);
    assert.ok(notes.length > 0 && !/^## /m.test(notes), notes);
  });

  it('the real CHANGELOG opens with an Unreleased section, then the dated section of package.json\'s version', () => {
    const changelog = fs.readFileSync(path.join(REPO_ROOT, 'CHANGELOG.md'), 'utf8');
    const headings = changelog.split(/\r?\n/).filter((line) => line.startsWith('## '));
    const version = release.readManifest().version;
    assert.strictEqual(headings[0], '## [Unreleased]', 'a fresh Unreleased section on top');
    assert.match(headings[1] ?? '', new RegExp(`^## \\[${version.replace(/\./g, '\\.')}\\] - \\d{4}-\\d{2}-\\d{2}$`), 'then the version, dated');
    assert.ok(release.changelogSection(changelog, version).length > 0);
  });
});

describe('release CLI (scripts/release.mjs), as the release workflow calls it', () => {
  it('check-tag prints the step outputs for a matching tag: version, VSIX name and pre-release flag', () => {
    const even = cli('check-tag', 'v0.2.0', '--root', fakeRoot('0.2.0'));
    assert.strictEqual(even.status, 0, even.stderr);
    assert.deepStrictEqual(even.stdout.trim().split('\n'), ['version=0.2.0', 'vsix=fake-extension-0.2.0.vsix', 'prerelease=false']);
    const odd = cli('check-tag', 'v0.3.0', '--root', fakeRoot('0.3.0'));
    assert.strictEqual(odd.status, 0, odd.stderr);
    assert.deepStrictEqual(odd.stdout.trim().split('\n'), ['version=0.3.0', 'vsix=fake-extension-0.3.0.vsix', 'prerelease=true']);
  });

  it('check-tag fails, printing no outputs, when the tag is not package.json\'s version', () => {
    const run = cli('check-tag', 'v0.2.1', '--root', fakeRoot('0.2.0'));
    assert.strictEqual(run.status, 1);
    assert.strictEqual(run.stdout, '');
    assert.match(run.stderr, /tag v0\.2\.1 does not match package\.json's version 0\.2\.0/);
  });

  it('notes prints the CHANGELOG section of the version, and fails when there is none', () => {
    const root = fakeRoot('0.2.0');
    const run = cli('notes', '--root', root);
    assert.strictEqual(run.status, 0, run.stderr);
    assert.strictEqual(run.stdout.trim(), release.changelogSection(CHANGELOG, '0.2.0'));
    const missing = cli('notes', '0.9.0', '--root', root);
    assert.strictEqual(missing.status, 1);
    assert.match(missing.stderr, /no "## \[0\.9\.0\]" section/);
  });
});

describe('a version bump touches package.json and the CHANGELOG only', () => {
  it('no tracked file names the VSIX with a literal version', () => {
    const manifest = release.readManifest();
    const files = spawnSync('git', ['ls-files'], { cwd: REPO_ROOT, encoding: 'utf8' }).stdout.split('\n').filter(Boolean);
    assert.ok(files.length > 0, 'git ls-files listed the repository');
    const literal = new RegExp(`${manifest.name}-\\d+\\.\\d+\\.\\d+`);
    const offenders = files
      .filter((file) => file !== 'CHANGELOG.md' && !/\.(png|jpe?g|gif|ico|vsix|wasm)$/.test(file))
      .filter((file) => fs.existsSync(path.join(REPO_ROOT, file)) && literal.test(fs.readFileSync(path.join(REPO_ROOT, file), 'utf8')));
    assert.deepStrictEqual(offenders, [], `hard-coded VSIX names in ${offenders.join(', ')}`);
  });
});
