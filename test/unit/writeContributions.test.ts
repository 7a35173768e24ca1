// Issue 8's contract table, read from package.json: the write commands' ids, titles and category, and exactly the
// menus (with their `when` clauses) where each one appears. A misplaced or missing entry (New Case once slipped from
// the palette into the editor tab's context menu in a merge) fails here before any VS Code starts.
import * as assert from 'assert';
import { assertCommandTitles, manifest, placesOf, type MenuEntry } from './support/manifest';

/** Whether a `viewItem =~ /re/` or `viewItem == value` clause admits a row's contextValue (as VS Code evaluates it). */
function admitsViewItem(when: string | undefined, contextValue: string): boolean {
  const regex = /viewItem =~ \/(.+?)\//.exec(when ?? '');
  if (regex) {
    return new RegExp(regex[1]).test(contextValue);
  }
  const equal = /viewItem == ([\w.]+)/.exec(when ?? '');
  return equal?.[1] === contextValue;
}

/** The only entry of `command` in `menu`. */
function only(command: string, menu: string): MenuEntry {
  const entries = placesOf(command)[menu] ?? [];
  assert.strictEqual(entries.length, 1, `${command} appears once in ${menu}`);
  return entries[0];
}

const OPEN_ROW = 'axwaySupport.case.open';
const CLOSED_ROW = 'axwaySupport.case.closed';

describe('write commands: manifest contract (package.json)', () => {
  it('declares the five commands with their titles in the "Axway Support" category', () => {
    const expected: Record<string, string> = {
      'axwaySupport.addNote': 'Add Note…',
      'axwaySupport.createCase': 'New Case…',
      'axwaySupport.closeCase': 'Close Case…',
      'axwaySupport.attachToCase': 'Attach to Support Case…',
      'axwaySupport.setContactEmail': 'Set Contact E-mail…'
    };
    assertCommandTitles(expected);
    assert.strictEqual(manifest.contributes.commands.find((c) => c.command === 'axwaySupport.createCase')?.icon, '$(add)');
  });

  it('Add Note: on every case row (open or closed) and in the palette when signed in; nowhere else', () => {
    assert.deepStrictEqual(Object.keys(placesOf('axwaySupport.addNote')).sort(), ['commandPalette', 'view/item/context']);
    const row = only('axwaySupport.addNote', 'view/item/context');
    assert.match(row.when ?? '', /view == axwaySupport\.cases/);
    assert.ok(admitsViewItem(row.when, OPEN_ROW) && admitsViewItem(row.when, CLOSED_ROW), 'both kinds of case row');
    assert.ok(!admitsViewItem(row.when, 'axwaySupport.error.retry') && !admitsViewItem(row.when, 'axwaySupport.loadMore'), 'not special rows');
    assert.strictEqual(only('axwaySupport.addNote', 'commandPalette').when, 'axwaySupport.signedIn');
  });

  it('New Case: the $(add) button in the Recent Cases title bar (navigation group) and the palette when signed in; nowhere else', () => {
    assert.deepStrictEqual(Object.keys(placesOf('axwaySupport.createCase')).sort(), ['commandPalette', 'view/title']);
    const title = only('axwaySupport.createCase', 'view/title');
    assert.match(title.group ?? '', /^navigation(@\d+)?$/);
    assert.strictEqual(title.when, 'view == axwaySupport.cases && axwaySupport.signedIn');
    assert.strictEqual(only('axwaySupport.createCase', 'commandPalette').when, 'axwaySupport.signedIn');
  });

  it('Close Case: on open case rows only; hidden from the palette (it needs a case)', () => {
    assert.deepStrictEqual(Object.keys(placesOf('axwaySupport.closeCase')).sort(), ['commandPalette', 'view/item/context']);
    const row = only('axwaySupport.closeCase', 'view/item/context');
    assert.match(row.when ?? '', /view == axwaySupport\.cases/);
    assert.ok(admitsViewItem(row.when, OPEN_ROW), 'an open case offers it');
    assert.ok(!admitsViewItem(row.when, CLOSED_ROW), 'a closed case does not');
    assert.strictEqual(only('axwaySupport.closeCase', 'commandPalette').when, 'false');
  });

  it('Attach to Support Case…: Explorer context menu on files, editor title context menu on file editors; hidden from the palette', () => {
    assert.deepStrictEqual(Object.keys(placesOf('axwaySupport.attachToCase')).sort(), ['commandPalette', 'editor/title/context', 'explorer/context']);
    assert.strictEqual(only('axwaySupport.attachToCase', 'explorer/context').when, 'axwaySupport.signedIn && !explorerResourceIsFolder');
    assert.strictEqual(only('axwaySupport.attachToCase', 'editor/title/context').when, 'axwaySupport.signedIn && resourceScheme == file');
    assert.strictEqual(only('axwaySupport.attachToCase', 'commandPalette').when, 'false');
  });

  it('Set Contact E-mail: the palette when signed in; nowhere else', () => {
    assert.deepStrictEqual(Object.keys(placesOf('axwaySupport.setContactEmail')), ['commandPalette']);
    assert.strictEqual(only('axwaySupport.setContactEmail', 'commandPalette').when, 'axwaySupport.signedIn');
  });
});
