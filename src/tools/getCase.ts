// get case: one GET /case/{number}, every field, the notes newest first within a size budget (the result says how
// many were left out), attachments and the portal URL.

import * as l10n from '@vscode/l10n';
import type { Attachment, CaseDetail, Note, Person } from '../api/types';
import { isTypedCaseNumber } from '../cases/caseRef';
import { chooseAccounts } from './accounts';
import type { ToolHandler } from './catalogue';
import { accountPhrase, apiError, failure, success } from './output';
import { GET_CASE } from './specs';
import type { ToolHost, ToolOutput } from './types';

export interface GetCaseInput {
  readonly caseNumber: string;
  readonly account?: string;
}

/** Characters of the description kept; the rest is cut (a case description can be as long as the API allows). */
export const DESCRIPTION_BUDGET = 8_000;
/** Characters of note text (subjects and descriptions) kept, newest notes first. */
export const NOTES_BUDGET = 16_000;

export function getCaseTool(host: ToolHost): ToolHandler<GetCaseInput> {
  return {
    spec: GET_CASE,
    prepare: (input) => Promise.resolve({ kind: 'read', invocationMessage: l10n.t('Reading Axway Support case {0}', input.caseNumber.trim()) }),
    async run(input, signal) {
      const caseNumber = input.caseNumber.trim();
      if (!isTypedCaseNumber(caseNumber)) {
        return badNumber(GET_CASE.name);
      }
      const choice = await chooseAccounts(host, input.account, false);
      if (!choice.ok) {
        return failure(GET_CASE.name, `Case ${caseNumber} was not read.`, choice.error);
      }
      const account = choice.accounts[0];
      let detail: CaseDetail;
      try {
        detail = await (await host.api(account.id)).getCase(caseNumber, signal);
      } catch (err) {
        return failure(GET_CASE.name, `Case ${caseNumber} could not be read (${accountPhrase(account)}).`, apiError(err), account);
      }
      const data = caseData(detail, host.portalUrl(caseNumber));
      const left = data.notesLeftOut > 0 ? ` ${data.notesLeftOut} older note${data.notesLeftOut === 1 ? ' was' : 's were'} left out to keep the answer short.` : '';
      return success(GET_CASE.name, `Case ${caseNumber} (${accountPhrase(account)}): ${detail.notes.length} note${detail.notes.length === 1 ? '' : 's'}, ${detail.attachments.length} attachment${detail.attachments.length === 1 ? '' : 's'}.${left}`, account, data);
    }
  };
}

export function badNumber(tool: string): ToolOutput {
  return failure(tool, 'That is not a case number; nothing was done.', {
    code: 'invalidInput',
    message: 'A case number has only letters, digits and dashes, e.g. "01314580". Find it with axway_support_search_cases.'
  });
}

/** Every field of the case for the model, the API's text kept as it came (it is data). */
export function caseData(detail: CaseDetail, portalUrl: string | undefined) {
  const newestFirst = [...detail.notes].reverse();
  const shown: ReturnType<typeof noteData>[] = [];
  let budget = NOTES_BUDGET;
  for (const note of newestFirst) {
    const size = note.subject.length + note.description.length;
    if (size > budget && shown.length > 0) {
      break;
    }
    // The newest note is always shown, cut to the budget if it alone is larger.
    shown.push(noteData(note, budget));
    budget -= Math.min(size, budget);
  }
  const description = cut(detail.description, DESCRIPTION_BUDGET);
  return {
    caseNumber: detail.caseNumber,
    subject: detail.subject,
    status: detail.status,
    severity: detail.severity,
    type: detail.type,
    createdDate: detail.createdDate ?? null,
    modifiedDate: detail.modifiedDate ?? null,
    closedDate: detail.closedDate ?? null,
    impact: detail.impact ?? null,
    urgency: detail.urgency ?? null,
    environment: detail.environment ?? null,
    targetDate: detail.targetDate ?? null,
    externalNumber: detail.externalNumber ?? null,
    supportAccount: detail.account ? { name: detail.account.name ?? null, supportAccessCode: detail.account.sac ?? null } : null,
    contact: person(detail.contact),
    owner: person(detail.owner),
    product: detail.product
      ? { name: detail.product.name ?? null, version: detail.product.version?.name ?? null, operatingSystem: detail.product.os?.name ?? null, patch: detail.product.patch ?? null }
      : null,
    ccEmails: detail.ccEmails,
    description: description.text,
    ...(description.cut ? { descriptionCut: true } : {}),
    ...(detail.enhancementRequest ? { enhancementRequest: detail.enhancementRequest } : {}),
    ...(detail.extraFields.length > 0 ? { otherFields: detail.extraFields } : {}),
    attachments: detail.attachments.map(attachmentData),
    notesTotal: detail.notes.length,
    notesLeftOut: detail.notes.length - shown.length,
    notes: shown,
    portalUrl: portalUrl ?? null
  };
}

function noteData(note: Note, budget: number) {
  const subject = cut(note.subject, budget);
  const description = cut(note.description, Math.max(0, budget - subject.text.length));
  return {
    subject: subject.text,
    description: description.text,
    ...(subject.cut || description.cut ? { cut: true } : {}),
    addedDate: note.addedDate ?? null,
    createdBy: person(note.createdBy),
    attachments: note.attachments.map(attachmentData)
  };
}

function attachmentData(attachment: Attachment) {
  return { id: attachment.id, name: attachment.name, createdDate: attachment.createdDate ?? null, createdBy: person(attachment.createdBy) };
}

function person(p: Person | undefined): { readonly name: string | null; readonly email: string | null } | null {
  return p ? { name: p.name ?? null, email: p.email ?? null } : null;
}

function cut(text: string, max: number): { readonly text: string; readonly cut: boolean } {
  return text.length <= max ? { text, cut: false } : { text: text.slice(0, max), cut: true };
}
