// Close Case (issue 8) in real VS Code against the fake Support API: the real command runs from the tree row, its
// input boxes and modal answered through the Test-mode prompts hook (the smoke-test host skips dialogs).
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { AxwaySupportTestApi } from '../../src/extension';
import type { ScriptedPrompts } from '../../src/testing/scriptedPrompts';
import { CLOSE_DESCRIPTION_SUGGESTION, CLOSE_SUBJECT_SUGGESTION } from '../../src/commands/caseActions';
import type { CaseNode } from '../../src/views/treeNodes';
import { eventually, signOut, extension, fakeRemote, signedInToWrite } from './support';

const CONTACT = 'closer@example.com';

/** The `when` clauses of Close Case's context-menu entries, as regexes over a row's contextValue. */
function closeMenuMatches(contextValue: string): boolean {
  const menus = (extension().packageJSON as { contributes: { menus: Record<string, { command: string; when?: string }[]> } }).contributes.menus;
  const entries = (menus['view/item/context'] ?? []).filter((m) => m.command === 'axwaySupport.closeCase');
  assert.ok(entries.length > 0, 'Close Case is in the row context menu');
  return entries.some((m) => {
    const regex = /viewItem =~ \/(.+?)\//.exec(m.when ?? '');
    const equal = /viewItem == ([\w.]+)/.exec(m.when ?? '');
    return regex ? new RegExp(regex[1]).test(contextValue) : equal?.[1] === contextValue;
  });
}

describe('Close Case (integration)', function () {
  this.timeout(90_000);
  let api: AxwaySupportTestApi;
  let prompts: ScriptedPrompts;
  let account: string;

  const row = (caseNumber: string): CaseNode | undefined =>
    api.tree.getChildren().find((n): n is CaseNode => n.kind === 'case' && n.ref.caseNumber === caseNumber);
  const rowAppears = (caseNumber: string, status: string): Promise<CaseNode> =>
    eventually(() => {
      const found = row(caseNumber);
      return found?.summary.status === status ? found : undefined;
    }, `row ${caseNumber} with status ${status}`, 20_000);
  const lastError = (): string | undefined => [...api.messages.shown].reverse().find((m) => m.severity === 'error')?.text;

  before(async () => {
    ({ api, account } = await signedInToWrite(CONTACT));
    assert.ok(api.prompts, 'the Test-mode prompts hook');
    prompts = api.prompts;
  });

  after(async () => {
    prompts.clear();
    await signOut(api);
  });

  beforeEach(async () => {
    prompts.clear();
    await fakeRemote().clearFaults();
    await fakeRemote().clearRequests();
  });

  it('closes an open case from its tree row: the fake has it Closed with the note; the row and the tab update', async () => {
    const caseNumber = 'CL-13001';
    await fakeRemote().upsertCase({ caseNumber, subject: 'To be closed', status: 'In Support', contact: { email: 'owner@example.com', name: 'Owner' } });
    await api.model.refresh();
    const node = await rowAppears(caseNumber, 'In Support');
    assert.strictEqual(node.contextValue, 'axwaySupport.case.open');
    assert.ok(closeMenuMatches(node.contextValue), 'an open case offers Close Case');
    const tab = api.panels.open(node.ref);
    await eventually(() => tab.state.kind === 'loaded', 'the tab to load', 20_000);

    prompts.answerInputs('Fixed by 7.7', 'Upgrading to 7.7 solved it.');
    prompts.answerConfirms(true);
    const result = await vscode.commands.executeCommand('axwaySupport.closeCase', node);
    assert.strictEqual(result, 'closed', lastError());

    // The prompts: prefilled suggestions, then the modal naming the case.
    const offered = prompts.offered.map((p) => [p.kind, p.value]);
    assert.deepStrictEqual(offered.slice(0, 2), [['input', CLOSE_SUBJECT_SUGGESTION], ['input', CLOSE_DESCRIPTION_SUGGESTION]]);
    assert.strictEqual(prompts.offered[2]?.kind, 'confirm');
    assert.strictEqual(prompts.offered[2]?.text, `Close case ${caseNumber}?`);

    // The documented DELETE /case body, exactly.
    const deletes = await fakeRemote().requests('closeCase');
    assert.strictEqual(deletes.length, 1);
    assert.strictEqual(deletes[0].method, 'DELETE');
    assert.deepStrictEqual(JSON.parse(deletes[0].body), { caseId: caseNumber, subject: 'Fixed by 7.7', description: 'Upgrading to 7.7 solved it.', contact: CONTACT });
    const stored = await fakeRemote().getCase(caseNumber);
    assert.strictEqual(stored?.status, 'Closed');
    assert.deepStrictEqual(stored?.notes?.map((n) => [n.subject, n.description]).slice(-1), [['Fixed by 7.7', 'Upgrading to 7.7 solved it.']]);

    // The tree row and the tab show it closed; the row no longer offers Close Case.
    const closedRow = await rowAppears(caseNumber, 'Closed');
    assert.strictEqual(closedRow.contextValue, 'axwaySupport.case.closed');
    assert.ok(!closeMenuMatches(closedRow.contextValue ?? ''), 'a closed case does not offer Close Case');
    const state = tab.state;
    assert.ok(state.kind === 'loaded' && state.detail.status === 'Closed', `tab: ${state.kind}`);
    assert.ok(state.kind === 'loaded' && state.detail.notes.some((n) => n.subject === 'Fixed by 7.7'));
    tab.dispose();
  });

  it("the case tab's Close Case button closes the case; the tab then shows it Closed and offers the button no more", async () => {
    const caseNumber = 'CL-13006';
    await fakeRemote().upsertCase({ caseNumber, subject: 'Closed from its tab', status: 'In Support' });
    const tab = api.panels.open({ account, caseNumber });
    await eventually(() => tab.state.kind === 'loaded', 'the tab to load', 20_000);
    assert.ok(tab.html.includes('data-action="closeCase"'), 'an open case has the button');

    prompts.answerInputs('Done here', 'Closing from the tab.');
    prompts.answerConfirms(true);
    // What the page sends when the button is pressed.
    await tab.receive({ type: 'closeCase' });
    assert.strictEqual(prompts.offered[2]?.text, `Close case ${caseNumber}?`, 'the modal asked first');
    const [request] = await fakeRemote().requests('closeCase');
    assert.deepStrictEqual(JSON.parse(request?.body ?? '{}'), { caseId: caseNumber, subject: 'Done here', description: 'Closing from the tab.', contact: CONTACT });
    assert.strictEqual((await fakeRemote().getCase(caseNumber))?.status, 'Closed');
    await eventually(() => (tab.state.kind === 'loaded' && tab.state.detail.status === 'Closed') || undefined, 'the tab to show it closed', 20_000);
    await eventually(() => !tab.html.includes('data-action="closeCase"') || undefined, 'the button to go', 20_000);
    tab.dispose();
  });

  it('a closed case does not offer it, and invoked anyway it says so without sending anything', async () => {
    const caseNumber = 'CL-13002';
    await fakeRemote().upsertCase({ caseNumber, subject: 'Already closed', status: 'Closed', closedDate: '2025-05-01T10:00:00.000+0000' });
    await api.model.refresh();
    const node = await rowAppears(caseNumber, 'Closed');
    assert.ok(!closeMenuMatches(node.contextValue ?? ''));
    const result = await vscode.commands.executeCommand('axwaySupport.closeCase', { account, caseNumber });
    assert.strictEqual(result, undefined);
    assert.deepStrictEqual(prompts.offered, [], 'no prompt shown');
    const info = [...api.messages.shown].reverse().find((m) => m.severity === 'info');
    assert.strictEqual(info?.text, `Axway Support: Case ${caseNumber} is already closed.`);
    assert.deepStrictEqual(await fakeRemote().requests('closeCase'), []);
  });

  it('a 503 gateway page after the close was stored: reads the case back, says it is closed, and sends it once', async () => {
    const caseNumber = 'CL-13016';
    await fakeRemote().upsertCase({ caseNumber, subject: 'Closed behind a gateway', status: 'New' });
    await fakeRemote().addFault({ target: 'closeCase', kind: 'failAfterStore', status: 503, body: '<html><body><h1>503 Service Temporarily Unavailable</h1></body></html>', times: 1 });
    prompts.answerInputs('Closing behind a gateway', 'The gateway answers 503 after the close.');
    prompts.answerConfirms(true);
    assert.strictEqual(await vscode.commands.executeCommand('axwaySupport.closeCase', { account, caseNumber }), 'closed');
    assert.match([...api.messages.shown].reverse().find((m) => m.severity === 'info')?.text ?? '', new RegExp(`case ${caseNumber} is closed: it was read back`));
    assert.strictEqual((await fakeRemote().getCase(caseNumber))?.status, 'Closed');
    assert.strictEqual((await fakeRemote().requests('closeCase')).length, 1);
  });

  it('a failure shows the troubleshooting ID and keeps the typed subject and description for the retry', async () => {
    const caseNumber = 'CL-13003';
    await fakeRemote().upsertCase({ caseNumber, subject: 'Close fails once', status: 'New' });
    await fakeRemote().addFault({ target: 'closeCase', kind: 'respond', status: 500, times: 1, headers: { 'X-Troubleshooting-ID': 'tid-close-13' } });
    const ref = { account, caseNumber };

    prompts.answerInputs('My own subject', 'My own words, typed once.');
    prompts.answerConfirms(true);
    assert.strictEqual(await vscode.commands.executeCommand('axwaySupport.closeCase', ref), undefined);
    const error = lastError() ?? '';
    assert.match(error, new RegExp(`Case ${caseNumber} was not closed`));
    assert.match(error, /Troubleshooting ID: tid-close-13/);
    assert.match(error, /subject and description are kept/);
    assert.strictEqual((await fakeRemote().getCase(caseNumber))?.status, 'New');

    // Retry (the message's button runs the command again): the typed words are offered, not the suggestions.
    prompts.clear();
    prompts.answerInputs('My own subject', 'My own words, typed once.');
    prompts.answerConfirms(true);
    assert.strictEqual(await vscode.commands.executeCommand('axwaySupport.closeCase', ref), 'closed', lastError());
    assert.deepStrictEqual(prompts.offered.filter((p) => p.kind === 'input').map((p) => p.value), ['My own subject', 'My own words, typed once.']);
    assert.strictEqual((await fakeRemote().getCase(caseNumber))?.status, 'Closed');

    // After the close succeeded the draft is gone: another case starts from the suggestions again.
    prompts.clear();
    await fakeRemote().upsertCase({ caseNumber: 'CL-13004', subject: 'Next', status: 'New' });
    prompts.answerInputs(undefined);
    await vscode.commands.executeCommand('axwaySupport.closeCase', { account, caseNumber: 'CL-13004' });
    assert.strictEqual(prompts.offered[0]?.value, CLOSE_SUBJECT_SUGGESTION);
  });

  const lastInfo = (): string | undefined => [...api.messages.shown].reverse().find((m) => m.severity === 'info')?.text;
  const closeFromVsCode = async (caseNumber: string): Promise<unknown> => {
    prompts.answerInputs('Solved', 'Closing from VS Code.');
    prompts.answerConfirms(true);
    return vscode.commands.executeCommand('axwaySupport.closeCase', { account, caseNumber });
  };

  it('a case reopened after a close from VS Code is closed again: one more close, and a double or repeated command sends no third', async () => {
    const caseNumber = 'CL-13020';
    await fakeRemote().upsertCase({ caseNumber, subject: 'Reopened by support', status: 'In Support' });
    assert.strictEqual(await closeFromVsCode(caseNumber), 'closed', lastError());
    assert.strictEqual((await fakeRemote().requests('closeCase')).length, 1);
    // Support reopens it; the user closes it again, twice at once (a double click, a second window).
    await fakeRemote().upsertCase({ caseNumber, status: 'In Support' });
    prompts.clear();
    prompts.answerInputs('Solved again', 'Closing once more.', 'Solved again', 'Closing once more.');
    prompts.answerConfirms(true, true);
    const both = await Promise.all([1, 2].map(() => vscode.commands.executeCommand('axwaySupport.closeCase', { account, caseNumber })));
    assert.ok(both.includes('closed'), lastError());
    assert.strictEqual((await fakeRemote().requests('closeCase')).length, 2, 'exactly one more close');
    const confirm = prompts.offered.find((p) => p.kind === 'confirm');
    assert.strictEqual(confirm?.text, `Close case ${caseNumber} again?`);
    assert.match(confirm?.value ?? '', /was closed from VS Code at .* and has been reopened since/, 'the modal says it closes again');
    assert.strictEqual((await fakeRemote().getCase(caseNumber))?.status, 'Closed');
    // Run again afterwards (a retry): the case reads closed, nothing is sent.
    prompts.clear();
    assert.strictEqual(await closeFromVsCode(caseNumber), undefined);
    assert.strictEqual(lastInfo(), `Axway Support: Case ${caseNumber} is already closed.`);
    assert.strictEqual((await fakeRemote().requests('closeCase')).length, 2, 'no third close');
  });

  it('a stale tab that still shows a case open after its close from VS Code: read fresh, already closed, nothing sent', async () => {
    const caseNumber = 'CL-13021';
    await fakeRemote().upsertCase({ caseNumber, subject: 'Stale tab', status: 'In Support' });
    assert.strictEqual(await closeFromVsCode(caseNumber), 'closed', lastError());
    // The tab loads the case while it reads open, then it is closed behind the tab's back: the tab is stale.
    await fakeRemote().upsertCase({ caseNumber, status: 'In Support' });
    const tab = api.panels.open({ account, caseNumber });
    await eventually(() => (tab.state.kind === 'loaded' && tab.state.detail.status === 'In Support') || undefined, 'the tab to show it open', 20_000);
    await fakeRemote().upsertCase({ caseNumber, status: 'Closed' });
    await fakeRemote().clearRequests();
    prompts.clear();
    assert.strictEqual(await closeFromVsCode(caseNumber), undefined);
    assert.strictEqual(lastInfo(), `Axway Support: Case ${caseNumber} is already closed.`);
    assert.deepStrictEqual(prompts.offered, [], 'nothing asked');
    assert.deepStrictEqual(await fakeRemote().requests('closeCase'), [], 'no second close');
    tab.dispose();
  });

  it('cancelling at the modal sends nothing and keeps what was typed', async () => {
    const caseNumber = 'CL-13005';
    await fakeRemote().upsertCase({ caseNumber, subject: 'Not yet', status: 'New' });
    prompts.answerInputs('Typed subject', 'Typed description');
    prompts.answerConfirms(false);
    assert.strictEqual(await vscode.commands.executeCommand('axwaySupport.closeCase', { account, caseNumber }), undefined);
    assert.deepStrictEqual(await fakeRemote().requests('closeCase'), []);
    prompts.clear();
    prompts.answerInputs(undefined);
    await vscode.commands.executeCommand('axwaySupport.closeCase', { account, caseNumber });
    assert.strictEqual(prompts.offered[0]?.value, 'Typed subject');
  });
});
