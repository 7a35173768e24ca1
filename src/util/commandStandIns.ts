// Commands whose code is in a bundle that is not loaded yet. Activation registers a small stand-in under each id;
// the first call loads the bundle, which removes the stand-ins (release()) and registers the real commands, and the
// call is then run again against the real command with the same arguments.

import * as vscode from 'vscode';

export class CommandStandIns implements vscode.Disposable {
  private standIns: vscode.Disposable[];

  constructor(
    ids: readonly string[],
    /** Loads the bundle: it calls release() before registering the real commands. */
    private readonly load: () => void
  ) {
    this.standIns = ids.map((id) => vscode.commands.registerCommand(id, (...args: unknown[]) => this.run(id, args)));
  }

  /** Removes every stand-in, so the real commands can take their ids. */
  release(): void {
    for (const standIn of this.standIns) {
      standIn.dispose();
    }
    this.standIns = [];
  }

  dispose(): void {
    this.release();
  }

  private run(id: string, args: unknown[]): Thenable<unknown> {
    this.load();
    if (this.standIns.length > 0) {
      // Never loop back into a stand-in: the bundle did not register its commands.
      return Promise.reject(new Error(`${id} was not registered`));
    }
    return vscode.commands.executeCommand(id, ...args);
  }
}
