// What the New Support Case form needs from the rest of the extension, handed in by extension.ts (through the lazy
// loader, lazyNewCase.ts): nothing here is reached through a module-level singleton.

import type * as vscode from 'vscode';
import type { Logger, SupportApiClient } from '../../api/types';
import type { CaseRef } from '../../cases/caseRef';
import type { CaseWrites } from '../../cases/caseWrites';
import type { Telemetry } from '../../telemetry/telemetry';

export interface NewCaseMessages {
  info(text: string, ...actions: string[]): Promise<string | undefined>;
  warning(text: string, ...actions: string[]): Promise<string | undefined>;
  error(text: string, ...actions: string[]): Promise<string | undefined>;
  report(what: string, err: unknown): void;
}

export interface NewCaseDeps {
  readonly extensionUri: vscode.Uri;
  /** The Support API as the given account: a case is only ever read or written with its own account's token. */
  readonly api: (account: string) => Promise<SupportApiClient>;
  readonly logger: Logger;
  readonly telemetry: Telemetry;
  readonly messages: NewCaseMessages;
  /**
   * `preferred` when that account is signed in, else the first signed-in account (undefined when signed out);
   * resolves only after the stored credentials were first read.
   */
  readonly currentAccount: (preferred?: string) => Promise<string | undefined>;
  /** Whether the account is signed in now, and an event when that may have changed (sign-in, sign-out). */
  readonly isSignedIn: (account: string) => boolean;
  readonly onDidChangeAccount: (listener: () => void) => { dispose(): void };
  /** The per-account contact e-mail (auth/contactEmails.ts). */
  readonly contacts: { get(account: string): string | undefined; set(account: string, email: string): Promise<void> };
  /** Where drafts are kept (extension global state). */
  readonly state: vscode.Memento;
  /** The one write path: sends once, keeps a marker until the outcome is known, looks a lost answer up. */
  readonly writes: CaseWrites;
  /** Opens a case in its tab (the Open Case command). */
  readonly openCase: (ref: CaseRef) => Promise<void>;
  /** Reloads the Recent Cases tree, so a new case tops it. */
  readonly refreshCases: () => Promise<void>;
  /** Asks for files to attach; the default is VS Code's open dialog. */
  readonly pickFiles?: () => Promise<readonly string[] | undefined>;
}
