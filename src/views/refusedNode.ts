// The row shown where a quarantined account's cases were: the sign-in service refused its stored pair, which is kept
// (never sent again) until the user signs in again for it (the client ID filled in) or signs it out.

import * as vscode from 'vscode';
import { Commands } from '../util/ids';

export class RefusedNode extends vscode.TreeItem {
  readonly kind = 'refused' as const;

  constructor(
    /** The quarantined account's id (accountIdOf): the sign-in it offers is for this account. */
    readonly account: string
  ) {
    super(vscode.l10n.t('Refused by the sign-in service: sign in again'), vscode.TreeItemCollapsibleState.None);
    // No client ID in the row: the tree is one of the places the leak check keeps it out of (the account root names it).
    this.id = 'special:refused';
    this.description = vscode.l10n.t('Sign in');
    this.tooltip = vscode.l10n.t(
      'The sign-in service refused the stored credentials of this service account. They are kept on this machine but not sent again. Click to sign in again (the client ID is filled in), or sign the account out to delete them.'
    );
    this.iconPath = new vscode.ThemeIcon('warning', new vscode.ThemeColor('problemsWarningIcon.foreground'));
    this.contextValue = 'axwaySupport.refused';
    this.command = { command: Commands.signIn, title: vscode.l10n.t('Sign in again'), arguments: [account] };
    this.accessibilityInformation = {
      label: vscode.l10n.t('Refused by the sign-in service: the credentials are kept but not sent. Activate to sign in again.'),
      role: 'treeitem'
    };
  }
}
