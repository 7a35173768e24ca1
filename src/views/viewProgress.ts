// Shows VS Code's progress bar in the view while the model is loading, whoever started the load
// (the view opening, a refresh, "load more" or a sign-in in another window).

import * as vscode from 'vscode';
import { CasesModel, CasesState } from '../cases/casesModel';

export class ViewProgress implements vscode.Disposable {
  private finish: (() => void) | undefined;
  private readonly subscription: vscode.Disposable;

  constructor(model: CasesModel, viewId: string) {
    this.subscription = model.onDidChange((state) => {
      if (isBusy(state) && !this.finish) {
        void vscode.window.withProgress({ location: { viewId } }, () => new Promise<void>((resolve) => (this.finish = resolve)));
      } else if (!isBusy(state) && this.finish) {
        this.finish();
        this.finish = undefined;
      }
    });
  }

  dispose(): void {
    this.finish?.();
    this.subscription.dispose();
  }
}

function isBusy(state: CasesState): boolean {
  return state.kind === 'loading' || (state.kind === 'loaded' && state.busy !== undefined);
}
