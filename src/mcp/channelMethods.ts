// The methods the MCP server calls on the extension host over the private channel, and the checks both ends apply
// to what crosses it. Nothing secret but a short-lived access token ever travels here: never a client secret, a key
// file or a passphrase.
// No vscode import: both ends use it.

import type { ToolAccount, ToolOutput, ToolResultJson } from '../tools/types';
import { ChannelError } from './channelProtocol';

export const METHODS = {
  /** The signed-in accounts and the (non-secret) endpoints, asked before every tool call so changes apply at once. */
  session: 'session',
  /** A valid access token of one account, cached and renewed by the extension; `rejected` drops one the API refused. */
  token: 'token',
  /** Runs a write tool in VS Code: refused while writes are off; otherwise the modal confirmation, then the write path. */
  write: 'write'
} as const;

export interface SessionInfo {
  readonly accounts: readonly ToolAccount[];
  /** Where the Support API is (validated by the extension); the server sends tokens only there. */
  readonly apiBaseUrl: string;
  /** The portal's case address template with `{caseNumber}`, when the setting is valid. */
  readonly portalCaseUrl?: string;
  /** Whether the person allows MCP clients to write (axwaySupport.agentTools.allowWrites). */
  readonly allowWrites: boolean;
}

export interface TokenParams {
  readonly account: string;
  /** A token the Support API refused (401): the extension forgets it before handing out a fresh one. */
  readonly rejected?: string;
}

export interface TokenResult {
  readonly accessToken: string;
}

export interface WriteParams {
  readonly tool: string;
  readonly input: unknown;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function bad(what: string): ChannelError {
  return new ChannelError(`The channel received ${what}.`, 'badRequest');
}

export function parseTokenParams(value: unknown): TokenParams {
  if (!isRecord(value) || typeof value.account !== 'string' || value.account === '') {
    throw bad('a token request without an account');
  }
  if (value.rejected !== undefined && typeof value.rejected !== 'string') {
    throw bad('a token request with a malformed rejected token');
  }
  return { account: value.account, rejected: value.rejected };
}

export function parseWriteParams(value: unknown): WriteParams {
  if (!isRecord(value) || typeof value.tool !== 'string') {
    throw bad('a write request without a tool name');
  }
  return { tool: value.tool, input: value.input };
}

export function parseSession(value: unknown): SessionInfo {
  if (!isRecord(value) || !Array.isArray(value.accounts) || typeof value.apiBaseUrl !== 'string' || typeof value.allowWrites !== 'boolean') {
    throw bad('a malformed session');
  }
  const accounts = value.accounts.filter(isRecord).flatMap((a) => (typeof a.id === 'string' && typeof a.label === 'string' ? [{ id: a.id, label: a.label }] : []));
  return {
    accounts,
    apiBaseUrl: value.apiBaseUrl,
    portalCaseUrl: typeof value.portalCaseUrl === 'string' ? value.portalCaseUrl : undefined,
    allowWrites: value.allowWrites
  };
}

export function parseTokenResult(value: unknown): TokenResult {
  if (!isRecord(value) || typeof value.accessToken !== 'string' || value.accessToken === '') {
    throw bad('a malformed token answer');
  }
  return { accessToken: value.accessToken };
}

/** A tool's output as the extension sent it back (the same shape the catalogue returns). */
export function parseToolOutput(value: unknown): ToolOutput {
  if (!isRecord(value) || typeof value.summary !== 'string' || typeof value.text !== 'string' || !isRecord(value.json)) {
    throw bad('a malformed tool result');
  }
  const json = value.json;
  if (typeof json.tool !== 'string' || typeof json.ok !== 'boolean' || typeof json.notice !== 'string') {
    throw bad('a malformed tool result');
  }
  return { summary: value.summary, text: value.text, json: json as unknown as ToolResultJson };
}
