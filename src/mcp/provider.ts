// The MCP server as activation sees it: a definition provider whose definition VS Code may cache in workspace storage,
// so it holds nothing secret: a label, the extension host's own Node (process.execPath with ELECTRON_RUN_AS_NODE)
// and the path of dist/mcp.js. Only resolving it, when VS Code starts the server, loads dist/mcpHost.js, which opens
// the private channel and adds its address and one-time key to the server's environment.

import * as path from 'path';
import * as vscode from 'vscode';
import type * as McpHostModule from './host';
import type { McpHost, McpHostDeps } from './host';

/** package.json contributes.mcpServerDefinitionProviders[0].id */
export const MCP_PROVIDER_ID = 'axwaySupport.mcp';

export interface RegisteredMcpServer extends vscode.Disposable {
  readonly provider: vscode.McpServerDefinitionProvider<vscode.McpStdioServerDefinition>;
  /** The loaded host (undefined until VS Code first started the server). */
  readonly host: () => McpHost | undefined;
}

export function registerMcpServer(deps: McpHostDeps & { readonly bundleDir: string; readonly version: string }): RegisteredMcpServer {
  let host: McpHost | undefined;
  const provider: vscode.McpServerDefinitionProvider<vscode.McpStdioServerDefinition> = {
    provideMcpServerDefinitions: () => [
      new vscode.McpStdioServerDefinition(vscode.l10n.t('Axway Support Cases'), process.execPath, [path.join(deps.bundleDir, 'mcp.js'), '--stdio'], { ELECTRON_RUN_AS_NODE: '1' }, deps.version)
    ],
    resolveMcpServerDefinition: async (server) => {
      if (!host) {
        // A runtime path keeps esbuild from inlining the host into the activation bundle.
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        host = (require(path.join(deps.bundleDir, 'mcpHost.js')) as typeof McpHostModule).createMcpHost(deps);
      }
      // A new definition: the one VS Code passed in (and may have cached) never holds the key.
      const resolved = new vscode.McpStdioServerDefinition(server.label, server.command, server.args, { ...server.env, ...(await host.open()) }, server.version);
      resolved.cwd = server.cwd;
      return resolved;
    }
  };
  // A host without the API (not expected at engines ^1.103) offers no server rather than failing activation.
  const registration = typeof vscode.lm?.registerMcpServerDefinitionProvider === 'function' ? vscode.lm.registerMcpServerDefinitionProvider(MCP_PROVIDER_ID, provider) : undefined;
  return {
    provider,
    host: () => host,
    dispose: () => {
      registration?.dispose();
      host?.dispose();
    }
  };
}
