// The API's rules for a note (POST /note) checked before sending, and how to tell whether a note whose answer was
// lost (timeout, dropped connection) reached the case anyway (writeDigests.ts), so that it is never sent twice.

import * as l10n from '@vscode/l10n';
import { isEmail } from '../util/email';
import { formatSize } from '../util/format';

export { isEmail };

export const NOTE_SUBJECT_MAX = 100;
export const NOTE_DESCRIPTION_MAX = 4000;
export const MAX_ATTACHMENTS = 5;
export const MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024;

export interface NoteDraft {
  readonly subject: string;
  readonly description: string;
  readonly contact: string;
  readonly files: readonly { readonly name: string; readonly size: number }[];
}

export type NoteField = 'subject' | 'description' | 'contact' | 'files';

export interface Problem {
  readonly field: NoteField;
  readonly message: string;
}


/** Every rule the API documents for a note, with the field it concerns; empty when the draft can be sent. */
export function checkNote(draft: NoteDraft): Problem[] {
  const problems: Problem[] = [];
  const subject = draft.subject.trim();
  const description = draft.description.trim();
  if (subject === '') {
    problems.push({ field: 'subject', message: l10n.t('Enter a subject.') });
  } else if ([...subject].length > NOTE_SUBJECT_MAX) {
    problems.push({ field: 'subject', message: l10n.t('The subject has {0} characters; at most {1} are allowed.', [...subject].length, NOTE_SUBJECT_MAX) });
  }
  if (description === '') {
    problems.push({ field: 'description', message: l10n.t('Enter a description.') });
  } else if ([...description].length > NOTE_DESCRIPTION_MAX) {
    problems.push({ field: 'description', message: l10n.t('The description has {0} characters; at most {1} are allowed.', [...description].length, NOTE_DESCRIPTION_MAX) });
  }
  if (!isEmail(draft.contact)) {
    problems.push({ field: 'contact', message: l10n.t('Set a valid contact e-mail (Axway Support: Set Contact E-mail).') });
  }
  problems.push(...checkAttachments(draft.files));
  return problems;
}

/** The attachment rules of a note and of a new case alike: at most 5 files, none empty, none over 20 MB. */
export function checkAttachments(files: readonly { readonly name: string; readonly size: number }[]): { readonly field: 'files'; readonly message: string }[] {
  const problems: { readonly field: 'files'; readonly message: string }[] = [];
  if (files.length > MAX_ATTACHMENTS) {
    problems.push({ field: 'files', message: l10n.t('{0} files are attached; at most {1} are allowed.', files.length, MAX_ATTACHMENTS) });
  }
  for (const file of files) {
    if (file.size === 0) {
      problems.push({ field: 'files', message: l10n.t('{0} is empty; the API refuses empty files.', file.name) });
    } else if (file.size > MAX_ATTACHMENT_BYTES) {
      problems.push({ field: 'files', message: l10n.t('{0} has {1}; at most {2} per file are allowed.', file.name, formatSize(file.size), formatSize(MAX_ATTACHMENT_BYTES)) });
    }
  }
  return problems;
}

// Re-exported: the write path and the tests find a note whose answer was lost through the note rules.
export { findNoteByDigest, findSentNote, noteDigest } from './writeDigests';
