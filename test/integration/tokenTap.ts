// A pass-through for the token endpoint on 127.0.0.1 that remembers every access token the extension received
// (including the one of a sign-in check, which never reaches the API), so the leak test knows what to look for.
import * as http from 'http';
import type { AddressInfo } from 'net';

export interface TokenTap {
  /** The token URL to configure: the tap, forwarding to the real (fake) token endpoint. */
  readonly tokenUrl: string;
  readonly tokens: ReadonlySet<string>;
  close(): Promise<void>;
}

const CAPTURE_LIMIT = 64 * 1024;

export async function startTokenTap(upstreamTokenUrl: string): Promise<TokenTap> {
  const upstream = new URL(upstreamTokenUrl);
  const tokens = new Set<string>();
  const server = http.createServer((req, res) => {
    const forward = http.request(
      { host: upstream.hostname, port: Number(upstream.port), method: req.method, path: req.url, headers: { ...req.headers, host: upstream.host } },
      (answer) => {
        const chunks: Buffer[] = [];
        let captured = 0;
        answer.on('data', (chunk: Buffer) => {
          if (captured < CAPTURE_LIMIT) {
            chunks.push(chunk);
            captured += chunk.length;
          }
        });
        answer.on('end', () => {
          const match = /"access_token"\s*:\s*"([^"]+)"/.exec(Buffer.concat(chunks).toString('utf8'));
          if (match) {
            tokens.add(match[1]);
          }
        });
        answer.on('error', () => res.destroy());
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      }
    );
    forward.on('error', () => res.destroy());
    req.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    tokenUrl: `http://127.0.0.1:${port}${upstream.pathname}`,
    tokens,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      })
  };
}
