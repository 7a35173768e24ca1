import * as assert from 'assert';
import { sanitizeFileName } from '../../src/util/fileName';

describe('sanitizeFileName (attachment names from the API)', () => {
  const cases: [string | undefined, string][] = [
    ['report.log', 'report.log'],
    ['Übersicht – März.pdf', 'Übersicht – März.pdf'],
    // Path separators of every OS, and traversal.
    ['../../etc/passwd', '____etc_passwd'],
    ['..\\..\\Windows\\win.ini', '____Windows_win.ini'],
    ['/absolute/path.txt', '_absolute_path.txt'],
    ['C:\\Users\\me\\x.txt', 'C__Users_me_x.txt'],
    ['a..b.txt', 'a__b.txt'],
    ['/', 'attachment'],
    ['..', 'attachment'],
    ['...', 'attachment'],
    ['', 'attachment'],
    ['   ', 'attachment'],
    [undefined, 'attachment'],
    // Reserved device names, with any extension, in any case.
    ['CON', '_CON'],
    ['prn.txt', '_prn.txt'],
    ['AUX.tar.gz', '_AUX.tar.gz'],
    ['nul.txt', '_nul.txt'],
    ['Com1.log', '_Com1.log'],
    ['COM9', '_COM9'],
    ['com¹.txt', '_com¹.txt'],
    ['lpt9', '_lpt9'],
    ['LPT1.', '_LPT1'],
    ['CON .txt', '_CON .txt'],
    ['console.log', 'console.log'],
    ['com10.txt', 'com10.txt'],
    ['auxiliary.txt', 'auxiliary.txt'],
    // Bidi controls (a right-to-left override disguises "exe.txt" as "txt.exe") and control characters.
    ['evil\u202Etxt.exe', 'eviltxt.exe'],
    ['a\u2066b\u2069\u200Fc\u061C.txt', 'abc.txt'],
    ['line\nbreak\ttab\u0000.txt', 'linebreaktab.txt'],
    ['esc\u001B[31m\u007F\u0085.log', 'esc[31m.log'],
    // Trailing dots and spaces (Windows drops them), leading dots (hidden files).
    ['trailing. . ', 'trailing'],
    ['name.txt...', 'name.txt'],
    ['.hidden', 'hidden'],
    ['a:b*c?"d"<e>|f.txt', 'a_b_c__d__e__f.txt']
  ];
  for (const [input, expected] of cases) {
    it(`${JSON.stringify(input)} → ${JSON.stringify(expected)}`, () => {
      assert.strictEqual(sanitizeFileName(input), expected);
    });
  }

  it('uses the given fallback when nothing is left', () => {
    assert.strictEqual(sanitizeFileName('../', 'case-attachment'), 'case-attachment');
  });

  it('caps an overlong name and keeps its extension', () => {
    const result = sanitizeFileName(`${'x'.repeat(500)}.tar.gz`);
    assert.strictEqual(Buffer.byteLength(result), 200);
    assert.ok(result.endsWith('.gz'));
  });

  it('caps by UTF-8 bytes (file systems count bytes) without splitting a character', () => {
    const result = sanitizeFileName(`${'日'.repeat(300)}.log`);
    assert.ok(Buffer.byteLength(result) <= 200, `${Buffer.byteLength(result)} bytes`);
    assert.ok(result.endsWith('.log'));
    assert.match(result, /^日+\.log$/);
    const emoji = sanitizeFileName('😀'.repeat(100));
    assert.ok(Buffer.byteLength(emoji) <= 200);
    assert.strictEqual(emoji, '😀'.repeat(50), 'whole surrogate pairs only');
  });

  it('a cut never ends in a dot or a space', () => {
    const result = sanitizeFileName(`${'x'.repeat(198)} .y z${'w'.repeat(40)}`);
    assert.ok(!/[. ]$/.test(result), JSON.stringify(result.slice(-5)));
    assert.ok(Buffer.byteLength(result) <= 200);
  });

  it('never returns a separator, a control or bidi character, or a run of dots, whatever the input', () => {
    const alphabet = ['a', '.', '/', '\\', ':', ' ', '\u0000', '\u202E', '\u2067', 'é', '😀', 'C', 'O', 'N', '\n'];
    let seed = 7;
    const random = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    for (let i = 0; i < 2000; i++) {
      const input = Array.from({ length: random(30) }, () => alphabet[random(alphabet.length)]).join('');
      const result = sanitizeFileName(input);
      assert.ok(result.length > 0, JSON.stringify(input));
      assert.ok(!/[/\\:\u202a-\u202e\u2066-\u2069]|\.\.|^\.|[. ]$/.test(result), `${JSON.stringify(input)} → ${JSON.stringify(result)}`);
      assert.ok([...result].every((c) => c.charCodeAt(0) >= 0x20), `${JSON.stringify(input)} → ${JSON.stringify(result)}`);
      assert.ok(!/^(con|prn|aux|nul|com[0-9]|lpt[0-9]) *(\..*)?$/i.test(result), `${JSON.stringify(input)} → ${JSON.stringify(result)}`);
    }
  });
});
