// The account store over an in-memory SecretStorage shared by two "windows": index and entries, 0.1.0's pair read as
// the first account, rename, and a client ID signed in again updating its account instead of adding one.
import * as assert from 'assert';
import { AccountStore, INDEX_KEY, LEGACY_KEY, type AccountsChange, type SecretStore } from '../../src/auth/accountStore';
import { accountIdOf } from '../../src/auth/accountId';
import { Emitter } from '../../src/util/event';

/** One machine's SecretStorage: every window sees the same values and the same change events. */
class MemorySecrets {
  readonly values = new Map<string, string>();
  private readonly changed = new Emitter<{ key: string }>();

  window(): SecretStore {
    return {
      get: (key) => Promise.resolve(this.values.get(key)),
      store: (key, value) => {
        this.values.set(key, value);
        this.changed.fire({ key });
        return Promise.resolve();
      },
      delete: (key) => {
        this.values.delete(key);
        this.changed.fire({ key });
        return Promise.resolve();
      },
      onDidChange: (listener) => this.changed.event(listener)
    };
  }
}

function nextChange(store: AccountStore, predicate: (c: AccountsChange) => boolean): Promise<AccountsChange> {
  return new Promise((resolve) => {
    const sub = store.onDidChange((c) => {
      if (predicate(c)) {
        sub.dispose();
        resolve(c);
      }
    });
  });
}

describe('AccountStore', () => {
  let secrets: MemorySecrets;
  const stores: AccountStore[] = [];
  const open = (): AccountStore => {
    const store = new AccountStore(secrets.window());
    stores.push(store);
    return store;
  };

  beforeEach(() => {
    secrets = new MemorySecrets();
  });
  afterEach(() => {
    for (const s of stores.splice(0)) {
      s.dispose();
    }
  });

  it('reads the 0.1.0 pair as the first account, with no new sign-in and the client ID as label', async () => {
    secrets.values.set(LEGACY_KEY, JSON.stringify({ clientId: 'old-client', clientSecret: 'old-secret' }));
    const accounts = await open().list();
    assert.deepStrictEqual(
      accounts.map((a) => [a.id, a.clientId, a.label, a.kind]),
      [[accountIdOf('old-client'), 'old-client', 'old-client', 'secret']]
    );
    assert.deepStrictEqual(accounts[0].credentials, { clientId: 'old-client', clientSecret: 'old-secret' });
  });

  it('keeps a second account in its own entry, named in the index; the index holds no secret', async () => {
    const store = open();
    await store.store({ clientId: 'a', clientSecret: 'secret-a' });
    await store.store({ clientId: 'b', clientSecret: 'secret-b' });
    assert.deepStrictEqual((await store.list()).map((a) => a.clientId), ['a', 'b']);
    assert.deepStrictEqual(JSON.parse(secrets.values.get(LEGACY_KEY) ?? ''), { clientId: 'a', clientSecret: 'secret-a' });
    assert.deepStrictEqual(JSON.parse(secrets.values.get(`${LEGACY_KEY}.${accountIdOf('b')}`) ?? ''), { clientId: 'b', clientSecret: 'secret-b' });
    const index = secrets.values.get(INDEX_KEY) ?? '';
    assert.ok(!index.includes('secret-a') && !index.includes('secret-b'), index);
    // Another window reads the same two accounts, in the same order.
    assert.deepStrictEqual((await open().list()).map((a) => a.clientId), ['a', 'b']);
  });

  it('updates the account of a client ID signed in again (a rotated secret) instead of adding one', async () => {
    const store = open();
    await store.store({ clientId: 'a', clientSecret: 'secret-a' });
    await store.rename(accountIdOf('a'), 'Production');
    const change = nextChange(store, (c) => c.stored !== undefined);
    await store.store({ clientId: 'a', clientSecret: 'rotated' });
    assert.strictEqual((await change).stored, accountIdOf('a'), 'signing in again is announced, so what is shown reloads');
    const accounts = await store.list();
    assert.strictEqual(accounts.length, 1);
    assert.deepStrictEqual(accounts[0].credentials, { clientId: 'a', clientSecret: 'rotated' });
    assert.strictEqual(accounts[0].label, 'Production', 'the name stays');
  });

  it('renames an account for every window; the default label never overrides a name the user chose', async () => {
    const here = open();
    const there = open();
    await here.store({ clientId: 'a', clientSecret: 'secret-a' });
    await there.list();
    const id = accountIdOf('a');
    await here.setDefaultLabel(id, 'ACME Corp, ACME Labs');
    assert.strictEqual((await here.list())[0].label, 'ACME Corp, ACME Labs');
    const seen = nextChange(there, (c) => c.accounts[0]?.label === 'My org');
    await here.rename(id, '  My org  ');
    await seen;
    await here.setDefaultLabel(id, 'ACME Corp');
    assert.strictEqual((await here.list())[0].label, 'My org');
    await here.rename(id, '');
    assert.strictEqual((await here.list())[0].label, 'a', 'an empty name brings the default back');
  });

  it('removes one account only, and another window follows', async () => {
    const here = open();
    const there = open();
    await here.store({ clientId: 'a', clientSecret: 'secret-a' });
    await here.store({ clientId: 'b', clientSecret: 'secret-b' });
    assert.strictEqual((await there.list()).length, 2);
    const followed = nextChange(there, (c) => c.accounts.length === 1);
    await here.remove(accountIdOf('a'));
    assert.deepStrictEqual((await followed).accounts.map((a) => a.clientId), ['b']);
    assert.strictEqual(secrets.values.get(LEGACY_KEY), undefined);
    assert.deepStrictEqual(here.cachedSecrets, ['secret-b']);
    // The freed first slot serves the next account added.
    await here.store({ clientId: 'c', clientSecret: 'secret-c' });
    assert.deepStrictEqual((await open().list()).map((a) => a.clientId), ['b', 'c']);
  });

  it('a corrupt index or entry reads as absent, never as an error', async () => {
    secrets.values.set(INDEX_KEY, '{not json');
    secrets.values.set(LEGACY_KEY, JSON.stringify({ clientId: 'a', clientSecret: 'x' }));
    assert.deepStrictEqual((await open().list()).map((a) => a.clientId), ['a']);
    secrets.values.set(LEGACY_KEY, 'garbage');
    assert.deepStrictEqual(await open().list(), []);
  });

  describe('quarantine: a refused pair is kept, marked, and only a sign-in or a sign-out ends it', () => {
    const cert = { kind: 'certificate' as const, clientId: 'cert-client', privateKey: '-----BEGIN PRIVATE KEY-----\nMIIB\n-----END PRIVATE KEY-----\n' };
    const id = accountIdOf(cert.clientId);
    const entryKey = (): string => LEGACY_KEY;

    it('keeps the entry with its key, marks it refused for every window and after a reload', async () => {
      const here = open();
      const other = open();
      await here.store({ clientId: 'first', clientSecret: 'secret-1' });
      await here.store(cert);
      await other.list();
      const seenThere = nextChange(other, (c) => c.accounts.some((a) => a.id === id && a.refused));
      assert.strictEqual(await here.quarantine(id, cert), true);
      const key = `${LEGACY_KEY}.${id}`;
      assert.deepStrictEqual(JSON.parse(secrets.values.get(key) ?? ''), { ...cert, refused: true }, 'the key is still stored');
      assert.deepStrictEqual((await seenThere).accounts.map((a) => [a.clientId, a.refused]), [['first', false], ['cert-client', true]]);
      const reloaded = await open().list();
      assert.deepStrictEqual(reloaded.map((a) => [a.clientId, a.refused]), [['first', false], ['cert-client', true]]);
      assert.deepStrictEqual(reloaded[1].credentials, cert);
    });

    it('leaves a pair stored over the refused one (signed in again meanwhile) alone', async () => {
      const here = open();
      await here.store({ clientId: 'a', clientSecret: 'old' });
      const other = open();
      await other.list();
      await other.store({ clientId: 'a', clientSecret: 'new' });
      assert.strictEqual(await here.quarantine(accountIdOf('a'), { clientId: 'a', clientSecret: 'old' }), false);
      assert.deepStrictEqual(JSON.parse(secrets.values.get(entryKey()) ?? ''), { clientId: 'a', clientSecret: 'new' });
      assert.deepStrictEqual((await open().list()).map((a) => a.refused), [false]);
    });

    it('a sign-in replaces the quarantined entry; a sign-out deletes it', async () => {
      const store = open();
      await store.store(cert);
      await store.quarantine(id, cert);
      await store.store({ ...cert, privateKey: 'another key' });
      assert.deepStrictEqual(JSON.parse(secrets.values.get(entryKey()) ?? ''), { ...cert, privateKey: 'another key' });
      assert.deepStrictEqual((await store.list()).map((a) => a.refused), [false]);
      await store.quarantine(id, { ...cert, privateKey: 'another key' });
      await store.remove(id);
      assert.strictEqual(secrets.values.get(entryKey()), undefined);
      assert.deepStrictEqual(await open().list(), []);
    });
  });
});
