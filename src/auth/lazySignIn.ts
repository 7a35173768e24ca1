// The sign-in flow as activation sees it: the flow's code and its prompts (dist/signIn.js) load the first time a
// sign-in runs. Until then a client ID to pre-fill is only remembered, and no secret is pending.

import type { SignInDeps, SignInFlow, SignInResult } from './signInFlow';
import type { AccountKind } from './signInPrompts';
import type * as SignInModule from './signInBundle';
import type { RefusedPairDeps } from './refusedCredentials';
import type { AccountNamingDeps } from './accountNaming';
import type { RejectedCredentials } from '../network/lazyNetwork';
import { LazyBundle, LazyValue } from '../util/lazyBundle';

export class LazySignIn {
  private readonly bundle: LazyBundle<typeof SignInModule>;
  private readonly flow: LazyValue<SignInFlow>;
  /** What rememberClientId() was told before the flow existed. */
  private remembered: { readonly clientId: string; readonly kind?: AccountKind } | undefined;

  constructor(bundleDir: string, deps: SignInDeps) {
    const bundle = new LazyBundle<typeof SignInModule>(bundleDir, 'signIn.js');
    this.bundle = bundle;
    this.flow = new LazyValue(() => {
      const flow = new (bundle.get().SignInFlow)(deps);
      if (this.remembered) {
        flow.rememberClientId(this.remembered.clientId, this.remembered.kind);
      }
      return flow;
    });
  }

  /** The secret being verified right now (the logger never writes it); none before the flow ever ran. */
  get pendingSecret(): string | undefined {
    return this.flow.current?.pendingSecret;
  }

  rememberClientId(clientId: string, kind?: AccountKind): void {
    const flow = this.flow.current;
    if (flow) {
      flow.rememberClientId(clientId, kind);
      return;
    }
    this.remembered = { clientId, kind: kind ?? this.remembered?.kind };
  }

  run(): Promise<SignInResult> {
    return this.flow.get().run();
  }

  /** Sets a refused stored pair aside (kept, never sent again) and offers to sign in again. */
  setAside(rejected: RejectedCredentials, deps: Omit<RefusedPairDeps, 'flow'>): Promise<void> {
    return this.bundle.get().setRefusedPairAside({ ...deps, flow: this }, rejected);
  }

  /** Names an account just signed in after its organisation's accounts (accountNaming.ts); never rejects. */
  nameAccount(account: string, deps: AccountNamingDeps): Promise<void> {
    return this.bundle.get().nameAccount(deps, account);
  }

  /** The flow itself, loading its code if needed. */
  load(): SignInFlow {
    return this.flow.get();
  }
}
