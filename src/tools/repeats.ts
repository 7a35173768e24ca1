// Sending the same write again, on purpose. An agent's write is known by what it sends (digest.ts), so an identical
// second call finds the first one's marker and sends nothing: a retry never duplicates. A person who really wants the
// same note (case, close) again says so through the model with `repeatOf`, the `sentId` of the write to repeat, which
// only a result of this tool gives. That names one send exactly, so:
// - the repeat has an identity of its own, derived from the first write and that send: a retry of the repeat (the same
//   input, the same repeatOf) is itself one intent, deduplicated like any write, in this window and across windows;
// - the next repeat needs the repeat's own sentId, so no input that was already answered can send again, and every
//   send is confirmed by the person with a text that says plainly it repeats what was sent at that time.
// A boolean flag could not tell a retry of a repeat from a wish for one more, so it would either duplicate or block.

import * as l10n from '@vscode/l10n';
import type { RepeatedWrites } from '../cases/writeLedger';
import type { WriteIdentity } from '../cases/writeLookups';
import { repeatIdentity, sendsOf, sentTime, type SentWrite } from '../cases/writeRepeats';
import { failure, success } from './output';
import type { ToolAccount, ToolOutput, ToolWrites } from './types';

// The chain of sends lives in cases/ (Close Case in the UI follows it too); the tools' modules keep importing it here.
export { repeatIdentity, sendsOf, sentIdOf, sentTime, type SentWrite } from '../cases/writeRepeats';

/** What a write call amounts to, given the sends before it. */
export type Intent =
  /** Never sent (or sent with an unknown outcome: the write path looks that up before sending anything). */
  | { readonly kind: 'send'; readonly identity: WriteIdentity }
  /** Already on the server: answered without sending. `latest` is the newest send of the same text. */
  | { readonly kind: 'alreadySent'; readonly first: SentWrite; readonly latest: SentWrite; readonly times: number }
  /** A repeat the person is asked to confirm: `of` is the send it repeats. */
  | { readonly kind: 'repeat'; readonly identity: WriteIdentity; readonly of: SentWrite; readonly repeats: RepeatedWrites }
  /** `repeatOf` names no send of this exact write. */
  | { readonly kind: 'unknownRepeat'; readonly latest?: SentWrite };

/** A call that sends: for the first time, or as a repeat the person confirms. */
export type SendIntent = Extract<Intent, { readonly kind: 'send' | 'repeat' }>;

/** What a call with this base identity (and `repeatOf`, if given) should do now. */
export async function intentOf(writes: ToolWrites, base: WriteIdentity, repeatOf: string | undefined): Promise<Intent> {
  const done = (await sendsOf(writes, base)).filter((s) => s.state === 'committed');
  const latest = done.length > 0 ? done[done.length - 1] : undefined;
  if (repeatOf === undefined) {
    return latest ? { kind: 'alreadySent', first: done[0], latest, times: done.length } : { kind: 'send', identity: base };
  }
  // From the newest: should two sends share a time, the newest one is the one a result named last.
  const index = done.map((s) => s.sentId).lastIndexOf(repeatOf.trim());
  if (index < 0 || !latest) {
    return { kind: 'unknownRepeat', ...(latest ? { latest } : {}) };
  }
  if (index < done.length - 1) {
    // That send was already repeated: this call is a retry of a repeat that is on the server.
    return { kind: 'alreadySent', first: done[0], latest, times: done.length };
  }
  return { kind: 'repeat', identity: repeatIdentity(latest.identity, latest.sentId), of: latest, repeats: { since: done[0].sentAt, count: done.length } };
}

/** The line a repeat's confirmation starts with: plainly, this sends again what was already sent. */
export function repeatWarning(kind: WriteIdentity['kind'], of: SentWrite, caseNumber: string | undefined): string {
  const when = sentTime(of.sentAt);
  switch (kind) {
    case 'note':
      return l10n.t('This exactly repeats a note already added to case {0} at {1}. Confirm only if it should be added again: the case will show it twice.', caseNumber ?? '', when);
    case 'newCase':
      return l10n.t('This exactly repeats a case already created at {0} (case {1}). Confirm only if a second, separate case should be created.', when, of.caseNumber ?? '?');
    case 'close':
      return l10n.t('This exactly repeats a close of case {0} already sent at {1}. Confirm only if the case was reopened and should be closed again.', caseNumber ?? '', when);
  }
}

export interface RepeatWords {
  readonly tool: string;
  readonly account: ToolAccount;
  /** "This note was already added to case 01314580", "This case was already created as case 01314581". */
  readonly already: (latest: SentWrite) => string;
  /** What the write is about, as the tool's other answers carry it under data. */
  readonly data: (latest: SentWrite) => Record<string, unknown>;
}

/** For the model: the one way to send the same write again, and that the person confirms it. */
export function repeatHint(sentId: string): string {
  return `Only if the person says they want it sent once more, call again with the same input and "repeatOf": "${sentId}"; they will be asked to confirm the repeat.`;
}

/** The answer to a call that was already sent: when, what it created, and how the person can have it sent again. */
export function alreadySentOutput(intent: Extract<Intent, { kind: 'alreadySent' }>, words: RepeatWords): ToolOutput {
  const { latest } = intent;
  return success(
    words.tool,
    `${words.already(latest)} at ${latest.sentId}${intent.times > 1 ? ` (sent ${intent.times} times, first at ${intent.first.sentId})` : ''}: the same request was already sent, so it was not sent again. ` +
      repeatHint(latest.sentId),
    words.account,
    { outcome: 'earlier', ...words.data(latest), sentAt: latest.sentId, timesSent: intent.times, sentId: latest.sentId }
  );
}

/** The answer to a repeatOf that names no send of this exact write. */
export function unknownRepeatOutput(intent: Extract<Intent, { kind: 'unknownRepeat' }>, tool: string, nothing: string, account: ToolAccount): ToolOutput {
  const message = intent.latest
    ? `"repeatOf" must be the sentId of the newest send of exactly this input, as a result gave it: "${intent.latest.sentId}". Check that the input is unchanged.`
    : 'No send of exactly this input is known, so there is nothing to repeat. Call without "repeatOf" to send it (the person confirms it first).';
  return failure(tool, `${nothing} "repeatOf" names no earlier send of this exact write.`, { code: 'unknownRepeat', message }, account);
}
