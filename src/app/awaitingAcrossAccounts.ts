// "Awaiting you" across several accounts: the first account's count is the follow wiring's own (follow.ts); every
// further account gets its own change tracker and counter (its own token, its own requests), and the status bar
// shows their sum.

import * as vscode from 'vscode';
import type { Logger, SupportApiClient } from '../api/types';
import type { AccountModels } from '../cases/accountModels';
import { AwaitingCounter, type AwaitingCount } from '../cases/awaitingCount';
import type { CasesModel } from '../cases/casesModel';
import { ChangeTracker, type Observation } from '../cases/changeDetection';

export interface AwaitingAcrossAccountsDeps {
  readonly accounts: AccountModels;
  /** The first account's counter (follow.ts). */
  readonly primary: AwaitingCounter;
  readonly api: (account: string) => Promise<SupportApiClient>;
  readonly logger: Logger;
  readonly enabled: () => boolean;
}

interface Follower {
  readonly counter: AwaitingCounter;
  readonly disposables: { dispose(): void }[];
}

export class AwaitingAcrossAccounts implements vscode.Disposable {
  private readonly followers = new Map<CasesModel, Follower>();
  private readonly changed = new vscode.EventEmitter<AwaitingCount>();
  /** Fires when any account's count changed. */
  readonly onDidChange = this.changed.event;
  private readonly observed = new vscode.EventEmitter<Observation>();
  /** What each further account's refreshes observed (each observation names its account), for the notifications. */
  readonly onDidObserve = this.observed.event;
  private readonly subscriptions: { dispose(): void }[];

  constructor(private readonly deps: AwaitingAcrossAccountsDeps) {
    this.subscriptions = [deps.primary.onDidChange(() => this.fire()), deps.accounts.onDidChange(() => this.sync())];
  }

  /** The sum of every account's count: unknown until one is known; "at least" when one is. */
  get value(): AwaitingCount {
    const counts = [this.deps.primary.value, ...[...this.followers.values()].map((f) => f.counter.value)].filter((c) => c.kind !== 'unknown');
    if (counts.length === 0) {
      return { kind: 'unknown' };
    }
    const counted = counts.filter((c): c is Extract<AwaitingCount, { kind: 'counted' }> => c.kind === 'counted');
    const failed = counts.find((c): c is Extract<AwaitingCount, { kind: 'failed' }> => c.kind === 'failed');
    if (counted.length === 0 && failed) {
      return failed;
    }
    const staleError = failed?.error ?? counted.find((c) => c.staleError)?.staleError;
    return {
      kind: 'counted',
      count: counted.reduce((sum, c) => sum + c.count, 0),
      // An account that could not be counted makes the sum a lower bound.
      atLeast: counted.some((c) => c.atLeast) || failed !== undefined,
      ...(staleError ? { staleError } : {})
    };
  }

  /** Counts every further account again (the first one's counter is recounted by its own wiring). */
  async recount(): Promise<void> {
    await Promise.all([...this.followers.values()].map((f) => f.counter.recount()));
  }

  dispose(): void {
    for (const model of [...this.followers.keys()]) {
      this.drop(model);
    }
    for (const s of this.subscriptions) {
      s.dispose();
    }
    this.changed.dispose();
    this.observed.dispose();
  }

  private sync(): void {
    const extra = this.deps.accounts.entries.slice(1).map((e) => e.model);
    for (const model of [...this.followers.keys()]) {
      if (!extra.includes(model)) {
        this.drop(model);
      }
    }
    for (const model of extra) {
      if (!this.followers.has(model)) {
        this.follow(model);
      }
    }
    this.fire();
  }

  private follow(model: CasesModel): void {
    const { api, logger, enabled } = this.deps;
    const tracker = new ChangeTracker(model);
    const counter = new AwaitingCounter({
      api: () => api(model.account ?? ''),
      logger,
      state: () => ({ state: model.state, filter: model.view.filter }),
      enabled
    });
    const disposables = [
      tracker,
      counter,
      tracker.onDidObserve((o) => {
        void counter.observe(o);
        this.observed.fire(o);
      }),
      counter.onDidChange(() => this.fire())
    ];
    this.followers.set(model, { counter, disposables });
    // A model that loaded before it was followed is counted now.
    if (model.state.kind === 'loaded') {
      void counter.recount();
    }
  }

  private drop(model: CasesModel): void {
    const follower = this.followers.get(model);
    this.followers.delete(model);
    // Listeners first, so disposing the counter tells nobody anything.
    for (const d of [...(follower?.disposables ?? [])].reverse()) {
      d.dispose();
    }
  }

  private fire(): void {
    this.changed.fire(this.value);
  }
}
