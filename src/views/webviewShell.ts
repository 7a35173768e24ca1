// What the two webview tabs (a case, the New Support Case form) share on the VS Code side: the panel options
// (scripts on, command links off, resources from media/ and the page apps' dist/webviews/ only), the page's
// resources with a fresh nonce, and the
// lifetime of a tab (dispose once; listeners, events and the panel go with it).

import { randomBytes } from 'crypto';
import * as vscode from 'vscode';
import type { Logger } from '../api/types';
import type { PageResources } from './pageShell';

export function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewPanelOptions & vscode.WebviewOptions {
  return {
    enableScripts: true,
    enableCommandUris: false,
    enableFindWidget: true,
    localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'media'), vscode.Uri.joinPath(extensionUri, 'dist', 'webviews')]
  };
}

/** A new tab in the active column. */
export function createWebviewTab(viewType: string, title: string, extensionUri: vscode.Uri): vscode.WebviewPanel {
  return vscode.window.createWebviewPanel(viewType, title, vscode.ViewColumn.Active, webviewOptions(extensionUri));
}

/**
 * media/<page>.css with the shared theme and the page's app dist/webviews/<page>.js (built by esbuild.mjs from
 * src/webviews/<page>/), as the webview may load them, and a fresh nonce.
 */
export function pageResources(webview: vscode.Webview, extensionUri: vscode.Uri, page: string): PageResources {
  const uri = (...parts: string[]): string => webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, ...parts)).toString();
  return {
    cspSource: webview.cspSource,
    nonce: randomBytes(16).toString('base64'),
    themeUri: uri('media', 'theme.css'),
    styleUri: uri('media', `${page}.css`),
    scriptUri: uri('dist', 'webviews', `${page}.js`)
  };
}

/** One webview tab: disposed once, when its panel closes or its owner says so. */
export abstract class WebviewTab implements vscode.Disposable {
  private wasDisposed = false;
  /** Listeners that live as long as the tab. */
  protected readonly disposables: vscode.Disposable[] = [];
  private readonly emitters: { dispose(): void }[] = [];
  private readonly disposed = new vscode.EventEmitter<void>();
  readonly onDidDispose = this.disposed.event;

  constructor(
    readonly panel: vscode.WebviewPanel,
    private readonly tabLogger: Logger
  ) {
    this.disposables.push(panel.onDidDispose(() => this.dispose()));
  }

  protected get isDisposed(): boolean {
    return this.wasDisposed;
  }

  reveal(): void {
    this.panel.reveal(undefined, false);
  }

  dispose(): void {
    if (this.wasDisposed) {
      return;
    }
    this.wasDisposed = true;
    this.cancelWork();
    this.disposed.fire();
    for (const d of this.disposables) {
      d.dispose();
    }
    this.disposables.length = 0;
    this.disposed.dispose();
    for (const e of this.emitters) {
      e.dispose();
    }
    this.panel.dispose();
  }

  /** Stops what the tab has in flight; runs once, before onDidDispose fires. */
  protected cancelWork(): void {
    // Nothing by default.
  }

  /** An event emitter disposed with the tab. */
  protected emitter<T>(): vscode.EventEmitter<T> {
    const emitter = new vscode.EventEmitter<T>();
    this.emitters.push(emitter);
    return emitter;
  }

  /** Sends a message to the page; a page that cannot take it (closed meanwhile) is logged as `failure`. */
  protected postToPage(message: unknown, failure: string): void {
    this.panel.webview.postMessage(message).then(undefined, (err: unknown) => {
      this.tabLogger.warn(`${failure}: ${err instanceof Error ? err.message : String(err)}`);
    });
  }
}
