// The prompts of "Sign in with service account", behind an interface: the window's own quick pick, input boxes and
// file dialog in production; in Test and Development mode a scripted stand-in that integration tests fill (the
// smoke-test host cannot type into an input box), falling back to the real prompt when nothing is queued.

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

/**
 * Test and Development mode only: answers the sign-in prompts from queues, checks each scripted answer the way the
 * real prompt would, and records what was asked (never a typed value of a password box).
 */
export class ScriptedSignInPrompts implements SignInPrompts {
  private kinds: (AccountKind | undefined)[] = [];
  private inputs: (string | undefined)[] = [];
  private files: (vscode.Uri | undefined)[] = [];
  /** Every prompt, oldest first: its kind, its prompt or title text, and what a plain input box started with. */
  readonly asked: { readonly kind: 'kind' | 'input' | 'password' | 'file'; readonly text: string; readonly value?: string }[] = [];

  answerKinds(...kinds: (AccountKind | undefined)[]): void {
    this.kinds.push(...kinds);
  }

  answerInputs(...values: (string | undefined)[]): void {
    this.inputs.push(...values);
  }

  answerFiles(...files: (vscode.Uri | undefined)[]): void {
    this.files.push(...files);
  }

  clear(): void {
    this.kinds = [];
    this.inputs = [];
    this.files = [];
    this.asked.length = 0;
  }

  async pickKind(preselect: AccountKind): Promise<AccountKind | undefined> {
    this.asked.push({ kind: 'kind', text: preselect });
    return this.kinds.length > 0 ? this.kinds.shift() : windowSignInPrompts.pickKind(preselect);
  }

  async input(options: vscode.InputBoxOptions): Promise<string | undefined> {
    // The pre-filled value of a password box is never recorded; a plain box's (the client ID) is no secret.
    this.asked.push(options.password ? { kind: 'password', text: options.prompt ?? '' } : { kind: 'input', text: options.prompt ?? '', value: options.value ?? '' });
    if (this.inputs.length === 0) {
      return windowSignInPrompts.input(options);
    }
    const value = this.inputs.shift();
    const problem = value === undefined ? undefined : await options.validateInput?.(value);
    if (problem) {
      throw new Error(`Scripted answer is refused by the input box "${options.prompt ?? ''}": ${typeof problem === 'string' ? problem : problem.message}`);
    }
    return value;
  }

  async openKeyFile(options: vscode.OpenDialogOptions): Promise<vscode.Uri | undefined> {
    this.asked.push({ kind: 'file', text: options.title ?? '' });
    return this.files.length > 0 ? this.files.shift() : windowSignInPrompts.openKeyFile(options);
  }
}
