import * as assert from 'assert';
import { sanitizeFileName } from '../../src/util/fileName';

describe('sanitizeFileName (attachment names from the API)', () => {
  const cases: [string | undefined, string][] = [
    ['report.log', 'report.log'],
    ['../../etc/passwd', '______etc_passwd'],
    ['..\\..\\Windows\\win.ini', '______Windows_win.ini'],
    ['/absolute/path.txt', '_absolute_path.txt'],
    ['/', 'attachment'],
    ['..', 'attachment'],
    ['...', 'attachment'],
    ['', 'attachment'],
    [undefined, 'attachment'],
    ['CON', '_CON'],
    ['nul.txt', '_nul.txt'],
    ['Com1.log', '_Com1.log'],
    ['lpt9', '_lpt9'],
    ['console.log', 'console.log'],
    ['evil\u202Etxt.exe', 'eviltxt.exe'],
    ['line\nbreak\ttab\u0000.txt', 'linebreaktab.txt'],
    ['trailing. . ', 'trailing'],
    ['.hidden', 'hidden'],
    ['a:b*c?"d"<e>|f.txt', 'a_b_c__d__e__f.txt']
  ];
  for (const [input, expected] of cases) {
    it(`${JSON.stringify(input)} → ${JSON.stringify(expected)}`, () => {
      assert.strictEqual(sanitizeFileName(input), expected);
    });
  }

  it('caps the length and keeps the extension', () => {
    const result = sanitizeFileName(`${'x'.repeat(500)}.tar.gz`);
    assert.strictEqual(result.length, 200);
    assert.ok(result.endsWith('.gz'));
  });
});
