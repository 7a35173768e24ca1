// `npm start`: the demo. Packages the extension, prepares Node 24 and code-server if needed (not chromium: only the
// UI suite needs a browser), starts the fake Support API with its sample data and a code-server with the VSIX
// installed and pointed at it, then prints the URL and the demo credentials. Ctrl+C stops everything.
//
//   npm start [-- --port 8080] [--api-port N] [--no-build]     --port 0 or PORT=0: any free port
//   npm start -- --fake-api-only --api-port 3999 --user-data-dir DIR
//       only the fake API, with DIR/User/settings.json pointing at it (the "Extension Tests" F5 task uses this)
// Once the workbench answers, the demo prints its address and then one line `[start] ready in N s: URL` (what a script
// waits for; the time counts from the start of this process).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DEMO_BUILD, DEMO_BUILD_ENV, DEMO_TOOLS, VSIX_PATH, runNpmScripts, startTestTools } from './lib/build.mjs';
import { DEFAULT_USER_SETTINGS, DEMO_USER_SETTINGS, startCodeServer } from './lib/codeServer.mjs';
import { FAKE_API_BUNDLE, fakeApiSettings, startFakeApiProcess } from './lib/fakeApi.mjs';
import { isStopping, mib, runAllCleanups, setSignalExitCode } from './lib/processes.mjs';
import { choosePort, parseStartArgs } from './lib/startOptions.mjs';

const log = (line) => console.log(`[start] ${line}`);
// Ctrl+C is how a person ends the demo: not an error.
setSignalExitCode(0);

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

/** The fake API's arguments: its port when --api-port names one. */
function fakeApiArgs(options) {
  return options.apiPort === undefined ? [] : ['--port', String(options.apiPort)];
}

async function fakeApiOnly(options) {
  const api = await startFakeApiProcess({ args: fakeApiArgs(options) });
  if (options.userDataDir) {
    const file = writeUserSettings(options.userDataDir, { ...DEFAULT_USER_SETTINGS, ...fakeApiSettings(api) });
    log(`settings written to ${file}`);
  }
  // The F5 task waits for this line (a background problem matcher). The child process keeps this one running.
  console.log(`[start] fake Support API ready at ${api.origin} (client id ${api.clientId}, secret ${api.clientSecret})`);
}

/** The workbench page itself answers (startCodeServer waited for /healthz only). */
async function assertWorkbenchAnswers(url) {
  const response = await fetch(url);
  const body = await response.text();
  if (!response.ok || !/<html/i.test(body)) {
    throw new Error(`${url} answered ${response.status} without the workbench page`);
  }
}

async function demo(options) {
  // Tools and build side by side: on a fresh machine each takes minutes, mostly on one core.
  const tools = startTestTools(DEMO_TOOLS);
  if (options.build) {
    try {
      runNpmScripts(DEMO_BUILD, log, DEMO_BUILD_ENV);
    } catch (err) {
      tools.stop();
      throw err;
    }
  }
  await tools.done;
  const api = await startFakeApiProcess({ cli: FAKE_API_BUNDLE, args: fakeApiArgs(options) });
  const { port, note } = await choosePort(options.port);
  if (note) {
    log(note);
  }
  // The demo's settings (walkthrough on first install, AI features on, so Chat lists the agent tools) are shared with
  // the UI suite that pictures the agent tools (test/ui/agentTools.test.ts), so that suite runs what the demo runs.
  const server = await startCodeServer({ port, vsix: VSIX_PATH, settings: { ...fakeApiSettings(api), ...DEMO_USER_SETTINGS } });
  const url = server.workbenchUrl();
  await assertWorkbenchAnswers(url);
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
  log(`ready in ${process.uptime().toFixed(1)} s: ${url}`);
  const ended = await server.exited;
  if (isStopping()) {
    return;
  }
  log(`code-server ended unexpectedly (${ended}):\n${server.output().slice(-4000)}`);
  await runAllCleanups();
  process.exitCode = 1;
}

/** Parses the options first: a mistake is reported at once, before minutes of installing and packaging. */
async function main() {
  const options = parseStartArgs(process.argv.slice(2), process.env);
  await (options.fakeApiOnly ? fakeApiOnly(options) : demo(options));
}

main().catch(async (err) => {
  console.error(`[start] ${err instanceof Error ? err.message : String(err)}`);
  await runAllCleanups();
  process.exitCode = 1;
});
