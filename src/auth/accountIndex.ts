// The index of the stored accounts (order, labels; nothing secret) as it is kept in SecretStorage, and how the
// entries and the index read back into the store's slots. The entries are the truth: the index only orders and names
// them, and an entry nobody indexed (0.1.0's, or one another window just wrote) still counts.

import { createHash } from 'crypto';
import { credentialSecret } from '../api/types';
import { accountIdOf } from './accountId';
import { parseStoredEntry } from './storedCredentials';
import type { StoredAccount } from './accountStore';

export const LEGACY_KEY = 'axwaySupport.serviceAccount';
export const INDEX_KEY = 'axwaySupport.accounts';
/** A label longer than this is cut: it is shown in a tree row and a quick pick. */
export const MAX_LABEL = 100;

/** One stored account and the SecretStorage key its credentials live under. */
export interface Slot {
  readonly key: string;
  readonly account: StoredAccount;
}

export interface IndexEntry {
  readonly id: string;
  readonly key: string;
  readonly label?: string;
  readonly renamed?: boolean;
}

/** The index entry as stored: the slots' order, keys and labels. */
export function indexJson(slots: readonly Slot[]): string {
  const accounts: IndexEntry[] = slots.map((s) => ({ id: s.account.id, key: s.key, label: s.account.label, renamed: s.account.renamed }));
  return JSON.stringify({ version: 1, accounts });
}

/** The slots the index and the entries read at `keys` (`values`, in the same order) describe. */
export function slotsOf(index: readonly IndexEntry[], keys: readonly string[], values: readonly (string | undefined)[]): Slot[] {
  const byKey = new Map(keys.map((key, i) => [key, parseStoredEntry(values[i])]));
  const slots: Slot[] = [];
  const add = (key: string, entry: IndexEntry | undefined): void => {
    const stored = byKey.get(key);
    if (!stored) {
      return;
    }
    const { credentials, refused } = stored;
    const id = accountIdOf(credentials.clientId);
    // An index entry whose secret now holds another account (another window signed in over it) no longer names it.
    const named = entry?.id === id ? entry : undefined;
    if (slots.some((s) => s.account.id === id)) {
      return;
    }
    slots.push({
      key,
      account: { id, clientId: credentials.clientId, kind: credentials.kind ?? 'secret', label: named?.label || credentials.clientId, renamed: named?.renamed === true, credentials, refused }
    });
  };
  for (const entry of index) {
    add(entry.key, entry);
  }
  // Not indexed: 0.1.0's pair (the first account on upgrade) or an entry another window just wrote.
  add(LEGACY_KEY, undefined);
  return slots;
}

export function isOurKey(key: string): boolean {
  return key === INDEX_KEY || key === LEGACY_KEY || key.startsWith(`${LEGACY_KEY}.`);
}

/** A corrupt index reads as empty: the entries it named are lost, 0.1.0's slot is still read. */
export function parseIndex(raw: string | undefined): IndexEntry[] {
  if (!raw) {
    return [];
  }
  try {
    const value: unknown = JSON.parse(raw);
    const list = typeof value === 'object' && value !== null ? (value as { accounts?: unknown }).accounts : undefined;
    if (!Array.isArray(list)) {
      return [];
    }
    return list.flatMap((item: unknown): IndexEntry[] => {
      if (typeof item !== 'object' || item === null) {
        return [];
      }
      const { id, key, label, renamed } = item as Record<string, unknown>;
      if (typeof id !== 'string' || typeof key !== 'string' || !isOurKey(key) || key === INDEX_KEY) {
        return [];
      }
      return [{ id, key, label: typeof label === 'string' ? label.slice(0, MAX_LABEL) : undefined, renamed: renamed === true }];
    });
  } catch {
    return [];
  }
}

/** Compares lists without keeping another copy of the secrets around. */
export function fingerprint(slots: readonly Slot[]): string {
  return JSON.stringify(slots.map((s) => [s.key, s.account.id, s.account.label, s.account.renamed, s.account.kind, s.account.refused, hashOf(credentialSecret(s.account.credentials))]));
}

function hashOf(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}
