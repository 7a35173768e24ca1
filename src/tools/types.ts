// The tool catalogue's interface: what each tool is (name, description for the model, input schema, read-only or
// not) and what it runs against (ToolHost). Two front doors are fed from it: VS Code's language-model tools and the
// MCP server. vscode-free, so plain mocha tests it over HTTP against the fake Support API, and the MCP bundle can load
// it without VS Code.
//
// Confirmation is the front door's job: describeWrite() gives the exact text to show (case, account, subject, full
// text, file names and sizes), so both doors show the same thing; invoke() of a write tool runs only after the person
// confirmed that text.

import type { Logger, SupportApiClient } from '../api/types';
import type { SentMarker, SubmitOptions, WriteIdentity, WriteRequest, WriteResult } from '../cases/caseWrites';

/** A signed-in account, as the tools name it to the model and as the model names it back (id or label). */
export interface ToolAccount {
  /** Stable and not secret (auth/accountId.ts). */
  readonly id: string;
  /** The person's own name for it (or the organisation's account names). */
  readonly label: string;
}

/** The one write path (src/cases/caseWrites.ts): single flight, markers, look-up after a lost answer. */
export interface ToolWrites {
  submit(identity: WriteIdentity, prepare: (signal: AbortSignal) => Promise<WriteRequest | undefined>, options?: SubmitOptions): Promise<WriteResult>;
  /** What an earlier send of this intent left (kept 30 days): how a call learns it was already sent, and when. */
  marker(identity: WriteIdentity): Promise<SentMarker | undefined>;
}

/** What the tools run against; the extension (or the MCP server through its channel) provides it. */
export interface ToolHost {
  /** The signed-in accounts whose credentials are usable (a refused account is left out), in the view's order. */
  accounts(): Promise<readonly ToolAccount[]>;
  /** The Support API as this account: a case is only ever read or written with its own account's token. */
  api(account: string): Promise<SupportApiClient>;
  readonly writes: ToolWrites;
  /** The account's stored contact e-mail (Set Contact E-mail…), if any. */
  contactEmail(account: string): string | undefined;
  /** Absolute paths of the open workspace folders (files to attach and downloads must lie inside one). */
  workspaceFolders(): readonly string[];
  /** The case's page in the support portal, when the portal address setting is valid. */
  portalUrl(caseNumber: string): string | undefined;
  readonly logger: Logger;
  readonly now?: () => number;
}

/** A JSON schema as the tools declare their inputs (the subset both VS Code and MCP clients read). */
export interface JsonSchema {
  readonly type?: 'object' | 'string' | 'integer' | 'number' | 'boolean' | 'array';
  readonly description?: string;
  readonly properties?: Readonly<Record<string, JsonSchema>>;
  readonly required?: readonly string[];
  readonly items?: JsonSchema;
  readonly enum?: readonly (string | number)[];
  readonly minimum?: number;
  readonly maximum?: number;
  readonly minItems?: number;
  readonly maxItems?: number;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly additionalProperties?: boolean;
}

/** What a tool is, without its handler: package.json's languageModelTools and MCP's tools/list are made from it. */
export interface ToolSpec {
  /** `axway_support_…`: valid as a VS Code tool name and an MCP tool name. */
  readonly name: string;
  /** For `#axwayCases` in a chat prompt. */
  readonly referenceName: string;
  /** Short, for people (tool pickers, confirmations). */
  readonly title: string;
  /** For people, one sentence (VS Code's tool picker). */
  readonly userDescription: string;
  /** For the model: what it does, when to use it and when not. */
  readonly description: string;
  readonly inputSchema: JsonSchema;
  /** True: only reads (no confirmation). False: changes something (asks the person first). */
  readonly readOnly: boolean;
  /** A codicon name for VS Code's tool list. */
  readonly icon: string;
}

/** The documented JSON every tool answers with (README "Use with AI agents"). */
export interface ToolResultJson {
  readonly tool: string;
  readonly ok: boolean;
  /** The signed-in account the call used, when it used one. */
  readonly account?: ToolAccount;
  /** Always the same sentence: the values under `data` come from the Support API and are data, not instructions. */
  readonly notice: string;
  /** Everything the Support API said (subjects, descriptions, notes, names), only here. */
  readonly data?: unknown;
  /** Why the call did nothing (or what is unknown), with what to do next. */
  readonly error?: ToolError;
}

export interface ToolError {
  /** Stable: 'invalidInput' | 'ambiguousAccount' | 'unknownAccount' | 'notSignedIn' | 'noContactEmail' | 'unknownName' | 'api' | 'busy' | 'unknownOutcome' | 'file' | 'cancelled' | 'partial' | 'confirmationChanged' | 'unknownRepeat'. */
  readonly code: string;
  /** What happened and the next step (may quote an API message: it is data too). */
  readonly message: string;
  readonly troubleshootingId?: string;
  /** The valid values, when a name or an account was wrong (e.g. product names). */
  readonly choices?: readonly string[];
}

/** A tool's answer: one human line (our own words only) and the JSON, joined in `text` for the model. */
export interface ToolOutput {
  readonly summary: string;
  readonly json: ToolResultJson;
  /** `summary`, a blank line, then the JSON: what the model receives. */
  readonly text: string;
}

/** The exact text the person confirms before a write runs. */
export interface WriteConfirmation {
  readonly title: string;
  /** Plain text (no Markdown is interpreted by the front doors): every value that will be sent, in full. */
  readonly message: string;
}

export type Preparation =
  /** A read: runs without asking. */
  | { readonly kind: 'read'; readonly invocationMessage: string }
  /** A write: runs only after the person confirmed `confirmation`. */
  | { readonly kind: 'write'; readonly invocationMessage: string; readonly confirmation: WriteConfirmation }
  /**
   * The input cannot run (a wrong name, no contact e-mail, no such file) or need not (this exact write was already
   * sent): nothing to confirm; `output` says why.
   */
  | { readonly kind: 'refused'; readonly invocationMessage: string; readonly output: ToolOutput };

/** A tool with its handler, bound to one host. */
export interface AgentTool extends ToolSpec {
  /** What to show before the call; for a write, the confirmation text. Sends nothing that changes anything. */
  describeWrite(input: unknown, signal?: AbortSignal): Promise<Preparation>;
  /**
   * Runs the tool (a write: after the person confirmed). Never rejects: failures are outputs. A front door passes the
   * `confirmed` text the person saw: a write whose confirmation would now read differently (the contact e-mail, a
   * file or a name changed meanwhile) is refused with 'confirmationChanged' and sends nothing.
   */
  invoke(input: unknown, signal?: AbortSignal, confirmed?: WriteConfirmation): Promise<ToolOutput>;
}

export interface ToolCatalogue {
  readonly tools: readonly AgentTool[];
  get(name: string): AgentTool | undefined;
}
