// `items.every(p)` is true for an empty list, so an assertion written with it passes when the feature returned
// nothing at all. These helpers make "all of them" mean "there are some, and all of them" (shared by the unit,
// integration and UI suites).
import * as assert from 'assert';

/** Asserts that `items` is not empty and that every item satisfies `predicate`; names the first that does not. */
export function assertEvery<T>(items: readonly T[], predicate: (item: T) => boolean, what = 'every item'): void {
  assert.ok(items.length > 0, `${what}: the list is empty, so there is nothing to check`);
  const index = items.findIndex((item) => !predicate(item));
  assert.ok(index === -1, `${what}: item ${index} of ${items.length} does not hold: ${index === -1 ? '' : describe(items[index])}`);
}

/** The same as a condition for polling helpers: false while the list is empty. */
export function someAndEvery<T>(items: readonly T[], predicate: (item: T) => boolean): boolean {
  return items.length > 0 && items.every(predicate);
}

function describe(item: unknown): string {
  try {
    return JSON.stringify(item)?.slice(0, 300) ?? String(item);
  } catch {
    return String(item);
  }
}
