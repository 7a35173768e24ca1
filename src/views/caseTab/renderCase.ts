// Builds the case page's HTML from escaped strings only (vscode-free, so it is unit-tested in plain Node).
// Every value from the API passes through the `html` template, which escapes anything not already SafeHtml.
//
// The page is written once per tab (renderCasePage); every later state is a fragment (renderCaseContent) sent with
// postMessage and swapped into the page's content region. Sending escaped HTML rather than data for the page to
// build keeps one renderer, unit-tested here, instead of a second one in the page script.
// The page's words go through @vscode/l10n (the extension hands it VS Code's bundle, util/translations); values from
// the API (status, severity, type, names) stay as the API sends them.

import * as l10n from '@vscode/l10n';
import { ApiErrorDetails, needsSignIn } from '../../api/errors';
import { Attachment, CaseDetail, Note, Person } from '../../api/types';
import { CaseRef } from '../../cases/caseRef';
import { severityLevel } from '../../api/parse';
import { html, isolated, SafeHtml } from '../../util/html';
import { formatApiDate } from '../format';
import type { CasePageStrings, StateMessage } from '../../webviews/case/protocol';
import { renderNoteForm } from './renderNoteForm';
import { PageResources, renderPage } from '../pageShell';

// The page shell moved to views/pageShell.ts (shared with the New Support Case form); kept importable from here.
export { contentSecurityPolicy, type PageResources } from '../pageShell';

export type PanelContent =
  | { readonly kind: 'loading'; readonly caseNumber: string }
  | { readonly kind: 'loaded'; readonly caseNumber: string; readonly detail: CaseDetail; readonly refreshing?: boolean }
  | { readonly kind: 'error'; readonly caseNumber: string; readonly error: ApiErrorDetails };

/**
 * Around the content region's children. API text cannot forge them: every '<' it contains is escaped, so the
 * first end marker after the start marker is ours (composePage relies on that).
 */
const CONTENT_START = '<!--content-->';
const CONTENT_END = '<!--/content-->';

/**
 * The whole page, written once per tab: the first content, a status line for "Refreshing…", and a static region
 * (#case-forms) that state updates never touch, for forms whose typed text must survive them. `strings`: the words
 * the page app shows by itself, localised by the host, written as JSON into the page (escaped like any attribute).
 */
export function renderCasePage(res: PageResources, content: PanelContent, account: string, strings: CasePageStrings): string {
  return renderPage(res, {
    title: l10n.t('Case {0}', content.caseNumber),
    bodyAttributes: html`data-account="${account}" data-case-number="${content.caseNumber}" data-strings="${JSON.stringify(strings)}"`,
    body: html`<p id="case-busy" class="busy" role="status" aria-live="polite"></p>
<div id="case-content">${new SafeHtml(CONTENT_START)}${renderCaseContent(content)}${new SafeHtml(CONTENT_END)}</div>
<div id="case-forms" class="case-forms">${renderNoteForm()}</div>`
  });
}

/** The content region's children for one state; `data-state` on its root says which. */
export function renderCaseContent(content: PanelContent): SafeHtml {
  return html`<div class="case-state" data-state="${content.kind}">${renderBody(content)}</div>`;
}

/** The message that puts `content` on the page of the tab showing `ref`. */
export function toStateMessage(seq: number, ref: CaseRef, content: PanelContent): StateMessage {
  return {
    type: 'state',
    seq,
    account: ref.account,
    caseNumber: ref.caseNumber,
    kind: content.kind,
    refreshing: content.kind === 'loaded' && content.refreshing === true,
    html: renderCaseContent(content).value
  };
}

/**
 * The page as it looks after the page script swapped `fragment` into the content region of `page` (a page from
 * renderCasePage). Lets tests read the current markup of a tab whose HTML was written only once.
 */
export function composePage(page: string, fragment: string): string {
  const start = page.indexOf(CONTENT_START);
  const end = page.indexOf(CONTENT_END, start);
  if (start < 0 || end < 0) {
    return page;
  }
  return page.slice(0, start + CONTENT_START.length) + fragment + page.slice(end);
}

function renderBody(content: PanelContent): SafeHtml {
  switch (content.kind) {
    case 'loading':
      return html`<main class="status" aria-busy="true"><p class="loading">${l10n.t('Loading case {0}…', content.caseNumber)}</p></main>`;
    case 'error':
      return renderError(content.caseNumber, content.error);
    case 'loaded':
      return renderDetail(content.detail);
  }
}

function renderError(caseNumber: string, error: ApiErrorDetails): SafeHtml {
  const signIn = needsSignIn(error);
  return html`<main class="status error" role="alert">
<h1>${l10n.t('Case {0} could not be loaded', caseNumber)}</h1>
<p class="error-message">${error.message}</p>
${error.troubleshootingId ? html`<p class="tid">${l10n.t('Troubleshooting ID:')} <code>${error.troubleshootingId}</code></p>` : ''}
<div class="toolbar">
${signIn ? html`<button type="button" data-action="signIn">${l10n.t('Sign in')}</button>` : ''}
<button type="button" data-action="refresh"${signIn ? html` class="secondary"` : ''}>${l10n.t('Retry')}</button>
<button type="button" class="secondary" data-action="openPortal">${l10n.t('Open in Support Portal')}</button>
</div>
</main>`;
}

// The Refresh button is never disabled: a disabled button loses keyboard focus, and pressing it again while a
// refresh hangs starts over (the older request is cancelled). "Refreshing…" shows in the page's status line.
function renderDetail(d: CaseDetail): SafeHtml {
  return html`<header>
<p class="case-number">${d.externalNumber ? l10n.t('Case {0} · External {1}', d.caseNumber, d.externalNumber) : l10n.t('Case {0}', d.caseNumber)}</p>
<h1 class="subject">${d.subject || l10n.t('(no subject)')}</h1>
<p class="badges">
<span class="badge status" title="${l10n.t('Status')}">${d.status || l10n.t('Unknown status')}</span>
<span class="badge severity severity-${severityClass(d.severity)}" title="${l10n.t('Severity')}">${d.severity || l10n.t('No severity')}</span>
<span class="badge type" title="${l10n.t('Type')}">${d.type || l10n.t('Unknown type')}</span>
</p>
<div class="toolbar">
<button type="button" data-action="refresh">${l10n.t('Refresh')}</button>
<button type="button" class="secondary" data-action="openPortal">${l10n.t('Open in Support Portal')}</button>
${isClosed(d.status) ? '' : html`<button type="button" class="secondary" data-action="closeCase">${l10n.t('Close Case')}</button>`}
</div>
</header>
<main>
<section aria-labelledby="details-h">
<h2 id="details-h">${l10n.t('Details')}</h2>
<dl class="fields">
${field(l10n.t('Status'), d.status)}
${field(l10n.t('Severity'), d.severity)}
${field(l10n.t('Type'), d.type)}
${field(l10n.t('Impact'), d.impact)}
${field(l10n.t('Urgency'), d.urgency)}
${field(l10n.t('Environment'), d.environment)}
${field(l10n.t('Created'), formatApiDate(d.createdDate))}
${field(l10n.t('Modified'), formatApiDate(d.modifiedDate))}
${field(l10n.t('Closed'), formatApiDate(d.closedDate))}
${field(l10n.t('Target date'), d.targetDate)}
${field(l10n.t('External number'), d.externalNumber)}
${field(l10n.t('Product'), d.product?.name ?? d.product?.id)}
${field(l10n.t('Version'), d.product?.version?.name ?? d.product?.version?.id)}
${field(l10n.t('Operating system'), d.product?.os?.name ?? d.product?.os?.id)}
${field(l10n.t('Patch'), d.product?.patch)}
${field(l10n.t('Account'), accountText(d.account))}
${field(l10n.t('Contact'), personText(d.contact), true)}
${field(l10n.t('Owner'), personText(d.owner), true)}
${field(l10n.t('CC'), d.ccEmails.length > 0 ? d.ccEmails.join(', ') : undefined)}
${d.extraFields.map((f) => field(f.key, f.value))}
</dl>
</section>
<section aria-labelledby="description-h">
<h2 id="description-h">${l10n.t('Description')}</h2>
<div class="text">${d.description || l10n.t('(no description)')}</div>
</section>
${d.enhancementRequest ? renderEnhancement(d) : ''}
<section aria-labelledby="attachments-h">
<h2 id="attachments-h">${l10n.t('Attachments ({0})', d.attachments.length)}</h2>
${d.attachments.length === 0 ? html`<p class="empty">${l10n.t('No attachments.')}</p>` : renderAttachments(d.attachments, 'case')}
</section>
<section aria-labelledby="notes-h">
<h2 id="notes-h">${l10n.t('Notes ({0})', d.notes.length)}</h2>
${d.notes.length === 0 ? html`<p class="empty">${l10n.t('No notes yet.')}</p>` : html`<ol class="notes">${d.notes.map((note, i) => renderNote(note, i))}</ol>`}
</section>
</main>`;
}

function renderEnhancement(d: CaseDetail): SafeHtml {
  const er = d.enhancementRequest;
  return html`<section aria-labelledby="er-h" class="enhancement">
<h2 id="er-h">${l10n.t('Enhancement request')}</h2>
<dl class="fields">
${field(l10n.t('Response'), er?.response)}
${field(l10n.t('Delivery target date'), er?.deliveryTargetDate)}
${field(l10n.t('Delivery target version'), er?.deliveryTargetVersion)}
</dl>
${er?.responseDetails ? html`<div class="text">${er.responseDetails}</div>` : ''}
</section>`;
}

function renderNote(note: Note, index: number): SafeHtml {
  return html`<li class="note">
<div class="note-head"><span class="note-subject">${note.subject || l10n.t('(no subject)')}</span>
<span class="note-meta">${isolated(personText(note.createdBy) ?? l10n.t('Unknown author'))}${note.addedDate ? html` · <time datetime="${note.addedDate}">${formatApiDate(note.addedDate)}</time>` : ''}</span></div>
<div class="text">${note.description}</div>
${note.attachments.length > 0 ? renderAttachments(note.attachments, `note${index}`) : ''}
</li>`;
}

/**
 * Names (files, people) are isolated (<bdi>) and show their control characters (html.ts), so a name such as
 * "..\\..\\evil\u202Egol.txt" can neither pass for "eviltxt.log" nor reorder the text around it.
 * "Download <file name>" is the button's accessible name, from its content: the file name (API data) stays out of
 * attributes, and the page sends only the id (the extension looks the attachment up in the case it shows).
 */
function downloadPrefix(): SafeHtml {
  return html`<span class="visually-hidden">${l10n.t('Download')} </span>`;
}

/**
 * Each attachment is a Download button (the page asks the extension, which checks the id against the case shown).
 * One without an id cannot be downloaded: its button is disabled and says why, visibly and to screen readers.
 */
function renderAttachments(attachments: readonly Attachment[], scope: string): SafeHtml {
  return html`<ul class="attachments">${attachments.map((a, i) => {
    const name = a.name || a.id || l10n.t('attachment');
    const author = personText(a.createdBy);
    const meta = html`<span class="attachment-meta">${formatApiDate(a.createdDate) ?? ''}${formatApiDate(a.createdDate) && author ? ' · ' : ''}${author ? isolated(author) : ''}</span>`;
    if (!a.id) {
      const reason = `${scope}-noid-${i}`;
      return html`<li><button type="button" class="link download attachment-name" disabled aria-describedby="${reason}">${downloadPrefix()}${isolated(name)}</button><span id="${reason}" class="attachment-reason">${l10n.t('Cannot be downloaded: the Support API sent no id for this file.')}</span>${meta}</li>`;
    }
    return html`<li><button type="button" class="link download attachment-name" data-action="download" data-focus-key="download:${scope}:${a.id}" data-attachment-id="${a.id}">${downloadPrefix()}${isolated(name)}</button>${meta}</li>`;
  })}</ul>`;
}

function field(label: string, value: string | undefined, name = false): SafeHtml | '' {
  if (value === undefined || value === '') {
    return '';
  }
  return html`<dt>${label}</dt><dd>${name ? isolated(value) : value}</dd>`;
}

function personText(p: Person | undefined): string | undefined {
  if (!p || (!p.name && !p.email)) {
    return undefined;
  }
  return p.name && p.email ? `${p.name} <${p.email}>` : (p.name ?? p.email);
}

function accountText(a: CaseDetail['account']): string | undefined {
  if (!a || (!a.name && !a.sac)) {
    return undefined;
  }
  return a.name && a.sac ? l10n.t('{0} (SAC {1})', a.name, a.sac) : (a.name ?? a.sac);
}

/** Closed cases offer no Close Case; any other (open-ended) status does. */
export function isClosed(status: string | undefined): boolean {
  return (status ?? '').trim().toLowerCase() === 'closed';
}

function severityClass(severity: string | undefined): string {
  return String(severityLevel(severity) ?? 'unknown');
}
