// A test server on 127.0.0.1 whose close() also ends the connections still open (keep-alive sockets, proxy tunnels),
// which would otherwise keep server.close() waiting. Shared by the test proxies and the TLS server of both suites.
import type * as net from 'net';
import type { AddressInfo } from 'net';
import type { Duplex } from 'stream';

export interface LoopbackServer {
  readonly port: number;
  /** Ends with close(): every accepted connection is tracked already; add other sockets (a tunnel's upstream). */
  track(socket: Duplex): void;
  /** Destroys every tracked socket, then closes the server. */
  close(): Promise<void>;
}

/** Starts `server` on a free 127.0.0.1 port, tracking its sockets. */
export async function listenOnLoopback(server: net.Server): Promise<LoopbackServer> {
  const sockets = new Set<Duplex>();
  const track = (socket: Duplex): void => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  };
  server.on('connection', (socket: net.Socket) => track(socket));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
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
