// Opens the Get Started walkthrough once, on the extension's first activation, so a person who just installed it
// sees where to begin. VS Code opens an extension's walkthrough by itself only when it is installed from the
// Extensions view of a running window; a VSIX installed from the command line, or an extension synced from
// another machine, starts without it.
import * as vscode from 'vscode';
import type { Logger } from '../api/types';

/** `contributes.walkthroughs[0].id` in package.json. */
export const WALKTHROUGH_ID = 'axwaySupport.gettingStarted';
/** globalState key: set at the first activation, so the walkthrough opens once per machine and profile. */
export const WALKTHROUGH_OFFERED_KEY = 'axwaySupport.walkthroughOffered';

export interface FirstRunDeps {
  readonly state: vscode.Memento;
  readonly extensionId: string;
  readonly logger: Logger;
}

/** Opens the walkthrough unless it was offered before or VS Code's "open walkthroughs on install" is off. */
export async function openWalkthroughOnFirstRun(deps: FirstRunDeps): Promise<void> {
  if (deps.state.get<boolean>(WALKTHROUGH_OFFERED_KEY) === true) {
    return;
  }
  try {
    // Decided once: a person who turned VS Code's switch off (test servers do too) is not interrupted later either.
    await deps.state.update(WALKTHROUGH_OFFERED_KEY, true);
    const wanted = vscode.workspace.getConfiguration('workbench.welcomePage').get<boolean>('walkthroughs.openOnInstall', true);
    if (wanted) {
      await vscode.commands.executeCommand('workbench.action.openWalkthrough', `${deps.extensionId}#${WALKTHROUGH_ID}`, false);
    }
  } catch (err) {
    // A walkthrough that does not open costs the person nothing: the view and the palette work anyway.
    deps.logger.warn(`The Get Started walkthrough did not open: ${err instanceof Error ? err.message : String(err)}`);
  }
}
