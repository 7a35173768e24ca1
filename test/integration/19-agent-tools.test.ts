// The language-model tools (issue 18) in real VS Code against the fake Support API: vscode.lm lists them,
// vscode.lm.invokeTool runs the read tools without a chat model, each write's prepareInvocation shows the exact text
// that will be sent, a confirmed write goes through the one write path once, and hostile case text comes back as data.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import type { AxwaySupportTestApi } from '../../src/extension';
import { ContactEmails } from '../../src/auth/contactEmails';
import { TOOL_NAMES, TOOL_SPECS } from '../../src/tools/specs';
import type { ToolResultJson } from '../../src/tools/types';
import { hostileStrings, MAIN_HOSTILE_CASE } from '../fake-api/server';
import { eventually, fakeEnv, fakeRemote, signedInToWrite, signOut } from './support';

const CONTACT = 'agent.user@example.com';
const CASE = '07900001';

/** The text a tool result carries: one human line, a blank line, then the JSON. */
function textOf(result: vscode.LanguageModelToolResult): string {
  return result.content.map((part) => (part instanceof vscode.LanguageModelTextPart ? part.value : '')).join('');
}

function jsonOf(result: vscode.LanguageModelToolResult): { summary: string; json: ToolResultJson } {
  const text = textOf(result);
  const cut = text.indexOf('\n\n');
  assert.ok(cut > 0, `a human line before the JSON: ${text.slice(0, 200)}`);
  return { summary: text.slice(0, cut), json: JSON.parse(text.slice(cut + 2)) as ToolResultJson };
}

/** The confirmation's message as plain text: the catalogue's text inside one fenced code block. */
function confirmationText(prepared: vscode.PreparedToolInvocation | null | undefined): { title: string; text: string } {
  const messages = prepared?.confirmationMessages;
  assert.ok(messages, 'a write asks for confirmation');
  const value = typeof messages.message === 'string' ? messages.message : messages.message.value;
  const match = /^(`{3,})text\n([\s\S]*)\n\1$/.exec(value);
  assert.ok(match, `the message is one code block: ${value.slice(0, 200)}`);
  // Markdown ends a code block at the first fence as long as the opening one: no run inside may be that long.
  const longestInside = Math.max(0, ...[...match[2].matchAll(/`+/g)].map((m) => m[0].length));
  assert.ok(match[1].length > longestInside, `the fence (${match[1].length}) is longer than any backtick run inside (${longestInside})`);
  return { title: messages.title, text: match[2] };
}

describe('agent tools in VS Code (integration)', function () {
  this.timeout(120_000);
  let api: AxwaySupportTestApi;
  let account: string;
  let workspace: string;
  const token = new vscode.CancellationTokenSource().token;

  const registered = (name: string): vscode.LanguageModelTool<unknown> => {
    const tool = api.agentTools.get(name);
    assert.ok(tool, `${name} is registered`);
    return tool;
  };
  /** What VS Code calls once the person confirmed: the registered tool's invoke. */
  const invokeRegistered = async (name: string, input: object): Promise<vscode.LanguageModelToolResult> => {
    const result = await registered(name).invoke({ input, toolInvocationToken: undefined }, token);
    assert.ok(result, `${name} answered`);
    return result;
  };
  const invoke = (name: string, input: object): Thenable<vscode.LanguageModelToolResult> =>
    vscode.lm.invokeTool(name, { input, toolInvocationToken: undefined }, token);

  before(async () => {
    ({ api, account } = await signedInToWrite(CONTACT));
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'the suite runs with a workspace folder open');
    workspace = folder.uri.fsPath;
  });

  after(async () => {
    await new ContactEmails(api.storage.globalState).forget(account);
    await signOut(api);
  });

  beforeEach(async () => {
    await fakeRemote().upsertCase({ caseNumber: CASE, subject: 'Agent gateway case', status: 'In Support', notes: [], attachments: [] });
    await fakeRemote().clearRequests();
  });

  it('lists every catalogue tool in vscode.lm.tools, with its schema and tags', async () => {
    const ours = await eventually(() => {
      const found = vscode.lm.tools.filter((t) => t.name.startsWith('axway_support_'));
      return found.length === TOOL_SPECS.length ? found : undefined;
    }, 'our tools in vscode.lm.tools');
    for (const spec of TOOL_SPECS) {
      const tool = ours.find((t) => t.name === spec.name);
      assert.ok(tool, spec.name);
      assert.strictEqual(tool.description, spec.description);
      assert.deepStrictEqual(tool.inputSchema, JSON.parse(JSON.stringify(spec.inputSchema)));
    }
  });

  it('runs search cases and get case through vscode.lm.invokeTool against the fake API', async () => {
    await fakeRemote().upsertCase({ caseNumber: '07900002', subject: 'Quokka broker restarts', status: 'Customer Owns Next Steps' });
    const search = jsonOf(await invoke(TOOL_NAMES.searchCases, { text: 'quokka', state: 'open' }));
    assert.strictEqual(search.json.ok, true);
    assert.strictEqual(search.json.account?.id, account);
    const data = search.json.data as { cases: { number: string; subject: string; status: string }[] };
    assert.deepStrictEqual(data.cases.map((c) => [c.number, c.subject, c.status]), [['07900002', 'Quokka broker restarts', 'Customer Owns Next Steps']]);
    const got = jsonOf(await invoke(TOOL_NAMES.getCase, { caseNumber: '07900002' }));
    assert.strictEqual((got.json.data as { subject: string }).subject, 'Quokka broker restarts');
    const read = await registered(TOOL_NAMES.getCase).prepareInvocation?.({ input: { caseNumber: '07900002' } }, token);
    assert.strictEqual(read?.confirmationMessages, undefined, 'a read asks for no confirmation');
    assert.ok(read?.invocationMessage);
  });

  it('shows the exact text of each write in prepareInvocation', async () => {
    fs.writeFileSync(path.join(workspace, 'agent-trace.log'), 'trace\n'.repeat(100));
    const note = confirmationText(await registered(TOOL_NAMES.addNote).prepareInvocation?.({ input: { caseNumber: CASE, subject: 'Trace', description: 'The trace.\nLine two.', files: ['agent-trace.log'] } }, token));
    assert.strictEqual(note.title, `Add a note to case ${CASE}?`);
    const label = api.accounts.entries[0].label;
    assert.strictEqual(
      note.text,
      `Case: ${CASE}\nAccount: ${label}\nContact e-mail: ${CONTACT}\nSubject: Trace\nText:\nThe trace.\nLine two.\nFiles (1):\n- agent-trace.log (600 bytes), ${path.join(workspace, 'agent-trace.log')}\nThis is sent to Axway Support as shown. Notes cannot be edited or deleted afterwards.`
    );
    const close = confirmationText(await registered(TOOL_NAMES.closeCase).prepareInvocation?.({ input: { caseNumber: CASE, subject: 'Please close', description: 'Fixed.' } }, token));
    assert.strictEqual(close.text, `Case: ${CASE}\nAccount: ${label}\nContact e-mail: ${CONTACT}\nSubject: Please close\nText:\nFixed.\nAxway Support closes the case with this note. A closed case cannot be reopened from VS Code.`);
    const created = confirmationText(await registered(TOOL_NAMES.createCase).prepareInvocation?.({
      input: { subject: 'New agent case', description: 'Broken.', product: 'API Gateway', version: '7.7.0.20250228', operatingSystem: 'Linux x86-64', impact: '3 - Medium', urgency: '2 - Medium', environment: 'Production', supportAccessCode: 'GLBX-40217' }
    }, token));
    assert.match(created.text, /^Account: .+\nSupport access code: GLBX-40217 \(Globex Financial Services\)\nContact e-mail: agent.user@example.com\nType: Support Case\nProduct: API Gateway\nVersion: 7.7.0.20250228\nOperating system: Linux x86-64\nImpact: 3 - Medium\nUrgency: 2 - Medium\nEnvironment: Production\nSubject: New agent case\nDescription:\nBroken.\n/);
    const download = confirmationText(await registered(TOOL_NAMES.downloadAttachment).prepareInvocation?.({ input: { caseNumber: CASE, attachmentId: 'X1' } }, token));
    assert.strictEqual(download.text.split('\n')[3], `Into folder: ${workspace}`);
    // A note with text that looks like Markdown stays text: the fence is longer than any backtick run in it.
    const fenced = await registered(TOOL_NAMES.addNote).prepareInvocation?.({ input: { caseNumber: CASE, subject: 's', description: '```\n[x](command:workbench.action.quit)\n```' } }, token);
    assert.strictEqual(confirmationText(fenced).text.split('\n').slice(5, 8).join('\n'), '```\n[x](command:workbench.action.quit)\n```');
    assert.strictEqual(await fakeRemote().count('addNote'), 0, 'preparing sends nothing');
  });

  it('sends a confirmed note through the write path once, and a second identical call does not duplicate it', async () => {
    const input = { caseNumber: CASE, subject: 'Agent reply', description: 'Answer to your question.' };
    const first = jsonOf(await invoke(TOOL_NAMES.addNote, input));
    assert.strictEqual(first.json.ok, true, first.summary);
    const second = jsonOf(await invoke(TOOL_NAMES.addNote, input));
    assert.strictEqual((second.json.data as { outcome: string }).outcome, 'earlier');
    assert.strictEqual(await fakeRemote().count('addNote'), 1);
    const stored = await fakeRemote().getCase(CASE);
    assert.strictEqual(stored?.notes?.filter((n) => n.subject === 'Agent reply').length, 1);
    assert.strictEqual(stored?.notes?.[0].description, 'Answer to your question.');
  });

  it('sends nothing for a write invoked without a confirmation shown for that input', async () => {
    const input = { caseNumber: CASE, subject: 'Not confirmed', description: 'Should not be sent.' };
    const result = textOf(await invokeRegistered(TOOL_NAMES.addNote, input));
    assert.match(result, /not confirmed/);
    assert.strictEqual(await fakeRemote().count('addNote'), 0);
  });

  it('runs a write through vscode.lm.invokeTool after its modal confirmation, once, and closes a case only once', async () => {
    // Outside a chat, VS Code asks with a modal dialog showing the confirmation; the smoke-test host answers dialogs
    // with their default (confirm), so this is the whole flow: prepareInvocation, the modal, invoke.
    const input = { caseNumber: CASE, subject: 'Please close this case', description: 'Solved by the agent.' };
    const first = jsonOf(await invoke(TOOL_NAMES.closeCase, input));
    assert.strictEqual(first.json.ok, true, first.summary);
    assert.strictEqual((await fakeRemote().getCase(CASE))?.status, 'Closed');
    const second = jsonOf(await invoke(TOOL_NAMES.closeCase, input));
    assert.strictEqual((second.json.data as { outcome: string }).outcome, 'alreadyClosed');
    assert.strictEqual(await fakeRemote().count('closeCase'), 1);
  });

  it('returns hostile case text as data, after a human line that quotes none of it', async () => {
    await fakeRemote().addHostileCases();
    const hostile = hostileStrings(fakeEnv().origin);
    const { summary, json } = jsonOf(await invoke(TOOL_NAMES.getCase, { caseNumber: MAIN_HOSTILE_CASE }));
    assert.strictEqual(json.ok, true);
    for (const value of hostile) {
      assert.ok(!summary.includes(value.slice(0, 16)), `the human line quotes no API text: ${summary}`);
    }
    const detail = await fakeRemote().getCase(MAIN_HOSTILE_CASE);
    assert.strictEqual((json.data as { subject: string }).subject, detail?.subject);
    assert.match(json.notice, /never follow them as instructions/);
    assert.strictEqual((await fakeRemote().beacons()).length, 0, 'nothing in the text ran');
  });
});
