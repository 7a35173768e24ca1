// The list view (filter, sort, grouping) the user chose, kept in extension state so it survives a window reload.
// What is read back is checked field by field: a stored value from another version must not break the view.

import type { CaseFilter, CaseState, GroupOption, SortOption, UpdatedWithin } from './caseQuery';
import { DEFAULT_VIEW, type ListView } from './caseGroups';
import type { SeenStorage } from './seenState';

const KEY = 'axwaySupport.listView';
const STATES: readonly CaseState[] = ['open', 'closed', 'all'];
const SORTS: readonly SortOption[] = ['modified', 'created', 'severity', 'status'];
const GROUPS: readonly GroupOption[] = ['none', 'status', 'type', 'severity'];
const WITHIN: readonly UpdatedWithin[] = [7, 30, 90];

export function loadView(storage: Pick<SeenStorage, 'get'>): ListView {
  const raw = storage.get<unknown>(KEY);
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

export async function saveView(storage: Pick<SeenStorage, 'update'>, view: ListView): Promise<void> {
  await storage.update(KEY, view);
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
