// The activation bundle (dist/extension.js) loads in every window of everyone who has the extension, so it holds only
// the wiring, the tree, the cache paint and the small loaders of the other bundles. This suite builds production into
// a temporary folder (the same esbuild.mjs the package uses) and checks its size, that the test API and seams are not
// in it, and that every bundle it loads by name is built and shipped.
import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { REPO_ROOT } from './support/figures';

/** The ceiling of issue 17: the activation bundle was 32.7 KiB in 0.1.0 and had grown to 139 KiB. */
const MAX_ACTIVATION_BYTES = 60 * 1024;

/**
 * Names that survive minification and live only in src/testing/ (the scripted prompts' and the recorders' methods,
 * the failing keyring's message): none may be in the production activation bundle.
 */
const TEST_API_MARKERS = ['answerKinds', 'answerInputs', 'answerFiles', 'answerConfirms', 'answerSaveDialogs', 'Cannot get password: the OS keyring is not available', 'FailableSecretStorage', 'ScriptedSignInPrompts'];

/** Texts of code that loads on first use (commands, sign-in, case tab, writes, follow, auth provider, network, list loads). */
const LAZY_MARKERS = [
  'Signing out', // commands
  'Client secret of the service account', // sign-in prompts
  'sign in again to replace them, or sign out to delete them', // refused pair set aside
  'Delivery target version', // the case tab's page
  'Please close this case', // Close Case
  'Axway Support: Cases Awaiting You', // follow's status bar
  'No Accounts-menu session for', // the auth provider's session work
  'The token endpoint refused the stored service account credentials', // each account's network
  'Could not keep the case list on disk' // the list loads' reports
];

describe('activation bundle (production build of dist/extension.js)', function () {
  this.timeout(180_000);
  let dir: string;
  const read = (file: string): string => fs.readFileSync(path.join(dir, file), 'utf8');

  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'axway-bundle-'));
    execFileSync(process.execPath, [path.join(REPO_ROOT, 'esbuild.mjs'), '--production', `--outdir=${dir}`], { cwd: REPO_ROOT, stdio: 'pipe' });
  });

  after(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it(`is at most ${MAX_ACTIVATION_BYTES / 1024} KiB`, () => {
    const bytes = fs.statSync(path.join(dir, 'extension.js')).size;
    assert.ok(bytes <= MAX_ACTIVATION_BYTES, `dist/extension.js is ${(bytes / 1024).toFixed(1)} KiB (${bytes} bytes), over ${MAX_ACTIVATION_BYTES / 1024} KiB: move what the cache paint does not need behind a lazy loader (esbuild --analyze shows what weighs)`);
  });

  it('holds none of the test API and test seams (they are in dist/testing.js, required only outside Production mode)', () => {
    const activation = read('extension.js');
    const testing = read('testing.js');
    for (const marker of TEST_API_MARKERS.filter((m) => !/^[A-Z]/.test(m))) {
      assert.ok(testing.includes(marker), `the marker "${marker}" is no longer in dist/testing.js: pick another marker`);
    }
    assert.deepStrictEqual(TEST_API_MARKERS.filter((marker) => activation.includes(marker)), []);
    // The only way in: a require of testing.js guarded by the extension mode.
    assert.match(activation, /ExtensionMode\.Production\?[^;]*"testing\.js"/);
  });

  it('holds none of the code that loads on first use', () => {
    const activation = read('extension.js');
    const everything = fs.readdirSync(dir).filter((f) => f.endsWith('.js') && f !== 'extension.js').map(read).join('\n');
    for (const marker of LAZY_MARKERS) {
      assert.ok(everything.includes(marker), `the marker "${marker}" is in no lazy bundle: pick another marker`);
    }
    assert.deepStrictEqual(LAZY_MARKERS.filter((marker) => activation.includes(marker)), []);
  });

  it('every bundle it loads by name is built and shipped (.vscodeignore)', () => {
    const named = [...new Set([...read('extension.js').matchAll(/"([A-Za-z]+\.js)"/g)].map((m) => m[1]))].sort();
    assert.ok(named.length >= 8, `bundles named: ${named.join(', ')}`);
    const shipped = fs.readFileSync(path.join(REPO_ROOT, '.vscodeignore'), 'utf8').split(/\r?\n/);
    for (const file of named) {
      assert.ok(fs.existsSync(path.join(dir, file)), `${file} is loaded but not built`);
      assert.ok(shipped.includes(`!dist/${file}`), `${file} is loaded but not shipped (.vscodeignore)`);
    }
  });
});
