// Parsing the look-ups the New Case form offers: the user's support accounts (GET /account) and an account's products
// with their versions and operating systems (GET /product). Entries without an id are left out.
import * as l10n from '@vscode/l10n';
import { ApiError } from './errors';
import { guarded, idName, isObject, list, optText, type JsonObject } from './jsonValues';
import type { ProductOption, SupportAccount } from './types';

/**
 * Parses a look-up answer that must be a JSON array: each object entry goes through `read`, which leaves it out by
 * returning undefined; entries that are not objects are left out too.
 */
function parseEntries<T>(json: unknown, what: 'account list' | 'product list', read: (entry: JsonObject) => T | undefined): T[] {
  return guarded(what, () => {
    if (!Array.isArray(json)) {
      // Whole sentences, so each translation can word its own.
      const message = what === 'account list' ? l10n.t('The account list from the Support API was not a JSON array.') : l10n.t('The product list from the Support API was not a JSON array.');
      throw new ApiError({ kind: 'parse', message });
    }
    return json.flatMap((entry: unknown): T[] => {
      const item = isObject(entry) ? read(entry) : undefined;
      return item === undefined ? [] : [item];
    });
  });
}

/** Parses `GET /account`: entries without a support access code are left out (nothing could use them). */
export function parseAccounts(json: unknown): SupportAccount[] {
  return parseEntries(json, 'account list', (entry) => {
    const sac = optText(entry, 'sac')?.trim();
    return sac !== undefined && sac !== '' ? { sac, name: optText(entry, 'name') } : undefined;
  });
}

/** {id, name} entries of a product; those without an id are left out (the API needs the id back). */
function options(value: unknown): { id: string; name: string }[] {
  const result: { id: string; name: string }[] = [];
  for (const entry of list(value)) {
    const item = idName(entry);
    const id = item?.id?.trim();
    if (id !== undefined && id !== '') {
      result.push({ id, name: item?.name ?? id });
    }
  }
  return result;
}

/** Parses `GET /product?sac=`: products without an id are left out; a missing name shows the id. */
export function parseProducts(json: unknown): ProductOption[] {
  return parseEntries(json, 'product list', (entry) => {
    const id = optText(entry, 'id')?.trim();
    if (id === undefined || id === '') {
      return undefined;
    }
    return { id, name: optText(entry, 'name') ?? id, versions: options(entry.versions), operatingSystems: options(entry.operatingSystems) };
  });
}
