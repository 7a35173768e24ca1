// The rows of the "Recent Cases" tree. Special rows (loading, error, empty, load more) have their own types
// so the provider and the tests can tell them apart without parsing labels.

import * as vscode from 'vscode';
import { ApiErrorDetails } from '../api/errors';
import { CaseSummary } from '../api/types';
import { formatApiDate } from './format';
import { Commands } from '../util/ids';

/** Labels are capped so a 100 KB subject cannot bloat the tree. */
const MAX_LABEL = 200;

export type CaseTreeNode = CaseNode | LoadMoreNode | LoadingNode | ErrorNode | EmptyNode;

export class CaseNode extends vscode.TreeItem {
  readonly kind = 'case' as const;

  constructor(readonly summary: CaseSummary) {
    super(truncate(summary.subject || '(no subject)'), vscode.TreeItemCollapsibleState.None);
    this.id = `case:${summary.caseNumber}`;
    this.description = truncate(`${summary.caseNumber} · ${summary.status || 'Unknown status'}`);
    this.tooltip = caseTooltip(summary);
    this.iconPath = severityIcon(summary.severity);
    this.contextValue = 'axwaySupport.case';
    this.accessibilityInformation = {
      label: `Case ${truncate(summary.caseNumber)}: ${truncate(summary.subject)}, ${truncate(summary.status)}, severity ${truncate(summary.severity)}`,
      role: 'treeitem'
    };
    this.command = { command: Commands.openCase, title: 'Open Case', arguments: [summary.caseNumber] };
  }
}

export class LoadMoreNode extends vscode.TreeItem {
  readonly kind = 'loadMore' as const;

  constructor(loading: boolean, loaded: number, totalCount: number | undefined) {
    super(loading ? 'Loading more…' : 'Load more…', vscode.TreeItemCollapsibleState.None);
    this.id = 'special:loadMore';
    this.description = totalCount !== undefined ? `${loaded} of ${totalCount}` : `${loaded} loaded`;
    this.iconPath = new vscode.ThemeIcon(loading ? 'loading~spin' : 'ellipsis');
    this.contextValue = 'axwaySupport.loadMore';
    this.accessibilityInformation = { label: loading ? 'Loading more cases' : 'Load more cases', role: 'button' };
    if (!loading) {
      this.command = { command: Commands.loadMore, title: 'Load More' };
    }
  }
}

export class LoadingNode extends vscode.TreeItem {
  readonly kind = 'loading' as const;

  constructor() {
    super('Loading cases…', vscode.TreeItemCollapsibleState.None);
    this.id = 'special:loading';
    this.iconPath = new vscode.ThemeIcon('loading~spin');
    this.accessibilityInformation = { label: 'Loading cases', role: 'treeitem' };
  }
}

export class EmptyNode extends vscode.TreeItem {
  readonly kind = 'empty' as const;

  constructor() {
    super('No cases', vscode.TreeItemCollapsibleState.None);
    this.id = 'special:empty';
    this.description = 'Your support account has no cases yet';
    this.iconPath = new vscode.ThemeIcon('info');
    this.accessibilityInformation = { label: 'No cases', role: 'treeitem' };
  }
}

/** Where an error row sits decides what retrying it means. */
export type ErrorPlacement = 'list' | 'loadMore';

export class ErrorNode extends vscode.TreeItem {
  readonly kind = 'error' as const;

  constructor(
    readonly error: ApiErrorDetails,
    readonly placement: ErrorPlacement
  ) {
    super(truncate(error.message), vscode.TreeItemCollapsibleState.None);
    this.id = `special:error:${placement}`;
    const action = errorAction(error, placement);
    this.description = error.troubleshootingId ? `${action.title} · ID ${error.troubleshootingId}` : action.title;
    this.tooltip = errorTooltip(error, action.title);
    this.iconPath = new vscode.ThemeIcon('error', new vscode.ThemeColor('errorForeground'));
    this.contextValue = `axwaySupport.error.${action.context}`;
    this.command = { command: action.command, title: action.title, arguments: action.arguments };
    this.accessibilityInformation = {
      label: `Error: ${truncate(error.message)}${error.troubleshootingId ? `. Troubleshooting ID ${error.troubleshootingId}` : ''}. ${action.title}`,
      role: 'button'
    };
  }
}

interface ErrorAction {
  readonly title: string;
  readonly command: string;
  readonly context: 'signIn' | 'settings' | 'retry';
  readonly arguments?: unknown[];
}

/** The next step a user can take from an error row. */
export function errorAction(error: ApiErrorDetails, placement: ErrorPlacement): ErrorAction {
  if (error.kind === 'credentialsRejected' || error.kind === 'notSignedIn') {
    return { title: 'Sign in', command: Commands.signIn, context: 'signIn' };
  }
  if (error.kind === 'config') {
    return { title: 'Open Settings', command: 'workbench.action.openSettings', context: 'settings', arguments: ['axwaySupport'] };
  }
  return placement === 'loadMore'
    ? { title: 'Retry', command: Commands.loadMore, context: 'retry' }
    : { title: 'Retry', command: Commands.refresh, context: 'retry' };
}

function caseTooltip(summary: CaseSummary): vscode.MarkdownString {
  // API text is untrusted: appendText escapes Markdown and HTML, and the string is neither trusted nor HTML-enabled.
  const md = new vscode.MarkdownString(undefined, false);
  md.isTrusted = false;
  md.supportHtml = false;
  md.appendMarkdown('**').appendText(truncate(summary.subject || '(no subject)')).appendMarkdown('**\n\n');
  const rows: [string, string | undefined][] = [
    ['Case', summary.caseNumber],
    ['Status', summary.status],
    ['Severity', summary.severity],
    ['Type', summary.type],
    ['Created', formatApiDate(summary.createdDate)],
    ['Modified', formatApiDate(summary.modifiedDate)],
    ['Closed', summary.closedDate ? formatApiDate(summary.closedDate) : undefined]
  ];
  for (const [name, value] of rows) {
    if (value) {
      md.appendMarkdown(`${name}: `).appendText(value).appendMarkdown('  \n');
    }
  }
  return md;
}

function errorTooltip(error: ApiErrorDetails, action: string): vscode.MarkdownString {
  const md = new vscode.MarkdownString(undefined, false);
  md.isTrusted = false;
  md.supportHtml = false;
  md.appendText(error.message);
  if (error.troubleshootingId) {
    md.appendMarkdown('\n\nTroubleshooting ID: ').appendText(error.troubleshootingId);
  }
  md.appendMarkdown('\n\n').appendText(`Click to ${action.toLowerCase()}.`);
  return md;
}

const SEVERITY_COLORS: Record<string, string> = {
  '1': 'charts.red',
  '2': 'charts.orange',
  '3': 'charts.yellow',
  '4': 'charts.blue'
};

/** Severity values look like "3 - Important"; the leading digit picks the colour, unknown values get a neutral icon. */
export function severityIcon(severity: string | undefined): vscode.ThemeIcon {
  const digit = (severity ?? '').trim().charAt(0);
  const color = SEVERITY_COLORS[digit];
  if (!color) {
    return new vscode.ThemeIcon('circle-large-outline');
  }
  return new vscode.ThemeIcon(digit === '1' ? 'flame' : 'circle-filled', new vscode.ThemeColor(color));
}

// Bidi overrides in API text would reorder the rest of the row (the case number in the description); control
// characters have no business in a label.
// eslint-disable-next-line no-control-regex
const CONTROL_CHARS = /[\u0000-\u001f\u007f]/g;
const BIDI_CONTROLS = /[\u202a-\u202e\u2066-\u2069]/g;

function truncate(text: string): string {
  const clean = (text ?? '').replace(BIDI_CONTROLS, '').replace(CONTROL_CHARS, ' ').replace(/\s+/g, ' ').trim();
  return clean.length > MAX_LABEL ? `${clean.slice(0, MAX_LABEL - 1)}…` : clean;
}
