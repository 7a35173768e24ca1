// Notifications for what a refresh observed: with "awaitingMe" (default) when a case moves to "Customer Owns Next
// Steps", with "allChanges" for every updated case (grouped when several change at once), with "off" none. Each
// change is claimed first (NotificationClaims), so of all open windows exactly one tells the person.

import * as vscode from 'vscode';
import type { Logger } from '../api/types';
import { ChangeTracker, CaseChange, notifiable, NotificationMode, Observation, parseNotificationMode, planNotification } from '../cases/changeDetection';
import { claimKey, NotificationClaims } from './notificationClaims';
import { userSetting } from '../util/settings';
import { Emitter } from '../util/event';
import { Commands, VIEW_ID } from '../util/ids';
import { UserMessages } from '../util/userMessages';

export const NOTIFICATIONS_SETTING = 'notifications';

export function readNotificationMode(): NotificationMode {
  return parseNotificationMode(userSetting(NOTIFICATIONS_SETTING));
}

/** What happened to one observed change, for the log and the tests. */
export interface NotificationDecision {
  readonly account: string;
  readonly caseNumber: string;
  readonly modifiedDate: string | undefined;
  readonly status: string;
  /**
   * shown: in a message of this window; claimedElsewhere: another window (or an earlier refresh) told it;
   * filtered: the setting does not notify this change ("off", or not a move to awaiting for "awaitingMe").
   */
  readonly outcome: 'shown' | 'claimedElsewhere' | 'filtered';
}

export interface ChangeNotificationsDeps {
  readonly tracker: Pick<ChangeTracker, 'onDidObserve'>;
  /** Undefined when there is no shared folder to claim in: this window then notifies what it observes. */
  readonly claims: NotificationClaims | undefined;
  readonly messages: UserMessages;
  readonly logger: Logger;
  readonly mode?: () => NotificationMode;
}

const KEEP = 200;

export class ChangeNotifications implements vscode.Disposable {
  private readonly subscription: { dispose(): void };
  private readonly recent: NotificationDecision[] = [];
  private readonly decided = new Emitter<NotificationDecision>();
  readonly onDidDecide = this.decided.event;
  /** Observations are handled one after another, in the order refreshes finished. */
  private queue: Promise<void> = Promise.resolve();

  constructor(private readonly deps: ChangeNotificationsDeps) {
    this.subscription = deps.tracker.onDidObserve((observation) => {
      this.queue = this.queue.then(() => this.handle(observation)).catch((err: unknown) => deps.logger.warn(`Change notifications: ${String(err)}`));
    });
  }

  /** The newest decisions, oldest first. */
  get decisions(): readonly NotificationDecision[] {
    return this.recent;
  }

  dispose(): void {
    this.subscription.dispose();
    this.decided.dispose();
  }

  private async handle(observation: Observation): Promise<void> {
    if (observation.kind !== 'refreshed' || observation.changes.length === 0) {
      return;
    }
    const { account, changes } = observation;
    const mode = (this.deps.mode ?? readNotificationMode)();
    const wanted = new Set(notifiable(mode, changes));
    const winners: CaseChange[] = [];
    for (const change of changes) {
      if (!wanted.has(change)) {
        this.decide(account, change, 'filtered');
      } else if (await this.claim(account, change)) {
        winners.push(change);
      } else {
        this.decide(account, change, 'claimedElsewhere');
      }
    }
    const plan = planNotification(mode, winners);
    if (!plan) {
      return;
    }
    const action = plan.action;
    const OPEN_CASE = vscode.l10n.t('Open Case');
    const SHOW = vscode.l10n.t('Show');
    const shown = this.deps.messages.info(plan.text, action.kind === 'openCase' ? OPEN_CASE : SHOW);
    for (const change of winners) {
      this.decide(account, change, 'shown');
    }
    // Not awaited: the queue must not wait for the person to click.
    void shown.then((choice) => {
      if (choice === OPEN_CASE && action.kind === 'openCase') {
        return vscode.commands.executeCommand(Commands.openCase, { account, caseNumber: action.caseNumber });
      }
      if (choice === SHOW && action.kind === 'show') {
        return vscode.commands.executeCommand(action.awaiting ? Commands.showAwaiting : `${VIEW_ID}.focus`);
      }
      return undefined;
    }).then(undefined, (err: unknown) => this.deps.messages.report(vscode.l10n.t('Acting on the notification'), err));
  }

  private async claim(account: string, change: CaseChange): Promise<boolean> {
    const claims = this.deps.claims;
    if (!claims) {
      return true;
    }
    const { caseNumber, modifiedDate, status } = change.summary;
    try {
      return await claims.claim(claimKey(account, caseNumber, modifiedDate, status));
    } catch (err) {
      // Better a rare second notification than a missed "support waits for you".
      this.deps.logger.warn(`Could not record a notification in ${claims.folder}: ${err instanceof Error ? err.message : String(err)}`);
      return true;
    }
  }

  private decide(account: string, change: CaseChange, outcome: NotificationDecision['outcome']): void {
    const { caseNumber, modifiedDate, status } = change.summary;
    const decision: NotificationDecision = { account, caseNumber, modifiedDate, status, outcome };
    this.recent.push(decision);
    if (this.recent.length > KEEP) {
      this.recent.shift();
    }
    this.decided.fire(decision);
  }
}
