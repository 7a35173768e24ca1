// The choices of Filter Cases… (one multi-select list in sections) and the filter the ticked ones make. vscode-free,
// so which sections appear and what each tick sends to the API are unit-tested; the command only draws them. Labels
// go through @vscode/l10n (the extension hands it VS Code's bundle, util/translations); statuses and types stay as the
// API sends them.

import * as l10n from '@vscode/l10n';
import type { SupportAccount } from '../api/types';
import { AWAITING_CUSTOMER_STATUS, type CaseFilter, type CaseState, type UpdatedWithin } from './caseQuery';
import { KNOWN_STATUSES, KNOWN_TYPES } from './caseGroups';

export type FilterSection = 'State' | 'Status' | 'Type' | 'Updated within' | 'Account';

/** The section's heading in the display language (the section itself is a key). */
export function sectionLabel(section: FilterSection): string {
  switch (section) {
    case 'State':
      return l10n.t('State');
    case 'Status':
      return l10n.t('Status');
    case 'Type':
      return l10n.t('Type');
    case 'Updated within':
      return l10n.t('Updated within');
    case 'Account':
      return l10n.t('Account (one)');
  }
}

export interface FilterChoice {
  readonly section: FilterSection;
  /** Unique among the choices: the quick pick keeps ticks by it when it is redrawn (accounts arrived). */
  readonly key: string;
  readonly label: string;
  readonly description?: string;
  /** Ticked when the list opens: part of the active filter. */
  readonly picked: boolean;
  readonly apply: (draft: FilterDraft) => void;
}

export interface FilterDraft {
  readonly states: Set<CaseState>;
  readonly statuses: string[];
  readonly types: string[];
  readonly within: UpdatedWithin[];
  readonly accounts: SupportAccount[];
}

/**
 * Every choice, in display order, with the active filter ticked. The Account section appears when the organisation
 * has several accounts (`accounts` undefined: not known yet); an account already in the filter stays listed either
 * way, so accepting the list never drops it unseen.
 */
export function filterChoices(current: CaseFilter, accounts: readonly SupportAccount[] | undefined): FilterChoice[] {
  const choices: FilterChoice[] = [
    { section: 'State', key: 'state:open', label: l10n.t({ message: 'Open', comment: ['filter: the open cases'] }), description: l10n.t('every status but Closed'), picked: current.state === 'open', apply: (d) => d.states.add('open') },
    { section: 'State', key: 'state:closed', label: l10n.t({ message: 'Closed', comment: ['filter: the closed cases'] }), picked: current.state === 'closed', apply: (d) => d.states.add('closed') },
    ...KNOWN_STATUSES.map((status): FilterChoice => ({
      section: 'Status',
      key: `status:${status}`,
      label: status,
      description: status === AWAITING_CUSTOMER_STATUS ? l10n.t('awaiting you') : undefined,
      picked: current.statuses?.includes(status) === true,
      apply: (d) => d.statuses.push(status)
    })),
    ...KNOWN_TYPES.map((type): FilterChoice => ({
      section: 'Type', key: `type:${type}`, label: type, picked: current.types?.includes(type) === true, apply: (d) => d.types.push(type)
    })),
    ...([7, 30, 90] as const).map((days): FilterChoice => ({
      section: 'Updated within', key: `within:${days}`, label: l10n.t('{0} days', days), picked: current.updatedWithinDays === days, apply: (d) => d.within.push(days)
    }))
  ];
  const listed: SupportAccount[] = accounts && accounts.length > 1 ? [...accounts] : [];
  if (current.sac && !listed.some((a) => a.sac === current.sac)) {
    listed.push({ sac: current.sac, ...(current.accountName ? { name: current.accountName } : {}) });
  }
  for (const account of listed) {
    const name = account.name?.trim() ? account.name : undefined;
    choices.push({
      section: 'Account',
      key: `account:${account.sac}`,
      label: name ?? account.sac,
      description: name ? account.sac : undefined,
      picked: current.sac === account.sac,
      apply: (d) => d.accounts.push(account)
    });
  }
  return choices;
}

/**
 * The filter the ticked choices make. Open and Closed together mean all; of several "updated within" the narrowest
 * wins; the API filters by one account, so of several the first (in list order) wins.
 */
export function filterFromChoices(ticked: readonly FilterChoice[]): CaseFilter {
  const d: FilterDraft = { states: new Set(), statuses: [], types: [], within: [], accounts: [] };
  for (const choice of ticked) {
    choice.apply(d);
  }
  const state: CaseState = d.states.size === 1 ? [...d.states][0] : 'all';
  const account = d.accounts[0];
  return {
    state,
    ...(d.statuses.length > 0 ? { statuses: d.statuses } : {}),
    ...(d.types.length > 0 ? { types: d.types } : {}),
    ...(d.within.length > 0 ? { updatedWithinDays: Math.min(...d.within) as UpdatedWithin } : {}),
    ...(account ? { sac: account.sac, ...(account.name?.trim() ? { accountName: account.name } : {}) } : {})
  };
}
