// The CONNECT tunnel both suites' test proxies open (test/unit/support/connectProxy.ts,
// test/integration/mappingProxy.ts). What each proxy accepts, refuses and records stays in that proxy.
import * as net from 'net';
import type { Duplex } from 'stream';
import type { LoopbackServer } from './loopbackServer';

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
  server: LoopbackServer,
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
