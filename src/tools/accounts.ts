// Which signed-in account a call uses. With one account, that one. With several, the model names one (its id or
// label, as every result gives them); a call that needs one case and names none is asked back, never guessed: the
// same case number under another service account is another case.

import { oneLine } from './output';
import type { ToolAccount, ToolError, ToolHost } from './types';

export type AccountChoice = { readonly ok: true; readonly accounts: readonly ToolAccount[] } | { readonly ok: false; readonly error: ToolError };

const SIGN_IN = 'No Axway Support account is signed in. Ask the person to sign in (command "Axway Support: Sign In"), then try again.';

/**
 * The accounts a call runs under: the named one; else every signed-in one when `all` is allowed (search); else the
 * only one, or an 'ambiguousAccount' error listing them.
 */
export async function chooseAccounts(host: ToolHost, requested: string | undefined, all: boolean): Promise<AccountChoice> {
  const accounts = await host.accounts();
  if (accounts.length === 0) {
    return { ok: false, error: { code: 'notSignedIn', message: SIGN_IN } };
  }
  const choices = accounts.map(describe);
  if (requested !== undefined && requested.trim() !== '') {
    const wanted = requested.trim();
    const byId = accounts.filter((a) => a.id === wanted);
    const matches = byId.length > 0 ? byId : accounts.filter((a) => a.label.trim().toLowerCase() === wanted.toLowerCase());
    if (matches.length === 1) {
      return { ok: true, accounts: matches };
    }
    if (matches.length > 1) {
      return { ok: false, error: { code: 'ambiguousAccount', message: 'Several signed-in accounts have that label. Give the account by its id.', choices } };
    }
    return { ok: false, error: { code: 'unknownAccount', message: 'No signed-in account has that id or label. Use one of the choices (id or label).', choices } };
  }
  if (accounts.length === 1 || all) {
    return { ok: true, accounts };
  }
  return {
    ok: false,
    error: {
      code: 'ambiguousAccount',
      message: 'Several accounts are signed in, and the same case number may exist under each. Ask which account is meant (or take it from a search result) and give it as "account".',
      choices
    }
  };
}

/** "label (id)": what a choice lists, so either part can be sent back. */
function describe(account: ToolAccount): string {
  return `${oneLine(account.label)} (id: ${account.id})`;
}
