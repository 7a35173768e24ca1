// The on-disk list cache (issue 9, instant start): summary fields only, per account and filter, atomic writes,
// unreadable files ignored, at most 2,020 cases, removed on sign-out.
import * as assert from 'assert';
import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { CaseDetail, CaseSummary } from '../../src/api/types';
import { CaseCache, MAX_CACHED_CASES } from '../../src/cases/caseCache';

const summary = (n: number): CaseSummary => ({ caseNumber: String(n).padStart(8, '0'), subject: `Subject ${n}`, status: 'New', severity: '3 - Important', type: 'Support Case', modifiedDate: '2026-11-30T10:00:00.000+0000' });

describe('case cache', () => {
  let folder: string;
  beforeEach(async () => {
    folder = await fs.mkdtemp(path.join(os.tmpdir(), 'axway-cache-'));
  });
  afterEach(async () => {
    await fs.rm(folder, { recursive: true, force: true });
  });

  it('reads back what it wrote, per account and per list, with summary fields only', async () => {
    const cache = new CaseCache(folder);
    const detail = { ...summary(1), description: 'the customer log excerpt', notes: [], attachments: [], ccEmails: [], extraFields: [] } as CaseDetail;
    await cache.write('sa-1', 'open', { savedAt: 1000, cases: [detail, summary(2)], totalCount: 57 });
    const back = await cache.read('sa-1', 'open');
    assert.deepStrictEqual(back, { savedAt: 1000, cases: [summary(1), summary(2)], totalCount: 57 });
    assert.strictEqual(await cache.read('sa-1', 'all'), undefined);
    assert.strictEqual(await cache.read('sa-2', 'open'), undefined);
    const files = await fs.readdir(folder, { recursive: true });
    const text = (await Promise.all(files.filter((f) => f.endsWith('.json')).map((f) => fs.readFile(path.join(folder, f), 'utf8')))).join('');
    assert.ok(!text.includes('customer log excerpt'));
    assert.ok(!files.some((f) => f.endsWith('.tmp')), 'no temporary file is left');
  });

  it('keeps at most the reachable cases, ignores a corrupt file, and forgets an account', async () => {
    const cache = new CaseCache(folder);
    await cache.write('sa-1', 'all', { savedAt: 1, cases: Array.from({ length: MAX_CACHED_CASES + 30 }, (_, i) => summary(i)) });
    assert.strictEqual((await cache.read('sa-1', 'all'))?.cases.length, MAX_CACHED_CASES);
    const [file] = (await fs.readdir(folder, { recursive: true })).filter((f) => f.endsWith('.json'));
    await fs.writeFile(path.join(folder, file), '{"format":1,"account":"sa-1","savedAt":');
    assert.strictEqual(await cache.read('sa-1', 'all'), undefined);
    await cache.write('sa-1', 'all', { savedAt: 2, cases: [summary(1)] });
    await cache.forget('sa-1');
    assert.strictEqual(await cache.read('sa-1', 'all'), undefined);
  });
});
