// Maps the CasesModel's state to tree rows; it holds no data of its own.

import * as vscode from 'vscode';
import { CasesModel, CasesState, ListPart } from '../cases/casesModel';
import { severityRuns } from '../cases/caseGroups';
import { describeFilter } from '../cases/caseQuery';
import { CaseSummary } from '../api/types';
import { AccountModels } from '../cases/accountModels';
import { Commands } from '../util/ids';
import { AccountNode, CaseNode, CaseTreeNode, EmptyNode, ErrorNode, GroupNode, LoadingNode, LoadMoreNode } from './treeNodes';
import { RefusedNode } from './refusedNode';

export class CasesTreeProvider implements vscode.TreeDataProvider<CaseTreeNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<CaseTreeNode | undefined | void>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly subscriptions: vscode.Disposable[];
  /** Each row's parent as last handed out (reveal needs getParent). */
  private parents = new Map<string, CaseTreeNode>();

  /**
   * @param model the only account's model (and the first account's, when `accounts` is given)
   * @param accounts every signed-in account's model: with several, each gets a root row with its own rows under it
   */
  constructor(
    private readonly model: CasesModel,
    private readonly accounts?: AccountModels
  ) {
    this.subscriptions = accounts
      ? [accounts.onDidChangeAny(() => this.changed.fire())]
      : [model.onDidChange(() => this.changed.fire()), model.onDidChangeSeen(() => this.changed.fire())];
  }

  getTreeItem(node: CaseTreeNode): vscode.TreeItem {
    return node;
  }

  getChildren(node?: CaseTreeNode): CaseTreeNode[] {
    if (node) {
      return node.kind === 'group' || node.kind === 'account' ? [...node.children] : [];
    }
    this.parents = new Map();
    const entries = this.accounts?.entries ?? [];
    if (entries.length <= 1) {
      // One account (or none): no extra level, exactly as before there were several.
      const only = entries[0];
      return only?.refused === true ? [new RefusedNode(only.id)] : this.rowsOf(this.model);
    }
    return entries.map((entry) => {
      // A quarantined account loads nothing (its pair is not sent): its root holds the row that signs it in again.
      const rows = entry.refused === true ? [new RefusedNode(entry.id)] : this.rowsOf(entry.model);
      const root = new AccountNode(entry.id, entry.label, entry.clientId, scoped(rows, entry.id), describeFilter(entry.model.view.filter));
      this.remember(root.children, root);
      return root;
    });
  }

  /** Rows under a group have it as parent; rows of an account root have the root (reveal needs it). */
  getParent(node: CaseTreeNode): CaseTreeNode | undefined {
    if (node.kind === 'account' || node.id === undefined) {
      return undefined;
    }
    if (this.parents.size === 0) {
      this.getChildren();
    }
    return this.parents.get(node.id);
  }

  dispose(): void {
    for (const s of this.subscriptions) {
      s.dispose();
    }
    this.changed.dispose();
  }

  private rowsOf(model: CasesModel): CaseTreeNode[] {
    const state = model.state;
    if (state.kind === 'idle') {
      // First time the view is shown after sign-in: start loading; the model's change event re-renders.
      void model.refresh();
      return [new LoadingNode()];
    }
    if (state.kind === 'loaded' && state.cachedAt !== undefined && state.busy === undefined && state.refreshError === undefined) {
      // Cached rows shown before the view asked: they are brought up to date as a first load would be.
      void model.refresh();
    }
    const nodes = nodesFor(state, model.account ?? '', (c) => model.isUpdated(c));
    model.rowsShown();
    this.remember(nodes, undefined);
    return nodes;
  }

  private remember(nodes: readonly CaseTreeNode[], parent: CaseTreeNode | undefined): void {
    for (const n of nodes) {
      if (parent && n.id !== undefined) {
        this.parents.set(n.id, parent);
      }
      if (n.kind === 'group') {
        this.remember(n.children, n);
      }
    }
  }
}

/**
 * Rows of one account among several: ids unique across accounts, and "Load more" / "Retry" name the account they
 * act on (the first argument stays what it was, so the single-account rows are unchanged).
 */
function scoped(nodes: readonly CaseTreeNode[], account: string): CaseTreeNode[] {
  for (const n of nodes) {
    if (n.kind !== 'case') {
      n.id = `${account}/${n.id ?? ''}`;
    }
    if (n.command && (n.command.command === Commands.loadMore || n.command.command === Commands.refresh)) {
      const args = n.command.arguments ?? [];
      n.command = { ...n.command, arguments: [args[0], account] };
    }
    if (n.kind === 'group') {
      scoped(n.children, account);
    }
  }
  return [...nodes];
}

/** The rows for a state; `account` is the model's account, which every case row carries with its number. */
export function nodesFor(state: CasesState, account = '', isUpdated: (c: CaseSummary) => boolean = () => false): CaseTreeNode[] {
  switch (state.kind) {
    case 'signedOut':
      // Empty: the view's welcome content (viewsWelcome) asks the user to sign in.
      return [];
    case 'idle':
    case 'loading':
      return [new LoadingNode()];
    case 'error':
      return [new ErrorNode(state.error, 'list')];
    case 'loaded': {
      const nodes: CaseTreeNode[] = [];
      if (state.refreshError) {
        nodes.push(new ErrorNode(state.refreshError, 'list'));
      }
      if (state.cases.length === 0 && !state.parts.some((p) => p.hasMore || p.loadMoreError)) {
        nodes.push(state.busy === 'refresh' ? new LoadingNode() : new EmptyNode());
        return nodes;
      }
      // Cases without a number are numbered among themselves, so each keeps its own row and id.
      const counter = { withoutNumber: 0 };
      const caseRows = (cases: readonly CaseSummary[]): CaseNode[] =>
        cases.map((summary) => new CaseNode(summary, account, summary.caseNumber === '' ? counter.withoutNumber++ : 0, { updated: isUpdated(summary) }));
      const group = state.view.group;
      if (group === 'none') {
        const part = state.parts[0];
        nodes.push(...caseRows(part.cases), ...tail(part, undefined));
        return nodes;
      }
      if (group === 'severity') {
        // One server-sorted stream cut into runs; only the last run can continue, so it carries "Load more".
        const part = state.parts[0];
        const runs = severityRuns(part.cases);
        runs.forEach((run, i) => {
          const more = i === runs.length - 1 ? tail(part, part.key) : [];
          nodes.push(new GroupNode(`severity:${run.label}`, run.label, [...caseRows(run.cases), ...more], undefined));
        });
        return nodes;
      }
      for (const part of state.parts) {
        // A group the API says is empty (or that has nothing and no more) is left out.
        if (part.cases.length === 0 && !part.hasMore && !part.loadMoreError) {
          continue;
        }
        nodes.push(new GroupNode(part.key, part.label, [...caseRows(part.cases), ...tail(part, part.key)], part.totalCount));
      }
      return nodes;
    }
  }
}

/** What follows a list's rows: its "load more" error, or its "Load more" row. */
function tail(part: ListPart, partKey: string | undefined): CaseTreeNode[] {
  if (part.loadMoreError) {
    return [new ErrorNode(part.loadMoreError, 'loadMore', partKey)];
  }
  if (part.hasMore) {
    return [new LoadMoreNode(part.loadingMore === true, part.cases.length, part.totalCount, partKey)];
  }
  return [];
}
