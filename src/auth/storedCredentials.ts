// The SecretStorage form of one service account. 0.1.0 stored `{ clientId, clientSecret }` with no kind; that form
// stays readable (it is a secret-kind account), so upgrading never asks for a new sign-in. A pair the sign-in service
// refused keeps its entry with `"refused": true` (quarantined): never sent again, yet not lost to an ambiguous answer.

import { Credentials, credentialSecret } from '../api/types';

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
  const credentials = parseStoredCredentials(raw);
  if (credentials === undefined || raw === undefined) {
    return undefined;
  }
  return { credentials, refused: (JSON.parse(raw) as { refused?: unknown }).refused === true };
}

/** A corrupt or unknown entry reads as undefined (signed out); signing in again overwrites it. */
export function parseStoredCredentials(raw: string | undefined): Credentials | undefined {
  if (!raw) {
    return undefined;
  }
  try {
    const value: unknown = JSON.parse(raw);
    if (typeof value !== 'object' || value === null) {
      return undefined;
    }
    const { kind, clientId, clientSecret, privateKey } = value as Record<string, unknown>;
    if (typeof clientId !== 'string' || !clientId) {
      return undefined;
    }
    if (kind === 'certificate') {
      return typeof privateKey === 'string' && privateKey ? { kind: 'certificate', clientId, privateKey } : undefined;
    }
    if ((kind === undefined || kind === 'secret') && typeof clientSecret === 'string' && clientSecret) {
      return { clientId, clientSecret };
    }
  } catch {
    // Not JSON: treated as absent.
  }
  return undefined;
}

export function sameCredentials(a: Credentials | undefined, b: Credentials | undefined): boolean {
  if (a === undefined || b === undefined) {
    return a === b;
  }
  return (a.kind ?? 'secret') === (b.kind ?? 'secret') && a.clientId === b.clientId && credentialSecret(a) === credentialSecret(b);
}
