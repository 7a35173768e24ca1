// Follow (auto-refresh, notifications, the awaiting-you status bar) as activation sees it: its code
// (dist/follow.js) loads when the first account is signed in (there is nothing to follow before) or when Show
// Awaiting runs. The status bar's command is a stand-in until then.

import * as vscode from 'vscode';
import type * as FollowModule from './follow';
import type { Follow, FollowDeps } from './follow';
import { LazyBundle, LazyValue } from '../util/lazyBundle';
import { Commands } from '../util/ids';
import { CommandStandIns } from '../util/commandStandIns';

export class LazyFollow implements vscode.Disposable {
  private readonly follow: LazyValue<{ readonly follow: Follow; readonly disposables: vscode.Disposable[] }>;
  private readonly subscription: vscode.Disposable;

  constructor(bundleDir: string, deps: FollowDeps) {
    const bundle = new LazyBundle<typeof FollowModule>(bundleDir, 'follow.js');
    const showAwaiting = new CommandStandIns([Commands.showAwaiting], () => this.load());
    this.follow = new LazyValue(() => {
      const module = bundle.get();
      showAwaiting.release();
      return module.createFollow(deps);
    });
    this.subscription = vscode.Disposable.from(
      showAwaiting,
      deps.accounts.onDidChange(() => {
        if (deps.accounts.entries.length > 0) {
          this.load();
        }
      })
    );
  }

  load(): Follow {
    return this.follow.get().follow;
  }

  dispose(): void {
    this.subscription.dispose();
    for (const d of this.follow.current?.disposables ?? []) {
      d.dispose();
    }
  }
}
