// What the case tab and the note commands know of the note form's host side. The implementation (noteForms.ts)
// is its own bundle (dist/forms.js), loaded the first time a tab or a command needs it, so activation pays nothing
// for sending notes, picking files or the draft logic.

import * as path from 'path';
import type * as vscode from 'vscode';
import type { CaseDetail, Logger, SupportApiClient } from '../../api/types';
import type { CaseRef } from '../../cases/caseRef';
import type { CaseWrites } from '../../cases/caseWrites';
import type { ContactEmails } from '../../auth/contactEmails';
import type { Telemetry } from '../../telemetry/telemetry';
import type { UserMessages } from '../../util/userMessages';
import type { FormFocus, FormMessage, PageMessage } from '../../webviews/case/protocol';
import type { NoteDrafts } from './noteDraft';
import type * as FormsModule from './noteForms';

/** A case tab as the note form sees it. */
export interface NoteFormTab {
  readonly ref: CaseRef;
  /** The case as last loaded, if it is. */
  readonly detail: CaseDetail | undefined;
  postForm(message: FormMessage): void;
  /** Reloads the case (never rejects). */
  load(): Promise<void>;
  reveal(): void;
}

export type FormWebviewMessage = Extract<PageMessage, { type: 'noteDraft' | 'addNote' | 'cancelNote' | 'pickFiles' | 'removeFile' }>;

export interface NoteForms {
  /** A tab's page (re)started: give it the form's state and the stored draft. */
  pageReady(tab: NoteFormTab, focus?: FormFocus): void;
  handle(tab: NoteFormTab, message: FormWebviewMessage): Promise<void>;
  /**
   * Adds files to the case's draft (limits applied; refusals shown next to the files and in a warning) and proposes
   * a subject if there is none. Says how many files were added and refused.
   */
  attachFiles(ref: CaseRef, uris: readonly vscode.Uri[]): Promise<{ readonly attached: number; readonly refused: number }>;
  /** Whether a note of this case is being sent right now. */
  isSending(ref: CaseRef): boolean;
  /** Cancels the note of this case being sent (its tab closed); a note whose last byte left is looked up. */
  cancel(ref: CaseRef): void;
}

export interface NoteFormsDeps {
  /** The Support API as the given account: a case is only ever read or written with its own account's token. */
  readonly api: (account: string) => Promise<SupportApiClient>;
  readonly drafts: NoteDrafts;
  /** The one write path (sends, single flight, markers, look-ups); it clears a draft once its note is on the case. */
  readonly writes: CaseWrites;
  readonly contacts: ContactEmails;
  readonly logger: Logger;
  readonly telemetry: Telemetry;
  readonly messages: UserMessages;
  /** The open tab of a case, if any (a send outlives the tab that started it). */
  readonly tabOf: (ref: CaseRef) => NoteFormTab | undefined;
  /** Moves the case to the top of the tree after a note (never rejects). */
  readonly refreshTree: () => Promise<void>;
}

/** Loads dist/forms.js on first use. */
export class LazyNoteForms {
  private forms: NoteForms | undefined;

  constructor(
    private readonly bundleDir: string,
    private readonly deps: NoteFormsDeps
  ) {}

  get isLoaded(): boolean {
    return this.forms !== undefined;
  }

  get(): NoteForms {
    if (!this.forms) {
      // A runtime path keeps esbuild from inlining the module into the activation bundle.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const module = require(path.join(this.bundleDir, 'forms.js')) as typeof FormsModule;
      this.forms = module.createNoteForms(this.deps);
    }
    return this.forms;
  }
}
