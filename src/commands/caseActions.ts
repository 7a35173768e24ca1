// Commands that change or take something from one case: Close Case (tree row context menu, the case tab) and
// Download Attachment (the case tab's "Download <name>" buttons). Each handler reports its own failures with a
// next step; what the user typed for closing is kept until the API confirmed the close.

import * as vscode from 'vscode';
import { isApiError } from '../api/errors';
import type { CaseDetail, Logger, SupportApiClient } from '../api/types';
import { CaseRef, caseKey, parseCaseRef } from '../cases/caseRef';
import type { AccountModels } from '../cases/accountModels';
import { NOTE_DESCRIPTION_MAX, NOTE_SUBJECT_MAX } from '../cases/noteRules';
import { AttachmentDownloader, DownloadOutcome, DownloadUi, windowDownloadUi } from '../services/attachmentDownload';
import { ContactEmails } from '../services/contactEmail';
import type { Telemetry } from '../telemetry/telemetry';
import { Commands } from '../util/ids';
import { truncateLine } from '../util/text';
import { UserMessages } from '../util/userMessages';
import { CasePanelManager } from '../views/detail/casePanel';
import { CaseNode, isClosedStatus } from '../views/treeNodes';
import { openPortal } from './registerCommands';

export const CLOSE_SUBJECT_SUGGESTION = 'Please close this case';
export const CLOSE_DESCRIPTION_SUGGESTION = 'The issue is resolved. Thank you for your help; this case can be closed.';

/** The prompts of Close Case, injected so integration tests can answer them. */
export interface ClosePrompts {
  input(options: vscode.InputBoxOptions): Thenable<string | undefined>;
  /** A modal warning with one action; true when the user chose it. */
  confirm(message: string, detail: string, action: string): Thenable<boolean>;
}

const windowPrompts: ClosePrompts = {
  input: (options) => vscode.window.showInputBox(options),
  confirm: async (message, detail, action) => (await vscode.window.showWarningMessage(message, { modal: true, detail }, action)) === action
};

export interface CaseActionsDeps {
  /** The Support API as the given account: a case is only ever read or written with its own account's token. */
  readonly api: (account: string) => Promise<SupportApiClient>;
  readonly models: Pick<AccountModels, 'entries' | 'modelOf'>;
  readonly panels: CasePanelManager;
  readonly messages: UserMessages;
  readonly logger: Logger;
  readonly telemetry: Telemetry;
  readonly contacts: ContactEmails;
  /** Test and Development mode: prompts that integration tests can answer (the real ones when nothing is queued). */
  readonly scriptable: boolean;
}

export interface CaseActions {
  readonly disposables: vscode.Disposable[];
  /** Set when `scriptable`: the hook AxwaySupportTestApi exposes. */
  readonly prompts?: ScriptedPrompts;
}

/** What a closing note says while it is being written; kept per case until the close succeeded. */
interface CloseDraft {
  readonly subject: string;
  readonly description: string;
}

export function registerCaseActions(deps: CaseActionsDeps): CaseActions {
  const { api, models, panels, messages, logger, telemetry, contacts } = deps;
  const prompts = deps.scriptable ? new ScriptedPrompts() : undefined;
  const closePrompts: ClosePrompts = prompts ?? windowPrompts;
  const downloader = new AttachmentDownloader({ api, messages, logger, telemetry, ui: prompts ?? windowDownloadUi });
  const drafts = new Map<string, CloseDraft>();

  /** Like `guarded`, but hands the handler's result back (tests read the outcome from executeCommand). */
  const register = <R>(id: string, what: string, handler: (...args: unknown[]) => Promise<R>): vscode.Disposable =>
    vscode.commands.registerCommand(id, async (...args: unknown[]): Promise<R | undefined> => {
      try {
        return await handler(...args);
      } catch (err) {
        messages.report(what, err);
        return undefined;
      }
    });

  /**
   * The case of a tree row or a CaseRef, checked against the signed-in account; undefined after saying why not.
   * Messages are not awaited here or below: the command finishes while a message waits for its button.
   */
  const signedInCase = (arg: unknown, consequence: string, signInTo: string): CaseRef | undefined => {
    const ref = arg instanceof CaseNode ? arg.ref : parseCaseRef(arg);
    if (!ref) {
      void messages.error('Axway Support: The command was not given a case. Run it from a case in the Recent Cases view or a case tab.');
      return undefined;
    }
    if (ref.caseNumber === '') {
      void messages.error(`Axway Support: This case has no case number in the Support API's answer, so ${consequence}.`);
      return undefined;
    }
    if (models.entries.length === 0) {
      onChoice(messages.error(`Axway Support: Sign in to ${signInTo}.`, 'Sign in'), 'Sign in', () => vscode.commands.executeCommand(Commands.signIn));
      return undefined;
    }
    if (models.modelOf(ref.account) === undefined) {
      void messages.error(`Axway Support: Case ${shown(ref.caseNumber)} belongs to a service account that is not signed in, so ${consequence}.`);
      return undefined;
    }
    return ref;
  };

  /** The case as the open tab shows it, else as the API answers now (a stale row must not offer a closed case). */
  const currentDetail = async (ref: CaseRef): Promise<CaseDetail> => {
    const state = panels.get(ref)?.state;
    if (state?.kind === 'loaded' && !state.refreshing) {
      return state.detail;
    }
    const client = await api(ref.account);
    return vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: `Axway Support: reading case ${shown(ref.caseNumber)}` }, () =>
      client.getCase(ref.caseNumber)
    );
  };

  const closeCase = async (arg?: unknown): Promise<'closed' | undefined> => {
    const ref = signedInCase(arg, 'it cannot be closed', 'close a case');
    if (!ref) {
      return undefined;
    }
    const number = shown(ref.caseNumber);
    let detail: CaseDetail;
    try {
      detail = await currentDetail(ref);
    } catch (err) {
      offerRetry(messages, 'Closing the case', `Axway Support: Case ${number} could not be read, so it was not closed. ${reasonOf(err)}`, () => closeCase(ref));
      return undefined;
    }
    if (isClosedStatus(detail.status)) {
      void messages.info(`Axway Support: Case ${number} is already closed.`);
      return undefined;
    }
    const key = caseKey(ref);
    const draft = drafts.get(key) ?? { subject: CLOSE_SUBJECT_SUGGESTION, description: CLOSE_DESCRIPTION_SUGGESTION };
    const subject = await closePrompts.input({
      title: `Axway Support: Close Case ${number} (1/2)`,
      prompt: `Subject of the closing note (required, at most ${NOTE_SUBJECT_MAX} characters)`,
      value: draft.subject,
      ignoreFocusOut: true,
      validateInput: (v) => lengthProblem(v, 'subject', NOTE_SUBJECT_MAX)
    });
    if (subject === undefined || lengthProblem(subject, 'subject', NOTE_SUBJECT_MAX)) {
      return undefined;
    }
    drafts.set(key, { ...draft, subject });
    const description = await closePrompts.input({
      title: `Axway Support: Close Case ${number} (2/2)`,
      prompt: `Why the case can be closed (required, at most ${NOTE_DESCRIPTION_MAX} characters)`,
      value: draft.description,
      ignoreFocusOut: true,
      validateInput: (v) => lengthProblem(v, 'description', NOTE_DESCRIPTION_MAX)
    });
    if (description === undefined || lengthProblem(description, 'description', NOTE_DESCRIPTION_MAX)) {
      return undefined;
    }
    drafts.set(key, { subject, description });
    const contact = await contacts.ensure(ref.account, detail.contact?.email);
    if (contact === undefined) {
      return undefined;
    }
    const confirmed = await closePrompts.confirm(
      `Close case ${number}?`,
      `Axway Support closes case ${number} with the note "${truncateLine(subject, 100)}". Answers go to ${contact}. A closed case cannot be reopened from here.`,
      'Close Case'
    );
    if (!confirmed) {
      return undefined;
    }
    const input = { caseId: ref.caseNumber, subject: subject.trim(), description: description.trim(), contact };
    const started = Date.now();
    try {
      const client = await api(ref.account);
      await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Axway Support: Closing case ${number}…` }, () => client.closeCase(input));
    } catch (err) {
      // A lost answer does not mean the case stayed open: read it before offering to send again.
      if (!(isApiError(err) && (err.kind === 'timeout' || err.kind === 'network') && (await closedMeanwhile(api, ref)))) {
        logger.warn(`Closing case ${ref.caseNumber} failed: ${reasonOf(err)}`);
        telemetry.sendError('case.close', { result: 'failure' }, { durationMs: Date.now() - started });
        offerRetry(messages, 'Closing the case', `Axway Support: Case ${number} was not closed. ${reasonOf(err)} Your subject and description are kept for the next try.`, () => closeCase(ref));
        return undefined;
      }
    }
    drafts.delete(key);
    telemetry.sendEvent('case.close', { result: 'success' }, { durationMs: Date.now() - started });
    logger.info(`Closed case ${ref.caseNumber}.`);
    void messages.info(`Axway Support: Case ${number} was closed.`);
    // The tab and the tree show the closed case; both report their own failures.
    await Promise.all([panels.get(ref)?.load(), models.modelOf(ref.account)?.refresh()]);
    return 'closed';
  };

  const downloadAttachment = async (rawRef?: unknown, rawAttachment?: unknown): Promise<DownloadOutcome | undefined> => {
    const attachment = parseAttachment(rawAttachment);
    if (!attachment) {
      void messages.error('Axway Support: The command was not given an attachment. Use the Download buttons in a case tab.');
      return undefined;
    }
    const name = truncateLine(attachment.name, 80) || 'This attachment';
    const ref = signedInCase(rawRef, `${name} cannot be downloaded`, 'download attachments');
    if (!ref) {
      return undefined;
    }
    if (!attachment.id) {
      const text = `Axway Support: ${name} cannot be downloaded: the Support API listed it without an id, and the download needs one. Open the case in the support portal to get it.`;
      onChoice(messages.error(text, 'Open in Support Portal'), 'Open in Support Portal', () => openPortal(messages, ref.caseNumber));
      return undefined;
    }
    return downloader.download({ account: ref.account, caseNumber: ref.caseNumber, attachmentId: attachment.id, name: attachment.name });
  };

  return {
    disposables: [register(Commands.closeCase, 'Closing the case', closeCase), register(Commands.downloadAttachment, 'Downloading the attachment', downloadAttachment)],
    prompts
  };
}

/**
 * Test and Development mode only: answers the prompts of these commands from queues instead of showing them (the
 * smoke-test host skips modal dialogs), records what each prompt offered, and can cancel a download's progress
 * after some bytes. With nothing queued, the real prompt is shown.
 */
export class ScriptedPrompts implements ClosePrompts, DownloadUi {
  private inputs: (string | undefined)[] = [];
  private confirms: boolean[] = [];
  private saveTargets: (vscode.Uri | undefined)[] = [];
  private cancelAt: number | undefined;
  private observer: ((received: number, total: number | undefined) => void) | undefined;
  /** Every prompt shown or answered, oldest first: what it asked and the value it offered. */
  readonly offered: { readonly kind: 'input' | 'confirm' | 'saveDialog'; readonly text: string; readonly value?: string }[] = [];

  answerInputs(...values: (string | undefined)[]): void {
    this.inputs.push(...values);
  }

  answerConfirms(...values: boolean[]): void {
    this.confirms.push(...values);
  }

  answerSaveDialogs(...targets: (vscode.Uri | undefined)[]): void {
    this.saveTargets.push(...targets);
  }

  /** The next download's progress notification is cancelled once this many bytes arrived. */
  cancelDownloadAfter(bytes: number): void {
    this.cancelAt = bytes;
  }

  /** The next download calls `listener` with the running total after every chunk (e.g. to measure memory). */
  observeDownload(listener: (received: number, total: number | undefined) => void): void {
    this.observer = listener;
  }

  clear(): void {
    this.inputs = [];
    this.confirms = [];
    this.saveTargets = [];
    this.cancelAt = undefined;
    this.observer = undefined;
    this.offered.length = 0;
  }

  async input(options: vscode.InputBoxOptions): Promise<string | undefined> {
    this.offered.push({ kind: 'input', text: options.prompt ?? '', value: options.value });
    if (this.inputs.length === 0) {
      return windowPrompts.input(options);
    }
    const value = this.inputs.shift();
    // An answer the real box would refuse is a mistake in the test, not a value to send.
    const problem = value === undefined ? undefined : await options.validateInput?.(value);
    if (problem) {
      throw new Error(`Scripted answer ${JSON.stringify(value)} is refused by the input box: ${typeof problem === 'string' ? problem : problem.message}`);
    }
    return value;
  }

  async confirm(message: string, detail: string, action: string): Promise<boolean> {
    this.offered.push({ kind: 'confirm', text: message, value: detail });
    const answer = this.confirms.shift();
    return answer ?? windowPrompts.confirm(message, detail, action);
  }

  async saveDialog(options: vscode.SaveDialogOptions): Promise<vscode.Uri | undefined> {
    this.offered.push({ kind: 'saveDialog', text: options.title ?? '', value: options.defaultUri?.fsPath });
    if (this.saveTargets.length === 0) {
      return windowDownloadUi.saveDialog(options);
    }
    return this.saveTargets.shift();
  }

  progress<R>(title: string, task: Parameters<DownloadUi['progress']>[1]): Thenable<R> {
    const limit = this.cancelAt;
    const observer = this.observer;
    this.cancelAt = undefined;
    this.observer = undefined;
    return windowDownloadUi.progress(title, async (report, token) => {
      const source = new vscode.CancellationTokenSource();
      const linked = token.onCancellationRequested(() => source.cancel());
      try {
        return (await task((received, total) => {
          report(received, total);
          observer?.(received, total);
          if (limit !== undefined && received >= limit) {
            source.cancel();
          }
        }, source.token)) as R;
      } finally {
        linked.dispose();
        source.dispose();
      }
    });
  }
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

/** The case was closed although the answer to the close request was lost. */
async function closedMeanwhile(api: (account: string) => Promise<SupportApiClient>, ref: CaseRef): Promise<boolean> {
  try {
    return isClosedStatus((await (await api(ref.account)).getCase(ref.caseNumber)).status);
  } catch {
    return false;
  }
}

function lengthProblem(value: string, field: string, max: number): string | undefined {
  const length = [...value.trim()].length;
  if (length === 0) {
    return `Enter a ${field}: the Support API requires one.`;
  }
  return length > max ? `The ${field} has ${length} characters; at most ${max} are allowed.` : undefined;
}

/** Shows the error with Retry (not awaited: the command finishes while the message is up). */
function offerRetry(messages: UserMessages, what: string, text: string, retry: () => Promise<unknown>): void {
  onChoice(messages.error(text, 'Retry'), 'Retry', retry, (err) => messages.report(what, err));
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

function reasonOf(err: unknown): string {
  const message = err instanceof Error ? err.message.trim() : '';
  const sentence = message === '' ? 'An unexpected error occurred.' : /[.!?)]$/.test(message) ? message : `${message}.`;
  const tid = isApiError(err) ? err.troubleshootingId : undefined;
  return tid ? `${sentence} (Troubleshooting ID: ${tid})` : sentence;
}

function shown(caseNumber: string): string {
  return truncateLine(caseNumber, 40);
}
