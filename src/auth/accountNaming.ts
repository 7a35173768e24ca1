// An account signed in (here or in another window) is named after its organisation's accounts (GET /account),
// unless the user named it. Part of the sign-in bundle (dist/signIn.js): it runs only after a sign-in.

import type { Logger, SupportApiClient } from '../api/types';
import type { AccountStore } from './accountStore';

export interface AccountNamingDeps {
  readonly store: Pick<AccountStore, 'setDefaultLabel'>;
  readonly api: (account: string) => Promise<SupportApiClient>;
  readonly logger: Logger;
}

export async function nameAccount(deps: AccountNamingDeps, account: string): Promise<void> {
  try {
    const names = (await (await deps.api(account)).listAccounts()).map((a) => a.name).filter((n): n is string => !!n);
    if (names.length > 0) {
      await deps.store.setDefaultLabel(account, names.join(', '));
    }
  } catch (err) {
    // The client ID stays its label: no message, the user can rename it.
    deps.logger.debug(`The account's default label could not be read: ${err instanceof Error ? err.message : String(err)}`);
  }
}
