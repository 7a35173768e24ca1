import * as assert from 'assert';
import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { claimKey, MARKER_MAX_AGE_MS, NotificationClaims } from '../../src/follow/notificationClaims';

describe('notification claims shared by windows', () => {
  let folder: string;

  beforeEach(async () => {
    folder = path.join(await fs.mkdtemp(path.join(os.tmpdir(), 'axway-claims-')), 'notified');
  });

  afterEach(async () => {
    await fs.rm(path.dirname(folder), { recursive: true, force: true });
  });

  it('names a change by account, case, modification and status, and nothing readable', () => {
    const key = claimKey('acct', '01234567', '2026-11-01T10:00:00.000+0000', 'Customer Owns Next Steps');
    assert.match(key, /^[0-9a-f]{40}$/);
    assert.strictEqual(key, claimKey('acct', '01234567', '2026-11-01T10:00:00.000+0000', 'Customer Owns Next Steps'));
    assert.notStrictEqual(key, claimKey('other', '01234567', '2026-11-01T10:00:00.000+0000', 'Customer Owns Next Steps'));
    assert.notStrictEqual(key, claimKey('acct', '01234567', '2026-11-01T10:00:01.000+0000', 'Customer Owns Next Steps'));
    assert.notStrictEqual(key, claimKey('acct', '01234567', '2026-11-01T10:00:00.000+0000', 'In Support'));
  });

  it('lets exactly one of two windows claim the same change, even at the same moment', async () => {
    const windowA = new NotificationClaims(folder);
    const windowB = new NotificationClaims(folder);
    const key = claimKey('acct', '1', 'd', 's');
    const results = await Promise.all([windowA.claim(key), windowB.claim(key), windowA.claim(key), windowB.claim(key)]);
    assert.strictEqual(results.filter(Boolean).length, 1, `winners: ${JSON.stringify(results)}`);
    assert.strictEqual(await windowB.claim(claimKey('acct', '2', 'd', 's')), true, 'another change is claimable');
    assert.deepStrictEqual((await fs.readdir(folder)).length, 2);
  });

  it('removes markers older than a month and keeps recent ones', async () => {
    let now = Date.now();
    const claims = new NotificationClaims(folder, () => now);
    await claims.claim(claimKey('acct', 'old', 'd', 's'));
    await claims.claim(claimKey('acct', 'new', 'd', 's'));
    const old = path.join(folder, `${claimKey('acct', 'old', 'd', 's')}.claim`);
    const aged = new Date(now - MARKER_MAX_AGE_MS - 60_000);
    await fs.utimes(old, aged, aged);
    await fs.writeFile(path.join(folder, 'unrelated.txt'), 'kept');
    await fs.utimes(path.join(folder, 'unrelated.txt'), aged, aged);
    now += 1000;
    assert.strictEqual(await claims.cleanup(), 1);
    assert.deepStrictEqual((await fs.readdir(folder)).sort(), [`${claimKey('acct', 'new', 'd', 's')}.claim`, 'unrelated.txt'].sort());
    // The removed change can be claimed again (only after a month nobody would notify it anyway).
    assert.strictEqual(await claims.claim(claimKey('acct', 'old', 'd', 's')), true);
  });

  it('rejects keys that are not claim keys, and says when the folder cannot be written', async () => {
    const claims = new NotificationClaims(folder);
    await assert.rejects(claims.claim('../escape'), /Not a claim key/);
    await fs.mkdir(path.dirname(folder), { recursive: true });
    await fs.writeFile(folder, 'a file where the folder should be');
    await assert.rejects(claims.claim(claimKey('a', 'b', 'c', 'd')));
  });
});
