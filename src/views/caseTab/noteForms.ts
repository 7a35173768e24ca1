// The note form's host side (bundle dist/forms.js, loaded on first use): keeps the draft, picks and checks files,
// sends the note and makes sure it is never added twice.
//
// The draft is the person's work: it is saved on every change and cleared only once the note is on the case.
// Sending, single flight, the marker of a pending send and the rule for a lost answer are CaseWrites' (one write
// path for notes, new cases and closes): this file renders what it answers.
// About 300 lines, kept whole on purpose: picking files, sending, recovery after a lost answer and settling all read
// and change one case's form runtime; drafts, files and outcomes already live beside it (noteDraft, noteFiles,
// noteOutcome).

import * as vscode from 'vscode';
import { randomUUID } from 'crypto';
import { ApiError } from '../../api/errors';
import { CaseRef, caseKey } from '../../cases/caseRef';
import type { WritePhase, WriteIdentity, WriteRequest, WriteResult } from '../../cases/caseWrites';
import { checkNote } from '../../cases/noteRules';
import { telemetryErrorProps } from '../../telemetry/sanitize';
import type { FormWebviewMessage, NoteFormTab, NoteForms, NoteFormsDeps } from './formsHost';
import type { FormFile, FormFocus, FormMessage } from '../../webviews/case/protocol';
import { addFiles, NoteDraftState, refusalText, suggestSubject } from './noteDraft';
import { candidateOf, checkFiles } from './noteFiles';
import { refused, uncertain } from './noteOutcome';
import { NoteStatus, toFormMessage } from './renderNoteForm';
import { useTranslations } from '../../util/translations';

type Problems = FormMessage['problems'];

interface Runtime {
  sending: boolean;
  /** The write running now, for Cancel. */
  identity?: WriteIdentity;
  status: NoteStatus;
  problems: Problems;
}

export function createNoteForms(deps: NoteFormsDeps): NoteForms {
  // This bundle's copy of @vscode/l10n (the vscode-free code in it) speaks the display language too.
  useTranslations(vscode.l10n.bundle);
  return new NoteFormsImpl(deps);
}

class NoteFormsImpl implements NoteForms {
  private readonly runtimes = new Map<string, Runtime>();

  constructor(private readonly deps: NoteFormsDeps) {}

  isSending(ref: CaseRef): boolean {
    return this.runtime(ref).sending;
  }

  pageReady(tab: NoteFormTab, focus?: FormFocus): void {
    const draft = this.deps.drafts.get(tab.ref);
    this.post(tab.ref, { fill: { subject: draft.subject, description: draft.description, mode: 'ifEmpty' }, ...(focus ? { focus } : {}) });
    this.recoverPending(tab.ref, draft).catch((err: unknown) => this.deps.logger.warn(`Looking up a note sent before the reload failed: ${String(err)}`));
  }

  async handle(tab: NoteFormTab, message: FormWebviewMessage): Promise<void> {
    switch (message.type) {
      case 'noteDraft': {
        const draft = this.deps.drafts.get(tab.ref);
        await this.deps.drafts.save(tab.ref, { ...draft, subject: message.subject, description: message.description });
        if (draft.id !== this.deps.drafts.get(tab.ref).id) {
          // A new draft (or none any more): the page learns its id.
          this.post(tab.ref);
        }
        return;
      }
      case 'addNote':
        return this.send(tab, message.subject, message.description);
      case 'cancelNote':
        this.cancel(tab.ref);
        return;
      case 'pickFiles':
        return this.pickFiles(tab);
      case 'removeFile': {
        const draft = this.deps.drafts.get(tab.ref);
        await this.deps.drafts.save(tab.ref, { ...draft, files: draft.files.filter((f) => f.path !== message.key) });
        const rt = this.runtime(tab.ref);
        rt.problems = rt.problems.filter((p) => p.field !== 'files');
        this.post(tab.ref, { focus: 'files' });
        return;
      }
    }
  }

  async attachFiles(ref: CaseRef, uris: readonly vscode.Uri[]): Promise<{ attached: number; refused: number }> {
    const candidates = await Promise.all(uris.map((uri) => candidateOf(uri)));
    const draft = this.deps.drafts.get(ref);
    const { files, refused } = addFiles(draft.files, candidates);
    const added = files.filter((f) => !draft.files.some((d) => d.path === f.path));
    const subject = draft.subject.trim() === '' && added.length > 0 ? suggestSubject(added.map((f) => f.name)) : draft.subject;
    await this.deps.drafts.save(ref, { ...draft, subject, files });
    const rt = this.runtime(ref);
    rt.problems = refused.length > 0 ? [{ field: 'files', message: vscode.l10n.t('Not attached: {0}', refusalText(refused)) }] : [];
    this.post(ref, { fill: { subject, description: draft.description, mode: 'ifEmpty' } });
    if (refused.length > 0) {
      void this.deps.messages.warning(vscode.l10n.t('Axway Support: Not attached to case {0}: {1}', ref.caseNumber, refusalText(refused)));
    }
    return { attached: added.length, refused: refused.length };
  }

  private runtime(ref: CaseRef): Runtime {
    const key = caseKey(ref);
    let rt = this.runtimes.get(key);
    if (!rt) {
      rt = { sending: false, status: { kind: 'none' }, problems: [] };
      this.runtimes.set(key, rt);
    }
    return rt;
  }

  /** Sends the form's state to the case's tab, if one is open. */
  private post(ref: CaseRef, extra: Pick<FormMessage, 'fill' | 'focus'> = {}): void {
    const tab = this.deps.tabOf(ref);
    if (!tab) {
      return;
    }
    const rt = this.runtime(ref);
    const draft = this.deps.drafts.get(ref);
    const files: FormFile[] = draft.files.map((f) => ({ key: f.path, name: f.name, size: f.size }));
    tab.postForm(toFormMessage(ref, { files, sending: rt.sending, status: rt.status, problems: rt.problems, draftId: draft.id }, extra));
  }

  private async pickFiles(tab: NoteFormTab): Promise<void> {
    const uris = await vscode.window.showOpenDialog({
      canSelectMany: true,
      canSelectFiles: true,
      canSelectFolders: false,
      openLabel: vscode.l10n.t('Attach'),
      title: vscode.l10n.t('Attach Files to Case {0}', tab.ref.caseNumber),
      defaultUri: vscode.workspace.workspaceFolders?.[0]?.uri
    });
    if (!uris || uris.length === 0) {
      this.post(tab.ref, { focus: 'files' });
      return;
    }
    const candidates = await Promise.all(uris.map((uri) => candidateOf(uri)));
    const draft = this.deps.drafts.get(tab.ref);
    const { files, refused } = addFiles(draft.files, candidates);
    await this.deps.drafts.save(tab.ref, { ...draft, files });
    const rt = this.runtime(tab.ref);
    rt.problems = [...rt.problems.filter((p) => p.field !== 'files'), ...(refused.length > 0 ? [{ field: 'files' as const, message: vscode.l10n.t('Not attached: {0}', refusalText(refused)) }] : [])];
    this.post(tab.ref, { focus: 'files' });
  }

  /**
   * Add Note: claimed before the first await (a second press, or Enter plus a click, is ignored), then handed to
   * CaseWrites, which sends it once across windows and reloads and looks a lost answer up before anything else.
   */
  private send(tab: NoteFormTab, subject: string, description: string): Promise<void> {
    const ref = tab.ref;
    const rt = this.runtime(ref);
    if (rt.sending) {
      return Promise.resolve();
    }
    rt.sending = true;
    const draftId = this.deps.drafts.get(ref).id ?? randomUUID();
    const identity = noteIdentity(ref, draftId);
    rt.identity = identity;
    rt.problems = [];
    rt.status = { kind: 'info', message: vscode.l10n.t('Preparing the note…') };
    this.post(ref);
    const started = Date.now();
    let fileCount = 0;
    const prepare = async (): Promise<WriteRequest | undefined> => {
      // The text as typed is saved first (under the id the write is known by): whatever happens next, it is not lost.
      const draft: NoteDraftState = { ...this.deps.drafts.get(ref), id: draftId, subject, description };
      await this.deps.drafts.save(ref, draft);
      const contact = await this.deps.contacts.ensure(ref.account, tab.detail?.contact?.email);
      if (contact === undefined) {
        rt.status = {
          kind: 'error',
          title: vscode.l10n.t('The note was not sent.'),
          message: vscode.l10n.t('Axway Support needs a contact e-mail for notes.'),
          next: vscode.l10n.t('Your draft is kept. Press Add Note again and enter an e-mail address (or run Axway Support: Set Contact E-mail).')
        };
        return undefined;
      }
      const checked = await checkFiles(draft.files);
      const problems: Problems = [
        // Sizes may have changed since the files were chosen: the limits apply to what is sent now.
        ...checkNote({ subject, description, contact, files: checked.files })
          .filter((p): p is { field: 'subject' | 'description' | 'files'; message: string } => p.field !== 'contact'),
        ...checked.problems.map((message) => ({ field: 'files' as const, message }))
      ];
      if (problems.length > 0) {
        rt.problems = problems;
        rt.status = { kind: 'error', title: vscode.l10n.t('The note was not sent.'), message: problems.map((p) => p.message).join(' '), next: vscode.l10n.t('Correct the fields marked above, then press Add Note again.') };
        this.post(ref, { focus: problems[0].field === 'files' ? 'files' : problems[0].field });
        return undefined;
      }
      fileCount = checked.files.length;
      const files = checked.files.length > 0 ? { files: checked.files } : {};
      return { kind: 'note', input: { caseId: ref.caseNumber, subject: subject.trim(), description: description.trim(), contact, ...files } };
    };
    const onPhase = (phase: WritePhase): void => {
      rt.status = phase === 'sending' ? { kind: 'sending', fileCount } : { kind: 'checking' };
      this.post(ref);
    };
    return this.deps.writes
      .submit(identity, prepare, { onPhase })
      .then(async (result) => {
        this.record(result, started, fileCount);
        await this.settle(ref, subject, result);
      })
      .finally(() => {
        rt.sending = false;
        rt.identity = undefined;
        this.post(ref);
        if (rt.status.kind === 'error' && !this.deps.tabOf(ref)) {
          // The tab was closed meanwhile: say it where the person is.
          void this.deps.messages.error(vscode.l10n.t('Axway Support: Note for case {0}: {1}', ref.caseNumber, `${rt.status.title} ${rt.status.next}`));
        }
      });
  }

  /** After a reload: a note whose send was pending is looked up before Add Note is offered again. */
  private async recoverPending(ref: CaseRef, draft: NoteDraftState): Promise<void> {
    const rt = this.runtime(ref);
    if (draft.id === undefined || rt.sending || !(await this.deps.writes.pending(noteIdentity(ref, draft.id)))) {
      return;
    }
    rt.sending = true;
    rt.status = { kind: 'checking' };
    this.post(ref);
    try {
      const result = await this.deps.writes.recover(noteIdentity(ref, draft.id));
      if (result !== undefined) {
        await this.settle(ref, draft.subject, result);
      }
    } finally {
      rt.sending = false;
      this.post(ref);
    }
  }

  /** Cancels the case's running send (its Cancel button, or its tab closed). */
  cancel(ref: CaseRef): void {
    const identity = this.runtime(ref).identity;
    if (identity !== undefined) {
      this.deps.writes.cancel(identity);
    }
  }

  private record(result: WriteResult, started: number, fileCount: number): void {
    const measures = { durationMs: Date.now() - started, fileCount };
    if (result.kind === 'done') {
      this.deps.telemetry.sendEvent('note.add', { result: result.how === 'confirmed' ? 'success' : 'recovered' }, measures);
    } else if (result.kind === 'notDone' || result.kind === 'unknown') {
      this.deps.logger.warn(`Adding a note failed: ${result.error.kind}${result.error.troubleshootingId ? ` tid=${result.error.troubleshootingId}` : ''}`);
      this.deps.telemetry.sendError('note.add', { result: 'failure', ...telemetryErrorProps(new ApiError(result.error)) }, measures);
    }
  }

  /** What the write path's result means for the form. */
  private async settle(ref: CaseRef, subject: string, result: WriteResult): Promise<void> {
    const rt = this.runtime(ref);
    switch (result.kind) {
      case 'done':
        return this.confirmed(ref, subject, result.how !== 'confirmed');
      case 'busy':
        rt.status = result.where === 'otherWindow'
          ? { kind: 'info', message: vscode.l10n.t('This note is being sent from another window. Your draft is kept; the other window says when it is on the case.') }
          : rt.status;
        return;
      case 'notDone': {
        const error = result.error;
        if (result.why === 'notFound') {
          rt.status = {
            kind: 'error',
            title: vscode.l10n.t('The note was not added.'),
            message: `${error.message} ${vscode.l10n.t('The case was checked afterwards: the note is not on it.')}`,
            troubleshootingId: error.troubleshootingId,
            next: vscode.l10n.t('Your draft is kept. Press Add Note to send it again.')
          };
        } else if (error.kind === 'cancelled') {
          rt.status = { kind: 'info', message: vscode.l10n.t('Sending was cancelled before the note left. Your draft is kept.') };
        } else {
          rt.status = refused(error);
        }
        return;
      }
      case 'unknown':
        rt.status = uncertain(result.lookupError);
        return;
      case 'stopped':
      case 'partial':
      case 'abandoned':
        return;
    }
  }

  /** The note is on the case (the API confirmed it, or it was found there); CaseWrites cleared its draft. */
  private async confirmed(ref: CaseRef, subject: string, recovered: boolean): Promise<void> {
    const rt = this.runtime(ref);
    rt.problems = [];
    rt.status = { kind: 'sent', subject: subject.trim(), recovered };
    this.post(ref, { fill: { subject: '', description: '', mode: 'replace' } });
    const tab = this.deps.tabOf(ref);
    if (tab) {
      await tab.load();
    } else {
      void this.deps.messages.info(`Axway Support: The note "${subject.trim()}" was added to case ${ref.caseNumber}.`);
    }
    // The case now has the newest modification: it moves to the top of the tree.
    void this.deps.refreshTree();
  }
}

function noteIdentity(ref: CaseRef, draftId: string): WriteIdentity {
  return { kind: 'note', account: ref.account, caseNumber: ref.caseNumber, draftId };
}
