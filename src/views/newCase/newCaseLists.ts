// The accounts and products the New Support Case form offers: asked once per signed-in account (and support access
// code) while the window is open, shared by every form opened meanwhile; a failure is not kept, so Retry asks again.

import type { ProductOption, SupportAccount, SupportApiClient } from '../../api/types';

export class NewCaseLists {
  private readonly products = new Map<string, Promise<ProductOption[]>>();
  private readonly accounts = new Map<string, Promise<SupportAccount[]>>();

  constructor(private readonly api: (account: string) => Promise<SupportApiClient>) {}

  /** GET /account, once per signed-in account while the window is open (retried after a failure). */
  listAccounts(account: string): Promise<SupportAccount[]> {
    return this.cached(this.accounts, account, async () => (await this.api(account)).listAccounts());
  }

  /** GET /product?sac=, once per account and support access code while the window is open. */
  listProducts(account: string, sac: string): Promise<ProductOption[]> {
    return this.cached(this.products, `${account}\u0000${sac}`, async () => (await this.api(account)).listProducts(sac));
  }

  private cached<T>(cache: Map<string, Promise<T>>, key: string, load: () => Promise<T>): Promise<T> {
    let pending = cache.get(key);
    if (!pending) {
      pending = load();
      cache.set(key, pending);
      // A failure is not cached: Retry asks again.
      pending.catch(() => {
        if (cache.get(key) === pending) {
          cache.delete(key);
        }
      });
    }
    return pending;
  }
}
