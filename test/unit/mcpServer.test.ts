// The MCP server as any MCP client sees it: the SDK's own Client starts it over stdio (node out/src/mcp/main.js
// --stdio, with nothing but the channel's address and one-time key in its environment). A channel server in this
// test stands in for the extension host, with the extension's real handlers: it hands out real tokens from the fake
// Support API's OAuth endpoint, refuses writes while they are off, and asks a recorded "modal" before a write.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { TokenClient } from '../../src/api/tokenClient';
import { CHANNEL_ADDRESS_ENV, CHANNEL_KEY_ENV, L10N_BUNDLE_ENV } from '../../src/mcp/channelProtocol';
import { PrivateChannel } from '../../src/mcp/channelServer';
import { createHostHandlers } from '../../src/mcp/hostHandlers';
import { createToolCatalogue } from '../../src/tools/catalogue';
import { TOOL_NAMES, TOOL_SPECS } from '../../src/tools/specs';
import type { ToolCatalogue, ToolResultJson, WriteConfirmation } from '../../src/tools/types';
import { useFakeApi } from './support/fixture';
import { silentLogger } from './support/silentLogger';
import { mainAccount, testHost, type TestHost } from './support/toolHost';
import { until } from './support/wait';

const SERVER = path.resolve(__dirname, '..', '..', 'src', 'mcp', 'main.js');
const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');

function jsonOf(result: CallToolResult): ToolResultJson {
  const first = result.content[0];
  assert.ok(first && first.type === 'text', 'the result is text');
  const json = JSON.parse(first.text.slice(first.text.indexOf('\n\n') + 2)) as ToolResultJson;
  assert.deepStrictEqual(result.structuredContent, json, 'the structured content is the JSON of the text');
  return json;
}

describe('MCP server over stdio (the SDK Client, a stand-in extension host, the fake Support API)', function () {
  this.timeout(30_000);
  const f = useFakeApi();
  let host: TestHost;
  let catalogue: ToolCatalogue;
  let channel: PrivateChannel;
  let client: Client;
  let transport: StdioClientTransport;
  let allowWrites: boolean;
  let confirmAnswer: boolean;
  let confirmations: { tool: string; confirmation: WriteConfirmation }[];
  let tokensHandedOut: string[];
  let tokenRequests: { account: string; rejected?: string }[];
  let stderr: string;
  let tokens: TokenClient;

  /** A channel as the extension opens it, and the SDK's client over stdio to a server started with it. */
  const startServer = async (extraEnv: Record<string, string> = {}): Promise<void> => {
    channel = await PrivateChannel.open({
      handlers: createHostHandlers({
        accounts: () => host.accounts(),
        endpoints: () => ({ apiBaseUrl: f.fake.apiBaseUrl, portalCaseUrl: 'https://support.example/case/{caseNumber}' }),
        accessToken: async (account, rejected, signal) => {
          tokenRequests.push({ account, ...(rejected ? { rejected } : {}) });
          if (rejected) {
            tokens.invalidate(rejected);
          }
          const token = await tokens.getToken(signal);
          tokensHandedOut.push(token);
          return token;
        },
        allowWrites: () => allowWrites,
        catalogue: () => Promise.resolve(catalogue),
        confirm: (tool, confirmation) => {
          confirmations.push({ tool, confirmation });
          return Promise.resolve(confirmAnswer);
        }
      })
    });
    transport = new StdioClientTransport({
      command: process.execPath,
      args: [SERVER, '--stdio'],
      env: { [CHANNEL_ADDRESS_ENV]: channel.address, [CHANNEL_KEY_ENV]: channel.key, ...extraEnv },
      stderr: 'pipe'
    });
    transport.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    client = new Client({ name: 'unit-test', version: '1.0.0' });
    await client.connect(transport);
  };

  beforeEach(async () => {
    host = testHost(f.fake, [mainAccount(f.fake)]);
    catalogue = createToolCatalogue(host);
    allowWrites = false;
    confirmAnswer = false;
    confirmations = [];
    tokensHandedOut = [];
    tokenRequests = [];
    stderr = '';
    // The extension's token cache for the one account: real OAuth against the fake.
    tokens = new TokenClient({ tokenUrl: f.fake.tokenUrl, logger: silentLogger, credentials: async () => ({ clientId: f.fake.clientId, clientSecret: f.fake.clientSecret }) });
    await startServer();
  });

  afterEach(async () => {
    await client.close();
    channel.dispose();
    host.dispose();
  });

  const call = async (name: string, args: Record<string, unknown>): Promise<CallToolResult> => (await client.callTool({ name, arguments: args })) as CallToolResult;

  it('initializes as the Axway Support Cases server with tools', () => {
    assert.strictEqual(client.getServerVersion()?.name, 'axway-support-cases');
    assert.ok(client.getServerCapabilities()?.tools, 'it offers tools');
  });

  it('lists every catalogue tool with the same name, description and input schema, writes marked as such', async () => {
    const { tools } = await client.listTools();
    assert.deepStrictEqual(
      tools.map((t) => ({ name: t.name, description: t.description, inputSchema: t.inputSchema, readOnly: t.annotations?.readOnlyHint })),
      TOOL_SPECS.map((s) => ({ name: s.name, description: s.description, inputSchema: JSON.parse(JSON.stringify(s.inputSchema)) as unknown, readOnly: s.readOnly }))
    );
  });

  it('lists the same tools, model descriptions and input schemas as package.json contributes to VS Code', async () => {
    const { tools } = await client.listTools();
    const manifest = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { contributes: { languageModelTools: { name: string; modelDescription: string; inputSchema: unknown }[] } };
    const contributed = manifest.contributes.languageModelTools;
    assert.strictEqual(contributed.length, TOOL_SPECS.length);
    assert.deepStrictEqual(
      tools.map((t) => ({ name: t.name, description: t.description, inputSchema: t.inputSchema })),
      contributed.map((t) => ({ name: t.name, description: t.modelDescription, inputSchema: t.inputSchema }))
    );
  });

  it("titles its tools in VS Code's display language (the bundle the extension names), the rest stays English", async () => {
    const english = await client.listTools();
    assert.deepStrictEqual(english.tools.map((t) => t.title), TOOL_SPECS.map((s) => s.title), 'without a bundle: English');
    await client.close();
    channel.dispose();
    const bundle = path.join(REPO_ROOT, 'l10n', 'bundle.l10n.fr.json');
    const french = JSON.parse(fs.readFileSync(bundle, 'utf8')) as Record<string, string>;
    await startServer({ [L10N_BUNDLE_ENV]: bundle });
    const { tools } = await client.listTools();
    for (const [index, spec] of TOOL_SPECS.entries()) {
      const expected = french[spec.title];
      assert.ok(expected && expected !== spec.title, `the French bundle translates "${spec.title}"`);
      assert.strictEqual(tools[index].title, expected);
      assert.strictEqual(tools[index].annotations?.title, expected);
    }
    assert.deepStrictEqual(
      tools.map((t) => ({ name: t.name, description: t.description, inputSchema: t.inputSchema })),
      english.tools.map((t) => ({ name: t.name, description: t.description, inputSchema: t.inputSchema })),
      'names, model descriptions and schemas do not change with the language'
    );
  });

  it('searches cases against the Support API with a token the extension handed out, never a secret', async () => {
    f.fake.control.upsertCase({ caseNumber: '07700001', subject: 'Zanzibar gateway drops TLS sessions', status: 'In Support' });
    const result = await call(TOOL_NAMES.searchCases, { text: 'zanzibar' });
    const json = jsonOf(result);
    assert.strictEqual(result.isError, false);
    assert.strictEqual(json.ok, true);
    assert.strictEqual(json.account?.id, 'acct-main');
    assert.deepStrictEqual((json.data as { cases: { number: string }[] }).cases.map((c) => c.number), ['07700001']);
    const lists = f.fake.control.requests('listCases');
    assert.ok(lists.length > 0);
    for (const request of lists) {
      assert.ok(tokensHandedOut.includes(request.headers.authorization.replace(/^Bearer /, '')), 'each request carries a token from the channel');
    }
    // Only the stand-in extension host asked the token endpoint, with the secret; the server never did.
    assert.strictEqual(f.fake.control.requests('token').length, 1);
  });

  it('reads one case, with its portal address from the extension', async () => {
    const [first] = f.fake.control.listAll();
    const json = jsonOf(await call(TOOL_NAMES.getCase, { caseNumber: first.caseNumber }));
    assert.strictEqual(json.ok, true);
    const data = json.data as { caseNumber: string; subject: string; portalUrl: string };
    assert.strictEqual(data.caseNumber, first.caseNumber);
    assert.strictEqual(data.subject, first.subject);
    assert.strictEqual(data.portalUrl, `https://support.example/case/${first.caseNumber}`);
  });

  it('drops a token the API refused and gets a fresh one through the channel', async () => {
    const [first] = f.fake.control.listAll();
    assert.strictEqual(jsonOf(await call(TOOL_NAMES.getCase, { caseNumber: first.caseNumber })).ok, true);
    const refused = tokensHandedOut[tokensHandedOut.length - 1];
    f.fake.control.revokeTokens();
    assert.strictEqual(jsonOf(await call(TOOL_NAMES.getCase, { caseNumber: first.caseNumber })).ok, true);
    assert.ok(tokenRequests.some((r) => r.rejected === refused), 'the refused token was named');
    assert.notStrictEqual(tokensHandedOut[tokensHandedOut.length - 1], refused);
  });

  it('refuses every write while writes are off: nothing is asked, nothing is sent', async () => {
    const [first] = f.fake.control.listAll();
    host.contacts.set('acct-main', 'dev@example.com');
    f.fake.control.clearRequests();
    const writes: [string, Record<string, unknown>][] = [
      [TOOL_NAMES.addNote, { caseNumber: first.caseNumber, subject: 'Trace', description: 'Here is the trace.' }],
      [TOOL_NAMES.closeCase, { caseNumber: first.caseNumber, subject: 'Solved', description: 'Works now.' }],
      [TOOL_NAMES.createCase, { subject: 's', description: 'd', product: 'p', version: 'v', operatingSystem: 'o', impact: '4 - Low', urgency: '3 - Low', environment: 'Unknown' }],
      [TOOL_NAMES.downloadAttachment, { caseNumber: first.caseNumber, attachmentId: 'x' }]
    ];
    for (const [name, args] of writes) {
      const result = await call(name, args);
      const json = jsonOf(result);
      assert.strictEqual(result.isError, true, name);
      assert.strictEqual(json.error?.code, 'writesOff', name);
      assert.match(json.error?.message ?? '', /axwaySupport\.agentTools\.allowWrites/);
    }
    assert.deepStrictEqual(confirmations, []);
    // Refused before anything else: not even the look-ups a confirmation needs reached the API.
    assert.deepStrictEqual(f.fake.control.requests().map((r) => `${r.method} ${r.target}`), []);
  });

  it('with writes allowed, shows the exact confirmation first and sends nothing when the person declines', async () => {
    allowWrites = true;
    const [first] = f.fake.control.listAll().filter((c) => c.status !== 'Closed');
    host.contacts.set('acct-main', 'dev@example.com');
    const input = { caseNumber: first.caseNumber, subject: 'Trace from the workspace', description: 'The gateway trace shows the TLS reset.' };
    const expected = await catalogue.get(TOOL_NAMES.addNote)!.describeWrite(input);
    assert.strictEqual(expected.kind, 'write');
    f.fake.control.clearRequests();
    const declined = jsonOf(await call(TOOL_NAMES.addNote, input));
    assert.strictEqual(declined.error?.code, 'declined');
    assert.deepStrictEqual(confirmations, [{ tool: catalogue.get(TOOL_NAMES.addNote)!.title, confirmation: expected.kind === 'write' ? expected.confirmation : undefined }]);
    assert.deepStrictEqual(f.fake.control.requests('addNote'), []);

    confirmAnswer = true;
    const sent = jsonOf(await call(TOOL_NAMES.addNote, input));
    assert.strictEqual(sent.ok, true, JSON.stringify(sent));
    const notes = f.fake.control.requests('addNote');
    assert.strictEqual(notes.length, 1);
    assert.match(notes[0].body, /The gateway trace shows the TLS reset\./);
    assert.strictEqual(confirmations.length, 2);
  });

  it('answers an identical write as already sent without asking, and asks with the repeat text before sending it again', async () => {
    allowWrites = true;
    confirmAnswer = true;
    const [first] = f.fake.control.listAll().filter((c) => c.status !== 'Closed');
    host.contacts.set('acct-main', 'dev@example.com');
    const input = { caseNumber: first.caseNumber, subject: 'Same trace', description: 'The same trace, on purpose.' };
    assert.strictEqual(jsonOf(await call(TOOL_NAMES.addNote, input)).ok, true);
    assert.strictEqual(confirmations.length, 1);
    const again = jsonOf(await call(TOOL_NAMES.addNote, input));
    const sentId = (again.data as { sentId?: string }).sentId;
    assert.strictEqual((again.data as { outcome?: string }).outcome, 'earlier');
    assert.ok(sentId, JSON.stringify(again));
    assert.strictEqual(confirmations.length, 1, 'nothing to confirm: nothing would be sent');
    assert.strictEqual(f.fake.control.requests('addNote').length, 1);

    // Writes turned off: even a repeat is refused before anything is asked or read.
    allowWrites = false;
    f.fake.control.clearRequests();
    assert.strictEqual(jsonOf(await call(TOOL_NAMES.addNote, { ...input, repeatOf: sentId })).error?.code, 'writesOff');
    assert.strictEqual(confirmations.length, 1);
    assert.deepStrictEqual(f.fake.control.requests().map((r) => r.target), []);

    allowWrites = true;
    confirmAnswer = false;
    const declined = jsonOf(await call(TOOL_NAMES.addNote, { ...input, repeatOf: sentId }));
    assert.strictEqual(declined.error?.code, 'declined');
    assert.strictEqual(confirmations.length, 2);
    assert.match(confirmations[1].confirmation.message, /^This exactly repeats a note already added to case /);
    assert.strictEqual(f.fake.control.requests('addNote').length, 0);
    confirmAnswer = true;
    assert.strictEqual(jsonOf(await call(TOOL_NAMES.addNote, { ...input, repeatOf: sentId })).ok, true);
    assert.strictEqual(jsonOf(await call(TOOL_NAMES.addNote, { ...input, repeatOf: sentId })).ok, true, 'a retry of the repeat answers it was sent');
    assert.strictEqual(f.fake.control.requests('addNote').length, 1, 'the repeat went once');
    assert.strictEqual(confirmations.length, 3);
  });

  it('stops when VS Code closes the channel (the window closed)', async () => {
    let closed = false;
    transport.onclose = () => (closed = true);
    channel.dispose();
    await until(() => closed, 'the server to exit', 15_000);
  });
});

describe('MCP server started outside VS Code', () => {
  it('exits with a message that it runs only when VS Code starts it', async () => {
    const { spawn } = await import('child_process');
    const child = spawn(process.execPath, [SERVER, '--stdio'], { env: { PATH: process.env.PATH ?? '' }, stdio: ['pipe', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    assert.strictEqual(code, 2);
    assert.match(stderr, /runs only when VS Code starts it/);
  });
});

describe('MCP host handlers (what the extension answers on the channel)', () => {
  const f = useFakeApi();
  let host: TestHost;
  let tokensAsked: string[];
  const handlers = () =>
    createHostHandlers({
      accounts: () => host.accounts(),
      endpoints: () => ({ apiBaseUrl: f.fake.apiBaseUrl }),
      accessToken: (account) => {
        tokensAsked.push(account);
        return Promise.resolve('token-of-' + account);
      },
      allowWrites: () => true,
      catalogue: () => Promise.resolve(createToolCatalogue(host)),
      confirm: () => Promise.resolve(true)
    });
  const signal = new AbortController().signal;

  beforeEach(() => {
    host = testHost(f.fake, [mainAccount(f.fake)]);
    tokensAsked = [];
  });
  afterEach(() => host.dispose());

  it('hands out a token only for a signed-in account', async () => {
    assert.deepStrictEqual(await handlers().token({ account: 'acct-main' }, signal), { accessToken: 'token-of-acct-main' });
    await assert.rejects(handlers().token({ account: 'someone-else' }, signal), (err: Error & { code?: string }) => err.code === 'notSignedIn');
    await assert.rejects(handlers().token({}, signal), (err: Error & { code?: string }) => err.code === 'badRequest');
    assert.deepStrictEqual(tokensAsked, ['acct-main']);
  });

  it('runs no read tool and no unknown tool as a write', async () => {
    await assert.rejects(handlers().write({ tool: TOOL_NAMES.searchCases, input: {} }, signal), (err: Error & { code?: string }) => err.code === 'badRequest');
    await assert.rejects(handlers().write({ tool: 'axway_support_delete_everything', input: {} }, signal), (err: Error & { code?: string }) => err.code === 'badRequest');
    assert.deepStrictEqual(f.fake.control.requests(), []);
  });
});
