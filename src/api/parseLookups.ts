// Parsing the look-ups the New Case form offers: the user's support accounts (GET /account) and an account's products
// with their versions and operating systems (GET /product). Entries without an id are left out.
import * as l10n from '@vscode/l10n';
import { ApiError } from './errors';
import { guarded, idName, isObject, list, optText } from './jsonValues';
import type { ProductOption, SupportAccount } from './types';

/** Parses `GET /account`: entries without a support access code are left out (nothing could use them). */
export function parseAccounts(json: unknown): SupportAccount[] {
  return guarded('account list', () => {
    if (!Array.isArray(json)) {
      throw new ApiError({ kind: 'parse', message: l10n.t('The account list from the Support API was not a JSON array.') });
    }
    const accounts: SupportAccount[] = [];
    for (const entry of json) {
      if (!isObject(entry)) {
        continue;
      }
      const sac = optText(entry, 'sac')?.trim();
      if (sac !== undefined && sac !== '') {
        accounts.push({ sac, name: optText(entry, 'name') });
      }
    }
    return accounts;
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
  return guarded('product list', () => {
    if (!Array.isArray(json)) {
      throw new ApiError({ kind: 'parse', message: l10n.t('The product list from the Support API was not a JSON array.') });
    }
    const products: ProductOption[] = [];
    for (const entry of json) {
      if (!isObject(entry)) {
        continue;
      }
      const id = optText(entry, 'id')?.trim();
      if (id === undefined || id === '') {
        continue;
      }
      products.push({ id, name: optText(entry, 'name') ?? id, versions: options(entry.versions), operatingSystems: options(entry.operatingSystems) });
    }
    return products;
  });
}
