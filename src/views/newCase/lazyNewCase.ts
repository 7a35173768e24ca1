// The New Support Case form as activation sees it: a serializer and an open() that load the form's bundle
// (dist/newCase.js) on first use. Only types are imported from the form, so esbuild leaves its code out of
// dist/extension.js.

import * as path from 'path';
import type * as vscode from 'vscode';
import type * as NewCaseModule from './index';
import type { NewCaseDeps } from './newCaseDeps';
import type { NewCaseManager } from './newCaseManager';
import type { NewCasePanel } from './newCasePanel';

export class LazyNewCaseForm implements vscode.WebviewPanelSerializer<unknown>, vscode.Disposable {
  private manager: NewCaseManager | undefined;

  /** `bundleDir`: the folder of the bundles (dist/). */
  constructor(
    private readonly bundleDir: string,
    private readonly deps: NewCaseDeps
  ) {}

  /** True once the form's bundle was loaded (tests prove activation loads none of it). */
  get isLoaded(): boolean {
    return this.manager !== undefined;
  }

  /** The form's manager, loading its bundle if needed. */
  get forms(): NewCaseManager {
    return this.load();
  }

  /** Opens (or reveals) the form for the signed-in account; undefined when signed out. */
  open(account?: string): Promise<NewCasePanel | undefined> {
    return this.load().open(account);
  }

  deserializeWebviewPanel(panel: vscode.WebviewPanel, state: unknown): Promise<void> {
    return this.load().deserializeWebviewPanel(panel, state);
  }

  dispose(): void {
    this.manager?.dispose();
  }

  private load(): NewCaseManager {
    if (!this.manager) {
      // A runtime path keeps esbuild from inlining the module into the activation bundle.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const module = require(path.join(this.bundleDir, 'newCase.js')) as typeof NewCaseModule;
      this.manager = new module.NewCaseManager(this.deps);
    }
    return this.manager;
  }
}
