// The write side as its own bundle (dist/writes.js): CaseWrites over the file ledger shared by windows, the drafts
// it clears once a write is on the server, and the contact e-mails the writes are sent with. Loaded the first time a
// form, a command or a test needs one of them (lazyWrites.ts), never at activation.

import * as path from 'path';
import type * as vscode from 'vscode';
import type { Logger, SupportApiClient } from '../api/types';
import { ContactEmails } from '../auth/contactEmails';
import { CaseWrites, type WriteIdentity } from '../cases/caseWrites';
import { FileWriteLedger } from '../cases/writeLedger';
import { NoteDrafts } from './caseTab/noteDraft';
import { NewCaseDrafts } from './newCase/draftStore';

export interface WriteSideDeps {
  readonly api: (account: string) => Promise<SupportApiClient>;
  readonly logger: Logger;
  /** context.globalStorageUri.fsPath: the ledger lives in its `writes` folder. */
  readonly storageDir: string;
  /** context.globalState: drafts and contact e-mails (nothing secret). */
  readonly state: vscode.Memento;
}

export interface WriteSide {
  readonly writes: CaseWrites;
  readonly noteDrafts: NoteDrafts;
  readonly contacts: ContactEmails;
  dispose(): void;
}

export function createWriteSide(deps: WriteSideDeps): WriteSide {
  const noteDrafts = new NoteDrafts(deps.state);
  const newCaseDrafts = new NewCaseDrafts(deps.state);
  const ledger = new FileWriteLedger(path.join(deps.storageDir, 'writes'));
  const writes = new CaseWrites({ api: deps.api, ledger, logger: deps.logger, cleared: (identity) => clearSentDraft(identity, noteDrafts, newCaseDrafts) });
  return {
    writes,
    noteDrafts,
    contacts: new ContactEmails(deps.state),
    dispose: () => {
      writes.dispose();
      ledger.dispose();
    }
  };
}

/** A write is on the server: its draft goes, unless the person has started another one meanwhile (another id). */
async function clearSentDraft(identity: WriteIdentity, notes: NoteDrafts, newCases: NewCaseDrafts): Promise<void> {
  if (identity.kind === 'note') {
    const ref = { account: identity.account, caseNumber: identity.caseNumber };
    if (notes.get(ref).id === identity.draftId) {
      await notes.clear(ref);
    }
  } else if (identity.kind === 'newCase' && newCases.get(identity.account)?.id === identity.draftId) {
    await newCases.clear(identity.account);
  }
  // Close Case keeps its subject and description in the command's memory; it forgets them on 'done'.
}
