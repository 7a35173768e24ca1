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
import type { Telemetry } from '../telemetry/telemetry';
import type { Logger, LogSink } from '../util/logger';
import type { UserMessages } from '../util/userMessages';
import type { CaseDecorations } from '../views/caseDecorations';
import type { CasePanelManager } from '../views/caseTab/casePanelManager';
import type { LazyNoteForms } from '../views/caseTab/formsHost';
import type { NoteDrafts } from '../views/caseTab/noteDraft';
import type { CasesTreeProvider } from '../views/casesTreeProvider';
import type { LazyNewCaseForm } from '../views/newCase/lazyNewCase';
import { FailableSecretStorage } from './failableSecretStorage';
import { ScriptedPrompts } from './scriptedPrompts';
import { ScriptedSignInPrompts } from './scriptedSignInPrompts';
import { MessageLog, RecordingSink, TelemetryLog } from './recorders';
import type { RegisteredMcpServer } from '../mcp/provider';
import type { SentTelemetry } from '../telemetry/extensionTelemetry';
import type { ShownMessage } from '../util/userMessages';

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
  /** The extension's telemetry, and every event it sent (after sanitising). */
  readonly telemetry: Telemetry & { readonly recent: readonly SentTelemetry[] };
  /** The extension's logger, and every line it wrote to the log channel (scrubbed), with its level. */
  readonly logger: Logger & { readonly lines: readonly string[] };
  /** The sign-in flow (reading it loads dist/signIn.js). */
  readonly signIn: SignInFlow;
  /** Shows messages as the extension does, and lists what was shown (the smoke-test host hides toasts). */
  readonly messages: Pick<UserMessages, 'error' | 'warning' | 'info' | 'report'> & Pick<MessageLog, 'shown' | 'mark' | 'since'>;
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
  /** The registered language-model tools by name (their prepareInvocation shows the exact confirmation text). */
  readonly agentTools: ReadonlyMap<string, vscode.LanguageModelTool<unknown>>;
  /** The MCP server definition provider and its private channel. */
  readonly mcp: RegisteredMcpServer;
}

/** What extension.ts hands over; the parts whose code loads lazily are functions, called when a test reads them. */
export type TestApiParts = Omit<
  AxwaySupportTestApi,
  'panels' | 'signIn' | 'follow' | 'accountDirectory' | 'noteDrafts' | 'contactEmails' | 'prompts' | 'signInPrompts' | 'storage' | 'messages' | 'logger' | 'telemetry'
> & {
  readonly messages: UserMessages;
  readonly logger: Logger;
  readonly telemetry: ExtensionTelemetry;
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
  /** UserMessages' and ExtensionTelemetry's constructor callbacks. */
  readonly onShown: (message: ShownMessage) => void;
  readonly onSent: (event: SentTelemetry) => void;
  /** Wraps the log channel so every line written is kept. */
  sink(channel: LogSink): LogSink;
  testApi(parts: TestApiParts): AxwaySupportTestApi;
}

export function createTestSeams(secrets: vscode.SecretStorage, mode: vscode.ExtensionMode): TestSeams {
  const failable = mode === vscode.ExtensionMode.Test ? new FailableSecretStorage(secrets) : secrets;
  const prompts = new ScriptedPrompts();
  const signInPrompts = new ScriptedSignInPrompts();
  const shown = new MessageLog();
  const sent = new TelemetryLog();
  let sink: RecordingSink | undefined;
  return {
    secrets: failable,
    prompts,
    signInPrompts,
    onShown: shown.record,
    onSent: sent.record,
    sink: (channel) => (sink = new RecordingSink(channel)),
    testApi: (parts) => {
      const { messages, logger, telemetry } = parts;
      return {
        ...parts,
        storage: { ...parts.storage, secrets: failable },
        prompts,
        signInPrompts,
        messages: {
          error: (text, ...actions) => messages.error(text, ...actions),
          warning: (text, ...actions) => messages.warning(text, ...actions),
          info: (text, ...actions) => messages.info(text, ...actions),
          report: (what, err) => messages.report(what, err),
          get shown() {
            return shown.shown;
          },
          mark: () => shown.mark(),
          since: (mark) => shown.since(mark)
        },
        logger: {
          trace: (message) => logger.trace(message),
          debug: (message) => logger.debug(message),
          info: (message) => logger.info(message),
          warn: (message) => logger.warn(message),
          error: (message) => logger.error(message),
          get lines() {
            return sink?.lines ?? [];
          }
        },
        telemetry: {
          sendEvent: (name, properties, measurements) => telemetry.sendEvent(name, properties, measurements),
          sendError: (name, properties, measurements) => telemetry.sendError(name, properties, measurements),
          get recent() {
            return sent.recent;
          }
        },
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
      };
    }
  };
}
