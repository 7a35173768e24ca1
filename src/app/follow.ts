// Wiring of "follow cases": auto-refresh, the change tracker behind notifications and the awaiting-you count, and the
// status-bar item. Kept here so extension.ts adds one call. Nothing here sends a request at activation: the first
// count follows the first list the model loads.

import * as vscode from 'vscode';
import type { Logger, SupportApiClient } from '../api/types';
import { AwaitingCounter } from '../cases/awaitingCount';
import type { CasesModel } from '../cases/casesModel';
import { ChangeTracker } from '../cases/changeDetection';
import { NotificationClaims } from '../cases/notificationClaims';
import { UserMessages } from '../util/userMessages';
import type { AccountModels } from '../cases/accountModels';
import { AutoRefresh } from './autoRefresh';
import { AwaitingAcrossAccounts } from './awaitingAcrossAccounts';
import { AwaitingStatusBar, registerShowAwaiting, STATUS_BAR_SETTING } from './awaitingStatusBar';
import { ChangeNotifications } from './changeNotifications';
import { SETTINGS_SECTION } from '../services/config';

export interface FollowDeps {
  readonly model: CasesModel;
  readonly view: vscode.TreeView<unknown>;
  readonly api: () => Promise<SupportApiClient>;
  readonly logger: Logger;
  readonly messages: UserMessages;
  /** Every signed-in account: the status bar adds up their counts. */
  readonly accounts?: AccountModels;
  /** The Support API as one account (the further accounts' counts). */
  readonly apiOf?: (account: string) => Promise<SupportApiClient>;
  /** Refreshes every signed-in account's list (auto-refresh keeps them all current); default: the model's. */
  readonly refreshAll?: () => Promise<void>;
  /** context.globalStorageUri: shared by every window of this extension on this machine. */
  readonly globalStorage: vscode.Uri;
}

/** What the integration suite reads and drives (Test and Development mode only, through AxwaySupportTestApi). */
export interface Follow {
  readonly autoRefresh: AutoRefresh;
  readonly tracker: ChangeTracker;
  readonly counter: AwaitingCounter;
  readonly statusBar: AwaitingStatusBar;
  readonly notifications: ChangeNotifications;
  /** Where notification claims are made; undefined when global storage is not on a local disk. */
  readonly claimsFolder: string | undefined;
}


function statusBarEnabled(): boolean {
  return vscode.workspace.getConfiguration(SETTINGS_SECTION).get<boolean>(STATUS_BAR_SETTING, true) !== false;
}

export function createFollow(deps: FollowDeps): { readonly follow: Follow; readonly disposables: vscode.Disposable[] } {
  const { model, view, api, logger, messages } = deps;
  const tracker = new ChangeTracker(model);
  const counter = new AwaitingCounter({ api, logger, state: () => ({ state: model.state, filter: model.view.filter }), enabled: statusBarEnabled });
  // Turned back on: count now (while it was off, no request was spent on the count).
  const countWhenEnabled = vscode.workspace.onDidChangeConfiguration((e) => {
    if (e.affectsConfiguration(`${SETTINGS_SECTION}.${STATUS_BAR_SETTING}`) && statusBarEnabled()) {
      void counter.recount();
      void across?.recount();
    }
  });
  const claimsFolder = deps.globalStorage.scheme === 'file' ? vscode.Uri.joinPath(deps.globalStorage, 'notified').fsPath : undefined;
  const countOnObservation = tracker.onDidObserve((observation) => void counter.observe(observation));
  const across = deps.accounts && deps.apiOf ? new AwaitingAcrossAccounts({ accounts: deps.accounts, primary: counter, api: deps.apiOf, logger, enabled: statusBarEnabled }) : undefined;
  // Every account's changes are notified: the first account's tracker and those of the further accounts.
  const observations: Pick<ChangeTracker, 'onDidObserve'> = {
    onDidObserve: (listener) => {
      const own = tracker.onDidObserve(listener);
      const further = across?.onDidObserve(listener);
      return {
        dispose: () => {
          own.dispose();
          further?.dispose();
        }
      };
    }
  };
  const notifications = new ChangeNotifications({ tracker: observations, claims: claimsFolder ? new NotificationClaims(claimsFolder) : undefined, messages, logger });
  const statusBar = new AwaitingStatusBar(across ?? counter, model);
  const refreshAll = deps.refreshAll;
  const followed = refreshAll
    ? {
        get state() {
          return model.state;
        },
        onDidChange: model.onDidChange,
        refresh: refreshAll
      }
    : model;
  const autoRefresh = new AutoRefresh({ model: followed, view, logger });
  return {
    follow: { autoRefresh, tracker, counter, statusBar, notifications, claimsFolder },
    disposables: [...(across ? [across] : []), tracker, counter, countWhenEnabled, countOnObservation, notifications, statusBar, autoRefresh, registerShowAwaiting(messages)]
  };
}
