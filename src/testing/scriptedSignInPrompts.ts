// Test and Development mode only (src/testing/ is never reached in production): the sign-in prompts answered from
// queues, injected into the sign-in flow through its constructor deps. With nothing queued, the real prompt shows.

import type * as vscode from 'vscode';
import { type AccountKind, type SignInPrompts, windowSignInPrompts } from '../auth/signInPrompts';

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
