import * as assert from 'assert';
import { capitalise, formatSize } from '../../src/util/format';

describe('format: sizes and sentence starts read the same on every surface', () => {
  it('formats sizes: whole units without a decimal, anything else with one', () => {
    assert.strictEqual(formatSize(1), '1 byte');
    assert.strictEqual(formatSize(512), '512 bytes');
    assert.strictEqual(formatSize(1024), '1 KB');
    assert.strictEqual(formatSize(1536), '1.5 KB');
    assert.strictEqual(formatSize(2048), '2 KB');
    assert.strictEqual(formatSize(20 * 1024 * 1024), '20 MB');
    assert.strictEqual(formatSize(3 * 1024 * 1024 * 1024), '3 GB');
  });

  it('never shows a file just over a limit with the limit\'s own figure', () => {
    assert.strictEqual(formatSize(20 * 1024 * 1024 + 1), '20.0 MB');
    assert.notStrictEqual(formatSize(20 * 1024 * 1024 + 1), formatSize(20 * 1024 * 1024));
  });

  it('capitalises the first character only', () => {
    assert.strictEqual(capitalise('the Support API'), 'The Support API');
    assert.strictEqual(capitalise(''), '');
  });
});
