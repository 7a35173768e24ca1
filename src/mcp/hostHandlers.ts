// What the extension host answers on the private channel. The MCP server gets the signed-in accounts, the
// endpoints and short-lived access tokens for reads; it never gets a client secret. Writes do not run in the
// server at all: it hands the tool and its input back here, where they are refused while the person has not allowed
// writes from MCP clients, and otherwise shown in the same modal confirmation as the language-model tools (the
// catalogue's describeWrite text: exactly what will be sent) and run through the extension's one write path.
// No vscode import: the unit suite runs these handlers behind a real channel against the fake Support API.

import { failure } from '../tools/output';
import { localTitle } from '../tools/titles';
import type { ToolAccount, ToolCatalogue, ToolOutput, WriteConfirmation } from '../tools/types';
import { METHODS, parseTokenParams, parseWriteParams, type SessionInfo, type TokenResult } from './channelMethods';
import { ChannelError } from './channelProtocol';
import type { ChannelHandler } from './channelServer';

export const ALLOW_WRITES_SETTING = 'axwaySupport.agentTools.allowWrites';

/** The answer of a write while MCP writes are off: says why and what the person can do. */
export const WRITES_OFF_MESSAGE =
  `Writes from MCP clients are turned off in VS Code, so nothing was sent. The person can allow them with the setting "${ALLOW_WRITES_SETTING}" (each write still asks them in VS Code first). Tell the person; do not retry.`;

export const DECLINED_MESSAGE = 'The person did not confirm this in VS Code, so nothing was sent. Do not retry unless they ask for it again.';

export interface HostHandlerDeps {
  /** The signed-in accounts whose credentials are usable, as the language-model tools see them. */
  accounts(): Promise<readonly ToolAccount[]>;
  /** The validated endpoint settings; throws (with the next step in its message) when one is not acceptable. */
  endpoints(): { readonly apiBaseUrl: string; readonly portalCaseUrl?: string };
  /** A valid access token of the account; with `rejected`, that token is forgotten first. */
  accessToken(account: string, rejected: string | undefined, signal: AbortSignal): Promise<string>;
  /** axwaySupport.agentTools.allowWrites, read at each write. */
  allowWrites(): boolean;
  /** The catalogue bound to the extension's own tool host (the language-model tools' one). */
  catalogue(): Promise<ToolCatalogue>;
  /** The modal confirmation; true only when the person confirmed. */
  confirm(tool: string, confirmation: WriteConfirmation, signal: AbortSignal): Promise<boolean>;
}

export function createHostHandlers(deps: HostHandlerDeps): Record<string, ChannelHandler> {
  return {
    [METHODS.session]: async (): Promise<SessionInfo> => {
      const endpoints = deps.endpoints();
      return { accounts: await deps.accounts(), ...endpoints, allowWrites: deps.allowWrites() };
    },
    [METHODS.token]: async (params, signal): Promise<TokenResult> => {
      const { account, rejected } = parseTokenParams(params);
      // Only for an account that is signed in and usable right now: a signed-out one's token is never handed out.
      if (!(await deps.accounts()).some((a) => a.id === account)) {
        throw new ChannelError('This Axway Support account is not signed in in VS Code. Ask the person to sign in, then try again.', 'notSignedIn');
      }
      return { accessToken: await deps.accessToken(account, rejected, signal) };
    },
    [METHODS.write]: (params, signal) => write(deps, params, signal)
  };
}

async function write(deps: HostHandlerDeps, params: unknown, signal: AbortSignal): Promise<ToolOutput> {
  const { tool: name, input } = parseWriteParams(params);
  const tool = (await deps.catalogue()).get(name);
  if (!tool || tool.readOnly) {
    throw new ChannelError(`"${name}" is not a write tool of this extension.`, 'badRequest');
  }
  if (!deps.allowWrites()) {
    return failure(tool.name, `${tool.title}: writes from MCP clients are off; nothing was sent.`, { code: 'writesOff', message: WRITES_OFF_MESSAGE });
  }
  const preparation = await tool.describeWrite(input, signal);
  if (preparation.kind === 'refused') {
    return preparation.output;
  }
  if (preparation.kind !== 'write') {
    throw new ChannelError(`"${name}" asked for no confirmation.`, 'badRequest');
  }
  const confirmed = await deps.confirm(localTitle(tool.name, tool.title), preparation.confirmation, signal);
  // The setting may have been turned off while the dialog was open: the later answer wins.
  if (!deps.allowWrites()) {
    return failure(tool.name, `${tool.title}: writes from MCP clients are off; nothing was sent.`, { code: 'writesOff', message: WRITES_OFF_MESSAGE });
  }
  if (!confirmed || signal.aborted) {
    return failure(tool.name, `${tool.title}: not confirmed; nothing was sent.`, { code: 'declined', message: DECLINED_MESSAGE });
  }
  // With the text the person confirmed: if it would now read differently (a file, a name or the contact e-mail
  // changed meanwhile), the catalogue refuses and sends nothing.
  return tool.invoke(input, signal, preparation.confirmation);
}
