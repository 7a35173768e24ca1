// The plumbing both suites' test proxies share (test/unit/support/connectProxy.ts, test/integration/mappingProxy.ts):
// a server on 127.0.0.1 whose close() also ends the open tunnels, and the CONNECT tunnel itself. What each proxy
// accepts, refuses and records stays in that proxy.
import type * as http from 'http';
import * as net from 'net';
import type { AddressInfo } from 'net';
import type { Duplex } from 'stream';

export interface LoopbackProxyServer {
  readonly url: string;
  readonly port: number;
  /** Ends with close(): every accepted connection is tracked already; add the upstream sockets of tunnels. */
  track(socket: Duplex): void;
  /** Destroys every tracked socket (open tunnels would keep the server open), then closes the server. */
  close(): Promise<void>;
}

/** Starts `server` on a free 127.0.0.1 port, tracking its sockets. */
export async function listenOnLoopback(server: http.Server): Promise<LoopbackProxyServer> {
  const sockets = new Set<Duplex>();
  const track = (socket: Duplex): void => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  };
  server.on('connection', (socket: net.Socket) => track(socket));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    track,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) {
          socket.destroy();
        }
        server.close(() => resolve());
      })
  };
}

/** host and port of a CONNECT target (`host:port` or `[v6]:port`), the host without brackets. */
export function connectTarget(target: string): { host: string; port: number } | undefined {
  const match = /^(\[[^\]]+\]|[^:]+):(\d+)$/.exec(target);
  return match ? { host: match[1].replace(/^\[|\]$/g, ''), port: Number(match[2]) } : undefined;
}

/**
 * Opens an accepted CONNECT's tunnel to host:port: once connected, `opened()`, the 200 line, then bytes both ways.
 * `failed()` when the upstream connection fails while the client is still there. Returns the upstream socket.
 */
export function openTunnel(
  server: LoopbackProxyServer,
  client: Duplex,
  head: Buffer,
  to: { host: string; port: number },
  outcome: { opened(): void; failed(): void }
): net.Socket {
  const upstream = net.connect({ host: to.host, port: to.port });
  server.track(upstream);
  upstream.once('connect', () => {
    outcome.opened();
    client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
    if (head.length > 0) {
      upstream.write(head);
    }
    upstream.pipe(client);
    client.pipe(upstream);
  });
  upstream.on('error', () => {
    if (!client.destroyed) {
      outcome.failed();
    }
  });
  return upstream;
}
