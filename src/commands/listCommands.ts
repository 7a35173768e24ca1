// The Recent Cases view's list commands: Filter Cases…, Clear Filter, Sort By…, Group By…, Mark All as Seen and
// Reload. Every choice is sent to the server (the model asks the API with it) and remembered across reloads.
// From the view's title bar a choice applies to every account; from an account's root (several accounts), to that
// account only: each account keeps its own filter, sort and grouping.

import * as vscode from 'vscode';
import { toDetails } from '../api/errors';
import type { Logger, SupportAccount, SupportApiClient } from '../api/types';
import type { AccountModels } from '../cases/accountModels';
import type { CaseFilter, GroupOption, SortOption } from '../cases/caseQuery';
import type { ListView } from '../cases/caseGroups';
import { filterChoices, filterFromChoices, sectionLabel, type FilterChoice } from '../cases/filterChoices';
import { parseFilter, saveView } from '../cases/listViewStore';
import { OrganisationAccounts } from '../cases/organisationAccounts';
import { Commands } from '../util/ids';
import { plainItem, plainText } from '../util/text';
import { guarded, UserMessages } from '../util/userMessages';

export interface ListCommandDeps {
  readonly models: AccountModels;
  readonly messages: UserMessages;
  /** Where the chosen view is remembered (extension global state). */
  readonly storage: vscode.Memento;
  readonly api: (account: string) => Promise<SupportApiClient>;
  /** Where warnings go (GET /account failing costs the Account section, not the filter). */
  readonly logger: Logger;
}

export function registerListCommands(deps: ListCommandDeps): vscode.Disposable[] {
  const { models, messages, logger } = deps;
  const model = models.primary;
  const accounts = new OrganisationAccounts(deps.api);
  const register = (id: string, what: string, handler: (...args: unknown[]) => unknown): vscode.Disposable =>
    vscode.commands.registerCommand(id, guarded(messages, what, handler));
  /** Applies `change` to one account's view (an account root's menu), or to every account's (the title bar). */
  const apply = async (account: string | undefined, change: (view: ListView) => ListView): Promise<void> => {
    const target = account !== undefined ? models.modelOf(account) : undefined;
    if (target) {
      const view = change(target.view);
      await saveView(deps.storage, view, account);
      await target.setView(view);
      return;
    }
    // The start of accounts signed in later, then each signed-in account's own.
    await saveView(deps.storage, change(model.view));
    await Promise.all(models.entries.map((e) => saveView(deps.storage, change(e.model.view), e.id)));
    await models.setView(change);
  };
  /** The model a command shows the current choice of: the account root's, or the first account's. */
  const shownModel = (account: string | undefined) => (account !== undefined ? models.modelOf(account) : undefined) ?? model;
  return [
    // With a filter argument (e.g. the "awaiting you" status bar item), it applies it without asking.
    register(Commands.filter, vscode.l10n.t('Filtering the cases'), async (arg?: unknown, second?: unknown) => {
      const root = accountOfArg(arg);
      const given = root !== undefined ? filterArg(second) : filterArg(arg);
      // An organisation's account codes belong to one service account: offered for a root, or when there is one.
      const account = root ?? (models.entries.length > 1 ? undefined : model.account);
      const filter = given ?? await pickFilter(shownModel(root).view.filter, accounts, account, logger, root !== undefined ? models.entries.find((e) => e.id === root)?.label : undefined);
      if (filter) {
        // An argument names the account by its code: its name, when this window knows it, is what the view says.
        const name = filter.sac && !filter.accountName && account !== undefined ? accounts.nameOf(account, filter.sac) : undefined;
        await apply(root, (view) => ({ ...view, filter: name ? { ...filter, accountName: name } : filter }));
      }
    }),
    register(Commands.clearFilter, vscode.l10n.t('Clearing the filter'), (arg?: unknown) => apply(accountOfArg(arg), (view) => ({ ...view, filter: { state: 'all' } }))),
    register(Commands.sortBy, vscode.l10n.t('Sorting the cases'), async (arg?: unknown, second?: unknown) => {
      const root = accountOfArg(arg);
      const given = root !== undefined ? second : arg;
      const sort = isOption(given, SORT_ITEMS()) ? given : await pickOne(vscode.l10n.t('Sort Cases By'), SORT_ITEMS(), shownModel(root).view.sort);
      if (sort) {
        await apply(root, (view) => ({ ...view, sort }));
      }
    }),
    register(Commands.groupBy, vscode.l10n.t('Grouping the cases'), async (arg?: unknown, second?: unknown) => {
      const root = accountOfArg(arg);
      const given = root !== undefined ? second : arg;
      const group = isOption(given, GROUP_ITEMS()) ? given : await pickOne(vscode.l10n.t('Group Cases By'), GROUP_ITEMS(), shownModel(root).view.group);
      if (group) {
        await apply(root, (view) => ({ ...view, group }));
      }
    }),
    register(Commands.markAllSeen, vscode.l10n.t('Marking all cases as seen'), () => models.markAllSeen()),
    register(Commands.reload, vscode.l10n.t('Reloading the cases'), () => models.reloadAll())
  ];
}

// Functions, not constants: the labels are read in the display language when the pick opens.
const SORT_ITEMS = (): readonly { readonly value: SortOption; readonly label: string }[] => [
  { value: 'modified', label: vscode.l10n.t('Last modified') },
  { value: 'created', label: vscode.l10n.t({ message: 'Created', comment: ['sort option: by creation date'] }) },
  { value: 'severity', label: vscode.l10n.t('Severity') },
  { value: 'status', label: vscode.l10n.t('Status') }
];

const GROUP_ITEMS = (): readonly { readonly value: GroupOption; readonly label: string }[] => [
  { value: 'none', label: vscode.l10n.t('None') },
  { value: 'status', label: vscode.l10n.t('Status') },
  { value: 'type', label: vscode.l10n.t('Type') },
  { value: 'severity', label: vscode.l10n.t('Severity') }
];

/** The account of an account root (its context menu passes the row); undefined for the title bar or the palette. */
function accountOfArg(arg: unknown): string | undefined {
  if (typeof arg === 'object' && arg !== null && (arg as { kind?: unknown }).kind === 'account') {
    const account = (arg as { account?: unknown }).account;
    return typeof account === 'string' ? account : undefined;
  }
  return undefined;
}

/** A filter passed by a caller (the status bar item); a tree's selection array or anything else is not one. */
function filterArg(arg: unknown): CaseFilter | undefined {
  return typeof arg === 'object' && arg !== null && !Array.isArray(arg) && (arg as { kind?: unknown }).kind === undefined ? parseFilter(arg) : undefined;
}

function isOption<T extends string>(arg: unknown, items: readonly { readonly value: T }[]): arg is T {
  return typeof arg === 'string' && items.some((i) => i.value === arg);
}

async function pickOne<T extends string>(title: string, items: readonly { readonly value: T; readonly label: string }[], current: T): Promise<T | undefined> {
  const picked = await vscode.window.showQuickPick(
    items.map((i) => ({ label: i.label, value: i.value, description: i.value === current ? vscode.l10n.t('current') : undefined })),
    { title, placeHolder: title }
  );
  return picked?.value;
}

type FilterItem = vscode.QuickPickItem & { readonly choice?: FilterChoice };

/**
 * One multi-select quick pick with a section per field; what is active now is ticked. It opens at once: the
 * organisation's accounts are asked for meanwhile (the first time in the window) and their section joins the list
 * when they arrive, keeping what was ticked. Without them (one account, or GET /account failed) there is no section.
 */
function pickFilter(current: CaseFilter, accounts: OrganisationAccounts, account: string | undefined, logger: Logger, accountLabel?: string): Promise<CaseFilter | undefined> {
  const pick = vscode.window.createQuickPick<FilterItem>();
  pick.title = accountLabel !== undefined ? vscode.l10n.t('Filter Cases of {0}', plainText(accountLabel, 80)) : vscode.l10n.t('Filter Cases');
  pick.placeholder = vscode.l10n.t('Choose what to show (nothing chosen in a section: no filter on it)');
  pick.canSelectMany = true;
  pick.matchOnDescription = true;
  let ticked: ReadonlySet<string> | undefined;
  const draw = (list: readonly SupportAccount[] | undefined): void => {
    const choices = filterChoices(current, list);
    // Redrawn (accounts arrived): the person's ticks so far win over the filter's.
    const keep = ticked ?? new Set(choices.filter((c) => c.picked).map((c) => c.key));
    const items: FilterItem[] = [];
    let section: string | undefined;
    for (const choice of choices) {
      if (choice.section !== section) {
        section = choice.section;
        items.push({ label: sectionLabel(choice.section), kind: vscode.QuickPickItemKind.Separator });
      }
      items.push(plainItem({ label: choice.label, description: choice.description, picked: keep.has(choice.key), choice }));
    }
    pick.items = items;
    pick.selectedItems = items.filter((i) => i.choice && keep.has(i.choice.key));
  };
  const known = account !== undefined ? accounts.known(account) : undefined;
  draw(known);
  return new Promise<CaseFilter | undefined>((resolve) => {
    let done = false;
    const finish = (filter: CaseFilter | undefined): void => {
      if (!done) {
        done = true;
        resolve(filter);
        pick.dispose();
      }
    };
    pick.onDidChangeSelection((selected) => {
      ticked = new Set(selected.flatMap((i) => (i.choice ? [i.choice.key] : [])));
    });
    pick.onDidAccept(() => finish(filterFromChoices(pick.selectedItems.flatMap((i) => (i.choice ? [i.choice] : [])))));
    pick.onDidHide(() => finish(undefined));
    if (account !== undefined && !known) {
      pick.busy = true;
      accounts.load(account).then(
        (list) => {
          if (!done) {
            pick.busy = false;
            draw(list);
          }
        },
        (err: unknown) => {
          // A missing section is no reason to stop filtering: the other sections work without it.
          logger.warn(`Filter Cases: the organisation's accounts could not be listed (${describeError(err)}).`);
          if (!done) {
            pick.busy = false;
          }
        }
      );
    }
    pick.show();
  });
}

function describeError(err: unknown): string {
  const details = toDetails(err);
  return `${details.kind}${details.troubleshootingId ? ` tid=${details.troubleshootingId}` : ''}`;
}
