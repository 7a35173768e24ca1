// Wiring only: build the objects, register them, return. No network and no heavy modules here: axios and the
// telemetry SDK live in separate bundles that load on first use.

import * as path from 'path';
import * as vscode from 'vscode';
import { FailableSecretStorage } from './testing/failableSecretStorage';
import { createFollow, Follow } from './follow/follow';
import { SignInStateSync } from './auth/signInStateSync';
import { AccountStore } from './auth/accountStore';
import { AccountModels } from './cases/accountModels';
import { SignInFlow } from './auth/signInFlow';
import { CasesModel } from './cases/casesModel';
import { CaseCache } from './cases/caseCache';
import { CaseWrites, type WriteIdentity } from './cases/caseWrites';
import { FileWriteLedger } from './cases/writeLedger';
import { NewCaseDrafts } from './views/newCase/draftStore';
import { loadView } from './cases/listViewStore';
import { registerListCommands } from './commands/listCommands';
import { CaseDecorations } from './views/caseDecorations';
import { CasesViewChrome } from './views/casesViewChrome';
import { registerCaseActions } from './commands/lazyCaseActions';
import type { ScriptedPrompts } from './commands/scriptedPrompts';
import { openPortal, registerCommands, signOutAccount } from './commands/registerCommands';
import type { AccountDirectory } from './auth/accountDirectory';
import { AccountsDirectory } from './auth/storeAccountDirectory';
import { ContactEmails } from './auth/contactEmails';
import { LazyNetwork } from './network/lazyNetwork';
import { ExtensionTelemetry } from './telemetry/extensionTelemetry';
import { Commands, PANEL_VIEW_TYPE, VIEW_ID } from './util/ids';
import { ScrubbingLogger } from './util/logger';
import { UserMessages } from './util/userMessages';
import { CasesTreeProvider } from './views/casesTreeProvider';
import { CasePanel } from './views/caseTab/casePanel';
import { CasePanelManager } from './views/caseTab/casePanelManager';
import { registerNoteCommands } from './commands/noteCommands';
import { LazyNoteForms } from './views/caseTab/formsHost';
import { NoteDrafts } from './views/caseTab/noteDraft';
import { ViewProgress } from './views/viewProgress';
import { registerNewCaseCommand } from './commands/newCaseCommand';
import { NEW_CASE_VIEW_TYPE } from './util/ids';
import { LazyNewCaseForm } from './views/newCase/lazyNewCase';
import { registerAuthProvider } from './auth/authProvider';
import { ScriptedSignInPrompts } from './auth/signInPrompts';
import { useTranslations } from './util/translations';

declare const AXWAY_TELEMETRY_CONNECTION_STRING: string;

/**
 * What activate() returns while the extension runs in Test or Development mode, for the integration suite. It reaches
 * the secret (that is its point), so a production build returns nothing: every installed extension can call
 * `getExtension(...).activate()`, and VS Code's per-extension secret storage must stay ours. Other extensions that
 * want the Support API will get it through an authentication provider, never through these exports.
 */
export interface AxwaySupportTestApi {
  /** The first (or only) account's model: one object for the extension's lifetime. */
  readonly model: CasesModel;
  /** Every signed-in account with its own model (modelOf(id)); the first one's model is `model`. */
  readonly accounts: AccountModels;
  readonly tree: CasesTreeProvider;
  readonly panels: CasePanelManager;
  /** The New Support Case form (its bundle loads on first use). */
  readonly newCase: LazyNewCaseForm;
  readonly credentials: AccountStore;
  readonly network: LazyNetwork;
  readonly telemetry: ExtensionTelemetry;
  readonly logger: ScrubbingLogger;
  readonly signIn: SignInFlow;
  readonly messages: UserMessages;
  readonly noteForms: LazyNoteForms;
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
  /** Auto-refresh, notifications and the awaiting-you status bar item. */
  readonly follow: Follow;
  /** Answers Close Case's prompts and the download's save dialog and progress (the smoke-test host skips dialogs). */
  readonly prompts?: ScriptedPrompts;
  /** Answers the sign-in prompts (kind, client ID, key file, passphrase). */
  readonly signInPrompts?: ScriptedSignInPrompts;
}

export function activate(context: vscode.ExtensionContext): AxwaySupportTestApi | undefined {
  // The vscode-free code's texts (@vscode/l10n) in the display language, as vscode.l10n.t's are.
  useTranslations(vscode.l10n.bundle);
  const channel = vscode.window.createOutputChannel('Axway Support', { log: true });
  // In Test mode a test can make the real SecretStorage fail like a locked OS keyring; production gets it untouched.
  const secrets = context.extensionMode === vscode.ExtensionMode.Test ? new FailableSecretStorage(context.secrets) : context.secrets;
  const store = new AccountStore(secrets);
  // The closure reads `flow` only when something is logged, after it exists.
  const logger: ScrubbingLogger = new ScrubbingLogger(channel, (): string[] =>
    [...store.cachedSecrets, flow.pendingSecret].filter((s): s is string => !!s)
  );
  const messages = new UserMessages(logger, Commands.showLog);
  const bundleDir = __dirname;
  const telemetry = new ExtensionTelemetry(typeof AXWAY_TELEMETRY_CONNECTION_STRING === 'string' ? AXWAY_TELEMETRY_CONNECTION_STRING : '', bundleDir);
  const network = new LazyNetwork({
    bundleDir,
    logger,
    credentials: (account) => store.credentialsOf(account),
    refused: async (account) => (await store.list()).some((a) => a.id === account && a.refused),
    firstAccount: async () => (await store.list())[0]?.id,
    onDidChangeAccounts: store.onDidChange
  });
  /** Every request names its account: a case is only ever read or written with its own account's token. */
  const api = (account: string) => network.api(account);
  const signInPrompts = context.extensionMode !== vscode.ExtensionMode.Production ? new ScriptedSignInPrompts() : undefined;
  const flow: SignInFlow = new SignInFlow({ store, verify: (candidate) => network.verify(candidate), logger, telemetry, messages, prompts: signInPrompts });
  const listCache = new CaseCache(context.globalStorageUri.fsPath);
  const decorations = new CaseDecorations();
  const startView = loadView(context.globalState);
  const newModel = (): CasesModel => {
    const created: CasesModel = new CasesModel({
      api: () => network.api(created.account ?? ''),
      logger,
      telemetry,
      view: startView,
      viewOf: (account) => loadView(context.globalState, account),
      cache: listCache,
      seenStorage: context.globalState
    });
    return created;
  };
  const accounts = new AccountModels(newModel);
  const model = accounts.primary;
  /** `preferred` when signed in, else the first account; another account's id tells the caller to back off. */
  const currentAccount = async (preferred?: string): Promise<string | undefined> => {
    await sync.ready;
    return preferred !== undefined && accounts.modelOf(preferred) ? preferred : model.account;
  };
  const tree = new CasesTreeProvider(model, accounts);
  const contactEmails = new ContactEmails(context.globalState);
  const noteDrafts = new NoteDrafts(context.globalState);
  const newCaseDrafts = new NewCaseDrafts(context.globalState);
  const writeLedger = new FileWriteLedger(path.join(context.globalStorageUri.fsPath, 'writes'));
  /** The one write path of notes, new cases and closes; a draft is cleared here once its write is on the server. */
  const writes = new CaseWrites({ api, ledger: writeLedger, logger, cleared: (identity) => clearSentDraft(identity, noteDrafts, newCaseDrafts) });
  context.subscriptions.push(
    { dispose: () => (writes.dispose(), writeLedger.dispose()) },
    store.onDidChange(() => {
      // Signed out here or in another window: that account's writes stop.
      void store.list().then((list) => writes.cancelSignedOut(new Set(list.map((a) => a.id))), () => undefined);
    })
  );
  // `panels` exists by the time the forms bundle asks for a tab.
  const noteForms: LazyNoteForms = new LazyNoteForms(bundleDir, {
    api,
    drafts: noteDrafts,
    writes,
    contacts: contactEmails,
    logger,
    telemetry,
    messages,
    tabOf: (ref): CasePanel | undefined => panels.get(ref),
    refreshTree: () => accounts.refreshAll().catch((err: unknown) => logger.warn(`Refreshing the tree after a note failed: ${String(err)}`))
  });
  const panels = new CasePanelManager({
    extensionUri: context.extensionUri,
    api,
    logger,
    telemetry,
    openPortal: (caseNumber) => openPortal(messages, caseNumber),
    report: (what, err) => messages.report(what, err),
    forms: noteForms,
    signIn: async (account) => {
      // Through the command: a tab of a refused account starts the sign-in with that account's client ID.
      await vscode.commands.executeCommand(Commands.signIn, account);
    },
    // `sync` exists by the time anything asks; its `ready` resolves once the stored credentials were read.
    currentAccount
  });
  const view = vscode.window.createTreeView(VIEW_ID, { treeDataProvider: tree, showCollapseAll: false });
  const follow = createFollow({ model, view, accounts, api, logger, messages, globalStorage: context.globalStorageUri });
  const sync = new SignInStateSync({
    store,
    flow,
    models: accounts,
    tabs: panels,
    logger,
    messages,
    onDidRejectCredentials: network.onDidRejectCredentials,
    defaultLabel: async (account) => {
      const names = (await network.api(account).then((client) => client.listAccounts())).map((a) => a.name).filter((n): n is string => !!n);
      return names.length > 0 ? names.join(', ') : undefined;
    }
  });
  const caseActions = registerCaseActions({ bundleDir, api, writes, models: accounts, panels, messages, logger, telemetry, contacts: contactEmails, scriptable: context.extensionMode !== vscode.ExtensionMode.Production });
  const newCase = new LazyNewCaseForm(bundleDir, {
    extensionUri: context.extensionUri,
    api,
    logger,
    telemetry,
    messages,
    currentAccount,
    isSignedIn: (account) => accounts.modelOf(account) !== undefined,
    onDidChangeAccount: accounts.onDidChange,
    contacts: contactEmails,
    state: context.globalState,
    writes,
    openCase: async (ref) => {
      await vscode.commands.executeCommand(Commands.openCase, ref);
    },
    refreshCases: () => accounts.refreshAll()
  });

  const accountDirectory = new AccountsDirectory({
    store,
    network,
    flow,
    signOut: (account) => signOutAccount({ store, signIn: flow, network, models: accounts, logger }, account)
  });

  context.subscriptions.push(
    accountDirectory,
    channel,
    store,
    telemetry,
    network,
    accounts,
    model,
    tree,
    panels,
    view,
    new ViewProgress(model, VIEW_ID, accounts),
    new CasesViewChrome(view, model, undefined, accounts),
    vscode.window.registerFileDecorationProvider(decorations),
    ...registerListCommands({ models: accounts, messages, storage: context.globalState, api, logger }),
    vscode.window.registerWebviewPanelSerializer(PANEL_VIEW_TYPE, panels),
    sync,
    ...registerCommands({ store, signIn: flow, network, models: accounts, panels, logger, messages }),
    ...follow.disposables,
    ...caseActions.disposables,
    ...registerNoteCommands({ models: accounts, panels, forms: noteForms, contacts: contactEmails, messages }),
    newCase,
    vscode.window.registerWebviewPanelSerializer(NEW_CASE_VIEW_TYPE, newCase),
    registerNewCaseCommand({ form: newCase, messages, accounts: () => accounts.entries, signIn: () => flow.run() }),
    // Registering loads nothing: only a session's token (asked for by VS Code or another extension) needs the network.
    registerAuthProvider(accountDirectory, logger)
  );

  if (context.extensionMode === vscode.ExtensionMode.Production) {
    return undefined;
  }
  return {
    model,
    accounts,
    tree,
    panels,
    newCase,
    credentials: store,
    network,
    telemetry,
    logger,
    signIn: flow,
    messages,
    noteForms,
    noteDrafts,
    contactEmails,
    storage: { secrets, globalState: context.globalState, workspaceState: context.workspaceState },
    ready: sync.ready,
    accountDirectory,
    casesView: view,
    listCache,
    decorations,
    follow: follow.follow,
    prompts: caseActions.prompts,
    signInPrompts
  };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
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
