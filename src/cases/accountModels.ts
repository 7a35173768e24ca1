// One CasesModel per signed-in account: each its own paging, errors, "Load more", cache and seen state. The first
// account's model is one object for the extension's lifetime (`primary`): with one account everything behaves as it
// did before there were several, and whoever holds it (the views, the tests) keeps a valid reference.
// vscode-free: account ids and labels come in from the app layer.

import { Emitter, type Disposable, type Event } from '../util/event';
import type { ListView } from './caseGroups';
import type { CasesModel } from './casesModel';

export interface AccountInfo {
  readonly id: string;
  readonly label: string;
  readonly clientId: string;
  /** Its pair was refused by the sign-in service (quarantined): nothing of it is loaded until it signs in again. */
  readonly refused?: boolean;
}

export interface AccountEntry extends AccountInfo {
  readonly model: CasesModel;
}

export class AccountModels implements Disposable {
  readonly primary: CasesModel;
  private list: AccountEntry[] = [];
  private readonly extra = new Map<string, { readonly model: CasesModel; readonly subscriptions: Disposable[] }>();
  private readonly changed = new Emitter<void>();
  /** The list of accounts or their labels changed (a model's own state has its own events). */
  readonly onDidChange: Event<void> = this.changed.event;
  private readonly anyChanged = new Emitter<void>();
  /** Any model's state or seen state changed, or the list did: what the tree and the badge follow. */
  readonly onDidChangeAny: Event<void> = this.anyChanged.event;
  private readonly primarySubscriptions: Disposable[];

  constructor(private readonly create: () => CasesModel) {
    this.primary = create();
    this.primarySubscriptions = this.watch(this.primary);
  }

  /** The signed-in accounts with their models, in the order they were added. */
  get entries(): readonly AccountEntry[] {
    return this.list;
  }

  /** The models that load: a quarantined account's model is left alone (its pair must not be sent). */
  get models(): readonly CasesModel[] {
    return this.list.length > 0 ? this.list.filter((e) => e.refused !== true).map((e) => e.model) : [this.primary];
  }

  modelOf(account: string | undefined): CasesModel | undefined {
    return this.list.find((e) => e.id === account)?.model;
  }

  /**
   * The accounts now signed in. A model whose account stays keeps what it shows; `restart` (an account signed in
   * just now, maybe with the pair it already had) starts afresh, so a sign-in recovers from the error it fixed.
   */
  apply(accounts: readonly AccountInfo[], restart?: string): void {
    const [first, ...rest] = accounts;
    if (this.primary.account !== first?.id || (first !== undefined && restart === first.id)) {
      this.primary.setAccount(first?.id);
    }
    const keep = new Set(rest.map((a) => a.id));
    for (const [id, entry] of [...this.extra]) {
      if (!keep.has(id)) {
        this.drop(id, entry);
      }
    }
    const entries: AccountEntry[] = first ? [{ ...first, model: this.primary }] : [];
    for (const account of rest) {
      let slot = this.extra.get(account.id);
      if (!slot) {
        // The model takes the account's own filter, sort and grouping as it is given the account.
        const model = this.create();
        slot = { model, subscriptions: this.watch(model) };
        this.extra.set(account.id, slot);
        model.setAccount(account.id);
      } else if (restart === account.id) {
        slot.model.setAccount(account.id);
      }
      entries.push({ ...account, model: slot.model });
    }
    this.list = entries;
    this.changed.fire();
    this.anyChanged.fire();
  }

  /** Changes every account's list (the view's toolbar); each keeps what `change` leaves of its own view. */
  async setView(change: (view: ListView) => ListView): Promise<void> {
    await Promise.all(this.models.map((m) => m.setView(change(m.view))));
  }

  refreshAll(): Promise<void> {
    return Promise.all(this.models.map((m) => m.refresh())).then(() => undefined);
  }

  reloadAll(): Promise<void> {
    return Promise.all(this.models.map((m) => m.reload())).then(() => undefined);
  }

  async markAllSeen(): Promise<void> {
    await Promise.all(this.models.map((m) => m.markAllSeen()));
  }

  /** Updated cases across every account (the view's badge). */
  get updatedCount(): number {
    return this.models.reduce((sum, m) => sum + m.updatedCount, 0);
  }

  dispose(): void {
    for (const [id, entry] of [...this.extra]) {
      this.drop(id, entry);
    }
    for (const s of this.primarySubscriptions) {
      s.dispose();
    }
    this.changed.dispose();
    this.anyChanged.dispose();
  }

  private watch(model: CasesModel): Disposable[] {
    return [model.onDidChange(() => this.anyChanged.fire()), model.onDidChangeSeen(() => this.anyChanged.fire())];
  }

  private drop(id: string, entry: { readonly model: CasesModel; readonly subscriptions: Disposable[] }): void {
    for (const s of entry.subscriptions) {
      s.dispose();
    }
    entry.model.dispose();
    this.extra.delete(id);
  }
}
