// The chain of a write's sends and of its deliberate repeats (src/cases/writeRepeats.ts), shared by the agent tools
// and Close Case in the UI: which send comes next, and that a repeat's identity is derived, stable and its own.
import * as assert from 'assert';
import type { SentMarker } from '../../src/cases/caseWrites';
import { writeKey, type WriteIdentity } from '../../src/cases/writeLookups';
import { nextSend, repeatIdentity, sendsOf, sentIdOf, type SentMarkers } from '../../src/cases/writeRepeats';

const CLOSE: WriteIdentity = { kind: 'close', account: 'acc-1', caseNumber: '01314580' };
const T0 = Date.UTC(2026, 11, 1, 9, 0, 0);
const HOUR = 3_600_000;

/** Markers by write key, as the ledger keeps them. */
function markers(entries: readonly (readonly [WriteIdentity, SentMarker])[]): SentMarkers & { reads: number } {
  const byKey = new Map(entries.map(([identity, marker]) => [writeKey(identity), marker]));
  const source = {
    reads: 0,
    marker(identity: WriteIdentity): Promise<SentMarker | undefined> {
      source.reads += 1;
      return Promise.resolve(byKey.get(writeKey(identity)));
    }
  };
  return source;
}

describe('write repeats (cases/writeRepeats)', () => {
  it('never sent: the next send is the intent itself, whose key is what a first close always had', async () => {
    const sends = await sendsOf(markers([]), CLOSE);
    assert.deepStrictEqual(sends, []);
    assert.deepStrictEqual(nextSend(CLOSE, sends), { kind: 'first', identity: CLOSE });
    assert.strictEqual(CLOSE.draftId, undefined);
  });

  it('a close on the server: the next send is its repeat, with an identity of its own derived from that send', async () => {
    const sends = await sendsOf(markers([[CLOSE, { state: 'committed', sentAt: T0 }]]), CLOSE);
    assert.deepStrictEqual(sends.map((s) => [s.sentId, s.state]), [[sentIdOf(T0), 'committed']]);
    const next = nextSend(CLOSE, sends);
    assert.ok(next.kind === 'repeat');
    assert.deepStrictEqual(next.identity, repeatIdentity(CLOSE, sentIdOf(T0)));
    assert.notStrictEqual(writeKey(next.identity), writeKey(CLOSE));
    assert.strictEqual(next.of.sentAt, T0);
    assert.deepStrictEqual(next.repeats, { since: T0, count: 1 });
    // The same chain read again (a retry, a double click, another window) gives the same identity: one intent.
    assert.deepStrictEqual(nextSend(CLOSE, await sendsOf(markers([[CLOSE, { state: 'committed', sentAt: T0 }]]), CLOSE)).identity, next.identity);
  });

  it('follows the chain to its newest send; a send with an unknown outcome is the next one (looked up, not repeated)', async () => {
    const first = repeatIdentity(CLOSE, sentIdOf(T0));
    const second = repeatIdentity(first, sentIdOf(T0 + HOUR));
    const chain = markers([
      [CLOSE, { state: 'committed', sentAt: T0 }],
      [first, { state: 'committed', sentAt: T0 + HOUR }],
      [second, { state: 'pending', sentAt: T0 + 2 * HOUR }]
    ]);
    const sends = await sendsOf(chain, CLOSE);
    assert.deepStrictEqual(sends.map((s) => s.state), ['committed', 'committed', 'pending']);
    assert.deepStrictEqual(nextSend(CLOSE, sends), { kind: 'pending', identity: second });
    const landed = await sendsOf(markers([[CLOSE, { state: 'committed', sentAt: T0 }], [first, { state: 'committed', sentAt: T0 + HOUR }]]), CLOSE);
    const next = nextSend(CLOSE, landed);
    assert.ok(next.kind === 'repeat');
    assert.deepStrictEqual(next.identity, second);
    assert.deepStrictEqual(next.repeats, { since: T0, count: 2 });
  });

  it('each link differs even when two sends carry the same time (a clock set back)', () => {
    const first = repeatIdentity(CLOSE, sentIdOf(T0));
    const second = repeatIdentity(first, sentIdOf(T0));
    assert.strictEqual(new Set([CLOSE, first, second].map(writeKey)).size, 3);
  });

  it('stops after a bounded number of reads, whatever the markers say', async () => {
    const always = { reads: 0, marker: (): Promise<SentMarker> => { always.reads += 1; return Promise.resolve({ state: 'committed', sentAt: T0 }); } };
    const sends = await sendsOf(always, CLOSE);
    assert.ok(sends.length > 1 && always.reads === sends.length, `${sends.length} sends, ${always.reads} reads`);
    assert.ok(always.reads < 1000);
  });
});
