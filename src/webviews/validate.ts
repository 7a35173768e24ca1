// The checks every protocol validator is made of (src/webviews/*/protocol.ts). Both sides of a webview run them:
// the extension on what a page sends (untrusted), the page on what the extension sends. No DOM, no Node, no vscode.

/** An account id (auth/accountId.ts: short and ours), in a message or a page's saved state. */
export const MAX_ACCOUNT = 100;
/** A rendered HTML fragment: API text is cut at 4,000 characters per field, so even a long case stays far below. */
export const MAX_FRAGMENT = 33_554_432; // 32 MiB
/** A sentence for the person (a problem, an error, a status line). */
export const MAX_MESSAGE = 10_000;
/** One of the words the host writes into a page. */
const MAX_STRING = 1000;

/** A message's fields, readable only through `own`. */
export type Fields = Readonly<Record<string, unknown>>;

/** A plain object (not null, not an array), or undefined. */
export function asFields(raw: unknown): Fields | undefined {
  return typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? (raw as Fields) : undefined;
}

/**
 * A field the message itself carries. An inherited one (from a prototype, a polluted Object.prototype, a
 * `__proto__` key that became the prototype) is never read, so it cannot pose as a field.
 */
export function own(fields: Fields, key: string): unknown {
  return Object.prototype.hasOwnProperty.call(fields, key) ? fields[key] : undefined;
}

/** A string of at most `max` UTF-16 units; the empty string only when `emptyOk`. */
export function isText(value: unknown, max: number, emptyOk = true): value is string {
  return typeof value === 'string' && value.length <= max && (emptyOk || value !== '');
}

/** A whole number from 0 up that JSON carries exactly. */
export function isCount(value: unknown): value is number {
  return count(value) !== undefined;
}

/** One of the given strings. */
export function isOneOf<T extends string>(value: unknown, options: readonly T[]): value is T {
  return oneOf(options)(value) !== undefined;
}

/** An array of at most `max` elements, each accepted by `item`; undefined when any element is not. */
export function listOf<T>(value: unknown, max: number, item: (raw: unknown) => T | undefined): T[] | undefined {
  if (!Array.isArray(value) || value.length > max) {
    return undefined;
  }
  const out: T[] = [];
  for (const raw of value as unknown[]) {
    const parsed = item(raw);
    if (parsed === undefined) {
      return undefined;
    }
    out.push(parsed);
  }
  return out;
}

/** Reads one field: its value as the message type declares it, or undefined when it is not that. */
export type Reader<T> = (value: unknown) => T | undefined;

export const text =
  (max: number, emptyOk = true): Reader<string> =>
  (value) =>
    isText(value, max, emptyOk) ? value : undefined;

export const count: Reader<number> = (value) => (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? value : undefined);

/** SameValueZero against strings: anything but one of them (another type included) reads as undefined. */
export const oneOf =
  <T extends string>(options: readonly T[]): Reader<T> =>
  (value) =>
    (options as readonly unknown[]).includes(value) ? (value as T) : undefined;

/**
 * For every type of a message union, a reader for each of its fields (all required): a field added to, renamed in
 * or removed from the union, or given another type, fails compilation here.
 */
export type Shapes<M extends { readonly type: string }> = {
  readonly [T in M['type']]: {
    readonly [K in Exclude<keyof Extract<M, { readonly type: T }>, 'type'>]-?: Reader<Extract<M, { readonly type: T }>[K]>;
  };
};

/** A message of the union `shapes` describes, with its own fields only, each read by its reader; or undefined. */
export function parseShaped<M extends { readonly type: string }>(raw: unknown, shapes: Shapes<M>): M | undefined {
  const m = asFields(raw);
  const type = m && own(m, 'type');
  // Only the union's own types: 'constructor' or '__proto__' name no shape.
  const shape = typeof type === 'string' ? (own(shapes, type) as Readonly<Record<string, Reader<unknown>>> | undefined) : undefined;
  if (!m || !shape) {
    return undefined;
  }
  const out: Record<string, unknown> = { type };
  for (const key of Object.keys(shape)) {
    const value = shape[key](own(m, key));
    if (value === undefined) {
      return undefined;
    }
    out[key] = value;
  }
  return out as M;
}

/** The page's words from the JSON the host wrote into it: every key of `keys`, a missing or malformed one as ''. */
export function parseWords<K extends string>(raw: unknown, keys: Readonly<Record<K, true>>): Record<K, string> {
  const s = asFields(raw) ?? {};
  const words: Partial<Record<K, string>> = {};
  for (const key of Object.keys(keys) as K[]) {
    const value = own(s, key);
    words[key] = isText(value, MAX_STRING) ? value : '';
  }
  return words as Record<K, string>;
}
