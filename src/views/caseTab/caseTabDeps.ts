// What the case tabs need from the rest of the extension, handed in by extension.ts (nothing is reached through a
// module-level singleton), and the commands a tab runs for its buttons.

import type * as vscode from 'vscode';
import type { Logger, SupportApiClient } from '../../api/types';
import type { Telemetry } from '../../telemetry/telemetry';
import type { NoteForms } from './formsHost';

export interface CasePanelDeps {
  readonly extensionUri: vscode.Uri;
  /** The Support API as the given account: a case is only ever read or written with its own account's token. */
  readonly api: (account: string) => Promise<SupportApiClient>;
  readonly logger: Logger;
  readonly telemetry: Telemetry;
  readonly openPortal: (caseNumber: string) => Promise<void>;
  /** Signs in again for the tab's account (its client ID filled in when the account is still stored, e.g. refused). */
  readonly signIn: (account: string) => Promise<void>;
  /**
   * `preferred` when that account is signed in; else (a tab saved by 0.1.0, without an account) the first signed-in
   * account; another signed-in account's id when `preferred` is not (the tab must not show under it); undefined
   * when signed out. Must resolve only after the stored credentials were first read: restored tabs wait for it, so
   * the outcome does not depend on the order of startup events.
   */
  readonly currentAccount: (preferred?: string) => Promise<string | undefined>;
  /** Reports a failure nobody else handled (with a message and Show Log). */
  readonly report: (what: string, err: unknown) => void;
  /** The note form's host side, loaded on first use; without it the form's messages are ignored (tests' managers). */
  readonly forms?: { get(): NoteForms; readonly isLoaded?: boolean };
}

/** Run with the tab's CaseRef (and the attachment): implemented by the download and close commands. */
export const DOWNLOAD_ATTACHMENT_COMMAND = 'axwaySupport.downloadAttachment';
export const CLOSE_CASE_COMMAND = 'axwaySupport.closeCase';
