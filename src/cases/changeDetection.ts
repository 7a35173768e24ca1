// "What changed" between two refreshes of the list, for notifications and the awaiting-you count. Only a refresh
// observes changes: the first list after sign-in or a window reload, a full reload (filter change) and "Load more"
// only teach the tracker what exists. vscode-free so every rule is unit-tested.

import * as l10n from '@vscode/l10n';
import type { CaseSummary } from '../api/types';
import { Emitter, Event } from '../util/event';
import { plainText } from '../util/text';
import { AWAITING_CUSTOMER_STATUS } from './caseQuery';
import type { CasesState, LoadedState } from './casesModel';

export interface CaseChange {
  readonly kind: 'new' | 'updated';
  readonly summary: CaseSummary;
  /** The status the tracker knew before; undefined for a new case. */
  readonly previousStatus?: string;
  /** Now "Customer Owns Next Steps" and not before (or new in that status). */
  readonly nowAwaiting: boolean;
  /** A new case created after everything known: it did not exist before, so it had no earlier status. */
  readonly brandNew?: boolean;
  /** Reported by the refresh but not a row (an unloaded page, or outside the filter): its earlier status is a guess. */
  readonly unlisted?: boolean;
}

export interface KnownCase {
  /** modifiedDate in ms (NaN when the API sent none that parses). */
  readonly modified: number;
  readonly status: string;
}

/**
 * The changes in `next` relative to what was known. A case counts as updated when its modifiedDate is newer or its
 * status differs; an unknown case counts as new only when modified after the newest date known (`watermark`):
 * an older one merely came into view (pages shifted, a case before it left), it did not change.
 * A case that left the list is not a change: from the list alone it may have been closed, or only paged out.
 */
export function detectChanges(known: ReadonlyMap<string, KnownCase>, watermark: number | undefined, next: readonly CaseSummary[]): CaseChange[] {
  const changes: CaseChange[] = [];
  for (const summary of next) {
    if (summary.caseNumber === '') {
      continue; // nothing to tell it apart by
    }
    const modified = Date.parse(summary.modifiedDate ?? '');
    const before = known.get(summary.caseNumber);
    const awaiting = summary.status === AWAITING_CUSTOMER_STATUS;
    if (!before) {
      if (Number.isFinite(modified) && watermark !== undefined && modified > watermark) {
        const created = Date.parse(summary.createdDate ?? '');
        changes.push({ kind: 'new', summary, nowAwaiting: awaiting, brandNew: Number.isFinite(created) && created > watermark });
      }
      continue;
    }
    const newer = Number.isFinite(modified) && (!Number.isFinite(before.modified) || modified > before.modified);
    if (newer || summary.status !== before.status) {
      changes.push({ kind: 'updated', summary, previousStatus: before.status, nowAwaiting: awaiting && before.status !== AWAITING_CUSTOMER_STATUS });
    }
  }
  return changes;
}

/** What one model state meant to the tracker. */
export type Observation =
  /** Nothing to learn (an intermediate state, or the same list again). */
  | { readonly kind: 'none' }
  /** The tracker forgot everything (signed out, another account). */
  | { readonly kind: 'reset' }
  /** A list that sets what is known without being compared: first load, full reload, "Load more". */
  | { readonly kind: 'baseline'; readonly account: string }
  /**
   * A refresh finished: `changes` are what it observed, `left` the rows it no longer shows (with the status they
   * had), `listChanged` whether the rows differ at all.
   */
  | {
      readonly kind: 'refreshed';
      readonly account: string;
      readonly changes: readonly CaseChange[];
      readonly left: readonly LeftCase[];
      readonly listChanged: boolean;
    };

/** A row the previous list showed and the refreshed one does not: closed out of the filter, or only paged out. */
export interface LeftCase {
  readonly caseNumber: string;
  readonly status: string;
}

/** The tracker keeps more cases than the 2,020 reachable ones, so nothing reachable is forgotten. */
const MAX_KNOWN = 3000;

/** What the tracker needs of the cases model. */
export interface ObservedModel {
  readonly state: CasesState;
  readonly account: string | undefined;
  readonly onDidChange: Event<CasesState>;
}

export class ChangeTracker {
  private known = new Map<string, KnownCase>();
  private account: string | undefined;
  /** False until a list of the current account was recorded, and again after a full reload started. */
  private baselined = false;
  /** The busy kind seen last: a loaded state right after 'refresh' is a refresh result. */
  private lastBusy: 'refresh' | 'loadMore' | undefined;
  private lastRows = '';
  private lastList: readonly LeftCase[] = [];
  /** Every change of the account up to this time (ms) was in a "what changed" answer seen (the model's changesKnownUntil). */
  private coveredUntil: number | undefined;
  private listKey = '';
  private readonly observed = new Emitter<Observation>();
  readonly onDidObserve = this.observed.event;
  private readonly subscription: { dispose(): void } | undefined;

  constructor(model?: ObservedModel) {
    this.subscription = model?.onDidChange((state) => this.fire(this.observe(model.account, state)));
  }

  /** Takes one model state and says what it meant; also the unit tests' entry point. */
  observe(account: string | undefined, state: CasesState, listKey = listKeyOf(state) ?? this.listKey): Observation {
    if (listKey !== this.listKey) {
      // Another filter or sort: its first list is compared with nothing.
      this.listKey = listKey;
      this.baselined = false;
    }
    if (account !== this.account || state.kind === 'signedOut') {
      this.account = account;
      this.forget();
      if (account === undefined || state.kind === 'signedOut') {
        return { kind: 'reset' };
      }
    }
    if (account === undefined) {
      return { kind: 'none' };
    }
    if (state.kind !== 'loaded') {
      // idle/loading/error: the next list is a full load (first one, or a new filter), compared with nothing.
      this.baselined = false;
      this.lastBusy = undefined;
      return { kind: 'none' };
    }
    if (state.busy !== undefined) {
      this.lastBusy = state.busy;
      return { kind: 'none' };
    }
    const after = this.lastBusy;
    this.lastBusy = undefined;
    const fromCache = isFromCache(state);
    if (!this.baselined || fromCache) {
      // A list shown from the cache after a reload is not what this window saw change: the first refresh over it
      // is a baseline too (no notifications for the first load after sign-in or a reload).
      this.baselined = !fromCache;
      this.record(state.cases);
      this.remember(unlistedChanges(state, new Set(state.cases.map((c) => c.caseNumber))));
      this.coveredUntil = state.changesKnownUntil;
      return { kind: 'baseline', account };
    }
    if (after !== 'refresh') {
      // "Load more" (older cases) or the same list again: learnt, not compared.
      this.record(state.cases);
      this.coveredUntil = state.changesKnownUntil;
      return { kind: 'none' };
    }
    if (state.refreshError) {
      return { kind: 'none' };
    }
    const now = new Set(state.cases.map((c) => c.caseNumber));
    // Changes the refresh reported that are not rows: on a page not loaded, or hidden by the filter. They changed
    // all the same, and "support waits for you" matters most when the person is looking elsewhere. Only those
    // after what an earlier answer covered count: the first answer after a full load also reports older changes
    // the filter hid (from before the person looked), which are learnt, not told.
    const covered = this.coveredUntil;
    const unlisted = unlistedChanges(state, now);
    const fresh = covered === undefined ? [] : unlisted.filter((c) => Date.parse(c.modifiedDate ?? '') > covered);
    const freshNumbers = new Set(fresh.map((c) => c.caseNumber));
    const changes = detectChanges(this.known, this.watermark(), [...state.cases, ...fresh])
      .map((c) => (freshNumbers.has(c.summary.caseNumber) ? { ...c, unlisted: true } : c));
    const rows = rowsKey(state.cases);
    const listChanged = rows !== this.lastRows;
    const left = this.lastList.filter((c) => !now.has(c.caseNumber));
    this.record(state.cases);
    // Known from now on, so the overlap of the next refresh (which reports them again) is no change.
    this.remember(unlisted);
    this.coveredUntil = state.changesKnownUntil;
    return { kind: 'refreshed', account, changes, left, listChanged };
  }

  dispose(): void {
    this.subscription?.dispose();
    this.observed.dispose();
  }

  private fire(observation: Observation): void {
    if (observation.kind !== 'none') {
      this.observed.fire(observation);
    }
  }

  private forget(): void {
    this.known = new Map();
    this.baselined = false;
    this.lastBusy = undefined;
    this.lastRows = '';
    this.lastList = [];
    this.coveredUntil = undefined;
  }

  private watermark(): number | undefined {
    let newest: number | undefined;
    for (const k of this.known.values()) {
      if (Number.isFinite(k.modified) && (newest === undefined || k.modified > newest)) {
        newest = k.modified;
      }
    }
    return newest;
  }

  private record(cases: readonly CaseSummary[]): void {
    this.remember(cases);
    this.lastRows = rowsKey(cases);
    this.lastList = cases.filter((c) => c.caseNumber !== '').map((c) => ({ caseNumber: c.caseNumber, status: c.status }));
  }

  private remember(cases: readonly CaseSummary[]): void {
    for (const c of cases) {
      if (c.caseNumber !== '') {
        // Re-inserted so the map's order is "most recently listed last": the cap drops what was listed longest ago.
        this.known.delete(c.caseNumber);
        this.known.set(c.caseNumber, { modified: Date.parse(c.modifiedDate ?? ''), status: c.status });
      }
    }
    for (const key of this.known.keys()) {
      if (this.known.size <= MAX_KNOWN) {
        break;
      }
      this.known.delete(key);
    }
  }
}

/** The refresh's reported changes that are not among the rows, newest answer per case (the overlap may repeat one). */
function unlistedChanges(state: LoadedState, listed: ReadonlySet<string>): CaseSummary[] {
  const changed = state.changed ?? [];
  const byNumber = new Map<string, CaseSummary>();
  for (const c of changed) {
    if (c.caseNumber === '' || listed.has(c.caseNumber)) {
      continue;
    }
    const before = byNumber.get(c.caseNumber);
    if (!before || (Date.parse(c.modifiedDate ?? '') || 0) >= (Date.parse(before.modifiedDate ?? '') || 0)) {
      byNumber.set(c.caseNumber, c);
    }
  }
  return [...byNumber.values()];
}

/** A loaded state shown from the on-disk cache carries when it was saved (list9's `cachedAt`), until a refresh replaces it. */
function isFromCache(state: CasesState): boolean {
  return typeof (state as { cachedAt?: unknown }).cachedAt === 'number';
}

/** The filter, sort and grouping a loaded list answers (its `view`), when the model says: another one is a new baseline. */
function listKeyOf(state: CasesState): string | undefined {
  const view = state.kind === 'loaded' ? (state as { view?: unknown }).view : undefined;
  return view === undefined ? undefined : JSON.stringify(view);
}

function rowsKey(cases: readonly CaseSummary[]): string {
  return JSON.stringify(cases.map((c) => [c.caseNumber, c.status, c.modifiedDate ?? '']));
}

// ---- Notifications: which changes, grouped how ----

export type NotificationMode = 'off' | 'awaitingMe' | 'allChanges';

export function parseNotificationMode(value: unknown): NotificationMode {
  return value === 'off' || value === 'allChanges' ? value : 'awaitingMe';
}

/** The changes a mode notifies. */
export function notifiable(mode: NotificationMode, changes: readonly CaseChange[]): CaseChange[] {
  if (mode === 'off') {
    return [];
  }
  return mode === 'awaitingMe' ? changes.filter((c) => c.nowAwaiting) : [...changes];
}

export interface NotificationPlan {
  readonly text: string;
  /** One case: Open Case with it. Several: Show (the view, filtered to awaiting cases for `awaitingMe`). */
  readonly action: { readonly kind: 'openCase'; readonly caseNumber: string } | { readonly kind: 'show'; readonly awaiting: boolean };
}

/** One message for the changes of one refresh: several at once are grouped ("3 cases were updated"). */
export function planNotification(mode: NotificationMode, changes: readonly CaseChange[]): NotificationPlan | undefined {
  if (mode === 'off' || changes.length === 0) {
    return undefined;
  }
  if (changes.length > 1) {
    const text = mode === 'awaitingMe' ? l10n.t('Axway Support: {0} cases await your reply.', changes.length) : l10n.t('Axway Support: {0} cases were updated.', changes.length);
    return { text, action: { kind: 'show', awaiting: mode === 'awaitingMe' } };
  }
  const change = changes[0];
  const subject = messageText(change.summary.subject);
  const number = messageText(change.summary.caseNumber);
  let text: string;
  if (mode === 'awaitingMe') {
    text = l10n.t('Axway Support: Case {0} awaits your reply: {1}', number, subject);
  } else if (change.kind === 'new' && change.brandNew !== false) {
    text = l10n.t('Axway Support: New case {0}: {1} ({2})', number, subject, messageText(change.summary.status));
  } else {
    text = l10n.t('Axway Support: Case {0} was updated: {1} ({2})', number, subject, messageText(change.summary.status));
  }
  return { text, action: { kind: 'openCase', caseNumber: change.summary.caseNumber } };
}

/** API text in a notification: one short line, never a link or an icon (plainText). */
export function messageText(text: string): string {
  return plainText(text, 120);
}
