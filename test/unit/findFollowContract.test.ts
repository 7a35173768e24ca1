// Issue 9's contract in package.json: the list commands (titles, category, icons), where they appear in the Recent
// Cases title bar (navigation or the … menu) with their `when` clauses, and the three settings with their defaults.
import * as assert from 'assert';
import { CONTEXT_FILTER_ACTIVE, VIEW_ID } from '../../src/util/ids';
import { contributedCommand as command, manifest, type MenuEntry } from './support/manifest';

function titleMenu(id: string): MenuEntry {
  const found = manifest.contributes.menus['view/title'].find((m) => m.command === id);
  assert.ok(found, `${id} is in the view's title bar`);
  return found;
}

describe('find and follow: manifest contract (package.json)', () => {
  it('contributes the list commands with their titles, the "Axway Support" category and icons', () => {
    const expected: readonly [string, string, string | undefined][] = [
      ['axwaySupport.filter', 'Filter Cases…', '$(filter)'],
      ['axwaySupport.clearFilter', 'Clear Filter', '$(clear-all)'],
      ['axwaySupport.sortBy', 'Sort By…', undefined],
      ['axwaySupport.groupBy', 'Group By…', undefined],
      ['axwaySupport.markAllSeen', 'Mark All as Seen', undefined],
      ['axwaySupport.reload', 'Reload Full List', undefined]
    ];
    for (const [id, title, icon] of expected) {
      const c = command(id);
      assert.strictEqual(c.title, title);
      assert.strictEqual(c.category, 'Axway Support');
      if (icon) {
        assert.strictEqual(c.icon, icon);
      }
    }
  });

  it('puts Filter Cases… and Clear Filter in the title bar, the others in its … menu, each only where it applies', () => {
    const inView = `view == ${VIEW_ID}`;
    const filter = titleMenu('axwaySupport.filter');
    assert.match(filter.group ?? '', /^navigation/);
    assert.ok(filter.when?.includes(inView) && filter.when.includes('axwaySupport.signedIn'), filter.when);
    const clear = titleMenu('axwaySupport.clearFilter');
    assert.match(clear.group ?? '', /^navigation/);
    assert.ok(clear.when?.includes(inView) && clear.when.includes(CONTEXT_FILTER_ACTIVE), `only while a filter is active: ${clear.when}`);
    for (const id of ['axwaySupport.sortBy', 'axwaySupport.groupBy', 'axwaySupport.markAllSeen', 'axwaySupport.reload']) {
      const entry = titleMenu(id);
      assert.doesNotMatch(entry.group ?? '', /^navigation/, `${id} is in the … menu`);
      assert.ok(entry.when?.includes(inView) && entry.when.includes('axwaySupport.signedIn'), `${id}: ${entry.when}`);
    }
    const palette = manifest.contributes.menus.commandPalette;
    const clearInPalette = palette.find((m) => m.command === 'axwaySupport.clearFilter');
    assert.ok(clearInPalette?.when?.includes(CONTEXT_FILTER_ACTIVE), 'the palette offers Clear Filter only while a filter is active');
    for (const id of ['axwaySupport.filter', 'axwaySupport.sortBy', 'axwaySupport.groupBy', 'axwaySupport.markAllSeen', 'axwaySupport.reload']) {
      assert.ok(palette.find((m) => m.command === id)?.when?.includes('axwaySupport.signedIn'), `${id} in the palette only while signed in`);
    }
  });

  it('declares the three settings with their types and defaults', () => {
    const props = manifest.contributes.configuration.properties;
    const interval = props['axwaySupport.autoRefresh.intervalMinutes'];
    assert.deepStrictEqual([interval.type, interval.default, interval.minimum], ['number', 5, 0]);
    const notifications = props['axwaySupport.notifications'];
    assert.deepStrictEqual([notifications.type, notifications.default, notifications.enum], ['string', 'awaitingMe', ['off', 'awaitingMe', 'allChanges']]);
    const statusBar = props['axwaySupport.statusBar.enabled'];
    assert.deepStrictEqual([statusBar.type, statusBar.default], ['boolean', true]);
    // They spend requests with the user's token or raise pop-ups: only the user's own settings may change them.
    assert.deepStrictEqual([interval.scope, notifications.scope, statusBar.scope], ['application', 'application', 'application']);
  });
});
