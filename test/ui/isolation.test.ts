// Issue 7, section 1: another installed extension cannot reach the client secret or a token through our exports.
// The extension runs as users get it (installed from the VSIX, Production mode) next to a small test extension
// (test/fixtures/export-walker) that activates it, walks what activate() returns, and reports what it found.
import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { FakeApiRemote } from '../fake-api/client';
import { REPO_ROOT, runCommand, signIn, treeRows, openViewContainer, useWorkbench, waitUntil } from './harness';

interface WalkReport {
  readonly visited: number;
  readonly hits: readonly { readonly needle: number; readonly path: string }[];
}

interface WalkerReport {
  readonly extensionFound: boolean;
  readonly isActive: boolean;
  readonly exportsType: string;
  readonly activateError?: string;
  readonly exports: WalkReport;
  readonly planted: WalkReport;
}

/** Packages the fixture with the compiled walker (out/test/support/exportWalker.js) into a VSIX. */
function buildWalkerVsix(dir: string): string {
  const fixture = path.join(REPO_ROOT, 'test', 'fixtures', 'export-walker');
  const build = path.join(dir, 'export-walker');
  fs.mkdirSync(build, { recursive: true });
  for (const file of fs.readdirSync(fixture)) {
    fs.copyFileSync(path.join(fixture, file), path.join(build, file));
  }
  fs.copyFileSync(path.join(REPO_ROOT, 'out', 'test', 'support', 'exportWalker.js'), path.join(build, 'walker.js'));
  const vsix = path.join(dir, 'export-walker.vsix');
  const vsce = path.join(REPO_ROOT, 'node_modules', '@vscode', 'vsce', 'vsce');
  execFileSync(process.execPath, [vsce, 'package', '--no-dependencies', '--allow-missing-repository', '--skip-license', '-o', vsix], { cwd: build, stdio: 'pipe' });
  return vsix;
}

describe('UI: another extension walking our exports finds no secret', function () {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'axway-walker-'));
  const needlesFile = path.join(dir, 'needles.json');
  const reportFile = path.join(dir, 'report.json');
  const workbench = useWorkbench({
    extraVsixes: [buildWalkerVsix(dir)],
    settings: { 'exportWalker.needlesFile': needlesFile, 'exportWalker.reportFile': reportFile }
  });

  after(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('signed in through the UI, the exports of the production build reach neither the secret nor a token', async () => {
    const { page, fakeApi } = workbench();
    await openViewContainer(page);
    await signIn(page, fakeApi.clientId, fakeApi.clientSecret);
    await treeRows(page, /\d{8} ·/).first().waitFor({ state: 'visible', timeout: 30_000 });

    // Every token the API saw: the extension holds the current one.
    const remote = new FakeApiRemote(fakeApi.origin);
    const tokens = await remote.bearerTokens();
    assert.ok(tokens.size > 0, 'the API saw a token');
    fs.writeFileSync(needlesFile, JSON.stringify([fakeApi.clientSecret, ...tokens]));

    await runCommand(page, 'Export Walker: Walk Axway Support Exports');
    const report = await waitUntil(
      async () => (fs.existsSync(reportFile) ? (JSON.parse(fs.readFileSync(reportFile, 'utf8')) as WalkerReport) : undefined),
      () => 'the export walker to write its report',
      60_000
    );
    assert.strictEqual(report.extensionFound, true);
    assert.strictEqual(report.isActive, true);
    assert.strictEqual(report.activateError, undefined);
    assert.deepStrictEqual(report.exports.hits, [], `walked ${report.exports.visited} values`);
    assert.strictEqual(report.exportsType, 'undefined', 'a production build exports nothing');
    // The same walk finds the secret and a token when they are there to find.
    const plantedNeedles = new Set(report.planted.hits.map((h) => h.needle));
    const seen = `${tokens.size} tokens; planted walk: ${JSON.stringify(report.planted)}`;
    assert.ok(plantedNeedles.has(0), `planted secret found: ${seen}`);
    assert.ok(plantedNeedles.has(tokens.size), `planted token found: ${seen}`);
  });
});
