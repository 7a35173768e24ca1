// Helpers of the reliability files (05..09): figures written for docs/reliability.md, and the probes they share
// (tree error rows, case panels, request counts, stored credentials, errors escaping in the extension host).
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import type { AxwaySupportTestApi } from '../../src/extension';
import type { CasePanel } from '../../src/views/caseTab/casePanel';
import type { PanelContent } from '../../src/views/caseTab/renderCase';
import type { CaseTreeNode, ErrorNode } from '../../src/views/treeNodes';
import type { FakeApiRemote } from '../fake-api/client';
import type { FakeTarget } from '../fake-api/types';
import { eventWhere, fakeEnv } from './support';

export const SECRET_KEY = 'axwaySupport.serviceAccount';

/** The repository root: the suite runs from out/test/integration on the machine that runs the runner. */
const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');
/** The runner names where results go (the minimum host's run writes apart from the current host's). */
export const FIGURES_DIR = path.join(process.env.AXWAY_RESULTS_DIR ?? path.join(REPO_ROOT, 'test-results'), 'reliability');

/** Writes one JSON file of figures for scripts/reliability-report.mjs. */
export function writeFigures(name: string, data: unknown): void {
  fs.mkdirSync(FIGURES_DIR, { recursive: true });
  fs.writeFileSync(path.join(FIGURES_DIR, `${name}.json`), JSON.stringify({ measuredAt: new Date().toISOString(), vscode: vscode.version, host: vscode.env.appHost, ...asRecord(data) }, null, 2) + '\n');
}

function asRecord(data: unknown): Record<string, unknown> {
  return typeof data === 'object' && data !== null && !Array.isArray(data) ? (data as Record<string, unknown>) : { data };
}

export interface HostErrorWatch {
  /** One line per escaped error (mocha re-emits unhandled rejections, so one rejection may appear twice). */
  readonly errors: string[];
  dispose(): void;
}

/**
 * Starts counting, now, errors that escape into the extension host (unhandled rejections, uncaught exceptions).
 * VS Code keeps its own handlers; these listeners only observe.
 */
export function detectHostErrors(): HostErrorWatch {
  const errors: string[] = [];
  const onRejection = (reason: unknown): void => {
    errors.push(`unhandledRejection: ${reason instanceof Error ? reason.stack ?? reason.message : String(reason)}`);
  };
  const onException = (error: Error): void => {
    errors.push(`uncaughtException: ${error.stack ?? error.message}`);
  };
  process.on('unhandledRejection', onRejection);
  process.on('uncaughtException', onException);
  return {
    errors,
    dispose: () => {
      process.removeListener('unhandledRejection', onRejection);
      process.removeListener('uncaughtException', onException);
    }
  };
}

/**
 * Counts the errors that escape into the extension host while the calling describe() runs. Call it in a describe
 * body: listening starts in a `before` hook (at the suite's start, not when mocha loads every file, which would count
 * the errors of the files that run earlier) and stops at `dispose()` or in an `after` hook, whichever comes first.
 */
export function watchHostErrors(): HostErrorWatch {
  const errors: string[] = [];
  let active: HostErrorWatch | undefined;
  const dispose = (): void => {
    if (active !== undefined) {
      errors.push(...active.errors);
      active.dispose();
      active = undefined;
    }
  };
  before(() => {
    active = detectHostErrors();
  });
  after(dispose);
  return {
    get errors(): string[] {
      return active === undefined ? errors : [...errors, ...active.errors];
    },
    dispose
  };
}

/**
 * Runs Reload (the view's title bar `…` menu) and returns the tree's root rows: a full load from the top, so the
 * faults and shapes a test plants in the list answer are what the tree shows (Refresh only asks what changed).
 */
export async function refreshTree(api: AxwaySupportTestApi): Promise<CaseTreeNode[]> {
  await vscode.commands.executeCommand('axwaySupport.reload');
  return api.tree.getChildren();
}

export function firstErrorRow(nodes: readonly CaseTreeNode[]): ErrorNode | undefined {
  return nodes.find((node): node is ErrorNode => node.kind === 'error');
}

/** What a user reads on an error row: the label, the description (action and troubleshooting id) and the action's command. */
export function describeErrorRow(node: ErrorNode): { message: string; description: string; command: string | undefined; action: string } {
  const description = typeof node.description === 'string' ? node.description : '';
  return {
    message: typeof node.label === 'string' ? node.label : (node.label?.label ?? ''),
    description,
    command: node.command?.command,
    action: description.split(' · ')[0]
  };
}

/** Resolves once the panel shows a result (loaded or error), without sleeping. */
export function settled(panel: CasePanel, timeoutMs = 30_000): Promise<PanelContent> {
  const done = (content: PanelContent): boolean => (content.kind === 'loaded' || content.kind === 'error') && !(content.kind === 'loaded' && content.refreshing === true);
  return eventWhere(panel.onDidRender, done, { current: panel.state, timeoutMs, failure: () => `panel ${panel.caseNumber} did not settle within ${timeoutMs} ms (state ${panel.state.kind})` });
}

/** The open tab of a case of the signed-in account. */
export function panelOf(api: AxwaySupportTestApi, caseNumber: string): CasePanel | undefined {
  const account = api.model.account;
  return account === undefined ? undefined : api.panels.get({ account, caseNumber });
}

/** Opens a case with the Open Case command and waits for its panel to show a result. */
export async function openCasePanel(api: AxwaySupportTestApi, caseNumber: string, timeoutMs?: number): Promise<CasePanel> {
  await vscode.commands.executeCommand('axwaySupport.openCase', caseNumber);
  const panel = panelOf(api, caseNumber);
  assert.ok(panel, `no panel for case ${caseNumber}`);
  await settled(panel, timeoutMs);
  return panel;
}

/** Reloads an open panel (its Retry/Refresh button) and waits for the result. */
export async function reloadPanel(panel: CasePanel): Promise<PanelContent> {
  await panel.load();
  return panel.state;
}

export type RequestCounts = Readonly<Record<'token' | 'listCases' | 'getCase', number>>;

export async function requestCounts(remote: FakeApiRemote): Promise<RequestCounts> {
  const { counts } = await remote.stats();
  const pick = (target: FakeTarget): number => counts[target] ?? 0;
  return { token: pick('token'), listCases: pick('listCases'), getCase: pick('getCase') };
}

/** The stored service account, as the extension keeps it in SecretStorage. */
export async function storedCredentials(api: AxwaySupportTestApi): Promise<{ clientId: string; clientSecret: string } | undefined> {
  const raw = await api.storage.secrets.get(SECRET_KEY);
  return raw === undefined ? undefined : (JSON.parse(raw) as { clientId: string; clientSecret: string });
}

export async function credentialsKept(api: AxwaySupportTestApi): Promise<boolean> {
  const stored = await storedCredentials(api);
  const env = fakeEnv();
  return stored?.clientId === env.clientId && stored.clientSecret === env.clientSecret;
}

/** The user-level value of a setting (what `setUserSetting` writes), to restore it after a test. */
export function userValue<T>(section: string, key: string): T | undefined {
  return vscode.workspace.getConfiguration(section).inspect<T>(key)?.globalValue;
}

export function mib(bytes: number): number {
  return Math.round((bytes / (1024 * 1024)) * 10) / 10;
}
