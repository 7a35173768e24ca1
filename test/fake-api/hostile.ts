// Hostile strings for case fields: anything that would execute must, if it ever runs, request ORIGIN/__beacon/...,
// which the fake API records, so a test can prove that nothing ran.

import type { CaseUpsert } from './types';

export interface HostileFixture {
  readonly name: string;
  readonly value: string;
}

export const MAIN_HOSTILE_CASE = '09999999';
export const ODD_VALUES_CASE = '09999998';

export function hostileFixtures(origin: string): HostileFixture[] {
  const beacon = (name: string): string => `${origin}/__beacon/${name}`;
  return [
    { name: 'script-tag', value: `<script>fetch('${beacon('script')}')</script>` },
    { name: 'img-onerror', value: `<img src=x onerror=fetch('${beacon('xss')}')>` },
    { name: 'svg-onload', value: `<svg onload=fetch('${beacon('svg')}')></svg>` },
    { name: 'attribute-breakout', value: `" onmouseover="fetch('${beacon('attr')}')" autofocus onfocus="fetch('${beacon('focus')}')" x="` },
    { name: 'single-quote-attribute', value: `' onclick='fetch("${beacon('attr-single')}")' '` },
    { name: 'div-onclick', value: `<div onclick="fetch('${beacon('onclick')}')" style="position:fixed;inset:0">click anywhere</div>` },
    { name: 'javascript-link', value: `<a href="javascript:fetch('${beacon('js-link')}')">open the portal</a>` },
    { name: 'javascript-url', value: `javascript:fetch('${beacon('js-url')}')` },
    { name: 'style-tag', value: `<style>body{display:none!important} *{background:url('${beacon('css')}')}</style>` },
    { name: 'css-inline', value: `red;background-image:url(${beacon('css-inline')});position:fixed;top:0;left:0;width:100vw;height:100vh` },
    { name: 'textarea-breakout', value: `</textarea><script>fetch('${beacon('textarea')}')</script>` },
    { name: 'tag-breakout', value: `</title></style></script><img src=x onerror=fetch('${beacon('breakout')}')>` },
    { name: 'iframe', value: `<iframe src="${beacon('iframe')}"></iframe>` },
    { name: 'meta-refresh', value: `<meta http-equiv="refresh" content="0;url=${beacon('meta')}">` },
    { name: 'markdown-command-link', value: '[click](command:workbench.action.quit)' },
    { name: 'markdown-html', value: '**bold** <b>x</b> _em_ `code` # heading' },
    { name: 'markdown-image', value: `![logo](${beacon('md-image')}) [site](${beacon('md-link')})` },
    { name: 'codicon-syntax', value: '$(alert) $(trash) not icons' },
    { name: 'template-syntax', value: "{{constructor.constructor('fetch(1)')()}} ${7*7} <%= 7*7 %>" },
    { name: 'html-entities', value: '&lt;script&gt; &amp;amp; &#x3C;b&#x3E; &quot;' },
    { name: 'lone-surrogates', value: 'broken \uD800 high and \uDC00 low surrogates \uDBFF' },
    { name: 'rtl-override', value: 'invoice_\u202Egpj.exe and \u202Bembedded\u202C text' },
    { name: 'zero-width', value: 'zero\u200Bwidth\u200C\u200Djoiner\uFEFFbom\u2060chars' },
    { name: 'control-chars', value: 'nul\u0000bell\u0007escape\u001b[31mred\u001b[0m\r\nX-Injected: header' },
    { name: 'long-100kb', value: `Very long text ${'lorem ipsum dolor sit amet '.repeat(4000)}`.slice(0, 100 * 1024) }
  ];
}

/**
 * An attachment name made to become a working command link in a VS Code notification ("Downloaded …") if it ever
 * reached one unneutralised: clicking it would open a terminal.
 */
export const COMMAND_LINK_FILE_NAME = '[Open the fix](command:workbench.action.terminal.new)';
/** A file-type spoof: obeyed, the override makes it read "..\\..\\eviltxt.log". */
export const BIDI_SPOOF_FILE_NAME = '..\\..\\evil\u202Egol.txt';

/**
 * Attachment file names a download must sanitise before it touches the disk: path traversal (both separators),
 * absolute paths, control characters, bidi overrides, Windows reserved device names, trailing dots and spaces,
 * characters Windows refuses, a hidden file, an empty-looking name and a very long one.
 */
export const HOSTILE_FILE_NAMES: readonly string[] = [
  '../../../etc/passwd',
  '..\\..\\Windows\\System32\\drivers\\etc\\hosts',
  '/tmp/absolute.sh',
  'C:\\Users\\Public\\evil.bat',
  'nul\u0000byte\u0007bell\u001b[31m.log',
  'line\r\nbreak.txt',
  'invoice_\u202Egpj.exe',
  '\u202Bright-to-left\u202C.txt',
  BIDI_SPOOF_FILE_NAME,
  COMMAND_LINK_FILE_NAME,
  'CON',
  'con.txt',
  'LPT1.log',
  'aux',
  'trailing dot and space. ',
  'what?<are>:these|*.txt',
  '.hidden',
  '..',
  `${'very-long-name-'.repeat(30)}end.log`
];

/** The fixture values only (what most tests iterate over). */
export function hostileStrings(origin: string): string[] {
  return hostileFixtures(origin).map((f) => f.value);
}

/** Partial cases for upsertCase, oldest first; the main case ('09999999') is last so it becomes the newest. */
export function hostileCases(origin: string): CaseUpsert[] {
  const fixtures = hostileFixtures(origin);
  const h = (name: string): string => fixtures.find((f) => f.name === name)?.value ?? name;
  const person = (name: string, email: string): { name: string; email: string } => ({ name, email });
  const perFixture = fixtures.map((f, i) => ({
    caseNumber: `099999${String(i).padStart(2, '0')}`,
    subject: f.value,
    description: `Fixture ${f.name}:\n${f.value}`,
    status: 'In Support',
    createdDate: '2024-12-20T08:00:00.000+0000',
    notes: [{ subject: f.value, description: f.value, addedDate: '2025-01-02T03:04:05.000+0000', createdBy: person(f.value, 'x@example.com') }],
    attachments: [{ id: `00P5J00000HOS${String(i).padStart(2, '0')}`, name: f.value, createdDate: '2025-01-02T03:04:05.000+0000' }]
  }));
  const odd = {
    caseNumber: ODD_VALUES_CASE,
    subject: `Odd value sets ${h('markdown-html')}`,
    status: `<b>Waiting</b> ${h('img-onerror')}`,
    severity: '5 - Unknown <script>',
    type: `Partner Case"><img src=x onerror=fetch('${origin}/__beacon/type')>`,
    impact: h('markdown-command-link'),
    urgency: h('rtl-override'),
    environment: h('style-tag'),
    targetDate: 'not-a-date<script>',
    description: h('markdown-html')
  };
  const main: CaseUpsert = {
    caseNumber: MAIN_HOSTILE_CASE,
    subject: `${h('script-tag')} ${h('img-onerror')} Hostile case`,
    status: 'In Support',
    severity: '1 - Critical',
    type: 'Support Case',
    createdDate: '2024-12-20T08:00:00.000+0000',
    description: fixtures.map((f) => f.value).join('\n'),
    environment: 'Production',
    externalNumber: h('javascript-url'),
    account: { name: h('svg-onload'), sac: 'GLBX-40217' },
    contact: person(h('attribute-breakout'), 'contact@example.com'),
    owner: person(h('div-onclick'), `"><img src=x onerror=fetch('${origin}/__beacon/email')>@axway.com`),
    product: {
      id: 'a0P5J000000APIGW',
      name: h('javascript-link'),
      os: { id: 'a0O5J000001LnxAAE', name: h('css-inline') },
      version: { id: 'a0V5J0000GW001', name: h('tag-breakout') },
      patch: h('textarea-breakout')
    },
    ccEmails: [h('img-onerror'), h('zero-width')],
    notes: fixtures.map((f, i) => ({
      subject: f.value,
      description: `${f.name}: ${f.value}`,
      addedDate: `2025-01-${String(1 + (i % 28)).padStart(2, '0')}T10:00:00.000+0000`,
      createdBy: person(fixtures[(i + 1) % fixtures.length].value, 'engineer@axway.com'),
      noteAttachments: [{ id: `00P5J00000NOT${String(i).padStart(2, '0')}`, name: f.value, createdDate: '2025-01-02T03:04:05.000+0000' }]
    })),
    attachments: fixtures.map((f, i) => ({ id: `00P5J00000ATT${String(i).padStart(2, '0')}`, name: f.value, createdDate: '2025-01-02T03:04:05.000+0000' })),
    customerEnhancementRequest: { response: h('markdown-image'), deliveryTargetVersion: h('iframe'), responseDetails: h('meta-refresh') }
  };
  return [...perFixture, odd, main];
}
