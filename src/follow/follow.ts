// Wiring of "follow cases": auto-refresh, one follower per signed-in account (its change tracker and awaiting-you
// count, AccountFollowers), the notifications and the status-bar item. Kept here so extension.ts adds one call.
// Nothing here sends a request at activation: an account's first count follows the first list its model loads.

import * as vscode from 'vscode';
import type { Logger, SupportApiClient } from '../api/types';
import type { CasesModel } from '../cases/casesModel';
import { NotificationClaims } from './notificationClaims';
import { UserMessages } from '../util/userMessages';
import type { AccountModels } from '../cases/accountModels';
import { AccountFollowers } from './accountFollowers';
import { AutoRefresh } from './autoRefresh';
import { AwaitingStatusBar, registerShowAwaiting, STATUS_BAR_SETTING } from './awaitingStatusBar';
import { ChangeNotifications } from './changeNotifications';
import { SETTINGS_SECTION, userSetting } from '../util/settings';

export interface FollowDeps {
  /** The first (or only) account's model: signed out when it is; the status bar and auto-refresh's figures follow it. */
  readonly model: CasesModel;
  readonly view: vscode.TreeView<unknown>;
  /** Every signed-in account: each gets its own follower, and the status bar adds up their counts. */
  readonly accounts: AccountModels;
  /** The Support API as one account. */
  readonly api: (account: string) => Promise<SupportApiClient>;
  readonly logger: Logger;
  readonly messages: UserMessages;
  /** context.globalStorageUri: shared by every window of this extension on this machine. */
  readonly globalStorage: vscode.Uri;
}

/** What the integration suite reads and drives (Test and Development mode only, through AxwaySupportTestApi). */
export interface Follow {
  readonly autoRefresh: AutoRefresh;
  /** Every account's tracker and counter: the summed count, and the count requests sent. */
  readonly awaiting: AccountFollowers;
  readonly statusBar: AwaitingStatusBar;
  readonly notifications: ChangeNotifications;
  /** Where notification claims are made; undefined when global storage is not on a local disk. */
  readonly claimsFolder: string | undefined;
}

function statusBarEnabled(): boolean {
  return userSetting(STATUS_BAR_SETTING) !== false;
}

export function createFollow(deps: FollowDeps): { readonly follow: Follow; readonly disposables: vscode.Disposable[] } {
  const { model, view, accounts, logger, messages } = deps;
  const awaiting = new AccountFollowers({ accounts, api: deps.api, logger, enabled: statusBarEnabled });
  // Turned back on: count now (while it was off, no request was spent on the count).
  const countWhenEnabled = vscode.workspace.onDidChangeConfiguration((e) => {
    if (e.affectsConfiguration(`${SETTINGS_SECTION}.${STATUS_BAR_SETTING}`) && statusBarEnabled()) {
      void awaiting.recount();
    }
  });
  const claimsFolder = deps.globalStorage.scheme === 'file' ? vscode.Uri.joinPath(deps.globalStorage, 'notified').fsPath : undefined;
  const notifications = new ChangeNotifications({ tracker: awaiting, claims: claimsFolder ? new NotificationClaims(claimsFolder) : undefined, messages, logger });
  const statusBar = new AwaitingStatusBar(awaiting, model);
  // Auto-refresh keeps every account's list current, each on its own schedule (its own backoff after failures).
  const autoRefresh = new AutoRefresh({ primary: model, accounts, view, logger });
  return {
    follow: { autoRefresh, awaiting, statusBar, notifications, claimsFolder },
    disposables: [awaiting, countWhenEnabled, notifications, statusBar, autoRefresh, registerShowAwaiting(messages)]
  };
}
