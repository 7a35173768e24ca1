// test/support/net.ts: the "closed port" the fault, leak and proxy suites point settings at must refuse connections
// for the whole run. A port that was bound and closed can be handed to the next server that binds port 0.
import * as assert from 'assert';
import * as net from 'net';
import { closedPort } from '../support/net';

function connectError(port: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve('connected');
    });
    socket.once('error', (err: NodeJS.ErrnoException) => resolve(err.code ?? err.message));
  });
}

function listenError(port: number): Promise<string> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', (err: NodeJS.ErrnoException) => resolve(err.code ?? err.message));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve('listening')));
  });
}

describe('closedPort() (test/support/net.ts)', () => {
  it('refuses connections', async () => {
    assert.strictEqual(await connectError(await closedPort()), 'ECONNREFUSED');
  });

  it('cannot be taken by a server while the run lasts, so it keeps refusing', async () => {
    const port = await closedPort();
    assert.strictEqual(await listenError(port), 'EADDRINUSE', 'another server could bind the closed port');
    assert.strictEqual(await connectError(port), 'ECONNREFUSED');
  });
});
