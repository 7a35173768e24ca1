// `vscode:prepublish`, which vsce runs before every `vsce package` and `vsce publish`: the release gates (type check,
// lint), then the production bundles and the listing icon (esbuild.mjs).
// `npm start` sets AXWAY_DEMO_PACKAGE=1 and gets the bundles without the gates: they produce nothing the VSIX holds
// (`npm test` and CI run them), and on a fresh 2-core machine they are CPU that code-server's native build, the
// longest step of a first `npm start`, needs meanwhile.
import { spawnSync } from 'node:child_process';
import { REPO_ROOT } from './lib/tools.mjs';

const demo = process.env.AXWAY_DEMO_PACKAGE === '1';
const steps = [
  ...(demo ? [] : [['npm', ['run', 'typecheck']], ['npm', ['run', 'lint']]]),
  [process.execPath, ['esbuild.mjs', '--production']]
];
if (demo) {
  console.log('[prepublish] demo package (npm start): type check and lint skipped');
}
for (const [command, args] of steps) {
  const result = spawnSync(command, args, { cwd: REPO_ROOT, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`[prepublish] ${command} ${args.join(' ')} failed (exit ${result.status ?? result.signal})`);
    process.exit(1);
  }
}
