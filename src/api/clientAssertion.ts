// Client authentication with a signed JWT ("private_key_jwt", RFC 7523), used by Amplify Platform service accounts
// of the certificate kind: instead of a client secret, each token request carries a short-lived JWT signed RS256
// with the account's private key. Node's crypto does the key parsing, signing and base64url; nothing hand-written.

import * as l10n from '@vscode/l10n';
import { createPrivateKey, randomUUID, sign, type KeyObject } from 'crypto';

export const JWT_BEARER_ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

/** Short on purpose: the assertion is used once, right away (the platform accepts up to an hour). */
export const DEFAULT_ASSERTION_LIFETIME_SEC = 60;
const MAX_ASSERTION_LIFETIME_SEC = 3600;

export interface AssertionInput {
  readonly clientId: string;
  /** The token endpoint: the JWT's audience. */
  readonly tokenUrl: string;
  readonly privateKey: KeyObject;
  readonly lifetimeSec?: number;
  /** Clock in ms since the epoch; injectable for tests. */
  readonly now?: () => number;
}

/** A compact JWS: header.payload.signature, RS256, with a fresh jti. */
export function createClientAssertion(input: AssertionInput): string {
  const lifetime = Math.min(Math.max(1, Math.floor(input.lifetimeSec ?? DEFAULT_ASSERTION_LIFETIME_SEC)), MAX_ASSERTION_LIFETIME_SEC);
  const iat = Math.floor((input.now ?? Date.now)() / 1000);
  const header = { alg: 'RS256', typ: 'JWT' };
  const payload = { iss: input.clientId, sub: input.clientId, aud: input.tokenUrl, jti: randomUUID(), iat, exp: iat + lifetime };
  const signingInput = `${base64urlJson(header)}.${base64urlJson(payload)}`;
  // For an RSA key, crypto.sign with SHA-256 is RSASSA-PKCS1-v1_5: exactly JWS "RS256".
  const signature = sign('sha256', Buffer.from(signingInput, 'utf8'), input.privateKey).toString('base64url');
  return `${signingInput}.${signature}`;
}

export type PrivateKeyProblem =
  /** The PEM is encrypted and no passphrase was given. */
  | 'passphraseRequired'
  /** The passphrase does not decrypt it. */
  | 'wrongPassphrase'
  /** Not a PEM private key at all (a certificate, a public key, garbage). */
  | 'notAPrivateKey'
  /** A private key, but not RSA (RS256 needs RSA). */
  | 'notRsa';

export class PrivateKeyError extends Error {
  constructor(
    readonly problem: PrivateKeyProblem,
    message: string
  ) {
    super(message);
    this.name = 'PrivateKeyError';
  }
}

/** True when the PEM text says it is encrypted (so the user must be asked for a passphrase). */
export function isEncryptedPem(pem: string): boolean {
  return /-----BEGIN ENCRYPTED PRIVATE KEY-----/.test(pem) || /Proc-Type:\s*4,ENCRYPTED/.test(pem);
}

/** Parses and checks a PEM private key; throws PrivateKeyError with a sentence a person can act on. */
export function readRsaPrivateKey(pem: string, passphrase?: string): KeyObject {
  if (!/-----BEGIN (?:RSA |ENCRYPTED |EC )?PRIVATE KEY-----/.test(pem)) {
    throw new PrivateKeyError('notAPrivateKey', l10n.t('The file is not a PEM private key (expected "{0}" or "{1}").', '-----BEGIN PRIVATE KEY-----', '-----BEGIN RSA PRIVATE KEY-----'));
  }
  if (isEncryptedPem(pem) && (passphrase === undefined || passphrase === '')) {
    throw new PrivateKeyError('passphraseRequired', l10n.t('The private key is encrypted: enter its passphrase.'));
  }
  let key: KeyObject;
  try {
    key = createPrivateKey({ key: pem, format: 'pem', ...(passphrase !== undefined && passphrase !== '' ? { passphrase } : {}) });
  } catch (err) {
    if (isEncryptedPem(pem)) {
      throw new PrivateKeyError('wrongPassphrase', l10n.t('The passphrase does not decrypt the private key.'));
    }
    throw new PrivateKeyError('notAPrivateKey', l10n.t('The private key could not be read ({0}).', err instanceof Error ? err.message : l10n.t('unknown reason')));
  }
  if (key.asymmetricKeyType !== 'rsa') {
    throw new PrivateKeyError('notRsa', key.asymmetricKeyType
      ? l10n.t('The private key is {0}; Amplify Platform service accounts sign with RSA (RS256).', key.asymmetricKeyType)
      : l10n.t('The private key is of an unknown type; Amplify Platform service accounts sign with RSA (RS256).'));
  }
  return key;
}

function base64urlJson(value: unknown): string {
  return Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
}
