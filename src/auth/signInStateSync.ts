// Keeps what is on screen in step with the stored credentials: the cases model, the open case tabs and the context
// keys behind the welcome view and the menus. Every sign-in (even with the pair already stored) reloads what is
// shown; an account signed out closes what belonged to it; a refused pair is quarantined (kept, never sent again)
// once, with one message, and its tabs wait on their sign-in page.

import * as vscode from 'vscode';
import { Logger } from '../api/types';
import { AccountsChange, AccountStore } from './accountStore';
import { SignInFlow } from './signInFlow';
import { AccountModels } from '../cases/accountModels';
import type { RejectedCredentials } from '../network/lazyNetwork';
import { guarded, UserMessages } from '../util/userMessages';
import { Commands, CONTEXT_READY, CONTEXT_SIGNED_IN } from '../util/ids';

/** What this class needs of the open case tabs. */
export interface CaseTabs {
  /** Reloads every open tab. */
  reloadAll(): void;
  /** Closes the tabs of every account not in the list (an empty list: all of them). */
  closeOthers(accounts: readonly string[]): void;
  /** Cancels the account's tabs' requests and shows their sign-in page instead of the case. */
  requireSignIn(account?: string): void;
}

export interface SignInStateSyncDeps {
  readonly store: AccountStore;
  readonly flow: SignInFlow;
  readonly models: AccountModels;
  readonly tabs: CaseTabs;
  readonly logger: Logger;
  readonly messages: UserMessages;
  readonly onDidRejectCredentials: vscode.Event<RejectedCredentials>;
  /** The organisation's account names (GET /account) for an account just signed in: its default label. */
  readonly defaultLabel?: (account: string) => Promise<string | undefined>;
}

export class SignInStateSync implements vscode.Disposable {
  private readonly subscriptions: vscode.Disposable[];
  /** Resolves once the stored accounts were read and what is shown matches them; never rejects. */
  readonly ready: Promise<void>;
  /** False until the first read is applied: restored tabs load by themselves, they need no reload. */
  private started = false;
  /** The quarantined accounts whose tabs were already sent to their sign-in page. */
  private refusedShown = new Set<string>();

  constructor(private readonly deps: SignInStateSyncDeps) {
    const changed = guarded(deps.messages, vscode.l10n.t('Updating the view after a sign-in change'), (change: AccountsChange) => this.apply(change));
    this.subscriptions = [
      deps.store.onDidChange((change) => void changed(change)),
      deps.onDidRejectCredentials(guarded(deps.messages, vscode.l10n.t('Setting the refused credentials aside'), (rejected: RejectedCredentials) => this.rejected(rejected)))
    ];
    // Reading SecretStorage is local and cheap; nobody awaits it during activation.
    this.ready = deps.store.list().then(
      (accounts) => this.apply({ accounts }),
      (err: unknown) => {
        deps.messages.report(vscode.l10n.t('Reading the stored service account'), err);
        return this.apply({ accounts: [] });
      }
    ).catch((err: unknown) => deps.messages.report(vscode.l10n.t('Starting Axway Support'), err));
  }

  dispose(): void {
    for (const d of this.subscriptions) {
      d.dispose();
    }
  }

  private async apply(change: AccountsChange): Promise<void> {
    const { models, tabs } = this.deps;
    const ids = change.accounts.map((a) => a.id);
    const startup = !this.started;
    this.started = true;
    models.apply(change.accounts, change.stored);
    // Tabs of an account no longer signed in close: nothing of account A stays under account B.
    tabs.closeOthers(ids);
    // A quarantined account (here or in another window) keeps its tabs in place; they offer Sign in, no case data.
    const refused = new Set(change.accounts.filter((a) => a.refused).map((a) => a.id));
    for (const id of refused) {
      if (!this.refusedShown.has(id)) {
        tabs.requireSignIn(id);
      }
    }
    this.refusedShown = refused;
    if (change.stored !== undefined && !startup) {
      tabs.reloadAll();
    }
    if (change.stored !== undefined) {
      void this.nameAccount(change.stored);
    }
    await vscode.commands.executeCommand('setContext', CONTEXT_SIGNED_IN, ids.length > 0);
    await vscode.commands.executeCommand('setContext', CONTEXT_READY, true);
  }

  /** An account signed in here is named after its organisation's accounts, unless the user named it. */
  private async nameAccount(account: string): Promise<void> {
    try {
      const label = await this.deps.defaultLabel?.(account);
      if (label) {
        await this.deps.store.setDefaultLabel(account, label);
      }
    } catch (err) {
      // The client ID stays its label: no message, the user can rename it.
      this.deps.logger.debug(`The account's default label could not be read: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  /**
   * The token endpoint refused an account's stored pair (e.g. a rotated secret): retrying it would only fail again,
   * but deleting it would cost a certificate user their key file hunt. It is quarantined: kept, never sent again.
   */
  private async rejected({ account, credentials, error }: RejectedCredentials): Promise<void> {
    const { store, flow, logger } = this.deps;
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
    const choice = await this.deps.messages.error(
      vscode.l10n.t('Axway Support: {0}', `${which} ${error.message}${tid} ${vscode.l10n.t('They are kept on this machine but not sent again: sign in again to replace them, or sign out to delete them.')}`),
      signIn
    );
    if (choice === signIn) {
      await vscode.commands.executeCommand(Commands.signIn, account);
    }
  }
}
