// Keeps what is on screen in step with the stored credentials: the cases model, the open case tabs and the context
// keys behind the welcome view and the menus. Every sign-in (even with the pair already stored) reloads what is
// shown; an account signed out closes what belonged to it; a refused pair is removed once, with one message.

import * as vscode from 'vscode';
import { Logger } from '../api/types';
import { AccountsChange, AccountStore } from '../auth/accountStore';
import { SignInFlow } from '../auth/signInFlow';
import { AccountModels } from '../cases/accountModels';
import type { RejectedCredentials } from '../services/lazyNetwork';
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
  /** The account whose refused pair is being removed: its tabs then wait on their sign-in page instead of closing. */
  private refusing: string | undefined;

  constructor(private readonly deps: SignInStateSyncDeps) {
    const changed = guarded(deps.messages, 'Updating the view after a sign-in change', (change: AccountsChange) => this.apply(change));
    this.subscriptions = [
      deps.store.onDidChange((change) => void changed(change)),
      deps.onDidRejectCredentials(guarded(deps.messages, 'Removing the refused credentials', (rejected: RejectedCredentials) => this.rejected(rejected)))
    ];
    // Reading SecretStorage is local and cheap; nobody awaits it during activation.
    this.ready = deps.store.list().then(
      (accounts) => this.apply({ accounts }),
      (err: unknown) => {
        deps.messages.report('Reading the stored service account', err);
        return this.apply({ accounts: [] });
      }
    ).catch((err: unknown) => deps.messages.report('Starting Axway Support', err));
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
    const refused = this.refusing;
    if (refused !== undefined && !ids.includes(refused)) {
      // The pair was refused, not signed out by the user: its tabs keep their place and offer Sign in; no case data stays.
      tabs.requireSignIn(refused);
      tabs.closeOthers([...ids, refused]);
    } else {
      // Tabs of an account no longer signed in close: nothing of account A stays under account B.
      tabs.closeOthers(ids);
      if (change.stored !== undefined && !startup) {
        tabs.reloadAll();
      }
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

  /** The token endpoint refused an account's stored pair (e.g. a rotated secret): retrying it would only fail again. */
  private async rejected({ account, error }: RejectedCredentials): Promise<void> {
    const { store, flow, logger } = this.deps;
    const accounts = await store.list();
    const rejected = accounts.find((a) => a.id === account);
    if (!rejected) {
      return;
    }
    flow.rememberClientId(rejected.clientId);
    this.refusing = account;
    try {
      await store.remove(account);
    } finally {
      this.refusing = undefined;
    }
    logger.warn('The stored service account credentials were refused by the token endpoint and removed.');
    const tid = error.troubleshootingId ? ` (Troubleshooting ID: ${error.troubleshootingId})` : '';
    const which = accounts.length > 1 ? ` of "${rejected.label}"` : '';
    const choice = await this.deps.messages.error(
      `Axway Support: The service account credentials${which} were refused and removed from this machine. ${error.message}${tid} Sign in again to continue.`,
      'Sign in'
    );
    if (choice === 'Sign in') {
      await vscode.commands.executeCommand(Commands.signIn);
    }
  }
}
