// The language-model tools as activation sees them: one registration per tool named in package.json's
// languageModelTools, each a thin stub. The catalogue and its handlers (dist/agentTools.js) are required the first
// time VS Code prepares or invokes one of them, so activation loads none of it. Only types are imported from it.

import * as path from 'path';
import * as vscode from 'vscode';
import type * as LmToolsModule from './lmTools';
import type { LmTools, LmToolsDeps } from './lmTools';

export interface RegisteredLmTools {
  readonly disposables: vscode.Disposable[];
  /** The registered implementations by name (the test API calls prepareInvocation through them). */
  readonly tools: ReadonlyMap<string, vscode.LanguageModelTool<unknown>>;
}

/** The tool names package.json contributes (read at run time, so activation carries no copy of the catalogue). */
export function contributedToolNames(packageJson: unknown): string[] {
  const tools = (packageJson as { contributes?: { languageModelTools?: unknown } } | undefined)?.contributes?.languageModelTools;
  return Array.isArray(tools) ? tools.map((t: unknown) => (t as { name?: unknown }).name).filter((n): n is string => typeof n === 'string') : [];
}

export function registerLmTools(deps: LmToolsDeps & { readonly bundleDir: string; readonly names: readonly string[] }): RegisteredLmTools {
  const tools = new Map<string, vscode.LanguageModelTool<unknown>>();
  // A host without the API (not expected at engines ^1.103) registers nothing rather than failing activation.
  if (typeof vscode.lm?.registerTool !== 'function') {
    return { disposables: [], tools };
  }
  let loaded: LmTools | undefined;
  const load = (): LmTools => {
    if (!loaded) {
      // A runtime path keeps esbuild from inlining the module into the activation bundle.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const module = require(path.join(deps.bundleDir, 'agentTools.js')) as typeof LmToolsModule;
      loaded = module.createLmTools(deps);
    }
    return loaded;
  };
  const disposables = deps.names.map((name) => {
    const tool: vscode.LanguageModelTool<unknown> = {
      prepareInvocation: (options, token) => load().prepare(name, options.input, token),
      invoke: (options, token) => load().invoke(name, options.input, token)
    };
    tools.set(name, tool);
    return vscode.lm.registerTool(name, tool);
  });
  disposables.push({ dispose: () => loaded?.dispose() });
  return { disposables, tools };
}
