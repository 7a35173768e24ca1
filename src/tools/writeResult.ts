// What a write's outcome (CaseWrites' one rule) tells the model: done (and how), not done (safe to ask again), or
// unknown (calling again looks it up first and never sends twice).

import { failure, success } from './output';
import { repeatHint, sentIdOf } from './repeats';
import type { WriteResult } from '../cases/caseWrites';
import type { ToolAccount, ToolOutput } from './types';

export interface WriteWords {
  readonly tool: string;
  /** "The note was added to case 01314580", "Case 01314580 was closed". */
  readonly done: string;
  /** "The note was not added to case 01314580". */
  readonly notDone: string;
  readonly account: ToolAccount;
}

export function writeOutput(result: WriteResult, words: WriteWords, data: (caseNumber: string | undefined) => unknown): ToolOutput {
  const { tool, account } = words;
  switch (result.kind) {
    case 'done': {
      // Sent before (another window, a call that raced this one): when, and how the person can have it sent again.
      const sentId = result.how === 'earlier' && result.sentAt !== undefined ? sentIdOf(result.sentAt) : undefined;
      const how =
        result.how === 'confirmed'
          ? '.'
          : result.how === 'found'
            ? ': the answer was lost, and reading it back showed the write arrived, once.'
            : ` earlier${sentId ? ` (at ${sentId})` : ''}: the same request was already sent, so it was not sent again.${sentId ? ` ${repeatHint(sentId)}` : ''}`;
      return success(tool, `${words.done}${how}`, account, { outcome: result.how, ...asRecord(data(result.landed.caseNumber)), ...(sentId ? { sentAt: sentId, sentId } : {}) });
    }
    case 'partial':
      return failure(tool, `Case ${result.caseNumber} was created, but not everything was stored (its files). Do not create it again.`, {
        code: 'partial',
        message: result.error.message,
        ...(result.error.troubleshootingId ? { troubleshootingId: result.error.troubleshootingId } : {})
      }, account, data(result.caseNumber));
    case 'busy':
      return failure(tool, `${words.notDone}: the same request is being sent right now${result.where === 'otherWindow' ? ' from another window' : ''}.`, {
        code: 'busy',
        message: 'Wait for it to finish, then read the case to see the result. Do not send it again.'
      }, account);
    case 'notDone':
      return failure(tool, `${words.notDone}.`, {
        code: 'api',
        message: `${result.error.message}${result.why === 'notFound' ? ' (The answer was lost; reading back showed it did not arrive.)' : ''} Nothing was stored: it is safe to try again once the cause is fixed.`,
        ...(result.error.troubleshootingId ? { troubleshootingId: result.error.troubleshootingId } : {})
      }, account);
    case 'unknown':
      return failure(tool, `It is not known whether this arrived: the answer was lost and reading back failed.`, {
        code: 'unknownOutcome',
        message: `${result.lookupError.message} Calling the tool again with the same input looks it up first and sends only if it did not arrive.`,
        ...(result.lookupError.troubleshootingId ?? result.error.troubleshootingId ? { troubleshootingId: result.lookupError.troubleshootingId ?? result.error.troubleshootingId } : {})
      }, account);
    case 'stopped':
    case 'abandoned':
      return failure(tool, `${words.notDone}: the window closed or the request was stopped.`, { code: 'cancelled', message: 'Nothing more was done.' }, account);
  }
}

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : { value };
}
