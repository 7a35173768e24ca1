// `npm run bench`, a window reload: what a window that opens again sends to the network before and while it shows
// the cases. Three fresh Node processes run dist/extension.js with a stand-in `vscode` against the fake Support API
// (in its own process), over one SecretStorage (kept here, as VS Code keeps it) and one on-disk list cache:
//   1. a first window signs in state (stored credentials), answers VS Code's session request and loads the list;
//   2. a reload with the access token that window kept in SecretStorage;
//   3. a reload without it (what every window did before the token was kept).
// Each reload answers VS Code's session request (as VS Code asks at startup), paints the cached rows and refreshes
// the list once; the fake API counts every request. Needs out/ (the fake API) and the bundles in `bundleDir`.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFakeApiProcess } from './fakeApi.mjs';
import { REPO_ROOT } from './tools.mjs';

const STUB = join(REPO_ROOT, 'scripts', 'lib', 'vscodeStub.cjs');
const TOKEN_PREFIX = 'axwaySupport.accessToken.';

/** One window: activate, ask for sessions, wait for case rows and one list request; prints the secrets it ends with. */
function windowSample({ settings, storageDir, secrets, bundleDir, origin }) {
  const code = `
    const { installWindow, fakeContext } = require(${JSON.stringify(STUB)});
    const window = installWindow(${JSON.stringify(settings)});
    const secrets = ${JSON.stringify(secrets)};
    const context = fakeContext(${JSON.stringify(REPO_ROOT)}, { storageDir: ${JSON.stringify(storageDir)}, secrets });
    const ext = require(require('node:path').join(${JSON.stringify(bundleDir)}, 'extension.js'));
    ext.activate(context);
    const listed = async () => (await (await fetch(${JSON.stringify(origin)} + '/__control/stats')).json()).counts.listCases > 0;
    (async () => {
      // VS Code asks the authentication provider for sessions when a window opens.
      const sessions = await window.auth.getSessions([], {});
      for (;;) {
        const rows = window.provider ? window.provider.getChildren() : [];
        const stored = Object.keys(secrets).some((k) => k.startsWith(${JSON.stringify(TOKEN_PREFIX)}));
        if (Array.isArray(rows) && rows.some((r) => r.kind === 'case') && stored && (await listed())) {
          break;
        }
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      console.log(JSON.stringify({ sessions: sessions.length, secrets }));
      process.exit(0);
    })().catch((err) => { console.error(err); process.exit(1); });
    setTimeout(() => { console.error('the window did not show case rows within 30 s'); process.exit(1); }, 30000);
  `;
  const result = spawnSync(process.execPath, ['-e', code], { cwd: REPO_ROOT, encoding: 'utf8' });
  if (result.status !== 0) {
    throw new Error(`window sample failed:\n${result.stderr}`);
  }
  return JSON.parse(result.stdout.trim().split('\n').pop());
}

/** Requests of each kind during one window, counted by the fake API. */
async function counted(origin, run) {
  await fetch(`${origin}/__control/requests`, { method: 'DELETE' });
  const out = run();
  const stats = await (await fetch(`${origin}/__control/stats`)).json();
  return { out, counts: stats.counts, total: stats.total };
}

/** Prints the figures; returns the reload's token requests with a kept token (0 expected). */
export async function benchReload(bundleDir) {
  const fake = await startFakeApiProcess();
  const storageDir = mkdtempSync(join(tmpdir(), 'axway-bench-reload-'));
  try {
    const settings = { tokenUrl: fake.tokenUrl, apiBaseUrl: fake.apiBaseUrl };
    const credentials = { 'axwaySupport.serviceAccount': JSON.stringify({ clientId: fake.clientId, clientSecret: fake.clientSecret }) };
    const sample = (secrets) => windowSample({ settings, storageDir, secrets, bundleDir, origin: fake.origin });
    const first = await counted(fake.origin, () => sample(credentials));
    const kept = first.out.secrets;
    const withToken = await counted(fake.origin, () => sample(kept));
    const withoutToken = await counted(fake.origin, () => sample(Object.fromEntries(Object.entries(kept).filter(([k]) => !k.startsWith(TOKEN_PREFIX)))));
    const row = (what, r) => `  ${what.padEnd(44)} ${String(r.counts.token).padStart(5)} ${String(r.counts.listCases).padStart(6)} ${String(r.total).padStart(6)}`;
    console.log('\nA window reload (signed in, list cached): requests while it answers VS Code\'s session request and refreshes');
    console.log(`  ${''.padEnd(44)} token   list  total`);
    console.log(row('first window (no cache, no kept token)', first));
    console.log(row('reload, access token kept in SecretStorage', withToken));
    console.log(row('reload without a kept token (before)', withoutToken));
    return withToken.counts.token;
  } finally {
    await fake.stop();
    rmSync(storageDir, { recursive: true, force: true });
  }
}
