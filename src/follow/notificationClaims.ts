// "Each change is notified once across all open windows." Windows share globalState only eventually (each
// window's copy syncs later), so two windows refreshing at the same moment would both notify. A marker file
// created with the 'wx' flag (O_CREAT | O_EXCL) is atomic on a local disk: exactly one window creates it, and that
// window notifies. Markers are empty files named by a hash (no case data on disk) and are removed after a month.

import { createHash } from 'crypto';
import { promises as fs } from 'fs';
import * as path from 'path';
import { createExclusive } from '../util/fileClaim';

/** Far longer than any window stays unfocused between two refreshes that could observe the same change. */
export const MARKER_MAX_AGE_MS = 30 * 24 * 60 * 60 * 1000;
const CLEANUP_EVERY_MS = 24 * 60 * 60 * 1000;
const MARKER = /^[0-9a-f]{40}\.claim$/;

/** The identity of one change: the same case in another state (a later modification) is another change. */
export function claimKey(account: string, caseNumber: string, modifiedDate: string | undefined, status: string): string {
  return createHash('sha256').update(JSON.stringify([account, caseNumber, modifiedDate ?? '', status])).digest('hex').slice(0, 40);
}

export class NotificationClaims {
  private lastCleanup: number | undefined;

  constructor(
    /** A folder every window of this extension shares (context.globalStorageUri). */
    readonly folder: string,
    private readonly now: () => number = Date.now
  ) {}

  /**
   * True when this caller is the first to claim `key` (it notifies); false when another window (or an earlier
   * refresh here) did. Other failures (a read-only disk) reject: the caller decides.
   */
  async claim(key: string): Promise<boolean> {
    if (!/^[0-9a-f]{40}$/.test(key)) {
      throw new Error('Not a claim key.');
    }
    try {
      return await createExclusive(path.join(this.folder, `${key}.claim`));
    } finally {
      void this.cleanupIfDue();
    }
  }

  /** Removes markers older than `maxAgeMs`; returns how many. Never rejects (a marker left behind costs nothing). */
  async cleanup(maxAgeMs = MARKER_MAX_AGE_MS): Promise<number> {
    this.lastCleanup = this.now();
    let names: string[];
    try {
      names = await fs.readdir(this.folder);
    } catch {
      return 0;
    }
    let removed = 0;
    for (const name of names.filter((n) => MARKER.test(n))) {
      const file = path.join(this.folder, name);
      try {
        const stat = await fs.stat(file);
        if (this.now() - stat.mtimeMs > maxAgeMs) {
          await fs.rm(file, { force: true });
          removed++;
        }
      } catch {
        // Removed by another window meanwhile.
      }
    }
    return removed;
  }

  private async cleanupIfDue(): Promise<void> {
    if (this.lastCleanup === undefined || this.now() - this.lastCleanup > CLEANUP_EVERY_MS) {
      await this.cleanup();
    }
  }
}
