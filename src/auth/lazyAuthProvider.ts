// The `axway-support` AuthenticationProvider as activation sees it: registered at once (VS Code asks it for
// sessions at startup), its session work (authProvider.ts, storeAccountDirectory.ts: dist/auth.js) loaded on the
// first request or the first change of the accounts. The accounts VS Code knows of are read here at activation, so
// a change before the provider loads is still announced.

import * as vscode from 'vscode';
import type * as AuthModule from './authProvider';
import type { AccountDirectory } from './accountDirectory';
import type { AccountsDirectoryDeps } from './storeAccountDirectory';
import type { Logger } from '../api/types';
import { AUTH_PROVIDER_ID, AUTH_PROVIDER_LABEL } from '../util/ids';
import { LazyBundle, LazyValue } from '../util/lazyBundle';

type Loaded = ReturnType<typeof AuthModule.createAuthProvider>;

export class LazyAuthProvider implements vscode.Disposable {
  private readonly loaded: LazyValue<Loaded>;
  private readonly changed = new vscode.EventEmitter<vscode.AuthenticationProviderAuthenticationSessionsChangeEvent>();
  private readonly subscriptions: vscode.Disposable[];

  constructor(bundleDir: string, deps: AccountsDirectoryDeps, logger: Logger) {
    const bundle = new LazyBundle<typeof AuthModule>(bundleDir, 'auth.js');
    // What VS Code knows of at activation (the accounts store reads SecretStorage: no network).
    const baseline = deps.store.list();
    this.loaded = new LazyValue(() => {
      const loaded = bundle.get().createAuthProvider(deps, logger, baseline);
      this.subscriptions.push(loaded.provider.onDidChangeSessions((e) => this.changed.fire(e)));
      return loaded;
    });
    const provider: vscode.AuthenticationProvider = {
      onDidChangeSessions: this.changed.event,
      getSessions: (scopes, options) => this.loaded.get().provider.getSessions(scopes, options),
      createSession: (scopes) => this.loaded.get().provider.createSession(scopes),
      removeSession: (id) => this.loaded.get().provider.removeSession(id)
    };
    this.subscriptions = [
      vscode.authentication.registerAuthenticationProvider(AUTH_PROVIDER_ID, AUTH_PROVIDER_LABEL, provider, { supportsMultipleAccounts: true }),
      // An account added or removed before anyone asked: the provider loads to tell the Accounts menu.
      deps.store.onDidChange(() => {
        if (!this.loaded.isLoaded) {
          this.loaded.get().provider.checkAccounts();
        }
      })
    ];
  }

  /** The signed-in accounts as the provider sees them (loads the provider's code). */
  get directory(): AccountDirectory {
    return this.loaded.get().directory;
  }

  dispose(): void {
    this.loaded.current?.dispose();
    for (const d of this.subscriptions) {
      d.dispose();
    }
    this.changed.dispose();
  }
}
