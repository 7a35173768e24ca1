// The New Support Case tab: one form per window, for the signed-in account. The page is written once; accounts,
// products, chosen files, problems and the sending state reach it by message. What the person typed is kept twice:
// in the page's own state (survives hiding and a window reload) and in extension state per account (survives
// closing the tab); both are cleared only after the API confirmed the case.
//
// Sending never happens twice: CaseWrites claims the press before the first await, keeps a marker until the outcome
// is known (across reloads and windows), and looks a lost answer up among the recent cases before offering again.

import { promises as fs } from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { randomUUID } from 'crypto';
import { ApiError, toDetails, type ApiErrorDetails } from '../../api/errors';
import type { Logger, ProductOption, SupportAccount, SupportApiClient } from '../../api/types';
import type { CaseWrites, WriteIdentity, WriteRequest, WriteResult } from '../../cases/caseWrites';
import type { CaseRef } from '../../cases/caseRef';
import {
  checkFiles, checkNewCase, EMPTY_FIELDS, NewCaseDraft, NewCaseFields, NewCaseFile, NewCaseProblem, toNewCaseInput
} from '../../cases/newCaseRules';
import { MAX_ATTACHMENTS } from '../../cases/noteRules';
import type { Telemetry } from '../../telemetry/telemetry';
import { telemetryErrorProps } from '../../telemetry/sanitize';
import { NEW_CASE_VIEW_TYPE } from '../../util/ids';
import { NewCaseDrafts } from './draftStore';
import { phaseText, sentence, settleNewCase, type SendOutcome } from './newCaseOutcome';
import { FileView, HostMessage, PageMessage, parsePageMessage, parsePanelState } from './messages';
import { renderAccountOptions, renderNewCasePage, renderProductOptions } from './renderNewCase';
import { createWebviewTab, pageResources, WebviewTab, webviewOptions } from '../webviewShell';

export interface NewCaseMessages {
  info(text: string, ...actions: string[]): Promise<string | undefined>;
  warning(text: string, ...actions: string[]): Promise<string | undefined>;
  error(text: string, ...actions: string[]): Promise<string | undefined>;
  report(what: string, err: unknown): void;
}

export interface NewCaseDeps {
  readonly extensionUri: vscode.Uri;
  /** The Support API as the given account: a case is only ever read or written with its own account's token. */
  readonly api: (account: string) => Promise<SupportApiClient>;
  readonly logger: Logger;
  readonly telemetry: Telemetry;
  readonly messages: NewCaseMessages;
  /**
   * `preferred` when that account is signed in, else the first signed-in account (undefined when signed out);
   * resolves only after the stored credentials were first read.
   */
  readonly currentAccount: (preferred?: string) => Promise<string | undefined>;
  /** Whether the account is signed in now, and an event when that may have changed (sign-in, sign-out). */
  readonly isSignedIn: (account: string) => boolean;
  readonly onDidChangeAccount: (listener: () => void) => { dispose(): void };
  /** The per-account contact e-mail (auth/contactEmails.ts). */
  readonly contacts: { get(account: string): string | undefined; set(account: string, email: string): Promise<void> };
  /** Where drafts are kept (extension global state). */
  readonly state: vscode.Memento;
  /** The one write path: sends once, keeps a marker until the outcome is known, looks a lost answer up. */
  readonly writes: CaseWrites;
  /** Opens a case in its tab (the Open Case command). */
  readonly openCase: (ref: CaseRef) => Promise<void>;
  /** Reloads the Recent Cases tree, so a new case tops it. */
  readonly refreshCases: () => Promise<void>;
  /** Asks for files to attach; the default is VS Code's open dialog. */
  readonly pickFiles?: () => Promise<readonly string[] | undefined>;
}

export type { SendOutcome } from './newCaseOutcome';

export class NewCaseManager implements vscode.WebviewPanelSerializer<unknown>, vscode.Disposable {
  private panel: NewCasePanel | undefined;
  private readonly drafts: NewCaseDrafts;
  /** Per signed-in account and support access code, for as long as the window is open: one request each. */
  private readonly products = new Map<string, Promise<ProductOption[]>>();
  private readonly accounts = new Map<string, Promise<SupportAccount[]>>();
  private readonly subscription: { dispose(): void };
  private readonly opened = new vscode.EventEmitter<NewCasePanel>();
  /** Fires with every form tab created or restored. */
  readonly onDidOpen = this.opened.event;

  constructor(private readonly deps: NewCaseDeps) {
    this.drafts = new NewCaseDrafts(deps.state);
    // Signed out, or another account signed in: the form (and its drafts' account) no longer applies.
    this.subscription = deps.onDidChangeAccount(() => {
      if (this.panel && !deps.isSignedIn(this.panel.account)) {
        this.panel.dispose();
      }
    });
  }

  /** The open form, if any. */
  get current(): NewCasePanel | undefined {
    return this.panel;
  }

  /** The stored draft of an account (tests read it). */
  draftOf(account: string): NewCaseDraft | undefined {
    return this.drafts.get(account);
  }

  /** Shows the form for the account (default: the first signed-in one); undefined when signed out. */
  async open(requested?: string): Promise<NewCasePanel | undefined> {
    const account = await this.deps.currentAccount(requested);
    if (account === undefined || (requested !== undefined && account !== requested)) {
      return undefined;
    }
    if (this.panel && this.panel.account === account) {
      this.panel.reveal();
      return this.panel;
    }
    this.panel?.dispose();
    const panel = createWebviewTab(NEW_CASE_VIEW_TYPE, PANEL_TITLE, this.deps.extensionUri);
    return this.track(panel, account);
  }

  /** Restores the form after a window reload, for the account signed in then (and only that one). */
  async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: unknown): Promise<void> {
    const saved = parsePanelState(state);
    let account: string | undefined;
    try {
      account = await this.deps.currentAccount(saved.account);
    } catch (err) {
      this.deps.logger.warn(`Restoring the New Support Case tab: the signed-in account could not be read (${err instanceof Error ? err.message : String(err)}).`);
    }
    if (account === undefined || (saved.account !== undefined && saved.account !== account) || this.panel) {
      // Signed out, another account's form, or a form is open already: the draft stays stored for its account.
      panel.dispose();
      return;
    }
    panel.webview.options = webviewOptions(this.deps.extensionUri);
    this.track(panel, account);
  }

  dispose(): void {
    this.panel?.dispose();
    this.subscription.dispose();
    this.opened.dispose();
  }

  /** GET /account, once per signed-in account while the window is open (retried after a failure). */
  listAccounts(account: string): Promise<SupportAccount[]> {
    return this.cached(this.accounts, account, async () => (await this.deps.api(account)).listAccounts());
  }

  /** GET /product?sac=, once per account and support access code while the window is open. */
  listProducts(account: string, sac: string): Promise<ProductOption[]> {
    return this.cached(this.products, `${account}\u0000${sac}`, async () => (await this.deps.api(account)).listProducts(sac));
  }

  private cached<T>(cache: Map<string, Promise<T>>, key: string, load: () => Promise<T>): Promise<T> {
    let pending = cache.get(key);
    if (!pending) {
      pending = load();
      cache.set(key, pending);
      // A failure is not cached: Retry asks again.
      pending.catch(() => {
        if (cache.get(key) === pending) {
          cache.delete(key);
        }
      });
    }
    return pending;
  }

  private track(webviewPanel: vscode.WebviewPanel, account: string): NewCasePanel {
    const panel = new NewCasePanel(webviewPanel, account, this.deps, this.drafts, this);
    this.panel = panel;
    panel.onDidDispose(() => {
      if (this.panel === panel) {
        this.panel = undefined;
      }
    });
    this.opened.fire(panel);
    return panel;
  }
}

const PANEL_TITLE = 'New Support Case';

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
    private readonly source: Pick<NewCaseManager, 'listAccounts' | 'listProducts'>
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
    this.handle(message).catch((err: unknown) => this.deps.messages.report(`The New Support Case form's "${message.type}" action`, err));
  }

  /** Adds files (absolute paths) to the draft, checking the attachment rules; refused files are said at the field. */
  async addFiles(paths: readonly string[]): Promise<void> {
    const problems: NewCaseProblem[] = [];
    const files = [...this.draft.files];
    for (const filePath of paths) {
      if (files.some((f) => f.path === filePath)) {
        continue;
      }
      const name = path.basename(filePath);
      let size: number;
      try {
        const stat = await fs.stat(filePath);
        if (!stat.isFile()) {
          problems.push({ field: 'files', message: `${name} is not a file.` });
          continue;
        }
        size = stat.size;
      } catch {
        problems.push({ field: 'files', message: `${name} cannot be read.` });
        continue;
      }
      const refused = checkFiles([{ name, size }]);
      if (refused.length > 0) {
        problems.push(...refused);
        continue;
      }
      if (files.length >= MAX_ATTACHMENTS) {
        problems.push({ field: 'files', message: `${name} was not attached: at most ${MAX_ATTACHMENTS} files are allowed.` });
        continue;
      }
      files.push({ path: filePath, name, size });
    }
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
    this.post({ type: 'sending', sending: true, text: 'Checking…' });
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
      this.record(result, started, fileCount);
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
    this.post({ type: 'sending', sending: true, text: 'This case was being created when the window closed. Checking whether it was created…' });
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
      this.post({ type: 'problems', scope: 'all', problems, summary: `Correct ${problems.length === 1 ? 'the marked field' : `the ${problems.length} marked fields`} to create the case.` });
      return { problems };
    }
    return { request: { kind: 'newCase', input: toNewCaseInput(draft) }, fileCount: files.length };
  }

  private record(result: WriteResult, started: number, files: number): void {
    const measures = { durationMs: Date.now() - started, files };
    if (result.kind === 'done' || result.kind === 'partial') {
      this.deps.telemetry.sendEvent('case.create', { result: result.kind === 'done' && result.how === 'confirmed' ? 'success' : 'recovered' }, measures);
    } else if (result.kind === 'notDone' || result.kind === 'unknown') {
      this.deps.telemetry.sendError('case.create', { result: 'failure', ...telemetryErrorProps(new ApiError(result.error)) }, measures);
    }
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
    await this.deps.openCase({ account: this.account, caseNumber }).catch((err: unknown) => this.deps.messages.report(`Opening case ${caseNumber}`, err));
  }

  private showFailure(error: ApiErrorDetails): void {
    const tid = error.troubleshootingId ? ` (Troubleshooting ID: ${error.troubleshootingId})` : '';
    const next =
      error.kind === 'notSignedIn' || error.kind === 'credentialsRejected'
        ? ' Sign in again (Axway Support: Sign in), then create the case.'
        : error.kind === 'forbidden'
          ? ' Choose another account, or ask your administrator for access.'
          : ' Try again in a moment.';
    const summary = `The case was not created. ${sentence(error.message)}${tid}${next} Your draft is kept.`;
    if (this.isDisposed) {
      void this.deps.messages.error(`Axway Support: ${summary} Run New Case to see it.`);
      return;
    }
    this.post({ type: 'problems', scope: 'all', problems: [], summary });
  }

  private async sendAccounts(): Promise<void> {
    try {
      const accounts = await this.source.listAccounts(this.account);
      this.post({ type: 'accounts', html: renderAccountOptions(accounts) });
    } catch (err) {
      this.post({ type: 'loadError', field: 'sac', message: `The accounts could not be loaded. ${describe(err)}` });
    }
  }

  private async sendProducts(sac: string): Promise<void> {
    try {
      const products = await this.source.listProducts(this.account, sac);
      const rendered = renderProductOptions(products);
      this.post({ type: 'products', sac, html: rendered.html, choices: rendered.choices });
    } catch (err) {
      this.post({ type: 'loadError', field: 'product', sac, message: `The products of ${sac} could not be loaded. ${describe(err)}` });
    }
  }

  private async pickFiles(): Promise<void> {
    const pick =
      this.deps.pickFiles ??
      (async (): Promise<string[] | undefined> =>
        (await vscode.window.showOpenDialog({ canSelectMany: true, canSelectFiles: true, canSelectFolders: false, openLabel: 'Attach', title: 'Attach Files to the New Case' }))?.map(
          (uri) => uri.fsPath
        ));
    const paths = await pick();
    if (paths && paths.length > 0) {
      await this.addFiles(paths);
    }
  }

  /** Files may have changed since they were chosen: the API's limits apply to what is sent. */
  private async refreshFileSizes(): Promise<{ files: NewCaseFile[]; unreadable: NewCaseProblem[] }> {
    const files: NewCaseFile[] = [];
    const unreadable: NewCaseProblem[] = [];
    for (const file of this.draft.files) {
      try {
        files.push({ ...file, size: (await fs.stat(file.path)).size });
      } catch {
        files.push(file);
        unreadable.push({ field: 'files', message: `${file.name} can no longer be read. Remove it, or attach it again.` });
      }
    }
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
    this.panel.webview.html = renderNewCasePage(pageResources(this.panel.webview, this.deps.extensionUri, 'newCase'), this.account);
  }

  private post(message: HostMessage): void {
    if (this.isDisposed) {
      return;
    }
    this.posted.fire(message);
    this.postToPage(message, 'The New Support Case tab did not take a message');
  }
}


function describe(err: unknown): string {
  const error = toDetails(err);
  return `${sentence(error.message)}${error.troubleshootingId ? ` (Troubleshooting ID: ${error.troubleshootingId})` : ''}`;
}
