// Wiring only: build the objects, register them, return. No network and no heavy modules here: axios and the
// telemetry SDK live in separate bundles that load on first use.

import * as vscode from 'vscode';
import { CredentialStore } from './auth/credentialStore';
import { SignInFlow } from './auth/signInFlow';
import { registerCommands, openPortal } from './commands/registerCommands';
import { CONTEXT_READY, CONTEXT_SIGNED_IN, PANEL_VIEW_TYPE, VIEW_ID, Commands } from './commands/ids';
import { NetworkServices } from './services/networkServices';
import { ExtensionTelemetry } from './telemetry/extensionTelemetry';
import { ScrubbingLogger } from './util/logger';
import { CasesModel } from './views/casesModel';
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
    }
  });
  const view = vscode.window.createTreeView(VIEW_ID, { treeDataProvider: tree, showCollapseAll: false });

  const applySignedIn = async (signedIn: boolean) => {
    model.setSignedIn(signedIn);
    if (!signedIn) {
      // Another account's case data must not stay on screen.
      panels.dispose();
    }
    await vscode.commands.executeCommand('setContext', CONTEXT_SIGNED_IN, signedIn);
    await vscode.commands.executeCommand('setContext', CONTEXT_READY, true);
  };

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
    store.onDidChange((credentials) => void applySignedIn(credentials !== undefined)),
    network.onDidRejectCredentials((error) => {
      void (async () => {
        const rejected = await store.get();
        if (!rejected) {
          return;
        }
        // The server said this pair is invalid (e.g. a rotated secret): retrying it would only fail again.
        flow.rememberClientId(rejected.clientId);
        await store.clear();
        logger.warn('The token endpoint rejected the stored service account credentials; they were removed.');
        const choice = await vscode.window.showErrorMessage(
          `Axway Support: The service account credentials were rejected. ${error.message} Sign in again to continue.`,
          'Sign in'
        );
        if (choice === 'Sign in') {
          await vscode.commands.executeCommand(Commands.signIn);
        }
      })();
    }),
    ...registerCommands({ store, signIn: flow, network, model, panels, logger })
  );

  // Reading SecretStorage is local and cheap; it is not awaited so activation returns at once.
  const ready = store.get().then(
    (credentials) => applySignedIn(credentials !== undefined),
    (err: unknown) => {
      logger.error(`Reading the stored credentials failed: ${err instanceof Error ? err.message : String(err)}`);
      return applySignedIn(false);
    }
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
    ready
  };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
