// The palette and menu commands as activation sees them: a stand-in under each id (util/commandStandIns.ts); the
// first call loads dist/commands.js, which registers the real ones.

import type * as vscode from 'vscode';
import type * as CommandsModule from './index';
import type { WorkbenchCommandDeps } from './index';
import { CommandStandIns } from '../util/commandStandIns';
import { Commands, CREATE_CASE_COMMAND } from '../util/ids';
import { LazyBundle } from '../util/lazyBundle';

/** The ids registered here: by the commands bundle (index.ts): activation registers a stand-in under each. */
export const WORKBENCH_COMMANDS: readonly string[] = [
  Commands.signIn,
  Commands.addAccount,
  Commands.signOut,
  Commands.renameAccount,
  Commands.refresh,
  Commands.loadMore,
  Commands.openCase,
  Commands.openInPortal,
  Commands.copyCaseNumber,
  Commands.showLog,
  Commands.filter,
  Commands.clearFilter,
  Commands.sortBy,
  Commands.groupBy,
  Commands.markAllSeen,
  Commands.reload,
  Commands.addNote,
  Commands.attachToCase,
  Commands.setContactEmail,
  Commands.closeCase,
  Commands.downloadAttachment,
  CREATE_CASE_COMMAND
];

/** Registers the stand-ins; the first command run (or a sign-out from the Accounts menu) loads dist/commands.js. */
export class LazyCommands implements vscode.Disposable {
  private readonly bundle: LazyBundle<typeof CommandsModule>;
  private readonly standIns: CommandStandIns;
  private registered: vscode.Disposable[] | undefined;

  constructor(
    bundleDir: string,
    private readonly deps: WorkbenchCommandDeps
  ) {
    this.bundle = new LazyBundle<typeof CommandsModule>(bundleDir, 'commands.js');
    this.standIns = new CommandStandIns(WORKBENCH_COMMANDS, () => this.load());
  }

  /** Signs one account out everywhere (the Sign out command's work, for the Accounts menu). */
  signOut(account: string): Promise<void> {
    return this.load().signOutAccount(this.deps, account);
  }

  dispose(): void {
    this.standIns.dispose();
    for (const d of this.registered ?? []) {
      d.dispose();
    }
  }

  private load(): typeof CommandsModule {
    const module = this.bundle.get();
    if (!this.registered) {
      this.standIns.release();
      this.registered = module.registerWorkbenchCommands(this.deps);
    }
    return module;
  }
}
