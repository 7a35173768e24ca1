// VS Code's front door to the tool catalogue (dist/agentTools.js, loaded on the first prepare or invoke): builds the
// ToolHost from the extension's objects, gives VS Code the catalogue's confirmation text for every write (never
// auto-approved), and invokes a write only with the text the person confirmed for exactly that input.

import * as vscode from 'vscode';
import { portalCaseUri } from '../network/endpoints';
import { createExtensionCatalogue, type ExtensionToolDeps } from '../tools/extensionCatalogue';
import type { ToolCatalogue, WriteConfirmation } from '../tools/types';
import { useTranslations } from '../util/translations';

// This bundle has its own copy of @vscode/l10n (util/translations): the catalogue's confirmation texts and progress
// lines are in the display language only once it has VS Code's bundle.
useTranslations(vscode.l10n.bundle);

export type LmToolsDeps = ExtensionToolDeps;

export interface LmTools {
  prepare(name: string, input: unknown, token: vscode.CancellationToken): Promise<vscode.PreparedToolInvocation>;
  invoke(name: string, input: unknown, token: vscode.CancellationToken): Promise<vscode.LanguageModelToolResult>;
  dispose(): void;
}

/** How long a confirmed text waits for its invocation (VS Code invokes right after the person confirms). */
const CONFIRMED_TTL_MS = 10 * 60 * 1000;

export function createLmTools(deps: LmToolsDeps): LmTools {
  const catalogue: ToolCatalogue = createExtensionCatalogue(deps, { folders: () => vscode.workspace.workspaceFolders, portalCaseUri });
  /** The confirmation shown for a write's input, until it is invoked. */
  const shown = new Map<string, { readonly confirmation: WriteConfirmation; readonly at: number }>();
  const keyOf = (name: string, input: unknown): string => `${name}\u0000${JSON.stringify(input ?? null)}`;

  const toolOf = (name: string) => {
    const tool = catalogue.get(name);
    if (!tool) {
      throw new Error(`Axway Support has no tool named ${name}.`);
    }
    return tool;
  };

  return {
    async prepare(name, input, token) {
      const tool = toolOf(name);
      const prep = await withSignal(token, (signal) => tool.describeWrite(input, signal));
      if (prep.kind !== 'write') {
        return { invocationMessage: prep.invocationMessage };
      }
      const now = Date.now();
      for (const [key, entry] of shown) {
        if (now - entry.at > CONFIRMED_TTL_MS) {
          shown.delete(key);
        }
      }
      shown.set(keyOf(name, input), { confirmation: prep.confirmation, at: now });
      return {
        invocationMessage: prep.invocationMessage,
        confirmationMessages: { title: prep.confirmation.title, message: confirmationMarkdown(prep.confirmation.message) }
      };
    },
    async invoke(name, input, token) {
      const tool = toolOf(name);
      let confirmed: WriteConfirmation | undefined;
      if (!tool.readOnly) {
        const key = keyOf(name, input);
        confirmed = shown.get(key)?.confirmation;
        shown.delete(key);
        if (confirmed === undefined) {
          // No confirmation was shown for this input (its preparation was refused, or VS Code never prepared it):
          // the catalogue's refusal is the answer, or, if it could now be sent, a request to confirm first.
          const prep = await withSignal(token, (signal) => tool.describeWrite(input, signal));
          // For the model, so in English like every tool output (tools/output.ts says why).
          const text = prep.kind === 'refused' ? prep.output.text : 'Nothing was sent: this change was not confirmed by the person. Call the tool again so that VS Code asks them.';
          return new vscode.LanguageModelToolResult([new vscode.LanguageModelTextPart(text)]);
        }
      }
      const output = await withSignal(token, (signal) => tool.invoke(input, signal, confirmed));
      return new vscode.LanguageModelToolResult([new vscode.LanguageModelTextPart(output.text)]);
    },
    dispose() {
      shown.clear();
    }
  };
}

/** The plain text in a code block: shown exactly, nothing in it read as Markdown (a fence longer than any in it). */
export function confirmationMarkdown(text: string): vscode.MarkdownString {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  const markdown = new vscode.MarkdownString(`${fence}text\n${text}\n${fence}`);
  markdown.isTrusted = false;
  markdown.supportHtml = false;
  return markdown;
}

async function withSignal<T>(token: vscode.CancellationToken, run: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  const listener = token.onCancellationRequested(() => controller.abort());
  try {
    return await run(controller.signal);
  } finally {
    listener.dispose();
  }
}
