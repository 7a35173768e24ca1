// An HTTP proxy for the integration suite, listening on 127.0.0.1 only. It serves both kinds of proxy traffic:
// CONNECT tunnels (the extension's own proxy agent) and absolute-URI requests (VS Code's proxy support, which
// forwards plain-http targets that way). Targets on 127.0.0.2 are mapped to 127.0.0.1: nothing listens on
// 127.0.0.2, so a request that reaches the fake API that way can only have come through this proxy.
import * as http from 'http';
import type { Duplex } from 'stream';

import { PROXIED_ALIAS as PROXIED_HOST } from '../support/net';
import { listenOnLoopback } from '../support/loopbackServer';
import { connectTarget, openTunnel } from '../support/proxyServer';

export interface ProxiedExchange {
  readonly kind: 'tunnel' | 'forward';
  /** host:port (tunnel) or the absolute URL (forward), as the client asked for it. */
  readonly target: string;
  readonly status: number;
}

export interface MappingProxyOptions {
  /** Answer every request with this status instead of serving it. */
  refuseWith?: number;
}

export interface MappingProxy {
  readonly url: string;
  readonly port: number;
  /** host:port, as messages name the proxy. */
  readonly label: string;
  readonly exchanges: ProxiedExchange[];
  options: MappingProxyOptions;
  close(): Promise<void>;
}

/** 127.0.0.1 stays itself, the alias maps to it; anything else is refused so a bug can never reach the network. */
function mapHost(host: string): string | undefined {
  const bare = host.replace(/^\[|\]$/g, '');
  return bare === '127.0.0.1' || bare === PROXIED_HOST || bare === 'localhost' ? '127.0.0.1' : undefined;
}

export async function startMappingProxy(initial: MappingProxyOptions = {}): Promise<MappingProxy> {
  const exchanges: ProxiedExchange[] = [];
  const state = { options: initial };
  const reason = (status: number): string => http.STATUS_CODES[status] ?? 'Refused';

  const server = http.createServer((req, res) => {
    const target = req.url ?? '';
    const refuse = (status: number): void => {
      exchanges.push({ kind: 'forward', target, status });
      res.writeHead(status, { 'Content-Type': 'text/html' });
      res.end(`<html><body><h1>${status} ${reason(status)}</h1><p>Test proxy</p></body></html>`);
    };
    if (state.options.refuseWith !== undefined) {
      refuse(state.options.refuseWith);
      return;
    }
    let url: URL;
    try {
      url = new URL(target);
    } catch {
      refuse(400);
      return;
    }
    const host = mapHost(url.hostname);
    if (url.protocol !== 'http:' || host === undefined) {
      refuse(403);
      return;
    }
    const headers: http.OutgoingHttpHeaders = { ...req.headers, host: url.host };
    delete headers['proxy-connection'];
    delete headers['proxy-authorization'];
    const upstream = http.request({ host, port: Number(url.port || 80), method: req.method, path: `${url.pathname}${url.search}`, headers }, (answer) => {
      exchanges.push({ kind: 'forward', target, status: answer.statusCode ?? 0 });
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on('error', () => {
      if (!res.headersSent) {
        refuse(502);
      } else {
        res.destroy();
      }
    });
    req.pipe(upstream);
  });

  server.on('connect', (req: http.IncomingMessage, client: Duplex, head: Buffer) => {
    const target = req.url ?? '';
    const refuse = (status: number): void => {
      exchanges.push({ kind: 'tunnel', target, status });
      client.end(`HTTP/1.1 ${status} ${reason(status)}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n`);
    };
    client.on('error', () => undefined);
    if (state.options.refuseWith !== undefined) {
      refuse(state.options.refuseWith);
      return;
    }
    const asked = connectTarget(target);
    const host = asked ? mapHost(asked.host) : undefined;
    if (!asked || host === undefined) {
      refuse(403);
      return;
    }
    const upstream = openTunnel(loopback, client, head, { host, port: asked.port }, {
      opened: () => exchanges.push({ kind: 'tunnel', target, status: 200 }),
      failed: () => refuse(502)
    });
    client.on('close', () => upstream.destroy());
  });

  const loopback = await listenOnLoopback(server);
  return {
    url: `http://127.0.0.1:${loopback.port}`,
    port: loopback.port,
    label: `127.0.0.1:${loopback.port}`,
    exchanges,
    get options() {
      return state.options;
    },
    set options(value: MappingProxyOptions) {
      state.options = value;
    },
    close: () => loopback.close()
  };
}
