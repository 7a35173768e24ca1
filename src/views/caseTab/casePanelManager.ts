// The case tabs: one per case (account + case number). Opening a case again reveals its tab; tabs come back after a
// window reload through the serializer, but only for the account signed in then; signing out closes them, and a
// refused sign-in replaces their cases with the sign-in page.

import * as vscode from 'vscode';
import { CaseRef, caseKey } from '../../cases/caseRef';
import { PANEL_VIEW_TYPE } from '../../util/ids';
import { parsePanelState } from '../../webviews/case/protocol';
import { createWebviewTab, webviewOptions } from '../webviewShell';
import { CasePanel } from './casePanel';
import type { CasePanelDeps } from './caseTabDeps';
import { panelTitle, stateFromTitle } from './caseTitle';

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
