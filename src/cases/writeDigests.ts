// How a write whose answer was lost (timeout, dropped connection) is recognised on the server afterwards, so it is
// never sent twice: a note by its subject and description on its case (notes have no id), a new case by its subject
// among the recent cases (before it has a number), each only when it was stored no earlier than shortly before the
// send started. The digests also name a write in the markers other windows read.

import { createHash } from 'crypto';
import type { CaseSummary, Note } from '../api/types';

/** Clock difference tolerated between this machine and the API when matching an addedDate or a createdDate. */
const CLOCK_SKEW_MS = 10 * 60 * 1000;

/** Stored after the send started (give or take the clock skew); a missing or unreadable date counts as recent. */
function recentSince(dateText: string | undefined, sentAt: number): boolean {
  const at = Date.parse(dateText ?? '');
  return !Number.isFinite(at) || at >= sentAt - CLOCK_SKEW_MS;
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** A note's text as the portal may keep it: line ends unified, runs of spaces and tabs folded, trimmed. */
function normaliseNoteText(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(/[ \t]+/g, ' ').trim();
}

/** A subject as the portal may keep it: every run of white space folded, trimmed. */
function normaliseSubject(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** What identifies a note on its case: its subject and description, whitespace normalised. */
export function noteDigest(note: { readonly subject: string; readonly description: string }): string {
  return sha256(JSON.stringify([normaliseNoteText(note.subject), normaliseNoteText(note.description)]));
}

/** The note the API stored for a draft whose answer never arrived. */
export function findSentNote(notes: readonly Note[], draft: { readonly subject: string; readonly description: string }, sentAt: number): Note | undefined {
  return findNoteByDigest(notes, noteDigest(draft), sentAt);
}

/** findSentNote for a write known only by its digest (a marker left by a window that reloaded). */
export function findNoteByDigest(notes: readonly Note[], digest: string, sentAt: number): Note | undefined {
  return notes.find((note) => recentSince(note.addedDate, sentAt) && noteDigest(note) === digest);
}

/** Every note with this digest stored since `since` (give or take the clock skew), in the case's order. */
export function notesByDigestSince(notes: readonly Note[], digest: string, since: number): Note[] {
  return notes.filter((note) => recentSince(note.addedDate, since) && noteDigest(note) === digest);
}

/** What identifies a new case among the recent ones: its subject, whitespace normalised. */
export function newCaseDigest(subject: string): string {
  return sha256(normaliseSubject(subject));
}

/** The case the API created for a request whose answer never arrived (cases without a created date count as recent). */
export function findCreatedCase(cases: readonly CaseSummary[], subject: string, sentAt: number): CaseSummary | undefined {
  return findCreatedCaseByDigest(cases, newCaseDigest(subject), sentAt);
}

/** findCreatedCase for a write known only by its digest (a marker left by a window that reloaded). */
export function findCreatedCaseByDigest(cases: readonly CaseSummary[], digest: string, sentAt: number): CaseSummary | undefined {
  return cases.find((c) => recentSince(c.createdDate, sentAt) && c.caseNumber !== '' && newCaseDigest(c.subject) === digest);
}

/** Every recent case with this digest created since `since` (give or take the clock skew), in the list's order. */
export function casesByDigestSince(cases: readonly CaseSummary[], digest: string, since: number): CaseSummary[] {
  return cases.filter((c) => recentSince(c.createdDate, since) && c.caseNumber !== '' && newCaseDigest(c.subject) === digest);
}

/**
 * The case number a 500 "partial completion" names. The API layer puts it on the error as `createdCaseNumber`;
 * read defensively because the error may come from the other bundle.
 */
export function createdCaseNumberOf(err: unknown): string | undefined {
  if (typeof err !== 'object' || err === null) {
    return undefined;
  }
  const value = (err as { createdCaseNumber?: unknown }).createdCaseNumber;
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}
