// What CaseWrites' answer to Create Case means for the New Support Case form: the text said in the form, or in a
// notification once the case exists (the form then closes and the case opens).

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
  const lostTid = (error: ApiErrorDetails): string => (error.troubleshootingId ? ` (Troubleshooting ID: ${error.troubleshootingId})` : '');
  const summary = (text: string): void => ui.post({ type: 'problems', scope: 'all', problems: [], summary: text });
  switch (result.kind) {
    case 'done': {
      const caseNumber = result.landed.caseNumber ?? '';
      const text =
        result.how === 'confirmed'
          ? `Axway Support: Case ${caseNumber} was created.`
          : result.how === 'found'
            ? `Axway Support: The Support API's answer was lost, but case ${caseNumber} was created: it was found among your recent cases, and was not created again.`
            : `Axway Support: Case ${caseNumber} was created by an earlier send (before a reload, or in another window); it was not created again.`;
      await ui.confirmed(caseNumber, text, 'info');
      return result.how === 'confirmed' ? { kind: 'created', caseNumber } : { kind: 'found', caseNumber };
    }
    case 'partial':
      await ui.confirmed(
        result.caseNumber,
        `Axway Support: The case was created as ${result.caseNumber}, but not everything succeeded${lostTid(result.error)}. ${sentence(result.error.message)}`,
        'warning'
      );
      return { kind: 'partial', caseNumber: result.caseNumber, error: result.error };
    case 'notDone':
      return notDone(result.why, result.error, ui);
    case 'unknown':
      summary(
        `${sentence(result.error.message)}${lostTid(result.error)} The case may have been created, and checking your recent cases failed too (${sentence(result.lookupError.message)}) Your draft is kept. Press Create Case when the connection is back: your recent cases are checked first, and the case is created only if it is not there.`
      );
      return { kind: 'failed', error: result.error };
    case 'busy':
      summary('This case is being created from another window. Your draft is kept; that window opens the case once it exists.');
      return { kind: 'busy' };
    case 'stopped':
    case 'abandoned':
      return { kind: 'busy' };
  }
}

function notDone(why: 'refused' | 'notSent' | 'notFound', error: ApiErrorDetails, ui: OutcomeUi): SendOutcome {
  const tid = error.troubleshootingId ? ` (Troubleshooting ID: ${error.troubleshootingId})` : '';
  if (why === 'notFound') {
    ui.post({
      type: 'problems',
      scope: 'all',
      problems: [],
      summary: `${sentence(error.message)}${tid} The case may have been created, so your recent cases were checked: no new case with this subject is among them, so it was not created. Your draft is kept: press Create Case to send it again.`
    });
  } else if (error.kind === 'cancelled') {
    ui.post({ type: 'problems', scope: 'all', problems: [], summary: 'Creating the case was cancelled before it was sent. Your draft is kept.' });
  } else if (error.kind === 'badRequest') {
    // The API's own words name the field; our message around them would name none.
    const apiText = error.apiMessage ?? error.message;
    const field = fieldOfApiMessage(apiText);
    const problems: NewCaseProblem[] = [{ ...(field ? { field } : {}), message: `${sentence(field ? apiText : error.message)}${tid}` }];
    ui.post({ type: 'problems', scope: 'all', problems, summary: `The Support API refused the case${field ? ': see the marked field' : ''}.${tid} Your draft is kept.` });
  } else {
    ui.showFailure(error);
  }
  return { kind: 'failed', error };
}

export function phaseText(phase: WritePhase, files: number): string {
  switch (phase) {
    case 'sending':
      return files ? `Creating the case and uploading ${files} file${files === 1 ? '' : 's'}…` : 'Creating the case…';
    case 'checking':
      return 'An earlier send of this case got no answer. Checking your recent cases first…';
    case 'lookingUp':
      return 'No answer from the Support API. Checking whether the case was created…';
  }
}

export function sentence(text: string): string {
  const trimmed = text.trim();
  return /[.!?)]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}

/** The form's summary when the case was not created: what happened, the troubleshooting ID, and what to do next. */
export function failureSummary(error: ApiErrorDetails): string {
  const tid = error.troubleshootingId ? ` (Troubleshooting ID: ${error.troubleshootingId})` : '';
  const next =
    error.kind === 'notSignedIn' || error.kind === 'credentialsRejected'
      ? ' Sign in again (Axway Support: Sign in), then create the case.'
      : error.kind === 'forbidden'
        ? ' Choose another account, or ask your administrator for access.'
        : ' Try again in a moment.';
  return `The case was not created. ${sentence(error.message)}${tid}${next} Your draft is kept.`;
}

/** Why the accounts or products could not be loaded, with the troubleshooting ID when there is one. */
export function describeLoadError(err: unknown): string {
  const error = toDetails(err);
  return `${sentence(error.message)}${error.troubleshootingId ? ` (Troubleshooting ID: ${error.troubleshootingId})` : ''}`;
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
