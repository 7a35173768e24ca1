// The list view (filter, sort, grouping) the user chose, kept in extension state so it survives a window reload.
// Each account has its own; the view chosen for every account at once is also kept apart, as the start of an
// account that has none yet (and as 0.1.x kept it). What is read back is checked field by field: a stored value from
// another version must not break the view.

import type { CaseFilter, CaseState, GroupOption, SortOption, UpdatedWithin } from './caseQuery';
import { DEFAULT_VIEW, type ListView } from './caseGroups';
import type { SeenStorage } from './seenState';

const KEY = 'axwaySupport.listView';
/** Followed by the account id: the keys hold list options only, never anything secret. */
const ACCOUNT_KEY = 'axwaySupport.listView:';
const STATES: readonly CaseState[] = ['open', 'closed', 'all'];
const SORTS: readonly SortOption[] = ['modified', 'created', 'severity', 'status'];
const GROUPS: readonly GroupOption[] = ['none', 'status', 'type', 'severity'];
const WITHIN: readonly UpdatedWithin[] = [7, 30, 90];

/** The account's own view, else the one last chosen for every account, else the default. */
export function loadView(storage: Pick<SeenStorage, 'get'>, account?: string): ListView {
  const own = account !== undefined ? storage.get<unknown>(ACCOUNT_KEY + account) : undefined;
  const raw = own ?? storage.get<unknown>(KEY);
  if (typeof raw !== 'object' || raw === null) {
    return DEFAULT_VIEW;
  }
  const value = raw as { filter?: unknown; sort?: unknown; group?: unknown };
  return {
    filter: parseFilter(value.filter),
    sort: SORTS.includes(value.sort as SortOption) ? (value.sort as SortOption) : DEFAULT_VIEW.sort,
    group: GROUPS.includes(value.group as GroupOption) ? (value.group as GroupOption) : DEFAULT_VIEW.group
  };
}

/** Keeps the view of one account, or (without one) the view for accounts that have none of their own. */
export async function saveView(storage: Pick<SeenStorage, 'update'>, view: ListView, account?: string): Promise<void> {
  await storage.update(account !== undefined ? ACCOUNT_KEY + account : KEY, view);
}

/** Signing out leaves nothing of the account behind, its list options included. */
export async function forgetView(storage: Pick<SeenStorage, 'update'>, account: string): Promise<void> {
  await storage.update(ACCOUNT_KEY + account, undefined);
}

/** A filter from untrusted input (stored state, a command argument); anything unknown is left out. */
export function parseFilter(raw: unknown): CaseFilter {
  if (typeof raw !== 'object' || raw === null) {
    return DEFAULT_VIEW.filter;
  }
  const v = raw as Record<string, unknown>;
  const strings = (x: unknown): string[] | undefined => {
    if (!Array.isArray(x)) {
      return undefined;
    }
    const list = [...new Set(x.filter((s): s is string => typeof s === 'string' && s !== '' && s.length <= 200))].slice(0, 50);
    return list.length > 0 ? list : undefined;
  };
  const statuses = strings(v.statuses);
  const types = strings(v.types);
  const within = WITHIN.includes(v.updatedWithinDays as UpdatedWithin) ? (v.updatedWithinDays as UpdatedWithin) : undefined;
  const sac = typeof v.sac === 'string' && v.sac !== '' && v.sac.length <= 100 ? v.sac : undefined;
  const accountName = sac !== undefined && typeof v.accountName === 'string' && v.accountName.trim() !== '' && v.accountName.length <= 200 ? v.accountName : undefined;
  return {
    state: STATES.includes(v.state as CaseState) ? (v.state as CaseState) : 'all',
    ...(statuses ? { statuses } : {}),
    ...(types ? { types } : {}),
    ...(within !== undefined ? { updatedWithinDays: within } : {}),
    ...(sac !== undefined ? { sac } : {}),
    ...(accountName !== undefined ? { accountName } : {})
  };
}
