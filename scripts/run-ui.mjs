// `npm run test:ui`: Playwright UI tests (test/ui/**/*.test.ts, compiled to out/) in plain Node mocha. Each suite
// gets its own fake Support API, code-server and headless chromium through test/ui/harness.ts.
//
//   node scripts/run-ui.mjs [--no-build] [--grep TEXT]
//
// Ends with a line `RESULT suite=ui passed=N failed=N pending=N`; exits non-zero on failures or when no test ran.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { FULL_BUILD, ensureTestTools, runNpmScripts } from './lib/build.mjs';
import { parseMochaCounts } from './lib/mochaOutput.mjs';
import { REPO_ROOT } from './lib/tools.mjs';

const { values: flags } = parseArgs({
  options: {
    'no-build': { type: 'boolean', default: false },
    grep: { type: 'string' }
  }
});
const log = (line) => console.log(`[ui] ${line}`);

function runMocha() {
  const args = [join(REPO_ROOT, 'node_modules', 'mocha', 'bin', 'mocha.js'), '--no-config', '--ui', 'bdd', '--reporter', 'spec',
    '--timeout', '120000', '--slow', '20000', '--forbid-only', '--exit', 'out/test/ui/**/*.test.js'];
  if (flags.grep) {
    args.push('--grep', flags.grep);
  }
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: REPO_ROOT, stdio: ['inherit', 'pipe', 'inherit'] });
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk.toString();
      process.stdout.write(chunk);
    });
    child.once('error', reject);
    child.once('exit', (code, signal) => resolve({ code: code ?? 1, signal, output }));
  });
}

async function main() {
  const started = Date.now();
  if (!flags['no-build']) {
    runNpmScripts(FULL_BUILD, log);
  }
  ensureTestTools({ host: 'current' });
  // Ctrl+C reaches mocha too; its harness stops servers and browsers. Wait for it instead of dying first.
  process.on('SIGINT', () => log('waiting for the UI tests to stop their servers...'));
  const { code, signal, output } = await runMocha();
  const counts = parseMochaCounts(output);
  log(`ran in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  if (signal || (code !== 0 && counts.failed === 0)) {
    counts.failed = Math.max(counts.failed, 1);
  }
  console.log(`RESULT suite=ui passed=${counts.passed} failed=${counts.failed} pending=${counts.pending}`);
  if (counts.passed === 0 && counts.failed === 0) {
    log('no UI test ran');
    return 1;
  }
  return code === 0 && counts.failed === 0 ? 0 : 1;
}

main().then((code) => {
  process.exitCode = code;
}, (err) => {
  console.error(`[ui] could not run: ${err instanceof Error ? err.message : String(err)}`);
  console.log('RESULT suite=ui passed=0 failed=1 pending=0');
  process.exitCode = 1;
});
