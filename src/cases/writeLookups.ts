// The three writes as the Support API takes them, and how each is found again when its answer was lost: the note on
// its case, the new case among the recent cases, the case's status after a close.

import { createHash } from 'crypto';
import type { CaseDetail, CloseCaseInput, NewCaseInput, Note, NoteInput, SupportApiClient } from '../api/types';
import { isClosedStatus } from './caseStatus';
import { findCreatedCaseByDigest, newCaseDigest } from './newCaseRules';
import { findNoteByDigest, noteDigest } from './noteRules';
import { casesByDigestSince, notesByDigestSince } from './writeDigests';
import type { WriteKind, WriteRecord } from './writeLedger';

/** Which write: the same identity is the same intent (one flight, one marker, one lock across windows). */
export type WriteIdentity =
  | { readonly kind: 'note'; readonly account: string; readonly caseNumber: string; readonly draftId: string }
  | { readonly kind: 'newCase'; readonly account: string; readonly draftId: string }
  /** draftId: only a close the person asked to repeat (the agent tools); the first close of a case has none. */
  | { readonly kind: 'close'; readonly account: string; readonly caseNumber: string; readonly draftId?: string };

/** What is sent, once the form's checks passed. */
export type WriteRequest =
  | { readonly kind: 'note'; readonly input: NoteInput }
  | { readonly kind: 'newCase'; readonly input: NewCaseInput }
  | { readonly kind: 'close'; readonly input: CloseCaseInput };

/** What the API answered, or what was found of the write. */
export interface Landed {
  /** The case the write is on (the new case's number). */
  readonly caseNumber?: string;
  /** The case as answered (new case, close), when the API answered. */
  readonly detail?: CaseDetail;
  /** The note found on the case. */
  readonly note?: Note;
}

export function writeKey(identity: WriteIdentity): string {
  // A first close has no draftId, so its key is what it always was (markers written before repeats still match).
  const target =
    identity.kind === 'newCase' ? identity.draftId : identity.draftId === undefined ? identity.caseNumber : `${identity.caseNumber}\u0000${identity.draftId}`;
  return createHash('sha256').update(JSON.stringify([identity.kind, identity.account, target])).digest('hex').slice(0, 40);
}

export function digestOf(request: WriteRequest): string {
  switch (request.kind) {
    case 'note':
      return noteDigest(request.input);
    case 'newCase':
      return newCaseDigest(request.input.subject);
    case 'close':
      return noteDigest(request.input);
  }
}

/** Sends the write; resolves with what the API answered. */
export async function send(api: SupportApiClient, request: WriteRequest, signal: AbortSignal): Promise<Landed> {
  switch (request.kind) {
    case 'note':
      await api.addNote(request.input, signal);
      return { caseNumber: request.input.caseId };
    case 'newCase': {
      const detail = await api.createCase(request.input, signal);
      return { caseNumber: detail.caseNumber, detail };
    }
    case 'close': {
      const detail = await api.closeCase(request.input, signal);
      return { caseNumber: request.input.caseId, detail };
    }
  }
}

/** How many recent cases are searched for a new case whose answer was lost. */
const RECENT_CASES = 20;

/** Looks for a write of `record` on the server: what was found, or undefined. API failures reject. */
export async function lookUp(api: SupportApiClient, identity: WriteIdentity, record: Pick<WriteRecord, 'kind' | 'sentAt' | 'digest' | 'repeats'>, signal?: AbortSignal): Promise<Landed | undefined> {
  const kind: WriteKind = record.kind;
  const { repeats } = record;
  if (identity.kind === 'newCase' || kind === 'newCase') {
    const list = await api.listCases({ limit: RECENT_CASES, sort: [{ field: 'createdDate', direction: 'desc' }] }, signal);
    // A repeat is on the server only when one more case matches than were created before it (the newest is it).
    const found = repeats
      ? oneMore(casesByDigestSince(list.cases, record.digest, repeats.since), repeats.count)
      : findCreatedCaseByDigest(list.cases, record.digest, record.sentAt);
    return found ? { caseNumber: found.caseNumber } : undefined;
  }
  const detail = await api.getCase(identity.caseNumber, signal);
  if (identity.kind === 'close') {
    return isClosedStatus(detail.status) ? { caseNumber: identity.caseNumber, detail } : undefined;
  }
  // Notes come oldest first: the newest match is the repeat, once there is one more than before it.
  const note = repeats ? oneMore([...notesByDigestSince(detail.notes, record.digest, repeats.since)].reverse(), repeats.count) : findNoteByDigest(detail.notes, record.digest, record.sentAt);
  return note ? { caseNumber: identity.caseNumber, detail, note } : undefined;
}

/** The newest of `matches` (newest first) when there are more than the `count` earlier writes, else none. */
function oneMore<T>(matches: readonly T[], count: number): T | undefined {
  return matches.length > count ? matches[0] : undefined;
}
