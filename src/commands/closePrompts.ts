// The prompts of Close Case: the window's own; integration tests inject scripted ones (src/testing/scriptedPrompts.ts).

import * as vscode from 'vscode';
import { plainLines, plainText } from '../util/text';

/** The prompts of Close Case, injected so integration tests can answer them. */
export interface ClosePrompts {
  input(options: vscode.InputBoxOptions): Thenable<string | undefined>;
  /** A modal warning with one action; true when the user chose it. */
  confirm(message: string, detail: string, action: string): Thenable<boolean>;
}

export const windowPrompts: ClosePrompts = {
  input: (options) => vscode.window.showInputBox(options),
  // The confirmation quotes the case's subject and contact (API text): made plain like every message.
  confirm: async (message, detail, action) =>
    (await vscode.window.showWarningMessage(plainText(message, 1000), { modal: true, detail: plainLines(detail, 2000) }, action)) === action
};
