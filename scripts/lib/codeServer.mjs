// A throwaway code-server (real VS Code in the browser: the current host 1.139 or the minimum host, see tools.mjs) for
// tests and the demo: its own user-data, extensions and XDG folders in a temp dir, no extension gallery, 127.0.0.1 on a
// port it binds itself, its own process
// group that is always killed (also on failure, SIGINT and SIGTERM). Types: codeServer.d.mts.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { groupMembers, killGroup, killGroupSync, registerCleanup, removeDir, sumRss } from './processes.mjs';
import { HOSTS, assertToolsInstalled } from './tools.mjs';

const OPEN_WALKTHROUGHS = 'workbench.welcomePage.walkthroughs.openOnInstall';

/** User settings every test server gets; callers add their own on top. */
export const DEFAULT_USER_SETTINGS = Object.freeze({
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  // VS Code 1.139 opens settings JSON in a modal editor that blocks the palette.
  'workbench.editor.useModal': 'off',
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'security.workspace.trust.enabled': false,
  'chat.disableAIFeatures': true,
  // Keeps the (chat) secondary side bar closed so screenshots show the extension, not an empty panel.
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'git.enabled': false
});

/**
 * `npm start`'s demo on top of DEFAULT_USER_SETTINGS (and the fake API's endpoints). The demo is a first install, so
 * it opens the Get Started walkthrough, which the test servers keep closed; and it keeps VS Code's AI features on, so
 * Chat's tool picker lists the agent tools and the MCP server. The UI suite that pictures those tools runs with
 * exactly these settings (test/ui harness option `demo`).
 */
export const DEMO_USER_SETTINGS = Object.freeze({
  'chat.disableAIFeatures': false,
  [OPEN_WALKTHROUGHS]: true
});

const OUTPUT_LIMIT = 200_000;

/** The environment for code-server: ours minus npm's and VS Code's own variables, plus the isolation variables. */
function serverEnvironment(baseDir, extra) {
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) =>
    !/^(npm_|VSCODE_|ELECTRON_)/i.test(key) && key !== 'NODE_OPTIONS'));
  return {
    ...env,
    XDG_CONFIG_HOME: join(baseDir, 'xdg', 'config'),
    XDG_DATA_HOME: join(baseDir, 'xdg', 'data'),
    XDG_CACHE_HOME: join(baseDir, 'xdg', 'cache'),
    // Without it the workbench asks an extension gallery on the internet.
    EXTENSIONS_GALLERY: '{}',
    ...extra
  };
}

function writeJson(file, value) {
  writeFileSync(file, JSON.stringify(value, null, 2) + '\n');
}

/**
 * Installs a VSIX into an extensions dir with code-server's CLI (the server need not run).
 * @returns {string} the folder of the installed extension
 */
export function installVsix({ vsix, userDataDir, extensionsDir, env, host = HOSTS.current }) {
  if (!existsSync(vsix)) {
    throw new Error(`VSIX not found: ${vsix} (run \`npm run package\`)`);
  }
  const before = new Set(existsSync(extensionsDir) ? readdirSync(extensionsDir) : []);
  const result = spawnSync(host.nodeBin, [host.entry, '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir,
    '--install-extension', vsix, '--force'], { env, encoding: 'utf8', timeout: 120_000 });
  if (result.status !== 0) {
    throw new Error(`Installing ${vsix} failed (exit ${result.status ?? result.signal}):\n${result.stdout}\n${result.stderr}`);
  }
  const added = readdirSync(extensionsDir).filter((name) => !before.has(name) && existsSync(join(extensionsDir, name, 'package.json')));
  if (added.length !== 1) {
    throw new Error(`Expected one new extension folder after installing ${vsix}, found: ${added.join(', ') || 'none'}`);
  }
  return join(extensionsDir, added[0]);
}

/** Reads `publisher.name` of an extension folder. */
export function extensionId(extensionDir) {
  const manifest = JSON.parse(readFileSync(join(extensionDir, 'package.json'), 'utf8'));
  return `${manifest.publisher}.${manifest.name}`;
}

/** code-server's own line once it listens: `[…] info  HTTP server listening on http://127.0.0.1:46393/`. */
const LISTENING = /HTTP server listening on (http:\/\/127\.0\.0\.1:(\d+))\//;

/**
 * The port code-server bound. Started with `--bind-addr 127.0.0.1:0`, the OS picks a free port at bind time and
 * code-server prints it: nothing can take the port between choosing and binding it (the old "bind a probe, close it,
 * pass the number on" left a window in which another process could take the port).
 */
async function waitForListening(child, output, deadline) {
  while (Date.now() < deadline) {
    const match = LISTENING.exec(output());
    if (match) {
      return Number(match[2]);
    }
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`code-server exited early (${child.exitCode ?? child.signalCode}):\n${output()}`);
    }
    await delay(50);
  }
  throw new Error(`code-server did not say which port it listens on within the start timeout:\n${output()}`);
}

async function waitForHealth(origin, child, output, deadline) {
  const timeoutMs = deadline - Date.now();
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`code-server exited early (${child.exitCode ?? child.signalCode}):\n${output()}`);
    }
    try {
      const response = await fetch(`${origin}/healthz`);
      if (response.ok) {
        return;
      }
    } catch {
      // not listening yet
    }
    await delay(100);
  }
  throw new Error(`code-server did not answer ${origin}/healthz within ${timeoutMs} ms:\n${output()}`);
}

/**
 * Makes `locale` the display language although no language pack can be installed offline. `--locale` alone is not
 * enough: without a language pack for it the server resolves the language to English, and extensions then see
 * `vscode.env.language === 'en'` and load no bundle.l10n.<locale>.json. VS Code keeps the installed language packs
 * in <user-data>/languagepacks.json (written when a pack is installed); this writes the entry a pack would, pointing
 * at a translation file with no workbench strings. The workbench's own texts stay English (their translations are
 * what a real pack adds); every extension, ours included, runs with `vscode.env.language === locale`.
 */
function writeDisplayLanguage(userDataDir, baseDir, locale) {
  const translations = join(baseDir, `workbench.i18n.${locale}.json`);
  writeJson(translations, { version: '1.0.0', contents: {} });
  writeJson(join(userDataDir, 'languagepacks.json'), {
    [locale]: {
      hash: `test-${locale}`,
      extensions: [{ extensionIdentifier: { id: `test.language-pack-${locale}` }, version: '0.0.0' }],
      translations: { vscode: translations },
      label: locale
    }
  });
}

/**
 * Starts a fresh code-server. See codeServer.d.mts for the options.
 * @param {import('./codeServer.d.mts').CodeServerOptions} [options]
 * @returns {Promise<import('./codeServer.d.mts').CodeServer>}
 */
export async function startCodeServer(options = {}) {
  const host = options.host ?? HOSTS.current;
  // code-server runs without the browser: the demo has no chromium, only the UI suite does.
  assertToolsInstalled(host, { browser: false });
  const baseDir = mkdtempSync(join(tmpdir(), 'axway-code-server-'));
  const userDataDir = join(baseDir, 'user-data');
  const extensionsDir = join(baseDir, 'extensions');
  const configFile = join(baseDir, 'config.yaml');
  for (const dir of [join(userDataDir, 'User'), extensionsDir, join(baseDir, 'xdg', 'config'), join(baseDir, 'xdg', 'data'), join(baseDir, 'xdg', 'cache')]) {
    mkdirSync(dir, { recursive: true });
  }
  const removeBaseDir = () => {
    if (!options.keepFiles) {
      removeDir(baseDir);
    }
  };
  const env = serverEnvironment(baseDir, options.env ?? {});
  let installedExtensionDir;
  let workspaceDir;
  try {
    writeFileSync(configFile, 'auth: none\ncert: false\n');
    const userSettings = { ...DEFAULT_USER_SETTINGS, ...(options.settings ?? {}) };
    writeJson(join(userDataDir, 'User', 'settings.json'), userSettings);
    // VS Code's "open walkthroughs on install" is machine-scoped: the (remote) extension host does not read it from the
    // User settings at startup, only from the server's Machine settings. The extension honours it at its first start.
    mkdirSync(join(userDataDir, 'Machine'), { recursive: true });
    writeJson(join(userDataDir, 'Machine', 'settings.json'), { [OPEN_WALKTHROUGHS]: userSettings[OPEN_WALKTHROUGHS] });
    if (options.workspace !== false) {
      workspaceDir = typeof options.workspace === 'string' ? options.workspace : join(baseDir, 'workspace');
      mkdirSync(join(workspaceDir, '.vscode'), { recursive: true });
      if (options.workspaceSettings) {
        writeJson(join(workspaceDir, '.vscode', 'settings.json'), options.workspaceSettings);
      }
    }
    if (options.locale) {
      writeDisplayLanguage(userDataDir, baseDir, options.locale);
    }
    if (options.vsix) {
      installedExtensionDir = installVsix({ vsix: options.vsix, userDataDir, extensionsDir, env, host });
    }
    for (const extra of options.extraVsixes ?? []) {
      installVsix({ vsix: extra, userDataDir, extensionsDir, env, host });
    }
  } catch (err) {
    removeBaseDir();
    throw err;
  }

  // Port 0 unless the caller asks for one (npm start's --port): code-server binds it and prints the port it got. A
  // requested 0 is the same "any port", not a port to check the bound one against.
  const requestedPort = options.port || undefined;
  const args = [host.entry, '--bind-addr', `127.0.0.1:${requestedPort ?? 0}`, '--auth', 'none', '--disable-telemetry',
    '--disable-update-check', '--disable-workspace-trust', '--disable-getting-started-override', '--ignore-last-opened',
    '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir, '--config', configFile];
  if (options.locale) {
    args.push('--locale', options.locale);
  }
  if (options.smokeTestDriver) {
    // What the host needs to run test payloads (tools.mjs says why it differs between hosts).
    args.push(...host.smokeTestDriverArgs);
  }
  if (workspaceDir) {
    args.push(workspaceDir);
  }
  // detached: the server leads its own process group (setsid), so its extension hosts die with it.
  const child = spawn(host.nodeBin, args, { cwd: baseDir, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const pid = child.pid;
  if (pid === undefined) {
    removeBaseDir();
    throw new Error('code-server did not start (no PID)');
  }
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal)));
  let outputText = '';
  const onData = (chunk) => {
    const text = chunk.toString();
    outputText = (outputText + text).slice(-OUTPUT_LIMIT);
    options.onOutput?.(text);
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  const output = () => outputText;

  const stop = registerCleanup(async () => {
    await killGroup(pid);
    removeBaseDir();
  }, () => {
    killGroupSync(pid);
    removeBaseDir();
  });

  const deadline = Date.now() + (options.startTimeoutMs ?? 60_000);
  let port;
  let origin;
  try {
    port = await waitForListening(child, output, deadline);
    if (requestedPort !== undefined && port !== requestedPort) {
      throw new Error(`code-server listens on ${port}, not on the requested ${requestedPort}`);
    }
    origin = `http://127.0.0.1:${port}`;
    await waitForHealth(origin, child, output, deadline);
  } catch (err) {
    await stop();
    throw err;
  }

  return {
    port,
    origin,
    pid,
    baseDir,
    userDataDir,
    extensionsDir,
    workspaceDir,
    installedExtensionDir,
    output,
    exited,
    rss: () => sumRss(groupMembers(pid)),
    workbenchUrl: (folder = workspaceDir) => folder ? `${origin}/?folder=${encodeURIComponent(folder)}` : `${origin}/`,
    remoteUri: (absPath) => `vscode-remote://127.0.0.1:${port}${absPath}`,
    stop
  };
}

/**
 * The URL that makes the workbench run a mocha suite in the extension host (the @vscode/test-electron
 * contract), as a built VS Code accepts it with the smoke-test driver enabled.
 * @param {import('./codeServer.d.mts').CodeServer} server
 * @param {import('./codeServer.d.mts').TestPayload} payload
 */
export function testPayloadUrl(server, payload) {
  const entries = [
    ['extensionDevelopmentPath', server.remoteUri(payload.extensionDevelopmentPath)],
    ['extensionTestsPath', server.remoteUri(payload.extensionTestsPath)],
    ['extensionEnvironment', JSON.stringify(payload.extensionEnvironment ?? {})]
  ];
  const folder = payload.folder ?? server.workspaceDir;
  const folderParam = folder ? `folder=${encodeURIComponent(folder)}&` : '';
  return `${server.origin}/?${folderParam}payload=${encodeURIComponent(JSON.stringify(entries))}`;
}
