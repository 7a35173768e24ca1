import * as assert from 'assert';
import { walk } from '../support/exportWalker';

const SECRET = 'planted-secret-5d1c9a';
const TOKEN = 'eyJplanted.token.value';

/** A small graph that hides the needles the way real objects would. */
function planted(): unknown {
  class Store {
    #hidden = 'not reachable from outside';
    private readonly cache = new Map<string, { clientSecret: string }>([['k', { clientSecret: SECRET }]]);
    get size(): number {
      return this.cache.size + this.#hidden.length;
    }
    async current(): Promise<{ token: string }> {
      return { token: TOKEN };
    }
    lookup(key: string): unknown {
      return this.cache.get(key);
    }
  }
  return { deep: { store: new Store() }, list: [1, 'x', new Set([{ note: `prefix ${SECRET} suffix` }])] };
}

describe('export walker: what another extension can reach', () => {
  it('finds a planted secret in a Map, a Set and an awaited zero-argument method', async () => {
    const report = await walk(planted(), { needles: [SECRET, TOKEN], invoke: true });
    const paths = report.hits.map((h) => `${h.needle}:${h.path}`);
    assert.ok(paths.some((p) => p.startsWith('0:') && p.includes('.cache')), paths.join('\n'));
    assert.ok(paths.some((p) => p.startsWith('0:') && p.includes('.entry')), paths.join('\n'));
    assert.ok(paths.some((p) => p === '1:$.deep.store.current().token'), paths.join('\n'));
  });

  it('does not call methods when invoke is off, and finds nothing where nothing is', async () => {
    const report = await walk(planted(), { needles: [TOKEN], invoke: false });
    assert.deepStrictEqual(report.hits, []);
    const empty = await walk(undefined, { needles: [SECRET], invoke: true });
    assert.strictEqual(empty.visited, 1);
    assert.deepStrictEqual(empty.hits, []);
  });
});
