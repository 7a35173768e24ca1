// Keeps what is on screen in step with the stored credentials: the cases model, the open case tabs and the context
// keys behind the welcome view and the menus. Every sign-in (even with the pair already stored) reloads what is
// shown; an account signed out closes what belonged to it; a refused pair is quarantined (kept, never sent again)
// once, with one message, and its tabs wait on their sign-in page.

import * as vscode from 'vscode';
import { Logger } from '../api/types';
import { AccountsChange, AccountStore } from './accountStore';
import { AccountModels } from '../cases/accountModels';
import type { RejectedCredentials } from '../network/lazyNetwork';
import { guarded, UserMessages } from '../util/userMessages';
import { CONTEXT_READY, CONTEXT_SIGNED_IN } from '../util/ids';

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
  readonly models: AccountModels;
  readonly tabs: CaseTabs;
  readonly logger: Logger;
  readonly messages: UserMessages;
  readonly onDidRejectCredentials: vscode.Event<RejectedCredentials>;
  /** Quarantines a refused pair and says so (refusedCredentials.ts, loaded with the sign-in code when it happens). */
  readonly setAside: (rejected: RejectedCredentials) => Promise<void>;
  /** Names an account just signed in after its organisation's accounts, unless the user named it (never rejects). */
  readonly nameAccount?: (account: string) => Promise<void>;
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
      deps.onDidRejectCredentials(guarded(deps.messages, vscode.l10n.t('Setting the refused credentials aside'), (rejected: RejectedCredentials) => deps.setAside(rejected)))
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
      void this.deps.nameAccount?.(change.stored);
    }
    await vscode.commands.executeCommand('setContext', CONTEXT_SIGNED_IN, ids.length > 0);
    await vscode.commands.executeCommand('setContext', CONTEXT_READY, true);
  }
}
