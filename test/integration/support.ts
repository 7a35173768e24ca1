// Shared helpers for the integration suite, which runs inside the real extension host against the fake Support API.
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { AxwaySupportTestApi } from '../../src/extension';
import type { CaseSummary } from '../../src/api/types';
import { ContactEmails } from '../../src/auth/contactEmails';
import type { CasesState } from '../../src/cases/casesModel';
import { FakeApiRemote } from '../fake-api/client';
import { EXTENSION_ID } from './index';

export interface FakeEnv {
  readonly origin: string;
  readonly tokenUrl: string;
  readonly apiBaseUrl: string;
  readonly clientId: string;
  readonly clientSecret: string;
}

export function fakeEnv(): FakeEnv {
  const read = (name: string): string => {
    const value = process.env[name];
    assert.ok(value, `${name} is not set: run the suite through npm run test:integration`);
    return value;
  };
  return {
    origin: read('AXWAY_FAKE_ORIGIN'),
    tokenUrl: read('AXWAY_FAKE_TOKEN_URL'),
    apiBaseUrl: read('AXWAY_FAKE_API_BASE_URL'),
    clientId: read('AXWAY_FAKE_CLIENT_ID'),
    clientSecret: read('AXWAY_FAKE_CLIENT_SECRET')
  };
}

export function fakeRemote(): FakeApiRemote {
  return new FakeApiRemote(fakeEnv().origin);
}

export function extension(): vscode.Extension<AxwaySupportTestApi> {
  const ext = vscode.extensions.getExtension<AxwaySupportTestApi>(EXTENSION_ID);
  assert.ok(ext, `extension ${EXTENSION_ID} is not installed`);
  return ext;
}

export async function activated(): Promise<AxwaySupportTestApi> {
  const api = await extension().activate();
  await api.ready;
  return api;
}

/** What an event source is to a wait: vscode.Event and the domain's own emitters both fit. */
export type Subscribe<T> = (listener: (value: T) => unknown) => { dispose(): void };

/**
 * Resolves with `current` when it already satisfies the predicate, else with the first value `event` fires that does;
 * rejects with `failure()` after `timeoutMs` (read then, so it can name the last state). Event-driven, no polling.
 */
export function eventWhere<T>(event: Subscribe<T>, predicate: (value: T) => boolean, wait: { readonly current?: T; readonly timeoutMs: number; readonly failure: () => string }): Promise<T> {
  if (wait.current !== undefined && predicate(wait.current)) {
    return Promise.resolve(wait.current);
  }
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      sub.dispose();
      reject(new Error(wait.failure()));
    }, wait.timeoutMs);
    const sub = event((value) => {
      if (predicate(value)) {
        clearTimeout(timer);
        sub.dispose();
        resolve(value);
      }
    });
  });
}

/** Resolves when the model reaches a state that satisfies the predicate (event-driven, with a deadline). */
export function waitForState(api: AxwaySupportTestApi, predicate: (s: CasesState) => boolean, timeoutMs = 10_000): Promise<CasesState> {
  return eventWhere(api.model.onDidChange, predicate, {
    current: api.model.state,
    timeoutMs,
    failure: () => `state not reached within ${timeoutMs} ms; last: ${JSON.stringify(api.model.state).slice(0, 400)}\nrecent log:\n${api.logger.lines.slice(-15).join('\n')}`
  });
}

/** Polls a condition that has no event (e.g. the fake server's records) until it holds or the deadline passes. */
export async function eventually<T>(probe: () => Promise<T | undefined> | T | undefined, what: string, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) {
      return value;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting for ${what}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * Signs the fake's pair in and waits for the sign-in's background work to end. Sign-in names the account in the
 * background (GET /account with the account's token, then a label write and an account change event). Left running,
 * that request lands in the next test: after its revokeTokens it meets a 401 and asks for a new token, which eats a
 * token fault or supplies the token the test expected the list to ask for, and its label change reaches the test's
 * change listeners (the fault matrix's token faults, its "API 401 mid-session" counts, 12-trust's "one quarantine").
 * When the tree has left signedOut the request has not even been sent yet, with or without the kept access token.
 */
export async function signInWithFake(api: AxwaySupportTestApi): Promise<void> {
  const env = fakeEnv();
  const remote = fakeRemote();
  const namingBefore = (await remote.requests('accounts')).length;
  const result = await api.signIn.attempt({ clientId: env.clientId, clientSecret: env.clientSecret });
  assert.ok(result.ok, `sign-in failed: ${result.ok ? '' : String(result.error)}`);
  await waitForState(api, (s) => s.kind !== 'signedOut');
  await eventually(async () => (await remote.requests('accounts')).slice(namingBefore).some((r) => r.status !== 0) || undefined, "the sign-in's naming request (GET /account) to be answered");
  // Named (or named before, or renamed by the user): its label write and change event are behind us.
  await eventually(() => api.credentials.accounts.some((a) => a.clientId === env.clientId && (a.renamed || a.label !== env.clientId)) || undefined, 'the signed-in account to be named');
}

/** A fresh fake, signed in (once) and the first list loaded: the start of the list suites. */
export async function signedInAndLoaded(): Promise<AxwaySupportTestApi> {
  await fakeRemote().reset();
  const api = await activated();
  if (api.model.account === undefined) {
    await signInWithFake(api);
  }
  api.tree.getChildren();
  await waitForState(api, (s) => s.kind === 'loaded' && s.busy === undefined);
  return api;
}

/** A fresh fake and the fake's pair signed in: the start of the suites that open case tabs and write. */
export async function freshlySignedIn(): Promise<{ api: AxwaySupportTestApi; account: string }> {
  await fakeRemote().reset();
  const api = await activated();
  await signInWithFake(api);
  assert.ok(api.model.account, 'signed in with an account id');
  return { api, account: api.model.account };
}

/**
 * A fresh fake signed in, `contact` as the account's contact e-mail (every write sends one) and the list loaded by a
 * Refresh: the start of the write suites. The address goes straight to the stored setting, as the Set Contact E-mail
 * command would store it, so the writes bundle is not loaded by the set-up.
 */
export async function signedInToWrite(contact: string): Promise<{ api: AxwaySupportTestApi; account: string; cases: readonly CaseSummary[] }> {
  const { api, account } = await freshlySignedIn();
  await new ContactEmails(api.storage.globalState).set(account, contact);
  await vscode.commands.executeCommand('axwaySupport.refresh');
  const state = await waitForState(api, (s) => s.kind === 'loaded' && s.busy === undefined);
  assert.ok(state.kind === 'loaded');
  return { api, account, cases: state.cases };
}

export async function signOut(api: AxwaySupportTestApi): Promise<void> {
  // Every account, each by id: with several signed in, the command without one would ask which.
  for (const entry of [...api.accounts.entries]) {
    await vscode.commands.executeCommand('axwaySupport.signOut', entry.id);
  }
  await waitForState(api, (s) => s.kind === 'signedOut');
}

/** The tree's root rows as the view would get them, with the label text. */
export function rows(api: AxwaySupportTestApi): { kind: string; label: string; description: string }[] {
  return api.tree.getChildren().map((node) => ({
    kind: node.kind,
    label: typeof node.label === 'string' ? node.label : (node.label?.label ?? ''),
    description: typeof node.description === 'string' ? node.description : ''
  }));
}

export async function setUserSetting(key: string, value: unknown): Promise<void> {
  const [section, ...rest] = key.split('.');
  await vscode.workspace.getConfiguration(section).update(rest.join('.'), value, vscode.ConfigurationTarget.Global);
}

/**
 * Runs a command to its end. A command that opened an input box or a quick pick would wait for a person forever: the
 * generous guard turns that into a failure naming the cause (and closes the box so later tests are not blocked).
 */
export async function commandFinishes(command: string, ...args: unknown[]): Promise<unknown> {
  let timer: NodeJS.Timeout | undefined;
  const guard = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${command} did not finish within 15 s: is it waiting for input?`)), 15_000);
  });
  try {
    return await Promise.race([vscode.commands.executeCommand(command, ...args), guard]);
  } catch (err) {
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    throw err;
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Runs a command that is expected to ask something in a quick input, then answers it with a workbench command
 * (e.g. accept the selected item, or close the box) until the command ends. Polled: the box shows asynchronously,
 * and before it shows the answer is a no-op.
 */
export async function answeredCommand(answer: string, command: string, ...args: unknown[]): Promise<void> {
  let done = false;
  let failure: unknown;
  const running = vscode.commands.executeCommand(command, ...args).then(() => { done = true; }, (err: unknown) => { failure = err; done = true; });
  await eventually(async () => {
    await vscode.commands.executeCommand(answer);
    return done || undefined;
  }, `${command} to end after ${answer}`);
  await running;
  if (failure !== undefined) {
    throw failure instanceof Error ? failure : new Error(String(failure));
  }
}
