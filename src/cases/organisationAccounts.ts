// The organisation's accounts (GET /account: support access codes and names) for Filter Cases…'s Account section.
// Asked the first time the filter list opens, never at activation, then kept for the window per signed-in account.

import type { SupportAccount, SupportApiClient } from '../api/types';

export class OrganisationAccounts {
  private readonly loaded = new Map<string, readonly SupportAccount[]>();
  private readonly pending = new Map<string, Promise<readonly SupportAccount[]>>();

  /** @param api the client of one signed-in account: an organisation's codes are asked with that account's token. */
  constructor(private readonly api: (account: string) => Promise<SupportApiClient>) {}

  /** What is known for the signed-in account, without a request. */
  known(account: string): readonly SupportAccount[] | undefined {
    return this.loaded.get(account);
  }

  /** One GET /account per signed-in account while the window is open; callers meanwhile share it; a failure is not kept. */
  load(account: string): Promise<readonly SupportAccount[]> {
    const known = this.loaded.get(account);
    if (known) {
      return Promise.resolve(known);
    }
    let pending = this.pending.get(account);
    if (!pending) {
      pending = (async () => (await this.api(account)).listAccounts())();
      this.pending.set(account, pending);
      pending.then(
        (accounts) => this.loaded.set(account, accounts),
        () => undefined
      ).finally(() => this.pending.delete(account));
    }
    return pending;
  }

  /** The name of an account of the organisation, when known. */
  nameOf(account: string, sac: string): string | undefined {
    const name = this.loaded.get(account)?.find((a) => a.sac === sac)?.name?.trim();
    return name ? name : undefined;
  }
}
