// A stored pair the token endpoint refused (e.g. a rotated secret) is set aside: kept but never sent again, with one
// message offering to sign in again. Part of the sign-in bundle (dist/signIn.js), loaded when a refusal happens.

import * as vscode from 'vscode';
import type { Logger } from '../api/types';
import type { RejectedCredentials } from '../network/lazyNetwork';
import { Commands } from '../util/ids';
import type { UserMessages } from '../util/userMessages';
import type { AccountStore } from './accountStore';
import type { SignInFlow } from './signInFlow';

export interface RefusedPairDeps {
  readonly store: Pick<AccountStore, 'list' | 'quarantine'>;
  readonly flow: Pick<SignInFlow, 'rememberClientId'>;
  readonly logger: Logger;
  readonly messages: UserMessages;
}

/**
 * The token endpoint refused an account's stored pair (e.g. a rotated secret): retrying it would only fail again,
 * but deleting it would cost a certificate user their key file hunt. It is quarantined: kept, never sent again.
 */
export async function setRefusedPairAside(deps: RefusedPairDeps, { account, credentials, error }: RejectedCredentials): Promise<void> {
  const { store, flow, logger } = deps;
  const accounts = await store.list();
  const rejected = accounts.find((a) => a.id === account);
  if (!rejected) {
    return;
  }
  flow.rememberClientId(rejected.clientId, rejected.kind);
  if (!(await store.quarantine(account, credentials))) {
    // Another pair is stored by now (signed in again meanwhile): nothing was refused of it.
    return;
  }
  logger.warn('The stored service account credentials were refused by the token endpoint; they are kept but no longer sent.');
  const tid = error.troubleshootingId ? ` ${vscode.l10n.t('(Troubleshooting ID: {0})', error.troubleshootingId)}` : '';
  const which = accounts.length > 1 ? vscode.l10n.t('The sign-in service refused the credentials of "{0}".', rejected.label) : vscode.l10n.t('The sign-in service refused the service account credentials.');
  const signIn = vscode.l10n.t('Sign in');
  const choice = await deps.messages.error(
    `Axway Support: ${which} ${error.message}${tid} ${vscode.l10n.t('They are kept on this machine but not sent again: sign in again to replace them, or sign out to delete them.')}`,
    signIn
  );
  if (choice === signIn) {
    await vscode.commands.executeCommand(Commands.signIn, account);
  }
}
