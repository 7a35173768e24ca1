// CaseWrites as windows use it, over real HTTP against the fake Support API: a shared marker folder (globalStorage),
// a shared draft store (globalState), one CaseWrites + ledger per window, and counts of what the fake stored.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { SupportApiClient } from '../../../src/api/types';
import { CaseWrites } from '../../../src/cases/caseWrites';
import { FileWriteLedger } from '../../../src/cases/writeLedger';
import { writeKey, type WriteIdentity, type WriteRequest } from '../../../src/cases/writeLookups';
import type { FakeApi } from '../../fake-api/server';
import { silentLogger } from './silentLogger';

export const CONTACT = 'dev@example.com';

/** A draft store every window shares: which intents still have their draft. */
export class SharedDrafts {
  private readonly kept = new Set<string>();
  /** Keys cleared, and how often (a draft is cleared once it is on the server). */
  readonly clearedCount = new Map<string, number>();

  keep(identity: WriteIdentity): void {
    this.kept.add(writeKey(identity));
  }

  has(identity: WriteIdentity): boolean {
    return this.kept.has(writeKey(identity));
  }

  clear(identity: WriteIdentity): void {
    const key = writeKey(identity);
    this.kept.delete(key);
    this.clearedCount.set(key, (this.clearedCount.get(key) ?? 0) + 1);
  }
}

export interface Window {
  readonly writes: CaseWrites;
  readonly ledger: FileWriteLedger;
  /** The window goes away mid-whatever (reload, crash): nothing is released. */
  close(): void;
}

/** A fresh marker folder (globalStorage) for one test. */
export function markerFolder(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'axway-writes-'));
}

export function openWindow(api: SupportApiClient, folder: string, drafts: SharedDrafts): Window {
  const ledger = new FileWriteLedger(folder);
  const writes = new CaseWrites({
    api: () => Promise.resolve(api),
    ledger,
    cleared: (identity) => Promise.resolve(drafts.clear(identity)),
    logger: silentLogger
  });
  return {
    writes,
    ledger,
    close: () => {
      writes.dispose();
      ledger.dispose();
    }
  };
}

export function noteRequest(caseNumber: string, subject: string): WriteRequest {
  return { kind: 'note', input: { caseId: caseNumber, subject, description: `Details of ${subject}`, contact: CONTACT } };
}

export function closeRequest(caseNumber: string, subject: string): WriteRequest {
  return { kind: 'close', input: { caseId: caseNumber, subject, description: `Closing: ${subject}`, contact: CONTACT } };
}

export function newCaseRequest(subject: string): WriteRequest {
  return {
    kind: 'newCase',
    input: {
      sac: 'GLBX-40217',
      contact: CONTACT,
      subject,
      description: `Details of ${subject}`,
      product: { id: 'a0P5J000000APIGW', os: { id: 'a0O5J000001LnxAAE' }, version: { id: 'a0V5J0000GW001' } },
      environment: 'Production',
      impact: '2 - High',
      urgency: '1 - High'
    }
  };
}

/** How many times the fake stored the write with this subject (notes and closing notes on the case; new cases). */
export function committed(fake: FakeApi, kind: WriteIdentity['kind'], subject: string, caseNumber?: string): number {
  if (kind === 'newCase') {
    return fake.control.listAll().filter((c) => c.subject === subject).length;
  }
  return (fake.control.getCase(caseNumber ?? '')?.notes ?? []).filter((n) => n.subject === subject).length;
}
