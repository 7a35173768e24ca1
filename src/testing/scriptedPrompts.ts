// Test and Development mode only (src/testing/ is never reached in production): Close Case's and the download's
// prompts answered from queues, injected into the Close Case and download commands through their constructor deps.

import * as vscode from 'vscode';
import { type ClosePrompts, windowPrompts } from '../commands/closePrompts';
import { DownloadUi, windowDownloadUi } from '../commands/attachmentDownload';

/**
 * Test and Development mode only: answers the prompts of these commands from queues instead of showing them (the
 * smoke-test host skips modal dialogs), records what each prompt offered, and can cancel a download's progress
 * after some bytes. With nothing queued, the real prompt is shown.
 */
export class ScriptedPrompts implements ClosePrompts, DownloadUi {
  private inputs: (string | undefined)[] = [];
  private confirms: boolean[] = [];
  private saveTargets: (vscode.Uri | undefined)[] = [];
  private cancelAt: number | undefined;
  private observer: ((received: number, total: number | undefined) => void) | undefined;
  /** Every prompt shown or answered, oldest first: what it asked and the value it offered. */
  readonly offered: { readonly kind: 'input' | 'confirm' | 'saveDialog'; readonly text: string; readonly value?: string }[] = [];

  answerInputs(...values: (string | undefined)[]): void {
    this.inputs.push(...values);
  }

  answerConfirms(...values: boolean[]): void {
    this.confirms.push(...values);
  }

  answerSaveDialogs(...targets: (vscode.Uri | undefined)[]): void {
    this.saveTargets.push(...targets);
  }

  /** The next download's progress notification is cancelled once this many bytes arrived. */
  cancelDownloadAfter(bytes: number): void {
    this.cancelAt = bytes;
  }

  /** The next download calls `listener` with the running total after every chunk (e.g. to measure memory). */
  observeDownload(listener: (received: number, total: number | undefined) => void): void {
    this.observer = listener;
  }

  clear(): void {
    this.inputs = [];
    this.confirms = [];
    this.saveTargets = [];
    this.cancelAt = undefined;
    this.observer = undefined;
    this.offered.length = 0;
  }

  async input(options: vscode.InputBoxOptions): Promise<string | undefined> {
    this.offered.push({ kind: 'input', text: options.prompt ?? '', value: options.value });
    if (this.inputs.length === 0) {
      return windowPrompts.input(options);
    }
    const value = this.inputs.shift();
    // An answer the real box would refuse is a mistake in the test, not a value to send.
    const problem = value === undefined ? undefined : await options.validateInput?.(value);
    if (problem) {
      throw new Error(`Scripted answer ${JSON.stringify(value)} is refused by the input box: ${typeof problem === 'string' ? problem : problem.message}`);
    }
    return value;
  }

  async confirm(message: string, detail: string, action: string): Promise<boolean> {
    this.offered.push({ kind: 'confirm', text: message, value: detail });
    const answer = this.confirms.shift();
    return answer ?? windowPrompts.confirm(message, detail, action);
  }

  async saveDialog(options: vscode.SaveDialogOptions): Promise<vscode.Uri | undefined> {
    this.offered.push({ kind: 'saveDialog', text: options.title ?? '', value: options.defaultUri?.fsPath });
    if (this.saveTargets.length === 0) {
      return windowDownloadUi.saveDialog(options);
    }
    return this.saveTargets.shift();
  }

  progress<R>(title: string, task: Parameters<DownloadUi['progress']>[1]): Thenable<R> {
    const limit = this.cancelAt;
    const observer = this.observer;
    this.cancelAt = undefined;
    this.observer = undefined;
    return windowDownloadUi.progress(title, async (report, token) => {
      const source = new vscode.CancellationTokenSource();
      const linked = token.onCancellationRequested(() => source.cancel());
      try {
        return (await task((received, total) => {
          report(received, total);
          observer?.(received, total);
          if (limit !== undefined && received >= limit) {
            source.cancel();
          }
        }, source.token)) as R;
      } finally {
        linked.dispose();
        source.dispose();
      }
    });
  }
}
