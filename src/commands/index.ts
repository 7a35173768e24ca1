// The palette and menu commands as their own bundle (dist/commands.js), loaded the first time one of them runs
// (lazyCommands.ts registers their stand-ins at activation). One call registers them all; Close Case and downloads
// keep their own bundle (dist/caseActions.js, loaded when one of them first runs).

import type * as vscode from 'vscode';
import { registerCommands, type CommandDeps } from './registerCommands';
import { registerListCommands, type ListCommandDeps } from './listCommands';
import { registerNoteCommands, type NoteCommandDeps } from './noteCommands';
import { registerNewCaseCommand, type NewCaseCommandDeps } from './newCaseCommand';
import { registerCaseActions } from './lazyCaseActions';
import type { CaseActionsDeps } from './caseActions';

export { signOutAccount } from './registerCommands';

export type WorkbenchCommandDeps = Omit<CommandDeps, 'panels'> &
  Omit<ListCommandDeps, 'models' | 'messages' | 'logger'> &
  Omit<NoteCommandDeps, 'models' | 'messages' | 'panels'> &
  Omit<CaseActionsDeps, 'models' | 'messages' | 'logger' | 'api' | 'contacts' | 'panels'> & {
    readonly newCase: NewCaseCommandDeps;
    /** Opens a case's tab, or finds an open one (the tab code loads on first use). */
    readonly panels: CommandDeps['panels'] & CaseActionsDeps['panels'];
    /** Folder of the bundles: Close Case and downloads load dist/caseActions.js on their first run. */
    readonly bundleDir: string;
  };

export function registerWorkbenchCommands(deps: WorkbenchCommandDeps): vscode.Disposable[] {
  return [
    ...registerCommands(deps),
    ...registerListCommands(deps),
    ...registerNoteCommands(deps),
    registerNewCaseCommand(deps.newCase),
    ...registerCaseActions(deps)
  ];
}
