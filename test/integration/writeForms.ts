// The two write forms as the integration suites drive them (notes, New Case, cancelling a write): the case tab with
// its note form and the New Support Case form; waits on what their hosts post, and the fake's view of what was written.
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { CaseSummary } from '../../src/api/types';
import type { CaseRef } from '../../src/cases/caseRef';
import type { NewCaseFields } from '../../src/cases/newCaseRules';
import type { AxwaySupportTestApi } from '../../src/extension';
import type { CasePanel } from '../../src/views/caseTab/casePanel';
import type { NewCasePanel } from '../../src/views/newCase/newCasePanel';
import type { FormMessage } from '../../src/webviews/case/protocol';
import type { HostMessage } from '../../src/webviews/newCase/protocol';
import { settled } from './reliability';
import { eventWhere, fakeRemote } from './support';

/** API Gateway, its first version and Linux, in the fake's catalogue (test/fake-api/catalog.ts). */
export const GATEWAY_CASE: NewCaseFields = {
  type: 'Support Case',
  sac: 'GLBX-40217',
  product: 'a0P5J000000APIGW',
  version: 'a0V5J0000GW001',
  os: 'a0O5J000001LnxAAE',
  impact: '3 - Medium',
  urgency: '2 - Medium',
  environment: 'Production',
  subject: 'Gateway rejects TLS 1.3 handshakes',
  description: 'Since the upgrade every handshake fails.',
  ccEmails: 'ops@globex.example',
  targetDate: '',
  contact: 'dana.whitfield@globex.example'
};

/** The open cases of a loaded list, not the newest: a note moves one to the top of the tree. */
export function openButNewest(cases: readonly CaseSummary[]): string[] {
  return cases.slice(1).filter((c) => c.status !== 'Closed').map((c) => c.caseNumber);
}

/** Opens the case's tab and waits until it loaded. */
export async function openCaseTab(api: AxwaySupportTestApi, account: string, caseNumber: string): Promise<{ ref: CaseRef; panel: CasePanel }> {
  const ref = { account, caseNumber };
  const panel = api.panels.open(ref);
  assert.strictEqual((await settled(panel)).kind, 'loaded');
  return { ref, panel };
}

/** How many notes with this subject the fake stored on the case. */
export async function notesWith(caseNumber: string, subject: string): Promise<number> {
  const stored = await fakeRemote().getCase(caseNumber);
  return (stored?.notes ?? []).filter((n) => n.subject === subject).length;
}

/** Resolves with the first form state of a case tab that satisfies `predicate` (the current one counts). */
export function formState(panel: CasePanel, predicate: (m: FormMessage) => boolean, what: string, timeoutMs = 20_000): Promise<FormMessage> {
  return eventWhere(panel.onDidPostForm, predicate, {
    current: panel.lastFormMessage,
    timeoutMs,
    failure: () => `no form state ${what} within ${timeoutMs} ms (last: ${JSON.stringify(panel.lastFormMessage)?.slice(0, 400)})`
  });
}

/** Resolves once the page reported a draft on screen (it does after it started and took the host's draft). */
export function pageShown(panel: NewCasePanel, timeoutMs = 30_000): Promise<NewCaseFields> {
  return eventWhere(panel.onDidPageShow, () => true, {
    current: panel.pageFields,
    timeoutMs,
    failure: () => `the New Support Case page did not start within ${timeoutMs} ms`
  });
}

/** The next message of `type` the New Case form posts to its page. */
export async function nextPost<T extends HostMessage['type']>(panel: NewCasePanel, type: T, timeoutMs = 20_000): Promise<Extract<HostMessage, { type: T }>> {
  const message = await eventWhere(panel.onDidPost, (m) => m.type === type, { timeoutMs, failure: () => `no "${type}" message within ${timeoutMs} ms` });
  return message as Extract<HostMessage, { type: T }>;
}

/** Runs New Case and waits until its page started. */
export async function openNewCaseForm(api: AxwaySupportTestApi): Promise<NewCasePanel> {
  await vscode.commands.executeCommand('axwaySupport.createCase');
  const panel = api.newCase.forms.current;
  assert.ok(panel, 'New Case opened the form');
  await pageShown(panel);
  return panel;
}
