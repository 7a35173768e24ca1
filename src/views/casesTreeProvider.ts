// Maps the CasesModel's state to tree rows; it holds no data of its own.

import * as vscode from 'vscode';
import { CasesModel, CasesState } from '../cases/casesModel';
import { CaseNode, CaseTreeNode, EmptyNode, ErrorNode, LoadingNode, LoadMoreNode } from './treeNodes';

export class CasesTreeProvider implements vscode.TreeDataProvider<CaseTreeNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<CaseTreeNode | undefined | void>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly model: CasesModel) {
    this.subscription = model.onDidChange(() => this.changed.fire());
  }

  getTreeItem(node: CaseTreeNode): vscode.TreeItem {
    return node;
  }

  getChildren(node?: CaseTreeNode): CaseTreeNode[] {
    if (node) {
      return [];
    }
    const state = this.model.state;
    if (state.kind === 'idle') {
      // First time the view is shown after sign-in: start loading; the model's change event re-renders.
      void this.model.refresh();
      return [new LoadingNode()];
    }
    return nodesFor(state, this.model.account ?? '');
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}

/** The rows for a state; `account` is the model's account, which every case row carries with its number. */
export function nodesFor(state: CasesState, account = ''): CaseTreeNode[] {
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
      if (state.cases.length === 0) {
        nodes.push(state.busy === 'refresh' ? new LoadingNode() : new EmptyNode());
        return nodes;
      }
      // Cases without a number are numbered among themselves, so each keeps its own row and id.
      let withoutNumber = 0;
      nodes.push(...state.cases.map((summary) => new CaseNode(summary, account, summary.caseNumber === '' ? withoutNumber++ : 0)));
      if (state.loadMoreError) {
        nodes.push(new ErrorNode(state.loadMoreError, 'loadMore'));
      } else if (state.hasMore) {
        nodes.push(new LoadMoreNode(state.busy === 'loadMore', state.cases.length, state.totalCount));
      }
      return nodes;
    }
  }
}
