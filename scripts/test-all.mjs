// `npm test`: every check in order, none silently skipped: test tools, lint, the GitHub workflows (actionlint),
// typecheck, build, package (VSIX), unit tests, integration tests (in code-server's extension host, on the current
// VS Code and again on the oldest one `engines.vscode` admits, see scripts/lib/tools.mjs), UI tests (Playwright on the workbench), then
// docs/reliability.md regenerated from the figures those suites measured (scripts/reliability-report.mjs), which fails
// the run when it differs from the document as it was before the run (the committed one, in CI). A summary with
// per-suite counts ends with the totals line `N passed, N failed`; the exit code is non-zero if any step failed
// or did not run. A step that fails without test counts (tools, lint, workflows, typecheck, build, package, a suite that
// could not start) counts as one failure.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describeDocDrift } from './lib/docDrift.mjs';
import { parseMochaCounts } from './lib/mochaOutput.mjs';
import { REPO_ROOT } from './lib/tools.mjs';

const NODE = process.execPath;
const script = (name) => join(REPO_ROOT, 'scripts', name);

/** kind 'check': pass/fail only; kind 'suite': test counts are read from its output. */
const STEPS = [
  { name: 'test-tools', kind: 'check', command: NODE, args: [script('test-tools.mjs')] },
  { name: 'lint', kind: 'check', command: 'npm', args: ['run', '--silent', 'lint'] },
  { name: 'workflows', kind: 'check', command: NODE, args: [script('lint-workflows.mjs')] },
  { name: 'typecheck', kind: 'check', command: 'npm', args: ['run', '--silent', 'typecheck'] },
  { name: 'build', kind: 'check', command: 'npm', args: ['run', '--silent', 'build:prod'], then: ['build:test'] },
  { name: 'package', kind: 'check', needs: ['build'], command: 'npm', args: ['run', '--silent', 'package'] },
  { name: 'unit', kind: 'suite', needs: ['build'], command: 'npm', args: ['run', '--silent', 'test:unit'] },
  { name: 'integration', kind: 'suite', needs: ['build', 'package'], command: NODE, args: [script('run-integration.mjs'), '--no-build'] },
  // The same suite on the minimum host: the declared minimum is tested, not just declared. It writes its logs and
  // figures to test-results/minimum/, so docs/reliability.md stays made from the current host's run.
  { name: 'integration-minimum', kind: 'suite', needs: ['build', 'package'], command: NODE, args: [script('run-integration.mjs'), '--no-build', '--host', 'minimum'] },
  { name: 'ui', kind: 'suite', needs: ['build', 'package'], command: NODE, args: [script('run-ui.mjs'), '--no-build'] },
  // docs/reliability.md from this run's figures (written by the unit and integration suites); fails on any failed row,
  // leak, escaped error or beacon in them. It does not wait for a passing unit step: the unit suite checks the
  // committed document, which this step is there to bring up to date (the unit figures it needs are written anyway).
  { name: 'reliability', kind: 'check', needs: ['integration'], command: NODE, args: [script('reliability-report.mjs')] }
];

/** Figures of an earlier run must never end up in the document: the suites write them afresh. */
const FIGURES_DIR = join(REPO_ROOT, 'test-results', 'reliability');
const RELIABILITY_DOC = join(REPO_ROOT, 'docs', 'reliability.md');

let interrupted = false;
// Ctrl+C reaches the running step too; let it clean up, then stop instead of starting the next step.
process.on('SIGINT', () => {
  interrupted = true;
});

function runStep(command, args) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk.toString();
      process.stdout.write(chunk);
    });
    child.stderr.on('data', (chunk) => {
      output += chunk.toString();
      process.stderr.write(chunk);
    });
    child.once('error', (err) => resolve({ code: 1, output: `${output}\n${err.message}` }));
    child.once('exit', (code, signal) => resolve({ code: code ?? (signal ? 1 : 0), output }));
  });
}

async function runWithFollowUps(step) {
  const first = await runStep(step.command, step.args);
  if (first.code !== 0 || !step.then) {
    return first;
  }
  for (const follow of step.then) {
    const next = await runStep('npm', ['run', '--silent', follow]);
    if (next.code !== 0) {
      return next;
    }
  }
  return first;
}

function banner(text) {
  console.log(`\n${'='.repeat(100)}\n== ${text}\n${'='.repeat(100)}`);
}

async function main() {
  const started = Date.now();
  rmSync(FIGURES_DIR, { recursive: true, force: true });
  const docBefore = existsSync(RELIABILITY_DOC) ? readFileSync(RELIABILITY_DOC, 'utf8') : '';
  const results = [];
  const failedSteps = new Set();
  for (const step of STEPS) {
    if (interrupted) {
      results.push({ name: step.name, status: 'not run (interrupted)', passed: 0, failed: 1, pending: 0, ms: 0 });
      continue;
    }
    const missing = (step.needs ?? []).filter((need) => failedSteps.has(need));
    if (missing.length > 0) {
      results.push({ name: step.name, status: `not run (${missing.join(', ')} failed)`, passed: 0, failed: 1, pending: 0, ms: 0 });
      failedSteps.add(step.name);
      continue;
    }
    banner(`${step.name}: ${[step.command === NODE ? 'node' : step.command, ...step.args.map((a) => a.replace(`${REPO_ROOT}/`, ''))].join(' ')}${step.then ? ` + ${step.then.join(' + ')}` : ''}`);
    const stepStarted = Date.now();
    const { code, output } = await runWithFollowUps(step);
    const ms = Date.now() - stepStarted;
    if (step.kind === 'check') {
      const ok = code === 0;
      results.push({ name: step.name, status: ok ? 'ok' : `FAILED (exit ${code})`, passed: 0, failed: ok ? 0 : 1, pending: 0, ms, check: true });
      if (!ok) {
        failedSteps.add(step.name);
      }
      continue;
    }
    const counts = parseMochaCounts(output);
    let status = code === 0 ? 'ok' : `FAILED (exit ${code})`;
    let failed = counts.failed;
    if (!counts.found || counts.passed + counts.failed === 0) {
      status = 'FAILED (no tests ran)';
      failed = Math.max(failed, 1);
    } else if (code !== 0 && failed === 0) {
      failed = 1;
    }
    if (failed > 0) {
      failedSteps.add(step.name);
    }
    results.push({ name: step.name, status, passed: counts.passed, failed, pending: counts.pending, ms });
  }

  // The document holds only figures that do not vary between runs, so a difference is a changed result or a hand
  // edit. The new document is already written: review it with git diff and commit it, and the next run passes.
  if (results.some((r) => r.name === 'reliability' && r.status === 'ok')) {
    const drift = describeDocDrift(docBefore, readFileSync(RELIABILITY_DOC, 'utf8'));
    results.push({ name: 'reliability-doc', status: drift ? 'FAILED (differs from the committed one)' : 'ok', passed: 0, failed: drift ? 1 : 0, pending: 0, ms: 0, check: true });
    if (drift) {
      console.log(`\n[test] ${drift}`);
    }
  }

  banner('summary');
  for (const r of results) {
    const counts = r.check ? '' : `${r.passed} passed, ${r.failed} failed${r.pending ? `, ${r.pending} pending` : ''}`;
    console.log(`  ${r.name.padEnd(20)} ${r.status.padEnd(28)} ${counts.padEnd(34)} ${(r.ms / 1000).toFixed(1).padStart(6)} s`);
  }
  const passed = results.reduce((sum, r) => sum + r.passed, 0);
  const failed = results.reduce((sum, r) => sum + r.failed, 0);
  const pending = results.reduce((sum, r) => sum + r.pending, 0);
  console.log(`  total time ${((Date.now() - started) / 1000).toFixed(1)} s${pending ? ` (${pending} pending tests count as failures)` : ''}`);
  // No skipped tests are allowed: a pending test is a failure for the totals.
  const totalFailed = failed + pending;
  console.log(`${passed} passed, ${totalFailed} failed`);
  return totalFailed === 0 && results.every((r) => r.status === 'ok') ? 0 : 1;
}

main().then((code) => {
  process.exitCode = code;
}, (err) => {
  console.error(`[test] ${err instanceof Error ? err.stack ?? err.message : String(err)}`);
  console.log('0 passed, 1 failed');
  process.exitCode = 1;
});
