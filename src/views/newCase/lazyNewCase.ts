// The New Support Case form as activation sees it: a serializer and an open() that load the form's bundle
// (dist/newCase.js) on first use. Only types are imported from the form, so esbuild leaves its code out of
// dist/extension.js.

import type * as vscode from 'vscode';
import { LazyBundle, LazyValue } from '../../util/lazyBundle';
import type * as NewCaseModule from './index';
import type { NewCaseDeps } from './newCaseDeps';
import type { NewCaseManager } from './newCaseManager';
import type { NewCasePanel } from './newCasePanel';

export class LazyNewCaseForm implements vscode.WebviewPanelSerializer<unknown>, vscode.Disposable {
  private readonly manager: LazyValue<NewCaseManager>;

  /** `bundleDir`: the folder of the bundles (dist/). */
  constructor(bundleDir: string, deps: NewCaseDeps) {
    const bundle = new LazyBundle<typeof NewCaseModule>(bundleDir, 'newCase.js');
    this.manager = new LazyValue(() => new (bundle.get().NewCaseManager)(deps));
  }

  /** True once the form's bundle was loaded (tests prove activation loads none of it). */
  get isLoaded(): boolean {
    return this.manager.isLoaded;
  }

  /** The form's manager, loading its bundle if needed. */
  get forms(): NewCaseManager {
    return this.manager.get();
  }

  /** Opens (or reveals) the form for the signed-in account; undefined when signed out. */
  open(account?: string): Promise<NewCasePanel | undefined> {
    return this.forms.open(account);
  }

  deserializeWebviewPanel(panel: vscode.WebviewPanel, state: unknown): Promise<void> {
    return this.forms.deserializeWebviewPanel(panel, state);
  }

  dispose(): void {
    this.manager.current?.dispose();
  }
}
