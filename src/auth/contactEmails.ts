// The contact e-mail that notes, new cases and closing need: a service account has none, so the user gives one the
// first time, and it is remembered per account in extension state (it is not a secret).

import * as vscode from 'vscode';
import { isEmail } from '../util/email';

const KEY = 'axwaySupport.contactEmails';

type Stored = Readonly<Record<string, string>>;

export class ContactEmails {
  constructor(private readonly state: vscode.Memento) {}

  /** The remembered address of an account, if any. */
  get(account: string): string | undefined {
    const value = this.stored()[account];
    return typeof value === 'string' && isEmail(value) ? value : undefined;
  }

  async set(account: string, email: string): Promise<void> {
    await this.state.update(KEY, { ...this.stored(), [account]: email.trim() });
  }

  /** Forgets an account's address (sign-out of that account). */
  async forget(account: string): Promise<void> {
    const rest = Object.fromEntries(Object.entries(this.stored()).filter(([key]) => key !== account));
    await this.state.update(KEY, rest);
  }

  /**
   * The remembered address, or asks for one (prefilled with `suggestion`, e.g. the case's contact) and remembers it.
   * Undefined when the user cancels.
   */
  async ensure(account: string, suggestion?: string): Promise<string | undefined> {
    return this.get(account) ?? this.ask(account, suggestion);
  }

  /** Always asks (the **Set Contact E-mail** command), prefilled with the current address or the suggestion. */
  async ask(account: string, suggestion?: string): Promise<string | undefined> {
    const value = await vscode.window.showInputBox({
      title: vscode.l10n.t('Axway Support: Contact E-mail'),
      prompt: vscode.l10n.t('The e-mail address Axway Support writes to about your notes, new cases and closed cases.'),
      placeHolder: 'name@example.com',
      value: this.get(account) ?? suggestion ?? '',
      ignoreFocusOut: true,
      validateInput: (text) => (isEmail(text) ? undefined : vscode.l10n.t('Enter an e-mail address such as name@example.com.'))
    });
    if (value === undefined || !isEmail(value)) {
      return undefined;
    }
    await this.set(account, value);
    return value.trim();
  }

  private stored(): Stored {
    const raw = this.state.get<unknown>(KEY);
    return typeof raw === 'object' && raw !== null ? (raw as Stored) : {};
  }
}
