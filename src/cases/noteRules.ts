// The API's rules for a note (POST /note) checked before sending, and how to tell whether a note whose answer was
// lost (timeout, dropped connection) reached the case anyway, so that it is never sent twice.

import * as l10n from '@vscode/l10n';
import { createHash } from 'crypto';
import type { Note } from '../api/types';
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

/** Clock difference tolerated between this machine and the API when matching a note's addedDate. */
const CLOCK_SKEW_MS = 10 * 60 * 1000;

/**
 * The note the API stored for a draft whose answer never arrived: same subject and description (whitespace
 * normalised, as the portal may trim), added no earlier than shortly before the send started. Notes have no id.
 */
export function findSentNote(notes: readonly Note[], draft: Pick<NoteDraft, 'subject' | 'description'>, sentAt: number): Note | undefined {
  return findNoteByDigest(notes, noteDigest(draft), sentAt);
}

/** What identifies a note on its case (notes have no id): its subject and description, whitespace normalised. */
export function noteDigest(note: Pick<NoteDraft, 'subject' | 'description'>): string {
  return createHash('sha256').update(JSON.stringify([normalise(note.subject), normalise(note.description)])).digest('hex');
}

/** findSentNote for a write known only by its digest (a marker left by a window that reloaded). */
export function findNoteByDigest(notes: readonly Note[], digest: string, sentAt: number): Note | undefined {
  return notes.find((note) => {
    const added = Date.parse(note.addedDate ?? '');
    const recent = !Number.isFinite(added) || added >= sentAt - CLOCK_SKEW_MS;
    return recent && noteDigest(note) === digest;
  });
}

function normalise(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(/[ \t]+/g, ' ').trim();
}
