// The writes on the wire: the request bodies of a note, a closing and a new case (JSON, or the API's multipart form
// with files), and what the API's error answers to a write mean (a case closed too long ago, a case created although
// the answer is an error).
import * as l10n from '@vscode/l10n';
import { ApiError } from './errors';
import type { RequestBody } from './httpTypes';
import { MAX_ATTACHMENT_BYTES, MAX_ATTACHMENTS } from './limits';
import type { NewCaseInput, UploadFile } from './types';

/** JSON without files; with files, the API's multipart form: `initializer` (JSON) then one `attachment` per file. */
export function writeBody(initializer: unknown, files: readonly UploadFile[] | undefined): RequestBody {
  if (files === undefined || files.length === 0) {
    return { kind: 'json', value: initializer };
  }
  if (files.length > MAX_ATTACHMENTS) {
    throw new ApiError({ kind: 'badRequest', message: l10n.t('{0} files are attached; the Support API accepts at most {1}. Remove some and try again.', files.length, MAX_ATTACHMENTS) });
  }
  return {
    kind: 'multipart',
    fileLimits: { maxBytes: MAX_ATTACHMENT_BYTES, refuseEmpty: true },
    parts: [
      { name: 'initializer', value: JSON.stringify(initializer), contentType: 'application/json' },
      ...files.map((file) => ({ name: 'attachment', file: file.path, filename: file.name, contentType: file.contentType ?? 'application/octet-stream' }))
    ]
  };
}

/** The documented create-case body: required fields in the reference's order, optional ones only when set. */
export function newCaseBody(input: NewCaseInput): Record<string, unknown> {
  const product: Record<string, unknown> = { id: input.product.id, os: { id: input.product.os.id }, version: { id: input.product.version.id } };
  if (input.product.patch !== undefined && input.product.patch !== '') {
    product.patch = input.product.patch;
  }
  const body: Record<string, unknown> = {
    sac: input.sac,
    contact: input.contact,
    subject: input.subject,
    description: input.description,
    product,
    environment: input.environment,
    impact: input.impact,
    urgency: input.urgency
  };
  if (input.type !== undefined && input.type !== '') {
    body.type = input.type;
  }
  if (input.targetDate !== undefined && input.targetDate !== '') {
    body.targetDate = input.targetDate;
  }
  if (input.ccEmails !== undefined && input.ccEmails.length > 0) {
    body.ccEmails = [...input.ccEmails];
  }
  return body;
}

/** The add-note business rule of the API: a case closed for more than 45 days takes no more notes. */
export function isClosedTooLong(message: string | undefined): boolean {
  return message !== undefined && /45\s*days/i.test(message);
}

export function closedTooLongError(error: ApiError, caseId: string): ApiError {
  return new ApiError({
    ...error,
    message: l10n.t('Case {0} was closed more than 45 days ago, so notes can no longer be added to it. Open a new case and mention case {0} in it.', caseId)
  });
}

/**
 * The number of the case a failed POST /case says it created ("Case 01400123 was created, but …"), if any. Only a
 * message that says "created" counts: an error naming some other case must not make the caller think one exists.
 */
export function createdCaseNumberOf(message: string | undefined): string | undefined {
  if (message === undefined || !/\bcreated\b/i.test(message)) {
    return undefined;
  }
  return /\bcase\b(?:\s*(?:number|no\.?|id))?\s*[:#]?\s*['"]?(\d{5,10})\b/i.exec(message)?.[1];
}

export function partialCreationError(error: ApiError, caseNumber: string, serverText: string | undefined): ApiError {
  return new ApiError({
    ...error,
    createdCaseNumber: caseNumber,
    message:
      serverText !== undefined
        ? l10n.t('Case {0} was created, but the Support API then reported a failure (HTTP {1}): {2} Open case {0} to check what it contains (for example its attachments) instead of creating it again.', caseNumber, error.status ?? 500, serverText)
        : l10n.t('Case {0} was created, but the Support API then reported a failure (HTTP {1}). Open case {0} to check what it contains (for example its attachments) instead of creating it again.', caseNumber, error.status ?? 500)
  });
}
