// What CaseWrites' answer to Create Case means for the New Support Case form: the text said in the form, or in a
// notification once the case exists (the form then closes and the case opens).

import * as l10n from '@vscode/l10n';
import { ApiError, toDetails, type ApiErrorDetails } from '../../api/errors';
import type { WritePhase, WriteResult } from '../../cases/caseWrites';
import { fieldOfApiMessage, type NewCaseProblem } from '../../cases/newCaseRules';
import { telemetryErrorProps } from '../../telemetry/sanitize';
import type { Telemetry } from '../../telemetry/telemetry';
import type { HostMessage } from '../../webviews/newCase/protocol';

/** How a send ended, for tests and telemetry. */
export type SendOutcome =
  | { readonly kind: 'created'; readonly caseNumber: string }
  | { readonly kind: 'partial'; readonly caseNumber: string; readonly error: ApiErrorDetails }
  /** The answer was lost, but the case was found among the recent cases. */
  | { readonly kind: 'found'; readonly caseNumber: string }
  | { readonly kind: 'invalid'; readonly problems: readonly NewCaseProblem[] }
  | { readonly kind: 'failed'; readonly error: ApiErrorDetails }
  /** Another send is running: this one was ignored. */
  | { readonly kind: 'busy' };

/** What the outcome needs of the panel. */
export interface OutcomeUi {
  post(message: HostMessage): void;
  /** The case exists: say so, forget the draft, open it. Never rejects. */
  confirmed(caseNumber: string, text: string, severity: 'info' | 'warning'): Promise<void>;
  showFailure(error: ApiErrorDetails): void;
}

/** What the write path's answer means for the form, said in the form (or a notification once the case exists). */
export async function settleNewCase(result: WriteResult, ui: OutcomeUi): Promise<SendOutcome> {
  const lostTid = (error: ApiErrorDetails): string => tidText(error);
  const summary = (text: string): void => ui.post({ type: 'problems', scope: 'all', problems: [], summary: text });
  switch (result.kind) {
    case 'done': {
      const caseNumber = result.landed.caseNumber ?? '';
      const text =
        result.how === 'confirmed'
          ? l10n.t('Axway Support: Case {0} was created.', caseNumber)
          : result.how === 'found'
            ? l10n.t("Axway Support: The Support API's answer was lost, but case {0} was created: it was found among your recent cases, and was not created again.", caseNumber)
            : l10n.t('Axway Support: Case {0} was created by an earlier send (before a reload, or in another window); it was not created again.', caseNumber);
      await ui.confirmed(caseNumber, text, 'info');
      return result.how === 'confirmed' ? { kind: 'created', caseNumber } : { kind: 'found', caseNumber };
    }
    case 'partial':
      await ui.confirmed(
        result.caseNumber,
        l10n.t('Axway Support: The case was created as {0}, but not everything succeeded{1}. {2}', result.caseNumber, lostTid(result.error), sentence(result.error.message)),
        'warning'
      );
      return { kind: 'partial', caseNumber: result.caseNumber, error: result.error };
    case 'notDone':
      return notDone(result.why, result.error, ui);
    case 'unknown':
      summary(
        l10n.t(
          '{0} The case may have been created, and checking your recent cases failed too ({1}) Your draft is kept. Press Create Case when the connection is back: your recent cases are checked first, and the case is created only if it is not there.',
          `${sentence(result.error.message)}${lostTid(result.error)}`,
          sentence(result.lookupError.message)
        )
      );
      return { kind: 'failed', error: result.error };
    case 'busy':
      summary(l10n.t('This case is being created from another window. Your draft is kept; that window opens the case once it exists.'));
      return { kind: 'busy' };
    case 'stopped':
    case 'abandoned':
      return { kind: 'busy' };
  }
}

function notDone(why: 'refused' | 'notSent' | 'notFound', error: ApiErrorDetails, ui: OutcomeUi): SendOutcome {
  const tid = tidText(error);
  if (why === 'notFound') {
    ui.post({
      type: 'problems',
      scope: 'all',
      problems: [],
      summary: l10n.t('{0} The case may have been created, so your recent cases were checked: no new case with this subject is among them, so it was not created. Your draft is kept: press Create Case to send it again.', `${sentence(error.message)}${tid}`)
    });
  } else if (error.kind === 'cancelled') {
    ui.post({ type: 'problems', scope: 'all', problems: [], summary: l10n.t('Creating the case was cancelled before it was sent. Your draft is kept.') });
  } else if (error.kind === 'badRequest') {
    // The API's own words name the field; our message around them would name none.
    const apiText = error.apiMessage ?? error.message;
    const field = fieldOfApiMessage(apiText);
    const problems: NewCaseProblem[] = [{ ...(field ? { field } : {}), message: `${sentence(field ? apiText : error.message)}${tid}` }];
    ui.post({ type: 'problems', scope: 'all', problems, summary: field ? l10n.t('The Support API refused the case: see the marked field.{0} Your draft is kept.', tid) : l10n.t('The Support API refused the case.{0} Your draft is kept.', tid) });
  } else {
    ui.showFailure(error);
  }
  return { kind: 'failed', error };
}

export function phaseText(phase: WritePhase, files: number): string {
  switch (phase) {
    case 'sending':
      return files === 0
        ? l10n.t('Creating the case…')
        : files === 1
          ? l10n.t('Creating the case and uploading 1 file…')
          : l10n.t('Creating the case and uploading {0} files…', files);
    case 'checking':
      return l10n.t('An earlier send of this case got no answer. Checking your recent cases first…');
    case 'lookingUp':
      return l10n.t('No answer from the Support API. Checking whether the case was created…');
  }
}

export function sentence(text: string): string {
  const trimmed = text.trim();
  return /[.!?)]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}

/** The form's summary when the case was not created: what happened, the troubleshooting ID, and what to do next. */
export function failureSummary(error: ApiErrorDetails): string {
  const tid = tidText(error);
  const next =
    error.kind === 'notSignedIn' || error.kind === 'credentialsRejected'
      ? l10n.t('Sign in again (Axway Support: Sign in), then create the case.')
      : error.kind === 'forbidden'
        ? l10n.t('Choose another account, or ask your administrator for access.')
        : l10n.t('Try again in a moment.');
  return l10n.t('The case was not created. {0} {1} Your draft is kept.', `${sentence(error.message)}${tid}`, next);
}

/** Why the accounts or products could not be loaded, with the troubleshooting ID when there is one. */
export function describeLoadError(err: unknown): string {
  const error = toDetails(err);
  return `${sentence(error.message)}${tidText(error)}`;
}

/** " (Troubleshooting ID: …)" after a sentence, or nothing. */
function tidText(error: Pick<ApiErrorDetails, 'troubleshootingId'>): string {
  return error.troubleshootingId ? ` ${l10n.t('(Troubleshooting ID: {0})', error.troubleshootingId)}` : '';
}

/** The case.create telemetry event of one send. */
export function recordNewCase(telemetry: Telemetry, result: WriteResult, started: number, files: number): void {
  const measures = { durationMs: Date.now() - started, files };
  if (result.kind === 'done' || result.kind === 'partial') {
    telemetry.sendEvent('case.create', { result: result.kind === 'done' && result.how === 'confirmed' ? 'success' : 'recovered' }, measures);
  } else if (result.kind === 'notDone' || result.kind === 'unknown') {
    telemetry.sendError('case.create', { result: 'failure', ...telemetryErrorProps(new ApiError(result.error)) }, measures);
  }
}
