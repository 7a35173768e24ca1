// Writing a case list to disk (the write half of caseCache.ts), in listLoads.js: only a load writes, after the
// network answered, so the cache paint at activation does without it. Written to a temporary file and renamed, so a
// crash never leaves half a cache.

import { promises as fs } from 'fs';
import * as path from 'path';
import type { CaseSummary } from '../api/types';
import { FORMAT, MAX_CACHED_CASES, type CacheFile, type CachedList, type CachedPart } from './caseCache';

export async function writeCacheFile(file: string, account: string, list: CachedList): Promise<void> {
  const content: CacheFile = {
    format: FORMAT,
    account,
    savedAt: list.savedAt,
    cases: list.cases.slice(0, MAX_CACHED_CASES).map(summaryOnly),
    ...(list.totalCount !== undefined ? { totalCount: list.totalCount } : {}),
    ...(list.parts ? { parts: capParts(list.parts, MAX_CACHED_CASES) } : {})
  };
  await fs.mkdir(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.${Date.now()}.tmp`;
  try {
    await fs.writeFile(temporary, JSON.stringify(content), 'utf8');
    await fs.rename(temporary, file);
  } catch (err) {
    await fs.rm(temporary, { force: true });
    throw err;
  }
}

/** Exactly the list fields: a detail object passed in by mistake must not put its description on disk. */
function summaryOnly(c: CaseSummary): CaseSummary {
  return {
    caseNumber: c.caseNumber,
    subject: c.subject,
    status: c.status,
    severity: c.severity,
    type: c.type,
    ...(c.createdDate !== undefined ? { createdDate: c.createdDate } : {}),
    ...(c.modifiedDate !== undefined ? { modifiedDate: c.modifiedDate } : {}),
    ...(c.closedDate !== undefined ? { closedDate: c.closedDate } : {})
  };
}

/** Parts whose counts still add up to the cases kept; a part cut short offers "Load more" from where it was cut. */
function capParts(parts: readonly CachedPart[], max: number): CachedPart[] {
  let left = max;
  return parts.map((p) => {
    const count = Math.min(p.count, left);
    left -= count;
    return count === p.count ? { ...p } : { ...p, count, hasMore: true, nextOffset: p.nextOffset - (p.count - count) };
  });
}
