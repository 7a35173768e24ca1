// Small helpers of the fake API: a seeded random generator (so sample data is the same every run) and the API's date format.

export type Rng = () => number;

/** mulberry32: tiny, fast and deterministic; good enough for sample data. */
export function createRng(seed: number): Rng {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function randInt(rng: Rng, min: number, max: number): number {
  return min + Math.floor(rng() * (max - min + 1));
}

export function pick<T>(rng: Rng, items: readonly T[]): T {
  return items[Math.floor(rng() * items.length)];
}

/** The Support API's response form: `2021-07-22T12:32:36.000+0000`. */
export function toApiDate(ms: number): string {
  return new Date(ms).toISOString().replace('Z', '+0000');
}

/** Parses the API's form and plain ISO; NaN when neither. */
export function parseApiDate(value: string | null | undefined): number {
  if (!value) {
    return NaN;
  }
  return Date.parse(value.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
}

export function toDateOnly(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** Salesforce-looking ids (e.g. `00P5J00000aBcDeF`): attachments and products carry ids of this shape. */
export function sfId(prefix: string, rng: Rng): string {
  let id = prefix + '5J00000';
  while (id.length < 15) {
    id += BASE62[Math.floor(rng() * BASE62.length)];
  }
  return id;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export const EMAIL_RE = /^[^\s@<>()",;]+@[^\s@<>()",;]+\.[A-Za-z]{2,}$/;
