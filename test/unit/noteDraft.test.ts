import * as assert from 'assert';
import { addFiles, CandidateFile, NoteDrafts, parseDraft, refusalText, StateStore, suggestSubject } from '../../src/views/caseTab/noteDraft';

/** A Memento as VS Code keeps it: values stored by copy (JSON), readable at once. */
class MemoryState implements StateStore {
  readonly values = new Map<string, string>();
  get<T>(key: string): T | undefined {
    const raw = this.values.get(key);
    return raw === undefined ? undefined : (JSON.parse(raw) as T);
  }
  update(key: string, value: unknown): Thenable<void> {
    this.values.set(key, JSON.stringify(value));
    return Promise.resolve();
  }
}

const MB = 1024 * 1024;
const file = (name: string, size: number, isFile = true): CandidateFile => ({ path: `/work/${name}`, name, size, isFile });

describe('note drafts', () => {
  const A = { account: 'acct-a', caseNumber: '01314580' };
  const B = { account: 'acct-b', caseNumber: '01314580' };

  it('keeps a draft per account and case, with its files, and removes it only when cleared', async () => {
    const state = new MemoryState();
    const drafts = new NoteDrafts(state);
    await drafts.save(A, { subject: 'Logs', description: 'Attached the trace', files: [{ path: '/work/trace.log', name: 'trace.log', size: 12 }] });
    const { id, ...stored } = drafts.get(A);
    assert.deepStrictEqual(stored, { subject: 'Logs', description: 'Attached the trace', files: [{ path: '/work/trace.log', name: 'trace.log', size: 12 }] });
    assert.match(id ?? '', /^[0-9a-f-]{36}$/, 'a stored draft gets an id');
    await drafts.save(A, { ...drafts.get(A), subject: 'Logs (edited)' });
    assert.strictEqual(drafts.get(A).id, id, 'and keeps it while it is edited');
    assert.deepStrictEqual(drafts.get(B), { subject: '', description: '', files: [] }, 'the same number under another account is another case');
    // A new store over the same state (a window reload) finds it.
    assert.strictEqual(new NoteDrafts(state).get(A).subject, 'Logs (edited)');
    await drafts.clear(A);
    assert.deepStrictEqual(drafts.get(A), { subject: '', description: '', files: [] });
    assert.deepStrictEqual(state.get('axwaySupport.noteDrafts'), {}, 'nothing left behind');
    await drafts.save(A, { subject: 'Next note', description: '', files: [] });
    assert.notStrictEqual(drafts.get(A).id, id, 'the next draft is another one: a page holding the sent text can tell');
  });

  it('keeps a draft whose send is pending even without text, and forgets every draft of a signed-out account', async () => {
    const drafts = new NoteDrafts(new MemoryState());
    await drafts.save(A, { subject: '', description: '', files: [], pendingSince: 1000 });
    assert.strictEqual(drafts.get(A).pendingSince, 1000);
    await drafts.save(B, { subject: 'b', description: '', files: [] });
    await drafts.forgetAccount('acct-a');
    assert.strictEqual(drafts.get(A).pendingSince, undefined);
    assert.strictEqual(drafts.get(B).subject, 'b');
  });

  it('reads stored drafts defensively', () => {
    assert.strictEqual(parseDraft(null), undefined);
    assert.strictEqual(parseDraft('x'), undefined);
    assert.deepStrictEqual(parseDraft({ subject: 5, description: 'd', files: [{ path: '', name: 'a', size: 1 }, { path: '/p', name: 'p', size: -1 }, 'x', { path: '/q', name: 'q', size: 3 }], pendingSince: 'soon' }), {
      subject: '',
      description: 'd',
      files: [{ path: '/q', name: 'q', size: 3 }]
    });
    const state = new MemoryState();
    void state.update('axwaySupport.noteDrafts', ['not', 'a', 'record']);
    assert.deepStrictEqual(new NoteDrafts(state).get(A), { subject: '', description: '', files: [] });
  });
});

describe('files chosen for a note', () => {
  it('applies the API limits when files are chosen and says why each refused file was left out', () => {
    const { files, refused } = addFiles([], [file('a.log', 10), file('empty.txt', 0), file('big.zip', 20 * MB + 1), file('dir', 4096, false), file('exact.bin', 20 * MB)]);
    assert.deepStrictEqual(files.map((f) => f.name), ['a.log', 'exact.bin']);
    assert.deepStrictEqual(refused.map((r) => r.name), ['empty.txt', 'big.zip', 'dir']);
    assert.strictEqual(refusalText(refused), 'empty.txt is empty. big.zip has 20.0 MB; at most 20 MB per file are allowed. dir is not a file.');
  });

  it('takes at most five files and keeps a file chosen twice once', () => {
    const first = addFiles([], [1, 2, 3, 4].map((i) => file(`f${i}`, i)));
    const second = addFiles(first.files, [file('f1', 1), file('f5', 5), file('f6', 6)]);
    assert.deepStrictEqual(second.files.map((f) => f.name), ['f1', 'f2', 'f3', 'f4', 'f5']);
    assert.deepStrictEqual(second.refused, [{ name: 'f6', reason: 'would be file 6; a note takes at most 5' }]);
  });

  it('proposes a subject naming the files, within the 100 characters a subject may have', () => {
    assert.strictEqual(suggestSubject(['server.log']), 'Attached server.log');
    assert.strictEqual(suggestSubject(['a.log', 'b.log']), 'Attached 2 files: a.log, b.log');
    const long = suggestSubject(['x'.repeat(80), 'y'.repeat(80)]);
    assert.strictEqual([...long].length, 100);
    assert.ok(long.endsWith('…'));
    assert.strictEqual(suggestSubject([]), '');
  });
});
