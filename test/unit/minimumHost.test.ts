// The minimum VS Code is tested, not only declared: `engines.vscode` must promise exactly the version line of the
// minimum host that `npm test` runs the integration suite on (scripts/lib/tools.mjs), and the API types the extension
// compiles against must not be newer than that promise (vsce refuses such a package, and code could use APIs the
// minimum host lacks).
import * as assert from 'assert';
import * as fs from 'fs';
import { createRequire } from 'module';
import * as path from 'path';
import type * as ToolsLib from '../../scripts/lib/tools.mjs';
import { REPO_ROOT } from './support/figures';

const { MINIMUM_VSCODE_VERSION } = createRequire(__filename)(path.join(REPO_ROOT, 'scripts', 'lib', 'tools.mjs')) as typeof ToolsLib;

interface Manifest {
  readonly engines: { readonly vscode: string };
  readonly devDependencies: Readonly<Record<string, string>>;
}

function majorMinor(version: string): [number, number] {
  const match = /^\^?(\d+)\.(\d+)\.\d+$/.exec(version);
  assert.ok(match, `a plain version: ${version}`);
  return [Number(match[1]), Number(match[2])];
}

function promiseMatchesHost(engines: string, minimumHost: string): boolean {
  const [promisedMajor, promisedMinor] = majorMinor(engines);
  const [hostMajor, hostMinor] = majorMinor(minimumHost);
  return engines.startsWith('^') && promisedMajor === hostMajor && promisedMinor === hostMinor;
}

describe('minimum VS Code: declared equals tested', () => {
  const manifest = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as Manifest;

  it('engines.vscode promises the version line of the minimum test host', () => {
    assert.ok(
      promiseMatchesHost(manifest.engines.vscode, MINIMUM_VSCODE_VERSION),
      `engines.vscode ${manifest.engines.vscode} vs minimum host ${MINIMUM_VSCODE_VERSION}`
    );
  });

  it('the check fires on a promise below or above the tested host', () => {
    const [major, minor] = majorMinor(MINIMUM_VSCODE_VERSION);
    assert.strictEqual(promiseMatchesHost(`^${major}.${minor - 2}.0`, MINIMUM_VSCODE_VERSION), false);
    assert.strictEqual(promiseMatchesHost(`^${major}.${minor + 1}.0`, MINIMUM_VSCODE_VERSION), false);
    assert.strictEqual(promiseMatchesHost(`${major}.${minor}.0`, MINIMUM_VSCODE_VERSION), false);
  });

  it('@types/vscode is not newer than the promise', () => {
    const types = manifest.devDependencies['@types/vscode'];
    assert.ok(types, '@types/vscode is a dev dependency');
    const [typesMajor, typesMinor] = majorMinor(types.replace(/^[~^]/, ''));
    const [major, minor] = majorMinor(manifest.engines.vscode);
    assert.ok(typesMajor < major || (typesMajor === major && typesMinor <= minor), `@types/vscode ${types} vs engines ${manifest.engines.vscode}`);
  });
});
