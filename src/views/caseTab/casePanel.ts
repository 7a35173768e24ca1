// One case's tab (its manager, casePanelManager.ts, opens, restores and closes them).
//
// A tab's HTML is written once. Loading, data and error states go to the page with postMessage and the page swaps
// them in, so keyboard focus, scroll position and whatever is typed in the page's static region survive them.
// The request behind a tab is cancelled when a newer one starts, when the tab closes and on sign-out.
// About 300 lines, kept whole on purpose: the load, the page's messages and the state sent to it share one tab's
// request, sequence number and last message; rendering (renderCase.ts) and the note form (noteForms.ts) live beside it.

import * as vscode from 'vscode';
import { toDetails } from '../../api/errors';
import type { CaseDetail } from '../../api/types';
import type { CaseRef } from '../../cases/caseRef';
import { telemetryErrorProps } from '../../telemetry/sanitize';
import type { NoteFormTab } from './formsHost';
import { CLOSE_CASE_COMMAND, DOWNLOAD_ATTACHMENT_COMMAND, type CasePanelDeps } from './caseTabDeps';
import { panelTitle } from './caseTitle';
import type { CasePageStrings, FormFocus, FormMessage, PageMessage, StateMessage } from '../../webviews/case/protocol';
import { parsePageMessage } from '../../webviews/case/protocol';
import { composePage, PanelContent, renderCasePage, toStateMessage } from './renderCase';
import { pageResources, WebviewTab } from '../webviewShell';

export class CasePanel extends WebviewTab implements NoteFormTab {
  private content: PanelContent;
  private loadSeq = 0;
  private messageSeq = 0;
  private inflight: AbortController | undefined;
  private writes = 0;
  private readonly page: string;
  private lastSent: StateMessage | undefined;
  private acknowledged = 0;
  private readonly rendered = this.emitter<PanelContent>();
  /** Fires after every state change sent to the page (tests wait on it instead of sleeping). */
  readonly onDidRender = this.rendered.event;
  private readonly pageRendered = this.emitter<number>();
  /** Fires with a state's `seq` when the page reports it on screen. */
  readonly onDidPageRender = this.pageRendered.event;
  private readonly formPosted = this.emitter<FormMessage>();
  /** Fires with every note form state sent to the page (tests wait on it). */
  readonly onDidPostForm = this.formPosted.event;
  private readonly formFocused = this.emitter<FormFocus>();
  /** Fires when the page reports that it focused a control of the note form as asked. */
  readonly onDidFocusForm = this.formFocused.event;
  private lastForm: FormMessage | undefined;
  private focusedFormField: FormFocus | undefined;
  /** The page said 'ready' and has not been hidden since: messages reach it. */
  private pageListening = false;
  /** A focus request made while the page was not listening: delivered when it says 'ready'. */
  private pendingFocus: FormFocus | undefined;

  constructor(
    panel: vscode.WebviewPanel,
    readonly ref: CaseRef,
    private readonly deps: CasePanelDeps
  ) {
    super(panel, deps.logger);
    this.content = { kind: 'loading', caseNumber: ref.caseNumber };
    this.disposables.push(
      // A hidden page is unloaded (no retainContextWhenHidden) and says 'ready' again when shown.
      panel.onDidChangeViewState((e) => {
        if (!e.webviewPanel.visible) {
          this.pageListening = false;
        }
      }),
      panel.webview.onDidReceiveMessage((raw: unknown) => void this.receive(raw))
    );
    this.page = this.writePage();
  }

  get caseNumber(): string {
    return this.ref.caseNumber;
  }

  get state(): PanelContent {
    return this.content;
  }

  /** The case as last loaded, if any. */
  get detail(): CaseDetail | undefined {
    return this.content.kind === 'loaded' ? this.content.detail : undefined;
  }

  /**
   * Handles a message from the page (untrusted: checked first). Resolves when its action ended; never rejects
   * (a failure is reported). Public so tests can act as the page does.
   */
  async receive(raw: unknown): Promise<void> {
    const message = parsePageMessage(raw);
    if (!message) {
      return;
    }
    try {
      await this.handle(message);
    } catch (err) {
      this.deps.report(vscode.l10n.t('The case tab\'s "{0}" action', message.type), err);
    }
  }

  /** The note form control the page last reported focused on request. */
  get focusedField(): FormFocus | undefined {
    return this.focusedFormField;
  }

  /** The note form state last sent to the page. */
  get lastFormMessage(): FormMessage | undefined {
    return this.lastForm;
  }

  /** Sends the note form's state (NoteForms calls it); one-shot parts (fill, focus) are not sent again on 'ready'. */
  postForm(message: FormMessage): void {
    if (this.isDisposed) {
      return;
    }
    this.lastForm = message;
    this.postToPage(message, 'A case tab did not take its form state');
    this.formPosted.fire(message);
  }

  /** Shows the tab and puts keyboard focus in the note form (now, or as soon as the page listens). */
  focusNoteForm(field: FormFocus = 'subject'): void {
    this.reveal();
    if (this.pageListening && this.deps.forms) {
      this.deps.forms.get().pageReady(this, field);
    } else {
      this.pendingFocus = field;
    }
  }

  /** How often webview.html was assigned: once per tab (tests assert it). */
  get htmlWrites(): number {
    return this.writes;
  }

  /** The HTML written when the tab was created. */
  get initialHtml(): string {
    return this.page;
  }

  /** The last state sent to the page, if any. */
  get lastMessage(): StateMessage | undefined {
    return this.lastSent;
  }

  /** The highest state `seq` the page reported on screen (0: none yet). */
  get pageRenderedSeq(): number {
    return this.acknowledged;
  }

  /**
   * The page's markup as it is now: the HTML written once, with the content region holding the fragment of the
   * last state sent (tests search it for leaks and escaping).
   */
  get html(): string {
    return this.lastSent ? composePage(this.page, this.lastSent.html) : this.page;
  }

  /** Fetches the case; a newer load cancels an older one still in flight. */
  async load(): Promise<void> {
    if (this.isDisposed) {
      return;
    }
    const seq = ++this.loadSeq;
    this.inflight?.abort();
    const controller = new AbortController();
    this.inflight = controller;
    const started = Date.now();
    const previous = this.content;
    this.show(previous.kind === 'loaded' ? { ...previous, refreshing: true } : { kind: 'loading', caseNumber: this.caseNumber });
    try {
      const account = await this.deps.currentAccount(this.ref.account);
      if (seq !== this.loadSeq) {
        return;
      }
      if (account !== undefined && account !== this.ref.account) {
        // Another account is signed in: its credentials must not fetch, nor show, this account's case.
        this.dispose();
        return;
      }
      if (account === undefined) {
        this.showSignIn();
        return;
      }
      const api = await this.deps.api(this.ref.account);
      const detail = await api.getCase(this.caseNumber, controller.signal);
      if (seq !== this.loadSeq) {
        return;
      }
      this.panel.title = panelTitle(this.caseNumber, detail);
      this.show({ kind: 'loaded', caseNumber: this.caseNumber, detail });
      this.deps.telemetry.sendEvent('case.open', { result: 'success' }, { durationMs: Date.now() - started, noteCount: detail.notes.length });
    } catch (err) {
      if (seq !== this.loadSeq) {
        return;
      }
      const error = toDetails(err);
      this.deps.logger.warn(`Loading a case failed: ${error.kind}${error.troubleshootingId ? ` tid=${error.troubleshootingId}` : ''}`);
      this.deps.telemetry.sendError('case.open', { result: 'failure', ...telemetryErrorProps(err) }, { durationMs: Date.now() - started });
      this.show({ kind: 'error', caseNumber: this.caseNumber, error });
    } finally {
      if (this.inflight === controller) {
        this.inflight = undefined;
      }
    }
  }

  /** Cancels the request in flight and shows the sign-in page instead of the case. */
  requireSignIn(): void {
    if (this.isDisposed) {
      return;
    }
    this.loadSeq++;
    this.inflight?.abort();
    this.inflight = undefined;
    this.showSignIn();
  }

  /** Closing the tab cancels its request: a late answer changes nothing. */
  protected override cancelWork(): void {
    this.loadSeq++;
    this.inflight?.abort();
    this.inflight = undefined;
  }

  private async handle(message: PageMessage): Promise<void> {
    switch (message.type) {
      case 'ready': {
        // A fresh page (first load, or shown again after being hidden) starts from the HTML written once.
        this.pageListening = true;
        this.post();
        const focus = this.pendingFocus;
        this.pendingFocus = undefined;
        this.deps.forms?.get().pageReady(this, focus);
        return;
      }
      case 'rendered':
        if (message.seq > this.acknowledged && message.seq <= this.messageSeq) {
          this.acknowledged = message.seq;
          this.pageRendered.fire(message.seq);
        }
        return;
      case 'refresh':
        return this.load();
      case 'openPortal':
        return this.deps.openPortal(this.caseNumber);
      case 'signIn':
        return this.deps.signIn(this.ref.account);
      case 'noteDraft':
      case 'addNote':
      case 'cancelNote':
      case 'pickFiles':
      case 'removeFile':
        return this.deps.forms?.get().handle(this, message);
      case 'formFocused':
        this.focusedFormField = message.field;
        this.formFocused.fire(message.field);
        return;
      case 'download':
        return this.download(message.id);
      case 'closeCase':
        await vscode.commands.executeCommand(CLOSE_CASE_COMMAND, this.ref);
        return;
    }
  }

  /** Only an attachment of the case on screen: the page is untrusted input and may name any id. */
  private async download(id: string): Promise<void> {
    const detail = this.detail;
    const attachment = detail ? [...detail.attachments, ...detail.notes.flatMap((n) => n.attachments)].find((a) => a.id === id) : undefined;
    if (!attachment) {
      this.deps.logger.warn('A case tab asked to download an attachment that is not on the case shown.');
      return;
    }
    await vscode.commands.executeCommand(DOWNLOAD_ATTACHMENT_COMMAND, this.ref, { id: attachment.id, name: attachment.name });
  }

  private writePage(): string {
    const strings: CasePageStrings = { refreshing: vscode.l10n.t('Refreshing…') };
    const page = renderCasePage(pageResources(this.panel.webview, this.deps.extensionUri, 'case'), this.content, this.ref.account, strings);
    this.panel.webview.html = page;
    this.writes++;
    return page;
  }

  private showSignIn(): void {
    // The title carried the subject: case data too.
    this.panel.title = panelTitle(this.caseNumber);
    this.show({ kind: 'error', caseNumber: this.caseNumber, error: { kind: 'notSignedIn', message: vscode.l10n.t('Sign in to see this case.') } });
  }

  private show(content: PanelContent): void {
    if (this.isDisposed) {
      return;
    }
    this.content = content;
    this.lastSent = toStateMessage(++this.messageSeq, this.ref, content);
    this.post();
    this.rendered.fire(content);
  }

  /** Sends the current state. A page that is not listening yet gets it again when it says 'ready'. */
  private post(): void {
    const message = this.lastSent;
    if (!message || this.isDisposed) {
      return;
    }
    this.postToPage(message, 'A case tab did not take its state');
  }
}
