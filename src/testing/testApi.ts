// The integration suite's handle on the running extension: what activate() returns in Test and Development mode, and
// the seams the suite drives (a SecretStorage that can fail, scripted prompts). Its own bundle (dist/testing.js):
// extension.ts requires it only when the extension does not run in Production mode, so the production activation
// bundle holds none of it (a unit test checks dist/extension.js for its names).
//
// It reaches the secret (that is its point), so a production run returns nothing: every installed extension can call
// `getExtension(...).activate()`, and VS Code's per-extension secret storage must stay ours. Other extensions get the
// Support API through the authentication provider, never through these exports.

import * as vscode from 'vscode';
import type { AccountDirectory } from '../auth/accountDirectory';
import type { AccountStore } from '../auth/accountStore';
import type { ContactEmails } from '../auth/contactEmails';
import type { SignInFlow } from '../auth/signInFlow';
import type { AccountModels } from '../cases/accountModels';
import type { CaseCache } from '../cases/caseCache';
import type { CasesModel } from '../cases/casesModel';
import type { Follow } from '../follow/follow';
import type { LazyNetwork } from '../network/lazyNetwork';
import type { ExtensionTelemetry } from '../telemetry/extensionTelemetry';
import type { ScrubbingLogger } from '../util/logger';
import type { UserMessages } from '../util/userMessages';
import type { CaseDecorations } from '../views/caseDecorations';
import type { CasePanelManager } from '../views/caseTab/casePanel';
import type { LazyNoteForms } from '../views/caseTab/formsHost';
import type { NoteDrafts } from '../views/caseTab/noteDraft';
import type { CasesTreeProvider } from '../views/casesTreeProvider';
import type { LazyNewCaseForm } from '../views/newCase/lazyNewCase';
import { FailableSecretStorage } from './failableSecretStorage';
import { ScriptedPrompts } from './scriptedPrompts';
import { ScriptedSignInPrompts } from './scriptedSignInPrompts';

export interface AxwaySupportTestApi {
  /** The first (or only) account's model: one object for the extension's lifetime. */
  readonly model: CasesModel;
  /** Every signed-in account with its own model (modelOf(id)); the first one's model is `model`. */
  readonly accounts: AccountModels;
  readonly tree: CasesTreeProvider;
  /** The case tabs (reading it loads the tab code, dist/caseTab.js). */
  readonly panels: CasePanelManager;
  /** The New Support Case form (its bundle loads on first use). */
  readonly newCase: LazyNewCaseForm;
  readonly credentials: AccountStore;
  readonly network: LazyNetwork;
  readonly telemetry: ExtensionTelemetry;
  readonly logger: ScrubbingLogger;
  /** The sign-in flow (reading it loads dist/signIn.js). */
  readonly signIn: SignInFlow;
  readonly messages: UserMessages;
  readonly noteForms: LazyNoteForms;
  /** The note drafts and contact e-mails (reading one loads the write side, dist/writes.js). */
  readonly noteDrafts: NoteDrafts;
  readonly contactEmails: ContactEmails;
  /** Where the extension keeps state, so tests can prove no secret ends up outside SecretStorage. */
  readonly storage: { readonly secrets: vscode.SecretStorage; readonly globalState: vscode.Memento; readonly workspaceState: vscode.Memento };
  /** Resolves once the stored credentials were read and the view state matches them. */
  readonly ready: Promise<void>;
  /** The signed-in accounts as the Accounts menu's AuthenticationProvider sees them. */
  readonly accountDirectory: AccountDirectory;
  /** The Recent Cases view (its description, message and badge) and the on-disk list cache. */
  readonly casesView: vscode.TreeView<unknown>;
  readonly listCache: CaseCache;
  readonly decorations: CaseDecorations;
  /** Auto-refresh, notifications and the awaiting-you status bar item (reading it loads dist/follow.js). */
  readonly follow: Follow;
  /** Answers Close Case's prompts and the download's save dialog and progress (the smoke-test host skips dialogs). */
  readonly prompts?: ScriptedPrompts;
  /** Answers the sign-in prompts (kind, client ID, key file, passphrase). */
  readonly signInPrompts?: ScriptedSignInPrompts;
}

/** What extension.ts hands over; the parts whose code loads lazily are functions, called when a test reads them. */
export type TestApiParts = Omit<AxwaySupportTestApi, 'panels' | 'signIn' | 'follow' | 'accountDirectory' | 'noteDrafts' | 'contactEmails' | 'prompts' | 'signInPrompts' | 'storage'> & {
  readonly noteDrafts: () => NoteDrafts;
  readonly contactEmails: () => ContactEmails;
  readonly panels: () => CasePanelManager;
  readonly signIn: () => SignInFlow;
  readonly follow: () => Follow;
  readonly accountDirectory: () => AccountDirectory;
  readonly storage: Omit<AxwaySupportTestApi['storage'], 'secrets'>;
};

/** The seams, made before anything else at activation, and the test API made from the parts at its end. */
export interface TestSeams {
  /** In Test mode a SecretStorage a test can make fail like a locked OS keyring; otherwise the real one. */
  readonly secrets: vscode.SecretStorage;
  readonly prompts: ScriptedPrompts;
  readonly signInPrompts: ScriptedSignInPrompts;
  testApi(parts: TestApiParts): AxwaySupportTestApi;
}

export function createTestSeams(secrets: vscode.SecretStorage, mode: vscode.ExtensionMode): TestSeams {
  const seams = {
    secrets: mode === vscode.ExtensionMode.Test ? new FailableSecretStorage(secrets) : secrets,
    prompts: new ScriptedPrompts(),
    signInPrompts: new ScriptedSignInPrompts()
  };
  return {
    ...seams,
    testApi: (parts) => ({
      ...parts,
      storage: { ...parts.storage, secrets: seams.secrets },
      prompts: seams.prompts,
      signInPrompts: seams.signInPrompts,
      get panels() {
        return parts.panels();
      },
      get signIn() {
        return parts.signIn();
      },
      get follow() {
        return parts.follow();
      },
      get accountDirectory() {
        return parts.accountDirectory();
      },
      get noteDrafts() {
        return parts.noteDrafts();
      },
      get contactEmails() {
        return parts.contactEmails();
      }
    })
  };
}
