import * as assert from 'assert';
import { CaseDetail } from '../../src/api/types';
import { escapeHtml, html, SafeHtml } from '../../src/util/html';
import { composePage, contentSecurityPolicy, PageResources, PanelContent, renderCaseContent, renderCasePage, toStateMessage } from '../../src/views/caseTab/renderCase';
import type { CasePageStrings } from '../../src/webviews/case/protocol';
import { parseApiDate } from '../../src/api/parse';
import { formatApiDate } from '../../src/views/format';
import { renderNoteFiles, renderNoteStatus, toFormMessage } from '../../src/views/caseTab/renderNoteForm';

const RES: PageResources = {
  cspSource: 'https://file+.vscode-resource.vscode-cdn.net',
  nonce: 'bm9uY2Utdmx1ZQ==',
  styleUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/media/case.css',
  scriptUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/dist/webviews/case.js'
};
const STRINGS: CasePageStrings = { refreshing: 'Refreshing…' };

function detail(overrides: Partial<CaseDetail> = {}): CaseDetail {
  return {
    caseNumber: '01314580',
    subject: 'Gateway rejects TLS 1.3 handshakes',
    status: 'In Support',
    severity: '2 - Urgent',
    type: 'Support Case',
    createdDate: '2021-07-22T12:32:36.000+0000',
    modifiedDate: '2021-07-23T08:00:00.000+0000',
    closedDate: undefined,
    impact: '2 - High',
    urgency: '1 - High',
    description: 'Since the upgrade\nevery handshake fails.',
    environment: 'Production',
    targetDate: '2024-05-21',
    externalNumber: 'EXT-77',
    account: { name: 'ACME Corp', sac: 'SAC-123' },
    contact: { name: 'Dana Customer', email: 'dana@example.com' },
    owner: { name: 'Sam Engineer', email: 'sam@axway.example' },
    product: { id: 'p1', name: 'API Gateway', os: { id: 'o1', name: 'Linux x86-64' }, version: { id: 'v1', name: '7.7.0' }, patch: 'SP3' },
    ccEmails: ['ops@example.com', 'lead@example.com'],
    notes: [
      { subject: 'First note', description: 'Logs attached', addedDate: '2021-07-22T13:00:00.000+0000', createdBy: { name: 'Dana Customer', email: 'dana@example.com' }, attachments: [{ id: 'a2', name: 'trace.log', createdDate: '2021-07-22T13:00:00.000+0000' }] },
      { subject: 'Second note', description: 'We reproduced it', addedDate: '2021-07-23T08:00:00.000+0000', createdBy: { name: 'Sam Engineer' }, attachments: [] }
    ],
    attachments: [{ id: 'a1', name: 'config.xml', createdDate: '2021-07-22T12:40:00.000+0000', createdBy: { name: 'Dana Customer' } }],
    enhancementRequest: { response: 'Planned', deliveryTargetDate: '2025-01-01', deliveryTargetVersion: '7.8', responseDetails: 'In the next release' },
    extraFields: [{ key: 'region', value: 'EMEA' }],
    ...overrides
  };
}

/** The page without its <script src> and CSP lines: what remains must contain no markup from the API. */
function bodyOf(page: string): string {
  return page.slice(page.indexOf('<body'), page.indexOf('<script nonce'));
}

describe('case page rendering', () => {
  it('shows every field of the case detail', () => {
    const page = renderCasePage(RES, { kind: 'loaded', caseNumber: '01314580', detail: detail() }, '', STRINGS);
    const expected = [
      'Gateway rejects TLS 1.3 handshakes', 'In Support', '2 - Urgent', 'Support Case', '2 - High', '1 - High', 'Production',
      '2021-07-22 12:32 UTC', '2021-07-23 08:00 UTC', '2024-05-21', 'EXT-77', 'API Gateway', '7.7.0', 'Linux x86-64', 'SP3',
      'ACME Corp (SAC SAC-123)', 'Dana Customer &lt;dana@example.com&gt;', 'Sam Engineer &lt;sam@axway.example&gt;',
      'ops@example.com, lead@example.com', 'Since the upgrade\nevery handshake fails.', 'First note', 'Logs attached', 'trace.log',
      'Second note', 'config.xml', 'Planned', '2025-01-01', '7.8', 'In the next release', 'region', 'EMEA', 'Notes (2)', 'Attachments (1)'
    ];
    for (const text of expected) {
      assert.ok(page.includes(text), `missing ${JSON.stringify(text)}`);
    }
  });

  it('lists notes in the order given (the parser sorts them oldest first) with their authors', () => {
    const page = renderCasePage(RES, { kind: 'loaded', caseNumber: '01314580', detail: detail() }, '', STRINGS);
    assert.ok(page.indexOf('First note') < page.indexOf('Second note'));
    assert.match(page, /First note<\/span>\s*<span class="note-meta"><bdi>Dana Customer &lt;dana@example.com&gt;<\/bdi>/);
  });

  it('renders a case with only the required fields without crashing or showing "undefined"', () => {
    const minimal: CaseDetail = { caseNumber: '1', subject: '', status: '', severity: '', type: '', description: '', ccEmails: [], notes: [], attachments: [], extraFields: [] };
    const page = renderCasePage(RES, { kind: 'loaded', caseNumber: '1', detail: minimal }, '', STRINGS);
    assert.ok(!page.includes('undefined'));
    assert.ok(!page.includes('null'));
    assert.ok(page.includes('(no subject)'));
    assert.ok(page.includes('No notes yet.'));
    assert.ok(!page.includes('Enhancement request'));
  });

  it('escapes hostile strings in every field so no markup from the API reaches the page', () => {
    const evil = '<img src=x onerror=alert(1)><script>alert(2)</script>"\'`&<style>body{display:none}</style><a href="javascript:alert(3)">x</a>';
    const hostile = detail({
      subject: evil,
      description: evil,
      status: evil,
      severity: evil,
      type: evil,
      environment: evil,
      account: { name: evil, sac: evil },
      contact: { name: evil, email: evil },
      owner: { name: evil },
      product: { name: evil, os: { name: evil }, version: { name: evil }, patch: evil },
      ccEmails: [evil],
      notes: [{ subject: evil, description: evil, addedDate: evil, createdBy: { name: evil }, attachments: [{ id: evil, name: evil }] }],
      attachments: [{ id: evil, name: evil, createdBy: { email: evil } }],
      enhancementRequest: { response: evil, responseDetails: evil },
      extraFields: [{ key: evil, value: evil }]
    });
    const page = renderCasePage(RES, { kind: 'loaded', caseNumber: '01314580', detail: hostile }, '', STRINGS);
    const body = bodyOf(page);
    assert.ok(!/<img|<script|<style|<a /i.test(body), 'raw markup from the API reached the page');
    assert.ok(!body.includes('onerror=alert(1)>'), 'an attribute could be formed');
    assert.ok(body.includes('&lt;img src=x onerror=alert(1)&gt;'));
    assert.ok(body.includes('&quot;&#39;&#96;&amp;'));
    // Exactly one script element: ours, carrying the nonce.
    assert.strictEqual((page.match(/<script/g) ?? []).length, 1);
  });

  it('escapes the case number in attributes of the loading and error pages', () => {
    const sneaky = '"><script>alert(1)</script>';
    for (const content of [
      { kind: 'loading' as const, caseNumber: sneaky },
      { kind: 'error' as const, caseNumber: sneaky, error: { kind: 'server' as const, message: '<b>boom</b>', troubleshootingId: '<i>tid</i>' } }
    ]) {
      const page = renderCasePage(RES, content, '', STRINGS);
      assert.strictEqual((page.match(/<script/g) ?? []).length, 1);
      assert.ok(page.includes('data-case-number="&quot;&gt;&lt;script&gt;'));
    }
  });

  it('sets a strict CSP: nothing by default, scripts only with the nonce, styles and images only from the extension', () => {
    const csp = contentSecurityPolicy(RES);
    assert.match(csp, /^default-src 'none'/);
    assert.ok(csp.includes(`script-src 'nonce-${RES.nonce}'`));
    assert.ok(csp.includes(`style-src ${RES.cspSource}`));
    assert.ok(!csp.includes('unsafe-inline') && !csp.includes('unsafe-eval'));
    const page = renderCasePage(RES, { kind: 'loading', caseNumber: '1' }, '', STRINGS);
    assert.ok(page.includes(`<script nonce="${RES.nonce}" src="${RES.scriptUri}">`));
    assert.ok(!/\sstyle="/.test(page), 'inline style attributes would be blocked by the CSP');
  });

  it('shows the error message, the troubleshooting id and a retry button, and a sign-in button for rejected credentials', () => {
    const page = renderCasePage(RES, { kind: 'error', caseNumber: '42', error: { kind: 'notFound', message: 'Case 42 was not found.', troubleshootingId: 'tid-123' } }, '', STRINGS);
    assert.ok(page.includes('Case 42 was not found.'));
    assert.ok(page.includes('tid-123'));
    assert.ok(page.includes('data-action="refresh"'));
    assert.ok(!page.includes('data-action="signIn"'));
    const rejected = renderCasePage(RES, { kind: 'error', caseNumber: '42', error: { kind: 'credentialsRejected', message: 'Rejected.' } }, '', STRINGS);
    assert.ok(rejected.includes('data-action="signIn"'));
  });

  it('renders a 100 KB description in full, as text', () => {
    const big = 'A'.repeat(100_000) + '<b>';
    const page = renderCasePage(RES, { kind: 'loaded', caseNumber: '1', detail: detail({ description: big }) }, '', STRINGS);
    assert.ok(page.includes('A'.repeat(100_000) + '&lt;b&gt;'));
  });
});

describe('case page updated in place', () => {
  const REF = { account: 'acct-1f2e', caseNumber: '01314580' };
  const EVIL = '<img src=x onerror=alert(1)><script>alert(2)</script><!--/content--><div id="case-forms">';

  it('writes a page whose content region holds the first state, followed by a static forms region outside it', () => {
    const page = renderCasePage(RES, { kind: 'loading', caseNumber: '01314580' }, REF.account, STRINGS);
    const start = page.indexOf('<!--content-->');
    const end = page.indexOf('<!--/content-->');
    const forms = page.indexOf('<div id="case-forms"');
    assert.ok(start > 0 && end > start, 'content markers');
    assert.ok(page.slice(start, end).includes('data-state="loading"'));
    assert.ok(forms > end, 'the forms region is outside the swapped region');
    assert.ok(page.includes('data-account="acct-1f2e" data-case-number="01314580"'));
    // The page app's words, as JSON in an escaped attribute (the page reads them with the protocol's parseStrings).
    assert.ok(page.includes('data-strings="{&quot;refreshing&quot;:&quot;Refreshing…&quot;}"'), 'the page app\'s words');
    assert.match(page, /<p id="case-busy" class="busy" role="status" aria-live="polite"><\/p>/);
  });

  it('sends each state as a message with an escaped fragment, its kind, its case and the refreshing flag', () => {
    const loaded: PanelContent = { kind: 'loaded', caseNumber: REF.caseNumber, detail: detail(), refreshing: true };
    const message = toStateMessage(7, REF, loaded);
    assert.deepStrictEqual({ ...message, html: undefined }, { type: 'state', seq: 7, account: REF.account, caseNumber: REF.caseNumber, kind: 'loaded', refreshing: true, html: undefined });
    assert.strictEqual(message.html, renderCaseContent(loaded).value);
    assert.ok(message.html.startsWith('<div class="case-state" data-state="loaded">'));
    assert.ok(!message.html.includes('<script') && !message.html.includes('<!DOCTYPE'), 'a fragment, not a page');
    assert.strictEqual(toStateMessage(8, REF, { kind: 'loading', caseNumber: REF.caseNumber }).refreshing, false);
  });

  it('keeps the Refresh button enabled while refreshing, so keyboard focus stays on it', () => {
    const html = renderCaseContent({ kind: 'loaded', caseNumber: '1', detail: detail(), refreshing: true }).value;
    assert.match(html, /<button type="button" data-action="refresh">Refresh<\/button>/);
    assert.ok(!html.includes('disabled'));
    assert.strictEqual(html, renderCaseContent({ kind: 'loaded', caseNumber: '1', detail: detail() }).value, 'same fragment: the page need not swap anything');
  });

  it('escapes hostile strings in state fragments too, and they cannot forge the region markers', () => {
    for (const content of [
      { kind: 'loaded' as const, caseNumber: EVIL, detail: detail({ subject: EVIL, description: EVIL }) },
      { kind: 'error' as const, caseNumber: EVIL, error: { kind: 'server' as const, message: EVIL, troubleshootingId: EVIL } },
      { kind: 'loading' as const, caseNumber: EVIL }
    ]) {
      const fragment = toStateMessage(1, { account: EVIL, caseNumber: EVIL }, content).html;
      assert.ok(!/<img|<script|<!--/i.test(fragment), `${content.kind}: raw markup in the fragment`);
      assert.ok(!fragment.includes('id="case-forms"'));
      const page = composePage(renderCasePage(RES, { kind: 'loading', caseNumber: '1' }, '', STRINGS), fragment);
      assert.strictEqual((page.match(/<!--\/content-->/g) ?? []).length, 1);
      assert.strictEqual((page.match(/id="case-forms"/g) ?? []).length, 1);
    }
  });

  it('composes the current page from the page written once and the last fragment sent', () => {
    const first = renderCasePage(RES, { kind: 'loading', caseNumber: '42' }, 'acct', STRINGS);
    const loaded = renderCaseContent({ kind: 'loaded', caseNumber: '42', detail: detail({ subject: 'Now loaded' }) }).value;
    const page = composePage(first, loaded);
    assert.ok(page.includes('Now loaded'));
    assert.ok(!page.includes('Loading case 42'));
    assert.strictEqual(page, renderCasePage(RES, { kind: 'loaded', caseNumber: '42', detail: detail({ subject: 'Now loaded' }) }, 'acct', STRINGS));
  });



});

describe('html escaping', () => {
  it('escapes the five HTML specials and the backtick', () => {
    assert.strictEqual(escapeHtml(`<a href="x" title='y'>&\`</a>`), '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&#96;&lt;/a&gt;');
  });

  it('replaces lone surrogates and keeps valid pairs and RTL overrides as text', () => {
    assert.strictEqual(escapeHtml('a\uD800b'), 'a\uFFFDb');
    assert.strictEqual(escapeHtml('\uDC00'), '\uFFFD');
    assert.strictEqual(escapeHtml('😀'), '😀');
    assert.strictEqual(escapeHtml('\u202Etxt.exe'), '\u202Etxt.exe');
  });

  it('renders null and undefined as empty text', () => {
    assert.strictEqual(escapeHtml(undefined), '');
    assert.strictEqual(escapeHtml(null), '');
  });

  it('escapes template values but not nested SafeHtml', () => {
    const inner = html`<b>${'<i>'}</b>`;
    assert.ok(inner instanceof SafeHtml);
    assert.strictEqual(html`<p>${inner}${['<x>', inner]}${false}</p>`.value, '<p><b>&lt;i&gt;</b>&lt;x&gt;<b>&lt;i&gt;</b></p>');
  });
});

describe('date formatting', () => {
  it('parses the API form with +0000 and formats it in UTC', () => {
    assert.strictEqual(parseApiDate('2020-03-11T08:38:11.000+0000')?.toISOString(), '2020-03-11T08:38:11.000Z');
    assert.strictEqual(formatApiDate('2020-03-11T08:38:11.000+0200'), '2020-03-11 06:38 UTC');
  });

  it('keeps date-only values and shows unparseable values as sent', () => {
    assert.strictEqual(formatApiDate('2024-05-21'), '2024-05-21');
    assert.strictEqual(formatApiDate('yesterday'), 'yesterday');
    assert.strictEqual(formatApiDate(undefined), undefined);
  });
});

describe('case page: attachments, Close Case and the note form', () => {
  const EVIL = '<img src=x onerror=alert(1)>"\'`&<!--/content-->';

  it('makes every case and note attachment a Download button named after its file', () => {
    const fragment = renderCaseContent({ kind: 'loaded', caseNumber: '1', detail: detail() }).value;
    assert.match(fragment, /<button type="button" class="link download attachment-name" data-action="download" data-focus-key="download:case:a1" data-attachment-id="a1"><span class="visually-hidden">Download <\/span><bdi>config.xml<\/bdi><\/button>/);
    assert.match(fragment, /data-attachment-id="a2"><span class="visually-hidden">Download <\/span><bdi>trace.log<\/bdi><\/button>/);
  });

  it('disables the button of an attachment without an id and says why, visibly and to screen readers', () => {
    const d = detail({ attachments: [{ id: '', name: 'lost.bin' }] });
    const fragment = renderCaseContent({ kind: 'loaded', caseNumber: '1', detail: d }).value;
    assert.match(fragment, /<button type="button" class="link download attachment-name" disabled aria-describedby="case-noid-0"><span class="visually-hidden">Download <\/span><bdi>lost.bin<\/bdi><\/button><span id="case-noid-0" class="attachment-reason">Cannot be downloaded: the Support API sent no id for this file.<\/span>/);
    assert.ok(!/data-action="download"[^>]*lost\.bin/.test(fragment), 'no download action on it');
  });

  it('escapes hostile attachment names and ids, and keeps names out of attributes', () => {
    const d = detail({ attachments: [{ id: EVIL, name: EVIL }], notes: [{ subject: 's', description: 'd', attachments: [{ id: 'n1', name: EVIL }] }] });
    const fragment = renderCaseContent({ kind: 'loaded', caseNumber: '1', detail: d }).value;
    assert.ok(!/<img|<!--/.test(fragment), 'raw markup in the fragment');
    assert.ok(fragment.includes('data-attachment-id="&lt;img src=x onerror=alert(1)&gt;&quot;&#39;&#96;&amp;&lt;!--/content--&gt;"'));
    assert.ok(fragment.includes('<span class="visually-hidden">Download </span><bdi>&lt;img src=x onerror=alert(1)&gt;&quot;&#39;&#96;&amp;&lt;!--/content--&gt;</bdi></button>'));
    assert.strictEqual((fragment.match(/<button[^>]*onerror/g) ?? []).length, 1, 'only the hostile id reaches an attribute (escaped)');
  });

  it('offers Close Case for a case that is not closed only', () => {
    const open = renderCaseContent({ kind: 'loaded', caseNumber: '1', detail: detail({ status: 'Pending Closure' }) }).value;
    assert.match(open, /<button type="button" class="secondary" data-action="closeCase">Close Case<\/button>/);
    for (const status of ['Closed', ' closed ']) {
      const closed = renderCaseContent({ kind: 'loaded', caseNumber: '1', detail: detail({ status }) }).value;
      assert.ok(!closed.includes('closeCase'), status);
    }
  });

  it('puts the notes last in the content, so the note form follows them', () => {
    const page = renderCasePage(RES, { kind: 'loaded', caseNumber: '1', detail: detail() }, '', STRINGS);
    const notes = page.indexOf('id="notes-h"');
    const attachments = page.indexOf('id="attachments-h"');
    const end = page.indexOf('<!--/content-->');
    const form = page.indexOf('id="note-form"');
    assert.ok(attachments < notes && notes < end && end < form);
  });

  it('writes the note form once, in the static region: labelled fields, counters with the API limits, Attach Files… and Add Note', () => {
    const page = renderCasePage(RES, { kind: 'loading', caseNumber: '1' }, '', STRINGS);
    const forms = page.slice(page.indexOf('<div id="case-forms"'), page.indexOf('<script nonce'));
    assert.match(forms, /<label for="note-subject">Subject<\/label>\n<input id="note-subject" type="text"[^>]*aria-describedby="note-subject-error note-subject-count">/);
    assert.match(forms, /<label for="note-description">Description<\/label>\n<textarea id="note-description"[^>]*aria-describedby="note-description-error note-description-count">/);
    assert.match(forms, /id="note-subject-count" class="counter" data-max="100">0 \/ 100</);
    assert.match(forms, /id="note-description-count" class="counter" data-max="4000">0 \/ 4000</);
    assert.match(forms, /Up to 5 files, 20 MB each\./);
    assert.match(forms, /<button type="button" class="secondary" id="note-attach" data-action="pickFiles">Attach Files…<\/button>/);
    assert.match(forms, /<button type="button" id="note-send" data-action="addNote">Add Note<\/button>/);
    assert.match(forms, /<div id="note-status" role="status" aria-live="polite"><\/div>/);
    assert.strictEqual(renderCaseContent({ kind: 'loading', caseNumber: '1' }).value.includes('note-form'), false, 'no form in the swapped region');
  });

  it('lists chosen files with name, size and a Remove button, and escapes hostile names', () => {
    assert.strictEqual(renderNoteFiles([]).value, '<p class="empty">No files attached.</p>');
    const list = renderNoteFiles([{ key: '/w/a.log', name: 'a.log', size: 2048 }, { key: EVIL, name: EVIL, size: 3 * 1024 * 1024 }]).value;
    assert.match(list, /<li><span class="file-name"><bdi>a\.log<\/bdi><\/span><span class="file-size">2 KB<\/span><button type="button" class="secondary" data-action="removeFile" data-file="\/w\/a\.log" aria-label="Remove a\.log">Remove<\/button><\/li>/);
    assert.match(list, /<span class="file-size">3 MB<\/span>/);
    assert.ok(!/<img|<!--/.test(list));
  });

  it('says what happened in the status line, with the troubleshooting ID and a next step, all escaped', () => {
    const error = renderNoteStatus({ kind: 'error', title: 'The note was not sent.', message: EVIL, troubleshootingId: EVIL, next: 'Your draft is kept.' }).value;
    assert.ok(!/<img|<!--/.test(error));
    assert.match(error, /role="alert"/);
    assert.match(error, /Troubleshooting ID: <code>&lt;img/);
    assert.match(error, /<p class="next">Your draft is kept\.<\/p>/);
    assert.ok(!/<img/.test(renderNoteStatus({ kind: 'sent', subject: EVIL, recovered: true }).value));
    assert.match(renderNoteStatus({ kind: 'sending', fileCount: 2 }).value, /Adding the note with 2 files…/);
    const message = toFormMessage({ account: 'a', caseNumber: '1' }, { files: [], sending: true, status: { kind: 'error', title: 't', message: 'm', next: 'n' }, problems: [{ field: 'subject', message: 'Enter a subject.' }] });
    assert.deepStrictEqual({ ...message, filesHtml: undefined, statusHtml: undefined }, {
      type: 'noteForm', account: 'a', caseNumber: '1', sending: true, fileCount: 0, filesHtml: undefined, statusHtml: undefined, statusKind: 'error', problems: [{ field: 'subject', message: 'Enter a subject.' }]
    });
  });

});
