// The last list of each account and filter, on disk, so a window reload shows case rows at once, before the network
// bundle is loaded. Summary fields only (no descriptions, no notes, no secrets), at most the 2,020 reachable cases.
// Written to a temporary file and renamed, so a crash never leaves half a cache.

import { promises as fs } from 'fs';
import { createHash } from 'crypto';
import * as path from 'path';
import type { CaseSummary } from '../api/types';
import { MAX_OFFSET, PAGE_SIZE } from '../api/limits';
import { LazyBundle } from '../util/lazyBundle';
import type * as ListLoads from './listLoads';

export const MAX_CACHED_CASES = MAX_OFFSET + PAGE_SIZE;
export const FORMAT = 1;

/** How the flat `cases` split into the lists (groups) of a view, in order, with their paging state. */
export interface CachedPart {
  readonly key: string;
  /** How many of `cases`, in order, belong to this part. */
  readonly count: number;
  readonly totalCount?: number;
  readonly hasMore: boolean;
  readonly nextOffset: number;
  readonly pagesLoaded: number;
}

export interface CachedList {
  readonly savedAt: number;
  readonly cases: readonly CaseSummary[];
  readonly totalCount?: number;
  readonly parts?: readonly CachedPart[];
}

export interface CacheFile extends CachedList {
  readonly format: number;
  readonly account: string;
}

export class CaseCache {
  /** By a runtime path next to this file: dist/listLoads.js in the bundles, the compiled sibling in the test builds. */
  private readonly writer = new LazyBundle<typeof ListLoads>(__dirname, 'listLoads.js');

  constructor(private readonly folder: string) {}

  /** The cached list, or undefined when there is none or it cannot be read (a cache is never worth an error). */
  async read(account: string, listKey: string): Promise<CachedList | undefined> {
    let raw: string;
    try {
      raw = await fs.readFile(this.file(account, listKey), 'utf8');
    } catch {
      return undefined;
    }
    try {
      const value = JSON.parse(raw) as Partial<CacheFile>;
      if (value.format !== FORMAT || value.account !== account || !Array.isArray(value.cases) || typeof value.savedAt !== 'number') {
        return undefined;
      }
      const cases = value.cases.filter(isSummary).slice(0, MAX_CACHED_CASES);
      const parts = readParts(value.parts, cases.length);
      return { savedAt: value.savedAt, cases, ...(typeof value.totalCount === 'number' ? { totalCount: value.totalCount } : {}), ...(parts ? { parts } : {}) };
    } catch {
      return undefined;
    }
  }

  /** Written by listLoads.js (caseCacheWrite.ts): only a load writes, and the cache paint does without it. */
  write(account: string, listKey: string, list: CachedList): Promise<void> {
    return this.writer.get().writeCacheFile(this.file(account, listKey), account, list);
  }

  /** Sign-out: every list of the account goes. */
  async forget(account: string): Promise<void> {
    await fs.rm(this.accountFolder(account), { recursive: true, force: true });
  }

  private accountFolder(account: string): string {
    return path.join(this.folder, 'cases', safeName(account));
  }

  private file(account: string, listKey: string): string {
    return path.join(this.accountFolder(account), `${createHash('sha256').update(listKey).digest('hex').slice(0, 24)}.json`);
  }
}

function isSummary(value: unknown): value is CaseSummary {
  if (typeof value !== 'object' || value === null) {
    return false;
  }
  const v = value as Record<string, unknown>;
  return ['caseNumber', 'subject', 'status', 'severity', 'type'].every((k) => typeof v[k] === 'string');
}

function safeName(account: string): string {
  return /^[A-Za-z0-9_-]{1,64}$/.test(account) ? account : createHash('sha256').update(account).digest('hex').slice(0, 32);
}

function readParts(raw: unknown, caseCount: number): CachedPart[] | undefined {
  if (!Array.isArray(raw)) {
    return undefined;
  }
  const parts: CachedPart[] = [];
  for (const value of raw as unknown[]) {
    if (typeof value !== 'object' || value === null) {
      return undefined;
    }
    const v = value as Record<string, unknown>;
    if (typeof v.key !== 'string' || !isCount(v.count) || typeof v.hasMore !== 'boolean' || !isCount(v.nextOffset) || !isCount(v.pagesLoaded)) {
      return undefined;
    }
    parts.push({
      key: v.key,
      count: v.count,
      hasMore: v.hasMore,
      nextOffset: v.nextOffset,
      pagesLoaded: v.pagesLoaded,
      ...(isCount(v.totalCount) ? { totalCount: v.totalCount } : {})
    });
  }
  // Counts that do not add up describe other cases than those read: the split is worthless then.
  return parts.reduce((sum, p) => sum + p.count, 0) === caseCount ? parts : undefined;
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0;
}
