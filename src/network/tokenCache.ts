// Each account's last access token in SecretStorage (never globalState: a token is a credential), so a new window
// answers VS Code's startup session request and sends its first API request without asking the token endpoint.
// An entry is bound to the pair and the endpoints it was issued for (a hash, no secret), and is used only until its
// renewal time (expiry minus the token client's safety margin). Sign-out and quarantine delete it.

import { createHash } from 'crypto';
import type { IssuedToken } from '../api/tokenClient';
import { credentialSecret, type Credentials } from '../api/types';
import { parseJsonObject } from '../util/json';
import { userSetting } from '../util/settings';

/** The part of vscode.SecretStorage used here. */
export interface TokenSecrets {
  get(key: string): Thenable<string | undefined>;
  store(key: string, value: string): Thenable<void>;
  delete(key: string): Thenable<void>;
}

/** Never starts with the account store's keys (axwaySupport.serviceAccount…), so the store ignores its changes. */
export const TOKEN_KEY_PREFIX = 'axwaySupport.accessToken.';

interface Entry {
  readonly accessToken: string;
  readonly renewAt: number;
  /** Hash of the endpoints and the pair the token was issued for. */
  readonly binding: string;
}

/** The account's token if one is stored for this binding and not due for renewal; never throws. */
export async function readStoredToken(secrets: TokenSecrets, account: string, binding: string, now = Date.now()): Promise<IssuedToken | undefined> {
  let raw: string | undefined;
  try {
    raw = await secrets.get(TOKEN_KEY_PREFIX + account);
  } catch {
    // A locked keyring: the token endpoint answers instead.
    return undefined;
  }
  const entry = parseEntry(raw);
  return entry && entry.binding === binding && now < entry.renewAt ? { accessToken: entry.accessToken, renewAt: entry.renewAt } : undefined;
}

export async function storeToken(secrets: TokenSecrets, account: string, binding: string, token: IssuedToken): Promise<void> {
  const entry: Entry = { accessToken: token.accessToken, renewAt: token.renewAt, binding };
  await secrets.store(TOKEN_KEY_PREFIX + account, JSON.stringify(entry));
}

export async function deleteStoredToken(secrets: TokenSecrets, account: string): Promise<void> {
  await secrets.delete(TOKEN_KEY_PREFIX + account);
}

function parseEntry(raw: string | undefined): Entry | undefined {
  const value = parseJsonObject(raw);
  if (value === undefined) {
    return undefined;
  }
  const { accessToken, renewAt, binding } = value;
  return typeof accessToken === 'string' && accessToken !== '' && typeof renewAt === 'number' && typeof binding === 'string' ? { accessToken, renewAt, binding } : undefined;
}

/** Compares pairs without keeping a second copy of the secret in memory. */
export function credentialsFingerprint(credentials: Credentials): string {
  return createHash('sha256').update(credentials.clientId).update('\0').update(credentials.kind ?? 'secret').update('\0').update(credentialSecret(credentials)).digest('hex');
}

/**
 * What a token belongs to: the endpoint settings as set (a token of another realm is never used) and the pair, as a
 * hash. Read from the raw settings, so activation can check a stored token without validating URLs.
 */
export function tokenBinding(credentials: Credentials): string {
  return createHash('sha256')
    .update(JSON.stringify([userSetting('tokenUrl'), userSetting('apiBaseUrl')]))
    .update('\0')
    .update(credentialsFingerprint(credentials))
    .digest('hex');
}
