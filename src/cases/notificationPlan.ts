// What the changes a refresh observed become as a notification, by the user's setting (off, cases awaiting them,
// every change): which changes count, one message or a summary, and API text made one short plain line.

import * as l10n from '@vscode/l10n';
import { plainText } from '../util/text';
import type { CaseChange } from './changeDetection';

export type NotificationMode = 'off' | 'awaitingMe' | 'allChanges';

export function parseNotificationMode(value: unknown): NotificationMode {
  return value === 'off' || value === 'allChanges' ? value : 'awaitingMe';
}

/** The changes a mode notifies. */
export function notifiable(mode: NotificationMode, changes: readonly CaseChange[]): CaseChange[] {
  if (mode === 'off') {
    return [];
  }
  return mode === 'awaitingMe' ? changes.filter((c) => c.nowAwaiting) : [...changes];
}

export interface NotificationPlan {
  readonly text: string;
  /** One case: Open Case with it. Several: Show (the view, filtered to awaiting cases for `awaitingMe`). */
  readonly action: { readonly kind: 'openCase'; readonly caseNumber: string } | { readonly kind: 'show'; readonly awaiting: boolean };
}

/** One message for the changes of one refresh: several at once are grouped ("3 cases were updated"). */
export function planNotification(mode: NotificationMode, changes: readonly CaseChange[]): NotificationPlan | undefined {
  if (mode === 'off' || changes.length === 0) {
    return undefined;
  }
  if (changes.length > 1) {
    const text = mode === 'awaitingMe' ? l10n.t('Axway Support: {0} cases await your reply.', changes.length) : l10n.t('Axway Support: {0} cases were updated.', changes.length);
    return { text, action: { kind: 'show', awaiting: mode === 'awaitingMe' } };
  }
  const change = changes[0];
  const subject = messageText(change.summary.subject);
  const number = messageText(change.summary.caseNumber);
  let text: string;
  if (mode === 'awaitingMe') {
    text = l10n.t('Axway Support: Case {0} awaits your reply: {1}', number, subject);
  } else if (change.kind === 'new' && change.brandNew !== false) {
    text = l10n.t('Axway Support: New case {0}: {1} ({2})', number, subject, messageText(change.summary.status));
  } else {
    text = l10n.t('Axway Support: Case {0} was updated: {1} ({2})', number, subject, messageText(change.summary.status));
  }
  return { text, action: { kind: 'openCase', caseNumber: change.summary.caseNumber } };
}

/** API text in a notification: one short line, never a link or an icon (plainText). */
export function messageText(text: string): string {
  return plainText(text, 120);
}
