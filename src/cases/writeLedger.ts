// Where the writes keep what must outlive a window: a lock per write (so that two windows never send the same draft)
// and its marker ("sent at …, outcome unknown" until the outcome is known, then "committed"). Both are files in a
// folder every window shares (context.globalStorageUri), because globalState reaches other windows only later.
// A marker holds digests of the text, never the text: the draft itself stays where it was kept.

import { randomUUID } from 'crypto';
import { promises as fs } from 'fs';
import * as path from 'path';
import { createExclusive } from '../util/fileClaim';

export type WriteKind = 'note' | 'newCase' | 'close';

export interface WriteRecord {
  /** pending: sent (or about to be), outcome unknown. committed: the API has it (confirmed or found). */
  readonly state: 'pending' | 'committed';
  readonly kind: WriteKind;
  /** When the request was about to be sent (ms since epoch): a found note or case is not older than this. */
  readonly sentAt: number;
  /** What identifies the write on the server (writeLookups.ts), as a digest. */
  readonly digest: string;
  /** The case created (new case), when known. */
  readonly caseNumber?: string;
  /** A repeat the person asked for (the agent tools): the writes of the same text already on the server. */
  readonly repeats?: RepeatedWrites;
}

/**
 * A write that deliberately repeats `count` earlier writes of the same text, the first sent at `since`: its lost answer
 * is looked up as ONE MORE match since then, so the earlier ones are never taken for it.
 */
export interface RepeatedWrites {
  readonly since: number;
  readonly count: number;
}

export interface WriteLock {
  release(): Promise<void>;
}

/** What CaseWrites needs of the ledger (a test may give another, the extension gives FileWriteLedger). */
export interface WriteLedger {
  /** The write's lock, or undefined while another window (or ledger) holds it. */
  lock(key: string): Promise<WriteLock | undefined>;
  read(key: string): Promise<WriteRecord | undefined>;
  write(key: string, record: WriteRecord): Promise<void>;
  remove(key: string): Promise<void>;
}

/** A held lock's file is touched this often… */
const HEARTBEAT_MS = 20_000;
/** …so one untouched for this long belongs to a window that is gone (also when its process id was reused). */
export const LOCK_STALE_MS = 90_000;
/** Markers older than this are removed (no look-up goes back that far). */
const RECORD_MAX_AGE_MS = 30 * 24 * 60 * 60 * 1000;
const KEY = /^[0-9a-f]{40}$/;
const UNREADABLE_LOCK_MS = 5_000;

/** Owners of ledgers alive in this process; a disposed ledger (a window that went away) is no longer one. */
const liveOwners = new Set<string>();

export class FileWriteLedger implements WriteLedger {
  /** This window's id in lock files: the process id (another window's host) plus one per ledger. */
  readonly owner = `${process.pid}:${randomUUID()}`;
  private readonly heartbeats = new Set<NodeJS.Timeout>();
  private cleaned = false;

  constructor(
    readonly folder: string,
    private readonly now: () => number = Date.now
  ) {
    liveOwners.add(this.owner);
  }

  async lock(key: string): Promise<WriteLock | undefined> {
    const file = this.file(key, 'lock');
    const content = JSON.stringify({ owner: this.owner, pid: process.pid });
    if (!(await createExclusive(file, content)) && !((await this.takeOverStale(file)) && (await createExclusive(file, content)))) {
      return undefined;
    }
    const timer = setInterval(() => void fs.utimes(file, new Date(this.now()), new Date(this.now())).catch(() => undefined), HEARTBEAT_MS);
    timer.unref();
    this.heartbeats.add(timer);
    let released = false;
    return {
      release: async () => {
        if (released) {
          return;
        }
        released = true;
        clearInterval(timer);
        this.heartbeats.delete(timer);
        // Only our own lock: a ledger taken for gone (its window stalled) must not remove its successor's.
        if ((await readJson(file))?.owner === this.owner) {
          await fs.rm(file, { force: true });
        }
      }
    };
  }

  async read(key: string): Promise<WriteRecord | undefined> {
    return parseRecord(await readJson(this.file(key, 'json')));
  }

  async write(key: string, record: WriteRecord): Promise<void> {
    const file = this.file(key, 'json');
    await fs.mkdir(this.folder, { recursive: true });
    // Written whole, then renamed: a reader (another window) sees the old marker or the new one, never half of one.
    const temp = `${file}.${randomUUID()}.tmp`;
    await fs.writeFile(temp, JSON.stringify(record), 'utf8');
    await fs.rename(temp, file);
    if (!this.cleaned) {
      this.cleaned = true;
      void this.cleanup();
    }
  }

  async remove(key: string): Promise<void> {
    await fs.rm(this.file(key, 'json'), { force: true });
  }

  /** The window goes away: its locks count as stale from now on (as after a crash, nothing is released). */
  dispose(): void {
    liveOwners.delete(this.owner);
    for (const timer of this.heartbeats) {
      clearInterval(timer);
    }
    this.heartbeats.clear();
  }

  /** Removes markers and locks older than `maxAgeMs`; never rejects. */
  async cleanup(maxAgeMs = RECORD_MAX_AGE_MS): Promise<number> {
    let removed = 0;
    const names = await fs.readdir(this.folder).catch(() => [] as string[]);
    for (const name of names.filter((n) => /^[0-9a-f]{40}\.(json|lock)$/.test(n))) {
      const stat = await fs.stat(path.join(this.folder, name)).catch(() => undefined);
      if (stat && this.now() - stat.mtimeMs > maxAgeMs) {
        await fs.rm(path.join(this.folder, name), { force: true }).catch(() => undefined);
        removed++;
      }
    }
    return removed;
  }

  private file(key: string, ext: 'lock' | 'json'): string {
    if (!KEY.test(key)) {
      throw new Error('Not a write key.');
    }
    return path.join(this.folder, `${key}.${ext}`);
  }

  /** Removes a lock whose window is gone; true when it did (or the lock vanished meanwhile). */
  private async takeOverStale(file: string): Promise<boolean> {
    const seen = await readJson(file);
    const stat = await fs.stat(file).catch(() => undefined);
    if (!stat) {
      return true;
    }
    if (!isStale(seen, this.now() - stat.mtimeMs)) {
      return false;
    }
    // Moved aside first (atomic): if another window took it over in between, what was moved is not the stale lock.
    const aside = `${file}.${randomUUID()}.stale`;
    try {
      await fs.rename(file, aside);
    } catch {
      return true;
    }
    const moved = await readJson(aside);
    if (moved?.owner !== seen?.owner) {
      await fs.rename(aside, file).catch(() => undefined);
      return false;
    }
    await fs.rm(aside, { force: true });
    return true;
  }
}

function isStale(lock: { owner?: unknown; pid?: unknown } | undefined, ageMs: number): boolean {
  if (ageMs > LOCK_STALE_MS) {
    return true;
  }
  if (lock === undefined || typeof lock.owner !== 'string' || typeof lock.pid !== 'number') {
    // Unreadable: being written by its creator right now, or left half-written by a crash long enough ago.
    return ageMs > UNREADABLE_LOCK_MS;
  }
  if (lock.pid === process.pid) {
    return !liveOwners.has(lock.owner);
  }
  try {
    process.kill(lock.pid, 0);
    return false;
  } catch (err) {
    // EPERM: alive, but another user's process (not one of our windows, yet not ours to judge).
    return (err as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

async function readJson(file: string): Promise<Record<string, unknown> | undefined> {
  try {
    const value: unknown = JSON.parse(await fs.readFile(file, 'utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function parseRecord(raw: Record<string, unknown> | undefined): WriteRecord | undefined {
  if (!raw) {
    return undefined;
  }
  const { state, kind, sentAt, digest, caseNumber, repeats } = raw;
  if ((state !== 'pending' && state !== 'committed') || (kind !== 'note' && kind !== 'newCase' && kind !== 'close')) {
    return undefined;
  }
  if (typeof sentAt !== 'number' || !Number.isFinite(sentAt) || typeof digest !== 'string') {
    return undefined;
  }
  return {
    state,
    kind,
    sentAt,
    digest,
    ...(typeof caseNumber === 'string' && caseNumber !== '' ? { caseNumber } : {}),
    ...(isRepeats(repeats) ? { repeats: { since: repeats.since, count: repeats.count } } : {})
  };
}

function isRepeats(value: unknown): value is RepeatedWrites {
  if (typeof value !== 'object' || value === null) {
    return false;
  }
  const { since, count } = value as { since?: unknown; count?: unknown };
  return typeof since === 'number' && Number.isFinite(since) && typeof count === 'number' && Number.isInteger(count) && count >= 1;
}
