// Wiring only: build the objects, register them, return. No network and no heavy modules here: activation builds
// the tree and paints it from the on-disk cache; everything else is a separate bundle (dist/*.js) that a small
// holder requires on first use: the network (axios), telemetry, commands, sign-in, case tabs, forms, writes, follow.

import * as vscode from 'vscode';
import { SignInStateSync } from './auth/signInStateSync';
import { AccountStore } from './auth/accountStore';
import { AccountModels } from './cases/accountModels';
import { LazySignIn } from './auth/lazySignIn';
import { CasesModel } from './cases/casesModel';
import { CaseCache } from './cases/caseCache';
import { LazyWrites } from './views/lazyWrites';
import { loadView } from './cases/listViewStore';
import { CaseDecorations } from './views/caseDecorations';
import { CasesViewChrome } from './views/casesViewChrome';
import { LazyCommands } from './commands/lazyCommands';
import { LazyNetwork } from './network/lazyNetwork';
import { ExtensionTelemetry } from './telemetry/extensionTelemetry';
import { Commands, PANEL_VIEW_TYPE, VIEW_ID } from './util/ids';
import { ScrubbingLogger } from './util/logger';
import { UserMessages } from './util/userMessages';
import { CasesTreeProvider } from './views/casesTreeProvider';
import { LazyCaseTabs } from './views/caseTab/lazyCaseTabs';
import { LazyNoteForms } from './views/caseTab/formsHost';
import { ViewProgress } from './views/viewProgress';
import { NEW_CASE_VIEW_TYPE } from './util/ids';
import { LazyNewCaseForm } from './views/newCase/lazyNewCase';
import { openWalkthroughOnFirstRun } from './views/firstRun';
import { LazyFollow } from './follow/lazyFollow';
import { LazyAuthProvider } from './auth/lazyAuthProvider';
import type * as TestingModule from './testing/testApi';
import type { AxwaySupportTestApi } from './testing/testApi';
import { LazyBundle } from './util/lazyBundle';
import { contributedToolNames, registerLmTools } from './lmTools/register';
import type { LmToolsDeps } from './lmTools/lmTools';
import { registerMcpServer } from './mcp/provider';

export type { AxwaySupportTestApi } from './testing/testApi';
import { useTranslations } from './util/translations';

declare const AXWAY_TELEMETRY_CONNECTION_STRING: string;

export function activate(context: vscode.ExtensionContext): AxwaySupportTestApi | undefined {
  // The vscode-free code's texts (@vscode/l10n) in the display language, as vscode.l10n.t's are.
  useTranslations(vscode.l10n.bundle);
  const bundleDir = __dirname;
  // Test and Development mode only: the test seams and the test API (dist/testing.js); production never loads them.
  const seams = context.extensionMode !== vscode.ExtensionMode.Production ? new LazyBundle<typeof TestingModule>(bundleDir, 'testing.js').get().createTestSeams(context.secrets, context.extensionMode) : undefined;
  const channel = vscode.window.createOutputChannel('Axway Support', { log: true });
  const sink = seams?.sink(channel) ?? channel;
  const secrets = seams?.secrets ?? context.secrets;
  const store = new AccountStore(secrets);
  // The closure reads `flow` only when something is logged, after it exists.
  const logger: ScrubbingLogger = new ScrubbingLogger(sink, (): string[] =>
    [...store.cachedSecrets, flow.pendingSecret].filter((s): s is string => !!s)
  );
  const messages = new UserMessages(logger, Commands.showLog, seams?.onShown);
  const telemetry = new ExtensionTelemetry(typeof AXWAY_TELEMETRY_CONNECTION_STRING === 'string' ? AXWAY_TELEMETRY_CONNECTION_STRING : '', bundleDir, seams?.onSent);
  const network = new LazyNetwork({
    bundleDir,
    logger,
    credentials: (account) => store.credentialsOf(account),
    refused: async (account) => (await store.list()).some((a) => a.id === account && a.refused),
    firstAccount: async () => (await store.list())[0]?.id,
    onDidChangeAccounts: store.onDidChange,
    secrets
  });
  /** Every request names its account: a case is only ever read or written with its own account's token. */
  const api = (account: string) => network.api(account);
  const flow = new LazySignIn(bundleDir, { store, verify: (candidate) => network.verify(candidate), logger, telemetry, messages, prompts: seams?.signInPrompts });
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
  /** The one write path of notes, new cases and closes, with the drafts and contact e-mails: built on first use. */
  const writes = new LazyWrites(bundleDir, { api, logger, storageDir: context.globalStorageUri.fsPath, state: context.globalState });
  context.subscriptions.push(
    writes,
    store.onDidChange(() => {
      // Signed out here or in another window: that account's writes stop.
      void store.list().then((list) => writes.cancelSignedOut(new Set(list.map((a) => a.id))), () => undefined);
    })
  );
  // `panels` exists by the time the forms bundle asks for a tab; `writes` is built when the forms first send.
  const noteForms: LazyNoteForms = new LazyNoteForms(bundleDir, {
    api,
    get drafts() {
      return writes.get().noteDrafts;
    },
    get writes() {
      return writes.get().writes;
    },
    get contacts() {
      return writes.get().contacts;
    },
    logger,
    telemetry,
    messages,
    tabOf: (ref) => panels.get(ref),
    refreshTree: () => accounts.refreshAll().catch((err: unknown) => logger.warn(`Refreshing the tree after a note failed: ${String(err)}`))
  });
  const panels = new LazyCaseTabs(bundleDir, {
    extensionUri: context.extensionUri,
    api,
    logger,
    telemetry,
    openPortal: async (caseNumber) => {
      await vscode.commands.executeCommand(Commands.openInPortal, caseNumber);
    },
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
  const follow = new LazyFollow(bundleDir, { model, view, accounts, api, logger, messages, globalStorage: context.globalStorageUri });
  const sync = new SignInStateSync({
    store,
    setAside: (rejected) => flow.setAside(rejected, { store, logger, messages }),
    models: accounts,
    tabs: panels,
    logger,
    messages,
    onDidRejectCredentials: network.onDidRejectCredentials,
    nameAccount: (account) => flow.nameAccount(account, { store, api, logger })
  });
  const newCase = new LazyNewCaseForm(bundleDir, {
    extensionUri: context.extensionUri,
    api,
    logger,
    telemetry,
    messages,
    currentAccount,
    isSignedIn: (account) => accounts.modelOf(account) !== undefined,
    onDidChangeAccount: accounts.onDidChange,
    get contacts() {
      return writes.get().contacts;
    },
    state: context.globalState,
    get writes() {
      return writes.get().writes;
    },
    openCase: async (ref) => {
      await vscode.commands.executeCommand(Commands.openCase, ref);
    },
    refreshCases: () => accounts.refreshAll()
  });
  const commands = new LazyCommands(bundleDir, {
    store,
    signIn: flow,
    network,
    models: accounts,
    panels,
    logger,
    messages,
    storage: context.globalState,
    api,
    forms: noteForms,
    get contacts() {
      return writes.get().contacts;
    },
    newCase: { form: newCase, messages, accounts: () => accounts.entries, signIn: () => flow.run() },
    bundleDir,
    get writes() {
      return writes.get().writes;
    },
    telemetry,
    prompts: seams?.prompts
  });
  // VS Code asks it for sessions at startup: answered from the tokens kept in SecretStorage while they are valid.
  const authProvider = new LazyAuthProvider(bundleDir, { store, network, flow, signOut: (account) => commands.signOut(account) }, logger);

  // Agent tools: thin stubs here; the catalogue loads on the first tool call (dist/agentTools.js).
  const agentDeps: LmToolsDeps = {
    accounts: async () => {
      await sync.ready;
      return accounts.entries;
    },
    api,
    writes: {
      submit: (identity, prepare, options) => writes.get().writes.submit(identity, prepare, options),
      marker: (identity) => writes.get().writes.marker(identity)
    },
    contactEmail: (account) => writes.get().contacts.get(account),
    logger
  };
  const lmTools = registerLmTools({ ...agentDeps, bundleDir, names: contributedToolNames(context.extension.packageJSON) });
  context.subscriptions.push(...lmTools.disposables);
  // MCP server (issue 18): a definition without secrets; its channel and the server load when VS Code starts it.
  const mcp = registerMcpServer({
    ...agentDeps,
    bundleDir,
    version: String((context.extension.packageJSON as { version?: unknown }).version),
    accessToken: (account, rejected) => network.accessToken(account, rejected)
  });
  context.subscriptions.push(mcp);

  context.subscriptions.push(
    authProvider,
    channel,
    store,
    telemetry,
    network,
    accounts,
    model,
    tree,
    panels,
    view,
    follow,
    commands,
    new ViewProgress(model, VIEW_ID, accounts),
    new CasesViewChrome(view, model, undefined, accounts),
    vscode.window.registerFileDecorationProvider(decorations),
    vscode.window.registerWebviewPanelSerializer(PANEL_VIEW_TYPE, panels),
    sync,
    newCase,
    vscode.window.registerWebviewPanelSerializer(NEW_CASE_VIEW_TYPE, newCase)
  );
  void openWalkthroughOnFirstRun({ state: context.globalState, extensionId: context.extension.id, logger });

  return seams?.testApi({
    model,
    accounts,
    tree,
    panels: () => panels.load(),
    newCase,
    credentials: store,
    network,
    telemetry,
    logger,
    signIn: () => flow.load(),
    messages,
    noteForms,
    noteDrafts: () => writes.get().noteDrafts,
    contactEmails: () => writes.get().contacts,
    storage: { globalState: context.globalState, workspaceState: context.workspaceState },
    ready: sync.ready,
    accountDirectory: () => authProvider.directory,
    casesView: view,
    listCache,
    decorations,
    follow: () => follow.load(),
    agentTools: lmTools.tools,
    mcp
  });
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
