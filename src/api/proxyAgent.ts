// HTTP agents that reach their targets through an explicit HTTP proxy with CONNECT tunnels.
// Both http and https targets are tunnelled, so the proxy never sees request lines, headers or bodies.
import * as http from 'http';
import * as https from 'https';
import * as net from 'net';
import * as tls from 'tls';
import type { Duplex } from 'stream';
import { ProxyError } from './errorMapping';

export interface ProxyConfig {
  /** http://[user:pass@]host:port or https://…; credentials become a Proxy-Authorization header. */
  readonly url: string;
  /** Verify the TLS certificates of the proxy (https proxies) and of tunnelled https targets. */
  readonly strictSSL: boolean;
  /** `host[:port]` entries (a leading dot or none: the domain and its subdomains; `*`: every host) reached directly. */
  readonly noProxy?: readonly string[];
}

/** VS Code's proxy resolver always connects to these directly; so does this agent, so both route alike. */
const DIRECT_HOSTS = new Set(['localhost', '127.0.0.1', '::1', '::ffff:127.0.0.1']);

/** True when a request to host:port must not use the proxy (same rules as VS Code's `http.noProxy`). */
export function bypassesProxy(hostname: string, port: number, noProxy: readonly string[] = []): boolean {
  const host = hostname.toLowerCase().replace(/^\[|\]$/g, '');
  if (DIRECT_HOSTS.has(host)) {
    return true;
  }
  return noProxy.some((entry) => {
    const [name, entryPort] = entry.trim().toLowerCase().split(':', 2);
    if (name === '*') {
      return true;
    }
    if (!name) {
      return false;
    }
    const domain = name.startsWith('.') ? name : `.${name}`;
    return `.${host}`.endsWith(domain) && (!entryPort || entryPort === String(port));
  });
}

interface ParsedProxy {
  readonly secure: boolean;
  readonly host: string;
  readonly port: number;
  /** host:port for messages: never the credentials. */
  readonly label: string;
  readonly authorization?: string;
}

export function parseProxyUrl(raw: string): ParsedProxy {
  let url: URL;
  try {
    url = new URL(raw.includes('://') ? raw : `http://${raw}`);
  } catch {
    throw new ProxyError('The proxy setting is not a valid URL (expected http://host:port).', 'EPROXYCONFIG');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ProxyError(`The proxy protocol ${url.protocol} is not supported; use an http:// or https:// proxy.`, 'EPROXYCONFIG');
  }
  const secure = url.protocol === 'https:';
  const port = url.port !== '' ? Number(url.port) : secure ? 443 : 80;
  const host = url.hostname.replace(/^\[|\]$/g, '');
  let authorization: string | undefined;
  if (url.username !== '') {
    const user = decodeURIComponent(url.username);
    const password = decodeURIComponent(url.password);
    authorization = `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
  }
  return { secure, host, port, label: `${url.hostname}:${port}`, authorization };
}

/** Host as it goes in a CONNECT line: IPv6 literals in brackets. */
function authority(host: string, port: number): string {
  return net.isIPv6(host) ? `[${host}]:${port}` : `${host}:${port}`;
}

const MAX_PROXY_HEADER = 16 * 1024;

/** Opens a socket to the proxy and asks it for a tunnel to host:port. Resolves once the proxy answered 200. */
export function openTunnel(proxy: ParsedProxy, targetHost: string, targetPort: number, strictSSL: boolean): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const target = authority(targetHost, targetPort);
    const socket: net.Socket = proxy.secure
      ? tls.connect({ host: proxy.host, port: proxy.port, servername: net.isIP(proxy.host) ? undefined : proxy.host, rejectUnauthorized: strictSSL })
      : net.connect({ host: proxy.host, port: proxy.port });
    let buffered = Buffer.alloc(0);
    let settled = false;

    const fail = (message: string, code: string): void => {
      if (settled) {
        return;
      }
      settled = true;
      cleanup();
      socket.destroy();
      reject(new ProxyError(message, code));
    };
    const onError = (err: NodeJS.ErrnoException): void => {
      const code = err.code ?? 'EPROXY';
      fail(`Could not connect to the proxy ${proxy.label} (${code}). Check the proxy setting (http.proxy).`, code);
    };
    const onClose = (): void => fail(`The proxy ${proxy.label} closed the connection before opening a tunnel to ${target}.`, 'EPROXYCLOSED');
    const onData = (chunk: Buffer): void => {
      buffered = Buffer.concat([buffered, chunk]);
      const end = buffered.indexOf('\r\n\r\n');
      if (end === -1) {
        if (buffered.length > MAX_PROXY_HEADER) {
          fail(`The proxy ${proxy.label} sent an invalid answer to CONNECT ${target}.`, 'EPROXYPROTOCOL');
        }
        return;
      }
      const statusLine = buffered.subarray(0, buffered.indexOf('\r\n')).toString('latin1');
      const match = /^HTTP\/\d(?:\.\d)?\s+(\d{3})\s*(.*)$/.exec(statusLine);
      const status = match ? Number(match[1]) : 0;
      if (status !== 200) {
        const reason = match && match[2] !== '' ? ` ${match[2].slice(0, 100)}` : '';
        const hint = status === 407 ? ' (proxy authentication required: check the user name and password in the proxy setting)' : '';
        fail(`The proxy ${proxy.label} refused the tunnel to ${target}: HTTP ${status || '?'}${reason}${hint}.`, status === 407 ? 'EPROXYAUTH' : 'EPROXYREFUSED');
        return;
      }
      settled = true;
      cleanup();
      const rest = buffered.subarray(end + 4);
      if (rest.length > 0) {
        socket.unshift(rest);
      }
      resolve(socket);
    };
    const cleanup = (): void => {
      socket.removeListener('error', onError);
      socket.removeListener('close', onClose);
      socket.removeListener('data', onData);
    };

    socket.on('error', onError);
    socket.on('close', onClose);
    socket.on('data', onData);
    socket.once(proxy.secure ? 'secureConnect' : 'connect', () => {
      const lines = [`CONNECT ${target} HTTP/1.1`, `Host: ${target}`];
      if (proxy.authorization !== undefined) {
        lines.push(`Proxy-Authorization: ${proxy.authorization}`);
      }
      socket.write(`${lines.join('\r\n')}\r\n\r\n`);
    });
  });
}

type ConnectionCallback = (err: Error | null, stream: Duplex) => void;

function targetOf(options: http.ClientRequestArgs, defaultPort: number): { host: string; port: number } {
  const host = (options.hostname ?? options.host ?? 'localhost').replace(/^\[|\]$/g, '');
  const port = options.port !== undefined && options.port !== null && options.port !== '' ? Number(options.port) : defaultPort;
  return { host, port };
}

class TunnelHttpAgent extends http.Agent {
  constructor(private readonly proxy: ParsedProxy, private readonly strictSSL: boolean, private readonly noProxy: readonly string[]) {
    super({ keepAlive: false });
  }

  override createConnection(options: http.ClientRequestArgs, callback?: ConnectionCallback): Duplex | null | undefined {
    const { host, port } = targetOf(options, 80);
    if (bypassesProxy(host, port, this.noProxy)) {
      return net.connect({ host, port });
    }
    openTunnel(this.proxy, host, port, this.strictSSL).then(
      (socket) => callback?.(null, socket),
      (err: Error) => callback?.(err, undefined as unknown as Duplex)
    );
    return undefined;
  }
}

class TunnelHttpsAgent extends https.Agent {
  constructor(private readonly proxy: ParsedProxy, private readonly strictSSL: boolean, private readonly noProxy: readonly string[]) {
    super({ keepAlive: false, rejectUnauthorized: strictSSL });
  }

  override createConnection(options: https.RequestOptions, callback?: ConnectionCallback): Duplex | null | undefined {
    const { host, port } = targetOf(options, 443);
    const servername = options.servername ?? (net.isIP(host) ? undefined : host);
    if (bypassesProxy(host, port, this.noProxy)) {
      // A direct connection still verifies the server certificate.
      return tls.connect({ host, port, servername, rejectUnauthorized: true, ALPNProtocols: ['http/1.1'] });
    }
    openTunnel(this.proxy, host, port, this.strictSSL).then(
      (raw) => {
        const secure = tls.connect({ socket: raw, servername, rejectUnauthorized: this.strictSSL, ALPNProtocols: ['http/1.1'] });
        const onError = (err: Error): void => callback?.(err, undefined as unknown as Duplex);
        secure.once('error', onError);
        secure.once('secureConnect', () => {
          secure.removeListener('error', onError);
          callback?.(null, secure);
        });
      },
      (err: Error) => callback?.(err, undefined as unknown as Duplex)
    );
    return undefined;
  }
}

export interface ProxyAgents {
  readonly httpAgent: http.Agent;
  readonly httpsAgent: https.Agent;
  /** host:port of the proxy, for logs. */
  readonly label: string;
}

/** Agents for axios' httpAgent/httpsAgent. Throws ProxyError for an unusable proxy URL. */
export function createProxyAgents(config: ProxyConfig): ProxyAgents {
  const proxy = parseProxyUrl(config.url);
  const noProxy = config.noProxy ?? [];
  return {
    httpAgent: new TunnelHttpAgent(proxy, config.strictSSL, noProxy),
    httpsAgent: new TunnelHttpsAgent(proxy, config.strictSSL, noProxy),
    label: proxy.label
  };
}
