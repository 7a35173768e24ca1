// The Recent Cases view's list commands: Filter Cases…, Clear Filter, Sort By…, Group By…, Mark All as Seen and
// Reload. Every choice is sent to the server (the model asks the API with it) and remembered across reloads.

import * as vscode from 'vscode';
import type { SupportAccount, SupportApiClient } from '../api/types';
import type { AccountModels } from '../cases/accountModels';
import { AWAITING_CUSTOMER_STATUS, type CaseFilter, type CaseState, type GroupOption, type SortOption, type UpdatedWithin } from '../cases/caseQuery';
import { KNOWN_STATUSES, KNOWN_TYPES, type ListView } from '../cases/caseGroups';
import { parseFilter, saveView } from '../cases/listViewStore';
import { Commands } from '../util/ids';
import { guarded, UserMessages } from '../util/userMessages';

export interface ListCommandDeps {
  /** Filter, sort and grouping apply to every account's list: the view has one toolbar and one description. */
  readonly models: AccountModels;
  readonly messages: UserMessages;
  /** Where the chosen view is remembered (extension global state). */
  readonly storage: vscode.Memento;
  readonly api: () => Promise<SupportApiClient>;
}

export function registerListCommands(deps: ListCommandDeps): vscode.Disposable[] {
  const { models, messages } = deps;
  const model = models.primary;
  const register = (id: string, what: string, handler: (...args: unknown[]) => unknown): vscode.Disposable =>
    vscode.commands.registerCommand(id, guarded(messages, what, handler));
  const apply = async (view: ListView): Promise<void> => {
    await saveView(deps.storage, view);
    await models.setView(view);
  };
  return [
    // With a filter argument (e.g. the "awaiting you" status bar item), it applies it without asking.
    register(Commands.filter, 'Filtering the cases', async (arg?: unknown) => {
      const filter = arg !== undefined && arg !== null ? parseFilter(arg) : await pickFilter(model.view.filter, deps.api);
      if (filter) {
        await apply({ ...model.view, filter });
      }
    }),
    register(Commands.clearFilter, 'Clearing the filter', () => apply({ ...model.view, filter: { state: 'all' } })),
    register(Commands.sortBy, 'Sorting the cases', async (arg?: unknown) => {
      const sort = isOption(arg, SORT_ITEMS) ? arg : await pickOne('Sort Cases By', SORT_ITEMS, model.view.sort);
      if (sort) {
        await apply({ ...model.view, sort });
      }
    }),
    register(Commands.groupBy, 'Grouping the cases', async (arg?: unknown) => {
      const group = isOption(arg, GROUP_ITEMS) ? arg : await pickOne('Group Cases By', GROUP_ITEMS, model.view.group);
      if (group) {
        await apply({ ...model.view, group });
      }
    }),
    register(Commands.markAllSeen, 'Marking all cases as seen', () => models.markAllSeen()),
    register(Commands.reload, 'Reloading the cases', () => models.reloadAll())
  ];
}

const SORT_ITEMS: readonly { readonly value: SortOption; readonly label: string }[] = [
  { value: 'modified', label: 'Last modified' },
  { value: 'created', label: 'Created' },
  { value: 'severity', label: 'Severity' },
  { value: 'status', label: 'Status' }
];

const GROUP_ITEMS: readonly { readonly value: GroupOption; readonly label: string }[] = [
  { value: 'none', label: 'None' },
  { value: 'status', label: 'Status' },
  { value: 'type', label: 'Type' },
  { value: 'severity', label: 'Severity' }
];

function isOption<T extends string>(arg: unknown, items: readonly { readonly value: T }[]): arg is T {
  return typeof arg === 'string' && items.some((i) => i.value === arg);
}

async function pickOne<T extends string>(title: string, items: readonly { readonly value: T; readonly label: string }[], current: T): Promise<T | undefined> {
  const picked = await vscode.window.showQuickPick(
    items.map((i) => ({ label: i.label, value: i.value, description: i.value === current ? 'current' : undefined })),
    { title, placeHolder: title }
  );
  return picked?.value;
}

type FilterItem = vscode.QuickPickItem & { readonly apply?: (f: MutableFilter) => void };
interface MutableFilter {
  states: Set<CaseState>;
  statuses: string[];
  types: string[];
  within: UpdatedWithin[];
  sacs: string[];
}

/** One multi-select quick pick with a section per field; what is active now is pre-selected. */
async function pickFilter(current: CaseFilter, api: () => Promise<SupportApiClient>): Promise<CaseFilter | undefined> {
  const accounts = await organisationAccounts(api);
  const separator = (label: string): FilterItem => ({ label, kind: vscode.QuickPickItemKind.Separator });
  const items: FilterItem[] = [
    separator('State'),
    { label: 'Open', description: 'every status but Closed', picked: current.state === 'open', apply: (f) => f.states.add('open') },
    { label: 'Closed', picked: current.state === 'closed', apply: (f) => f.states.add('closed') },
    separator('Status'),
    ...KNOWN_STATUSES.map((status): FilterItem => ({
      label: status,
      description: status === AWAITING_CUSTOMER_STATUS ? 'awaiting you' : undefined,
      picked: current.statuses?.includes(status) === true,
      apply: (f) => f.statuses.push(status)
    })),
    separator('Type'),
    ...KNOWN_TYPES.map((type): FilterItem => ({ label: type, picked: current.types?.includes(type) === true, apply: (f) => f.types.push(type) })),
    separator('Updated within'),
    ...([7, 30, 90] as const).map((days): FilterItem => ({ label: `${days} days`, picked: current.updatedWithinDays === days, apply: (f) => f.within.push(days) }))
  ];
  if (accounts.length > 1) {
    items.push(separator('Account'), ...accounts.map((a): FilterItem => ({
      label: a.name ?? a.sac,
      description: a.name ? a.sac : undefined,
      picked: current.sac === a.sac,
      apply: (f) => f.sacs.push(a.sac)
    })));
  }
  const picked = await vscode.window.showQuickPick(items, {
    title: 'Filter Cases',
    placeHolder: 'Choose what to show (nothing chosen in a section: no filter on it)',
    canPickMany: true,
    matchOnDescription: true
  });
  if (!picked) {
    return undefined;
  }
  const f: MutableFilter = { states: new Set(), statuses: [], types: [], within: [], sacs: [] };
  for (const item of picked) {
    item.apply?.(f);
  }
  // Open and Closed together mean all; of several windows the narrowest wins; of several accounts the first.
  const state: CaseState = f.states.size === 1 ? [...f.states][0] : 'all';
  return {
    state,
    ...(f.statuses.length > 0 ? { statuses: f.statuses } : {}),
    ...(f.types.length > 0 ? { types: f.types } : {}),
    ...(f.within.length > 0 ? { updatedWithinDays: Math.min(...f.within) as UpdatedWithin } : {}),
    ...(f.sacs.length > 0 ? { sac: f.sacs[0] } : {})
  };
}

/** The organisation's accounts, for the Account section; none (and no section) when they cannot be listed. */
async function organisationAccounts(api: () => Promise<SupportApiClient>): Promise<readonly SupportAccount[]> {
  const abort = new AbortController();
  // The quick pick waits for this: a slow API costs the section, never the filter.
  const timer = setTimeout(() => abort.abort(), ACCOUNTS_WAIT_MS);
  try {
    return await (await api()).listAccounts(abort.signal);
  } catch {
    return [];
  } finally {
    clearTimeout(timer);
  }
}

const ACCOUNTS_WAIT_MS = 3000;
