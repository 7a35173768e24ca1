// A tiny HTTP CONNECT proxy on 127.0.0.1 for tests: records every tunnel, can refuse or demand credentials.
import * as http from 'http';
import type { Duplex } from 'stream';

import { PROXIED_ALIAS } from '../../support/net';
import { listenOnLoopback } from '../../support/loopbackServer';
import { connectTarget, openTunnel } from '../../support/proxyServer';

export interface TunnelRecord {
  /** host:port from the CONNECT line. */
  readonly target: string;
  readonly proxyAuthorization?: string;
  readonly status: number;
}

export interface ConnectProxyOptions {
  /** Answer every CONNECT with this status instead of opening the tunnel. */
  refuseWith?: number;
  /** Require `Proxy-Authorization: Basic base64(user:pass)`; others get 407. */
  credentials?: { user: string; password: string };
}

export interface ConnectProxy {
  readonly url: string;
  readonly port: number;
  readonly tunnels: TunnelRecord[];
  /** Non-CONNECT requests (absolute-URI forwarding), which this proxy refuses. */
  readonly plainRequests: string[];
  options: ConnectProxyOptions;
  close(): Promise<void>;
}

export async function startConnectProxy(initial: ConnectProxyOptions = {}): Promise<ConnectProxy> {
  const tunnels: TunnelRecord[] = [];
  const plainRequests: string[] = [];
  const state = { options: initial };
  const server = http.createServer((req, res) => {
    plainRequests.push(`${req.method ?? ''} ${req.url ?? ''}`);
    res.writeHead(405, { 'Content-Type': 'text/plain' });
    res.end('This test proxy only supports CONNECT');
  });
  server.on('connect', (req: http.IncomingMessage, client: Duplex, head: Buffer) => {
    const target = req.url ?? '';
    const auth = req.headers['proxy-authorization'];
    const refuse = (status: number, reason: string): void => {
      tunnels.push({ target, proxyAuthorization: auth, status });
      client.end(`HTTP/1.1 ${status} ${reason}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n`);
    };
    const { refuseWith, credentials } = state.options;
    if (refuseWith !== undefined) {
      refuse(refuseWith, refuseWith === 407 ? 'Proxy Authentication Required' : 'Forbidden');
      return;
    }
    if (credentials !== undefined) {
      const expected = `Basic ${Buffer.from(`${credentials.user}:${credentials.password}`).toString('base64')}`;
      if (auth !== expected) {
        refuse(407, 'Proxy Authentication Required');
        return;
      }
    }
    const asked = connectTarget(target);
    // Tests only ever tunnel to loopback; refuse anything else so a bug can never reach the network.
    const host = asked?.host === PROXIED_ALIAS ? '127.0.0.1' : asked?.host;
    if (!asked || !(host === '127.0.0.1' || host === 'localhost' || host === '::1')) {
      refuse(403, 'Forbidden');
      return;
    }
    const upstream = openTunnel(loopback, client, head, { host, port: asked.port }, {
      opened: () => tunnels.push({ target, proxyAuthorization: auth, status: 200 }),
      failed: () => refuse(502, 'Bad Gateway')
    });
    client.on('error', () => upstream.destroy());
  });
  const loopback = await listenOnLoopback(server);
  return {
    url: `http://127.0.0.1:${loopback.port}`,
    port: loopback.port,
    tunnels,
    plainRequests,
    get options() {
      return state.options;
    },
    set options(value: ConnectProxyOptions) {
      state.options = value;
    },
    close: () => loopback.close()
  };
}
