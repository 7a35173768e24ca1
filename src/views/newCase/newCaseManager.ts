// The New Support Case form's manager: one form per window, for the signed-in account. It opens the form (or
// reveals the open one), restores it after a window reload for the account signed in then (and only that one), and
// closes it when that account signs out.

import * as vscode from 'vscode';
import type { NewCaseDraft } from '../../cases/newCaseRules';
import { NEW_CASE_VIEW_TYPE } from '../../util/ids';
import { parsePageState } from '../../webviews/newCase/protocol';
import { createWebviewTab, webviewOptions } from '../webviewShell';
import { NewCaseDrafts } from './draftStore';
import type { NewCaseDeps } from './newCaseDeps';
import { NewCaseLists } from './newCaseLists';
import { newCasePanelTitle, NewCasePanel } from './newCasePanel';
import { useTranslations } from '../../util/translations';

export class NewCaseManager implements vscode.WebviewPanelSerializer<unknown>, vscode.Disposable {
  private panel: NewCasePanel | undefined;
  private readonly drafts: NewCaseDrafts;
  /** Per signed-in account and support access code, for as long as the window is open: one request each. */
  private readonly lists: NewCaseLists;
  private readonly subscription: { dispose(): void };
  private readonly opened = new vscode.EventEmitter<NewCasePanel>();
  /** Fires with every form tab created or restored. */
  readonly onDidOpen = this.opened.event;

  constructor(private readonly deps: NewCaseDeps) {
    // This bundle's copy of @vscode/l10n (the vscode-free code in it) speaks the display language too.
    useTranslations(vscode.l10n.bundle);
    this.drafts = new NewCaseDrafts(deps.state);
    this.lists = new NewCaseLists(deps.api);
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
    const panel = createWebviewTab(NEW_CASE_VIEW_TYPE, newCasePanelTitle(), this.deps.extensionUri);
    return this.track(panel, account);
  }

  /** Restores the form after a window reload, for the account signed in then (and only that one). */
  async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: unknown): Promise<void> {
    const saved = parsePageState(state);
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

  private track(webviewPanel: vscode.WebviewPanel, account: string): NewCasePanel {
    const panel = new NewCasePanel(webviewPanel, account, this.deps, this.drafts, this.lists);
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
