// Every message the extension shows goes through here, so tests can read what a person was told (toast text is not
// readable in the smoke-test host: src/testing injects a recorder) and so the last line of defence lives in one
// place: a command handler, an event listener or a webview message that threw becomes one log line and one error
// message with a next step, never an unhandled rejection in the extension host. Every text is made plain here (plainText): attachment names,
// subjects and server error texts reach messages, and a notification would turn "[x](command:…)" in them into a
// link that runs a command. The extension's own messages use neither links nor icons, so nothing of ours is lost.

import * as vscode from 'vscode';
import type { Logger } from './logger';
import { describeError } from './errorText';
import { plainText } from './text';

export interface ShownMessage {
  readonly severity: 'error' | 'warning' | 'info';
  readonly text: string;
}

/** VS Code cuts a notification at 1,000 characters itself; cutting first keeps the recorded text what was shown. */
const MAX_MESSAGE = 1000;

export class UserMessages {
  constructor(
    private readonly logger: Logger,
    private readonly showLogCommand: string,
    /** Hears every message as shown (Test and Development mode: src/testing records them). */
    private readonly onShown?: (message: ShownMessage) => void
  ) {}

  /** Shows an error; resolves with the chosen action (undefined when dismissed). Never rejects. */
  error(text: string, ...actions: string[]): Promise<string | undefined> {
    return this.show('error', text, actions);
  }

  warning(text: string, ...actions: string[]): Promise<string | undefined> {
    return this.show('warning', text, actions);
  }

  info(text: string, ...actions: string[]): Promise<string | undefined> {
    return this.show('info', text, actions);
  }

  /** Logs and shows "<what> failed. <reason>" with Show Log; never throws, and the toast is not awaited. `what` is localised by the caller. */
  report(what: string, err: unknown): void {
    const reason = describeError(err);
    this.logger.error(`${what} failed: ${reason}${err instanceof Error && err.stack ? `\n${err.stack}` : ''}`);
    const showLog = vscode.l10n.t('Show Log');
    void this.error(vscode.l10n.t('Axway Support: {0} failed. {1}', what, reason), showLog).then((choice) => {
      if (choice === showLog) {
        void vscode.commands.executeCommand(this.showLogCommand).then(undefined, () => undefined);
      }
    });
  }

  private async show(severity: ShownMessage['severity'], raw: string, actions: string[]): Promise<string | undefined> {
    const text = plainText(raw, MAX_MESSAGE);
    this.onShown?.({ severity, text });
    const show =
      severity === 'error' ? vscode.window.showErrorMessage : severity === 'warning' ? vscode.window.showWarningMessage : vscode.window.showInformationMessage;
    try {
      return await show(text, ...actions);
    } catch {
      return undefined;
    }
  }
}

/** Wraps a handler so that whatever it throws or rejects with is reported instead of escaping. */
export function guarded<A extends unknown[]>(messages: UserMessages, what: string, handler: (...args: A) => unknown): (...args: A) => Promise<void> {
  return async (...args: A): Promise<void> => {
    try {
      await handler(...args);
    } catch (err) {
      messages.report(what, err);
    }
  };
}
