// dist/mcpHost.js, loaded when VS Code first starts the MCP server: opens a private channel for each server VS Code
// starts and answers on it (hostHandlers.ts) with the extension's own objects: the signed-in accounts, tokens from
// the network's cache, the user's allowWrites setting, the modal confirmation, and the tool catalogue bound to the
// extension's write path. Every channel closes when the window does (dispose).

import * as vscode from 'vscode';
import type { Logger } from '../api/types';
import { portalCaseUri, readEndpoints } from '../network/endpoints';
import { createExtensionCatalogue, usableAccounts, type ExtensionToolDeps } from '../tools/extensionCatalogue';
import type { ToolCatalogue, WriteConfirmation } from '../tools/types';
import { userSetting } from '../util/settings';
import { useTranslations } from '../util/translations';
import { CHANNEL_ADDRESS_ENV, CHANNEL_KEY_ENV, L10N_BUNDLE_ENV } from './channelProtocol';
import { PrivateChannel } from './channelServer';
import { createHostHandlers } from './hostHandlers';

// This bundle has its own copy of @vscode/l10n (util/translations): the catalogue's confirmation texts in the modal
// are in the display language only once it has VS Code's bundle.
useTranslations(vscode.l10n.bundle);

export interface McpHostDeps extends ExtensionToolDeps {
  /** A valid access token of the account; `rejected` is one the Support API refused, forgotten first. */
  readonly accessToken: (account: string, rejected?: string) => Promise<string>;
}

export interface McpHost {
  /** A fresh channel for one server start: the variables its environment needs (address and one-time key). */
  open(): Promise<Record<string, string>>;
  /** How many channels are open (the integration suite checks that they close). */
  readonly openCount: number;
  dispose(): void;
}

export function createMcpHost(deps: McpHostDeps): McpHost {
  const channels = new Set<PrivateChannel>();
  let catalogue: ToolCatalogue | undefined;
  const handlers = createHostHandlers({
    accounts: () => usableAccounts(deps),
    endpoints: () => {
      const portal = userSetting('portalCaseUrl');
      return { apiBaseUrl: readEndpoints().apiBaseUrl, ...(typeof portal === 'string' && portal.trim() !== '' ? { portalCaseUrl: portal.trim() } : {}) };
    },
    accessToken: (account, rejected) => deps.accessToken(account, rejected),
    allowWrites: () => userSetting('agentTools.allowWrites') === true,
    // The catalogue as the language-model tools bind it: the same accounts, API, write path and workspace.
    catalogue: () => Promise.resolve((catalogue ??= createExtensionCatalogue(deps, { folders: () => vscode.workspace.workspaceFolders, portalCaseUri }))),
    confirm: (tool, confirmation) => confirm(tool, confirmation, deps.logger)
  });
  return {
    async open() {
      const channel = await PrivateChannel.open({ handlers, log: (message) => deps.logger.info(message) });
      channels.add(channel);
      channel.onDidClose(() => channels.delete(channel));
      // The display language's bundle, so that the server titles its tools as VS Code shows everything else.
      const bundle = vscode.l10n.uri?.fsPath;
      return { [CHANNEL_ADDRESS_ENV]: channel.address, [CHANNEL_KEY_ENV]: channel.key, ...(bundle ? { [L10N_BUNDLE_ENV]: bundle } : {}) };
    },
    get openCount() {
      return channels.size;
    },
    dispose() {
      for (const channel of [...channels]) {
        channel.dispose();
      }
      channels.clear();
    }
  };
}

/**
 * The modal every MCP write shows; the text is the catalogue's, in full (the same the language-model tools show).
 * A dialog that cannot be shown confirms nothing.
 */
async function confirm(tool: string, confirmation: WriteConfirmation, logger: Logger): Promise<boolean> {
  const allow = vscode.l10n.t('Allow');
  const detail = `${vscode.l10n.t('An MCP client asks to do this ({0}):', tool)}\n\n${confirmation.message}`;
  try {
    const answer = await vscode.window.showWarningMessage(confirmation.title, { modal: true, detail }, allow);
    logger.info(`MCP write "${tool}": ${answer === allow ? 'allowed' : 'not allowed'} by the person.`);
    return answer === allow;
  } catch (err) {
    logger.warn(`MCP write "${tool}": the confirmation could not be shown, so nothing was sent (${err instanceof Error ? err.message : String(err)}).`);
    return false;
  }
}
