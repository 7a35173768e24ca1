// The one rule for a write (a note, a new case, a close) that failed: did the Support API refuse it (nothing was
// stored, sending again is safe), or may it have arrived (look it up before anything is offered again)?
//
// A write has no idempotency key in the Support API, so the only safe answer to "may have arrived" is to look at
// what the API has now: the note on the case, the case among the recent cases, the case's status.

import type { ApiErrorDetails } from '../api/errors';

export type FailureMeaning = 'refused' | 'mayHaveArrived' | 'notSent';

/**
 * - Any 5xx (JSON or a gateway's HTML page): a gateway may answer 502/503 after the API stored the write.
 * - An answer that could not be read (not JSON, cut short, too large): the API answered, perhaps after storing.
 * - A timeout, a cut connection or a cancel: may have arrived once the whole request was sent; not when the
 *   transport says it never was (refused connection, cancel before the last byte).
 * - Everything else (400, 401, 403, 404, 429, a setting, signed out) is a refusal: nothing was stored.
 */
export function meaningOf(error: Pick<ApiErrorDetails, 'kind' | 'status' | 'requestSent'>): FailureMeaning {
  if (error.status !== undefined && error.status >= 500) {
    return 'mayHaveArrived';
  }
  switch (error.kind) {
    case 'server':
    case 'unavailable':
    case 'parse':
    case 'tooLarge':
      return 'mayHaveArrived';
    case 'timeout':
    case 'network':
      return error.requestSent === false ? 'notSent' : 'mayHaveArrived';
    case 'cancelled':
      return error.requestSent === true ? 'mayHaveArrived' : 'notSent';
    case 'http':
      // An unexpected status without a 5xx, or an error of ours while sending: nothing says it did not arrive.
      return error.status !== undefined && error.status < 500 ? 'refused' : 'mayHaveArrived';
    default:
      return 'refused';
  }
}

/** Shorthand for views and the agent tools. */
export function mayHaveArrived(error: Pick<ApiErrorDetails, 'kind' | 'status' | 'requestSent'>): boolean {
  return meaningOf(error) === 'mayHaveArrived';
}
