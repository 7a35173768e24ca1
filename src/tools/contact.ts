// Who sends a write: the one account it runs under and its contact e-mail, the account's stored one. An agent must
// not make one up, so without one the tool says how the person sets it.

import { chooseAccounts } from './accounts';
import { accountPhrase, failure } from './output';
import type { ToolAccount, ToolError, ToolHost, ToolOutput } from './types';

/** Who sends a write: the one account it runs under and that account's contact e-mail. */
export type Sender = { readonly ok: true; readonly account: ToolAccount; readonly contact: string } | { readonly ok: false; readonly output: ToolOutput };

/**
 * The account a write names (or the only one signed in) and its contact e-mail; else the `tool`'s output that says
 * `nothing` was done, and why.
 */
export async function senderOf(host: ToolHost, tool: string, requested: string | undefined, nothing: string): Promise<Sender> {
  const choice = await chooseAccounts(host, requested, false);
  if (!choice.ok) {
    return { ok: false, output: failure(tool, nothing, choice.error) };
  }
  const account = choice.accounts[0];
  const contact = contactOf(host, account);
  if (!contact.ok) {
    return { ok: false, output: failure(tool, nothing, contact.error, account) };
  }
  return { ok: true, account, contact: contact.email };
}

function contactOf(host: ToolHost, account: ToolAccount): { readonly ok: true; readonly email: string } | { readonly ok: false; readonly error: ToolError } {
  const email = host.contactEmail(account.id);
  if (email !== undefined) {
    return { ok: true, email };
  }
  return {
    ok: false,
    error: {
      code: 'noContactEmail',
      message: `No contact e-mail is set for ${accountPhrase(account)}: Axway Support writes to it about notes, new cases and closed cases. Ask the person to run the command "Axway Support: Set Contact E-mail" (Command Palette), then try again. Do not guess an address.`
    }
  };
}
