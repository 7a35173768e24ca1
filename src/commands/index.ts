// The palette and menu commands as their own bundle (dist/commands.js), loaded the first time one of them runs
// (lazyCommands.ts registers their stand-ins at activation). One call registers them all.

import type * as vscode from 'vscode';
import { registerCommands, type CommandDeps } from './registerCommands';
import { registerListCommands, type ListCommandDeps } from './listCommands';
import { registerNoteCommands, type NoteCommandDeps } from './noteCommands';
import { registerNewCaseCommand, type NewCaseCommandDeps } from './newCaseCommand';

export { signOutAccount } from './registerCommands';

export type WorkbenchCommandDeps = CommandDeps &
  Omit<ListCommandDeps, 'models' | 'messages' | 'logger'> &
  Omit<NoteCommandDeps, 'models' | 'messages' | 'panels'> & {
    readonly newCase: NewCaseCommandDeps;
  };

export function registerWorkbenchCommands(deps: WorkbenchCommandDeps): vscode.Disposable[] {
  return [
    ...registerCommands(deps),
    ...registerListCommands(deps),
    ...registerNoteCommands(deps),
    registerNewCaseCommand(deps.newCase)
  ];
}
