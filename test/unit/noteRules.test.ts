import * as assert from 'assert';
import type { Note } from '../../src/api/types';
import { checkNote, findSentNote, MAX_ATTACHMENT_BYTES, type NoteDraft } from '../../src/cases/noteRules';

const ok: NoteDraft = { subject: 'Logs attached', description: 'Here are the gateway logs.', contact: 'ops@example.com', files: [{ name: 'trace.log', size: 1200 }] };

describe('note rules', () => {
  it('accepts a draft within every limit', () => {
    assert.deepStrictEqual(checkNote(ok), []);
    assert.deepStrictEqual(checkNote({ ...ok, subject: 'x'.repeat(100), description: 'y'.repeat(4000) }), []);
  });

  it('names the field of every broken rule', () => {
    const problems = checkNote({
      subject: 'x'.repeat(101),
      description: ' ',
      contact: 'not-an-email',
      files: [...Array.from({ length: 5 }, (_, i) => ({ name: `f${i}.log`, size: 10 })), { name: 'empty.txt', size: 0 }, { name: 'big.bin', size: MAX_ATTACHMENT_BYTES + 1 }]
    });
    assert.deepStrictEqual(problems.map((p) => p.field), ['subject', 'description', 'contact', 'files', 'files', 'files']);
    assert.match(problems[0].message, /101 characters; at most 100/);
    assert.match(problems.map((p) => p.message).join(' '), /7 files are attached; at most 5/);
    assert.match(problems.map((p) => p.message).join(' '), /empty\.txt is empty/);
    assert.match(problems.map((p) => p.message).join(' '), /big\.bin has 20\.0 MB; at most 20 MB/);
  });

  it('counts characters, not UTF-16 units (an emoji is one character)', () => {
    assert.deepStrictEqual(checkNote({ ...ok, subject: '🙂'.repeat(100) }), []);
  });

  it('finds a note the API stored although its answer was lost, and only that one', () => {
    const sentAt = Date.parse('2026-11-30T12:00:00Z');
    const notes: Note[] = [
      { subject: 'Logs attached', description: 'Here are the gateway logs.', addedDate: '2026-11-29T08:00:00.000+0000', attachments: [] },
      { subject: 'Logs attached ', description: 'Here are the  gateway logs.\r\n', addedDate: '2026-11-30T12:00:03.000+0000', attachments: [] }
    ];
    assert.strictEqual(findSentNote(notes, ok, sentAt), notes[1]);
    assert.strictEqual(findSentNote(notes.slice(0, 1), ok, sentAt), undefined, 'an older identical note is not this one');
    assert.strictEqual(findSentNote(notes, { ...ok, description: 'Other text' }, sentAt), undefined);
  });
});
