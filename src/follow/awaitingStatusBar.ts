// The status-bar item "N awaiting you": cases in status "Customer Owns Next Steps" (support waits for the customer).
// Shown while signed in and counted; hidden by `axwaySupport.statusBar.enabled` and while signed out. A click shows
// the view filtered to those cases. The number is AwaitingCounter's, which never claims more than the API said.

import * as vscode from 'vscode';
import { AWAITING_FILTER, AwaitingCount } from './awaitingCount';
import type { CasesModel } from '../cases/casesModel';
import { SETTINGS_SECTION, userSetting } from '../util/settings';
import { Commands, VIEW_ID } from '../util/ids';
import { guarded, UserMessages } from '../util/userMessages';
import { describeCount } from './awaitingText';

export { describeCount } from './awaitingText';

export const STATUS_BAR_SETTING = 'statusBar.enabled';
/** The filter command of the Recent Cases view, which takes a CaseFilter argument. */
const FILTER_COMMAND = 'axwaySupport.filter';

/** What the item shows, readable by tests (a StatusBarItem does not say whether it is shown). */
export interface StatusBarSnapshot {
  readonly visible: boolean;
  readonly text: string;
  readonly tooltip: string;
  readonly ariaLabel: string;
  /** The item's accessibilityInformation role, as screen readers get it. */
  readonly role: string;
}

export class AwaitingStatusBar implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem;
  private readonly subscriptions: vscode.Disposable[] = [];
  private shown: StatusBarSnapshot = { visible: false, text: '', tooltip: '', ariaLabel: '', role: '' };

  constructor(
    /** The sum over every signed-in account (AccountFollowers). */
    private readonly counter: { readonly value: AwaitingCount; onDidChange(listener: (value: AwaitingCount) => void): { dispose(): void } },
    private readonly model: Pick<CasesModel, 'state' | 'onDidChange'>
  ) {
    this.item = vscode.window.createStatusBarItem('axwaySupport.awaiting', vscode.StatusBarAlignment.Left, 50);
    this.item.name = vscode.l10n.t('Axway Support: Cases Awaiting You');
    this.item.command = Commands.showAwaiting;
    this.subscriptions.push(
      this.item,
      counter.onDidChange(() => this.render()),
      model.onDidChange(() => this.render()),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration(`${SETTINGS_SECTION}.${STATUS_BAR_SETTING}`)) {
          this.render();
        }
      })
    );
    this.render();
  }

  /** The command a click runs. */
  get command(): string {
    return Commands.showAwaiting;
  }

  get snapshot(): StatusBarSnapshot {
    return this.shown;
  }

  dispose(): void {
    for (const d of this.subscriptions) {
      d.dispose();
    }
  }

  private render(): void {
    const enabled = userSetting(STATUS_BAR_SETTING) !== false;
    const count = this.counter.value;
    if (!enabled || this.model.state.kind === 'signedOut' || count.kind === 'unknown') {
      this.item.hide();
      this.shown = { ...this.shown, visible: false };
      return;
    }
    const { text, tooltip, ariaLabel } = describeCount(count);
    this.item.text = text;
    this.item.tooltip = tooltip;
    this.item.accessibilityInformation = { label: ariaLabel, role: 'button' };
    this.item.show();
    // Read back from the item, so a test sees what screen readers get.
    this.shown = { visible: true, text, tooltip, ariaLabel: this.item.accessibilityInformation.label, role: this.item.accessibilityInformation.role ?? '' };
  }
}

/** "Show Cases Awaiting You": the Recent Cases view, filtered to them. */
export function registerShowAwaiting(messages: UserMessages): vscode.Disposable {
  return vscode.commands.registerCommand(
    Commands.showAwaiting,
    guarded(messages, vscode.l10n.t('Showing the cases awaiting you'), async () => {
      await vscode.commands.executeCommand(`${VIEW_ID}.focus`);
      await vscode.commands.executeCommand(FILTER_COMMAND, AWAITING_FILTER);
    })
  );
}
