// Commands that change or take something from one case: Close Case (tree row context menu, the case tab) and
// Download Attachment (the case tab's "Download <name>" buttons). Each handler reports its own failures with a
// next step; what the user typed for closing is kept until the API confirmed the close.
//
// This is the entry point of dist/caseActions.js, loaded the first time one of these commands runs
// (lazyCaseActions.ts registers them at activation); only types and plain data cross between the bundles.
// About 320 lines, kept whole: Close Case is one conversation (read, plan, two prompts, confirm, send, report) whose
// steps share the handler's closure; the download's work lives in attachmentDownload.ts.

import * as vscode from 'vscode';
import { ApiError } from '../api/errors';
import type { CaseDetail, Logger, SupportApiClient } from '../api/types';
import { CaseRef, caseKey, parseCaseRef } from '../cases/caseRef';
import type { AccountModels } from '../cases/accountModels';
import type { CaseWrites, WriteIdentity } from '../cases/caseWrites';
import { nextSend, sendsOf, sentTime, type NextSend } from '../cases/writeRepeats';
import { NOTE_DESCRIPTION_MAX, NOTE_SUBJECT_MAX } from '../cases/noteRules';
import { AttachmentDownloader, DownloadOutcome, type DownloadUi, windowDownloadUi } from './attachmentDownload';
import { ContactEmails } from '../auth/contactEmails';
import type { Telemetry } from '../telemetry/telemetry';
import { describeError } from '../util/errorText';
import { Commands } from '../util/ids';
import { plainText } from '../util/text';
import { useTranslations } from '../util/translations';
import { UserMessages } from '../util/userMessages';
import type { CasePanelManager } from '../views/caseTab/casePanelManager';
import { isClosedStatus } from '../views/treeNodes';
import { openPortal } from './registerCommands';
import { type ClosePrompts, windowPrompts } from './closePrompts';


export const CLOSE_SUBJECT_SUGGESTION = 'Please close this case';
export const CLOSE_DESCRIPTION_SUGGESTION = 'The issue is resolved. Thank you for your help; this case can be closed.';

export interface CaseActionsDeps {
  /** The Support API as the given account: a case is only ever read or written with its own account's token. */
  readonly api: (account: string) => Promise<SupportApiClient>;
  /** The one write path (single flight across windows, markers, the outcome rule). */
  readonly writes: CaseWrites;
  readonly models: Pick<AccountModels, 'entries' | 'modelOf'>;
  /** The open tab of a case (none before the tab code loaded). */
  readonly panels: Pick<CasePanelManager, 'get'>;
  readonly messages: UserMessages;
  readonly logger: Logger;
  readonly telemetry: Telemetry;
  readonly contacts: ContactEmails;
  /** The prompts and the save dialog; the window's own unless a test injects scripted ones. */
  readonly prompts?: ClosePrompts & DownloadUi;
}

/** The commands' handlers; lazyCaseActions.ts registers them and reports what they throw. */
export interface CaseActionHandlers {
  closeCase(arg?: unknown): Promise<'closed' | undefined>;
  downloadAttachment(rawRef?: unknown, rawAttachment?: unknown): Promise<DownloadOutcome | undefined>;
}

/** What a closing note says while it is being written; kept per case until the close succeeded. */
interface CloseDraft {
  readonly subject: string;
  readonly description: string;
}

export function createCaseActions(deps: CaseActionsDeps): CaseActionHandlers {
  // This bundle's copy of @vscode/l10n (the vscode-free code in it) speaks the display language too.
  useTranslations(vscode.l10n.bundle);
  const { api, writes, models, panels, messages, logger, telemetry, contacts, prompts } = deps;
  const closePrompts: ClosePrompts = prompts ?? windowPrompts;
  const downloader = new AttachmentDownloader({ api, messages, logger, telemetry, ui: prompts ?? windowDownloadUi });
  const drafts = new Map<string, CloseDraft>();

  /**
   * The case of a tree row or a CaseRef, checked against the signed-in account; undefined after saying why not.
   * Messages are not awaited here or below: the command finishes while a message waits for its button.
   */
  const signedInCase = (arg: unknown, consequence: string, signInTo: string): CaseRef | undefined => {
    // A tree row arrives as its CaseRef (lazyCaseActions.ts): this bundle's classes are not extension.js's.
    const ref = parseCaseRef(arg);
    if (!ref) {
      void messages.error(vscode.l10n.t('Axway Support: The command was not given a case. Run it from a case in the Recent Cases view or a case tab.'));
      return undefined;
    }
    if (ref.caseNumber === '') {
      void messages.error(vscode.l10n.t("Axway Support: This case has no case number in the Support API's answer, so {0}.", consequence));
      return undefined;
    }
    if (models.entries.length === 0) {
      const signIn = vscode.l10n.t('Sign in');
      onChoice(messages.error(signInTo, signIn), signIn, () => vscode.commands.executeCommand(Commands.signIn));
      return undefined;
    }
    if (models.modelOf(ref.account) === undefined) {
      void messages.error(vscode.l10n.t('Axway Support: Case {0} belongs to a service account that is not signed in, so {1}.', shown(ref.caseNumber), consequence));
      return undefined;
    }
    return ref;
  };

  /** The case as the API answers now. */
  const freshDetail = async (ref: CaseRef): Promise<CaseDetail> => {
    const client = await api(ref.account);
    return vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: vscode.l10n.t('Axway Support: reading case {0}', shown(ref.caseNumber)) }, () =>
      client.getCase(ref.caseNumber)
    );
  };

  /** One part of the closing note, typed in an input box; undefined when cancelled (or, should it slip by, too long). */
  const askNotePart = async (field: 'subject' | 'description', max: number, value: string, words: { readonly title: string; readonly prompt: string }): Promise<string | undefined> => {
    const answer = await closePrompts.input({ ...words, value, ignoreFocusOut: true, validateInput: (v) => lengthProblem(v, field, max) });
    return answer === undefined || lengthProblem(answer, field, max) ? undefined : answer;
  };

  /** The case as the open tab shows it, else as the API answers now (a stale row must not offer a closed case). */
  const currentDetail = async (ref: CaseRef): Promise<{ readonly detail: CaseDetail; readonly fresh: boolean }> => {
    const state = panels.get(ref)?.state;
    if (state?.kind === 'loaded' && !state.refreshing) {
      return { detail: state.detail, fresh: false };
    }
    return { detail: await freshDetail(ref), fresh: true };
  };

  /**
   * The case to close and which close it is: the first, a lost one to look up, or, when a close from VS Code is on the
   * server and the case reads open again (reopened since), a repeat with an identity of its own (cases/writeRepeats.ts).
   * That "open again" rests on a fresh read: a tab loaded before our close may still show the case open.
   */
  const closePlan = async (ref: CaseRef): Promise<{ readonly detail: CaseDetail; readonly next: NextSend }> => {
    const current = await currentDetail(ref);
    const base: WriteIdentity = { kind: 'close', account: ref.account, caseNumber: ref.caseNumber };
    const next = nextSend(base, await sendsOf(writes, base));
    const detail = next.kind === 'repeat' && !current.fresh && !isClosedStatus(current.detail.status) ? await freshDetail(ref) : current.detail;
    return { detail, next };
  };

  const closeCase = async (arg?: unknown): Promise<'closed' | undefined> => {
    const ref = signedInCase(arg, vscode.l10n.t('it cannot be closed'), vscode.l10n.t('Axway Support: Sign in to close a case.'));
    if (!ref) {
      return undefined;
    }
    const number = shown(ref.caseNumber);
    let detail: CaseDetail;
    let next: NextSend;
    try {
      ({ detail, next } = await closePlan(ref));
    } catch (err) {
      offerRetry(messages, vscode.l10n.t('Closing the case'), vscode.l10n.t('Axway Support: Case {0} could not be read, so it was not closed. {1}', number, describeError(err)), () => closeCase(ref));
      return undefined;
    }
    if (isClosedStatus(detail.status)) {
      void messages.info(vscode.l10n.t('Axway Support: Case {0} is already closed.', number));
      return undefined;
    }
    const key = caseKey(ref);
    const draft = drafts.get(key) ?? { subject: CLOSE_SUBJECT_SUGGESTION, description: CLOSE_DESCRIPTION_SUGGESTION };
    const subject = await askNotePart('subject', NOTE_SUBJECT_MAX, draft.subject, {
      title: vscode.l10n.t('Axway Support: Close Case {0} (1/2)', number),
      prompt: vscode.l10n.t('Subject of the closing note (required, at most {0} characters)', NOTE_SUBJECT_MAX)
    });
    if (subject === undefined) {
      return undefined;
    }
    drafts.set(key, { ...draft, subject });
    const description = await askNotePart('description', NOTE_DESCRIPTION_MAX, draft.description, {
      title: vscode.l10n.t('Axway Support: Close Case {0} (2/2)', number),
      prompt: vscode.l10n.t('Why the case can be closed (required, at most {0} characters)', NOTE_DESCRIPTION_MAX)
    });
    if (description === undefined) {
      return undefined;
    }
    drafts.set(key, { subject, description });
    const contact = await contacts.ensure(ref.account, detail.contact?.email);
    if (contact === undefined) {
      return undefined;
    }
    const note = vscode.l10n.t('Axway Support closes case {0} with the note "{1}". Answers go to {2}. A closed case cannot be reopened from here.', number, plainText(subject, 100), contact);
    const confirmed = await closePrompts.confirm(
      next.kind === 'repeat' ? vscode.l10n.t('Close case {0} again?', number) : vscode.l10n.t('Close case {0}?', number),
      next.kind === 'repeat'
        ? `${vscode.l10n.t('Case {0} was closed from VS Code at {1} and has been reopened since.', number, sentTime(next.of.sentAt))} ${note}`
        : note,
      vscode.l10n.t('Close Case')
    );
    if (!confirmed) {
      return undefined;
    }
    const input = { caseId: ref.caseNumber, subject: subject.trim(), description: description.trim(), contact };
    const started = Date.now();
    // One write path (CaseWrites): sent once across windows, a lost answer read back from the case's status.
    const result = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Axway Support: Closing case {0}…', number), cancellable: true },
      (progress, token) => {
        const cancel = new AbortController();
        token.onCancellationRequested(() => cancel.abort());
        return writes.submit(next.identity, () => Promise.resolve({ kind: 'close' as const, input }), {
          signal: cancel.signal,
          ...(next.kind === 'repeat' ? { repeats: next.repeats } : {}),
          onPhase: (phase) => progress.report({ message: phase === 'sending' ? undefined : vscode.l10n.t('the answer was lost; reading the case to see whether it is closed…') })
        });
      }
    );
    const retry = (): Promise<unknown> => closeCase(ref);
    switch (result.kind) {
      case 'done':
        break;
      case 'busy':
        void messages.info(
          result.where === 'otherWindow'
            ? vscode.l10n.t('Axway Support: Case {0} is being closed from another window. Its progress notification says when it is done.', number)
            : vscode.l10n.t('Axway Support: Case {0} is being closed. Its progress notification says when it is done.', number)
        );
        return undefined;
      case 'notDone': {
        logger.warn(`Closing case ${ref.caseNumber} failed: ${result.error.kind}`);
        telemetry.sendError('case.close', { result: 'failure' }, { durationMs: Date.now() - started });
        const checked = result.why === 'notFound' ? ` ${vscode.l10n.t('The case was read afterwards: it is still open.')}` : '';
        const text = result.error.kind === 'cancelled'
          ? vscode.l10n.t('Axway Support: Closing case {0} was cancelled before it was sent. Your subject and description are kept for the next try.', number)
          : vscode.l10n.t('Axway Support: Case {0} was not closed. {1} Your subject and description are kept for the next try.', number, `${describeError(new ApiError(result.error))}${checked}`);
        offerRetry(messages, vscode.l10n.t('Closing the case'), text, retry);
        return undefined;
      }
      case 'unknown':
        logger.warn(`Closing case ${ref.caseNumber}: outcome unknown (${result.error.kind}, then ${result.lookupError.kind}).`);
        offerRetry(
          messages,
          vscode.l10n.t('Closing the case'),
          vscode.l10n.t('Axway Support: Case {0} may or may not have been closed: the answer was lost and the case could not be read ({1}) Retry reads the case first and closes it only if it is still open.', number, describeError(new ApiError(result.lookupError))),
          retry
        );
        return undefined;
      default:
        return undefined;
    }
    drafts.delete(key);
    telemetry.sendEvent('case.close', { result: result.how === 'confirmed' ? 'success' : 'recovered' }, { durationMs: Date.now() - started });
    logger.info(`Closed case ${ref.caseNumber}.`);
    // earlier: this same close was sent before (another window, a double click) and is on the server; not sent again.
    const said =
      result.how === 'confirmed'
        ? vscode.l10n.t('Axway Support: Case {0} was closed.', number)
        : result.how === 'earlier' && result.sentAt !== undefined
          ? vscode.l10n.t('Axway Support: Case {0} is closed: this close was already sent from VS Code at {1}, so it was not sent again.', number, sentTime(result.sentAt))
          : vscode.l10n.t('Axway Support: The answer was lost, but case {0} is closed: it was read back from the Support API, and closed once.', number);
    void messages.info(said);
    // The tab and the tree show the closed case; both report their own failures.
    await Promise.all([panels.get(ref)?.load(), models.modelOf(ref.account)?.refresh()]);
    return 'closed';
  };

  const downloadAttachment = async (rawRef?: unknown, rawAttachment?: unknown): Promise<DownloadOutcome | undefined> => {
    const attachment = parseAttachment(rawAttachment);
    if (!attachment) {
      void messages.error(vscode.l10n.t('Axway Support: The command was not given an attachment. Use the Download buttons in a case tab.'));
      return undefined;
    }
    const name = plainText(attachment.name, 80) || vscode.l10n.t('This attachment');
    const ref = signedInCase(rawRef, vscode.l10n.t('{0} cannot be downloaded', name), vscode.l10n.t('Axway Support: Sign in to download attachments.'));
    if (!ref) {
      return undefined;
    }
    if (!attachment.id) {
      const text = vscode.l10n.t('Axway Support: {0} cannot be downloaded: the Support API listed it without an id, and the download needs one. Open the case in the support portal to get it.', name);
      const portal = vscode.l10n.t('Open in Support Portal');
      onChoice(messages.error(text, portal), portal, () => openPortal(messages, ref.caseNumber));
      return undefined;
    }
    return downloader.download({ account: ref.account, caseNumber: ref.caseNumber, attachmentId: attachment.id, name: attachment.name });
  };

  return { closeCase, downloadAttachment };
}

/** The attachment argument of downloadAttachment, from the case tab (untrusted). */
function parseAttachment(raw: unknown): { readonly id?: string; readonly name: string } | undefined {
  if (typeof raw !== 'object' || raw === null) {
    return undefined;
  }
  const { id, name } = raw as { id?: unknown; name?: unknown };
  if (typeof name !== 'string' || name.length > 10_000) {
    return undefined;
  }
  if (id !== undefined && id !== null && (typeof id !== 'string' || id.length > 200)) {
    return undefined;
  }
  return { id: typeof id === 'string' && id.trim() !== '' ? id : undefined, name };
}

function lengthProblem(value: string, field: 'subject' | 'description', max: number): string | undefined {
  const length = [...value.trim()].length;
  if (length === 0) {
    return field === 'subject' ? vscode.l10n.t('Enter a subject: the Support API requires one.') : vscode.l10n.t('Enter a description: the Support API requires one.');
  }
  if (length <= max) {
    return undefined;
  }
  return field === 'subject'
    ? vscode.l10n.t('The subject has {0} characters; at most {1} are allowed.', length, max)
    : vscode.l10n.t('The description has {0} characters; at most {1} are allowed.', length, max);
}

/** Shows the error with Retry (not awaited: the command finishes while the message is up). */
function offerRetry(messages: UserMessages, what: string, text: string, retry: () => Promise<unknown>): void {
  const retryLabel = vscode.l10n.t('Retry');
  onChoice(messages.error(text, retryLabel), retryLabel, retry, (err) => messages.report(what, err));
}

/** Runs `then` if the message's button `action` is chosen; a failure of it is reported, never rejected. */
function onChoice(shown: Promise<string | undefined>, action: string, then: () => Thenable<unknown>, report?: (err: unknown) => void): void {
  void shown.then(async (choice) => {
    if (choice === action) {
      try {
        await then();
      } catch (err) {
        report?.(err);
      }
    }
  });
}

function shown(caseNumber: string): string {
  return plainText(caseNumber, 40);
}
