// Wiring only: build the objects, register them, return. No network and no heavy modules here: axios and the
// telemetry SDK live in separate bundles that load on first use.

import * as vscode from 'vscode';
import { CredentialStore } from './auth/credentialStore';
import { Session } from './app/signInStateSync';
import { SignInFlow } from './auth/signInFlow';
import { registerCommands, openPortal } from './commands/registerCommands';
import { PANEL_VIEW_TYPE, VIEW_ID } from './util/ids';
import { NetworkServices } from './services/lazyNetwork';
import { ExtensionTelemetry } from './telemetry/extensionTelemetry';
import { ScrubbingLogger } from './util/logger';
import { CasesModel } from './cases/casesModel';
import { CasesTreeProvider } from './views/casesTreeProvider';
import { CasePanelManager } from './views/detail/casePanel';
import { ViewProgress } from './views/viewProgress';

declare const AXWAY_TELEMETRY_CONNECTION_STRING: string;

/** Returned from activate() for tests and for other extensions that want to observe the state. */
export interface AxwaySupportExports {
  readonly model: CasesModel;
  readonly tree: CasesTreeProvider;
  readonly panels: CasePanelManager;
  readonly credentials: CredentialStore;
  readonly network: NetworkServices;
  readonly telemetry: ExtensionTelemetry;
  readonly logger: ScrubbingLogger;
  readonly signIn: SignInFlow;
  /** Where the extension keeps state, so tests can prove no secret ends up outside SecretStorage. */
  readonly storage: { readonly secrets: vscode.SecretStorage; readonly globalState: vscode.Memento; readonly workspaceState: vscode.Memento };
  /** Resolves once the stored credentials were read and the view state matches them. */
  readonly ready: Promise<void>;
}

export function activate(context: vscode.ExtensionContext): AxwaySupportExports {
  const channel = vscode.window.createOutputChannel('Axway Support', { log: true });
  const store = new CredentialStore(context.secrets);
  // The closure reads `flow` only when something is logged, after it exists.
  const logger: ScrubbingLogger = new ScrubbingLogger(channel, (): string[] =>
    [store.cachedSecret, flow.pendingSecret].filter((s): s is string => !!s)
  );
  const bundleDir = __dirname;
  const telemetry = new ExtensionTelemetry(typeof AXWAY_TELEMETRY_CONNECTION_STRING === 'string' ? AXWAY_TELEMETRY_CONNECTION_STRING : '', bundleDir);
  const network = new NetworkServices(bundleDir, store, logger);
  const api = () => network.api();
  const flow: SignInFlow = new SignInFlow({ store, verify: (candidate) => network.verify(candidate), logger, telemetry });
  const model = new CasesModel({ api, logger, telemetry });
  const tree = new CasesTreeProvider(model);
  const panels = new CasePanelManager({
    extensionUri: context.extensionUri,
    api,
    logger,
    telemetry,
    openPortal,
    signIn: async () => {
      await flow.run();
    },
    // `session` exists by the time anything asks; its `ready` resolves once the stored credentials were read.
    currentAccount: async () => {
      await session.ready;
      return model.account;
    }
  });
  const view = vscode.window.createTreeView(VIEW_ID, { treeDataProvider: tree, showCollapseAll: false });

  const session = new Session({ store, flow, model, panels, logger, onDidRejectCredentials: network.onDidRejectCredentials });

  context.subscriptions.push(
    channel,
    store,
    telemetry,
    network,
    model,
    tree,
    panels,
    view,
    new ViewProgress(model, VIEW_ID),
    vscode.window.registerWebviewPanelSerializer(PANEL_VIEW_TYPE, panels),
    session,
    ...registerCommands({ store, signIn: flow, network, model, panels, logger })
  );

  return {
    model,
    tree,
    panels,
    credentials: store,
    network,
    telemetry,
    logger,
    signIn: flow,
    storage: { secrets: context.secrets, globalState: context.globalState, workspaceState: context.workspaceState },
    ready: session.ready
  };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
