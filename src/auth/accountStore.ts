// The signed-in service accounts, kept only in VS Code's SecretStorage: one entry per account (its credentials) and an
// index entry (order, labels; nothing secret). Other windows share the storage; secrets.onDidChange keeps this window
// in step with them. vscode-free (the storage is an interface VS Code's SecretStorage satisfies) so plain mocha tests it.
//
// The first account lives where 0.1.0 kept its only pair (`axwaySupport.serviceAccount`): upgrading reads it as the
// first account with no migration step and no new sign-in, and a 0.1.0 window sharing the storage still sees it.
// Further accounts get `axwaySupport.serviceAccount.<id>`. An entry nobody indexed (0.1.0's, or one written by a
// window that has not indexed it yet) still counts: the entries are the truth, the index only orders and names them.

import { Credentials, credentialSecret } from '../api/types';
import { Emitter, type Disposable, type Event } from '../util/event';
import { accountIdOf } from './accountId';
import { fingerprint, INDEX_KEY, indexJson, isOurKey, LEGACY_KEY, MAX_LABEL, parseIndex, slotsOf, type Slot } from './accountIndex';
import { keyring } from './keyring';
import { parseStoredEntry, sameCredentials, serializeCredentials } from './storedCredentials';

// Re-exported: tests and the integration suite read the storage keys from the store's module.
export { INDEX_KEY, LEGACY_KEY };

/** What this store needs of VS Code's SecretStorage. */
export interface SecretStore {
  get(key: string): PromiseLike<string | undefined>;
  store(key: string, value: string): PromiseLike<void>;
  delete(key: string): PromiseLike<void>;
  onDidChange(listener: (e: { readonly key: string }) => unknown): Disposable;
}

export interface StoredAccount {
  /** accountIdOf(clientId): stable, not secret. */
  readonly id: string;
  readonly clientId: string;
  readonly kind: 'secret' | 'certificate';
  /** What the user sees: their own name for it, else the organisation's account names, else the client ID. */
  readonly label: string;
  /** The user renamed it: the default label from GET /account no longer replaces it. */
  readonly renamed: boolean;
  readonly credentials: Credentials;
  /**
   * The sign-in service refused this pair (quarantined): it stays stored, but is never sent again until a sign-in
   * replaces it; Sign out deletes it.
   */
  readonly refused: boolean;
}

export interface AccountsChange {
  readonly accounts: readonly StoredAccount[];
  /** An account signed in here just now (added, or the same client ID again): what it shows starts afresh. */
  readonly stored?: string;
}

export class AccountStore implements Disposable {
  private slots: readonly Slot[] = [];
  private loaded = false;
  private firstRead: Promise<unknown> | undefined;
  /** Only the newest read may set the list: reads triggered by quick successive changes can finish out of order. */
  private readSeq = 0;
  /** Writes of this window run one after another: an index written from a stale list would lose an account. */
  private writes: Promise<unknown> = Promise.resolve();
  /** What listeners were last told; a change event fires only when this differs. */
  private announced = '';
  private readonly changed = new Emitter<AccountsChange>();
  /** Fires after an account was added, removed, renamed or re-entered, here or in another window. */
  readonly onDidChange: Event<AccountsChange> = this.changed.event;
  private readonly subscription: Disposable;

  constructor(private readonly secrets: SecretStore) {
    this.subscription = secrets.onDidChange((e) => {
      if (isOurKey(e.key)) {
        // A keyring that fails now is reported by the next call that needs it.
        this.read().then(
          () => this.announce(),
          () => undefined
        );
      }
    });
  }

  /** The accounts, read once and then served from memory. */
  async list(): Promise<readonly StoredAccount[]> {
    await this.ensureLoaded();
    return this.accounts;
  }

  /** The accounts as last read (empty before the first read). */
  get accounts(): readonly StoredAccount[] {
    return this.slots.map((s) => s.account);
  }

  async credentialsOf(id: string): Promise<Credentials | undefined> {
    await this.ensureLoaded();
    return this.find(id)?.account.credentials;
  }

  /** The first account's credentials (0.1.0's single pair and the single-account tests read it this way). */
  async get(): Promise<Credentials | undefined> {
    return (await this.list())[0]?.credentials;
  }

  get isSignedIn(): boolean {
    return this.slots.length > 0;
  }

  /** The secrets held in memory, so the logger can scrub them from anything it is about to write. */
  get cachedSecrets(): string[] {
    return this.slots.map((s) => credentialSecret(s.account.credentials));
  }

  /**
   * Keeps verified credentials: a client ID already present updates that account (a rotated secret keeps its label,
   * cases and tabs), another adds an account. Always an event, even for the very pair stored: signing in again
   * must reload what is shown.
   */
  store(credentials: Credentials): Promise<StoredAccount> {
    return this.write(async () => {
      const id = accountIdOf(credentials.clientId);
      const existing = this.find(id);
      const key = existing?.key ?? (this.slots.some((s) => s.key === LEGACY_KEY) ? `${LEGACY_KEY}.${id}` : LEGACY_KEY);
      const account: StoredAccount = {
        id,
        clientId: credentials.clientId,
        kind: credentials.kind ?? 'secret',
        label: existing?.account.label ?? credentials.clientId,
        renamed: existing?.account.renamed ?? false,
        credentials,
        refused: false
      };
      await keyring('storeAccount', () => this.secrets.store(key, serializeCredentials(credentials)));
      const slots = existing ? this.slots.map((s) => (s.account.id === id ? { key, account } : s)) : [...this.slots, { key, account }];
      await this.commit(slots);
      this.announce(id);
      return account;
    });
  }

  /**
   * Marks the account's pair as refused by the sign-in service instead of deleting it: an answer that only looked
   * like a refusal must not cost the user their key. Only the very pair refused is marked: when the entry now holds
   * another (signed in again here or in another window meanwhile) nothing changes. True when the pair is quarantined.
   */
  quarantine(id: string, refused: Credentials): Promise<boolean> {
    return this.write(async () => {
      const slot = this.find(id);
      if (!slot) {
        return false;
      }
      // The entry as stored now, not as last read: another window may have just written a new pair.
      const current = parseStoredEntry(await keyring('readAccount', () => this.secrets.get(slot.key)));
      if (!current || !sameCredentials(current.credentials, refused)) {
        return false;
      }
      if (!current.refused) {
        await keyring('storeAccount', () => this.secrets.store(slot.key, serializeCredentials(current.credentials, true)));
      }
      // By id: a read that finished meanwhile (our own store fired a change) replaced the slot objects.
      this.readSeq++;
      this.slots = this.slots.map((s) => (s.account.id === id ? { key: s.key, account: { ...s.account, credentials: current.credentials, refused: true } } : s));
      this.announce();
      return true;
    });
  }

  /** Signs one account out of this machine: its entry and its place in the index. The others stay. */
  remove(id: string): Promise<void> {
    return this.write(async () => {
      const slot = this.find(id);
      if (!slot) {
        return;
      }
      await keyring('removeAccount', () => this.secrets.delete(slot.key));
      await this.commit(this.slots.filter((s) => s.account.id !== id));
      this.announce();
    });
  }

  /** Removes every account (0.1.0's single sign-out and tests). */
  async clear(): Promise<void> {
    for (const account of await this.list()) {
      await this.remove(account.id);
    }
  }

  /** The user's own name for the account; an empty name brings the default back. */
  rename(id: string, label: string): Promise<void> {
    const trimmed = label.trim().slice(0, MAX_LABEL);
    return this.relabel(id, (account) => (trimmed ? { label: trimmed, renamed: true } : { label: account.clientId, renamed: false }));
  }

  /** The default label (the organisation's account names), unless the user named the account. */
  setDefaultLabel(id: string, label: string): Promise<void> {
    const trimmed = label.trim().slice(0, MAX_LABEL);
    return this.relabel(id, (account) => {
      // VS Code's Accounts menu (and its per-extension consent) tells accounts apart by label: two accounts of one
      // organisation get their client IDs added.
      const taken = this.slots.some((s) => s.account.id !== id && s.account.label === trimmed);
      const next = taken ? `${trimmed} (${account.clientId})`.slice(0, MAX_LABEL) : trimmed;
      return account.renamed || !trimmed || next === account.label ? undefined : { label: next, renamed: false };
    });
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }

  private relabel(id: string, next: (account: StoredAccount) => { label: string; renamed: boolean } | undefined): Promise<void> {
    return this.write(async () => {
      const slot = this.find(id);
      const change = slot ? next(slot.account) : undefined;
      if (!slot || !change) {
        return;
      }
      await this.commit(this.slots.map((s) => (s === slot ? { key: s.key, account: { ...s.account, ...change } } : s)));
      this.announce();
    });
  }

  private find(id: string): Slot | undefined {
    return this.slots.find((s) => s.account.id === id);
  }

  private write<T>(task: () => Promise<T>): Promise<T> {
    const run = this.writes.then(async () => {
      await this.ensureLoaded();
      return task();
    });
    this.writes = run.catch(() => undefined);
    return run;
  }

  /** Writes the index for these slots and makes them the current list (reads started before are dropped). */
  private async commit(slots: readonly Slot[]): Promise<void> {
    this.readSeq++;
    this.slots = slots;
    this.loaded = true;
    await keyring('storeList', () => this.secrets.store(INDEX_KEY, indexJson(slots)));
  }

  private async ensureLoaded(): Promise<void> {
    if (this.loaded) {
      return;
    }
    // Callers that ask before the first read finished (activation and a restored case panel) share it.
    do {
      this.firstRead ??= this.read().finally(() => {
        this.firstRead = undefined;
      });
      await this.firstRead;
    } while (!this.loaded);
    // The first read is the baseline callers act on; later changes are reported as events.
    this.announced = fingerprint(this.slots);
  }

  private async read(): Promise<void> {
    const seq = ++this.readSeq;
    const index = parseIndex(await keyring('readList', () => this.secrets.get(INDEX_KEY)));
    const keys = [...new Set([LEGACY_KEY, ...index.map((e) => e.key)])];
    const values = await Promise.all(keys.map((key) => keyring('readAccount', () => this.secrets.get(key))));
    if (seq !== this.readSeq) {
      return;
    }
    const slots = slotsOf(index, keys, values);
    this.slots = slots;
    this.loaded = true;
  }

  private announce(stored?: string): void {
    const now = fingerprint(this.slots);
    if (stored === undefined && now === this.announced) {
      return;
    }
    this.announced = now;
    this.changed.fire({ accounts: this.accounts, ...(stored !== undefined ? { stored } : {}) });
  }
}

