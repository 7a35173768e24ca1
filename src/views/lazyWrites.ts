// The write side (CaseWrites, drafts, contact e-mails) as activation sees it: built from dist/writes.js the first
// time a form, a command or a test asks for it. Before that no write exists, so there is nothing to cancel.

import { LazyBundle, LazyValue } from '../util/lazyBundle';
import type * as WritesModule from './writesBundle';
import type { WriteSide, WriteSideDeps } from './writesBundle';

export class LazyWrites {
  private readonly side: LazyValue<WriteSide>;

  constructor(bundleDir: string, deps: WriteSideDeps) {
    const bundle = new LazyBundle<typeof WritesModule>(bundleDir, 'writes.js');
    this.side = new LazyValue(() => bundle.get().createWriteSide(deps));
  }

  get(): WriteSide {
    return this.side.get();
  }

  /** Signed out here or in another window: that account's writes stop (none when nothing was ever written). */
  cancelSignedOut(signedIn: ReadonlySet<string>): void {
    this.side.current?.writes.cancelSignedOut(signedIn);
  }

  dispose(): void {
    this.side.current?.dispose();
  }
}
