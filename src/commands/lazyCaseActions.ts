// Close Case and Download Attachment as activation sees them: both commands are registered here, and their code
// (dist/caseActions.js: the close flow, the downloader, the save stream) is required the first time one runs.
// Only types are imported from it, so esbuild leaves its code out of dist/extension.js.

import * as path from 'path';
import * as vscode from 'vscode';
import { Commands } from '../util/ids';
import { CaseNode } from '../views/treeNodes';
import type * as CaseActionsModule from './caseActions';
import type { CaseActionHandlers, CaseActionsDeps } from './caseActions';
import { ScriptedPrompts } from './scriptedPrompts';

export interface CaseActions {
  readonly disposables: vscode.Disposable[];
  /** Set when `scriptable`: the hook AxwaySupportTestApi exposes. */
  readonly prompts?: ScriptedPrompts;
}

export function registerCaseActions(deps: CaseActionsDeps & { readonly bundleDir: string }): CaseActions {
  const prompts = deps.scriptable ? new ScriptedPrompts() : undefined;
  let handlers: CaseActionHandlers | undefined;
  const load = (): CaseActionHandlers => {
    if (!handlers) {
      // A runtime path keeps esbuild from inlining the module into the activation bundle.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const module = require(path.join(deps.bundleDir, 'caseActions.js')) as typeof CaseActionsModule;
      handlers = module.createCaseActions({ ...deps, prompts });
    }
    return handlers;
  };
  /** Like `guarded`, but hands the handler's result back (tests read the outcome from executeCommand). */
  const register = <R>(id: string, what: string, handler: (...args: unknown[]) => Promise<R>): vscode.Disposable =>
    vscode.commands.registerCommand(id, async (...args: unknown[]): Promise<R | undefined> => {
      try {
        return await handler(...args.map(plain));
      } catch (err) {
        deps.messages.report(what, err);
        return undefined;
      }
    });
  return {
    disposables: [
      register(Commands.closeCase, vscode.l10n.t('Closing the case'), (arg) => load().closeCase(arg)),
      register(Commands.downloadAttachment, vscode.l10n.t('Downloading the attachment'), (ref, attachment) => load().downloadAttachment(ref, attachment))
    ],
    prompts
  };
}

/** A tree row becomes its CaseRef: the other bundle has its own CaseNode class, so `instanceof` would not see it. */
function plain(arg: unknown): unknown {
  return arg instanceof CaseNode ? arg.ref : arg;
}
