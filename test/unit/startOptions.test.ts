// `npm start`'s options (scripts/lib/startOptions.mjs): --port 0 means any free port (it used to be passed on as "the
// requested port 0" and the demo then failed with "code-server listens on 45157, not on the requested 0"), a taken
// port falls back to a free one and says so, and a bad option is refused at once with the usage instead of failing
// after minutes of packaging (or with a stack trace).
import * as assert from 'assert';
import { createRequire } from 'module';
import * as net from 'net';
import * as path from 'path';
import type * as StartOptionsLib from '../../scripts/lib/startOptions.mjs';
import { REPO_ROOT } from './support/figures';

const { DEFAULT_PORT, choosePort, parseStartArgs } = createRequire(__filename)(
  path.join(REPO_ROOT, 'scripts', 'lib', 'startOptions.mjs')
) as typeof StartOptionsLib;

function listen(server: net.Server): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve((server.address() as net.AddressInfo).port));
  });
}

function close(server: net.Server): Promise<void> {
  return new Promise((resolve) => server.close(() => resolve()));
}

function refused(argv: readonly string[], expected: RegExp, env: Record<string, string> = {}): void {
  assert.throws(() => parseStartArgs(argv, env), (err: unknown) => {
    assert.ok(err instanceof Error);
    assert.match(err.message, expected);
    // Every refusal tells how to call it, including the `--` that npm needs.
    assert.match(err.message, /Usage: npm start/);
    assert.match(err.message, /after `--`/);
    return true;
  });
}

describe('npm start options', () => {
  describe('the port code-server is asked for', () => {
    it('--port 0 asks for no port: code-server binds any free one (it must not check the bound port against 0)', async () => {
      // The real probe: binding port 0 always succeeds, which is how 0 used to come back as "the requested port".
      assert.deepStrictEqual(await choosePort(0), { port: undefined });
    });

    it('a free port is asked for as it is', async () => {
      const probe = net.createServer();
      const port = await listen(probe);
      await close(probe);
      assert.deepStrictEqual(await choosePort(port, (p) => Promise.resolve(p === port)), { port });
    });

    it('a taken port is not asked for, and the note says which port was taken', async () => {
      const holder = net.createServer();
      const port = await listen(holder);
      try {
        const choice = await choosePort(port);
        assert.strictEqual(choice.port, undefined);
        assert.ok(choice.note?.includes(`port ${port} is in use`), choice.note);
      } finally {
        await close(holder);
      }
    });
  });

  describe('parsing', () => {
    it('--port 0 and PORT=0 both mean any free port; an empty PORT is unset', () => {
      assert.strictEqual(parseStartArgs(['--port', '0']).port, 0);
      assert.strictEqual(parseStartArgs([], { PORT: '0' }).port, 0);
      assert.strictEqual(parseStartArgs([], { PORT: '' }).port, DEFAULT_PORT);
      assert.strictEqual(parseStartArgs([]).port, DEFAULT_PORT);
      assert.strictEqual(parseStartArgs(['--port', '9123'], { PORT: '9000' }).port, 9123);
      assert.strictEqual(parseStartArgs([], { PORT: '9000' }).port, 9000);
    });

    it('reads every option', () => {
      assert.deepStrictEqual(parseStartArgs(['--port', '65535', '--api-port', '3999', '--no-build']), {
        port: 65535, apiPort: 3999, build: false, fakeApiOnly: false, userDataDir: undefined
      });
      assert.deepStrictEqual(parseStartArgs(['--fake-api-only', '--api-port', '3999', '--user-data-dir', 'dir']), {
        port: DEFAULT_PORT, apiPort: 3999, build: true, fakeApiOnly: true, userDataDir: 'dir'
      });
      assert.deepStrictEqual(parseStartArgs([]), {
        port: DEFAULT_PORT, apiPort: undefined, build: true, fakeApiOnly: false, userDataDir: undefined
      });
    });

    it('refuses a port that is not a whole number from 0 to 65535', () => {
      for (const bad of ['abc', '65536', '99999', '8080.5', '0x50', '1e3', ' 80', '']) {
        refused(['--port', bad], /--port must be a port number from 0 to 65535/);
        refused([], /PORT must be a port number/, { PORT: bad === '' ? ' ' : bad });
        refused(['--api-port', bad], /--api-port must be a port number/);
      }
      // parseArgs reads "-5" as an option, not a value.
      refused(['--port', '-5'], /--port/);
    });

    it('refuses a missing value, an unknown option and a bare value (`npm start --port 8080` without `--`)', () => {
      refused(['--port'], /--port/);
      refused(['--bogus'], /--bogus/);
      // npm keeps `--port` for itself and passes only "8080" on.
      refused(['8080'], /8080/);
    });

    it('refuses options that the chosen mode would silently ignore', () => {
      refused(['--user-data-dir', 'dir'], /--user-data-dir goes with --fake-api-only/);
      refused(['--fake-api-only', '--port', '8080'], /--fake-api-only starts only the fake API/);
      refused(['--fake-api-only', '--no-build'], /--fake-api-only starts only the fake API/);
    });
  });
});
