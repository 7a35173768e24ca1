// `npm run test:integration`: the mocha suite in test/integration runs inside the extension host of a real
// VS Code (code-server 1.139 + headless chromium, or the minimum host), against the fake Support API.
//
//   node scripts/run-integration.mjs [--host current|minimum] [--no-build] [--dev] [--keep] [--timeout-ms N]
//     --host       current (default): code-server 4.139.1; minimum: the oldest code-server the registry has that
//                  satisfies engines.vscode (scripts/lib/tools.mjs). Its logs and figures go to test-results/minimum/.
//     --no-build   skip `npm run build:prod`, `package` and `build:test` (the caller built already)
//     --dev        load the extension from the repo (dist/) instead of the installed VSIX
//     --keep       keep the code-server temp folder (logs) after the run
//     --grep TEXT  run only the tests whose full title contains TEXT (while developing; npm test runs them all)
//     --verbose    also print the workbench's own log lines (always saved to test-results/integration-workbench.log)
//   Harness self-check with another extension: --vsix X.vsix --tests /abs/suite/index.js --no-fake-api
//
// Ends with a line `RESULT suite=integration passed=N failed=N pending=N` (suite=integration-minimum on that host) and
// exits non-zero on any failure, including when the suite could not run at all or printed no AXWAY_INTEGRATION_RESULT
// line (a suite given with --tests must print it too).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { inspect, parseArgs } from 'node:util';
import { EXTENSION_ID, FULL_BUILD, VSIX_PATH, ensureTestTools, runNpmScripts } from './lib/build.mjs';
import { launchChromium } from './lib/browser.mjs';
import { startCodeServer, testPayloadUrl } from './lib/codeServer.mjs';
import { fakeApiEnvironment, fakeApiSettings, startFakeApiProcess } from './lib/fakeApi.mjs';
import { mib, runAllCleanups, startPeakSampler } from './lib/processes.mjs';
import { REPO_ROOT, hostNamed } from './lib/tools.mjs';

const RESULT_MARKER = 'AXWAY_INTEGRATION_RESULT';
const ACTIVATION_MARKER = 'AXWAY_ACTIVATION_TIMES';
// index.ts prefixes the extension host's console output with it, to tell it from the workbench's log lines.
const LOG_PREFIX = '[exthost]';

const { values: flags } = parseArgs({
  options: {
    'no-build': { type: 'boolean', default: false },
    dev: { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
    'timeout-ms': { type: 'string', default: process.env.AXWAY_INTEGRATION_TIMEOUT_MS ?? '300000' },
    vsix: { type: 'string' },
    tests: { type: 'string' },
    'no-fake-api': { type: 'boolean', default: false },
    verbose: { type: 'boolean', default: false },
    grep: { type: 'string' },
    host: { type: 'string' }
  }
});

let host;
try {
  host = hostNamed(flags.host);
} catch (err) {
  console.error(`[integration] ${err instanceof Error ? err.message : String(err)}`);
  console.log('RESULT suite=integration passed=0 failed=1 pending=0');
  process.exit(1);
}
const SUITE = host.name === 'current' ? 'integration' : `integration-${host.name}`;
// The minimum host's run must not overwrite the current host's logs and figures (docs/reliability.md is made from those).
const RESULTS_DIR = host.name === 'current' ? join(REPO_ROOT, 'test-results') : join(REPO_ROOT, 'test-results', host.name);

const log = (line) => console.log(`[integration] ${line}`);
const started = Date.now();
if (flags.grep) {
  // code-server passes its environment on to the extension host, where test/integration/index.ts reads it.
  process.env.AXWAY_INTEGRATION_GREP = flags.grep;
}

function formatArg(value) {
  return typeof value === 'string' ? value : inspect(value, { depth: 4, breakLength: Infinity });
}

function parseMarker(line, marker) {
  const at = line.indexOf(marker);
  if (at < 0) {
    return undefined;
  }
  try {
    return JSON.parse(line.slice(at + marker.length).trim());
  } catch {
    return undefined;
  }
}

/** Prints the one parseable result line that `npm test` reads. */
function printResult(counts) {
  console.log(`RESULT suite=${SUITE} passed=${counts.passed} failed=${counts.failed} pending=${counts.pending}`);
}

async function main() {
  if (!flags['no-build']) {
    runNpmScripts(FULL_BUILD, log);
  }
  ensureTestTools({ host: host.name });

  const vsix = flags.vsix ?? VSIX_PATH;
  const testsPath = flags.tests ?? join(REPO_ROOT, 'out', 'test', 'integration', 'index.js');
  const fakeApi = flags['no-fake-api'] ? undefined : await startFakeApiProcess();
  if (fakeApi) {
    log(`fake Support API at ${fakeApi.origin}`);
  }
  // A second fake API that the opened folder's .vscode/settings.json points the endpoints at: the extension's
  // endpoint settings are application-scoped, so a test proves this decoy never receives anything.
  const decoyApi = fakeApi ? await startFakeApiProcess() : undefined;

  // What the suite in the extension host reads from process.env (test/integration/support.ts).
  const extensionEnvironment = {
    ...(fakeApi ? fakeApiEnvironment(fakeApi) : {}),
    ...(decoyApi ? { AXWAY_DECOY_ORIGIN: decoyApi.origin } : {}),
    AXWAY_LOG_PREFIX: LOG_PREFIX,
    AXWAY_RESULTS_DIR: RESULTS_DIR
  };
  const server = await startCodeServer({
    host,
    smokeTestDriver: true,
    vsix,
    // Auto-refresh and the awaiting-you count off: a timer or a counting request in the middle of a suite would add
    // list requests to its counted budgets (or take a fault planted for the list). test/integration/15-follow.test.ts
    // turns both on itself (the timer through the test API's interval override).
    settings: fakeApi ? { ...fakeApiSettings(fakeApi), 'axwaySupport.autoRefresh.intervalMinutes': 0, 'axwaySupport.statusBar.enabled': false } : {},
    // editor.wordWrapColumn is a window-scoped marker in the same file: test/integration/10-workspace-settings checks
    // that VS Code reports it as the workspace value, which proves the file (and its decoy endpoints) is really read.
    // The same file also asks for what a hostile repository would: auto-refresh every 60 ms (0.001 minutes), a
    // pop-up for every change and the status-bar count that spends requests; none of it may apply.
    ...(decoyApi
      ? {
          workspaceSettings: {
            ...fakeApiSettings(decoyApi),
            'editor.wordWrapColumn': 77,
            'axwaySupport.autoRefresh.intervalMinutes': 0.001,
            'axwaySupport.notifications': 'allChanges',
            'axwaySupport.statusBar.enabled': true
          }
        }
      : {}),
    // Mocha's symbols are coloured by picocolors whenever CI is set; the workbench forwards plain text.
    // A host whose workbench ignores the payload's extensionEnvironment gets it through code-server's environment,
    // which its extension host inherits.
    env: { NO_COLOR: '1', ...(host.payloadEnvironment ? {} : extensionEnvironment) },
    keepFiles: flags.keep
  });
  log(`code-server ${host.codeServerVersion} ${server.origin} (pid ${server.pid}), extension installed in ${server.installedExtensionDir}`);
  // The installed VSIX is what users get; loading it as the development extension proves the package itself.
  const extensionDevelopmentPath = flags.dev ? REPO_ROOT : server.installedExtensionDir;
  const chromium = await launchChromium();
  const serverMemory = startPeakSampler(() => server.rss());
  const browserMemory = startPeakSampler(() => chromium.rss());

  const counts = { passed: 0, failed: 0, pending: 0 };
  let sawResult = false;
  let activation;
  const page = await chromium.browser.newPage();
  let finish;
  const exitCode = new Promise((resolve) => {
    finish = resolve;
  });
  let lastLogs = [];
  const workbenchLog = [];
  await page.exposeFunction('codeAutomationLog', (type, args) => {
    const line = (Array.isArray(args) ? args : [args]).map(formatArg).join(' ');
    const result = parseMarker(line, RESULT_MARKER);
    if (result) {
      sawResult = true;
      Object.assign(counts, { passed: result.passed ?? 0, failed: result.failed ?? 0, pending: result.pending ?? 0 });
      log(`VS Code ${result.version} (${result.host})`);
      return;
    }
    const times = parseMarker(line, ACTIVATION_MARKER);
    if (times) {
      activation = times;
      return;
    }
    workbenchLog.push(`${type}: ${line}`);
    if (line.startsWith(LOG_PREFIX)) {
      console.log(line.slice(LOG_PREFIX.length + 1));
    } else if (flags.verbose) {
      console.log(`[workbench ${type}] ${line}`);
    }
  });
  await page.exposeFunction('codeAutomationExit', (code, logs) => {
    lastLogs = Array.isArray(logs) ? logs : [];
    finish(typeof code === 'number' ? code : 1);
  });
  page.on('pageerror', (error) => console.error(`[integration] page error: ${error.message}`));
  page.on('crash', () => {
    console.error('[integration] the workbench page crashed');
    finish(1);
  });

  const url = testPayloadUrl(server, {
    extensionDevelopmentPath,
    extensionTestsPath: testsPath,
    extensionEnvironment
  });
  const suiteStarted = Date.now();
  await page.goto(url);
  const timeoutMs = Number(flags['timeout-ms']);
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`the suite did not finish within ${timeoutMs} ms`)), timeoutMs);
  });
  const code = await Promise.race([exitCode, timeout]).catch((err) => {
    console.error(`[integration] ${err.message}`);
    return 1;
  }).finally(() => clearTimeout(timer));
  const suiteMs = Date.now() - suiteStarted;
  if (!sawResult) {
    // The suite did not report: show what the workbench said, that is where the reason is.
    log('the suite printed no result; last workbench log lines:');
    console.log(workbenchLog.slice(-40).join('\n'));
  }

  const serverPeak = serverMemory.stop();
  const browserPeak = browserMemory.stop();
  mkdirSync(RESULTS_DIR, { recursive: true });
  writeFileSync(join(RESULTS_DIR, 'integration-workbench.log'), workbenchLog.join('\n') + '\n');
  if (lastLogs.length > 0) {
    writeFileSync(join(RESULTS_DIR, 'integration-vscode-logs.json'), JSON.stringify(lastLogs, null, 1));
  }
  if (activation) {
    writeFileSync(join(RESULTS_DIR, 'activation-times.json'), JSON.stringify({ ...activation, host: 'code-server', measuredAt: new Date().toISOString() }, null, 2) + '\n');
    if (activation.missing) {
      log(`activation times: none recorded for ${EXTENSION_ID}`);
    } else {
      log(`activation times (VS Code extension host marks): code loading ${activation.codeLoadingMs} ms, ` +
        `activate ${activation.activateMs} ms, total ${activation.totalMs} ms`);
    }
  }
  log(`memory peak: code-server ${mib(serverPeak)}, chromium ${mib(browserPeak)}`);
  log(`suite ran in ${(suiteMs / 1000).toFixed(1)} s (whole run ${((Date.now() - started) / 1000).toFixed(1)} s), exit code ${code}`);

  await page.close().catch(() => undefined);
  await runAllCleanups();

  // A suite that printed no result line did not report what ran: that is a failure, whatever its exit code.
  const ok = code === 0 && sawResult;
  if (!ok && counts.failed === 0) {
    counts.failed = 1;
  }
  printResult(counts);
  return ok ? 0 : 1;
}

main().then((code) => {
  process.exitCode = code;
}, async (err) => {
  console.error(`[integration] could not run: ${err instanceof Error ? err.stack ?? err.message : String(err)}`);
  await runAllCleanups();
  printResult({ passed: 0, failed: 1, pending: 0 });
  process.exitCode = 1;
});
