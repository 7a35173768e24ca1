// What the status-bar item "N awaiting you" says (vscode-free, so the hostile-text corpus runs through it in plain
// Node). The server's error texts in the tooltip are made plain like every API string (plainText). Texts go through
// @vscode/l10n, which the extension hands VS Code's bundle for the display language (util/translations); the status
// value stays as the API sends it.

import * as l10n from '@vscode/l10n';
import { AWAITING_CUSTOMER_STATUS } from '../cases/caseQuery';
import type { AwaitingCount } from './awaitingCount';
import { plainText } from '../util/text';

/** Text, tooltip and accessible label for a count. */
export function describeCount(count: Exclude<AwaitingCount, { kind: 'unknown' }>): { text: string; tooltip: string; ariaLabel: string } {
  if (count.kind === 'failed') {
    const tid = count.error.troubleshootingId ? ` ${l10n.t('(Troubleshooting ID: {0})', plainText(count.error.troubleshootingId, 80))}` : '';
    return {
      text: '$(bell) ?',
      tooltip: l10n.t(
        'Axway Support: could not count the cases awaiting you. {0} Click to show them; the count is retried with the next refresh.',
        `${plainText(count.error.message, 300)}${tid}`
      ),
      ariaLabel: l10n.t('Axway Support: cases awaiting you could not be counted. Show them.')
    };
  }
  const number = `${count.count}${count.atLeast ? '+' : ''}`;
  const one = count.count === 1 && !count.atLeast;
  const stale = count.staleError ? ` ${l10n.t('This count could not be updated: {0}', plainText(count.staleError.message, 300))}` : '';
  const tooltip = one
    ? l10n.t('Axway Support: 1 case awaits your reply (status “{0}”).', AWAITING_CUSTOMER_STATUS)
    : l10n.t('Axway Support: {0} cases await your reply (status “{1}”).', number, AWAITING_CUSTOMER_STATUS);
  return {
    text: `${count.count > 0 ? '$(bell-dot)' : '$(bell)'} ${l10n.t('{0} awaiting you', number)}`,
    tooltip: `${tooltip}${stale} ${l10n.t('Click to show them.')}`,
    ariaLabel: one ? l10n.t('Axway Support: 1 case awaiting you. Show it.') : l10n.t('Axway Support: {0} cases awaiting you. Show them.', number)
  };
}
