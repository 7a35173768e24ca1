// Close Case and Download Attachment: both commands are registered here (with the other commands, dist/commands.js),
// and their code (dist/caseActions.js: the close flow, the downloader, the save stream) is required the first time
// one runs. Only types are imported from it, so esbuild leaves its code out of the commands bundle.

import * as vscode from 'vscode';
import { Commands } from '../util/ids';
import { LazyBundle } from '../util/lazyBundle';
import { isCaseNode } from '../views/treeNodes';
import type * as CaseActionsModule from './caseActions';
import type { CaseActionHandlers, CaseActionsDeps } from './caseActions';

export function registerCaseActions(deps: CaseActionsDeps & { readonly bundleDir: string }): vscode.Disposable[] {
  const bundle = new LazyBundle<typeof CaseActionsModule>(deps.bundleDir, 'caseActions.js');
  let handlers: CaseActionHandlers | undefined;
  const load = (): CaseActionHandlers => {
    handlers ??= bundle.get().createCaseActions(deps);
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
  return [
    register(Commands.closeCase, vscode.l10n.t('Closing the case'), (arg) => load().closeCase(arg)),
    register(Commands.downloadAttachment, vscode.l10n.t('Downloading the attachment'), (ref, attachment) => load().downloadAttachment(ref, attachment))
  ];
}

/** A tree row becomes its CaseRef: the other bundle has its own CaseNode class, so `instanceof` would not see it. */
function plain(arg: unknown): unknown {
  return isCaseNode(arg) ? arg.ref : arg;
}
