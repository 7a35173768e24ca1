// "Updated" decorations (issue 9): first list is the baseline, newer modifications count, opening clears one,
// Mark All as Seen clears all, per account, case numbers and dates only.
import * as assert from 'assert';
import type { CaseSummary } from '../../src/api/types';
import { SeenState } from '../../src/cases/seenState';
import { MemoryStorage } from './support/memoryStorage';

const at = (minute: number): string => new Date(Date.UTC(2026, 10, 30, 12, minute)).toISOString();
const c = (caseNumber: string, minute: number): CaseSummary => ({ caseNumber, subject: 'secret subject', status: 'New', severity: '', type: '', modifiedDate: at(minute) });

describe('seen state', () => {
  it('counts nothing as updated on the first list, then newer modifications and new cases', async () => {
    const storage = new MemoryStorage();
    const seen = new SeenState(storage, 'sa-1');
    assert.strictEqual(seen.isNew, true);
    assert.strictEqual(seen.updatedCount([c('1', 0), c('2', 0)]), 0);
    await seen.baseline([c('1', 0), c('2', 0)]);
    assert.strictEqual(seen.isUpdated(c('1', 0)), false);
    assert.strictEqual(seen.isUpdated(c('1', 5)), true);
    assert.strictEqual(seen.isUpdated(c('3', 1)), true, 'a case that appeared after the baseline is new to the user');
    await seen.baseline([c('1', 9)]);
    assert.strictEqual(seen.isUpdated(c('1', 5)), true, 'the baseline is taken once');
  });

  it('opening one clears it; Mark All as Seen clears all; state survives a new instance and stays per account', async () => {
    const storage = new MemoryStorage();
    const seen = new SeenState(storage, 'sa-1');
    await seen.baseline([c('1', 0), c('2', 0)]);
    await seen.markSeen(c('1', 5));
    assert.strictEqual(seen.isUpdated(c('1', 5)), false);
    assert.strictEqual(seen.updatedCount([c('1', 5), c('2', 6), c('3', 7)]), 2);
    await seen.markAllSeen([c('2', 6), c('3', 7)]);
    const again = new SeenState(storage, 'sa-1');
    assert.strictEqual(again.updatedCount([c('1', 5), c('2', 6), c('3', 7)]), 0);
    assert.strictEqual(new SeenState(storage, 'sa-2').isNew, true, 'another account starts fresh');
    assert.ok(!JSON.stringify([...storage.values]).includes('secret subject'), 'only numbers and dates are stored');
    await again.forget();
    assert.strictEqual(new SeenState(storage, 'sa-1').isNew, true);
  });
});
