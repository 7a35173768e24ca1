// Certificate-kind service accounts: the JWT client assertion built with Node's crypto, checked over real HTTP by the
// fake sign-in service the way Keycloak checks it (signature, audience, expiry, jti reuse), and the PEM key checks.
import * as assert from 'assert';
import { generateKeyPairSync, type KeyObject } from 'crypto';
import { createClientAssertion, JWT_BEARER_ASSERTION_TYPE, PrivateKeyError, readRsaPrivateKey } from '../../src/api/clientAssertion';
import { useFakeApi } from './support/fixture';

const CLIENT_ID = 'cert-service-account';

function rsaPair(): { privatePem: string; publicPem: string; key: KeyObject } {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return {
    privatePem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    key: privateKey
  };
}

describe('client assertion (certificate service accounts)', () => {
  const f = useFakeApi();
  const registered = rsaPair();

  beforeEach(() => {
    f.fake.control.addCertificateClient(CLIENT_ID, registered.publicPem);
  });

  async function requestToken(assertion: string): Promise<{ status: number; body: Record<string, unknown> }> {
    const response = await fetch(f.fake.tokenUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'client_credentials', client_id: CLIENT_ID, client_assertion_type: JWT_BEARER_ASSERTION_TYPE, client_assertion: assertion }).toString()
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  }

  it('builds an RS256 JWT with iss = sub = client id, aud = token URL, a fresh jti and a short exp, which the sign-in service accepts', async () => {
    const now = Date.now();
    const assertion = createClientAssertion({ clientId: CLIENT_ID, tokenUrl: f.fake.tokenUrl, privateKey: registered.key, now: () => now });
    const [header, payload] = assertion.split('.').slice(0, 2).map((part) => JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as Record<string, unknown>);
    assert.deepStrictEqual(header, { alg: 'RS256', typ: 'JWT' });
    assert.strictEqual(payload.iss, CLIENT_ID);
    assert.strictEqual(payload.sub, CLIENT_ID);
    assert.strictEqual(payload.aud, f.fake.tokenUrl);
    assert.strictEqual(payload.iat, Math.floor(now / 1000));
    assert.strictEqual(payload.exp, Math.floor(now / 1000) + 60);
    const second = createClientAssertion({ clientId: CLIENT_ID, tokenUrl: f.fake.tokenUrl, privateKey: registered.key });
    assert.notStrictEqual(JSON.parse(Buffer.from(second.split('.')[1], 'base64url').toString('utf8')).jti, payload.jti);
    const answer = await requestToken(assertion);
    assert.strictEqual(answer.status, 200, JSON.stringify(answer.body));
    assert.strictEqual(typeof answer.body.access_token, 'string');
  });

  const refusals: { readonly what: string; readonly make: () => string; readonly reason: RegExp }[] = [
    {
      what: 'an expired assertion',
      make: () => createClientAssertion({ clientId: CLIENT_ID, tokenUrl: f.fake.tokenUrl, privateKey: registered.key, now: () => Date.now() - 120_000 }),
      reason: /Token is not active/
    },
    {
      what: 'the wrong audience',
      make: () => createClientAssertion({ clientId: CLIENT_ID, tokenUrl: 'https://login.example.invalid/token', privateKey: registered.key }),
      reason: /Invalid token audience/
    },
    {
      what: 'a key the account does not have',
      make: () => createClientAssertion({ clientId: CLIENT_ID, tokenUrl: f.fake.tokenUrl, privateKey: rsaPair().key }),
      reason: /Signature on JWT token by client: cert-service-account failed validation/
    }
  ];
  for (const { what, make, reason } of refusals) {
    it(`is refused like Keycloak for ${what}`, async () => {
      const answer = await requestToken(make());
      assert.strictEqual(answer.status, 401);
      assert.strictEqual(answer.body.error, 'unauthorized_client');
      assert.match(String(answer.body.error_description), reason);
    });
  }

  it('is refused when a jti is used twice', async () => {
    const assertion = createClientAssertion({ clientId: CLIENT_ID, tokenUrl: f.fake.tokenUrl, privateKey: registered.key });
    assert.strictEqual((await requestToken(assertion)).status, 200);
    const replay = await requestToken(assertion);
    assert.strictEqual(replay.status, 401);
    assert.match(String(replay.body.error_description), /Token reuse detected/);
  });

  describe('reading the PEM private key', () => {
    it('reads an RSA key, and an encrypted one with its passphrase', () => {
      assert.strictEqual(readRsaPrivateKey(registered.privatePem).asymmetricKeyType, 'rsa');
      const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
      const encrypted = privateKey.export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: 'open sesame' }).toString();
      assert.strictEqual(readRsaPrivateKey(encrypted, 'open sesame').asymmetricKeyType, 'rsa');
      assert.throws(() => readRsaPrivateKey(encrypted), (err: PrivateKeyError) => err.problem === 'passphraseRequired');
      assert.throws(() => readRsaPrivateKey(encrypted, 'wrong'), (err: PrivateKeyError) => err.problem === 'wrongPassphrase');
    });

    it('refuses a public key, garbage and a non-RSA key with a reason', () => {
      assert.throws(() => readRsaPrivateKey(registered.publicPem), (err: PrivateKeyError) => err.problem === 'notAPrivateKey');
      assert.throws(() => readRsaPrivateKey('-----BEGIN PRIVATE KEY-----\nnot base64\n-----END PRIVATE KEY-----'), (err: PrivateKeyError) => err.problem === 'notAPrivateKey');
      const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
      assert.throws(() => readRsaPrivateKey(ec), (err: PrivateKeyError) => err.problem === 'notRsa' && /RS256/.test(err.message));
    });
  });
});
