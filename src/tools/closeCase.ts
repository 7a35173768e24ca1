// close case: reads the case first (as Close Case in the UI does: a closed case is not closed again), then the close
// through the one write path, with the closing note the person confirmed.

import * as l10n from '@vscode/l10n';
import { isClosedStatus } from '../cases/caseStatus';
import { isTypedCaseNumber } from '../cases/caseRef';
import { noteLines } from './addNote';
import type { ToolHandler } from './catalogue';
import { senderOf } from './contact';
import { badNumber } from './getCase';
import { accountPhrase, apiError, failure, success } from './output';
import { CLOSE_CASE } from './specs';
import type { Preparation, ToolAccount, ToolHost, ToolOutput } from './types';
import { alreadySentOutput, intentOf, repeatWarning, unknownRepeatOutput, type SendIntent } from './repeats';
import { writeOutput } from './writeResult';

export interface CloseCaseInput {
  readonly caseNumber: string;
  readonly subject: string;
  readonly description: string;
  readonly account?: string;
  /** The sentId of the close to repeat (repeats.ts): only for a case that was reopened and should be closed again. */
  readonly repeatOf?: string;
}

interface ReadyClose {
  readonly account: ToolAccount;
  readonly caseNumber: string;
  readonly subject: string;
  readonly description: string;
  readonly contact: string;
}

export function closeCaseTool(host: ToolHost): ToolHandler<CloseCaseInput> {
  const ready = async (input: CloseCaseInput): Promise<ReadyClose | ToolOutput> => {
    const caseNumber = input.caseNumber.trim();
    if (!isTypedCaseNumber(caseNumber)) {
      return badNumber(CLOSE_CASE.name);
    }
    const nothing = `Case ${caseNumber} was not closed.`;
    const sender = await senderOf(host, CLOSE_CASE.name, input.account, nothing);
    if (!sender.ok) {
      return sender.output;
    }
    const { account, contact } = sender;
    return { account, caseNumber, subject: input.subject.trim(), description: input.description.trim(), contact };
  };
  /** The close and what it amounts to given earlier closes of the case: a first close, already sent, or a repeat. */
  const planned = async (input: CloseCaseInput, signal?: AbortSignal): Promise<{ readonly close: ReadyClose; readonly intent: SendIntent } | ToolOutput> => {
    const close = await ready(input);
    if (!('contact' in close)) {
      return close;
    }
    // A case is closed once: the identity is the case, whatever the closing note says (as Close Case in the UI).
    const intent = await intentOf(host.writes, { kind: 'close', account: close.account.id, caseNumber: close.caseNumber }, input.repeatOf);
    switch (intent.kind) {
      case 'alreadySent': {
        // Closed is the usual answer; open again means it was reopened since, and only then is a repeat offered.
        const { account, caseNumber } = close;
        let status: string;
        try {
          status = (await (await host.api(account.id)).getCase(caseNumber, signal)).status;
        } catch (err) {
          return failure(CLOSE_CASE.name, `Case ${caseNumber} could not be read, so it was not closed.`, apiError(err), account);
        }
        if (isClosedStatus(status)) {
          return alreadyClosed(account, caseNumber, status);
        }
        return alreadySentOutput(intent, {
          tool: CLOSE_CASE.name,
          account,
          already: () => `Case ${caseNumber} is open again (its status reads as shown under data), but a close was already sent from VS Code (${accountPhrase(account)})`,
          data: () => ({ caseNumber, status })
        });
      }
      case 'unknownRepeat':
        return unknownRepeatOutput(intent, CLOSE_CASE.name, `Case ${close.caseNumber} was not closed.`, close.account);
      default:
        return { close, intent };
    }
  };
  return {
    spec: CLOSE_CASE,
    async prepare(input, signal): Promise<Preparation> {
      const plan = await planned(input, signal);
      const invocationMessage = l10n.t('Closing Axway Support case {0}', input.caseNumber.trim());
      if (!('intent' in plan)) {
        return { kind: 'refused', invocationMessage, output: plan };
      }
      const { close, intent } = plan;
      const repeat = intent.kind === 'repeat';
      return {
        kind: 'write',
        invocationMessage,
        confirmation: {
          title: repeat ? l10n.t('Close case {0} again?', close.caseNumber) : l10n.t('Close case {0}?', close.caseNumber),
          message: [
            ...(repeat ? [repeatWarning('close', intent.of, close.caseNumber)] : []),
            ...noteLines(close),
            l10n.t('Axway Support closes the case with this note. A closed case cannot be reopened from VS Code.')
          ].join('\n')
        }
      };
    },
    async run(input, signal) {
      const plan = await planned(input, signal);
      if (!('intent' in plan)) {
        return plan;
      }
      const { close, intent } = plan;
      const { account, caseNumber } = close;
      try {
        const detail = await (await host.api(account.id)).getCase(caseNumber, signal);
        if (isClosedStatus(detail.status)) {
          return alreadyClosed(account, caseNumber, detail.status);
        }
      } catch (err) {
        return failure(CLOSE_CASE.name, `Case ${caseNumber} could not be read, so it was not closed.`, apiError(err), account);
      }
      const result = await host.writes.submit(
        intent.identity,
        () => Promise.resolve({ kind: 'close' as const, input: { caseId: caseNumber, subject: close.subject, description: close.description, contact: close.contact } }),
        { signal, ...(intent.kind === 'repeat' ? { repeats: intent.repeats } : {}) }
      );
      return writeOutput(
        result,
        { tool: CLOSE_CASE.name, account, done: `Case ${caseNumber} was closed (${accountPhrase(account)})`, notDone: `Case ${caseNumber} was not closed` },
        () => ({ caseNumber, status: result.kind === 'done' ? result.landed.detail?.status ?? null : null })
      );
    }
  };
}

function alreadyClosed(account: ToolAccount, caseNumber: string, status: string): ToolOutput {
  return success(CLOSE_CASE.name, `Case ${caseNumber} is already closed; nothing was sent.`, account, { outcome: 'alreadyClosed', caseNumber, status });
}
