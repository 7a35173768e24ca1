// A minimal HTTPS server on 127.0.0.1 with a self-signed certificate, to test TLS through proxy tunnels.
import * as https from 'https';
import { listenOnLoopback } from '../../support/loopbackServer';

// Test-only EC key and self-signed certificate for localhost / 127.0.0.1 (valid until 2126). Never used outside tests.
const KEY = `-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgP0+Sf4opAr0aSjWp
FCpGJUa0yF6XPy2EmCMhhPbdn8uhRANCAAQZxqHLyfJ5cgxGIbLZ6Ga4SzII+aUT
LwQgqrODKCw9K1VyjA3WuTHHTPvt9rzUe1kR2S+bdaY/+CUYzIT9vIb9
-----END PRIVATE KEY-----
`;
const CERT = `-----BEGIN CERTIFICATE-----
MIIBmzCCAUGgAwIBAgIUFTMzfMyrVUd4iQs8bF3t26udGpcwCgYIKoZIzj0EAwIw
FDESMBAGA1UEAwwJbG9jYWxob3N0MCAXDTI2MTEyODAyMDQ0NVoYDzIxMjYxMTA0
MDIwNDQ1WjAUMRIwEAYDVQQDDAlsb2NhbGhvc3QwWTATBgcqhkjOPQIBBggqhkjO
PQMBBwNCAAQZxqHLyfJ5cgxGIbLZ6Ga4SzII+aUTLwQgqrODKCw9K1VyjA3WuTHH
TPvt9rzUe1kR2S+bdaY/+CUYzIT9vIb9o28wbTAdBgNVHQ4EFgQUKrJcIwyETppA
UVNI32/H4sbAWn0wHwYDVR0jBBgwFoAUKrJcIwyETppAUVNI32/H4sbAWn0wDwYD
VR0TAQH/BAUwAwEB/zAaBgNVHREEEzARgglsb2NhbGhvc3SHBH8AAAEwCgYIKoZI
zj0EAwIDSAAwRQIgVod7Lhp5yUJFF3DeCoXALxeXdfRZI3sxjSoK4eHmaE0CIQCa
zX6M3KIeum9N7DRAnMrneYI3Bc900hbfy5yY1ndu7g==
-----END CERTIFICATE-----
`;

export interface TlsServer {
  readonly origin: string;
  readonly port: number;
  /** Paths requested, in order. */
  readonly paths: string[];
  close(): Promise<void>;
}

/** Answers every request with an empty case list (JSON) and a troubleshooting id. */
export async function startTlsServer(): Promise<TlsServer> {
  const paths: string[] = [];
  const server = https.createServer({ key: KEY, cert: CERT }, (req, res) => {
    paths.push(req.url ?? '');
    res.writeHead(200, { 'Content-Type': 'application/json', 'X-Troubleshooting-ID': 'tls-tid' });
    res.end(JSON.stringify({ totalCount: 0, limit: 20, offset: 0, cases: [] }));
  });
  // TLS handshake failures (the strictSSL test) are expected; keep them off the console.
  server.on('tlsClientError', () => undefined);
  const loopback = await listenOnLoopback(server);
  return {
    origin: `https://127.0.0.1:${loopback.port}`,
    port: loopback.port,
    paths,
    close: () => loopback.close()
  };
}
