// `npm start` neither installs nor needs chromium (only the UI suite drives a browser): the tools it prepares
// (DEMO_TOOLS, passed to test-tools as --no-browser) leave the chromium package out, and the files a demo code-server
// needs do not include the browser. The runners that do need chromium still ask for it.
import * as assert from 'assert';
import { createRequire } from 'module';
import * as path from 'path';
import type * as BuildLib from '../../scripts/lib/build.mjs';
import type * as ToolsLib from '../../scripts/lib/tools.mjs';
import { REPO_ROOT } from './support/figures';

const load = createRequire(__filename);
const build = load(path.join(REPO_ROOT, 'scripts', 'lib', 'build.mjs')) as typeof BuildLib;
const tools = load(path.join(REPO_ROOT, 'scripts', 'lib', 'tools.mjs')) as typeof ToolsLib;

describe('the demo\'s test tools: no chromium', () => {
  it('npm start asks test-tools for the current host only, without the browser', () => {
    const args = build.testToolsArgs(build.DEMO_TOOLS);
    assert.ok(args.includes('--no-browser'), args.join(' '));
    assert.deepStrictEqual(args.slice(args.indexOf('--host'), args.indexOf('--host') + 2), ['--host', 'current']);
  });

  it('without the browser no Debian browser package is wanted; with it chromium and its fonts are', () => {
    const demo = tools.aptPackagesFor({ browser: false });
    for (const pkg of tools.BROWSER_APT_PACKAGES) {
      assert.ok(!demo.includes(pkg), `${pkg} is not installed for the demo: ${demo.join(' ')}`);
    }
    // What code-server's native modules build with is still wanted.
    assert.deepStrictEqual([...demo].sort(), [...tools.BUILD_APT_PACKAGES].sort());
    const full = tools.aptPackagesFor();
    assert.ok(full.includes('chromium'), full.join(' '));
    assert.deepStrictEqual([...full].sort(), [...tools.APT_PACKAGES].sort());
    assert.ok(tools.aptPackagesFor({ browser: false, minimum: true }).includes('ripgrep'));
  });

  it('a code-server without the browser needs its Node and entry point, not chromium', () => {
    const demo = tools.requiredToolFiles(tools.HOSTS.current, { browser: false });
    assert.deepStrictEqual(demo, [tools.HOSTS.current.nodeBin, tools.HOSTS.current.entry]);
    assert.ok(tools.requiredToolFiles(tools.HOSTS.current).includes(tools.CHROMIUM_BIN));
  });

  it('the suites that drive a browser still get it (the default)', () => {
    assert.ok(!build.testToolsArgs({ host: 'current' }).includes('--no-browser'));
    assert.ok(!build.testToolsArgs().includes('--host'), 'no host: both hosts');
  });
});
