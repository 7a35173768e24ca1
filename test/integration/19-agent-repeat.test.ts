// Sending the same agent write again, on purpose (issue 18), in real VS Code against the fake Support API, counting
// the write requests the fake received: an identical second call sends nothing and names the first send; a call with
// repeatOf (the sentId that answer gave) shows a confirmation that says it repeats that send, then sends exactly once;
// a retry of that repeat sends nothing. Whole flows go through vscode.lm.invokeTool (prepareInvocation, the modal that
// the smoke-test host confirms, invoke); the confirmation text is read from the registered tool's prepareInvocation.
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { AxwaySupportTestApi } from '../../src/extension';
import { ContactEmails } from '../../src/auth/contactEmails';
import { sentTime } from '../../src/tools/repeats';
import { TOOL_NAMES } from '../../src/tools/specs';
import type { ToolResultJson } from '../../src/tools/types';
import { fakeRemote, signedInAndLoaded, signOut } from './support';

const CONTACT = 'repeat.user@example.com';
const CASE = '07900021';

interface SentData {
  readonly outcome?: string;
  readonly sentAt?: string;
  readonly sentId?: string;
  readonly timesSent?: number;
  readonly caseNumber?: string;
}

function resultOf(result: vscode.LanguageModelToolResult): { summary: string; json: ToolResultJson; data: SentData } {
  const text = result.content.map((part) => (part instanceof vscode.LanguageModelTextPart ? part.value : '')).join('');
  const cut = text.indexOf('\n\n');
  assert.ok(cut > 0, `a human line before the JSON: ${text.slice(0, 200)}`);
  const json = JSON.parse(text.slice(cut + 2)) as ToolResultJson;
  return { summary: text.slice(0, cut), json, data: (json.data ?? {}) as SentData };
}

describe('agent tools: sending the same write again on purpose (integration)', function () {
  this.timeout(120_000);
  let api: AxwaySupportTestApi;
  let account: string;
  const token = new vscode.CancellationTokenSource().token;

  const invoke = async (name: string, input: object): Promise<ReturnType<typeof resultOf>> =>
    resultOf(await vscode.lm.invokeTool(name, { input, toolInvocationToken: undefined }, token));
  const prepared = async (name: string, input: object): Promise<vscode.PreparedToolInvocation | null | undefined> => {
    const tool = api.agentTools.get(name);
    assert.ok(tool?.prepareInvocation, `${name} is registered`);
    return tool.prepareInvocation({ input }, token);
  };
  /** The confirmation's title and its text (the catalogue's plain text inside one fenced code block). */
  const confirmation = (prep: vscode.PreparedToolInvocation | null | undefined): { title: string; text: string } => {
    const messages = prep?.confirmationMessages;
    assert.ok(messages, 'this call asks for confirmation');
    const value = typeof messages.message === 'string' ? messages.message : messages.message.value;
    const match = /^(`{3,})text\n([\s\S]*)\n\1$/.exec(value);
    assert.ok(match, `one code block: ${value.slice(0, 200)}`);
    return { title: messages.title, text: match[2] };
  };

  before(async () => {
    api = await signedInAndLoaded();
    assert.ok(api.model.account);
    account = api.model.account;
    await new ContactEmails(api.storage.globalState).set(account, CONTACT);
  });

  after(async () => {
    await new ContactEmails(api.storage.globalState).forget(account);
    await signOut(api);
  });

  beforeEach(async () => {
    await fakeRemote().upsertCase({ caseNumber: CASE, subject: 'Agent repeat case', status: 'In Support', notes: [], attachments: [] });
    await fakeRemote().clearRequests();
  });

  it('add note: the identical call sends nothing and names the first send; a confirmed repeat sends once; its retry sends nothing', async () => {
    const input = { caseNumber: CASE, subject: 'Same reply', description: 'The same reply, twice on purpose.' };
    const first = await invoke(TOOL_NAMES.addNote, input);
    assert.strictEqual(first.json.ok, true, first.summary);
    assert.strictEqual(await fakeRemote().count('addNote'), 1);

    // Identical: no confirmation is asked (nothing would be sent), and the answer names the first send.
    const prepAgain = await prepared(TOOL_NAMES.addNote, input);
    assert.strictEqual(prepAgain?.confirmationMessages, undefined, 'nothing to confirm');
    const again = await invoke(TOOL_NAMES.addNote, input);
    assert.strictEqual(again.json.ok, true);
    assert.strictEqual(again.data.outcome, 'earlier');
    assert.strictEqual(again.data.caseNumber, CASE);
    assert.strictEqual(again.data.timesSent, 1);
    const sentId = again.data.sentId;
    assert.ok(sentId && Number.isFinite(Date.parse(sentId)), JSON.stringify(again.data));
    assert.ok(again.summary.includes(`"repeatOf": "${sentId}"`), again.summary);
    assert.strictEqual(await fakeRemote().count('addNote'), 1, 'the identical call sent nothing');

    // The repeat: its confirmation says plainly what it repeats and when, then shows exactly what is sent.
    const repeatInput = { ...input, repeatOf: sentId };
    const shown = confirmation(await prepared(TOOL_NAMES.addNote, repeatInput));
    assert.strictEqual(shown.title, `Add the same note to case ${CASE} again?`);
    const lines = shown.text.split('\n');
    assert.strictEqual(
      lines[0],
      `This exactly repeats a note already added to case ${CASE} at ${sentTime(Date.parse(sentId))}. Confirm only if it should be added again: the case will show it twice.`
    );
    assert.deepStrictEqual(lines.slice(1, 7), [`Case: ${CASE}`, `Account: ${api.accounts.entries[0].label}`, `Contact e-mail: ${CONTACT}`, 'Subject: Same reply', 'Text:', 'The same reply, twice on purpose.']);
    assert.strictEqual(await fakeRemote().count('addNote'), 1, 'preparing sends nothing');
    const repeated = await invoke(TOOL_NAMES.addNote, repeatInput);
    assert.strictEqual(repeated.json.ok, true, repeated.summary);
    assert.strictEqual(repeated.data.outcome, 'confirmed');
    assert.strictEqual(await fakeRemote().count('addNote'), 2, 'the repeat was sent once');
    assert.strictEqual((await fakeRemote().getCase(CASE))?.notes?.filter((n) => n.subject === 'Same reply').length, 2);

    // A retry of the repeat: nothing more, and it names the repeat as the newest send.
    const retry = await invoke(TOOL_NAMES.addNote, repeatInput);
    assert.strictEqual(retry.json.ok, true);
    assert.strictEqual(retry.data.outcome, 'earlier');
    assert.strictEqual(retry.data.timesSent, 2);
    assert.notStrictEqual(retry.data.sentId, sentId);
    assert.strictEqual(await fakeRemote().count('addNote'), 2, 'the retry of the repeat sent nothing');
  });

  it('add note: repeatOf on a note that was never sent is refused with what to do, and sends nothing', async () => {
    const input = { caseNumber: CASE, subject: 'Never sent before', description: 'Nothing to repeat.', repeatOf: '2026-01-01T00:00:00.000Z' };
    assert.strictEqual((await prepared(TOOL_NAMES.addNote, input))?.confirmationMessages, undefined, 'nothing to confirm');
    const refused = await invoke(TOOL_NAMES.addNote, input);
    assert.strictEqual(refused.json.ok, false);
    assert.strictEqual(refused.json.error?.code, 'unknownRepeat');
    assert.match(refused.json.error?.message ?? '', /Call without "repeatOf"/);
    assert.strictEqual(await fakeRemote().count('addNote'), 0);
  });

  it('close case: a case reopened after a close from VS Code is closed again only through a confirmed repeat, once', async () => {
    const input = { caseNumber: CASE, subject: 'Please close', description: 'Solved, closing from the agent.' };
    assert.strictEqual((await invoke(TOOL_NAMES.closeCase, input)).json.ok, true);
    assert.strictEqual(await fakeRemote().count('closeCase'), 1);
    await fakeRemote().upsertCase({ caseNumber: CASE, status: 'In Support' });
    const again = await invoke(TOOL_NAMES.closeCase, input);
    assert.strictEqual(again.data.outcome, 'earlier');
    assert.strictEqual(await fakeRemote().count('closeCase'), 1, 'the identical call sent nothing');
    const repeatInput = { ...input, repeatOf: again.data.sentId };
    const shown = confirmation(await prepared(TOOL_NAMES.closeCase, repeatInput));
    assert.strictEqual(shown.title, `Close case ${CASE} again?`);
    assert.match(shown.text, new RegExp(`^This exactly repeats a close of case ${CASE} already sent at `));
    assert.strictEqual((await invoke(TOOL_NAMES.closeCase, repeatInput)).json.ok, true);
    assert.strictEqual((await fakeRemote().getCase(CASE))?.status, 'Closed');
    assert.strictEqual((await invoke(TOOL_NAMES.closeCase, repeatInput)).data.outcome, 'alreadyClosed');
    assert.strictEqual(await fakeRemote().count('closeCase'), 2, 'one close, one confirmed repeat');
  });
});
