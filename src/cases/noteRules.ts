// The API's rules for a note (POST /note) checked before sending, and how to tell whether a note whose answer was
// lost (timeout, dropped connection) reached the case anyway (writeDigests.ts), so that it is never sent twice.

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
    problems.push({ field: 'subject', message: 'Enter a subject.' });
  } else if ([...subject].length > NOTE_SUBJECT_MAX) {
    problems.push({ field: 'subject', message: `The subject has ${[...subject].length} characters; at most ${NOTE_SUBJECT_MAX} are allowed.` });
  }
  if (description === '') {
    problems.push({ field: 'description', message: 'Enter a description.' });
  } else if ([...description].length > NOTE_DESCRIPTION_MAX) {
    problems.push({ field: 'description', message: `The description has ${[...description].length} characters; at most ${NOTE_DESCRIPTION_MAX} are allowed.` });
  }
  if (!isEmail(draft.contact)) {
    problems.push({ field: 'contact', message: 'Set a valid contact e-mail (Axway Support: Set Contact E-mail).' });
  }
  problems.push(...checkAttachments(draft.files));
  return problems;
}

/** The attachment rules of a note and of a new case alike: at most 5 files, none empty, none over 20 MB. */
export function checkAttachments(files: readonly { readonly name: string; readonly size: number }[]): { readonly field: 'files'; readonly message: string }[] {
  const problems: { readonly field: 'files'; readonly message: string }[] = [];
  if (files.length > MAX_ATTACHMENTS) {
    problems.push({ field: 'files', message: `${files.length} files are attached; at most ${MAX_ATTACHMENTS} are allowed.` });
  }
  for (const file of files) {
    if (file.size === 0) {
      problems.push({ field: 'files', message: `${file.name} is empty; the API refuses empty files.` });
    } else if (file.size > MAX_ATTACHMENT_BYTES) {
      problems.push({ field: 'files', message: `${file.name} has ${formatSize(file.size)}; at most ${formatSize(MAX_ATTACHMENT_BYTES)} per file are allowed.` });
    }
  }
  return problems;
}

// Re-exported: the write path and the tests find a note whose answer was lost through the note rules.
export { findNoteByDigest, findSentNote, noteDigest } from './writeDigests';
