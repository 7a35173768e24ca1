// Shows VS Code's progress bar in the view while the model is loading, whoever started the load
// (the view opening, a refresh, "load more" or a sign-in in another window).

import * as vscode from 'vscode';
import type { AccountModels } from '../cases/accountModels';
import { CasesModel, CasesState } from '../cases/casesModel';

export class ViewProgress implements vscode.Disposable {
  private finish: (() => void) | undefined;
  private readonly subscription: vscode.Disposable;

  /** @param accounts with several accounts signed in, busy while any of their lists is */
  constructor(model: CasesModel, viewId: string, accounts?: AccountModels) {
    const busyNow = (): boolean => (accounts ? accounts.models.some((m) => isBusy(m.state)) : isBusy(model.state));
    const changed = accounts ? accounts.onDidChangeAny : model.onDidChange;
    this.subscription = changed(() => {
      const busy = busyNow();
      if (busy && !this.finish) {
        void vscode.window.withProgress({ location: { viewId } }, () => new Promise<void>((resolve) => (this.finish = resolve)));
      } else if (!busy && this.finish) {
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
