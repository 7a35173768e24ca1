// The rows of the "Recent Cases" tree. Special rows (loading, error, empty, load more) have their own types
// so the provider and the tests can tell them apart without parsing labels. About 320 lines, kept in one file on
// purpose: every row shares the tree's role, the plain-text rule for API text and the context values, and the
// row types form one union the provider switches over.

import * as vscode from 'vscode';
import { ApiErrorDetails, needsSignIn } from '../api/errors';
import { PAGE_SIZE } from '../api/limits';
import { severityLevel } from '../api/parse';
import { CaseSummary } from '../api/types';
import { CaseRef, caseKey } from '../cases/caseRef';
import { isClosedStatus } from '../cases/caseStatus';
import { plainLines, plainText } from '../util/text';
import { formatApiDate } from './format';
import { Commands } from '../util/ids';
import { AWAITING_CUSTOMER_STATUS } from '../cases/caseQuery';
import { caseDecorationUri } from './caseDecorations';
import type { RefusedNode } from './refusedNode';

/** Labels are capped so a 100 KB subject cannot bloat the tree. */
const MAX_LABEL = 200;

export type CaseTreeNode = AccountNode | CaseNode | GroupNode | LoadMoreNode | LoadingNode | ErrorNode | EmptyNode | RefusedNode;

/** Marks a case row carries besides its data. */
export interface CaseMarks {
  /** Changed since the user last opened it here. */
  readonly updated?: boolean;
}

// Every row keeps the tree's own role ("treeitem"): a screen reader announces a tree of items, and a row that
// does something says so in its accessible label instead of pretending to be a button inside the tree.
const ROLE = 'treeitem';

export class CaseNode extends vscode.TreeItem {
  readonly kind = 'case' as const;
  /** The case this row shows; caseNumber is '' when the API sent the case without one. */
  readonly ref: CaseRef;

  /**
   * @param account the account whose list this row belongs to (the model's account)
   * @param position for a case without a number: its place among those, so each gets its own stable id
   */
  /** Support waits for the customer (status "Customer Owns Next Steps"). */
  readonly awaiting: boolean;
  readonly updated: boolean;

  constructor(
    readonly summary: CaseSummary,
    account: string,
    position = 0,
    marks: CaseMarks = {}
  ) {
    // The number leads the label because VS Code's type-to-find matches labels only: typing a number finds its case.
    super(caseLabel(summary), vscode.TreeItemCollapsibleState.None);
    this.updated = marks.updated === true;
    this.awaiting = summary.status === AWAITING_CUSTOMER_STATUS;
    this.ref = { account, caseNumber: summary.caseNumber };
    const hasNumber = summary.caseNumber !== '';
    this.id = hasNumber ? `case:${caseKey(this.ref)}` : `case-without-number:${account}:${position}`;
    this.description = text(`${hasNumber ? '' : `${vscode.l10n.t('no case number')} · `}${summary.status || vscode.l10n.t('Unknown status')}`);
    this.tooltip = caseTooltip(summary, this.updated, this.awaiting);
    // The "updated" and "awaiting you" decorations (caseDecorations.ts) are read from this address.
    this.resourceUri = caseDecorationUri(this.ref, { updated: this.updated, awaiting: this.awaiting });
    this.iconPath = severityIcon(summary.severity);
    // No context value (so no portal link or Copy Case Number) for a case without a number: nothing to link or copy.
    // The second word tells open from closed cases, so Close Case is offered on open ones only.
    this.contextValue = hasNumber ? `${CONTEXT.case}.${isClosedStatus(summary.status) ? CONTEXT_CLOSED : CONTEXT_OPEN}` : undefined;
    const name = hasNumber ? vscode.l10n.t('Case {0}', text(summary.caseNumber)) : vscode.l10n.t('Case without a case number');
    const said = [this.updated ? vscode.l10n.t('updated') : '', this.awaiting ? vscode.l10n.t('awaiting you') : ''].filter((m) => m !== '');
    this.accessibilityInformation = {
      label: vscode.l10n.t('{0}: {1}, {2}, severity {3}', `${name}${said.length > 0 ? ` (${said.join(', ')})` : ''}`, text(summary.subject), text(summary.status), text(summary.severity)),
      role: ROLE
    };
    // The command carries the case's account and number, never just the number: the same number under another
    // account is another case.
    this.command = { command: Commands.openCase, title: vscode.l10n.t('Open Case'), arguments: [this.ref] };
  }
}

/** The contextValues of the rows; package.json's menus refer to them in `viewItem` clauses (a test checks both agree). */
export const CONTEXT = {
  case: 'axwaySupport.case',
  errorSignIn: 'axwaySupport.error.signIn',
  errorSettings: 'axwaySupport.error.settings',
  errorRetry: 'axwaySupport.error.retry',
  account: 'axwaySupport.account'
} as const;

/**
 * One signed-in account, shown as a root only while several are signed in. Its rows are built with it, so every
 * row under it is that account's; its context menu refreshes, renames or signs out this account only.
 */
export class AccountNode extends vscode.TreeItem {
  readonly kind = 'account' as const;

  constructor(
    /** The account's id (accountIdOf). */
    readonly account: string,
    label: string,
    clientId: string,
    readonly children: readonly CaseTreeNode[],
    /** This account's own active filter ("Open · 30 days"), '' when it shows every case. */
    filterSummary = ''
  ) {
    super(text(label) || text(clientId), vscode.TreeItemCollapsibleState.Expanded);
    this.id = `account:${account}`;
    const filtered = filterSummary !== '' ? vscode.l10n.t('Filter: {0}', text(filterSummary)) : '';
    this.description = filtered !== '' ? `${text(clientId)} · ${filtered}` : text(clientId);
    this.tooltip = `${vscode.l10n.t('Service account {0}', text(clientId))}${filtered !== '' ? `\n${filtered}` : ''}`;
    this.iconPath = new vscode.ThemeIcon('account');
    // The suffix offers Clear Filter in the root's menu only while this account has a filter.
    this.contextValue = filtered !== '' ? `${CONTEXT.account}.${CONTEXT_FILTERED}` : CONTEXT.account;
    this.accessibilityInformation = { label: `${vscode.l10n.t('Account {0}, client ID {1}', text(label), text(clientId))}${filtered !== '' ? `, ${filtered}` : ''}`, role: ROLE };
  }
}

/**
 * A group of the grouped view (a status, a type, a severity). Its rows are built with it; its count is shown only
 * when the API gave it.
 */
export class GroupNode extends vscode.TreeItem {
  readonly kind = 'group' as const;

  constructor(
    readonly key: string,
    label: string,
    readonly children: readonly CaseTreeNode[],
    totalCount: number | undefined
  ) {
    super(text(label) || vscode.l10n.t('(none)'), vscode.TreeItemCollapsibleState.Expanded);
    this.id = `group:${key}`;
    this.description = totalCount !== undefined ? String(totalCount) : undefined;
    this.contextValue = 'axwaySupport.group';
    const name = text(label);
    const said =
      totalCount === undefined ? vscode.l10n.t('Group {0}', name) : totalCount === 1 ? vscode.l10n.t('Group {0}, 1 case', name) : vscode.l10n.t('Group {0}, {1} cases', name, totalCount);
    this.accessibilityInformation = { label: said, role: ROLE };
  }
}

/**
 * Suffixes of CONTEXT.case in a case row's contextValue ("axwaySupport.case.open"): menus match any case row with
 * `viewItem =~ /^axwaySupport\.case(\.|$)/` and an open one with `viewItem =~ /^axwaySupport\.case\.open$/`.
 */
export const CONTEXT_OPEN = 'open';
/** Suffix of CONTEXT.account on the root of an account whose list is filtered ("axwaySupport.account.filtered"). */
export const CONTEXT_FILTERED = 'filtered';
export const CONTEXT_CLOSED = 'closed';

export { isClosedStatus };

export class LoadMoreNode extends vscode.TreeItem {
  readonly kind = 'loadMore' as const;

  /** @param partKey the group whose next page this row loads; undefined for the ungrouped list */
  constructor(loading: boolean, loaded: number, totalCount: number | undefined, readonly partKey?: string) {
    super(loading ? vscode.l10n.t('Loading more…') : vscode.l10n.t('Load more…'), vscode.TreeItemCollapsibleState.None);
    this.id = partKey === undefined ? 'special:loadMore' : `special:loadMore:${partKey}`;
    this.description = totalCount !== undefined ? vscode.l10n.t('{0} of {1}', loaded, totalCount) : vscode.l10n.t('{0} loaded', loaded);
    this.iconPath = new vscode.ThemeIcon(loading ? 'loading~spin' : 'ellipsis');
    // A page holds PAGE_SIZE cases; when the total is known the last page may hold fewer.
    const next = totalCount !== undefined ? Math.max(1, Math.min(PAGE_SIZE, totalCount - loaded)) : PAGE_SIZE;
    const progress = totalCount !== undefined ? vscode.l10n.t('{0} of {1} cases loaded', loaded, totalCount) : vscode.l10n.t('{0} cases loaded', loaded);
    this.accessibilityInformation = {
      label: loading ? vscode.l10n.t('Loading more cases. {0}.', progress) : vscode.l10n.t('Load more cases. Activate to load {0} more. {1}.', next, progress),
      role: ROLE
    };
    if (!loading) {
      this.command = { command: Commands.loadMore, title: vscode.l10n.t('Load More'), arguments: partKey === undefined ? undefined : [partKey] };
    }
  }
}

export class LoadingNode extends vscode.TreeItem {
  readonly kind = 'loading' as const;

  constructor() {
    super(vscode.l10n.t('Loading cases…'), vscode.TreeItemCollapsibleState.None);
    this.id = 'special:loading';
    this.iconPath = new vscode.ThemeIcon('loading~spin');
    this.accessibilityInformation = { label: vscode.l10n.t('Loading cases'), role: ROLE };
  }
}

export class EmptyNode extends vscode.TreeItem {
  readonly kind = 'empty' as const;

  constructor() {
    super(vscode.l10n.t('No cases'), vscode.TreeItemCollapsibleState.None);
    this.id = 'special:empty';
    this.description = vscode.l10n.t('Your support account has no cases yet');
    this.iconPath = new vscode.ThemeIcon('info');
    this.accessibilityInformation = { label: vscode.l10n.t('No cases. Your support account has no cases yet.'), role: ROLE };
  }
}

/** Where an error row sits decides what retrying it means. */
export type ErrorPlacement = 'list' | 'loadMore';

export class ErrorNode extends vscode.TreeItem {
  readonly kind = 'error' as const;

  constructor(
    readonly error: ApiErrorDetails,
    readonly placement: ErrorPlacement,
    /** For a group's failed "load more": the group to retry. */
    readonly partKey?: string
  ) {
    super(text(error.message), vscode.TreeItemCollapsibleState.None);
    this.id = partKey === undefined ? `special:error:${placement}` : `special:error:${placement}:${partKey}`;
    const action = errorAction(error, placement, partKey);
    this.description = error.troubleshootingId ? `${action.title} · ${vscode.l10n.t('ID {0}', text(error.troubleshootingId))}` : action.title;
    this.tooltip = errorTooltip(error, action.click);
    this.iconPath = new vscode.ThemeIcon('error', new vscode.ThemeColor('errorForeground'));
    this.contextValue = CONTEXT[action.context];
    this.command = { command: action.command, title: action.title, arguments: action.arguments };
    this.accessibilityInformation = {
      // Sentences joined with one full stop each, whether or not the API's message ends with one.
      label: error.troubleshootingId
        ? vscode.l10n.t('Error: {0}. Troubleshooting ID {1}. {2}', text(error.message).replace(/[.\s]+$/, ''), text(error.troubleshootingId), action.does)
        : vscode.l10n.t('Error: {0}. {1}', text(error.message).replace(/[.\s]+$/, ''), action.does),
      role: ROLE
    };
  }
}

interface ErrorAction {
  readonly title: string;
  /** What activating the row does, for its accessible label ("Activate to …."). */
  readonly does: string;
  /** The same for the tooltip ("Click to …."). */
  readonly click: string;
  readonly command: string;
  readonly context: 'errorSignIn' | 'errorSettings' | 'errorRetry';
  readonly arguments?: unknown[];
}

/** The next step a user can take from an error row. */
export function errorAction(error: ApiErrorDetails, placement: ErrorPlacement, partKey?: string): ErrorAction {
  if (needsSignIn(error)) {
    return { title: vscode.l10n.t('Sign in'), does: vscode.l10n.t('Activate to sign in.'), click: vscode.l10n.t('Click to sign in.'), command: Commands.signIn, context: 'errorSignIn' };
  }
  if (error.setting !== undefined || error.kind === 'config') {
    // The setting the error names, whatever its kind: a proxy that refuses or cannot be reached is a network error
    // fixed in VS Code's http.proxy, not in our settings. A config error that names none opens our own section.
    const setting = error.setting ?? 'axwaySupport';
    return {
      title: vscode.l10n.t('Open Settings'),
      does: vscode.l10n.t('Activate to open the setting {0}.', setting),
      click: vscode.l10n.t('Click to open settings.'),
      command: 'workbench.action.openSettings',
      context: 'errorSettings',
      arguments: [setting]
    };
  }
  return placement === 'loadMore'
    ? {
        title: vscode.l10n.t('Retry'),
        does: vscode.l10n.t('Activate to load more cases again.'),
        click: vscode.l10n.t('Click to retry.'),
        command: Commands.loadMore,
        context: 'errorRetry',
        arguments: partKey === undefined ? undefined : [partKey]
      }
    : { title: vscode.l10n.t('Retry'), does: vscode.l10n.t('Activate to reload the cases.'), click: vscode.l10n.t('Click to retry.'), command: Commands.refresh, context: 'errorRetry' };
}

/** "01300848 · Subject"; a case the API sent without a number shows its subject alone. */
export function caseLabel(summary: CaseSummary): string {
  const subject = text(summary.subject) || vscode.l10n.t('(no subject)');
  return summary.caseNumber !== '' ? text(`${summary.caseNumber} · ${subject}`) : subject;
}

function caseTooltip(summary: CaseSummary, updated: boolean, awaiting: boolean): vscode.MarkdownString {
  // API text is untrusted: it is made plain (text()), appendText escapes Markdown and HTML, and the string is neither
  // trusted nor HTML-enabled. Our own row names (translations) go in as Markdown, as before.
  const md = new vscode.MarkdownString(undefined, false);
  md.isTrusted = false;
  md.supportHtml = false;
  md.appendMarkdown('**').appendText(text(summary.subject) || vscode.l10n.t('(no subject)')).appendMarkdown('**\n\n');
  if (updated) {
    md.appendText(vscode.l10n.t('Updated since you last opened it')).appendMarkdown('  \n');
  }
  if (awaiting) {
    md.appendText(vscode.l10n.t('Awaiting you: support waits for your reply')).appendMarkdown('  \n');
  }
  const rows: [string, string | undefined][] = [
    [vscode.l10n.t('Case'), summary.caseNumber || vscode.l10n.t('no case number')],
    [vscode.l10n.t('Status'), summary.status],
    [vscode.l10n.t('Severity'), summary.severity],
    [vscode.l10n.t('Type'), summary.type],
    [vscode.l10n.t('Created'), formatApiDate(summary.createdDate)],
    [vscode.l10n.t('Modified'), formatApiDate(summary.modifiedDate)],
    [vscode.l10n.t('Closed'), summary.closedDate ? formatApiDate(summary.closedDate) : undefined]
  ];
  for (const [name, value] of rows) {
    if (value) {
      md.appendMarkdown(`${vscode.l10n.t('{0}:', name)} `).appendText(text(value)).appendMarkdown('  \n');
    }
  }
  return md;
}

function errorTooltip(error: ApiErrorDetails, click: string): vscode.MarkdownString {
  const md = new vscode.MarkdownString(undefined, false);
  md.isTrusted = false;
  md.supportHtml = false;
  md.appendText(plainLines(error.message, 2000));
  if (error.troubleshootingId) {
    md.appendMarkdown('\n\n').appendText(`${vscode.l10n.t('Troubleshooting ID:')} ${text(error.troubleshootingId)}`);
  }
  md.appendMarkdown('\n\n').appendText(click);
  return md;
}

const SEVERITY_COLORS: Record<1 | 2 | 3 | 4, string> = {
  1: 'charts.red',
  2: 'charts.orange',
  3: 'charts.yellow',
  4: 'charts.blue'
};

/** Severity values look like "3 - Important"; the level picks the colour, unknown values get a neutral icon. */
export function severityIcon(severity: string | undefined): vscode.ThemeIcon {
  const level = severityLevel(severity);
  if (level === undefined) {
    return new vscode.ThemeIcon('circle-large-outline');
  }
  return new vscode.ThemeIcon(level === 1 ? 'flame' : 'circle-filled', new vscode.ThemeColor(SEVERITY_COLORS[level]));
}

/** API text as one capped line: no links, icons, control, invisible or bidi characters (plainText). */
function text(value: string | undefined): string {
  return plainText(value, MAX_LABEL);
}

/**
 * A case row of the tree. By its kind, not `instanceof`: the commands are in another bundle (dist/commands.js),
 * which has its own copy of these classes, and the rows it is handed were built by the activation bundle's.
 */
export function isCaseNode(arg: unknown): arg is CaseNode {
  return arg instanceof vscode.TreeItem && (arg as { kind?: unknown }).kind === 'case';
}

/** An account's root row (see isCaseNode for why not `instanceof`). */
export function isAccountNode(arg: unknown): arg is AccountNode {
  return arg instanceof vscode.TreeItem && (arg as { kind?: unknown }).kind === 'account';
}
