import * as assert from 'assert';
import type { ApiErrorDetails } from '../../src/api/errors';
import type { CaseSummary } from '../../src/api/types';
import { describeCount } from '../../src/follow/awaitingText';
import { messageText, planNotification, type CaseChange } from '../../src/cases/changeDetection';
import type { CaseDetail } from '../../src/api/types';
import { html } from '../../src/util/html';
import { plainItem, plainLines, plainText } from '../../src/util/text';
import { renderCaseContent } from '../../src/views/caseTab/renderCase';
import { renderNoteFiles } from '../../src/views/caseTab/renderNoteForm';
import { renderOptions } from '../../src/views/newCase/renderNewCase';

// VS Code 1.139's own patterns (out/vs/code/browser/workbench/workbench.js of code-server 4.139.1): linkedText.ts
// turns these into links in notifications, progress notifications and input box messages; iconLabels.ts draws
// these as icons in notifications, quick picks and the status bar.
const VSCODE_LINK = /\[([^\]]+)\]\(((?:https?:\/\/|command:|file:)[^)\s]+)(?: (["'])(.+?)(\3))?\)/gi;
const VSCODE_ICON = /(\\)?\$\(([a-z0-9-]+?(?:~[a-z0-9-]*?)?)\)/gi;
const BIDI = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
const INVISIBLE = /[\u00ad\u180e\u200b-\u200d\u2060-\u2064\ufeff]|\udb40[\udc00-\udc7f]/;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

/** Hostile strings: each is what an attachment name, a subject, a status or a server's error text could be. */
const CORPUS: readonly string[] = [
  '[Open the fix](command:workbench.action.terminal.new)',
  '[Open the fix](command:workbench.action.terminal.sendSequence?%7B%22text%22%3A%22rm%20-rf%20~%22%7D)',
  '[x](https://evil.example/login)',
  '[x](HTTP://evil.example/)',
  '[x](file:///etc/passwd)',
  '[x](command:a "a title")',
  '[[inner](command:a)](command:b)',
  '\\[escaped\\](command:a)',
  '[x]\u200b(command:a)',
  '[x]\u2060(command:a)',
  '[x]\ufeff(command:a)',
  '[x]\u202e(command:a)',
  '[x]\udb40\udc20(command:a)',
  '[x]\n(command:a)',
  '[x](command:a\r\nb)',
  '..\\..\\evil\u202egol.txt',
  '\u2066isolated\u2069 \u202aembedded\u202c \u200fRLM \u200eLRM \u061cALM',
  'zero\u200bwidth\u200cjoin\u200djoin\u2060word\ufeffbom\u00adsoft\u180emongolian',
  'tag\udb40\udc41\udb40\udc42smuggled',
  '$(check) Verified by Axway',
  '$(sync~spin) working',
  'line1\r\nline2\rline3\nline4\u2028line5\u2029line6\u0085line7',
  '\u0000nul \u0007bell \u001b[31mred\u001b[0m \u009bcsi',
  `${'A'.repeat(100_000)}[x](command:a)`,
  '😀'.repeat(5000),
  `${'[x]('.repeat(2000)}command:a)`
];

function summary(subject: string, status: string, caseNumber = '01234567'): CaseSummary {
  return { caseNumber, subject, status, severity: '3 - Important', type: 'Support Case', createdDate: '2026-01-01T00:00:00.000+0000', modifiedDate: '2026-01-02T00:00:00.000+0000' };
}

function error(message: string, troubleshootingId?: string): ApiErrorDetails {
  return { kind: 'server', message, ...(troubleshootingId !== undefined ? { troubleshootingId } : {}) } as ApiErrorDetails;
}

/** Every surface helper, each given one hostile string in every place it takes API text. */
const SURFACES: readonly { readonly name: string; readonly lines: 'one' | 'many'; readonly max?: number; readonly render: (hostile: string) => readonly string[] }[] = [
  { name: 'plainText (labels, descriptions, progress titles, tab titles)', lines: 'one', render: (h) => [plainText(h)] },
  { name: 'plainText with a limit', lines: 'one', max: 80, render: (h) => [plainText(h, 80)] },
  { name: 'plainLines (tooltips, dialog details)', lines: 'many', max: 2000, render: (h) => [plainLines(h, 2000)] },
  {
    name: 'plainItem (quick pick label, description, detail)',
    lines: 'one',
    max: 200,
    render: (h) => {
      const item = plainItem({ label: h, description: h, detail: h, picked: true });
      assert.strictEqual(item.picked, true, 'the rest of the item is kept');
      return [item.label, item.description ?? '', item.detail ?? ''];
    }
  },
  { name: 'messageText (case notifications)', lines: 'one', max: 120, render: (h) => [messageText(h)] },
  {
    name: 'planNotification (the notification of a changed case)',
    lines: 'one',
    render: (h) => {
      const change: CaseChange = { kind: 'updated', summary: summary(h, h, h), previousStatus: 'In Support', nowAwaiting: true };
      return [planNotification('allChanges', [change])?.text ?? '', planNotification('awaitingMe', [change])?.text ?? ''];
    }
  },
  {
    name: 'describeCount (status bar text and tooltip)',
    lines: 'one',
    render: (h) => {
      const failed = describeCount({ kind: 'failed', error: error(h, h) });
      const stale = describeCount({ kind: 'counted', count: 2, atLeast: false, staleError: error(h) });
      // The item's own icon is ours: the API text is what must not add one.
      return [failed.text, failed.tooltip, failed.ariaLabel, stale.text, stale.tooltip, stale.ariaLabel].map((t) => t.replace(/^\$\((bell|bell-dot)\)/, ''));
    }
  }
];

describe('hostile text in VS Code\'s own UI: one neutraliser for every surface', () => {
  it('the detectors fire on the raw corpus (so the checks below can fail)', () => {
    assert.ok(CORPUS.filter((h) => new RegExp(VSCODE_LINK.source, 'gi').test(h)).length >= 8, 'VS Code would draw links for these');
    assert.ok(CORPUS.some((h) => new RegExp(VSCODE_ICON.source, 'gi').test(h)));
    assert.ok(CORPUS.some((h) => BIDI.test(h)) && CORPUS.some((h) => INVISIBLE.test(h)) && CORPUS.some((h) => CONTROL.test(h)));
    // An invisible character between "]" and "(" hides the link only until it is removed: the order matters.
    assert.ok(new RegExp(VSCODE_LINK.source, 'gi').test('[x]\u200b(command:a)'.replace(INVISIBLE, '')));
  });

  for (const surface of SURFACES) {
    it(`${surface.name}: no link, no icon, no bidi, invisible or control character, bounded`, () => {
      let checked = 0;
      for (const hostile of CORPUS) {
        const outputs = surface.render(hostile);
        assert.ok(outputs.length > 0);
        for (const out of outputs) {
          const where = `${surface.name} of ${JSON.stringify(hostile.slice(0, 60))}: ${JSON.stringify(out.slice(0, 120))}`;
          assert.strictEqual(new RegExp(VSCODE_LINK.source, 'gi').test(out), false, `a link in ${where}`);
          assert.strictEqual(new RegExp(VSCODE_ICON.source, 'gi').test(out), false, `an icon in ${where}`);
          assert.ok(!BIDI.test(out), `a bidi control in ${where}`);
          assert.ok(!INVISIBLE.test(out), `an invisible character in ${where}`);
          const controls = surface.lines === 'many' ? out.replace(/\n/g, '') : out;
          assert.ok(!CONTROL.test(controls), `a control character or line break in ${where}`);
          assert.ok(!/[\ud800-\udbff]$/.test(out), `half a surrogate pair at the end of ${where}`);
          if (surface.max !== undefined) {
            assert.ok(Array.from(out).length <= surface.max, `longer than ${surface.max}: ${where}`);
          }
          checked++;
        }
      }
      assert.ok(checked >= CORPUS.length);
    });
  }

  it('keeps the text readable: the words stay, a link reads as text, a bidi spoof reads in its real order', () => {
    assert.strictEqual(plainText('[Open the fix](command:workbench.action.terminal.new)'), '[Open the fix] (command:workbench.action.terminal.new)');
    assert.strictEqual(plainText('..\\..\\evil\u202egol.txt'), '..\\..\\evilgol.txt');
    assert.strictEqual(plainText('$(check) Verified'), '$ (check) Verified');
    assert.strictEqual(plainText('[x]\u200b(command:a)'), '[x] (command:a)');
    assert.strictEqual(plainText('line1\r\nline2\u2028line3'), 'line1 line2 line3');
    assert.strictEqual(plainLines('line1\r\n[x](command:a)\rline3'), 'line1\n[x] (command:a)\nline3');
    assert.strictEqual(plainText('Ünïcödé — 日本語 — עברית'), 'Ünïcödé — 日本語 — עברית', 'ordinary text is left alone');
    assert.strictEqual(plainText('😀'.repeat(10), 5), `${'😀'.repeat(4)}…`);
  });
});

describe('hostile text in the webviews: names isolated, control characters shown, not obeyed', () => {
  const SPOOF = '..\\..\\evil\u202egol.txt';

  function caseWith(name: string, author: string): CaseDetail {
    return {
      caseNumber: '01399003', subject: `Subject \u2067${name}`, status: 'In Support', severity: '3 - Important', type: 'Support Case',
      createdDate: '2026-01-01T00:00:00.000+0000', modifiedDate: '2026-01-02T00:00:00.000+0000', closedDate: undefined,
      description: `line one\nline two ${name}`, contact: { name: author, email: 'dana@example.com' }, ccEmails: [], extraFields: [],
      notes: [{ subject: 'Logs', description: 'attached', addedDate: '2026-01-02T00:00:00.000+0000', createdBy: { name: author }, attachments: [{ id: 'a2', name, createdDate: '2026-01-02T00:00:00.000+0000', createdBy: { name: author } }] }],
      attachments: [{ id: 'a1', name, createdDate: '2026-01-01T00:00:00.000+0000' }]
    } as unknown as CaseDetail;
  }

  it('the case tab shows "..\\..\\evil[U+202E]gol.txt" in an isolated name, never the bare override', () => {
    const page = renderCaseContent({ kind: 'loaded', caseNumber: '01399003', detail: caseWith(SPOOF, 'Dana \u202eremotsuC') }).value;
    assert.ok(!BIDI.test(page), 'no bidi control reaches the page unshown');
    const marker = '<span class="control-char" title="Invisible control character U+202E">[U+202E]</span>';
    assert.ok(page.includes(`<bdi>..\\..\\evil${marker}gol.txt</bdi>`), 'the attachment name, isolated, with its override shown');
    assert.ok(page.includes(`<bdi>Dana ${marker}remotsuC`), 'the person, isolated, with the override shown');
    assert.ok(page.includes('[U+2067]'), 'an isolate in the subject is shown');
    assert.ok(page.includes('line one\nline two'), 'line breaks in text stay line breaks');
    // Every hostile string of the corpus: nothing bidi, invisible or control (but tab and line breaks) stays raw.
    // (U+2028 and U+2029 are line breaks here: the page draws them as such, reordering nothing.)
    for (const hostile of CORPUS.slice(0, 24)) {
      const out = renderCaseContent({ kind: 'loaded', caseNumber: '01399003', detail: caseWith(hostile, hostile) }).value;
      assert.ok(!BIDI.test(out) && !INVISIBLE.test(out) && !CONTROL.test(out.replace(/[\t\n\r\u2028\u2029]/g, '')), `raw characters in the page for ${JSON.stringify(hostile.slice(0, 40))}`);
    }
  });

  it('the note form\'s file list and the New Case options show the same markers; attributes keep the exact value', () => {
    const files = renderNoteFiles([{ key: 'k1', name: SPOOF, size: 10 }] as never).value;
    assert.ok(files.includes('<bdi>..\\..\\evil<span class="control-char"'));
    const options = renderOptions([{ value: 'id\u202e1', label: `Product ${SPOOF}` }], 'Choose…');
    // Inside <option> no element may stand: the marker is text there, and the value round-trips untouched.
    assert.ok(options.includes('Product ..\\..\\evil[U+202E]gol.txt</option>'), options);
    assert.ok(options.includes('value="id\u202e1"'), 'an attribute is escaped only, so an id still matches');
    assert.strictEqual(html`<p title="${'a\u202eb'}">${'a\u202eb'}</p>`.value, '<p title="a\u202eb">a<span class="control-char" title="Invisible control character U+202E">[U+202E]</span>b</p>');
  });
});
