// `npm run test:electron`: the same integration suite (test/integration, run() in out/test/integration/index.js)
// in desktop VS Code through @vscode/test-electron. It downloads VS Code, so it needs the internet (and a display
// on Linux, e.g. `xvfb-run -a npm run test:electron`); the offline path is `npm run test:integration`.
//
//   node scripts/run-electron.mjs [--no-build] [--version 1.139.0|stable|insiders]
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { runTests } from '@vscode/test-electron';
import { runNpmScripts } from './lib/build.mjs';
import { DEFAULT_USER_SETTINGS } from './lib/codeServer.mjs';
import { fakeApiEnvironment, fakeApiSettings, startFakeApiProcess } from './lib/fakeApi.mjs';
import { parseMochaCounts } from './lib/mochaOutput.mjs';
import { registerCleanup, removeDir, runAllCleanups } from './lib/processes.mjs';
import { REPO_ROOT } from './lib/tools.mjs';

const { values: flags } = parseArgs({
  options: {
    'no-build': { type: 'boolean', default: false },
    version: { type: 'string', default: process.env.VSCODE_TEST_VERSION ?? 'stable' }
  }
});
const log = (line) => console.log(`[electron] ${line}`);

/** Copies what @vscode/test-electron forwards from VS Code to our stdout, to read the counts afterwards. */
function captureStdout() {
  let captured = '';
  const write = process.stdout.write.bind(process.stdout);
  process.stdout.write = (chunk, ...rest) => {
    captured += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString();
    return write(chunk, ...rest);
  };
  return () => {
    process.stdout.write = write;
    return captured;
  };
}

async function main() {
  if (!flags['no-build']) {
    // The development path is the repo itself (dist/), so no VSIX is needed here.
    runNpmScripts(['build', 'build:test'], log);
  }
  const fakeApi = await startFakeApiProcess();
  const baseDir = mkdtempSync(join(tmpdir(), 'axway-electron-'));
  registerCleanup(async () => removeDir(baseDir), () => removeDir(baseDir));
  const userDataDir = join(baseDir, 'user-data');
  const workspace = join(baseDir, 'workspace');
  mkdirSync(join(userDataDir, 'User'), { recursive: true });
  mkdirSync(workspace, { recursive: true });
  // The endpoint settings are application-scoped: only the user settings file can set them.
  writeFileSync(join(userDataDir, 'User', 'settings.json'),
    JSON.stringify({ ...DEFAULT_USER_SETTINGS, ...fakeApiSettings(fakeApi) }, null, 2) + '\n');

  const stopCapture = captureStdout();
  let code;
  try {
    code = await runTests({
      version: flags.version,
      extensionDevelopmentPath: REPO_ROOT,
      extensionTestsPath: join(REPO_ROOT, 'out', 'test', 'integration', 'index.js'),
      extensionTestsEnv: fakeApiEnvironment(fakeApi),
      launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes',
        '--user-data-dir', userDataDir, '--extensions-dir', join(baseDir, 'extensions')]
    });
  } catch (err) {
    log(`VS Code run failed: ${err instanceof Error ? err.message : String(err)}`);
    code = 1;
  }
  const counts = parseMochaCounts(stopCapture());
  await runAllCleanups();
  if (code !== 0 && counts.failed === 0) {
    counts.failed = 1;
  }
  console.log(`RESULT suite=electron passed=${counts.passed} failed=${counts.failed} pending=${counts.pending}`);
  return code === 0 && counts.passed > 0 ? 0 : 1;
}

main().then((code) => {
  process.exitCode = code;
}, async (err) => {
  console.error(`[electron] could not run: ${err instanceof Error ? err.message : String(err)}`);
  await runAllCleanups();
  console.log('RESULT suite=electron passed=0 failed=1 pending=0');
  process.exitCode = 1;
});
