// The GitHub workflows, checked here since no runner runs them before a release: actionlint accepts both and rejects
// a planted broken one; CI runs .ci/run in Debian 12 + Node 20 and keeps the VSIX, the reliability report and the UI
// pictures; the release job checks the tag, builds once, and every publish step (run here with stand-in `npx` and
// `gh` on PATH) gets that one VSIX, --skip-duplicate, and --pre-release exactly for odd minors. Each check is also run
// on a broken copy of the release workflow, to see it fail.
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import { createRequire } from 'module';
import * as os from 'os';
import * as path from 'path';
import { parse } from 'yaml';
import type * as ReleaseLib from '../../scripts/lib/release.mjs';
import { REPO_ROOT } from './support/figures';

const release = createRequire(__filename)(path.join(REPO_ROOT, 'scripts', 'lib', 'release.mjs')) as typeof ReleaseLib;
const WORKFLOWS = path.join(REPO_ROOT, '.github', 'workflows');
const LINTER = path.join(REPO_ROOT, 'scripts', 'lint-workflows.mjs');

interface Step {
  readonly name?: string;
  readonly id?: string;
  readonly uses?: string;
  readonly run?: string;
  readonly shell?: string;
  readonly if?: string;
  readonly with?: Readonly<Record<string, unknown>>;
  readonly env?: Readonly<Record<string, unknown>>;
}
interface Job {
  readonly needs?: string | readonly string[];
  readonly container?: { readonly image?: string } | string;
  readonly outputs?: Readonly<Record<string, string>>;
  readonly permissions?: Readonly<Record<string, string>>;
  readonly steps: readonly Step[];
}
interface Workflow {
  readonly on: Readonly<Record<string, unknown>>;
  readonly jobs: Readonly<Record<string, Job>>;
}

function readWorkflow(name: string): Workflow {
  return parse(fs.readFileSync(path.join(WORKFLOWS, name), 'utf8')) as Workflow;
}

/** A deep copy to break on purpose. */
function copy<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

function lint(...files: string[]): { status: number | null; output: string } {
  const run = spawnSync(process.execPath, [LINTER, ...files], { encoding: 'utf8' });
  return { status: run.status, output: run.stdout + run.stderr };
}

/** `${{ needs.build.outputs.x }}`, `${{ secrets.X }}` and `${{ github.token }}` as a runner would substitute them. */
function substitute(value: unknown, outputs: Readonly<Record<string, string>>): string {
  return String(value).replace(/\$\{\{\s*([^}]+?)\s*\}\}/g, (_all, expression: string) => {
    const need = /^needs\.build\.outputs\.(\w+)$/.exec(expression);
    if (need) {
      assert.ok(need[1] in outputs, `the build job has no output ${need[1]}`);
      return outputs[need[1]];
    }
    const secret = /^secrets\.(\w+)$/.exec(expression);
    if (secret) {
      return `secret-${secret[1]}`;
    }
    if (expression === 'github.token') {
      return 'github-token';
    }
    throw new Error(`no stand-in for \${{ ${expression} }}`);
  });
}

/** A folder with stand-in `npx` and `gh` that append their arguments (one JSON line per call) to calls.jsonl. */
function standIns(): { bin: string; calls: () => { tool: string; args: string[]; ovsxPat?: string }[] } {
  const bin = fs.mkdtempSync(path.join(os.tmpdir(), 'workflow-standins-'));
  const log = path.join(bin, 'calls.jsonl');
  const record = (tool: string): string => [
    '#!/usr/bin/env node',
    `require('fs').appendFileSync(${JSON.stringify(log)}, JSON.stringify({ tool: ${JSON.stringify(tool)}, args: process.argv.slice(2), ovsxPat: process.env.OVSX_PAT }) + '\\n');`,
    // `gh release view` of a release that does not exist yet fails, as the real one does.
    `if (${JSON.stringify(tool)} === 'gh' && process.argv[3] === 'view') { process.exit(Number(process.env.STANDIN_GH_VIEW_EXIT ?? 1)); }`
  ].join('\n');
  for (const tool of ['npx', 'gh']) {
    fs.writeFileSync(path.join(bin, tool), record(tool), { mode: 0o755 });
  }
  return {
    bin,
    calls: () => (fs.existsSync(log) ? fs.readFileSync(log, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as { tool: string; args: string[]; ovsxPat?: string }) : [])
  };
}

/** Runs every `run:` step of a job in bash, as the runner would (env from `env:`), with the stand-ins first on PATH. */
function runJob(job: Job, outputs: Readonly<Record<string, string>>, extraEnv: Readonly<Record<string, string>> = {}): ReturnType<ReturnType<typeof standIns>['calls']> {
  const fakes = standIns();
  try {
    for (const step of job.steps.filter((s) => s.run !== undefined)) {
      const env: Record<string, string> = {
        PATH: `${fakes.bin}:${process.env.PATH ?? ''}`,
        GITHUB_REF_NAME: `v${outputs.version}`,
        GITHUB_REPOSITORY: 'owner/axway-support-cases',
        ...extraEnv
      };
      for (const [key, value] of Object.entries(step.env ?? {})) {
        env[key] = substitute(value, outputs);
      }
      // `npm ci` steps install the CLIs on a runner; here the stand-ins take their place.
      if (/^npm ci\b/.test(step.run ?? '')) {
        continue;
      }
      const result = spawnSync('bash', ['-e', '-c', step.run ?? ''], { env, encoding: 'utf8', cwd: fakes.bin });
      assert.strictEqual(result.status, 0, `step "${step.name}" failed: ${result.stderr}`);
    }
    return fakes.calls();
  } finally {
    fs.rmSync(fakes.bin, { recursive: true, force: true });
  }
}

function outputsFor(version: string): Record<string, string> {
  return { version, vsix: release.vsixFileName({ name: release.readManifest().name, version }), prerelease: String(release.isPreRelease(version)) };
}

function valueAfter(args: readonly string[], flag: string): string | undefined {
  const at = args.indexOf(flag);
  return at < 0 ? undefined : args[at + 1];
}

function downloadPath(job: Job): string {
  const download = job.steps.find((s) => s.uses?.startsWith('actions/download-artifact@'));
  assert.ok(download, 'the job downloads the build\'s artifact');
  assert.strictEqual(download.with?.name, 'release');
  return String(download.with?.path ?? '.');
}

/**
 * What is wrong with the release workflow, as sentences (none = fine). Runs its publish jobs with stand-ins for an
 * even and an odd minor version.
 */
function releaseProblems(workflow: Workflow): string[] {
  const problems: string[] = [];
  const problem = (ok: unknown, sentence: string): void => {
    if (!ok) {
      problems.push(sentence);
    }
  };
  const tags = (workflow.on.push as { tags?: string[] } | undefined)?.tags ?? [];
  problem(Object.keys(workflow.on).length === 1 && tags.length === 1 && tags[0] === 'v*', 'runs on v* tags only');

  const build = workflow.jobs.build;
  const buildSteps = build?.steps ?? [];
  const tagStep = buildSteps.findIndex((s) => /node scripts\/release\.mjs check-tag "\$GITHUB_REF_NAME" >> "\$GITHUB_OUTPUT"/.test(s.run ?? ''));
  const buildStep = buildSteps.findIndex((s) => (s.run ?? '').trim() === 'bash .ci/run');
  problem(tagStep >= 0, 'the build job checks the tag against package.json with scripts/release.mjs check-tag');
  problem(buildStep >= 0 && tagStep >= 0 && tagStep < buildStep, 'the tag is checked before anything is built');
  const tagId = buildSteps[tagStep]?.id;
  for (const output of ['version', 'vsix', 'prerelease']) {
    problem(build?.outputs?.[output] === `\${{ steps.${tagId}.outputs.${output} }}`, `the build job's output ${output} comes from the tag check`);
  }
  const upload = buildSteps.find((s) => s.uses?.startsWith('actions/upload-artifact@'));
  problem(upload?.with?.name === 'release' && String(upload.with.path).includes(`\${{ steps.${tagId}.outputs.vsix }}`), 'the build job uploads the VSIX it packaged');

  // Built once: only the build job packages or runs the suite; every other job only publishes.
  const builders = Object.entries(workflow.jobs).filter(([, job]) => job.steps.some((s) => /\.ci\/run|npm (run )?(package|test)\b|vsce package/.test(s.run ?? '')));
  problem(builders.length === 1 && builders[0][0] === 'build', `only the build job builds (found: ${builders.map(([name]) => name).join(', ')})`);

  for (const [name, job] of Object.entries(workflow.jobs)) {
    for (const step of job.steps) {
      problem(!(step.run ?? '').includes('${{'), `job ${name}, step "${step.name}": run scripts read env, not \${{ }}`);
    }
  }

  const marketplace = workflow.jobs.marketplace;
  const openVsx = workflow.jobs['open-vsx'];
  const github = workflow.jobs['github-release'];
  problem(marketplace && openVsx && github, 'publishes to the Marketplace, Open VSX and a GitHub release');
  if (!marketplace || !openVsx || !github) {
    return problems;
  }
  const loginAt = marketplace.steps.findIndex((s) => s.uses?.startsWith('azure/login@'));
  const login = marketplace.steps[loginAt];
  problem(login && login.with?.['allow-no-subscriptions'] === true && login.with['client-id'] && login.with['tenant-id'] && !login.with.creds,
    'the Marketplace job signs in to Entra ID with OIDC (client and tenant ID, no stored credential)');
  problem(marketplace.permissions?.['id-token'] === 'write', 'the Marketplace job may request an OIDC token');
  problem(marketplace.steps.findIndex((s) => /npx vsce/.test(s.run ?? '')) > loginAt, 'vsce publishes after the Entra ID sign-in');

  for (const version of ['0.2.0', '0.3.0']) {
    const outputs = outputsFor(version);
    const odd = outputs.prerelease === 'true';
    const expected = (job: Job): string => path.posix.join(downloadPath(job), outputs.vsix);
    const published: string[] = [];

    const vsce = runJob(marketplace, outputs).filter((c) => c.tool === 'npx');
    problem(vsce.length === 1 && vsce[0].args[0] === 'vsce' && vsce[0].args[1] === 'publish', `${version}: the Marketplace job runs vsce publish once`);
    for (const call of vsce) {
      published.push(String(valueAfter(call.args, '--packagePath')));
      problem(valueAfter(call.args, '--packagePath') === expected(marketplace), `${version}: vsce publishes the downloaded VSIX`);
      problem(call.args.includes('--azure-credential') && !call.args.includes('--pat') && !call.args.includes('-p'), `${version}: vsce signs in with --azure-credential`);
      problem(call.args.includes('--skip-duplicate'), `${version}: vsce publish --skip-duplicate`);
      problem(call.args.includes('--pre-release') === odd, `${version}: vsce --pre-release exactly for an odd minor`);
    }

    const ovsx = runJob(openVsx, outputs).filter((c) => c.tool === 'npx');
    problem(ovsx.length === 1 && ovsx[0].args[0] === 'ovsx' && ovsx[0].args[1] === 'publish', `${version}: the Open VSX job runs ovsx publish once`);
    for (const call of ovsx) {
      published.push(String(valueAfter(call.args, '--packagePath')));
      problem(valueAfter(call.args, '--packagePath') === expected(openVsx), `${version}: ovsx publishes the downloaded VSIX`);
      problem(call.ovsxPat === 'secret-OVSX_PAT' && !call.args.includes('--pat') && !call.args.includes('-p'), `${version}: ovsx takes OVSX_PAT from the environment`);
      problem(call.args.includes('--skip-duplicate'), `${version}: ovsx publish --skip-duplicate`);
      problem(call.args.includes('--pre-release') === odd, `${version}: ovsx --pre-release exactly for an odd minor`);
    }

    const created = runJob(github, outputs).filter((c) => c.tool === 'gh' && c.args[1] === 'create');
    problem(created.length === 1, `${version}: the GitHub release is created once`);
    for (const call of created) {
      published.push(call.args[3]);
      problem(call.args[2] === `v${version}` && call.args[3] === expected(github), `${version}: the GitHub release of the tag carries the downloaded VSIX`);
      problem(valueAfter(call.args, '--notes-file') === path.posix.join(downloadPath(github), 'release-notes.md'), `${version}: the notes are the CHANGELOG section the build job cut`);
      problem(call.args.includes('--prerelease') === odd, `${version}: the GitHub release is a pre-release exactly for an odd minor`);
    }
    const rerun = runJob(github, outputs, { STANDIN_GH_VIEW_EXIT: '0' }).filter((c) => c.tool === 'gh' && c.args[1] !== 'view');
    problem(rerun.length === 1 && rerun[0].args[1] === 'upload' && rerun[0].args.includes('--clobber'), `${version}: a re-run replaces the VSIX of the existing release`);

    problem(published.length === 3 && new Set(published).size === 1, `${version}: every publish step uses the same file (${published.join(', ')})`);
  }
  return problems;
}

describe('GitHub workflows', function () {
  // Loads actionlint (WebAssembly) and runs bash a dozen times: seconds on a busy machine.
  this.timeout(120_000);

  it('actionlint accepts both workflows', () => {
    const files = fs.readdirSync(WORKFLOWS).sort();
    assert.deepStrictEqual(files, ['ci.yml', 'release.yml']);
    const result = lint(...files.map((f) => path.join(WORKFLOWS, f)));
    assert.strictEqual(result.status, 0, result.output);
  });

  it('actionlint rejects a broken workflow: a job needing a missing job, an unknown context, an unknown runner', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'broken-workflow-'));
    try {
      // String.replace changes the first occurrence: the marketplace job's `needs`, the build job's output.
      const broken = fs.readFileSync(path.join(WORKFLOWS, 'release.yml'), 'utf8')
        .replace('needs: build', 'needs: biuld')
        .replace('vsix: ${{ steps.tag.outputs.vsix }}', 'vsix: ${{ step.tag.outputs.vsix }}')
        .replace('runs-on: ubuntu-latest', 'runs-on: ubuntu-latst');
      const file = path.join(dir, 'release.yml');
      fs.writeFileSync(file, broken);
      const result = lint(file);
      assert.strictEqual(result.status, 1, result.output);
      for (const expected of [/biuld/, /undefined variable "step"/, /ubuntu-latst/]) {
        assert.match(result.output, expected);
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('CI runs .ci/run on every push and pull request in Debian 12 with Node 20, and keeps the VSIX, the report and the pictures', () => {
    const ci = readWorkflow('ci.yml');
    assert.deepStrictEqual(Object.keys(ci.on).sort(), ['pull_request', 'push']);
    assert.strictEqual(ci.on.push, null, 'every push: no branch or path filter');
    assert.strictEqual(ci.on.pull_request, null, 'every pull request');
    const [job] = Object.values(ci.jobs);
    const image = typeof job.container === 'string' ? job.container : job.container?.image;
    assert.strictEqual(image, 'node:20-bookworm', 'Debian 12 (bookworm) with Node 20');
    const runs = job.steps.filter((s) => s.run !== undefined).map((s) => s.run?.trim());
    assert.deepStrictEqual(runs, ['bash .ci/run'], 'the same script as a clean clone here, and nothing else');
    const uploads = job.steps.filter((s) => s.uses?.startsWith('actions/upload-artifact@'));
    assert.ok(uploads.every((s) => s.if === 'always()'), 'artifacts are kept when a test fails too');
    const paths = uploads.flatMap((s) => String(s.with?.path).split('\n').map((p) => p.trim()).filter(Boolean));
    // test-results/ui is where the UI harness writes its screenshots (SCREENSHOT_DIR in test/ui/harness.ts).
    for (const expected of ['*.vsix', 'docs/reliability.md', 'test-results/ui/']) {
      assert.ok(paths.includes(expected), `uploads ${expected} (uploads: ${paths.join(', ')})`);
    }
    assert.match(fs.readFileSync(path.join(REPO_ROOT, 'test', 'ui', 'harness.ts'), 'utf8'), /SCREENSHOT_DIR = path\.join\(REPO_ROOT, 'test-results', 'ui'\)/);
  });

  it('the release job checks the tag, builds once and publishes that VSIX everywhere, --pre-release for odd minors, --skip-duplicate', () => {
    assert.deepStrictEqual(releaseProblems(readWorkflow('release.yml')), []);
  });

  describe('the release checks fail on a broken release workflow', () => {
    const breakages: { readonly what: string; readonly expect: RegExp; readonly edit: (w: { jobs: Record<string, { steps: Step[]; outputs?: Record<string, string> }> }) => void }[] = [
      {
        what: 'Open VSX gets a VSIX of its own making',
        expect: /only the build job builds|ovsx publishes the downloaded VSIX|same file/,
        edit: (w) => {
          const step = w.jobs['open-vsx'].steps.find((s) => /npx ovsx/.test(s.run ?? ''));
          Object.assign(step ?? {}, { run: 'npx vsce package --out fresh.vsix\nnpx ovsx publish --packagePath fresh.vsix --skip-duplicate' });
        }
      },
      {
        what: 'no --skip-duplicate on the Marketplace',
        expect: /vsce publish --skip-duplicate/,
        edit: (w) => {
          const step = w.jobs.marketplace.steps.find((s) => /npx vsce/.test(s.run ?? ''));
          Object.assign(step ?? {}, { run: (step?.run ?? '').replace(' --skip-duplicate', '') });
        }
      },
      {
        what: '--pre-release always',
        expect: /ovsx --pre-release exactly for an odd minor/,
        edit: (w) => {
          const step = w.jobs['open-vsx'].steps.find((s) => /npx ovsx/.test(s.run ?? ''));
          Object.assign(step ?? {}, { run: (step?.run ?? '').replace('if [ "$PRERELEASE" = true ]; then args+=(--pre-release); fi', 'args+=(--pre-release)') });
        }
      },
      {
        what: 'no tag check',
        expect: /checks the tag against package\.json/,
        edit: (w) => {
          w.jobs.build.steps = w.jobs.build.steps.filter((s) => !/check-tag/.test(s.run ?? ''));
        }
      },
      {
        what: 'a PAT instead of Entra ID',
        expect: /--azure-credential/,
        edit: (w) => {
          const step = w.jobs.marketplace.steps.find((s) => /npx vsce/.test(s.run ?? ''));
          Object.assign(step ?? {}, { run: (step?.run ?? '').replace('--azure-credential', '--pat "$VSCE_PAT"') });
        }
      },
      {
        what: 'a hard-coded file in the GitHub release',
        expect: /GitHub release of the tag carries the downloaded VSIX|same file/,
        edit: (w) => {
          const step = w.jobs['github-release'].steps.find((s) => /gh release create/.test(s.run ?? ''));
          Object.assign(step ?? {}, { run: (step?.run ?? '').replace('"$GITHUB_REF_NAME" "$VSIX" --repo "$GITHUB_REPOSITORY" --verify-tag', '"$GITHUB_REF_NAME" release/another.vsix --repo "$GITHUB_REPOSITORY" --verify-tag') });
        }
      }
    ];
    for (const breakage of breakages) {
      it(`notices ${breakage.what}`, () => {
        const workflow = copy(readWorkflow('release.yml')) as unknown as Parameters<typeof breakage.edit>[0];
        breakage.edit(workflow);
        const problems = releaseProblems(workflow as unknown as Workflow);
        assert.ok(problems.some((p) => breakage.expect.test(p)), `expected a problem matching ${breakage.expect}, got: ${problems.join(' | ') || 'none'}`);
      });
    }
  });
});
