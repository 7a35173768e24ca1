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
import { writeOutput } from './writeResult';

export interface CloseCaseInput {
  readonly caseNumber: string;
  readonly subject: string;
  readonly description: string;
  readonly account?: string;
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
  return {
    spec: CLOSE_CASE,
    async prepare(input): Promise<Preparation> {
      const close = await ready(input);
      const invocationMessage = l10n.t('Closing Axway Support case {0}', input.caseNumber.trim());
      if (!('contact' in close)) {
        return { kind: 'refused', invocationMessage, output: close };
      }
      return {
        kind: 'write',
        invocationMessage,
        confirmation: {
          title: l10n.t('Close case {0}?', close.caseNumber),
          message: [
            ...noteLines(close),
            l10n.t('Axway Support closes the case with this note. A closed case cannot be reopened from VS Code.')
          ].join('\n')
        }
      };
    },
    async run(input, signal) {
      const close = await ready(input);
      if (!('contact' in close)) {
        return close;
      }
      const { account, caseNumber } = close;
      try {
        const detail = await (await host.api(account.id)).getCase(caseNumber, signal);
        if (isClosedStatus(detail.status)) {
          return success(CLOSE_CASE.name, `Case ${caseNumber} is already closed; nothing was sent.`, account, { outcome: 'alreadyClosed', caseNumber, status: detail.status });
        }
      } catch (err) {
        return failure(CLOSE_CASE.name, `Case ${caseNumber} could not be read, so it was not closed.`, apiError(err), account);
      }
      const result = await host.writes.submit(
        { kind: 'close', account: account.id, caseNumber },
        () => Promise.resolve({ kind: 'close' as const, input: { caseId: caseNumber, subject: close.subject, description: close.description, contact: close.contact } }),
        { signal }
      );
      return writeOutput(
        result,
        { tool: CLOSE_CASE.name, account, done: `Case ${caseNumber} was closed (${accountPhrase(account)})`, notDone: `Case ${caseNumber} was not closed` },
        () => ({ caseNumber, status: result.kind === 'done' ? result.landed.detail?.status ?? null : null })
      );
    }
  };
}
