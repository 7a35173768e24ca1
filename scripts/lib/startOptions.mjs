// `npm start`'s options (scripts/start.mjs), checked before anything slow starts: a bad value is reported at once with
// the usage, not after minutes of installing and packaging, and never as a stack trace. Types: startOptions.d.mts.
import { createServer } from 'node:net';
import { parseArgs } from 'node:util';

export const DEFAULT_PORT = 8080;

export const START_USAGE = [
  'Usage: npm start [-- --port N] [--api-port N] [--no-build]',
  '       npm start -- --fake-api-only [--api-port N] [--user-data-dir DIR]',
  'Options go after `--` (npm keeps the ones before it for itself). --port 0 (or PORT=0): any free port.'
].join('\n');

const OPTIONS = {
  port: { type: 'string' },
  'api-port': { type: 'string' },
  'no-build': { type: 'boolean', default: false },
  'fake-api-only': { type: 'boolean', default: false },
  'user-data-dir': { type: 'string' }
};

function usageError(message) {
  return new Error(`${message}\n${START_USAGE}`);
}

/**
 * A port number as typed: digits only (parseInt would take "80abc", Number would take "", " 1e3" and "0x50"), at most
 * 65535. 0 stays 0: the caller reads it as "any free port".
 */
export function parsePort(text, name) {
  if (!/^\d{1,5}$/.test(text) || Number(text) > 65535) {
    throw usageError(`${name} must be a port number from 0 to 65535 (0: any free port), not "${text}".`);
  }
  return Number(text);
}

/**
 * @param {readonly string[]} argv the arguments after the script
 * @param {Readonly<Record<string, string | undefined>>} env PORT is the default of --port
 * @returns {import('./startOptions.d.mts').StartOptions}
 */
export function parseStartArgs(argv, env = {}) {
  let values;
  try {
    ({ values } = parseArgs({ args: [...argv], options: OPTIONS, strict: true, allowPositionals: false }));
  } catch (err) {
    throw usageError(err instanceof Error ? err.message : String(err));
  }
  // An empty PORT (`PORT= npm start`) means unset, not port 0.
  const port = values.port !== undefined ? parsePort(values.port, '--port')
    : env.PORT ? parsePort(env.PORT, 'PORT') : DEFAULT_PORT;
  const fakeApiOnly = values['fake-api-only'];
  if (values['user-data-dir'] !== undefined && !fakeApiOnly) {
    // The demo's code-server has a throwaway user-data folder of its own: the option would be silently ignored.
    throw usageError('--user-data-dir goes with --fake-api-only (the demo\'s code-server keeps its own user data).');
  }
  if (fakeApiOnly && (values.port !== undefined || values['no-build'])) {
    throw usageError('--port and --no-build are for the demo; --fake-api-only starts only the fake API (its port: --api-port).');
  }
  return {
    port,
    apiPort: values['api-port'] === undefined ? undefined : parsePort(values['api-port'], '--api-port'),
    build: !values['no-build'],
    fakeApiOnly,
    userDataDir: values['user-data-dir']
  };
}

/** Whether `port` can be bound on 127.0.0.1 right now. */
export function portIsFree(port) {
  return new Promise((done) => {
    const probe = createServer();
    probe.once('error', () => done(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => done(true)));
  });
}

/**
 * The port to ask code-server for: the wanted one when it is free, else undefined, and code-server binds port 0 and
 * reports the port it got (nothing can take it in between). 0 is "any free port" and also undefined: code-server
 * would bind 0 as asked, get some other port and fail the "listens on the requested port" check.
 * @param {number} wanted
 * @param {(port: number) => Promise<boolean>} [isFree]
 * @returns {Promise<import('./startOptions.d.mts').PortChoice>}
 */
export async function choosePort(wanted, isFree = portIsFree) {
  if (wanted === 0) {
    return { port: undefined };
  }
  if (await isFree(wanted)) {
    return { port: wanted };
  }
  return { port: undefined, note: `port ${wanted} is in use: code-server takes a free one` };
}
