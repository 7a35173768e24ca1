// The OAuth2 client-credentials token endpoint (Keycloak-like) and the bearer check of the API.

import { createPublicKey, randomBytes, randomUUID, verify, type KeyObject } from 'node:crypto';
import { parseQueryString } from './listParams';
import type { TokenRejection } from './types';

const JWT_BEARER = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';
/** Clock difference tolerated between the client and the sign-in service. */
const CLOCK_SKEW_SEC = 10;

export interface TokenResult {
  status: number;
  /** undefined: an empty body. */
  body: Record<string, unknown> | undefined;
}

interface IssuedToken {
  /** Whose token it is: the API serves that service account's cases. */
  clientId: string;
  expiresAt: number;
  generation: number;
}

function oauthError(status: number, error: string, description: string): TokenResult {
  return { status, body: { error, error_description: description } };
}

function base64url(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

/** Client id and secret from `Authorization: Basic` (each form-urlencoded, as RFC 6749 §2.3.1 says), or undefined. */
export function basicCredentials(header: string | undefined): { id: string; secret: string } | undefined {
  const match = /^Basic\s+(\S+)$/i.exec(header ?? '');
  if (!match) {
    return undefined;
  }
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) {
    return undefined;
  }
  try {
    const decode = (s: string): string => decodeURIComponent(s.replace(/\+/g, ' '));
    return { id: decode(decoded.slice(0, colon)), secret: decode(decoded.slice(colon + 1)) };
  } catch {
    return undefined;
  }
}

export class TokenIssuer {
  private tokens = new Map<string, IssuedToken>();
  private generation = 0;
  clientId: string;
  clientSecret: string;
  lifetimeSec: number;
  rejectAs: TokenRejection = 'invalid_client';
  /** Service accounts of the certificate kind: client id → public key (JWT client authentication). */
  private readonly certificateClients = new Map<string, KeyObject>();
  /** jti values already used: Keycloak refuses a replayed assertion. */
  private readonly usedJti = new Set<string>();
  /** Further service accounts of the secret kind (client id → secret), each with its own cases. */
  private readonly secretClients = new Map<string, string>();

  constructor(private readonly defaults: { clientId: string; clientSecret: string; lifetimeSec: number }, private readonly issuer: string) {
    this.clientId = defaults.clientId;
    this.clientSecret = defaults.clientSecret;
    this.lifetimeSec = defaults.lifetimeSec;
  }

  /** Restores credentials and lifetime. Issued tokens stay valid (revocations are undone) so a client's cached token survives a test reset. */
  reset(): void {
    for (const token of this.tokens.values()) {
      token.generation = this.generation;
    }
    this.clientId = this.defaults.clientId;
    this.clientSecret = this.defaults.clientSecret;
    this.lifetimeSec = this.defaults.lifetimeSec;
    this.rejectAs = 'invalid_client';
    this.certificateClients.clear();
    this.usedJti.clear();
    this.secretClients.clear();
  }

  /** Registers a certificate-kind service account: token requests must carry a JWT signed with its private key. */
  addCertificateClient(clientId: string, publicKeyPem: string): void {
    this.certificateClients.set(clientId, createPublicKey(publicKeyPem));
  }

  /** Registers another service account of the secret kind. */
  addSecretClient(clientId: string, clientSecret: string): void {
    this.secretClients.set(clientId, clientSecret);
  }

  /** The client a valid bearer token was issued to; undefined for anything else. */
  clientOf(authorization: string | undefined): string | undefined {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
    return match ? this.tokens.get(match[1])?.clientId : undefined;
  }

  /** Every token issued so far stops working; new ones are fine. */
  revokeAll(): void {
    this.generation++;
  }

  handle(contentType: string | undefined, authorization: string | undefined, body: string): TokenResult {
    if (!/^application\/x-www-form-urlencoded\s*(;|$)/i.test(contentType ?? '')) {
      return oauthError(400, 'invalid_request', 'Content-Type must be application/x-www-form-urlencoded');
    }
    let form: Map<string, string[]>;
    try {
      form = parseQueryString(body);
    } catch {
      return oauthError(400, 'invalid_request', 'Malformed form body');
    }
    const one = (name: string): string | undefined => form.get(name)?.[0];
    const grantType = one('grant_type');
    if (grantType === undefined || grantType === '') {
      return oauthError(400, 'invalid_request', 'Missing form parameter: grant_type');
    }
    if (grantType !== 'client_credentials') {
      return oauthError(400, 'unsupported_grant_type', `Unsupported grant_type: ${grantType}`);
    }
    const basic = basicCredentials(authorization);
    const id = basic?.id ?? one('client_id');
    const secret = basic?.secret ?? one('client_secret');
    const assertionType = one('client_assertion_type');
    if (assertionType !== undefined) {
      return this.handleAssertion(assertionType, one('client_assertion'), id, one('scope'));
    }
    if (id === undefined || id === '') {
      return oauthError(400, 'invalid_client', 'Missing parameter: client_id');
    }
    const extra = this.secretClients.get(id);
    if (extra !== undefined) {
      return secret === extra ? { status: 200, body: this.issue(id, one('scope')) } : this.rejection();
    }
    if (id !== this.clientId || secret !== this.clientSecret) {
      return this.rejection();
    }
    return { status: 200, body: this.issue(id, one('scope')) };
  }

  /** RFC 7523 client authentication, checked as Keycloak does; each failure answers as Keycloak words it. */
  private handleAssertion(type: string, assertion: string | undefined, formClientId: string | undefined, scope: string | undefined): TokenResult {
    const failed = (reason: string): TokenResult => oauthError(401, 'unauthorized_client', `Client authentication with signed JWT failed: ${reason}`);
    if (type !== JWT_BEARER) {
      return oauthError(400, 'invalid_request', `Unsupported client_assertion_type: ${type}`);
    }
    const parts = (assertion ?? '').split('.');
    if (parts.length !== 3) {
      return oauthError(400, 'invalid_request', 'Missing or malformed client_assertion');
    }
    let header: Record<string, unknown>;
    let payload: Record<string, unknown>;
    try {
      header = JSON.parse(Buffer.from(parts[0], 'base64url').toString('utf8')) as Record<string, unknown>;
      payload = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8')) as Record<string, unknown>;
    } catch {
      return failed('Token is not a valid JWT');
    }
    const clientId = typeof payload.sub === 'string' ? payload.sub : undefined;
    if (clientId === undefined || payload.iss !== clientId || (formClientId !== undefined && formClientId !== clientId)) {
      return failed('iss, sub and client_id must all be the client id');
    }
    const publicKey = this.certificateClients.get(clientId);
    if (!publicKey) {
      return oauthError(401, 'unauthorized_client', 'Client authentication with signed JWT is not configured for this client');
    }
    if (header.alg !== 'RS256') {
      return failed(`Unsupported algorithm ${String(header.alg)}`);
    }
    const signed = verify('sha256', Buffer.from(`${parts[0]}.${parts[1]}`, 'utf8'), publicKey, Buffer.from(parts[2], 'base64url'));
    if (!signed) {
      return failed(`Signature on JWT token by client: ${clientId} failed validation`);
    }
    if (payload.aud !== this.tokenUrl && payload.aud !== this.issuer) {
      return failed('Invalid token audience');
    }
    const now = Math.floor(Date.now() / 1000);
    if (typeof payload.exp !== 'number') {
      return failed('Token exp claim is required');
    }
    if (payload.exp <= now) {
      return failed('Token is not active');
    }
    // Without iat a far exp would pass the lifetime check: the expiry itself may be at most an hour ahead.
    if (payload.exp - now > 3600 + CLOCK_SKEW_SEC) {
      return failed('Token expiration is too far in the future');
    }
    if (typeof payload.iat !== 'number') {
      return failed('Token iat claim is required');
    }
    if (payload.iat > now + CLOCK_SKEW_SEC) {
      return failed('Token was issued in the future');
    }
    if (payload.exp - payload.iat > 3600) {
      return failed('Token lifetime exceeds one hour');
    }
    if (typeof payload.jti !== 'string' || payload.jti === '') {
      return failed('Token has no jti');
    }
    if (this.usedJti.has(payload.jti)) {
      return failed('Token reuse detected');
    }
    this.usedJti.add(payload.jti);
    return { status: 200, body: this.issue(clientId, scope) };
  }

  private get tokenUrl(): string {
    return `${this.issuer}/protocol/openid-connect/token`;
  }

  private rejection(): TokenResult {
    switch (this.rejectAs) {
      case 'unauthorized_client':
        return oauthError(401, 'unauthorized_client', 'Invalid client secret');
      case 'json401':
        return { status: 401, body: { message: 'HTTP 401 Unauthorized' } };
      case 'invalid_client':
        return oauthError(401, 'invalid_client', 'Invalid client or Invalid client credentials');
    }
  }

  private issue(clientId: string, scope: string | undefined): Record<string, unknown> {
    const now = Date.now();
    const iat = Math.floor(now / 1000);
    const header = { alg: 'RS256', typ: 'JWT', kid: 'fake-api-key-1' };
    const payload = {
      exp: iat + Math.ceil(this.lifetimeSec), iat, jti: randomUUID(), iss: this.issuer, sub: randomUUID(), typ: 'Bearer',
      azp: clientId, clientId, scope: scope ?? 'profile email'
    };
    const token = `${base64url(header)}.${base64url(payload)}.${randomBytes(64).toString('base64url')}`;
    this.tokens.set(token, { clientId, expiresAt: now + this.lifetimeSec * 1000, generation: this.generation });
    return {
      access_token: token,
      expires_in: this.lifetimeSec,
      refresh_expires_in: 0,
      token_type: 'bearer',
      'not-before-policy': 1571719187,
      scope: scope ?? 'profile email'
    };
  }

  /** undefined when the Authorization header carries a valid token, else the reason for a 401. */
  check(authorization: string | undefined): string | undefined {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
    if (!match) {
      return 'Missing or malformed Authorization header: a Bearer token is required.';
    }
    const token = this.tokens.get(match[1]);
    if (!token || token.generation !== this.generation) {
      return 'The access token is invalid or has been revoked.';
    }
    if (Date.now() >= token.expiresAt) {
      return 'The access token has expired.';
    }
    return undefined;
  }
}
