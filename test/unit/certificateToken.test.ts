// The token client for certificate-kind service accounts, over real HTTP to the fake sign-in service: the request
// body byte for byte, a fresh assertion per request, and the private key and the assertion never in logs or errors.
import * as assert from 'assert';
import { generateKeyPairSync, verify } from 'crypto';
import { JWT_BEARER_ASSERTION_TYPE } from '../../src/api/clientAssertion';
import type { CertificateCredentials } from '../../src/api/types';
import { sanitizeForLog } from '../../src/util/redact';
import { keyLeaks } from '../support/keyLeaks';
import { rejectsWith, useFakeApi } from './support/fixture';

const CLIENT_ID = 'cert-token-client';

function rsaPair(): { privatePem: string; publicPem: string } {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { privatePem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), publicPem: publicKey.export({ type: 'spki', format: 'pem' }).toString() };
}

function decodePart(part: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as Record<string, unknown>;
}

describe('TokenClient with a certificate service account', () => {
  const f = useFakeApi();
  const pair = rsaPair();
  const credentials: CertificateCredentials = { kind: 'certificate', clientId: CLIENT_ID, privateKey: pair.privatePem };

  beforeEach(() => {
    f.fake.control.addCertificateClient(CLIENT_ID, pair.publicPem);
  });

  it('sends client_id, the jwt-bearer assertion type and a signed assertion instead of a secret, byte for byte', async () => {
    const before = Math.floor(Date.now() / 1000);
    const issued = await f.tokens({ credentials: async () => credentials }).getToken();
    assert.ok(issued.length > 20);
    const [request] = f.fake.control.requests('token');
    assert.match(request.headers['content-type'], /^application\/x-www-form-urlencoded/);
    const assertion = new URLSearchParams(request.body).get('client_assertion') ?? '';
    const expected = `grant_type=client_credentials&client_id=${CLIENT_ID}&client_assertion_type=${encodeURIComponent(JWT_BEARER_ASSERTION_TYPE)}&client_assertion=${assertion}&scope=openid`;
    assert.strictEqual(request.body, expected);
    assert.ok(!request.body.includes('client_secret'), 'a certificate account has no secret to send');

    const [header, payload, signature] = assertion.split('.');
    assert.deepStrictEqual(decodePart(header), { alg: 'RS256', typ: 'JWT' });
    const claims = decodePart(payload);
    assert.deepStrictEqual(Object.keys(claims), ['iss', 'sub', 'aud', 'jti', 'iat', 'exp']);
    assert.strictEqual(claims.iss, CLIENT_ID);
    assert.strictEqual(claims.sub, CLIENT_ID);
    assert.strictEqual(claims.aud, f.fake.tokenUrl);
    assert.ok(typeof claims.iat === 'number' && claims.iat >= before && claims.iat <= Math.floor(Date.now() / 1000));
    assert.strictEqual(claims.exp, claims.iat + 60);
    assert.match(String(claims.jti), /^[0-9a-f-]{36}$/);
    assert.ok(verify('sha256', Buffer.from(`${header}.${payload}`), pair.publicPem, Buffer.from(signature, 'base64url')), 'signed with the account key');
  });

  it('signs a fresh assertion (new jti) for every token request, so renewals are not refused as replays', async () => {
    const tokens = f.tokens({ credentials: async () => credentials });
    const first = await tokens.getToken();
    tokens.invalidate();
    const second = await tokens.getToken();
    assert.notStrictEqual(first, second);
    const jtis = f.fake.control.requests('token').map((r) => decodePart((new URLSearchParams(r.body).get('client_assertion') ?? '').split('.')[1]).jti);
    assert.strictEqual(jtis.length, 2);
    assert.notStrictEqual(jtis[0], jtis[1]);
  });

  it('reports a key the account does not have as refused credentials, with the sign-in service words', async () => {
    const stranger: CertificateCredentials = { kind: 'certificate', clientId: CLIENT_ID, privateKey: rsaPair().privatePem };
    const err = await rejectsWith(f.tokens().requestToken(stranger), 'credentialsRejected');
    assert.match(err.message, /Signature on JWT token by client: cert-token-client failed validation/);
  });

  it('refuses a damaged stored key without sending anything, and says to sign in again', async () => {
    const damaged: CertificateCredentials = { kind: 'certificate', clientId: CLIENT_ID, privateKey: '-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n' };
    const err = await rejectsWith(f.tokens({ credentials: async () => damaged }).getToken(), 'credentialsRejected');
    assert.match(err.message, /Sign in again/);
    assert.strictEqual(f.fake.control.requests('token').length, 0);
  });

  describe('the key and the assertion stay out of logs and messages', () => {
    it('the leak detector finds a planted key, whole, JSON-escaped or a single line of it', () => {
      assert.deepStrictEqual(keyLeaks('nothing here', pair.privatePem), []);
      assert.ok(keyLeaks(`log ${pair.privatePem}`, pair.privatePem).length > 0);
      assert.ok(keyLeaks(`{"d":${JSON.stringify(pair.privatePem)}}`, pair.privatePem).length > 0);
      assert.ok(keyLeaks(`one line: ${pair.privatePem.split('\n')[5]}`, pair.privatePem).length > 0);
    });

    it('never logs the key or the assertion of a successful request, even at trace level', async () => {
      await f.tokens({ credentials: async () => credentials }).getToken();
      const text = f.logger.text();
      const assertion = new URLSearchParams(f.fake.control.requests('token')[0].body).get('client_assertion') ?? '';
      assert.deepStrictEqual(keyLeaks(text, pair.privatePem), []);
      assert.ok(!text.includes(assertion.split('.')[2]), 'the assertion signature was logged');
      assert.match(text, /client_assertion=\[redacted\]/);
    });

    it('scrubs the key and the assertion when the sign-in service echoes them in its error', async () => {
      f.fake.control.addFault({
        target: 'token',
        kind: 'respond',
        status: 401,
        body: { error: 'unauthorized_client', error_description: `bad key ${pair.privatePem} line ${pair.privatePem.split('\n')[3]}` }
      });
      const err = await rejectsWith(f.tokens({ credentials: async () => credentials }).getToken(), 'credentialsRejected');
      assert.deepStrictEqual(keyLeaks(err.message, pair.privatePem), [], err.message);
      assert.deepStrictEqual(keyLeaks(f.logger.text(), pair.privatePem), []);
    });

    it('the scrubber removes a planted key in every form the detector looks for', () => {
      const planted = `raw ${pair.privatePem} json ${JSON.stringify(pair.privatePem)} line ${pair.privatePem.split('\n')[2]}`;
      assert.ok(keyLeaks(planted, pair.privatePem).length > 0);
      assert.deepStrictEqual(keyLeaks(sanitizeForLog(planted, [pair.privatePem]), pair.privatePem), []);
    });
  });
});
