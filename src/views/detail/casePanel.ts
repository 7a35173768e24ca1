// One webview panel per case: opening a case again reveals its panel; panels come back after a reload
// through the serializer. The page is re-rendered from escaped HTML on every state change.

import { randomBytes } from 'crypto';
import * as vscode from 'vscode';
import { CaseDetail, Logger, SupportApiClient } from '../../api/types';
import { Telemetry } from '../../telemetry/telemetry';
import { telemetryErrorProps } from '../../telemetry/sanitize';
import { PANEL_VIEW_TYPE } from '../../util/ids';
import { toDetails } from '../../api/errors';
import { CasePanelState, isCaseNumber, parsePanelState, parseWebviewMessage, WebviewMessage } from './messages';
import { PanelContent, renderCasePage } from './renderCase';

export interface CasePanelDeps {
  readonly extensionUri: vscode.Uri;
  readonly api: () => Promise<SupportApiClient>;
  readonly logger: Logger;
  readonly telemetry: Telemetry;
  readonly openPortal: (caseNumber: string) => Promise<void>;
  readonly signIn: () => Promise<void>;
}

export class CasePanelManager implements vscode.WebviewPanelSerializer<unknown>, vscode.Disposable {
  private readonly panels = new Map<string, CasePanel>();
  private account: string | undefined;

  constructor(private readonly deps: CasePanelDeps) {}

  /** Shows the case's panel, creating and loading it only if it is not open yet. */
  open(caseNumber: string): CasePanel {
    const existing = this.panels.get(caseNumber);
    if (existing) {
      existing.reveal();
      return existing;
    }
    const panel = vscode.window.createWebviewPanel(PANEL_VIEW_TYPE, panelTitle(caseNumber), vscode.ViewColumn.Active, webviewOptions(this.deps.extensionUri));
    return this.track(new CasePanel(panel, caseNumber, this.deps));
  }

  // eslint-disable-next-line @typescript-eslint/require-await -- the serializer contract returns a promise
  async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: unknown): Promise<void> {
    // The webview saves its state shortly after it loads; a reload right after opening finds none, so fall back
    // to the case number in the panel's title ("Case 01314580: …").
    const restored = parsePanelState(state) ?? parsePanelState({ caseNumber: /^Case ([A-Za-z0-9-]+)/.exec(panel.title)?.[1] });
    if (!restored || this.panels.has(restored.caseNumber)) {
      // Nothing usable to restore (or a duplicate): close it rather than show an empty page.
      panel.dispose();
      return;
    }
    panel.webview.options = webviewOptions(this.deps.extensionUri);
    this.track(new CasePanel(panel, restored.caseNumber, this.deps));
  }

  /** Reloads every open tab (signed in again with the same account). */
  reloadAll(): void {
    for (const panel of this.panels.values()) {
      void panel.load();
    }
  }

  /** Closes the tabs of other accounts. Until tabs carry their account, any account change closes them all. */
  closeExcept(account: string | undefined): void {
    if (account === undefined || this.account !== account) {
      this.dispose();
    }
    this.account = account;
  }

  get(caseNumber: string): CasePanel | undefined {
    return this.panels.get(caseNumber);
  }

  get openCaseNumbers(): string[] {
    return [...this.panels.keys()];
  }

  dispose(): void {
    for (const panel of [...this.panels.values()]) {
      panel.dispose();
    }
  }

  private track(panel: CasePanel): CasePanel {
    this.panels.set(panel.caseNumber, panel);
    panel.onDidDispose(() => this.panels.delete(panel.caseNumber));
    void panel.load();
    return panel;
  }
}

export class CasePanel implements vscode.Disposable {
  private content: PanelContent;
  private loadSeq = 0;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly disposed = new vscode.EventEmitter<void>();
  readonly onDidDispose = this.disposed.event;
  private readonly rendered = new vscode.EventEmitter<PanelContent>();
  /** Fires after every render (tests wait on it instead of sleeping). */
  readonly onDidRender = this.rendered.event;

  constructor(
    readonly panel: vscode.WebviewPanel,
    readonly caseNumber: string,
    private readonly deps: CasePanelDeps
  ) {
    this.content = { kind: 'loading', caseNumber };
    this.disposables.push(
      panel.onDidDispose(() => this.dispose()),
      panel.webview.onDidReceiveMessage((raw: unknown) => {
        const message = parseWebviewMessage(raw);
        if (message) {
          void this.handle(message);
        }
      })
    );
    this.render();
  }

  get state(): PanelContent {
    return this.content;
  }

  /** The HTML currently in the webview (tests search it for leaks and escaping). */
  get html(): string {
    return this.panel.webview.html;
  }

  reveal(): void {
    this.panel.reveal(undefined, false);
  }

  /** Fetches the case; a newer load always wins over an older one still in flight. */
  async load(): Promise<void> {
    const seq = ++this.loadSeq;
    const started = Date.now();
    const previous = this.content;
    this.content = previous.kind === 'loaded' ? { ...previous, refreshing: true } : { kind: 'loading', caseNumber: this.caseNumber };
    this.render();
    try {
      const api = await this.deps.api();
      const detail = await api.getCase(this.caseNumber);
      if (seq !== this.loadSeq) {
        return;
      }
      this.content = { kind: 'loaded', caseNumber: this.caseNumber, detail };
      this.panel.title = panelTitle(this.caseNumber, detail);
      this.deps.telemetry.sendEvent('case.open', { result: 'success' }, { durationMs: Date.now() - started, noteCount: detail.notes.length });
    } catch (err) {
      if (seq !== this.loadSeq) {
        return;
      }
      const error = toDetails(err);
      this.deps.logger.warn(`Loading a case failed: ${error.kind}${error.troubleshootingId ? ` tid=${error.troubleshootingId}` : ''}`);
      this.deps.telemetry.sendError('case.open', { result: 'failure', ...telemetryErrorProps(err) }, { durationMs: Date.now() - started });
      this.content = { kind: 'error', caseNumber: this.caseNumber, error };
    }
    this.render();
  }

  dispose(): void {
    this.loadSeq++;
    this.disposed.fire();
    for (const d of this.disposables) {
      d.dispose();
    }
    this.disposables.length = 0;
    this.disposed.dispose();
    this.rendered.dispose();
    this.panel.dispose();
  }

  private async handle(message: WebviewMessage): Promise<void> {
    switch (message.type) {
      case 'refresh':
        return this.load();
      case 'openPortal':
        return this.deps.openPortal(this.caseNumber);
      case 'signIn':
        return this.deps.signIn();
    }
  }

  private render(): void {
    const webview = this.panel.webview;
    const media = vscode.Uri.joinPath(this.deps.extensionUri, 'media');
    webview.html = renderCasePage(
      {
        cspSource: webview.cspSource,
        nonce: randomBytes(16).toString('base64'),
        styleUri: webview.asWebviewUri(vscode.Uri.joinPath(media, 'case.css')).toString(),
        scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(media, 'case.js')).toString()
      },
      this.content
    );
    this.rendered.fire(this.content);
  }
}

function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewPanelOptions & vscode.WebviewOptions {
  return {
    enableScripts: true,
    enableCommandUris: false,
    enableFindWidget: true,
    localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'media')]
  };
}

function panelTitle(caseNumber: string, detail?: CaseDetail): string {
  if (!detail?.subject) {
    return `Case ${caseNumber}`;
  }
  const subject = detail.subject.replace(/\s+/g, ' ').trim();
  return `Case ${caseNumber}: ${subject.length > 40 ? `${subject.slice(0, 39)}…` : subject}`;
}

export function asCaseNumber(value: unknown): string | undefined {
  if (typeof value !== 'string') {
    return undefined;
  }
  const trimmed = value.trim();
  return isCaseNumber(trimmed) ? trimmed : undefined;
}

export type { CasePanelState };
