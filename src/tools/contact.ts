// The contact e-mail a write is sent from: the account's stored one. An agent must not make one up, so without one
// the tool says how the person sets it.

import { accountPhrase } from './output';
import type { ToolAccount, ToolError, ToolHost } from './types';

export function contactOf(host: ToolHost, account: ToolAccount): { readonly ok: true; readonly email: string } | { readonly ok: false; readonly error: ToolError } {
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
