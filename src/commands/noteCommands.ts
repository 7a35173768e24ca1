// Add Note, Attach to Support Case… and Set Contact E-mail. The note form itself lives in the case tab; these
// commands open that tab, put files into its draft and focus the form. Sending is the tab's job (NoteForms).

import * as vscode from 'vscode';
import { CaseRef, isTypedCaseNumber, parseCaseRef } from '../cases/caseRef';
import type { AccountModels } from '../cases/accountModels';
import type { CasesModel } from '../cases/casesModel';
import { pickAccount } from './accountPick';
import type { ContactEmails } from '../auth/contactEmails';
import { Commands } from '../util/ids';
import { plainItem } from '../util/text';
import { guarded, UserMessages } from '../util/userMessages';
import type { CasePanelManager } from '../views/caseTab/casePanelManager';
import type { LazyNoteForms } from '../views/caseTab/formsHost';
import { isCaseNode } from '../views/treeNodes';

export interface NoteCommandDeps {
  readonly models: AccountModels;
  readonly panels: Pick<CasePanelManager, 'open'>;
  readonly forms: LazyNoteForms;
  readonly contacts: ContactEmails;
  readonly messages: UserMessages;
}

export function registerNoteCommands(deps: NoteCommandDeps): vscode.Disposable[] {
  const { messages } = deps;
  const register = (id: string, what: string, handler: (...args: unknown[]) => unknown): vscode.Disposable =>
    vscode.commands.registerCommand(id, guarded(messages, what, handler));
  return [
    register(Commands.addNote, vscode.l10n.t('Opening the note form'), (arg?: unknown) => addNote(deps, arg)),
    register(Commands.attachToCase, vscode.l10n.t('Attaching files to a case'), (uri?: unknown, uris?: unknown, target?: unknown) => attachToCase(deps, uri, uris, target)),
    register(Commands.setContactEmail, vscode.l10n.t('Setting the contact e-mail'), () => setContactEmail(deps))
  ];
}

async function addNote(deps: NoteCommandDeps, arg: unknown): Promise<void> {
  const account = await signedInAccount(deps, vscode.l10n.t('Axway Support: Sign in to add a note.'), arg === undefined ? vscode.l10n.t('Add Note') : undefined);
  if (account === undefined) {
    return;
  }
  const ref = arg === undefined ? await pickCase(deps.models.modelOf(account) ?? deps.models.primary, account, vscode.l10n.t('Add Note')) : refOf(arg);
  if (!ref) {
    if (arg !== undefined) {
      void deps.messages.error(vscode.l10n.t('Axway Support: The command was not given a case. Run Add Note from a case in the Recent Cases view or its tab.'));
    }
    return;
  }
  if (!sameAccount(deps, ref, account)) {
    return;
  }
  deps.panels.open(ref).focusNoteForm('subject');
}

async function attachToCase(deps: NoteCommandDeps, uri: unknown, uris: unknown, target: unknown): Promise<void> {
  // Explorer: (clicked, all selected); editor title: (the editor's file, an editor context object).
  const selected = Array.isArray(uris) && uris.length > 0 ? uris : [uri ?? vscode.window.activeTextEditor?.document.uri];
  const files = selected.filter((u): u is vscode.Uri => u instanceof vscode.Uri);
  if (files.length === 0) {
    void deps.messages.error(vscode.l10n.t('Axway Support: No file to attach. Right-click one or more files in the Explorer and choose Attach to Support Case….'));
    return;
  }
  const account = await signedInAccount(deps, vscode.l10n.t('Axway Support: Sign in to attach files to a case.'), target === undefined ? vscode.l10n.t('Attach to Support Case…') : undefined);
  if (account === undefined) {
    return;
  }
  // A caller may name the case (another extension, tests); a person picks it.
  const ref = target !== undefined ? refOf(target) : await pickCase(deps.models.modelOf(account) ?? deps.models.primary, account, vscode.l10n.t('Attach to Support Case…'));
  if (!ref || !sameAccount(deps, ref, account)) {
    return;
  }
  const panel = deps.panels.open(ref);
  const { refused } = await deps.forms.get().attachFiles(ref, files);
  panel.focusNoteForm(refused > 0 ? 'files' : 'description');
}

async function setContactEmail(deps: NoteCommandDeps): Promise<void> {
  const account = await signedInAccount(deps, vscode.l10n.t('Axway Support: Sign in to set the contact e-mail.'), vscode.l10n.t('Set Contact E-mail'));
  if (account === undefined) {
    return;
  }
  const email = await deps.contacts.ask(account);
  if (email !== undefined) {
    void deps.messages.info(vscode.l10n.t('Axway Support: Notes, new cases and closed cases now name {0} as the contact.', email));
  }
}

/**
 * Undefined (after offering Sign in) while signed out. With several accounts, `pickTitle` asks which one (the
 * command has no case yet); without it, the first account stands in and the case's own account is checked later.
 */
async function signedInAccount(deps: NoteCommandDeps, signInMessage: string, pickTitle: string | undefined): Promise<string | undefined> {
  const entries = deps.models.entries;
  if (entries.length === 0) {
    const signIn = vscode.l10n.t('Sign in');
    if ((await deps.messages.error(signInMessage, signIn)) === signIn) {
      await vscode.commands.executeCommand(Commands.signIn);
    }
    return undefined;
  }
  return pickTitle !== undefined ? (await pickAccount(entries, pickTitle))?.id : entries[0].id;
}

/** The case's own account must be signed in: its tab, notes and files go through that account only. */
function sameAccount(deps: NoteCommandDeps, ref: CaseRef, _account: string): boolean {
  if (deps.models.modelOf(ref.account) !== undefined) {
    return true;
  }
  void deps.messages.error(vscode.l10n.t('Axway Support: Case {0} belongs to a service account that is not signed in. Sign in with it to add notes.', ref.caseNumber));
  return false;
}

function refOf(arg: unknown): CaseRef | undefined {
  if (isCaseNode(arg)) {
    return arg.ref.caseNumber === '' ? undefined : arg.ref;
  }
  return parseCaseRef(arg);
}

interface CaseItem extends vscode.QuickPickItem {
  readonly caseNumber: string;
}

/** A recent case of the tree, or a typed case number. Undefined when dismissed. */
function pickCase(model: CasesModel, account: string, title: string): Promise<CaseRef | undefined> {
  const state = model.state;
  const recent: CaseItem[] = (state.kind === 'loaded' ? state.cases : [])
    .filter((c) => c.caseNumber !== '')
    .map((c) => plainItem({ label: c.caseNumber, description: c.subject, detail: c.status, caseNumber: c.caseNumber }));
  const pick = vscode.window.createQuickPick<CaseItem>();
  pick.title = vscode.l10n.t('Axway Support: {0}', title);
  pick.placeholder = recent.length > 0 ? vscode.l10n.t('Pick a recent case, or type a case number') : vscode.l10n.t('Type a case number, e.g. {0}', '01314580');
  pick.matchOnDescription = true;
  pick.ignoreFocusOut = true;
  pick.items = recent;
  pick.onDidChangeValue((value) => {
    const typed = value.trim();
    pick.items = isTypedCaseNumber(typed) && !recent.some((i) => i.caseNumber === typed)
      ? [plainItem({ label: typed, description: vscode.l10n.t('Typed case number'), caseNumber: typed, alwaysShow: true }), ...recent]
      : recent;
  });
  return new Promise((resolve) => {
    pick.onDidAccept(() => {
      const chosen = pick.selectedItems[0] ?? pick.activeItems[0];
      if (!chosen) {
        // Nothing matches what was typed: say what a case number looks like, and keep the picker open.
        pick.placeholder = vscode.l10n.t('A case number has only letters, digits or dashes (at most {0}).', 32);
        return;
      }
      resolve({ account, caseNumber: chosen.caseNumber });
      pick.hide();
    });
    pick.onDidHide(() => {
      resolve(undefined);
      pick.dispose();
    });
    pick.show();
  });
}
