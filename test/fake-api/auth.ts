// The OAuth2 client-credentials token endpoint (Keycloak-like) and the bearer check of the API.

import { randomBytes, randomUUID } from 'node:crypto';
import { parseQueryString } from './listParams';
import type { TokenRejection } from './types';

export interface TokenResult {
  status: number;
  /** undefined: an empty body. */
  body: Record<string, unknown> | undefined;
}

interface IssuedToken {
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
function basicCredentials(header: string | undefined): { id: string; secret: string } | undefined {
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
    if (id === undefined || id === '') {
      return oauthError(400, 'invalid_client', 'Missing parameter: client_id');
    }
    if (one('client_assertion_type') !== undefined && secret === undefined) {
      return oauthError(401, 'unauthorized_client', 'Client authentication with signed JWT is not configured for this client');
    }
    if (id !== this.clientId || secret !== this.clientSecret) {
      return this.rejection();
    }
    return { status: 200, body: this.issue(id, one('scope')) };
  }

  private rejection(): TokenResult {
    switch (this.rejectAs) {
      case 'unauthorized_client':
        return oauthError(401, 'unauthorized_client', 'Invalid client secret');
      case 'bare401':
        return { status: 401, body: undefined };
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
    this.tokens.set(token, { expiresAt: now + this.lifetimeSec * 1000, generation: this.generation });
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
