// Secrets never leak: sign in, browse, open cases, type drafts, be notified, trigger every fault of the matrix (plus
// servers that echo the secret and the token back), then search everything the extension wrote or showed for the
// client secret, every access token it was given, and the client id. The stores where a person's words and the
// follow state live (drafts, contact e-mails, the list cache, notification markers) are searched while they hold
// something; a second test plants the secret in each of them to prove the search would see it there.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import type { AxwaySupportTestApi } from '../../src/extension';
import { AWAITING_CUSTOMER_STATUS } from '../../src/cases/caseQuery';
import { EMPTY_FIELDS, type NewCaseFields } from '../../src/cases/newCaseRules';
import { nodesFor } from '../../src/views/casesTreeProvider';
import type { CaseTreeNode } from '../../src/views/treeNodes';
import type { FaultTarget } from '../fake-api/types';
import { FAULT_CASES, FaultCase } from './faultMatrix';
import { closedPort } from '../support/net';
import { openCasePanel, refreshTree, SECRET_KEY, userValue, watchHostErrors, writeFigures } from './reliability';
import { activated, eventually, fakeEnv, fakeRemote, rows, setUserSetting, signInWithFake, signOut, waitForState } from './support';
import { startTokenTap, TokenTap } from './tokenTap';

const TARGETS: Record<FaultCase['surface'], FaultTarget> = { token: 'token', list: 'listCases', get: 'getCase' };

/** Everything a row of the tree puts on screen or into the accessibility tree. */
function rowText(node: CaseTreeNode): string {
  const tooltip = node.tooltip instanceof vscode.MarkdownString ? node.tooltip.value : String(node.tooltip ?? '');
  const label = typeof node.label === 'string' ? node.label : (node.label?.label ?? '');
  return [label, String(node.description ?? ''), tooltip, node.accessibilityInformation?.label ?? '', JSON.stringify(node.command?.arguments ?? [])].join('\n');
}

function count(haystack: string, needle: string): number {
  let n = 0;
  for (let at = haystack.indexOf(needle); at !== -1; at = haystack.indexOf(needle, at + needle.length)) {
    n++;
  }
  return n;
}

function filesNamed(dir: string, name: string, found: string[] = []): string[] {
  if (!fs.existsSync(dir)) {
    return found;
  }
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      filesNamed(full, name, found);
    } else if (entry.name === name) {
      found.push(full);
    }
  }
  return found;
}

interface Place {
  readonly name: string;
  readonly text: string;
  readonly items: number;
  readonly clientIdAllowed: boolean;
}

interface Needle {
  readonly kind: string;
  readonly value: string;
}

/** Every file below `dir`, as its path (relative to `dir`) and its text: names and contents are both searched. */
function filesBelow(dir: string): { readonly name: string; readonly text: string }[] {
  if (!fs.existsSync(dir)) {
    return [];
  }
  return fs.readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => {
      const full = path.join(entry.parentPath, entry.name);
      return { name: path.relative(dir, full), text: fs.readFileSync(full, 'utf8') };
    });
}

/** The extension's global storage folder (the notification markers live in its `notified` folder). */
function globalStorageDir(api: AxwaySupportTestApi): string {
  const claims = api.follow.claimsFolder;
  assert.ok(claims, 'global storage is on a local disk');
  return path.dirname(claims);
}

const mementoText = (memento: vscode.Memento): string => memento.keys().map((k) => `${k}=${JSON.stringify(memento.get(k))}`).join('\n');

/** One globalState entry as text, and how many items it holds (accounts or drafts). */
function stateEntry(api: AxwaySupportTestApi, key: string): { text: string; items: number } {
  const value = api.storage.globalState.get<unknown>(key);
  return { text: value === undefined ? '' : `${key}=${JSON.stringify(value)}`, items: value && typeof value === 'object' ? Object.keys(value).length : 0 };
}

/** Where the extension keeps state: extension state (drafts and contact e-mails by name) and the global storage files. */
function storedPlaces(api: AxwaySupportTestApi, when: string): Place[] {
  const files = filesBelow(globalStorageDir(api));
  const entry = (name: string, key: string): Place => ({ name: `${name} (${when})`, ...stateEntry(api, key), clientIdAllowed: false });
  return [
    entry('note drafts', 'axwaySupport.noteDrafts'),
    entry('new-case drafts', 'axwaySupport.newCaseDrafts'),
    entry('contact e-mails', 'axwaySupport.contactEmails'),
    { name: `globalState, every key (${when})`, text: mementoText(api.storage.globalState), items: api.storage.globalState.keys().length, clientIdAllowed: false },
    { name: `workspaceState (${when})`, text: mementoText(api.storage.workspaceState), items: api.storage.workspaceState.keys().length, clientIdAllowed: false },
    {
      name: `global storage files: list cache (${when})`,
      text: files.filter((f) => !f.name.startsWith(`notified${path.sep}`)).map((f) => `${f.name}\n${f.text}`).join('\n'),
      items: files.filter((f) => !f.name.startsWith(`notified${path.sep}`)).length,
      clientIdAllowed: false
    },
    {
      name: `global storage files: notification markers (${when})`,
      text: files.filter((f) => f.name.startsWith(`notified${path.sep}`)).map((f) => `${f.name}\n${f.text}`).join('\n'),
      items: files.filter((f) => f.name.startsWith(`notified${path.sep}`)).length,
      clientIdAllowed: false
    }
  ];
}

/**
 * A new-case draft as the form's store keeps it (account -> fields and files). Written here rather than through the
 * form: the form's bundle must still be unloaded when 13-new-case proves that activation does not load it.
 */
async function plantNewCaseDraft(api: AxwaySupportTestApi, account: string, fields: NewCaseFields): Promise<void> {
  const key = 'axwaySupport.newCaseDrafts';
  const drafts = api.storage.globalState.get<Record<string, unknown>>(key) ?? {};
  await api.storage.globalState.update(key, { ...drafts, [account]: { fields, files: [] } });
}

/** "<what> ×<n> in <place>" for every needle found in a place. */
function search(places: readonly Place[], needles: readonly Needle[]): { found: string[]; perPlace: { place: string; items: number; bytes: number; occurrences: number }[] } {
  const found: string[] = [];
  const perPlace = places.map((place) => {
    let occurrences = 0;
    for (const needle of needles) {
      if (needle.kind === 'client id' && place.clientIdAllowed) {
        continue;
      }
      const n = count(place.text, needle.value);
      if (n > 0) {
        found.push(`${needle.kind} ×${n} in ${place.name}`);
      }
      occurrences += n;
    }
    return { place: place.name, items: place.items, bytes: Buffer.byteLength(place.text), occurrences };
  });
  return { found, perPlace };
}

describe('secrets never leak', function () {
  this.timeout(120_000);
  const remote = fakeRemote();
  const hostErrors = watchHostErrors();
  let api: AxwaySupportTestApi;
  let tap: TokenTap;
  let originalTokenUrl: string | undefined;

  before(async () => {
    await remote.reset();
    api = await activated();
    if (api.model.state.kind !== 'signedOut') {
      await signOut(api);
    }
    originalTokenUrl = userValue<string>('axwaySupport', 'tokenUrl');
    tap = await startTokenTap(fakeEnv().tokenUrl);
    await setUserSetting('axwaySupport.tokenUrl', tap.tokenUrl);
  });

  after(async () => {
    hostErrors.dispose();
    await setUserSetting('axwaySupport.tokenUrl', originalTokenUrl);
    await tap.close();
    await remote.reset();
    if (api.model.state.kind !== 'signedOut') {
      await signOut(api);
    }
  });

  it('finds the client secret, the access tokens and the client id nowhere the extension wrote or showed them', async () => {
    const env = fakeEnv();
    const treeSnapshots: string[] = [];
    const pages: string[] = [];
    const messages: string[] = [];
    const snapshotTree = (): void => {
      const state = api.model.state;
      treeSnapshots.push(nodesFor(state).map(rowText).join('\n'));
      if (state.kind === 'error') {
        messages.push(state.error.message);
      } else if (state.kind === 'loaded') {
        messages.push(state.refreshError?.message ?? '', state.loadMoreError?.message ?? '');
      }
    };
    const sub = api.model.onDidChange(snapshotTree);
    const capturePanel = async (caseNumber: string): Promise<void> => {
      const panel = await openCasePanel(api, caseNumber);
      pages.push(panel.html);
      if (panel.state.kind === 'error') {
        messages.push(panel.state.error.message);
      }
      panel.dispose();
    };
    let faults = 0;
    const storedWhileSignedIn: Place[] = [];
    try {
      // Signing in: a verification token (never used for the API), then the session's token.
      await signInWithFake(api);
      rows(api);
      await waitForState(api, (s) => s.kind === 'loaded' && s.busy === undefined);
      await vscode.commands.executeCommand('axwaySupport.loadMore');
      await refreshTree(api);
      const [first, second] = await remote.listAll();
      await capturePanel(first.caseNumber);
      await capturePanel(second.caseNumber);
      const [hostile] = await remote.addHostileCases();
      await refreshTree(api);
      await capturePanel(hostile);

      // Every fault of the matrix, condensed: inject, let the user see it, recover.
      for (const entry of FAULT_CASES) {
        const settingKey = entry.setting?.key.split('.')[1];
        const original = settingKey !== undefined ? userValue<string>('axwaySupport', settingKey) : undefined;
        if (entry.surface === 'token' && entry.setting === undefined) {
          await remote.revokeTokens();
        }
        if (entry.spec !== undefined) {
          await remote.addFault({ ...entry.spec, target: TARGETS[entry.surface], caseNumber: entry.surface === 'get' ? first.caseNumber : undefined });
        }
        if (entry.setting !== undefined) {
          await setUserSetting(entry.setting.key, entry.setting.value(env, await closedPort()));
        }
        if (entry.surface === 'get') {
          await capturePanel(entry.unknownCase ?? first.caseNumber);
        } else {
          await refreshTree(api);
        }
        await remote.clearFaults();
        if (entry.setting !== undefined) {
          await setUserSetting(entry.setting.key, original);
        }
        await refreshTree(api);
        faults++;
      }

      // Servers that echo what they were sent: the secret in an OAuth error, the bearer token in an API error.
      const secret = env.clientSecret;
      await remote.revokeTokens();
      await remote.addFault({ target: 'token', kind: 'respond', status: 400, times: 1, body: { error: 'invalid_request', error_description: `Rejected client_secret=${secret} (${secret})` } });
      await refreshTree(api);
      await remote.clearFaults();
      await refreshTree(api);
      const current = [...tap.tokens].pop() ?? '';
      await remote.addFault({ target: 'listCases', kind: 'respond', status: 500, times: 1, body: { code: 'SERVER_ERROR', message: `Token ${current} failed; Authorization: Bearer ${current}` } });
      await refreshTree(api);
      await remote.addFault({ target: 'getCase', kind: 'respond', status: 403, times: 1, caseNumber: second.caseNumber, body: { code: 'ACCESS_DENIED', message: `access_token=${current} denied` } });
      await capturePanel(second.caseNumber);
      await remote.clearFaults();
      await refreshTree(api);
      faults += 3;

      // What a person types and what following cases keeps: a note draft, a new-case draft, a contact e-mail, the
      // list cache and a notification marker. Searched now, while they exist (removing the rejected credentials
      // below takes the account's drafts, cache and seen state with it).
      const account = api.model.account ?? '';
      const draftTab = await openCasePanel(api, first.caseNumber);
      await draftTab.receive({ type: 'noteDraft', subject: 'Leak check note', description: 'Typed while signed in.' });
      assert.strictEqual(api.noteDrafts.get(draftTab.ref).subject, 'Leak check note', 'the note draft is stored');
      draftTab.dispose();
      await plantNewCaseDraft(api, account, { ...EMPTY_FIELDS, subject: 'Leak check case', description: 'Typed while signed in.' });
      await api.contactEmails.set(account, 'leak-check@example.com');
      const decisionsBefore = api.follow.notifications.decisions.length;
      await remote.upsertCase({ caseNumber: second.caseNumber, status: AWAITING_CUSTOMER_STATUS, subject: 'Support waits for the leak check' });
      await refreshTree(api);
      await eventually(() => api.follow.notifications.decisions.slice(decisionsBefore).find((d) => d.caseNumber === second.caseNumber), 'the notification decision');
      await eventually(() => filesBelow(path.join(globalStorageDir(api), 'notified')).length > 0 || undefined, 'a notification marker on disk');
      storedWhileSignedIn.push(...storedPlaces(api, 'while signed in'));
      for (const place of storedWhileSignedIn.filter((p) => !p.name.startsWith('workspaceState'))) {
        assert.ok(place.items > 0, `${place.name} holds something to search`);
      }

      // Last, the secret is rotated on the server: the stored pair is refused and quarantined, then signed out.
      await remote.setCredentials({ clientSecret: 'rotated-secret-for-leak-test' });
      await remote.revokeTokens();
      await vscode.commands.executeCommand('axwaySupport.refresh');
      await eventually(() => (api.accounts.entries[0]?.refused === true ? true : undefined), 'the rejected credentials to be quarantined');
      snapshotTree();
      await vscode.commands.executeCommand('axwaySupport.signOut', api.accounts.entries[0]?.id);
      await waitForState(api, (s) => s.kind === 'signedOut');
      await eventually(async () => (await api.storage.secrets.get(SECRET_KEY)) === undefined, 'the refused credentials to be deleted by Sign out');
      faults++;
    } finally {
      sub.dispose();
      await remote.clearFaults();
    }

    // What to look for: the secret, every token the token endpoint issued, every bearer token the API saw.
    const tokens = new Set(tap.tokens);
    for (const request of await remote.requests()) {
      const bearer = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '');
      if (bearer) {
        tokens.add(bearer[1]);
      }
    }
    assert.ok(tokens.size >= 3, `only ${tokens.size} tokens were seen`);

    // Where to look.
    await vscode.commands.executeCommand('workbench.action.openSettingsJson');
    const settingsDoc = vscode.window.activeTextEditor?.document;
    assert.ok(settingsDoc && settingsDoc.uri.path.endsWith('/User/settings.json'), `opened ${settingsDoc?.uri.toString()}`);
    const userSettings = settingsDoc.getText();
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    const userDataDir = path.dirname(path.dirname(settingsDoc.uri.fsPath));
    const logFiles = filesNamed(path.join(userDataDir, 'logs'), 'Axway Support.log');
    const folder = vscode.workspace.workspaceFolders?.[0];
    const workspaceFile = folder ? path.join(folder.uri.fsPath, '.vscode', 'settings.json') : undefined;
    const workspaceSettings = workspaceFile && fs.existsSync(workspaceFile) ? fs.readFileSync(workspaceFile, 'utf8') : '';
    const inspected = ['axwaySupport', 'http'].map((section) => {
      const config = vscode.workspace.getConfiguration(section);
      return JSON.stringify(Object.keys(config).filter((k) => typeof (config as unknown as Record<string, unknown>)[k] !== 'function').map((k) => config.inspect(k)));
    }).join('\n');
    for (const ref of api.panels.openRefs) {
      pages.push(api.panels.get(ref)?.html ?? '');
    }
    snapshotTree();

    const places: Place[] = [
      { name: 'log output channel (every line, all levels)', text: api.logger.lines.join('\n'), items: api.logger.lines.length, clientIdAllowed: false },
      { name: 'log files on disk (Axway Support.log)', text: logFiles.map((f) => fs.readFileSync(f, 'utf8')).join('\n'), items: logFiles.length, clientIdAllowed: false },
      { name: 'telemetry events', text: api.telemetry.recent.map((e) => JSON.stringify(e)).join('\n'), items: api.telemetry.recent.length, clientIdAllowed: false },
      { name: 'webview HTML (every panel shown)', text: pages.join('\n'), items: pages.length, clientIdAllowed: false },
      { name: 'tree rows (labels, descriptions, tooltips, accessible names)', text: treeSnapshots.join('\n'), items: treeSnapshots.length, clientIdAllowed: false },
      { name: 'error messages shown (tree and panels)', text: messages.join('\n'), items: messages.filter(Boolean).length, clientIdAllowed: false },
      { name: 'user settings.json', text: userSettings, items: 1, clientIdAllowed: false },
      { name: 'workspace .vscode/settings.json', text: workspaceSettings, items: workspaceSettings ? 1 : 0, clientIdAllowed: false },
      { name: 'configuration (inspect of axwaySupport.* and http.*)', text: inspected, items: 2, clientIdAllowed: false },
      ...storedWhileSignedIn,
      ...storedPlaces(api, 'at the end')
    ];
    const needles: Needle[] = [
      { kind: 'client secret', value: env.clientSecret },
      ...[...tokens].map((value) => ({ kind: 'access token', value })),
      { kind: 'client id', value: env.clientId }
    ];
    const { found, perPlace } = search(places, needles);
    const summary = {
      faultsTriggered: faults,
      places: perPlace,
      strings: { clientSecret: 1, accessTokens: tokens.size, clientId: 1 },
      occurrences: perPlace.reduce((n, p) => n + p.occurrences, 0),
      hostErrors: hostErrors.errors.length
    };
    writeFigures('leaks', summary);
    console.log(`leak check: ${places.length} places, ${needles.length} strings (${tokens.size} tokens), ${faults} faults, occurrences = ${summary.occurrences}`);
    assert.deepStrictEqual(found, []);
    assert.ok(places[0].items > 50, 'the log was searched');
    assert.ok(pages.length >= 10 && treeSnapshots.length >= 20, `${pages.length} pages, ${treeSnapshots.length} tree snapshots`);
    assert.deepStrictEqual(hostErrors.errors, []);
  });

  it('finds the secret planted in each store it searches: drafts, contact e-mails, extension state, cache and marker files', async () => {
    const env = fakeEnv();
    await remote.reset();
    await signInWithFake(api);
    // Asked as the view would: the previous test signed out, which deleted the cached list a sign-in could show.
    api.tree.getChildren();
    await waitForState(api, (s) => s.kind === 'loaded' && s.busy === undefined);
    const account = api.model.account ?? '';
    const [first] = await remote.listAll();
    const ref = { account, caseNumber: first.caseNumber };
    const storage = globalStorageDir(api);
    const plantedFiles = [path.join(storage, 'leak-probe.json'), path.join(storage, 'notified', 'leak-probe.claim')];
    // A case tab still open from an earlier test saves what its form shows as that case's draft (as it should): closed
    // first, no late message from its page can replace the planted draft before the search reads it.
    api.panels.closeAll();
    try {
      // A person may paste anything into a draft (their words are kept as typed); the search must see it there.
      await api.noteDrafts.save(ref, { subject: 'Planted', description: `pasted ${env.clientSecret}`, files: [] });
      await plantNewCaseDraft(api, account, { ...EMPTY_FIELDS, subject: 'Planted', description: `pasted ${env.clientSecret}` });
      await api.contactEmails.set(account, `${env.clientSecret}@example.com`);
      for (const file of plantedFiles) {
        fs.mkdirSync(path.dirname(file), { recursive: true });
        fs.writeFileSync(file, JSON.stringify({ planted: env.clientSecret }));
      }
      const { found } = search(storedPlaces(api, 'planted'), [{ kind: 'client secret', value: env.clientSecret }]);
      const where = found.map((f) => f.replace(/^client secret ×\d+ in /, ''));
      assert.deepStrictEqual(where, [
        'note drafts (planted)',
        'new-case drafts (planted)',
        'contact e-mails (planted)',
        'globalState, every key (planted)',
        'global storage files: list cache (planted)',
        'global storage files: notification markers (planted)'
      ]);
    } finally {
      await api.noteDrafts.clear(ref);
      await api.storage.globalState.update('axwaySupport.newCaseDrafts', undefined);
      await api.contactEmails.forget(account);
      for (const file of plantedFiles) {
        fs.rmSync(file, { force: true });
      }
      await signOut(api);
    }
  });
});
