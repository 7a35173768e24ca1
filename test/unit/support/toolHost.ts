// A ToolHost as the extension builds one, over real HTTP against the fake Support API: signed-in accounts (each a
// service account of the fake), the real CaseWrites with a file ledger, a temporary workspace folder and a contact
// e-mail store.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { SupportApi } from '../../../src/api/supportApi';
import { TokenClient } from '../../../src/api/tokenClient';
import type { SupportApiClient } from '../../../src/api/types';
import { CaseWrites } from '../../../src/cases/caseWrites';
import { FileWriteLedger } from '../../../src/cases/writeLedger';
import * as assert from 'assert';
import { createToolCatalogue } from '../../../src/tools/catalogue';
import type { Preparation, ToolAccount, ToolCatalogue, ToolHost } from '../../../src/tools/types';
import type { FakeApi } from '../../fake-api/server';
import { silentLogger } from './silentLogger';

export interface TestAccount extends ToolAccount {
  readonly clientId: string;
  readonly clientSecret: string;
}

export interface TestHost extends ToolHost {
  readonly workspace: string;
  readonly contacts: Map<string, string>;
  readonly writes: CaseWrites;
  dispose(): void;
}

export function testHost(fake: FakeApi, accounts: readonly TestAccount[], options: { readonly now?: () => number } = {}): TestHost {
  const clients = new Map<string, SupportApiClient>();
  const api = (account: string): Promise<SupportApiClient> => {
    const found = accounts.find((a) => a.id === account);
    if (!found) {
      return Promise.reject(new Error(`No account ${account}.`));
    }
    let client = clients.get(account);
    if (!client) {
      const tokens = new TokenClient({ tokenUrl: fake.tokenUrl, logger: silentLogger, credentials: async () => ({ clientId: found.clientId, clientSecret: found.clientSecret }) });
      client = new SupportApi({ baseUrl: fake.apiBaseUrl, tokens, logger: silentLogger });
      clients.set(account, client);
    }
    return Promise.resolve(client);
  };
  const workspace = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'axway-tools-ws-')));
  const ledgerFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'axway-tools-ledger-'));
  const ledger = new FileWriteLedger(ledgerFolder);
  const writes = new CaseWrites({ api, ledger, cleared: () => Promise.resolve(), logger: silentLogger });
  const contacts = new Map<string, string>();
  return {
    accounts: () => Promise.resolve(accounts.map(({ id, label }) => ({ id, label }))),
    api,
    writes,
    contactEmail: (account) => contacts.get(account),
    workspaceFolders: () => [workspace],
    portalUrl: (caseNumber) => `https://support.example/case/${encodeURIComponent(caseNumber)}`,
    logger: silentLogger,
    ...(options.now ? { now: options.now } : {}),
    workspace,
    contacts,
    dispose: () => {
      writes.dispose();
      ledger.dispose();
      fs.rmSync(workspace, { recursive: true, force: true });
      fs.rmSync(ledgerFolder, { recursive: true, force: true });
    }
  };
}

/** The fake's own service account as a signed-in account. */
export function mainAccount(fake: FakeApi, label = 'Globex'): TestAccount {
  return { id: 'acct-main', label, clientId: fake.clientId, clientSecret: fake.clientSecret };
}

/** The write suites' start: one open case, the main account with a contact e-mail, and the catalogue over them. */
export function writeHost(fake: FakeApi, caseNumber: string, contact: string): { readonly host: TestHost; readonly catalogue: ToolCatalogue } {
  fake.control.upsertCase({ caseNumber, subject: 'Gateway drops sessions', status: 'In Support', notes: [], attachments: [] });
  const host = testHost(fake, [mainAccount(fake, 'Globex')]);
  host.contacts.set('acct-main', contact);
  return { host, catalogue: createToolCatalogue(host) };
}

/** A write's confirmation; fails the test when the tool refused instead. */
export function confirmation(prep: Preparation): { title: string; message: string } {
  assert.strictEqual(prep.kind, 'write', `expected a confirmation, got ${prep.kind === 'refused' ? prep.output.text : prep.kind}`);
  return prep.kind === 'write' ? prep.confirmation : { title: '', message: '' };
}
