// The private channel between the MCP server and the extension host, over a real local socket: it answers the one
// process that presents the one-time key, refuses everyone else, and closes with the window (dispose).
import * as assert from 'assert';
import { promises as fs } from 'fs';
import * as net from 'net';
import * as path from 'path';
import { ChannelClient } from '../../src/mcp/channelClient';
import { ChannelError, encodeLine, LineReader } from '../../src/mcp/channelProtocol';
import { PrivateChannel, type ChannelHandler } from '../../src/mcp/channelServer';
import { until } from './support/wait';

/** Connects a raw socket and sends one line; resolves with the first line answered and whether the socket ended. */
async function rawExchange(address: string, line: string): Promise<{ readonly answer: unknown; readonly ended: boolean }> {
  const socket = net.connect(address);
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });
  const reader = new LineReader();
  let answer: unknown;
  let ended = false;
  socket.on('data', (chunk: Buffer) => {
    answer ??= reader.push(chunk)[0];
  });
  socket.on('error', () => undefined);
  socket.on('close', () => {
    ended = true;
  });
  socket.write(line);
  await until(() => ended, 'the refused connection to end');
  return { answer, ended };
}

function refusedCode(err: unknown): string | undefined {
  return err instanceof ChannelError ? err.code : (err as NodeJS.ErrnoException).code;
}

describe('MCP private channel', () => {
  const open: PrivateChannel[] = [];
  const clients: ChannelClient[] = [];
  const calls: string[] = [];
  const handlers: Record<string, ChannelHandler> = {
    echo: (params) => {
      calls.push(JSON.stringify(params));
      return Promise.resolve({ echoed: params });
    },
    wait: (_params, signal) =>
      new Promise((_resolve, reject) => {
        calls.push('wait');
        signal.addEventListener('abort', () => {
          calls.push('aborted');
          reject(new Error('aborted'));
        });
      })
  };
  const logs: string[] = [];
  const channel = async (): Promise<PrivateChannel> => {
    const c = await PrivateChannel.open({ handlers, log: (m) => logs.push(m) });
    open.push(c);
    return c;
  };
  const connect = async (address: string, key: string): Promise<ChannelClient> => {
    const client = await ChannelClient.connect(address, key);
    clients.push(client);
    return client;
  };

  beforeEach(() => {
    calls.length = 0;
    logs.length = 0;
  });
  afterEach(() => {
    clients.splice(0).forEach((c) => c.dispose());
    open.splice(0).forEach((c) => c.dispose());
  });

  it('answers requests from the connection that presented the one-time key', async () => {
    const c = await channel();
    const client = await connect(c.address, c.key);
    assert.deepStrictEqual(await client.request('echo', { a: 1 }), { echoed: { a: 1 } });
    assert.deepStrictEqual(calls, ['{"a":1}']);
  });

  it('refuses a wrong key: the connection ends, no handler runs, and the key stays good for its own server', async () => {
    const c = await channel();
    await assert.rejects(connect(c.address, `${c.key.slice(0, -1)}${c.key.endsWith('A') ? 'B' : 'A'}`), (err: unknown) => refusedCode(err) === 'refused');
    const { answer } = await rawExchange(c.address, encodeLine({ id: 7, method: 'hello', params: { key: 'guess' } }));
    assert.deepStrictEqual(answer, { id: 7, error: { message: 'Refused: this channel belongs to another process.', code: 'refused' } });
    assert.ok(logs.some((l) => l.includes('wrong key')), logs.join('\n'));
    assert.ok(!logs.join('\n').includes(c.key), 'the key is never logged');
    // A guess does not lock out the real server.
    const client = await connect(c.address, c.key);
    assert.deepStrictEqual(await client.request('echo', 'x'), { echoed: 'x' });
    assert.deepStrictEqual(calls, ['"x"']);
  });

  it('refuses a second use of the key: once claimed, the channel stops listening', async () => {
    const c = await channel();
    await connect(c.address, c.key);
    await assert.rejects(connect(c.address, c.key), (err: unknown) => ['refused', 'ENOENT', 'ECONNREFUSED'].includes(refusedCode(err) ?? ''));
    assert.deepStrictEqual(calls, []);
  });

  it('refuses a second connection that was already open before the first one claimed the key', async () => {
    const c = await channel();
    const early = net.connect(c.address);
    await new Promise((resolve) => early.once('connect', resolve));
    let earlyClosed = false;
    early.on('close', () => (earlyClosed = true));
    early.on('error', () => undefined);
    await connect(c.address, c.key);
    await until(() => earlyClosed, 'the early connection to be closed');
  });

  it('refuses a connection whose first message is not a hello', async () => {
    const c = await channel();
    const { answer } = await rawExchange(c.address, encodeLine({ id: 1, method: 'echo', params: 'sneak' }));
    assert.strictEqual((answer as { error: { code: string } }).error.code, 'refused');
    assert.deepStrictEqual(calls, []);
  });

  it('listens at a random address (on Unix in a folder only this user can enter)', async () => {
    const [a, b] = [await channel(), await channel()];
    assert.notStrictEqual(a.address, b.address);
    assert.notStrictEqual(a.key, b.key);
    if (process.platform === 'win32') {
      assert.match(a.address, /^\\\\\.\\pipe\\axway-support-mcp-[0-9a-f]{32}$/);
    } else {
      assert.strictEqual((await fs.stat(path.dirname(a.address))).mode & 0o777, 0o700);
    }
  });

  it('closes with the window: dispose ends the connection and fails what was waiting', async () => {
    const c = await channel();
    const client = await connect(c.address, c.key);
    const waiting = client.request('wait');
    await until(() => calls.includes('wait'), 'the request to reach its handler');
    c.dispose();
    await assert.rejects(waiting, (err: unknown) => refusedCode(err) === 'closed');
    await until(() => calls.includes('aborted'), 'the handler to be aborted');
    assert.ok(client.isClosed);
    await assert.rejects(connect(c.address, c.key));
  });

  it('closes when the server that claimed it goes away, so nobody can take its place', async () => {
    const c = await channel();
    let closed = false;
    c.onDidClose(() => (closed = true));
    const client = await connect(c.address, c.key);
    client.dispose();
    await until(() => closed, 'the channel to close');
  });

  it('cancels a request on the extension side when the server aborts it', async () => {
    const c = await channel();
    const client = await connect(c.address, c.key);
    const controller = new AbortController();
    const waiting = client.request('wait', undefined, controller.signal);
    await until(() => calls.includes('wait'), 'the request to reach its handler');
    controller.abort();
    await assert.rejects(waiting, (err: unknown) => refusedCode(err) === 'cancelled');
    await until(() => calls.includes('aborted'), 'the handler to be aborted');
  });

  it('answers an unknown method with an error, not a crash', async () => {
    const c = await channel();
    const client = await connect(c.address, c.key);
    await assert.rejects(client.request('toString'), (err: unknown) => refusedCode(err) === 'unknownMethod');
  });
});
