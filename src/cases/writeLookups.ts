// The three writes as the Support API takes them, and how each is found again when its answer was lost: the note on
// its case, the new case among the recent cases, the case's status after a close.

import { createHash } from 'crypto';
import type { CaseDetail, CloseCaseInput, NewCaseInput, Note, NoteInput, SupportApiClient } from '../api/types';
import { isClosedStatus } from './caseStatus';
import { findCreatedCaseByDigest, newCaseDigest } from './newCaseRules';
import { findNoteByDigest, noteDigest } from './noteRules';
import type { WriteKind, WriteRecord } from './writeLedger';

/** Which write: the same identity is the same intent (one flight, one marker, one lock across windows). */
export type WriteIdentity =
  | { readonly kind: 'note'; readonly account: string; readonly caseNumber: string; readonly draftId: string }
  | { readonly kind: 'newCase'; readonly account: string; readonly draftId: string }
  | { readonly kind: 'close'; readonly account: string; readonly caseNumber: string };

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
  const target = identity.kind === 'newCase' ? identity.draftId : identity.kind === 'note' ? `${identity.caseNumber}\u0000${identity.draftId}` : identity.caseNumber;
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
export async function lookUp(api: SupportApiClient, identity: WriteIdentity, record: Pick<WriteRecord, 'kind' | 'sentAt' | 'digest'>, signal?: AbortSignal): Promise<Landed | undefined> {
  const kind: WriteKind = record.kind;
  if (identity.kind === 'newCase' || kind === 'newCase') {
    const list = await api.listCases({ limit: RECENT_CASES, sort: [{ field: 'createdDate', direction: 'desc' }] }, signal);
    const found = findCreatedCaseByDigest(list.cases, record.digest, record.sentAt);
    return found ? { caseNumber: found.caseNumber } : undefined;
  }
  const detail = await api.getCase(identity.caseNumber, signal);
  if (identity.kind === 'close') {
    return isClosedStatus(detail.status) ? { caseNumber: identity.caseNumber, detail } : undefined;
  }
  const note = findNoteByDigest(detail.notes, record.digest, record.sentAt);
  return note ? { caseNumber: identity.caseNumber, detail, note } : undefined;
}
