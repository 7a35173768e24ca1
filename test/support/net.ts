// Network helpers shared by the unit and integration suites (loopback only).
import * as net from 'net';

/** A loopback alias that nothing listens on: test proxies map it to 127.0.0.1, so only proxied requests reach a server. */
export const PROXIED_ALIAS = '127.0.0.2';

/** Held for the life of the process (unref'd: they never keep it alive); see closedPort(). */
let refusing: Promise<number> | undefined;

/**
 * A 127.0.0.1 port that refuses connections (ECONNREFUSED), and stays so for the life of the process.
 *
 * "Bind port 0, read the port, close, hand the number out" is racy: once closed, the OS may give that port to the next
 * server that binds port 0 (the fake API, a proxy, code-server), and the "closed port" suddenly answers. Instead the
 * port is the local end of a TCP connection this module keeps open: nothing listens on it, so a SYN to it is answered
 * with a reset (connection refused), and while the connection exists the port is in use, so no bind (port 0 or this
 * number, SO_REUSEADDR or not: the connected socket does not set it) can take it. The listener that accepted the
 * connection is closed at once; the two connected sockets are all that is kept.
 */
export function closedPort(): Promise<number> {
  refusing ??= holdRefusingPort();
  return refusing;
}

const held: net.Socket[] = [];

async function holdRefusingPort(): Promise<number> {
  const listener = net.createServer();
  await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
  const accepted = new Promise<net.Socket>((resolve) => listener.once('connection', resolve));
  const client = net.connect((listener.address() as net.AddressInfo).port, '127.0.0.1');
  await new Promise<void>((resolve, reject) => client.once('connect', resolve).once('error', reject));
  const serverSide = await accepted;
  // Stops listening at once; its 'close' event (not awaited) would wait for the held connection to end.
  listener.close();
  listener.unref();
  for (const socket of [client, serverSide]) {
    // Nothing is ever sent; an error (none is expected) must not become an uncaught exception in a test run.
    socket.on('error', () => undefined);
    socket.unref();
    held.push(socket);
  }
  const port = client.localPort;
  if (port === undefined) {
    throw new Error('the held connection has no local port');
  }
  return port;
}

/** The same URL with its host replaced by the proxy-only alias (a trailing slash is kept as given). */
export function viaAlias(url: string): string {
  const parsed = new URL(url);
  parsed.hostname = PROXIED_ALIAS;
  return parsed.toString().replace(/\/$/, url.endsWith('/') ? '/' : '');
}
