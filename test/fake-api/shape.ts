// How the fake shapes its list and case answers within what the API reference allows: `totalCount` is optional
// and an open case's `closedDate` may be null or absent. Clients must handle every allowed shape, so tests can
// pick one, or let a seeded generator pick per answer ('random': different shapes, the same ones every run).
// `ignoreOffset` goes beyond the reference on purpose: a gateway that drops the query string serves page one
// for every offset, and a client must not page through it forever.

import type { FakeCaseDetail, FakeCaseSummary, ListShape } from './types';
import { createRng, isRecord, type Rng } from './util';

export const DEFAULT_LIST_SHAPE: ListShape = { totalCount: 'always', closedDate: 'asStored', ignoreOffset: false, seed: 1 };

const TOTAL_COUNT_MODES: readonly ListShape['totalCount'][] = ['always', 'omit', 'random'];
const CLOSED_DATE_MODES: readonly ListShape['closedDate'][] = ['asStored', 'null', 'omit', 'random'];

/** Checks a shape coming from JSON (HTTP control) or from code; throws an Error naming the problem. */
export function validateListShape(value: unknown): Partial<ListShape> {
  if (!isRecord(value)) {
    throw new Error('A list shape must be an object.');
  }
  const known = ['totalCount', 'closedDate', 'ignoreOffset', 'seed'];
  const unknown = Object.keys(value).filter((key) => !known.includes(key));
  if (unknown.length > 0) {
    throw new Error(`Unknown list shape field(s): ${unknown.join(', ')}.`);
  }
  if (value.totalCount !== undefined && !TOTAL_COUNT_MODES.includes(value.totalCount as ListShape['totalCount'])) {
    throw new Error(`'totalCount' must be one of ${TOTAL_COUNT_MODES.join(', ')}.`);
  }
  if (value.closedDate !== undefined && !CLOSED_DATE_MODES.includes(value.closedDate as ListShape['closedDate'])) {
    throw new Error(`'closedDate' must be one of ${CLOSED_DATE_MODES.join(', ')}.`);
  }
  if (value.ignoreOffset !== undefined && typeof value.ignoreOffset !== 'boolean') {
    throw new Error("'ignoreOffset' must be a boolean.");
  }
  if (value.seed !== undefined && (typeof value.seed !== 'number' || !Number.isInteger(value.seed))) {
    throw new Error("'seed' must be an integer.");
  }
  return value as Partial<ListShape>;
}

export class AnswerShaper {
  private current: ListShape;
  private rng: Rng;

  constructor(private readonly initial: ListShape = DEFAULT_LIST_SHAPE) {
    this.current = { ...initial };
    this.rng = createRng(initial.seed);
  }

  get shape(): ListShape {
    return { ...this.current };
  }

  /** Merges the change over the current shape; a new shape restarts the random sequence from its seed. */
  set(change: Partial<ListShape>): ListShape {
    this.current = { ...this.current, ...validateListShape(change) };
    this.rng = createRng(this.current.seed);
    return this.shape;
  }

  reset(): void {
    this.current = { ...this.initial };
    this.rng = createRng(this.initial.seed);
  }

  /** The offset the store should serve. */
  offset(requested: number): number {
    return this.current.ignoreOffset ? 0 : requested;
  }

  /** The GET /case body (totalCount first, as the API serialises it). */
  listBody(totalCount: number, limit: number, offset: number, cases: FakeCaseSummary[]): Record<string, unknown> {
    const mode = this.current.totalCount;
    const withTotal = mode === 'always' || (mode === 'random' && this.coin());
    const shaped = cases.map((c) => this.withClosedDate(c));
    return withTotal ? { totalCount, limit, offset, cases: shaped } : { limit, offset, cases: shaped };
  }

  /** A GET /case/{caseNumber} body. */
  detail(detail: FakeCaseDetail): FakeCaseDetail {
    return this.withClosedDate(detail);
  }

  /** Closed cases keep their date; an open case's closedDate is null or absent, as the shape says. */
  private withClosedDate<T extends { closedDate?: string | null }>(value: T): T {
    const mode = this.current.closedDate;
    if (mode === 'asStored' || (value.closedDate !== null && value.closedDate !== undefined)) {
      return value;
    }
    const copy: T = { ...value };
    if (mode === 'omit' || (mode === 'random' && this.coin())) {
      delete copy.closedDate;
    } else {
      copy.closedDate = null;
    }
    return copy;
  }

  private coin(): boolean {
    return this.rng() < 0.5;
  }
}
