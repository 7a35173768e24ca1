// The SecretStorage form of one service account. 0.1.0 stored `{ clientId, clientSecret }` with no kind; that form
// stays readable (it is a secret-kind account), so upgrading never asks for a new sign-in. A pair the sign-in service
// refused keeps its entry with `"refused": true` (quarantined): never sent again, yet not lost to an ambiguous answer.

import { Credentials, credentialSecret } from '../api/types';
import { parseJsonObject } from '../util/json';

export function serializeCredentials(credentials: Credentials, refused = false): string {
  const flag = refused ? { refused: true } : {};
  return JSON.stringify(
    credentials.kind === 'certificate'
      ? { kind: 'certificate', clientId: credentials.clientId, privateKey: credentials.privateKey, ...flag }
      : { clientId: credentials.clientId, clientSecret: credentials.clientSecret, ...flag }
  );
}

/** One stored entry: its credentials and whether the sign-in service refused them. */
export interface StoredEntry {
  readonly credentials: Credentials;
  readonly refused: boolean;
}

export function parseStoredEntry(raw: string | undefined): StoredEntry | undefined {
  const value = parseJsonObject(raw);
  const credentials = credentialsOf(value);
  return credentials === undefined ? undefined : { credentials, refused: value?.refused === true };
}

/** A corrupt or unknown entry reads as undefined (signed out); signing in again overwrites it. */
export function parseStoredCredentials(raw: string | undefined): Credentials | undefined {
  return credentialsOf(parseJsonObject(raw));
}

function credentialsOf(value: Readonly<Record<string, unknown>> | undefined): Credentials | undefined {
  if (value === undefined) {
    return undefined;
  }
  const { kind, clientId, clientSecret, privateKey } = value;
  if (typeof clientId !== 'string' || !clientId) {
    return undefined;
  }
  if (kind === 'certificate') {
    return typeof privateKey === 'string' && privateKey ? { kind: 'certificate', clientId, privateKey } : undefined;
  }
  if ((kind === undefined || kind === 'secret') && typeof clientSecret === 'string' && clientSecret) {
    return { clientId, clientSecret };
  }
  return undefined;
}

export function sameCredentials(a: Credentials | undefined, b: Credentials | undefined): boolean {
  if (a === undefined || b === undefined) {
    return a === b;
  }
  return (a.kind ?? 'secret') === (b.kind ?? 'secret') && a.clientId === b.clientId && credentialSecret(a) === credentialSecret(b);
}
