// `npm start`: the demo. Packages the extension, prepares Node 24 and code-server if needed (not chromium: only the
// UI suite needs a browser), starts the fake Support API with its sample data and a code-server with the VSIX
// installed and pointed at it, then prints the URL and the demo credentials. Ctrl+C stops everything.
//
//   npm start [-- --port 8080] [--no-build]
//   npm start -- --fake-api-only --api-port 3999 --user-data-dir DIR
//       only the fake API, with DIR/User/settings.json pointing at it (the "Extension Tests" F5 task uses this)
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DEMO_BUILD, VSIX_PATH, runNpmScripts, startTestTools } from './lib/build.mjs';
import { DEFAULT_USER_SETTINGS, DEMO_USER_SETTINGS, startCodeServer } from './lib/codeServer.mjs';
import { fakeApiSettings, startFakeApiProcess } from './lib/fakeApi.mjs';
import { isStopping, mib, runAllCleanups, setSignalExitCode } from './lib/processes.mjs';

const { values: flags } = parseArgs({
  options: {
    port: { type: 'string', default: process.env.PORT ?? '8080' },
    'no-build': { type: 'boolean', default: false },
    'fake-api-only': { type: 'boolean', default: false },
    'api-port': { type: 'string' },
    'user-data-dir': { type: 'string' }
  }
});
const log = (line) => console.log(`[start] ${line}`);
// Ctrl+C is how a person ends the demo: not an error.
setSignalExitCode(0);

/**
 * The requested port when it is free on 127.0.0.1, else undefined: code-server then binds port 0 and reports the
 * port it got, so no second process can take it in between.
 */
async function pickPort(wanted) {
  const free = await new Promise((done) => {
    const probe = createServer();
    probe.once('error', () => done(false));
    probe.listen(wanted, '127.0.0.1', () => probe.close(() => done(true)));
  });
  return free ? wanted : undefined;
}

function writeUserSettings(userDataDir, settings) {
  const file = join(resolve(userDataDir), 'User', 'settings.json');
  mkdirSync(join(resolve(userDataDir), 'User'), { recursive: true });
  let existing = {};
  try {
    existing = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    // a new file
  }
  writeFileSync(file, JSON.stringify({ ...existing, ...settings }, null, 2) + '\n');
  return file;
}

async function fakeApiOnly() {
  const args = flags['api-port'] ? ['--port', flags['api-port']] : [];
  const api = await startFakeApiProcess({ args });
  if (flags['user-data-dir']) {
    const file = writeUserSettings(flags['user-data-dir'], { ...DEFAULT_USER_SETTINGS, ...fakeApiSettings(api) });
    log(`settings written to ${file}`);
  }
  // The F5 task waits for this line (a background problem matcher). The child process keeps this one running.
  console.log(`[start] fake Support API ready at ${api.origin} (client id ${api.clientId}, secret ${api.clientSecret})`);
}

async function demo() {
  // Tools and build side by side: on a fresh machine each takes minutes, mostly on one core.
  const tools = startTestTools({ host: 'current', browser: false });
  if (!flags['no-build']) {
    try {
      runNpmScripts(DEMO_BUILD, log);
    } catch (err) {
      tools.stop();
      throw err;
    }
  }
  await tools.done;
  const api = await startFakeApiProcess();
  const port = await pickPort(Number(flags.port));
  // The demo's settings (walkthrough on first install, AI features on) are shared with the UI suite that pictures the
  // agent tools (test/ui/agentTools.test.ts), so that suite runs what the demo runs.
  const server = await startCodeServer({ port, vsix: VSIX_PATH, settings: { ...fakeApiSettings(api), ...DEMO_USER_SETTINGS } });
  const url = server.workbenchUrl();
  console.log([
    '',
    '  Axway Support Cases demo is running (real VS Code 1.139 in the browser, fake Support API with sample data).',
    '',
    `  Open:           ${url}`,
    '  Then:           click "Axway Support" in the activity bar, "Sign in with service account", "Client secret", and enter',
    `    Client ID:     ${api.clientId}`,
    `    Client secret: ${api.clientSecret}`,
    '',
    `  Fake API:       ${api.origin}   (code-server pid ${server.pid}, ${mib(server.rss())})`,
    '  Stop:           Ctrl+C',
    ''
  ].join('\n'));
  const ended = await server.exited;
  if (isStopping()) {
    return;
  }
  log(`code-server ended unexpectedly (${ended}):\n${server.output().slice(-4000)}`);
  await runAllCleanups();
  process.exitCode = 1;
}

(flags['fake-api-only'] ? fakeApiOnly() : demo()).catch(async (err) => {
  console.error(`[start] ${err instanceof Error ? err.message : String(err)}`);
  await runAllCleanups();
  process.exitCode = 1;
});
