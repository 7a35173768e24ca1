// The sends of one write intent and of its deliberate repeats, as their markers tell them (kept 30 days). A write
// is known by its identity, so a second write of the same identity finds the first one's marker and sends nothing.
// Sending the same thing again on purpose (a note twice, a reopened case closed again) needs an identity of its own,
// derived from the send it repeats: a retry of that repeat is then itself one intent, deduplicated like any write, in
// this window and across windows, and its lost answer is looked up like any other. The agent tools (tools/repeats.ts)
// and Close Case in the UI (commands/caseActions.ts) both follow this chain.

import { createHash } from 'crypto';
import type { SentMarker } from './caseWrites';
import type { RepeatedWrites } from './writeLedger';
import { writeKey, type WriteIdentity } from './writeLookups';

/** One send of an intent, as its marker tells it. */
export interface SentWrite extends SentMarker {
  readonly identity: WriteIdentity;
  /** What names this send (to a model, and back in a tool's `repeatOf`): its time, in ISO 8601 UTC. */
  readonly sentId: string;
}

/** Where the markers are read (CaseWrites, or the agent tools' view of it). */
export interface SentMarkers {
  marker(identity: WriteIdentity): Promise<SentMarker | undefined>;
}

/** How far back a chain of repeats is followed (each step is one small file read). */
const MAX_SENDS = 100;

/** A stable id for an intent made of these parts (a draftId): the same parts always give the same id. */
export function intentId(kind: string, parts: readonly unknown[]): string {
  return `agent-${createHash('sha256').update(JSON.stringify([kind, ...parts])).digest('hex').slice(0, 32)}`;
}

export function sentIdOf(sentAt: number): string {
  return new Date(sentAt).toISOString();
}

/**
 * The identity of the repeat of the send `sent` (with its sentId): derived from that send's own identity, so each link
 * of the chain differs even when two sends carry the same time (a clock set back).
 */
export function repeatIdentity(sent: WriteIdentity, sentId: string): WriteIdentity {
  return { ...sent, draftId: intentId('repeat', [writeKey(sent), sentId]) };
}

/** The sends of `base` and its repeats, oldest first; the chain ends at the first one not known to be on the server. */
export async function sendsOf(writes: SentMarkers, base: WriteIdentity): Promise<SentWrite[]> {
  const sends: SentWrite[] = [];
  let identity = base;
  while (sends.length < MAX_SENDS) {
    const marker = await writes.marker(identity);
    if (!marker) {
      break;
    }
    const sentId = sentIdOf(marker.sentAt);
    sends.push({ ...marker, identity, sentId });
    if (marker.state !== 'committed') {
      break;
    }
    identity = repeatIdentity(identity, sentId);
  }
  return sends;
}

/** What the next write of an intent is, given its sends (sendsOf). */
export type NextSend =
  /** Never sent: the intent itself. */
  | { readonly kind: 'first'; readonly identity: WriteIdentity }
  /** The newest send's outcome is unknown: submitting it again looks that up (as its marker says) before sending. */
  | { readonly kind: 'pending'; readonly identity: WriteIdentity }
  /** Every send is on the server: sending again is a repeat of the newest one, `of`. */
  | { readonly kind: 'repeat'; readonly identity: WriteIdentity; readonly of: SentWrite; readonly repeats: RepeatedWrites };

export function nextSend(base: WriteIdentity, sends: readonly SentWrite[]): NextSend {
  const newest = sends[sends.length - 1];
  if (!newest) {
    return { kind: 'first', identity: base };
  }
  if (newest.state !== 'committed') {
    return { kind: 'pending', identity: newest.identity };
  }
  return { kind: 'repeat', identity: repeatIdentity(newest.identity, newest.sentId), of: newest, repeats: { since: sends[0].sentAt, count: sends.length } };
}

/** What the person reads about a send: local time, to the second, in a form every language reads the same. */
export function sentTime(sentAt: number): string {
  const d = new Date(sentAt);
  const two = (n: number): string => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())} ${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}`;
}
