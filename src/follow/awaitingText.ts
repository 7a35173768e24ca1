// What the status-bar item "N awaiting you" says (vscode-free, so the hostile-text corpus runs through it in plain
// Node). The server's error texts in the tooltip are made plain like every API string (plainText).

import { AWAITING_CUSTOMER_STATUS } from '../cases/caseQuery';
import type { AwaitingCount } from './awaitingCount';
import { plainText } from '../util/text';

/** Text, tooltip and accessible label for a count. */
export function describeCount(count: Exclude<AwaitingCount, { kind: 'unknown' }>): { text: string; tooltip: string; ariaLabel: string } {
  const status = `status “${AWAITING_CUSTOMER_STATUS}”`;
  if (count.kind === 'failed') {
    const tid = count.error.troubleshootingId ? ` (Troubleshooting ID: ${plainText(count.error.troubleshootingId, 80)})` : '';
    return {
      text: '$(bell) ?',
      tooltip: `Axway Support: could not count the cases awaiting you. ${plainText(count.error.message, 300)}${tid} Click to show them; the count is retried with the next refresh.`,
      ariaLabel: 'Axway Support: cases awaiting you could not be counted. Show them.'
    };
  }
  const number = `${count.count}${count.atLeast ? '+' : ''}`;
  const cases = count.count === 1 && !count.atLeast ? '1 case awaits' : `${number} cases await`;
  const stale = count.staleError ? ` This count could not be updated: ${plainText(count.staleError.message, 300)}` : '';
  return {
    text: `${count.count > 0 ? '$(bell-dot)' : '$(bell)'} ${number} awaiting you`,
    tooltip: `Axway Support: ${cases} your reply (${status}).${stale} Click to show them.`,
    ariaLabel: `Axway Support: ${number} ${count.count === 1 && !count.atLeast ? 'case' : 'cases'} awaiting you. Show them.`
  };
}
