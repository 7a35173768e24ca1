// Filter Cases…'s choices (issue 9): the sections, the Account section only for an organisation with several
// accounts (GET /account, asked lazily and once per window), and what the ticks send to the API.
import * as assert from 'assert';
import type { CaseSummary } from '../../src/api/types';
import { PAGE_SIZE } from '../../src/api/limits';
import { describeFilter, filterSummary, listParams, queryFor, type CaseFilter } from '../../src/cases/caseQuery';
import { viewKey, DEFAULT_VIEW } from '../../src/cases/caseGroups';
import { filterChoices, filterFromChoices, type FilterChoice } from '../../src/cases/filterChoices';
import { forgetView, loadView, saveView } from '../../src/cases/listViewStore';
import { OrganisationAccounts } from '../../src/cases/organisationAccounts';
import { useFakeApi } from './support/fixture';
import { assertEvery } from '../support/every';

const GLOBEX = { name: 'Globex Financial Services', sac: 'GLBX-40217' };
const INITECH = { name: 'Initech Logistics GmbH', sac: 'INTC-11873' };

function tick(choices: readonly FilterChoice[], ...labels: string[]): FilterChoice[] {
  return labels.map((label) => {
    const found = choices.find((c) => c.label === label);
    assert.ok(found, `a choice "${label}"`);
    return found;
  });
}

describe('Filter Cases… choices', () => {
  it('has the State, Status, Type and Updated within sections; Account only when the organisation has several', () => {
    const sections = (accounts: Parameters<typeof filterChoices>[1]): string[] => [...new Set(filterChoices({ state: 'all' }, accounts).map((c) => c.section))];
    assert.deepStrictEqual(sections(undefined), ['State', 'Status', 'Type', 'Updated within']);
    assert.deepStrictEqual(sections([GLOBEX]), ['State', 'Status', 'Type', 'Updated within'], 'one account: nothing to choose');
    assert.deepStrictEqual(sections([GLOBEX, INITECH]), ['State', 'Status', 'Type', 'Updated within', 'Account']);
    const accounts = filterChoices({ state: 'all' }, [GLOBEX, INITECH, { sac: 'NONAME-1' }]).filter((c) => c.section === 'Account');
    assert.deepStrictEqual(accounts.map((c) => [c.label, c.description]), [[GLOBEX.name, GLOBEX.sac], [INITECH.name, INITECH.sac], ['NONAME-1', undefined]]);
    assert.strictEqual(new Set(filterChoices({ state: 'all' }, [GLOBEX, INITECH]).map((c) => c.key)).size, filterChoices({ state: 'all' }, [GLOBEX, INITECH]).length, 'keys are unique');
  });

  it('ticks what the active filter has, and keeps an account of the filter listed even before the accounts are known', () => {
    const current: CaseFilter = { state: 'open', types: ['Support Case'], updatedWithinDays: 30, sac: INITECH.sac, accountName: INITECH.name };
    const picked = filterChoices(current, [GLOBEX, INITECH]).filter((c) => c.picked).map((c) => c.label);
    assert.deepStrictEqual(picked, ['Open', 'Support Case', '30 days', INITECH.name]);
    const unknown = filterChoices(current, undefined).filter((c) => c.section === 'Account');
    assert.deepStrictEqual(unknown.map((c) => [c.label, c.picked]), [[INITECH.name, true]]);
    // Accepting the list as it opened gives the same filter back.
    assert.deepStrictEqual(filterFromChoices(filterChoices(current, undefined).filter((c) => c.picked)), current);
  });

  it('makes the API query from the ticks: the account as `sac`, its name for the description only', () => {
    const choices = filterChoices({ state: 'all' }, [GLOBEX, INITECH]);
    const filter = filterFromChoices(tick(choices, 'Open', 'Closed', 'Enhancement Request', '90 days', '7 days', INITECH.name, GLOBEX.name));
    assert.deepStrictEqual(filter, { state: 'all', types: ['Enhancement Request'], updatedWithinDays: 7, sac: INITECH.sac, accountName: INITECH.name });
    const query = queryFor(filter, Date.parse('2026-11-01T00:00:00Z'));
    assert.deepStrictEqual(JSON.parse(JSON.stringify(query)), {
      types: { include: ['Enhancement Request'] },
      updated: { after: '2026-10-25T00:00:00.000Z', before: '2026-11-02T00:00:00.000Z' },
      sac: INITECH.sac
    });
    assert.strictEqual(describeFilter(filter), `Enhancement Request · 7 days · ${INITECH.name}`);
    assert.strictEqual(describeFilter({ state: 'open', sac: GLOBEX.sac }), `Open · ${GLOBEX.sac}`, 'without a name: the code');
    // The name is not part of what decides the rows (nor of the cached list's key).
    assert.strictEqual(viewKey({ ...DEFAULT_VIEW, filter }), viewKey({ ...DEFAULT_VIEW, filter: { ...filter, accountName: 'other' } }));
  });

  it('remembers the account with the rest of the filter across a reload', async () => {
    const values = new Map<string, unknown>();
    const storage = { get: <T>(key: string) => values.get(key) as T | undefined, update: async (key: string, value: unknown) => void values.set(key, structuredClone(value)) };
    const filter: CaseFilter = { state: 'open', sac: INITECH.sac, accountName: INITECH.name };
    await saveView(storage, { ...DEFAULT_VIEW, filter });
    assert.deepStrictEqual(loadView(storage).filter, filter);
    values.set('axwaySupport.listView', { filter: { state: 'open', accountName: 'no account chosen' } });
    assert.deepStrictEqual(loadView(storage).filter, { state: 'open' }, 'a name without an account is dropped');
  });

  it('keeps a view per account: its own wins, the one for every account is the start, sign-out forgets it', async () => {
    const values = new Map<string, unknown>();
    const storage = { get: <T>(key: string) => values.get(key) as T | undefined, update: async (key: string, value: unknown) => void values.set(key, structuredClone(value)) };
    const everyone = { ...DEFAULT_VIEW, filter: { state: 'open' as const } };
    const second = { filter: { state: 'closed' as const, sac: INITECH.sac, accountName: INITECH.name }, sort: 'severity' as const, group: 'status' as const };
    await saveView(storage, everyone);
    await saveView(storage, second, 'account-2');
    assert.deepStrictEqual(loadView(storage, 'account-2'), second);
    assert.deepStrictEqual(loadView(storage, 'account-1'), everyone, 'an account without its own starts from the view for every account');
    assert.deepStrictEqual(loadView(storage), everyone);
    await forgetView(storage, 'account-2');
    assert.deepStrictEqual(loadView(storage, 'account-2'), everyone);
    assertEvery([...values.keys()], (k) => k.startsWith('axwaySupport.listView'), [...values.keys()].join(', '));
    // What the view says: one filter when the accounts agree, each filtered account's when they differ.
    assert.strictEqual(filterSummary([{ label: 'ACME', summary: 'Open' }, { label: 'Initech', summary: 'Open' }]), 'Open');
    assert.strictEqual(filterSummary([{ label: 'ACME', summary: '' }, { label: 'Initech', summary: 'Closed' }]), 'Initech: Closed');
    assert.strictEqual(filterSummary([{ label: 'ACME', summary: 'Open' }, { label: 'Initech', summary: 'Closed' }]), 'ACME: Open; Initech: Closed');
    assert.strictEqual(filterSummary([]), '');
  });

  describe('against the fake Support API', () => {
    const f = useFakeApi();

    it('the sac filter narrows the rows to that account\'s cases, for every sort', async () => {
      const { api } = f.api();
      const now = Date.now();
      const expected = f.fake.control.listAll().filter((c) => f.fake.control.getCase(c.caseNumber)?.account.sac === INITECH.sac).map((c) => c.caseNumber);
      assert.ok(expected.length > 0 && expected.length < f.fake.control.listAll().length, 'the seed spreads cases over accounts');
      for (const sort of ['modified', 'created', 'severity', 'status'] as const) {
        const got: CaseSummary[] = [];
        for (let offset = 0; ; offset += PAGE_SIZE) {
          const page = await api.listCases(listParams({ state: 'all', sac: INITECH.sac }, sort, now, offset, PAGE_SIZE));
          got.push(...page.cases);
          if (page.cases.length < PAGE_SIZE) {
            break;
          }
        }
        assert.deepStrictEqual(got.map((c) => c.caseNumber).sort(), [...expected].sort(), `sort ${sort}`);
      }
      const sent = new URLSearchParams(f.fake.control.requests('listCases')[0].query).get('query');
      assert.deepStrictEqual(JSON.parse(sent ?? '{}'), { sac: INITECH.sac });
    });

    it('asks GET /account once per signed-in account and window, shared by callers; a failure is asked again', async () => {
      const { api } = f.api();
      const accounts = new OrganisationAccounts(async () => api);
      assert.strictEqual(accounts.known('a'), undefined);
      const [one, two] = await Promise.all([accounts.load('a'), accounts.load('a')]);
      assert.deepStrictEqual(one, f.fake.control.accounts());
      assert.strictEqual(one, two);
      await accounts.load('a');
      assert.strictEqual(f.fake.control.stats().counts.accounts, 1);
      assert.strictEqual(accounts.nameOf('a', INITECH.sac), INITECH.name);
      // Another signed-in account has its own organisation.
      f.fake.control.setAccounts([GLOBEX.sac]);
      assert.deepStrictEqual(await accounts.load('b'), [GLOBEX]);
      assert.strictEqual(filterChoices({ state: 'all' }, accounts.known('b')).some((c) => c.section === 'Account'), false, 'one account: no section');
      f.fake.control.addFault({ target: 'accounts', kind: 'respond', status: 503, body: { code: 'SERVICE_TEMPORARILY_UNAVAILABLE', message: 'down' } });
      await assert.rejects(accounts.load('c'));
      assert.strictEqual(accounts.known('c'), undefined);
      f.fake.control.clearFaults();
      assert.strictEqual((await accounts.load('c')).length, 1);
    });

    it('the fake lists one or several accounts and refuses a list for an account not in the organisation', async () => {
      const { api } = f.api();
      assert.strictEqual((await api.listAccounts()).length, 3);
      f.fake.control.setAccounts([INITECH.sac]);
      assert.deepStrictEqual(await api.listAccounts(), [INITECH]);
      await assert.rejects(api.listCases(listParams({ state: 'all', sac: GLOBEX.sac }, 'modified', Date.now(), 0, PAGE_SIZE)), (err: { kind?: string }) => err.kind === 'forbidden');
      assert.throws(() => f.fake.control.setAccounts(['NOPE-1']));
      f.fake.control.reset();
      assert.strictEqual((await api.listAccounts()).length, 3);
    });
  });
});
