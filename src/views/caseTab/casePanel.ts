// One webview tab per case (account + case number): opening a case again reveals its tab; tabs come back after a
// window reload through the serializer, but only for the account signed in then.
//
// A tab's HTML is written once. Loading, data and error states go to the page with postMessage and the page swaps
// them in, so keyboard focus, scroll position and whatever is typed in the page's static region survive them.
// The request behind a tab is cancelled when a newer one starts, when the tab closes and on sign-out.

import * as vscode from 'vscode';
import { toDetails } from '../../api/errors';
import { CaseDetail, Logger, SupportApiClient } from '../../api/types';
import { CaseRef, caseKey } from '../../cases/caseRef';
import { Telemetry } from '../../telemetry/telemetry';
import { telemetryErrorProps } from '../../telemetry/sanitize';
import { PANEL_VIEW_TYPE } from '../../util/ids';
import { plainText } from '../../util/text';
import { isTypedCaseNumber } from '../../cases/caseRef';
import type { NoteFormTab, NoteForms } from './formsHost';
import { CasePanelState, FormFocus, FormMessage, parsePanelState, parseWebviewMessage, StateMessage, WebviewMessage } from './messages';
import { composePage, PanelContent, renderCasePage, toStateMessage } from './renderCase';
import { createWebviewTab, pageResources, WebviewTab, webviewOptions } from '../webviewShell';

export interface CasePanelDeps {
  readonly extensionUri: vscode.Uri;
  /** The Support API as the given account: a case is only ever read or written with its own account's token. */
  readonly api: (account: string) => Promise<SupportApiClient>;
  readonly logger: Logger;
  readonly telemetry: Telemetry;
  readonly openPortal: (caseNumber: string) => Promise<void>;
  /** Signs in again for the tab's account (its client ID filled in when the account is still stored, e.g. refused). */
  readonly signIn: (account: string) => Promise<void>;
  /**
   * `preferred` when that account is signed in; else (a tab saved by 0.1.0, without an account) the first signed-in
   * account; another signed-in account's id when `preferred` is not (the tab must not show under it); undefined
   * when signed out. Must resolve only after the stored credentials were first read: restored tabs wait for it, so
   * the outcome does not depend on the order of startup events.
   */
  readonly currentAccount: (preferred?: string) => Promise<string | undefined>;
  /** Reports a failure nobody else handled (with a message and Show Log). */
  readonly report: (what: string, err: unknown) => void;
  /** The note form's host side, loaded on first use; without it the form's messages are ignored (tests' managers). */
  readonly forms?: { get(): NoteForms; readonly isLoaded?: boolean };
}

/** Run with the tab's CaseRef (and the attachment): implemented by the download and close commands. */
export const DOWNLOAD_ATTACHMENT_COMMAND = 'axwaySupport.downloadAttachment';
export const CLOSE_CASE_COMMAND = 'axwaySupport.closeCase';

export class CasePanelManager implements vscode.WebviewPanelSerializer<unknown>, vscode.Disposable {
  private readonly panels = new Map<string, CasePanel>();

  constructor(private readonly deps: CasePanelDeps) {}

  /** Shows the case's tab, creating and loading it only if it is not open yet. */
  open(ref: CaseRef): CasePanel {
    const existing = this.panels.get(caseKey(ref));
    if (existing) {
      existing.reveal();
      return existing;
    }
    const panel = createWebviewTab(PANEL_VIEW_TYPE, panelTitle(ref.caseNumber), this.deps.extensionUri);
    return this.track(new CasePanel(panel, ref, this.deps));
  }

  /**
   * Restores a tab after a window reload. Waits for the stored credentials to be read, then: signed out, or
   * signed in with another account than the tab's, closes it (no case data of another account on screen);
   * otherwise the tab loads. A tab saved without an account (0.1.0) is adopted by the signed-in account.
   */
  async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: unknown): Promise<void> {
    // The page saves its state shortly after it loads; a reload right after opening finds none, so fall back
    // to the case number in the tab's title ("Case 01314580: …").
    const restored = parsePanelState(state) ?? stateFromTitle(panel.title);
    if (!restored) {
      panel.dispose();
      return;
    }
    let account: string | undefined;
    try {
      account = await this.deps.currentAccount(restored.account);
    } catch (err) {
      this.deps.logger.warn(`Restoring a case tab: the signed-in account could not be read (${err instanceof Error ? err.message : String(err)}).`);
      account = undefined;
    }
    if (account === undefined || (restored.account !== undefined && restored.account !== account)) {
      panel.dispose();
      return;
    }
    const ref: CaseRef = { account, caseNumber: restored.caseNumber };
    if (this.panels.has(caseKey(ref))) {
      // Opened meanwhile (or restored twice): one tab per case.
      panel.dispose();
      return;
    }
    panel.webview.options = webviewOptions(this.deps.extensionUri);
    this.track(new CasePanel(panel, ref, this.deps));
  }

  get(ref: CaseRef): CasePanel | undefined {
    return this.panels.get(caseKey(ref));
  }

  get openRefs(): CaseRef[] {
    return [...this.panels.values()].map((panel) => panel.ref);
  }

  /**
   * Reloads every open tab, e.g. after signing in again with the same pair (which changes no stored secret).
   * Each tab shows its own outcome (load() never rejects), so nobody has to wait for this.
   */
  reloadAll(): void {
    for (const panel of this.panels.values()) {
      void panel.load();
    }
  }

  /**
   * Cancels every tab's request and replaces its case with the sign-in page (e.g. the stored pair was refused):
   * no case data stays on screen, and the tab's Sign in button can bring it back with reloadAll().
   */
  requireSignIn(account?: string): void {
    for (const panel of this.panels.values()) {
      if (account === undefined || panel.ref.account === account) {
        panel.requireSignIn();
      }
    }
  }

  /** Closes the tabs of every account not in `accounts` (an account signed out) and cancels their requests. */
  closeOthers(accounts: readonly string[]): void {
    for (const panel of [...this.panels.values()]) {
      if (!accounts.includes(panel.ref.account)) {
        panel.dispose();
      }
    }
  }

  /** Closes every tab and cancels their requests (sign-out). */
  closeAll(): void {
    this.closeExcept(undefined);
  }

  /** Closes the tabs of every account but `account` and cancels their requests (another account signed in). */
  closeExcept(account: string | undefined): void {
    for (const panel of [...this.panels.values()]) {
      if (account === undefined || panel.ref.account !== account) {
        panel.dispose();
      }
    }
  }

  /** Closes every tab; the manager stays usable (tabs may open again after the next sign-in). */
  dispose(): void {
    this.closeAll();
  }

  private track(panel: CasePanel): CasePanel {
    const key = caseKey(panel.ref);
    this.panels.set(key, panel);
    panel.onDidDispose(() => {
      // Closing the tab stops its note's upload (a note whose last byte left is still looked up).
      if (this.deps.forms !== undefined && this.deps.forms.isLoaded !== false) {
        this.deps.forms.get().cancel(panel.ref);
      }
      if (this.panels.get(key) === panel) {
        this.panels.delete(key);
      }
    });
    void panel.load();
    return panel;
  }
}

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
    const message = parseWebviewMessage(raw);
    if (!message) {
      return;
    }
    try {
      await this.handle(message);
    } catch (err) {
      this.deps.report(`The case tab's "${message.type}" action`, err);
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

  private async handle(message: WebviewMessage): Promise<void> {
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
    const page = renderCasePage(pageResources(this.panel.webview, this.deps.extensionUri, 'case'), this.content, this.ref.account);
    this.panel.webview.html = page;
    this.writes++;
    return page;
  }

  private showSignIn(): void {
    // The title carried the subject: case data too.
    this.panel.title = panelTitle(this.caseNumber);
    this.show({ kind: 'error', caseNumber: this.caseNumber, error: { kind: 'notSignedIn', message: 'Sign in to see this case.' } });
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

function panelTitle(caseNumber: string, detail?: CaseDetail): string {
  const number = plainText(caseNumber, 40);
  const subject = plainText(detail?.subject, 40);
  return subject ? `Case ${number}: ${subject}` : `Case ${number}`;
}

/** Tabs restored before their page saved any state still carry the case number in their title. */
function stateFromTitle(title: string): CasePanelState | undefined {
  const caseNumber = /^Case ([A-Za-z0-9-]+)(?::|$)/.exec(title)?.[1];
  return caseNumber ? { caseNumber } : undefined;
}

/** A case number typed by a person or passed to the Open Case command. */
export function asCaseNumber(value: unknown): string | undefined {
  if (typeof value !== 'string') {
    return undefined;
  }
  const trimmed = plainText(value);
  return isTypedCaseNumber(trimmed) ? trimmed : undefined;
}

export type { CasePanelState };
