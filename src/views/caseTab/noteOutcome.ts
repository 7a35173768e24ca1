// What the Add Note form says when a note did not land: a refusal (nothing stored) or an unknown outcome.

import * as l10n from '@vscode/l10n';
import { needsSignIn, type ApiErrorDetails } from '../../api/errors';
import type { NoteStatus } from './renderNoteForm';

/** A clear refusal: nothing was stored, the draft stays, the status says what to do. */
export function refused(error: ApiErrorDetails): NoteStatus {
  const base = { kind: 'error' as const, troubleshootingId: error.troubleshootingId };
  if (error.kind === 'forbidden' && /45 days/i.test(error.message)) {
    return {
      ...base,
      title: l10n.t('This case has been closed for more than 45 days.'),
      message: l10n.t('Axway Support no longer accepts notes on it ({0})', error.message),
      next: l10n.t('Your draft is kept. Open a new case and copy the text into it, or contact Axway Support.')
    };
  }
  if (needsSignIn(error)) {
    return { ...base, title: l10n.t('The note was not sent: sign in first.'), message: error.message, next: l10n.t('Your draft is kept. Sign in (Axway Support: Sign in with service account), then press Add Note again.') };
  }
  switch (error.kind) {
    case 'forbidden':
      return { ...base, title: l10n.t('Axway Support refused the note.'), message: error.message, next: l10n.t('Your draft is kept. Check that this service account may write to the case, then press Add Note again.') };
    case 'badRequest':
      return { ...base, title: l10n.t('The Support API did not accept the note.'), message: error.message, next: l10n.t('Your draft is kept. Correct it and press Add Note again.') };
    case 'rateLimited':
    case 'unavailable':
      return { ...base, title: l10n.t('The Support API is busy or down.'), message: error.message, next: l10n.t('Your draft is kept. Wait a moment, then press Add Note again.') };
    case 'config':
      return { ...base, title: l10n.t('The note was not sent.'), message: error.message, next: l10n.t('Your draft is kept. Correct the setting, then press Add Note again.') };
    default:
      return { ...base, title: l10n.t('The note was not sent.'), message: error.message, next: l10n.t('Your draft is kept. Press Add Note to try again.') };
  }
}

/** The answer was lost and the case could not be read: the marker stays, the next press looks first. */
export function uncertain(error: ApiErrorDetails): NoteStatus {
  return {
    kind: 'error',
    title: l10n.t('The note may or may not have been added.'),
    message: l10n.t('The answer was lost and the case could not be checked: {0}', error.message),
    troubleshootingId: error.troubleshootingId,
    next: l10n.t('Your draft is kept. Press Add Note when the connection is back: the case is checked first and the note is sent again only if it is not there.')
  };
}
