// What the fake API saw: every API/token request (with in-flight counts per target) and every beacon hit.

import type { IncomingHttpHeaders } from 'node:http';
import { FAKE_TARGETS, type BeaconRecord, type FakeApiStats, type FakeTarget, type RequestRecord } from './types';

const BODY_CAP = 64 * 1024;

function zeroes(): Record<FakeTarget, number> {
  return Object.fromEntries(FAKE_TARGETS.map((t) => [t, 0])) as Record<FakeTarget, number>;
}

export function flatHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [key, value] of Object.entries(headers)) {
    if (value !== undefined) {
      flat[key] = Array.isArray(value) ? value.join(', ') : value;
    }
  }
  return flat;
}

export class Recorder {
  private records: RequestRecord[] = [];
  private beaconList: BeaconRecord[] = [];
  private seq = 0;
  private counts = zeroes();
  private inFlight = zeroes();
  private maxConcurrent = zeroes();

  /** Records the arrival of a request; the returned function marks its end (safe to call twice). */
  start(record: Omit<RequestRecord, 'seq' | 'status' | 'startedAt' | 'body'>): { record: RequestRecord; end: (status: number) => void } {
    const full: RequestRecord = { ...record, seq: ++this.seq, body: '', status: 0, startedAt: Date.now() };
    this.records.push(full);
    const target = record.target;
    this.counts[target]++;
    this.inFlight[target]++;
    this.maxConcurrent[target] = Math.max(this.maxConcurrent[target], this.inFlight[target]);
    let ended = false;
    const end = (status: number): void => {
      if (ended) {
        return;
      }
      ended = true;
      full.status = status;
      full.endedAt = Date.now();
      this.inFlight[target]--;
    };
    return { record: full, end };
  }

  setBody(record: RequestRecord, body: Buffer): void {
    record.body = body.subarray(0, BODY_CAP).toString('utf8');
  }

  /** Requests still in flight keep counting, so maxConcurrent stays truthful across a clear. */
  clear(): void {
    this.records = [];
    this.counts = zeroes();
    this.maxConcurrent = { ...this.inFlight };
  }

  requests(target?: FakeTarget): RequestRecord[] {
    const list = target ? this.records.filter((r) => r.target === target) : this.records;
    return list.map((r) => ({ ...r, headers: { ...r.headers } }));
  }

  stats(): FakeApiStats {
    return {
      total: Object.values(this.counts).reduce((a, b) => a + b, 0),
      counts: { ...this.counts },
      maxConcurrent: { ...this.maxConcurrent },
      inFlight: { ...this.inFlight }
    };
  }

  beacon(method: string, path: string, query: string, headers: IncomingHttpHeaders): void {
    this.beaconList.push({ seq: ++this.seq, method, path, query, headers: flatHeaders(headers), at: Date.now() });
  }

  beacons(): BeaconRecord[] {
    return [...this.beaconList];
  }

  clearBeacons(): void {
    this.beaconList = [];
  }
}
