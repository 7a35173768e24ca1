// The case tabs as activation sees them: the serializer VS Code needs at startup and what the sign-in sync asks of
// open tabs. The tab code (dist/caseTab.js) loads the first time a case opens or a tab is restored; before that no
// tab exists, so there is nothing to reload or close. Only types come from the bundle, so esbuild leaves it out.

import type * as vscode from 'vscode';
import type { CaseRef } from '../../cases/caseRef';
import { LazyBundle, LazyValue } from '../../util/lazyBundle';
import type * as CaseTabModule from './index';
import type { CasePanel } from './casePanel';
import type { CasePanelDeps } from './caseTabDeps';
import type { CasePanelManager } from './casePanelManager';

export class LazyCaseTabs implements vscode.WebviewPanelSerializer<unknown>, vscode.Disposable {
  private readonly manager: LazyValue<CasePanelManager>;

  constructor(bundleDir: string, deps: CasePanelDeps) {
    const bundle = new LazyBundle<typeof CaseTabModule>(bundleDir, 'caseTab.js');
    this.manager = new LazyValue(() => new (bundle.get().CasePanelManager)(deps));
  }

  /** The tab manager, loading the tab code if needed. */
  load(): CasePanelManager {
    return this.manager.get();
  }

  open(ref: CaseRef): CasePanel {
    return this.load().open(ref);
  }

  /** The open tab of a case; none before the tab code was loaded. */
  get(ref: CaseRef): CasePanel | undefined {
    return this.manager.current?.get(ref);
  }

  deserializeWebviewPanel(panel: vscode.WebviewPanel, state: unknown): Promise<void> {
    return this.load().deserializeWebviewPanel(panel, state);
  }

  reloadAll(): void {
    this.manager.current?.reloadAll();
  }

  requireSignIn(account?: string): void {
    this.manager.current?.requireSignIn(account);
  }

  closeOthers(accounts: readonly string[]): void {
    this.manager.current?.closeOthers(accounts);
  }

  dispose(): void {
    this.manager.current?.dispose();
  }
}
