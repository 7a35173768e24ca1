// The catalogue as the extension binds it, once for both of its front doors: the language-model tools
// (lmTools/lmTools.ts) and the MCP server's host (mcp/host.ts). The same accounts (refused ones left out), API, write
// path, workspace folders and portal pages, so a tool behaves alike whichever door called it. vscode-free like the
// rest of tools/: the two things read from VS Code are handed in.

import type { Logger, SupportApiClient } from '../api/types';
import { createToolCatalogue } from './catalogue';
import type { ToolAccount, ToolCatalogue, ToolWrites } from './types';

/** The extension's objects behind the catalogue, as both front doors receive them from the wiring. */
export interface ExtensionToolDeps {
  /** The signed-in accounts once the stored credentials were read; `refused` ones are left out. */
  readonly accounts: () => Promise<readonly (ToolAccount & { readonly refused?: boolean })[]>;
  readonly api: (account: string) => Promise<SupportApiClient>;
  readonly writes: ToolWrites;
  readonly contactEmail: (account: string) => string | undefined;
  readonly logger: Logger;
}

/** What the catalogue reads from VS Code, in the shapes VS Code gives them. */
export interface ExtensionWorkspace {
  /** vscode.workspace.workspaceFolders. */
  readonly folders: () => readonly { readonly uri: { readonly scheme: string; readonly fsPath: string } }[] | undefined;
  /** network/endpoints' portalCaseUri: throws when the portal address setting is not valid. */
  readonly portalCaseUri: (caseNumber: string) => { toString(skipEncoding?: boolean): string };
}

/** The accounts the tools may use: every signed-in one whose stored credentials were not refused. */
export async function usableAccounts(deps: Pick<ExtensionToolDeps, 'accounts'>): Promise<readonly ToolAccount[]> {
  return (await deps.accounts()).filter((a) => a.refused !== true).map(({ id, label }) => ({ id, label }));
}

export function createExtensionCatalogue(deps: ExtensionToolDeps, workspace: ExtensionWorkspace): ToolCatalogue {
  return createToolCatalogue({
    accounts: () => usableAccounts(deps),
    api: deps.api,
    writes: deps.writes,
    contactEmail: deps.contactEmail,
    // Files to attach and downloads are on this machine: only folders on disk count.
    workspaceFolders: () => (workspace.folders() ?? []).filter((f) => f.uri.scheme === 'file').map((f) => f.uri.fsPath),
    portalUrl: (caseNumber) => {
      try {
        return workspace.portalCaseUri(caseNumber).toString(true);
      } catch {
        return undefined;
      }
    },
    logger: deps.logger
  });
}
