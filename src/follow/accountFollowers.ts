// Following cases per account: every signed-in account gets its own change tracker (what its refreshes changed) and
// its own awaiting-you counter (its own token, its own requests), created when the account signs in and disposed
// when it signs out. No account is special: the status bar shows the sum and the notifications hear every account.

import * as vscode from 'vscode';
import type { Logger, SupportApiClient } from '../api/types';
import type { AccountModels } from '../cases/accountModels';
import { AwaitingCounter, sumCounts, type AwaitingCount } from './awaitingCount';
import type { CasesModel } from '../cases/casesModel';
import { ChangeTracker, type Observation } from '../cases/changeDetection';

export interface AccountFollowersDeps {
  readonly accounts: AccountModels;
  readonly api: (account: string) => Promise<SupportApiClient>;
  readonly logger: Logger;
  /** False while nobody shows the count: then no request is spent on it. */
  readonly enabled: () => boolean;
}

interface Follower {
  /** The account's model when the follower was made: the first account's model can pass to another account. */
  readonly model: CasesModel;
  readonly counter: AwaitingCounter;
  readonly disposables: { dispose(): void }[];
}

export class AccountFollowers implements vscode.Disposable {
  /** By account id. */
  private readonly followers = new Map<string, Follower>();
  private readonly changed = new vscode.EventEmitter<AwaitingCount>();
  /** Fires when any account's count changed, or an account came or went. */
  readonly onDidChange = this.changed.event;
  private readonly observed = new vscode.EventEmitter<Observation>();
  /** What every account's refreshes observed (each observation names its account), for the notifications. */
  readonly onDidObserve = this.observed.event;
  private readonly subscription: { dispose(): void };
  /** Count requests of followers already disposed, so requestCount never goes back. */
  private retiredRequests = 0;

  constructor(private readonly deps: AccountFollowersDeps) {
    this.subscription = deps.accounts.onDidChange(() => this.sync());
    this.sync();
  }

  /** The sum of every account's count: unknown until one is known; "at least" when one is. */
  get value(): AwaitingCount {
    return sumCounts([...this.followers.values()].map((f) => f.counter.value));
  }

  /** Count requests sent so far by every account's counter (the tests and the bench read it). */
  get requestCount(): number {
    return [...this.followers.values()].reduce((sum, f) => sum + f.counter.requestCount, this.retiredRequests);
  }

  /** Counts every account again. */
  async recount(): Promise<void> {
    await Promise.all([...this.followers.values()].map((f) => f.counter.recount()));
  }

  dispose(): void {
    for (const account of [...this.followers.keys()]) {
      this.drop(account);
    }
    this.subscription.dispose();
    this.changed.dispose();
    this.observed.dispose();
  }

  private sync(): void {
    const now = new Map(this.deps.accounts.entries.map((e) => [e.id, e.model]));
    for (const [account, follower] of [...this.followers]) {
      // Gone, or its list now lives in another model (the first account signed out and this one took its place).
      if (now.get(account) !== follower.model) {
        this.drop(account);
      }
    }
    for (const [account, model] of now) {
      if (!this.followers.has(account)) {
        this.follow(account, model);
      }
    }
    this.fire();
  }

  private follow(account: string, model: CasesModel): void {
    const { api, logger, enabled } = this.deps;
    const tracker = new ChangeTracker(model);
    const counter = new AwaitingCounter({ api: () => api(account), logger, state: () => ({ state: model.state, filter: model.view.filter }), enabled });
    const disposables = [
      tracker,
      counter,
      tracker.onDidObserve((o) => {
        void counter.observe(o);
        this.observed.fire(o);
      }),
      counter.onDidChange(() => this.fire())
    ];
    this.followers.set(account, { model, counter, disposables });
    // A model that loaded before it was followed (a cached list shown at sign-in) is counted now.
    if (model.state.kind === 'loaded') {
      void counter.recount();
    }
  }

  private drop(account: string): void {
    const follower = this.followers.get(account);
    if (!follower) {
      return;
    }
    this.followers.delete(account);
    this.retiredRequests += follower.counter.requestCount;
    // Listeners first, so disposing the counter tells nobody anything.
    for (const d of [...follower.disposables].reverse()) {
      d.dispose();
    }
  }

  private fire(): void {
    this.changed.fire(this.value);
  }
}
