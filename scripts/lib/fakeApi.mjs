// Runs the fake Support API (out/test/fake-api/cli.js, built by `npm run build:test`, or its one-file bundle) as a child
// process in its own process group and reads the one JSON line it prints: {origin, tokenUrl, apiBaseUrl, clientId, clientSecret}.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { killGroup, killGroupSync, registerCleanup } from './processes.mjs';
import { REPO_ROOT } from './tools.mjs';

export const FAKE_API_CLI = join(REPO_ROOT, 'out', 'test', 'fake-api', 'cli.js');
/** The same CLI as one esbuild bundle (`npm run build:fake-api`): what `npm start` runs. */
export const FAKE_API_BUNDLE = join(REPO_ROOT, 'out', 'demo', 'fake-api.js');
const REQUIRED = ['origin', 'tokenUrl', 'apiBaseUrl', 'clientId', 'clientSecret'];

function parseInfo(line) {
  let value;
  try {
    value = JSON.parse(line);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null || !REQUIRED.every((key) => typeof value[key] === 'string')) {
    return undefined;
  }
  return value;
}

/**
 * @param {import('./fakeApi.d.mts').FakeApiProcessOptions} [options]
 * @returns {Promise<import('./fakeApi.d.mts').FakeApiProcess>}
 */
export async function startFakeApiProcess(options = {}) {
  const cli = options.cli ?? FAKE_API_CLI;
  if (!existsSync(cli)) {
    const build = cli === FAKE_API_BUNDLE ? 'build:fake-api' : 'build:test';
    throw new Error(`${cli} is missing: run \`npm run ${build}\` (the fake API lives in test/fake-api/cli.ts).`);
  }
  const child = spawn(process.execPath, [cli, ...(options.args ?? [])], {
    cwd: REPO_ROOT, detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...(options.env ?? {}) }
  });
  const pid = child.pid;
  if (pid === undefined) {
    throw new Error('The fake API did not start (no PID)');
  }
  const stop = registerCleanup(() => killGroup(pid, 2000), () => killGroupSync(pid));
  let output = '';
  try {
    const info = await new Promise((resolve, reject) => {
      let pending = '';
      const timer = setTimeout(() => reject(new Error(`The fake API printed no JSON line within 20 s:\n${output}`)), 20_000);
      child.stdout.on('data', (chunk) => {
        const text = chunk.toString();
        output += text;
        options.onOutput?.(text);
        pending += text;
        let newline;
        while ((newline = pending.indexOf('\n')) >= 0) {
          const parsed = parseInfo(pending.slice(0, newline).trim());
          pending = pending.slice(newline + 1);
          if (parsed) {
            clearTimeout(timer);
            resolve(parsed);
          }
        }
      });
      child.stderr.on('data', (chunk) => {
        output += chunk.toString();
        options.onOutput?.(chunk.toString());
      });
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`The fake API exited (${code ?? signal}) before it was ready:\n${output}`));
      });
    });
    return { ...info, pid, stop, output: () => output };
  } catch (err) {
    await stop();
    throw err;
  }
}

/** The environment variables the integration suite reads to reach the fake API. */
export function fakeApiEnvironment(info) {
  return {
    AXWAY_FAKE_ORIGIN: info.origin,
    AXWAY_FAKE_TOKEN_URL: info.tokenUrl,
    AXWAY_FAKE_API_BASE_URL: info.apiBaseUrl,
    AXWAY_FAKE_CLIENT_ID: info.clientId,
    AXWAY_FAKE_CLIENT_SECRET: info.clientSecret
  };
}

/** User settings that point the extension at the fake API (application scope: User/settings.json). */
export function fakeApiSettings(info) {
  return { 'axwaySupport.tokenUrl': info.tokenUrl, 'axwaySupport.apiBaseUrl': info.apiBaseUrl };
}
