// The MCP server as VS Code offers it: the provider's definition (which VS Code caches in workspace storage) holds no
// secret, no token and no channel key; the definition VS Code resolves to start the server does start it, with the
// extension host's own Node, and that server answers tools/list and reads cases from the fake Support API through
// the private channel. Writes are refused while axwaySupport.agentTools.allowWrites is off, and go through the
// modal confirmation when it is on (the smoke-test host dismisses dialogs, so nothing is sent).
import * as assert from 'assert';
import * as path from 'path';
import * as vscode from 'vscode';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { AxwaySupportTestApi } from '../../src/extension';
import { CHANNEL_ADDRESS_ENV, CHANNEL_KEY_ENV } from '../../src/mcp/channelProtocol';
import { TOOL_NAMES, TOOL_SPECS } from '../../src/tools/specs';
import type { ToolResultJson } from '../../src/tools/types';
import { eventually, extension, fakeEnv, fakeRemote, setUserSetting, signedInAndLoaded } from './support';

const cancel = new vscode.CancellationTokenSource().token;

function jsonOf(result: CallToolResult): ToolResultJson {
  const first = result.content[0];
  assert.ok(first && first.type === 'text');
  return JSON.parse(first.text.slice(first.text.indexOf('\n\n') + 2)) as ToolResultJson;
}

/** Starts the server exactly as VS Code would from a resolved definition: its command, args and env. */
async function startFrom(definition: vscode.McpStdioServerDefinition): Promise<{ client: Client; stderr: () => string }> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries({ ...process.env, ...definition.env })) {
    if (typeof value === 'string' || typeof value === 'number') {
      env[key] = String(value);
    }
  }
  const transport = new StdioClientTransport({ command: definition.command, args: definition.args, env, stderr: 'pipe' });
  let stderr = '';
  transport.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const client = new Client({ name: 'integration-test', version: '1.0.0' });
  await client.connect(transport);
  return { client, stderr: () => stderr };
}

describe('MCP server definition provider', function () {
  this.timeout(60_000);
  let api: AxwaySupportTestApi;
  let client: Client | undefined;

  before(async () => {
    api = await signedInAndLoaded();
  });

  afterEach(async () => {
    await client?.close();
    client = undefined;
    await setUserSetting('axwaySupport.agentTools.allowWrites', undefined);
  });

  it('contributes the provider and loads no MCP code at activation', () => {
    const contributed = extension().packageJSON.contributes.mcpServerDefinitionProviders as { id: string; label: string }[];
    assert.deepStrictEqual(contributed.map((p) => p.id), ['axwaySupport.mcp']);
    const setting = extension().packageJSON.contributes.configuration.properties['axwaySupport.agentTools.allowWrites'] as { scope: string; default: unknown };
    assert.strictEqual(setting.scope, 'application');
    assert.strictEqual(setting.default, false);
    const loaded = Object.keys(require.cache).map((k) => path.basename(k));
    assert.ok(!loaded.includes('mcpHost.js') && !loaded.includes('mcp.js'), 'activation loaded MCP code');
    assert.strictEqual(api.mcp.host(), undefined);
  });

  it('provides a definition with no secret, token or key in it, and resolves it to a server that answers tools/list', async () => {
    const account = api.accounts.entries[0].id;
    const token = await api.network.accessToken(account);
    const { clientSecret } = fakeEnv();
    const provided = (await api.mcp.provider.provideMcpServerDefinitions(cancel)) ?? [];
    assert.strictEqual(provided.length, 1);
    const [definition] = provided;
    assert.strictEqual(definition.command, process.execPath);
    assert.deepStrictEqual(definition.args, [path.join(extension().extensionPath, 'dist', 'mcp.js'), '--stdio']);
    assert.deepStrictEqual(definition.env, { ELECTRON_RUN_AS_NODE: '1' });

    const resolved = await api.mcp.provider.resolveMcpServerDefinition?.(definition, cancel);
    assert.ok(resolved, 'the definition resolves');
    const key = String(resolved.env[CHANNEL_KEY_ENV]);
    assert.ok(key.length >= 32, 'the resolved definition carries a one-time key');
    assert.ok(typeof resolved.env[CHANNEL_ADDRESS_ENV] === 'string');
    // What VS Code may cache: the provided definition, serialised, even after resolving.
    const cached = JSON.stringify(await api.mcp.provider.provideMcpServerDefinitions(cancel)) + JSON.stringify(definition);
    for (const [what, secret] of [['client secret', clientSecret], ['access token', token], ['channel key', key]] as const) {
      assert.ok(!cached.includes(secret), `the provided definition contains the ${what}`);
    }
    // The resolved one gives the server a key, never a credential.
    const started = JSON.stringify(resolved);
    assert.ok(!started.includes(clientSecret) && !started.includes(token), 'the resolved definition carries a credential');

    const server = await startFrom(resolved);
    client = server.client;
    const { tools } = await client.listTools();
    const contributedLmTools = (extension().packageJSON.contributes.languageModelTools as { name: string }[] | undefined)?.map((t) => t.name);
    assert.deepStrictEqual(tools.map((t) => t.name), TOOL_SPECS.map((s) => s.name));
    if (contributedLmTools) {
      assert.deepStrictEqual(tools.map((t) => t.name).sort(), [...contributedLmTools].sort(), 'the MCP tools are the language-model tools');
    }
    assert.strictEqual(api.mcp.host()?.openCount, 1);
    assert.ok(!server.stderr().includes(clientSecret) && !server.stderr().includes(token), 'the server logged a credential');
  });

  it('reads cases through the private channel with the signed-in account', async () => {
    const definition = (await api.mcp.provider.provideMcpServerDefinitions(cancel))![0];
    client = (await startFrom((await api.mcp.provider.resolveMcpServerDefinition?.(definition, cancel))!)).client;
    const json = jsonOf((await client.callTool({ name: TOOL_NAMES.searchCases, arguments: { limit: 20 } })) as CallToolResult);
    assert.strictEqual(json.ok, true, JSON.stringify(json));
    assert.strictEqual(json.account?.id, api.accounts.entries[0].id);
    const numbers = (json.data as { cases: { number: string }[] }).cases.map((c) => c.number);
    const [newest] = await fakeRemote().listAll();
    assert.ok(numbers.includes(newest.caseNumber), `the newest case ${newest.caseNumber} is among ${numbers.join(', ')}`);
  });

  it('refuses writes while they are off, and with them on asks in a modal first (dismissed here: nothing is sent)', async () => {
    const definition = (await api.mcp.provider.provideMcpServerDefinitions(cancel))![0];
    client = (await startFrom((await api.mcp.provider.resolveMcpServerDefinition?.(definition, cancel))!)).client;
    await api.contactEmails.set(api.accounts.entries[0].id, 'dev@example.com');
    const [open] = (await fakeRemote().listAll()).filter((c) => c.status !== 'Closed');
    const note = { name: TOOL_NAMES.addNote, arguments: { caseNumber: open.caseNumber, subject: 'Trace', description: 'The gateway trace.' } };
    const before = (await fakeRemote().requests('addNote')).length;

    const off = jsonOf((await client.callTool(note)) as CallToolResult);
    assert.strictEqual(off.error?.code, 'writesOff', JSON.stringify(off));

    await setUserSetting('axwaySupport.agentTools.allowWrites', true);
    const logged = api.logger.lines.length;
    const asked = jsonOf((await client.callTool(note)) as CallToolResult);
    assert.strictEqual(asked.error?.code, 'declined', JSON.stringify(asked));
    // The smoke-test host refuses to show dialogs and says which one: the modal with the confirmation's title.
    const dialog = api.logger.lines.slice(logged).join('\n');
    assert.match(dialog, /the confirmation could not be shown/);
    assert.ok(dialog.includes(`Add a note to case ${open.caseNumber}`), dialog);
    assert.strictEqual((await fakeRemote().requests('addNote')).length, before, 'a note was sent without confirmation');
  });

  it('closes the channel when the server goes away', async () => {
    const definition = (await api.mcp.provider.provideMcpServerDefinitions(cancel))![0];
    client = (await startFrom((await api.mcp.provider.resolveMcpServerDefinition?.(definition, cancel))!)).client;
    await client.listTools();
    await client.close();
    client = undefined;
    await eventually(() => api.mcp.host()?.openCount === 0, 'every channel to close');
  });
});
