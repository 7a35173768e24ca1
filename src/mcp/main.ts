// dist/mcp.js: the stdio MCP server that VS Code starts with its own Node (process.execPath, ELECTRON_RUN_AS_NODE=1)
// from the definition the extension provides. It runs only when started by VS Code: the extension puts the address
// of a private channel and a one-time key in its environment, and everything secret stays on the other side of that
// channel (the server receives short-lived access tokens for reads, never a client secret).
// No vscode import, and nothing here is loaded by the extension host.

import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import type { Logger } from '../api/types';
import { readFileSync } from 'fs';
import { createToolCatalogue } from '../tools/index';
import { useTranslations } from '../util/translations';
import { ChannelClient } from './channelClient';
import { METHODS, parseToolOutput } from './channelMethods';
import { CHANNEL_ADDRESS_ENV, CHANNEL_KEY_ENV, L10N_BUNDLE_ENV } from './channelProtocol';
import { createMcpServer } from './mcpServer';
import { channelFailure, ServerToolHost } from './serverHost';

declare const AXWAY_EXTENSION_VERSION: string;

const ONLY_IN_VSCODE = [
  'The Axway Support Cases MCP server runs only when VS Code starts it: it gets its access tokens from the',
  'extension over a private channel, so that no client secret ever leaves VS Code. In VS Code, enable the',
  '"Axway Support Cases" server in the MCP servers list (Extensions view, MCP SERVERS, or "MCP: List Servers").'
].join('\n');

/** MCP's stdout is the protocol: the log goes to stderr, which MCP clients show as the server's output. */
function stderrLogger(): Logger {
  const write = (level: string) => (message: string): void => {
    process.stderr.write(`[${level}] ${message}\n`);
  };
  const ignore = (): void => undefined;
  return { trace: ignore, debug: ignore, info: write('info'), warn: write('warn'), error: write('error') };
}

/** VS Code's bundle for the display language, when the extension named one; without it (or unreadable) English. */
function loadTranslations(bundlePath: string | undefined, logger: Logger): void {
  if (!bundlePath) {
    return;
  }
  try {
    const parsed: unknown = JSON.parse(readFileSync(bundlePath, 'utf8'));
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) {
      useTranslations(Object.fromEntries(Object.entries(parsed).filter((e): e is [string, string] => typeof e[1] === 'string')));
    }
  } catch (err) {
    logger.warn(`The translations could not be read (${err instanceof Error ? err.message : String(err)}); the tools are titled in English.`);
  }
}

export async function main(argv: readonly string[], env: NodeJS.ProcessEnv): Promise<number> {
  if (!argv.includes('--stdio')) {
    process.stderr.write(`Usage: node mcp.js --stdio\n\n${ONLY_IN_VSCODE}\n`);
    return 2;
  }
  const address = env[CHANNEL_ADDRESS_ENV];
  const key = env[CHANNEL_KEY_ENV];
  // The key is for this process only: no child process inherits it.
  delete env[CHANNEL_KEY_ENV];
  if (!address || !key) {
    process.stderr.write(`${ONLY_IN_VSCODE}\n`);
    return 2;
  }
  let channel: ChannelClient;
  try {
    channel = await ChannelClient.connect(address, key);
  } catch (err) {
    process.stderr.write(`Could not reach VS Code over the private channel (${err instanceof Error ? err.message : String(err)}). Restart the server from VS Code's MCP servers list.\n`);
    return 1;
  }
  const logger = stderrLogger();
  loadTranslations(env[L10N_BUNDLE_ENV], logger);
  const host = new ServerToolHost({ channel, logger });
  const server = createMcpServer({
    catalogue: createToolCatalogue(host),
    refresh: (signal) => host.refresh(signal),
    write: async (tool, input, signal) => {
      try {
        return parseToolOutput(await channel.request(METHODS.write, { tool, input }, signal));
      } catch (err) {
        throw channelFailure(err);
      }
    },
    version: typeof AXWAY_EXTENSION_VERSION === 'string' ? AXWAY_EXTENSION_VERSION : '0.0.0-dev'
  });
  const transport = new StdioServerTransport();
  const stopped = new Promise<number>((resolve) => {
    // The window closed (channel gone) or the client went away (stdin ended): nothing left to serve.
    channel.onDidClose(() => resolve(0));
    process.stdin.once('end', () => resolve(0));
    server.onclose = () => resolve(0);
  });
  await server.connect(transport);
  const code = await stopped;
  channel.dispose();
  await server.close().catch(() => undefined);
  return code;
}

if (require.main === module) {
  main(process.argv.slice(2), process.env).then(
    (code) => process.exit(code),
    (err: unknown) => {
      process.stderr.write(`The MCP server stopped: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exit(1);
    }
  );
}
