// The tool host inside the MCP server process. Reads go straight to the Support API with access tokens the extension
// hands out over the private channel, one account at a time (the server keeps none: it asks for each request, and
// the extension answers from its own cache). Writes never run here: the catalogue's write tools are sent back to
// VS Code (see mcpServer.ts), so this host has no write path, no workspace folders and no contact e-mails.
// No vscode import: this is part of dist/mcp.js.

import { ApiError, cancelledError, type ApiErrorKind } from '../api/errors';
import { SupportApi } from '../api/supportApi';
import type { Logger, SupportApiClient, TokenSource } from '../api/types';
import { validateEndpointUrl } from '../api/url';
import type { ToolAccount, ToolHost } from '../tools/types';
import type { ChannelClient } from './channelClient';
import { METHODS, parseSession, parseTokenResult, type SessionInfo } from './channelMethods';
import { ChannelError } from './channelProtocol';

const API_KINDS: ReadonlySet<string> = new Set<ApiErrorKind>(['credentialsRejected', 'notSignedIn', 'forbidden', 'badRequest', 'network', 'timeout', 'config', 'unavailable', 'server', 'rateLimited', 'http']);

/** A failure on the channel as the API service reports failures, so tool results say it the same way. */
export function channelFailure(err: unknown): ApiError {
  if (!(err instanceof ChannelError)) {
    return err instanceof ApiError ? err : new ApiError({ kind: 'http', message: err instanceof Error ? err.message : String(err) });
  }
  if (err.code === 'cancelled') {
    return cancelledError();
  }
  if (err.code === 'closed') {
    return new ApiError({ kind: 'network', message: err.message });
  }
  const kind = err.code !== undefined && API_KINDS.has(err.code) ? (err.code as ApiErrorKind) : 'http';
  return new ApiError({ kind, message: err.message });
}

/** Asks the extension for the account's token at every request; forgets nothing because it keeps nothing. */
class ChannelTokens implements TokenSource {
  private rejected: string | undefined;

  constructor(
    private readonly channel: ChannelClient,
    private readonly account: string
  ) {}

  async getToken(signal?: AbortSignal): Promise<string> {
    const rejected = this.rejected;
    this.rejected = undefined;
    try {
      return parseTokenResult(await this.channel.request(METHODS.token, { account: this.account, rejected }, signal)).accessToken;
    } catch (err) {
      throw channelFailure(err);
    }
  }

  invalidate(rejected?: string): void {
    // Passed on with the next request, so the extension drops exactly that token (not one renewed meanwhile).
    this.rejected = rejected;
  }
}

export interface ServerHostOptions {
  readonly channel: ChannelClient;
  readonly logger: Logger;
  readonly now?: () => number;
}

export class ServerToolHost implements ToolHost {
  readonly logger: Logger;
  readonly now?: () => number;
  readonly writes = {
    submit: (): Promise<never> => Promise.reject(new Error('Writes run in VS Code, not in the MCP server.')),
    marker: (): Promise<never> => Promise.reject(new Error('Writes run in VS Code, not in the MCP server.'))
  };
  private session: SessionInfo | undefined;
  /** One API service per account and base URL: an endpoint change in VS Code starts new ones. */
  private readonly apis = new Map<string, SupportApiClient>();

  constructor(private readonly options: ServerHostOptions) {
    this.logger = options.logger;
    this.now = options.now;
  }

  /** Asks VS Code for the accounts and endpoints as they are now; every tool call starts here. */
  async refresh(signal?: AbortSignal): Promise<SessionInfo> {
    try {
      this.session = parseSession(await this.options.channel.request(METHODS.session, undefined, signal));
    } catch (err) {
      throw channelFailure(err);
    }
    return this.session;
  }

  async accounts(): Promise<readonly ToolAccount[]> {
    return (this.session ?? (await this.refresh())).accounts;
  }

  async api(account: string): Promise<SupportApiClient> {
    const session = this.session ?? (await this.refresh());
    // Validated again here: tokens go only to an https (or loopback) address.
    const baseUrl = validateEndpointUrl(session.apiBaseUrl, 'axwaySupport.apiBaseUrl').toString().replace(/\/+$/, '');
    const key = `${account}\n${baseUrl}`;
    let api = this.apis.get(key);
    if (!api) {
      api = new SupportApi({ baseUrl, tokens: new ChannelTokens(this.options.channel, account), logger: this.logger });
      this.apis.set(key, api);
    }
    return api;
  }

  contactEmail(): undefined {
    return undefined;
  }

  workspaceFolders(): readonly string[] {
    return [];
  }

  portalUrl(caseNumber: string): string | undefined {
    const template = this.session?.portalCaseUrl;
    if (!template) {
      return undefined;
    }
    try {
      return validateEndpointUrl(template.split('{caseNumber}').join(encodeURIComponent(caseNumber)), 'axwaySupport.portalCaseUrl').toString();
    } catch {
      return undefined;
    }
  }
}
