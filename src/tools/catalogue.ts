// The catalogue bound to one host: each tool's spec with its handler. Input is checked against the tool's own schema
// before a handler sees it, and nothing a handler throws escapes: it becomes an output that says what happened.

import { failure, apiError } from './output';
import { checkInput } from './input';
import type { AgentTool, Preparation, ToolCatalogue, ToolHost, ToolOutput, ToolSpec } from './types';
import { searchCasesTool } from './searchCases';
import { getCaseTool } from './getCase';
import { addNoteTool } from './addNote';
import { createCaseTool } from './createCase';
import { closeCaseTool } from './closeCase';
import { downloadAttachmentTool } from './downloadAttachment';
import { localTitle } from './titles';

/** One tool's behaviour; `I` is its input after checkInput against `spec.inputSchema`. */
export interface ToolHandler<I> {
  readonly spec: ToolSpec;
  /** A read: what the front door shows while it runs. A write: the exact confirmation text, or why it cannot run. */
  prepare(input: I, signal?: AbortSignal): Promise<Preparation>;
  run(input: I, signal?: AbortSignal): Promise<ToolOutput>;
}

export function createToolCatalogue(host: ToolHost): ToolCatalogue {
  const tools: AgentTool[] = [
    bind(searchCasesTool(host)),
    bind(getCaseTool(host)),
    bind(addNoteTool(host)),
    bind(createCaseTool(host)),
    bind(closeCaseTool(host)),
    bind(downloadAttachmentTool(host))
  ];
  return { tools, get: (name) => tools.find((t) => t.name === name) };
}

function bind<I>(handler: ToolHandler<I>): AgentTool {
  const { spec } = handler;
  const invalid = (problems: readonly string[]): ToolOutput =>
    failure(spec.name, `${spec.title}: the input is not valid; nothing was done.`, { code: 'invalidInput', message: problems.join(' ') });
  const unexpected = (err: unknown): ToolOutput => failure(spec.name, `${spec.title} failed.`, apiError(err));
  return {
    ...spec,
    async describeWrite(raw, signal) {
      const input = checkInput<I>(raw, spec.inputSchema);
      if (!input.ok) {
        return { kind: 'refused', invocationMessage: localTitle(spec.name, spec.title), output: invalid(input.problems) };
      }
      try {
        return await handler.prepare(input.value, signal);
      } catch (err) {
        return { kind: 'refused', invocationMessage: localTitle(spec.name, spec.title), output: unexpected(err) };
      }
    },
    async invoke(raw, signal, confirmed) {
      const input = checkInput<I>(raw, spec.inputSchema);
      if (!input.ok) {
        return invalid(input.problems);
      }
      try {
        if (confirmed !== undefined && !spec.readOnly) {
          const now = await handler.prepare(input.value, signal);
          if (now.kind === 'refused') {
            return now.output;
          }
          if (now.kind !== 'write' || now.confirmation.title !== confirmed.title || now.confirmation.message !== confirmed.message) {
            return failure(spec.name, `${spec.title}: what would be sent changed after it was confirmed; nothing was sent.`, {
              code: 'confirmationChanged',
              message: 'Call the tool again so that the person can confirm what would be sent now.'
            });
          }
        }
        return await handler.run(input.value, signal);
      } catch (err) {
        return unexpected(err);
      }
    }
  };
}
