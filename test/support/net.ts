// Network helpers shared by the unit and integration suites (loopback only).
import * as net from 'net';

/** A loopback alias that nothing listens on: test proxies map it to 127.0.0.1, so only proxied requests reach a server. */
export const PROXIED_ALIAS = '127.0.0.2';

/** A 127.0.0.1 port that nothing listens on (bound, then closed). */
export async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** The same URL with its host replaced by the proxy-only alias (a trailing slash is kept as given). */
export function viaAlias(url: string): string {
  const parsed = new URL(url);
  parsed.hostname = PROXIED_ALIAS;
  return parsed.toString().replace(/\/$/, url.endsWith('/') ? '/' : '');
}
