// Issue 10's contract in package.json: the authentication provider behind VS Code's Accounts menu, the account
// commands (titles, category), and what an account root's context menu offers: Refresh Changes, Rename Account…,
// Sign Out, Add Account…, Filter Cases…, Sort By…, Group By… on every account root, Clear Filter only on a filtered one. The `when` clauses
// are evaluated for the roots' contextValues, so a clause that never matches (or matches case rows) fails here.
import * as assert from 'assert';
import { VIEW_ID } from '../../src/util/ids';
import { assertCommandTitles, contributedCommand, manifest } from './support/manifest';

/** The contextValues of account roots (views/treeNodes.ts CONTEXT.account, plus ".filtered" while filtered). */
const ACCOUNT = 'axwaySupport.account';
const ACCOUNT_FILTERED = 'axwaySupport.account.filtered';

/**
 * Evaluates the `when` forms the manifest uses on tree items: `a && b`, `key == value`, `key != value`,
 * `key =~ /regex/`. Anything else fails the test, so a new form is noticed instead of silently misread.
 */
function whenHolds(when: string | undefined, context: Readonly<Record<string, string>>): boolean {
  if (when === undefined) {
    return true;
  }
  assert.ok(!when.includes('||') && !/(^|&&)\s*!/.test(when), `unsupported when form: ${when}`);
  return when.split('&&').map((part) => part.trim()).every((clause) => {
    const match = /^([\w.]+)\s*(==|!=|=~)\s*(.+)$/.exec(clause);
    assert.ok(match, `unsupported when clause: ${clause}`);
    const [, key, op, raw] = match;
    const value = context[key] ?? '';
    if (op === '=~') {
      const regex = /^\/(.*)\/([a-z]*)$/.exec(raw.trim());
      assert.ok(regex, `unsupported regex in: ${clause}`);
      return new RegExp(regex[1], regex[2]).test(value);
    }
    return (value === raw.trim()) === (op === '==');
  });
}

/** The titles of the commands a tree item with this contextValue shows in its context menu. */
function contextMenuTitles(viewItem: string): string[] {
  return (manifest.contributes.menus['view/item/context'] ?? [])
    .filter((entry) => whenHolds(entry.when, { view: VIEW_ID, viewItem }))
    .map((entry) => title(entry.command));
}

function title(id: string): string {
  return contributedCommand(id).title;
}

describe('accounts and certificates: manifest contract (package.json)', () => {
  it('declares the authentication provider axway-support, labelled "Axway Support"', () => {
    assert.deepStrictEqual(manifest.contributes.authentication, [{ id: 'axway-support', label: 'Axway Support' }]);
  });

  it('contributes Sign in, Add Account…, Sign Out and Rename Account… in the "Axway Support" category', () => {
    const expected: Readonly<Record<string, string>> = {
      'axwaySupport.signIn': 'Sign in with service account',
      'axwaySupport.signOut': 'Sign Out',
      'axwaySupport.addAccount': 'Add Account…',
      'axwaySupport.renameAccount': 'Rename Account…'
    };
    assertCommandTitles(expected);
  });

  it('an account root offers Refresh Changes, Rename Account…, Sign Out, Add Account…, Filter Cases…, Sort By…, Group By…', () => {
    assert.deepStrictEqual(contextMenuTitles(ACCOUNT).sort(), ['Refresh Changes', 'Rename Account…', 'Sign Out', 'Add Account…', 'Filter Cases…', 'Sort By…', 'Group By…'].sort());
  });

  it('a filtered account root offers the same and Clear Filter', () => {
    assert.deepStrictEqual(
      contextMenuTitles(ACCOUNT_FILTERED).sort(),
      ['Refresh Changes', 'Rename Account…', 'Sign Out', 'Add Account…', 'Filter Cases…', 'Clear Filter', 'Sort By…', 'Group By…'].sort()
    );
  });

  it('Add Account… is in the Recent Cases title bar\'s … menu (not its buttons) and the palette, only while signed in', () => {
    const inTitle = (manifest.contributes.menus['view/title'] ?? []).filter((entry) => entry.command === 'axwaySupport.addAccount');
    assert.strictEqual(inTitle.length, 1, 'one entry in view/title');
    assert.strictEqual(inTitle[0].when, `view == ${VIEW_ID} && axwaySupport.signedIn`);
    assert.match(inTitle[0].group ?? '', /^1_account@\d+$/, 'the … menu\'s account group, not navigation');
    const inPalette = (manifest.contributes.menus.commandPalette ?? []).filter((entry) => entry.command === 'axwaySupport.addAccount');
    assert.deepStrictEqual(inPalette.map((entry) => entry.when), ['axwaySupport.signedIn']);
  });

  it('the account actions stay off case rows and rows of other views', () => {
    for (const viewItem of ['axwaySupport.case', 'axwaySupport.case.open', 'axwaySupport.accountant']) {
      const titles = contextMenuTitles(viewItem);
      for (const accountOnly of ['Rename Account…', 'Sign Out', 'Add Account…', 'Clear Filter', 'Sort By…', 'Group By…']) {
        assert.ok(!titles.includes(accountOnly), `${accountOnly} is not on ${viewItem}`);
      }
    }
    const elsewhere = (manifest.contributes.menus['view/item/context'] ?? []).filter((entry) =>
      whenHolds(entry.when, { view: 'explorer', viewItem: ACCOUNT_FILTERED }));
    assert.deepStrictEqual(elsewhere.map((e) => e.command), [], 'no account entries outside the Recent Cases view');
  });
});
