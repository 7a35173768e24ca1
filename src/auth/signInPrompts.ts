// The prompts of "Sign in with service account", behind an interface: the window's own quick pick, input boxes and
// file dialog; integration tests inject scripted ones (src/testing/scriptedSignInPrompts.ts: the smoke-test host
// cannot type into an input box).

import * as vscode from 'vscode';

export type AccountKind = 'secret' | 'certificate';

export interface SignInPrompts {
  /** Which kind of service account; undefined when dismissed. */
  pickKind(preselect: AccountKind): Promise<AccountKind | undefined>;
  input(options: vscode.InputBoxOptions): Promise<string | undefined>;
  /** The PEM private key file; undefined when dismissed. */
  openKeyFile(options: vscode.OpenDialogOptions): Promise<vscode.Uri | undefined>;
}

interface KindItem extends vscode.QuickPickItem {
  readonly accountKind: AccountKind;
}

function kindItems(): KindItem[] {
  return [
    { accountKind: 'secret', label: `$(key) ${vscode.l10n.t('Client secret')}`, description: vscode.l10n.t('Client ID and client secret') },
    { accountKind: 'certificate', label: `$(shield) ${vscode.l10n.t('Client certificate')}`, description: vscode.l10n.t('Client ID and the PEM private key of the certificate') }
  ];
}

export const windowSignInPrompts: SignInPrompts = {
  async pickKind(preselect) {
    const items = kindItems().sort((a, b) => Number(b.accountKind === preselect) - Number(a.accountKind === preselect));
    const picked = await vscode.window.showQuickPick(items, {
      title: vscode.l10n.t('Axway Support: Sign in with service account'),
      placeHolder: vscode.l10n.t('How does the service account authenticate? (Amplify Platform › Service Accounts shows it)'),
      ignoreFocusOut: true
    });
    return picked?.accountKind;
  },
  async input(options) {
    return vscode.window.showInputBox(options);
  },
  async openKeyFile(options) {
    const picked = await vscode.window.showOpenDialog(options);
    return picked?.[0];
  }
};
