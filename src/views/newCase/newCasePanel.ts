// The New Support Case tab (its manager is newCaseManager.ts). The page is written once; accounts, products, chosen
// files, problems and the sending state reach it by message. What the person typed is kept twice:
// in the page's own state (survives hiding and a window reload) and in extension state per account (survives
// closing the tab); both are cleared only after the API confirmed the case.
//
// Sending never happens twice: CaseWrites claims the press before the first await, keeps a marker until the outcome
// is known (across reloads and windows), and looks a lost answer up among the recent cases before offering again.
// About 300 lines, kept whole on purpose: the page's messages, the draft and the send share the tab's draft and sending
// state; drafts in storage, files, lists and outcomes already live beside it (draftStore, newCaseFiles, newCaseLists,
// newCaseOutcome).

import * as vscode from 'vscode';
import { randomUUID } from 'crypto';
import { toDetails, type ApiErrorDetails } from '../../api/errors';
import type { ProductOption } from '../../api/types';
import type { WriteIdentity, WriteRequest, WriteResult } from '../../cases/caseWrites';
import { checkNewCase, EMPTY_FIELDS, NewCaseDraft, NewCaseFields, NewCaseFile, NewCaseProblem, toNewCaseInput } from '../../cases/newCaseRules';
import { NewCaseDrafts } from './draftStore';
import { describeLoadError, failureSummary, phaseText, recordNewCase, settleNewCase, type SendOutcome } from './newCaseOutcome';
import { FileView, HostMessage, PageMessage, parsePageMessage } from '../../webviews/newCase/protocol';
import { renderAccountOptions, renderNewCasePage, renderProductOptions } from './renderNewCase';
import { newCasePageStrings } from './pageStrings';
import { pageResources, WebviewTab } from '../webviewShell';
import type { NewCaseDeps } from './newCaseDeps';
import { addFiles, currentSizes, pickPaths } from './newCaseFiles';
import type { NewCaseLists } from './newCaseLists';

/** The tab's title, in the display language. */
export function newCasePanelTitle(): string {
  return vscode.l10n.t('New Support Case');
}

export class NewCasePanel extends WebviewTab {
  private draft: NewCaseDraft;
  private sending = false;
  /** The write running now, for Cancel. */
  private identity: WriteIdentity | undefined;
  private pageShown: NewCaseFields | undefined;
  private readonly shown = this.emitter<NewCaseFields>();
  /** Fires when the page put a draft on screen (after it started, or was shown again). */
  readonly onDidPageShow = this.shown.event;
  private readonly posted = this.emitter<HostMessage>();
  /** Fires with every message sent to the page (tests wait on it instead of sleeping). */
  readonly onDidPost = this.posted.event;
  /** Draft writes in order, so an older one never overwrites a newer one. */
  private saving: Promise<void> = Promise.resolve();
  /** Set once the API confirmed (or a look-up found) the case: the draft is gone for good from then on. */
  private created = false;

  constructor(
    panel: vscode.WebviewPanel,
    readonly account: string,
    private readonly deps: NewCaseDeps,
    private readonly drafts: NewCaseDrafts,
    private readonly source: NewCaseLists
  ) {
    super(panel, deps.logger);
    const stored = drafts.get(account) ?? { fields: EMPTY_FIELDS, files: [] };
    const contact = stored.fields.contact.trim() !== '' ? stored.fields.contact : (deps.contacts.get(account) ?? '');
    this.draft = { ...stored, fields: { ...stored.fields, contact } };
    this.disposables.push(panel.webview.onDidReceiveMessage((raw: unknown) => this.receive(raw)));
    // Closing the tab stops the upload; a case whose last byte left is still looked up.
    this.onDidDispose(() => this.cancel());
    this.writePage();
  }

  /** The draft as the host holds it (fields and chosen files). */
  get current(): NewCaseDraft {
    return this.draft;
  }

  /** The fields the page last reported on screen; undefined until it did. */
  get pageFields(): NewCaseFields | undefined {
    return this.pageShown;
  }

  get isSending(): boolean {
    return this.sending;
  }

  /**
   * Takes one message from the page. The webview's listener calls this; so do the integration tests, which send
   * what the page would (the UI suite drives the real page).
   */
  receive(raw: unknown): void {
    const message = parsePageMessage(raw);
    if (!message) {
      return;
    }
    this.handle(message).catch((err: unknown) => this.deps.messages.report(vscode.l10n.t('The New Support Case form\'s "{0}" action', message.type), err));
  }

  /** Adds files (absolute paths) to the draft, checking the attachment rules; refused files are said at the field. */
  async addFiles(paths: readonly string[]): Promise<void> {
    const { files, problems } = await addFiles(this.draft.files, paths);
    await this.saveDraft({ ...this.draft, files });
    this.postFiles();
    this.post({ type: 'problems', scope: 'files', problems });
  }

  /**
   * Creates the case from the draft and the page's fields, through CaseWrites: claimed before the first await, sent
   * once across windows and reloads, a lost answer looked up among the recent cases. Never rejects.
   */
  async submit(fields: NewCaseFields): Promise<SendOutcome> {
    if (this.sending) {
      return { kind: 'busy' };
    }
    this.sending = true;
    const draftId = this.draft.id ?? randomUUID();
    const identity: WriteIdentity = { kind: 'newCase', account: this.account, draftId };
    this.identity = identity;
    this.post({ type: 'sending', sending: true, text: vscode.l10n.t('Checking…') });
    let outcome: SendOutcome;
    try {
      let invalid: NewCaseProblem[] = [];
      let fileCount = 0;
      const started = Date.now();
      const result = await this.deps.writes.submit(
        identity,
        async () => {
          const prepared = await this.prepare(fields, draftId);
          if ('problems' in prepared) {
            invalid = prepared.problems;
            return undefined;
          }
          fileCount = prepared.fileCount;
          return prepared.request;
        },
        { onPhase: (phase) => this.post({ type: 'sending', sending: true, text: phaseText(phase, fileCount) }) }
      );
      recordNewCase(this.deps.telemetry, result, started, fileCount);
      outcome = result.kind === 'stopped' && invalid.length > 0 ? { kind: 'invalid', problems: invalid } : await this.settle(result);
    } catch (err) {
      outcome = { kind: 'failed', error: toDetails(err) };
      this.showFailure(outcome.error);
    } finally {
      this.sending = false;
      this.identity = undefined;
    }
    this.post({ type: 'sending', sending: false, text: '' });
    return outcome;
  }

  /** Cancels the case being created (Cancel, or the tab closing); once its last byte left, it is looked up. */
  cancel(): void {
    if (this.identity !== undefined) {
      this.deps.writes.cancel(this.identity);
    }
  }

  /** After a reload: a case whose creation was pending is looked up among the recent cases before anything else. */
  async recoverPending(): Promise<SendOutcome | undefined> {
    const id = this.draft.id;
    if (id === undefined || this.sending || !(await this.deps.writes.pending({ kind: 'newCase', account: this.account, draftId: id }))) {
      return undefined;
    }
    this.sending = true;
    this.post({ type: 'sending', sending: true, text: vscode.l10n.t('This case was being created when the window closed. Checking whether it was created…') });
    try {
      const result = await this.deps.writes.recover({ kind: 'newCase', account: this.account, draftId: id });
      return result === undefined ? undefined : await this.settle(result);
    } finally {
      this.sending = false;
      this.post({ type: 'sending', sending: false, text: '' });
    }
  }

  private async handle(message: PageMessage): Promise<void> {
    switch (message.type) {
      case 'ready':
        this.post({ type: 'init', fields: this.draft.fields, files: this.fileViews() });
        await this.recoverPending();
        return this.isDisposed ? undefined : this.sendAccounts();
      case 'shown':
        this.pageShown = message.fields;
        await this.saveDraft({ ...this.draft, fields: message.fields });
        this.shown.fire(message.fields);
        return;
      case 'draft':
        return this.saveDraft({ ...this.draft, fields: message.fields });
      case 'loadAccounts':
        return this.sendAccounts();
      case 'loadProducts':
        return this.sendProducts(message.sac);
      case 'pickFiles':
        return this.pickFiles();
      case 'removeFile':
        await this.saveDraft({ ...this.draft, files: this.draft.files.filter((_, i) => i !== message.index) });
        this.postFiles();
        return;
      case 'submit':
        await this.submit(message.fields);
        return;
      case 'cancel':
        this.cancel();
        return;
    }
  }

  /** The form's checks; the request to send, or the problems shown. */
  private async prepare(fields: NewCaseFields, draftId: string): Promise<{ request: WriteRequest; fileCount: number } | { problems: NewCaseProblem[] }> {
    await this.saveDraft({ ...this.draft, id: draftId, fields });
    const { files, unreadable } = await this.refreshFileSizes();
    const draft: NewCaseDraft = { fields, files };
    let products: ProductOption[] | undefined;
    if (fields.sac !== '') {
      products = await this.source.listProducts(this.account, fields.sac).catch(() => undefined);
    }
    const problems = [...checkNewCase(draft, products), ...unreadable];
    if (problems.length > 0) {
      this.post({ type: 'problems', scope: 'all', problems, summary: problems.length === 1 ? vscode.l10n.t('Correct the marked field to create the case.') : vscode.l10n.t('Correct the {0} marked fields to create the case.', problems.length) });
      return { problems };
    }
    return { request: { kind: 'newCase', input: toNewCaseInput(draft) }, fileCount: files.length };
  }

  private settle(result: WriteResult): Promise<SendOutcome> {
    return settleNewCase(result, {
      post: (message) => this.post(message),
      confirmed: (caseNumber, text, severity) => this.confirmed(caseNumber, text, severity),
      showFailure: (error) => this.showFailure(error)
    });
  }

  /** The API confirmed the case: forget the draft, remember the contact, open the case on top of the tree. */
  private async confirmed(caseNumber: string, text: string, severity: 'info' | 'warning'): Promise<void> {
    // Nothing here may throw: the case exists, so no failure may be reported as "not created".
    this.created = true;
    const contact = this.draft.fields.contact.trim();
    this.draft = { fields: { ...EMPTY_FIELDS, contact }, files: [] };
    this.saving = this.saving
      .then(() => this.drafts.clear(this.account))
      .catch((err: unknown) => this.deps.logger.warn(`Clearing the New Support Case draft failed: ${err instanceof Error ? err.message : String(err)}`));
    await this.saving;
    await this.deps.contacts.set(this.account, contact).catch((err: unknown) => this.deps.logger.warn(`Remembering the contact e-mail failed: ${String(err)}`));
    void (severity === 'info' ? this.deps.messages.info(text) : this.deps.messages.warning(text));
    this.deps.refreshCases().catch((err: unknown) => this.deps.logger.warn(`Refreshing the cases after creating one failed: ${String(err)}`));
    this.dispose();
    await this.deps.openCase({ account: this.account, caseNumber }).catch((err: unknown) => this.deps.messages.report(vscode.l10n.t('Opening case {0}', caseNumber), err));
  }

  private showFailure(error: ApiErrorDetails): void {
    const summary = failureSummary(error);
    if (this.isDisposed) {
      void this.deps.messages.error(vscode.l10n.t('Axway Support: {0} Run New Case to see it.', summary));
      return;
    }
    this.post({ type: 'problems', scope: 'all', problems: [], summary });
  }

  private async sendAccounts(): Promise<void> {
    try {
      const accounts = await this.source.listAccounts(this.account);
      this.post({ type: 'accounts', html: renderAccountOptions(accounts) });
    } catch (err) {
      this.post({ type: 'loadError', field: 'sac', message: vscode.l10n.t('The accounts could not be loaded. {0}', describeLoadError(err)) });
    }
  }

  private async sendProducts(sac: string): Promise<void> {
    try {
      const products = await this.source.listProducts(this.account, sac);
      const rendered = renderProductOptions(products);
      this.post({ type: 'products', sac, html: rendered.html, choices: rendered.choices });
    } catch (err) {
      this.post({ type: 'loadError', field: 'product', sac, message: vscode.l10n.t('The products of {0} could not be loaded. {1}', sac, describeLoadError(err)) });
    }
  }

  private async pickFiles(): Promise<void> {
    const paths = await (this.deps.pickFiles ?? pickPaths)();
    if (paths && paths.length > 0) {
      await this.addFiles(paths);
    }
  }

  /** Files may have changed since they were chosen: the API's limits apply to what is sent. */
  private async refreshFileSizes(): Promise<{ files: NewCaseFile[]; unreadable: NewCaseProblem[] }> {
    const { files, unreadable } = await currentSizes(this.draft.files);
    await this.saveDraft({ ...this.draft, files });
    this.postFiles();
    return { files, unreadable };
  }

  private saveDraft(draft: NewCaseDraft): Promise<void> {
    if (this.created) {
      // The case exists: a page message that arrives late (its 'shown' after a reload's look-up found the case, a
      // last keystroke) must not bring the sent draft back.
      return this.saving;
    }
    this.draft = draft;
    this.saving = this.saving.then(() => this.drafts.set(this.account, draft)).catch((err: unknown) => {
      this.deps.logger.warn(`Keeping the New Support Case draft failed: ${err instanceof Error ? err.message : String(err)}`);
    });
    return this.saving;
  }

  private fileViews(): FileView[] {
    return this.draft.files.map((f) => ({ name: f.name, size: f.size }));
  }

  private postFiles(): void {
    this.post({ type: 'files', files: this.fileViews() });
  }

  private writePage(): void {
    this.panel.webview.html = renderNewCasePage(pageResources(this.panel.webview, this.deps.extensionUri, 'newCase'), this.account, newCasePageStrings());
  }

  private post(message: HostMessage): void {
    if (this.isDisposed) {
      return;
    }
    this.posted.fire(message);
    this.postToPage(message, 'The New Support Case tab did not take a message');
  }
}
