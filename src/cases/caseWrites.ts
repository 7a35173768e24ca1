// The one write path: Add Note, New Case and Close Case are sent here, and only here, so that a write is never
// sent twice and never silently lost.
//
// - Single flight per intent (writeKey): claimed synchronously, before any await, in this window; and with a lock
//   file (writeLedger.ts) across windows. A second press, Enter plus a click, or the same draft in another window
//   gets 'busy'.
// - A marker ("pending") is written before the first byte is sent and kept until the outcome is known. A later
//   submit of the same intent (after a reload, in another window) looks the write up before sending anything.
// - One rule for a failure (writeOutcome.ts): refused → safe to send again; may have arrived → looked up first.
// - The draft is the caller's; it is cleared (drafts.cleared) only once the write is known to be on the server.
// - Every write has an AbortSignal: cancel(), the account signing out and dispose() abort it.
// vscode-free: unit-tested in plain Node over HTTP against the fake Support API.

import * as l10n from '@vscode/l10n';
import { toDetails, type ApiErrorDetails } from '../api/errors';
import type { Logger, SupportApiClient } from '../api/types';
import { meaningOf } from './writeOutcome';
import type { RepeatedWrites, WriteLedger, WriteLock, WriteRecord } from './writeLedger';
import { digestOf, Landed, lookUp, send, writeKey, type WriteIdentity, type WriteRequest } from './writeLookups';

export type { WriteIdentity, WriteRequest, Landed } from './writeLookups';

export type WriteResult =
  /** The same intent is being sent in this window, or in another one. Nothing was done. */
  | { readonly kind: 'busy'; readonly where: 'here' | 'otherWindow' }
  /** prepare() gave nothing to send (the form said why). */
  | { readonly kind: 'stopped' }
  /**
   * The write is on the server. confirmed: the API said so; found: its answer was lost and it was looked up;
   * earlier: an earlier send (before a reload, or another window) had already landed.
   */
  | { readonly kind: 'done'; readonly how: 'confirmed' | 'found' | 'earlier'; readonly landed: Landed; readonly sentAt?: number }
  /** A new case was created, but not everything (its files) was stored: it exists, do not create it again. */
  | { readonly kind: 'partial'; readonly caseNumber: string; readonly error: ApiErrorDetails }
  /**
   * Not on the server: refused (a clear refusal), notSent (the request never left, or was cancelled before its last
   * byte), notFound (the answer was lost, and the write was looked up and is not there). Sending again is safe.
   */
  | { readonly kind: 'notDone'; readonly why: 'refused' | 'notSent' | 'notFound'; readonly error: ApiErrorDetails }
  /** The answer was lost and the look-up failed too: the marker stays, the next submit looks again first. */
  | { readonly kind: 'unknown'; readonly error: ApiErrorDetails; readonly lookupError: ApiErrorDetails }
  /** This window went away (dispose) in the middle: nothing more was done here. */
  | { readonly kind: 'abandoned' };

export type WritePhase = 'checking' | 'sending' | 'lookingUp';

export interface SubmitOptions {
  /** Told when the write moves on: checking an earlier send, sending, looking up a lost answer. */
  readonly onPhase?: (phase: WritePhase) => void;
  /** A cancel from outside (a progress notification's Cancel). */
  readonly signal?: AbortSignal;
  /** This write deliberately repeats earlier ones of the same text (kept in its marker for the look-up). */
  readonly repeats?: RepeatedWrites;
}

/** What an earlier send of an intent left behind, as the agent tools show it. */
export interface SentMarker {
  /** pending: sent, outcome unknown (the next submit looks it up). committed: on the server. */
  readonly state: 'pending' | 'committed';
  /** When it was sent (ms since epoch). */
  readonly sentAt: number;
  /** The case it is on (the new case's number), when known. */
  readonly caseNumber?: string;
}

export interface CaseWritesDeps {
  /** The Support API as the given account: a write is only ever sent with its own account's token. */
  readonly api: (account: string) => Promise<SupportApiClient>;
  readonly ledger: WriteLedger;
  /** Clears the draft of a write that is on the server (never called otherwise). */
  readonly cleared: (identity: WriteIdentity, landed: Landed) => Promise<void>;
  readonly logger: Logger;
  readonly now?: () => number;
}

interface Flight {
  readonly identity: WriteIdentity;
  readonly controller: AbortController;
}

/** Thrown by alive() to end a write of a window that went away. */
class Abandoned extends Error {}

export class CaseWrites {
  private readonly flights = new Map<string, Flight>();
  private readonly now: () => number;
  private disposed = false;

  constructor(private readonly deps: CaseWritesDeps) {
    this.now = deps.now ?? Date.now;
  }

  /** Whether this intent is being sent (or looked up) in this window. */
  isBusy(identity: WriteIdentity): boolean {
    return this.flights.has(writeKey(identity));
  }

  /**
   * Sends a write once: `prepare` runs after the intent was claimed and an earlier send was looked up, and gives
   * the request (or undefined to stop). Never rejects.
   */
  submit(identity: WriteIdentity, prepare: (signal: AbortSignal) => Promise<WriteRequest | undefined>, options: SubmitOptions = {}): Promise<WriteResult> {
    // The claim: no await between the check and the set, so a second call in the same tick already sees it.
    const flight = this.claim(identity, options.signal);
    if (!flight) {
      return Promise.resolve({ kind: 'busy', where: 'here' });
    }
    return this.run(flight, prepare, options).finally(() => this.flights.delete(writeKey(identity)));
  }

  /** Looks up an earlier send of this intent whose outcome is unknown (after a reload), sending nothing. */
  recover(identity: WriteIdentity, options: SubmitOptions = {}): Promise<WriteResult | undefined> {
    const flight = this.claim(identity, options.signal);
    if (!flight) {
      return Promise.resolve({ kind: 'busy', where: 'here' });
    }
    return this.locked(flight, async (key) => (await this.earlier(flight, key, options)) ?? undefined).finally(() => this.flights.delete(writeKey(identity)));
  }

  /** Whether an earlier send of this intent left a marker (pending: outcome unknown). */
  async pending(identity: WriteIdentity): Promise<boolean> {
    return (await this.deps.ledger.read(writeKey(identity)).catch(() => undefined))?.state === 'pending';
  }

  /** The marker an earlier send of this intent left (kept 30 days), or undefined; a disk failure reads as none. */
  async marker(identity: WriteIdentity): Promise<SentMarker | undefined> {
    const record = await this.deps.ledger.read(writeKey(identity)).catch(() => undefined);
    return record ? { state: record.state, sentAt: record.sentAt, ...(record.caseNumber !== undefined ? { caseNumber: record.caseNumber } : {}) } : undefined;
  }

  /** Cancels this intent's write, if it runs here. A cancel after the last byte was sent still looks it up. */
  cancel(identity: WriteIdentity): boolean {
    const flight = this.flights.get(writeKey(identity));
    flight?.controller.abort();
    return flight !== undefined;
  }

  /** The account signed out: its writes stop. */
  cancelAccount(account: string): number {
    const flights = [...this.flights.values()].filter((f) => f.identity.account === account);
    flights.forEach((f) => f.controller.abort());
    return flights.length;
  }

  /** Accounts were signed out (here or in another window): the writes of every account not in `signedIn` stop. */
  cancelSignedOut(signedIn: ReadonlySet<string>): number {
    const accounts = new Set([...this.flights.values()].map((f) => f.identity.account).filter((a) => !signedIn.has(a)));
    return [...accounts].reduce((sum, account) => sum + this.cancelAccount(account), 0);
  }

  /** The window goes away: writes stop where they are; their markers stay for the next window to look up. */
  dispose(): void {
    this.disposed = true;
    for (const flight of this.flights.values()) {
      flight.controller.abort();
    }
  }

  private claim(identity: WriteIdentity, signal: AbortSignal | undefined): Flight | undefined {
    const key = writeKey(identity);
    if (this.flights.has(key) || this.disposed) {
      return undefined;
    }
    const flight: Flight = { identity, controller: new AbortController() };
    this.flights.set(key, flight);
    if (signal?.aborted) {
      flight.controller.abort();
    }
    signal?.addEventListener('abort', () => flight.controller.abort(), { once: true });
    return flight;
  }

  private async run(flight: Flight, prepare: (signal: AbortSignal) => Promise<WriteRequest | undefined>, options: SubmitOptions): Promise<WriteResult> {
    return this.locked(flight, async (key) => {
      const before = await this.earlier(flight, key, options);
      if (before !== undefined && before.kind !== 'notDone') {
        return before;
      }
      const request = await prepare(flight.controller.signal);
      this.alive();
      if (request === undefined) {
        return { kind: 'stopped' };
      }
      if (request.kind !== flight.identity.kind) {
        throw new Error(`A ${request.kind} was prepared for a ${flight.identity.kind}.`);
      }
      if (flight.controller.signal.aborted) {
        return { kind: 'notDone', why: 'notSent', error: { kind: 'cancelled', message: l10n.t('The request was cancelled.'), requestSent: false } };
      }
      const record: WriteRecord = { state: 'pending', kind: request.kind, sentAt: this.now(), digest: digestOf(request), ...(options.repeats ? { repeats: options.repeats } : {}) };
      // The marker is on disk before the first byte leaves: a reload from here on looks the write up first.
      await this.deps.ledger.write(key, record);
      options.onPhase?.('sending');
      let landed: Landed;
      try {
        landed = await send(await this.deps.api(flight.identity.account), request, flight.controller.signal);
      } catch (err) {
        this.alive();
        return this.failed(flight, key, record, toDetails(err), options);
      }
      this.alive();
      return this.landed(flight.identity, key, record, landed, 'confirmed');
    });
  }

  /** Runs `body` holding the intent's lock across windows; 'busy' when another window holds it. */
  private async locked<T extends WriteResult | undefined>(flight: Flight, body: (key: string) => Promise<T>): Promise<T | WriteResult> {
    const key = writeKey(flight.identity);
    let lock: WriteLock | undefined;
    try {
      lock = await this.deps.ledger.lock(key);
      this.alive();
      if (!lock) {
        return { kind: 'busy', where: 'otherWindow' };
      }
      return await body(key);
    } catch (err) {
      if (err instanceof Abandoned) {
        return { kind: 'abandoned' };
      }
      // The ledger's disk failed: nothing is known to have been sent, and nothing is sent without a marker.
      const error = toDetails(err);
      this.deps.logger.warn(`A ${flight.identity.kind} write stopped: ${error.message}`);
      return { kind: 'notDone', why: 'notSent', error };
    } finally {
      // A window that went away keeps its lock: the next one takes it over as stale, like after a crash.
      if (lock && !this.disposed) {
        await lock.release().catch(() => undefined);
      }
    }
  }

  /** An earlier send's marker: committed → done; pending → looked up (found, notFound, or still unknown). */
  private async earlier(flight: Flight, key: string, options: SubmitOptions): Promise<WriteResult | undefined> {
    const record = await this.deps.ledger.read(key);
    if (!record) {
      return undefined;
    }
    if (record.state === 'committed') {
      await this.clearDraft(flight.identity, { caseNumber: record.caseNumber });
      return { kind: 'done', how: 'earlier', landed: { caseNumber: record.caseNumber }, sentAt: record.sentAt };
    }
    options.onPhase?.('checking');
    const error: ApiErrorDetails = { kind: 'timeout', message: l10n.t('An earlier send got no answer.') };
    const result = await this.lookUpLost(flight, key, record, error);
    return result.kind === 'done' ? { ...result, how: 'earlier', sentAt: record.sentAt } : result;
  }

  private async failed(flight: Flight, key: string, record: WriteRecord, error: ApiErrorDetails, options: SubmitOptions): Promise<WriteResult> {
    if (error.createdCaseNumber !== undefined) {
      await this.landed(flight.identity, key, record, { caseNumber: error.createdCaseNumber }, 'confirmed');
      return { kind: 'partial', caseNumber: error.createdCaseNumber, error };
    }
    const meaning = meaningOf(error);
    this.deps.logger.warn(`A ${flight.identity.kind} write failed (${error.kind}${error.status !== undefined ? ` ${error.status}` : ''}): ${meaning}.`);
    if (meaning !== 'mayHaveArrived') {
      await this.deps.ledger.remove(key);
      return { kind: 'notDone', why: meaning, error };
    }
    options.onPhase?.('lookingUp');
    return this.lookUpLost(flight, key, record, error);
  }

  /** The write may be on the server: look. Its own signal is not used, so a cancel does not stop the look-up. */
  private async lookUpLost(flight: Flight, key: string, record: WriteRecord, error: ApiErrorDetails): Promise<WriteResult> {
    let found: Landed | undefined;
    try {
      found = await lookUp(await this.deps.api(flight.identity.account), flight.identity, record);
    } catch (err) {
      this.alive();
      const lookupError = toDetails(err);
      this.deps.logger.warn(`Looking up a ${flight.identity.kind} write whose answer was lost failed: ${lookupError.kind}.`);
      return { kind: 'unknown', error, lookupError };
    }
    this.alive();
    if (found) {
      return this.landed(flight.identity, key, record, found, 'found');
    }
    await this.deps.ledger.remove(key);
    return { kind: 'notDone', why: 'notFound', error };
  }

  private async landed(identity: WriteIdentity, key: string, record: WriteRecord, landed: Landed, how: 'confirmed' | 'found'): Promise<WriteResult> {
    // Should the marker not turn 'committed' (a disk error), it stays 'pending': the next submit finds the write.
    await this.commit(key, record, landed.caseNumber).catch((err: unknown) => this.deps.logger.warn(`Marking a write as sent failed: ${toDetails(err).message}`));
    await this.clearDraft(identity, landed);
    return { kind: 'done', how, landed };
  }

  private async commit(key: string, record: WriteRecord, caseNumber: string | undefined): Promise<void> {
    // Kept (not removed) so that the same draft still open in another window is not sent again from there.
    await this.deps.ledger.write(key, { ...record, state: 'committed', ...(caseNumber !== undefined ? { caseNumber } : {}) });
  }

  private async clearDraft(identity: WriteIdentity, landed: Landed): Promise<void> {
    this.alive();
    await this.deps.cleared(identity, landed).catch((err: unknown) => this.deps.logger.warn(`Clearing a sent draft failed: ${toDetails(err).message}`));
  }

  /** After each await: a disposed window does nothing more (as if its process had ended). */
  private alive(): void {
    if (this.disposed) {
      throw new Abandoned('This window went away.');
    }
  }
}
