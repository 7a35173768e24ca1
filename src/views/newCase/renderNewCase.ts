// The New Support Case page, built from escaped strings only (vscode-free, unit-tested in plain Node). The page is
// written once per tab; accounts and products arrive later as `<option>` lists rendered here, escaped, and parsed
// inertly by the page script. Account and product names come from the API: untrusted like everything it sends.
// The page's words go through @vscode/l10n (the extension hands it VS Code's bundle, util/translations); the API's
// values (types, environments, impacts, urgencies) stay as the API takes them.

import * as l10n from '@vscode/l10n';
import type { ProductOption, SupportAccount } from '../../api/types';
import { BUSINESS_SERVICE_REQUEST, CASE_TYPES, ENVIRONMENTS, NEW_CASE_IMPACTS, URGENCIES } from '../../cases/newCaseRules';
import { MAX_ATTACHMENT_BYTES, MAX_ATTACHMENTS } from '../../cases/noteRules';
import { formatSize } from '../../util/format';
import { html, SafeHtml } from '../../util/html';
import { PageResources, renderPage } from '../pageShell';
import type { NewCasePageStrings, ProductChoices } from '../../webviews/newCase/protocol';

export type { PageResources };

interface Option {
  readonly value: string;
  readonly label: string;
}

/** `<option>`s with an empty first entry that says what to do (or that nothing is there). */
export function renderOptions(options: readonly Option[], placeholder: string): string {
  return html`<option value="">${placeholder}</option>${options.map((o) => html`<option value="${o.value}">${o.label}</option>`)}`.value;
}

export function renderAccountOptions(accounts: readonly SupportAccount[]): string {
  if (accounts.length === 0) {
    return renderOptions([], l10n.t('No accounts available to this service account'));
  }
  return renderOptions(
    accounts.map((a) => ({ value: a.sac, label: a.name ? `${a.name} (${a.sac})` : a.sac })),
    l10n.t('Choose an account…')
  );
}

export function renderProductOptions(products: readonly ProductOption[]): { html: string; choices: Record<string, ProductChoices> } {
  const choices: Record<string, ProductChoices> = Object.create(null) as Record<string, ProductChoices>;
  for (const p of products) {
    choices[p.id] = {
      versions: renderOptions(p.versions.map((v) => ({ value: v.id, label: v.name || v.id })), p.versions.length ? l10n.t('Choose a version…') : l10n.t('No versions listed')),
      os: renderOptions(
        p.operatingSystems.map((o) => ({ value: o.id, label: o.name || o.id })),
        p.operatingSystems.length ? l10n.t('Choose an operating system…') : l10n.t('No operating systems listed')
      )
    };
  }
  const placeholder = products.length ? l10n.t('Choose a product…') : l10n.t('No products for this account');
  return { html: renderOptions(products.map((p) => ({ value: p.id, label: p.name || p.id })), placeholder), choices };
}

function select(id: string, label: string, options: SafeHtml | string, hint?: string): SafeHtml {
  const body = typeof options === 'string' ? new SafeHtml(options) : options;
  return html`<div class="field" data-field="${id}">
<label for="f-${id}">${label}<span class="required" aria-hidden="true"> *</span></label>
<select id="f-${id}" name="${id}" required aria-required="true" aria-describedby="${hint ? `h-${id} ` : ''}e-${id}">${body}</select>
${hint ? html`<p id="h-${id}" class="hint">${hint}</p>` : ''}
<p id="e-${id}" class="field-error" role="alert"></p>
</div>`;
}

function fixed(values: readonly string[], placeholder?: string): SafeHtml {
  return html`${placeholder ? html`<option value="">${placeholder}</option>` : ''}${values.map((v) => html`<option value="${v}">${v}</option>`)}`;
}

interface TextFieldOptions {
  readonly required?: boolean;
  readonly type?: string;
  readonly hint?: string;
  readonly placeholder?: string;
  readonly multiline?: boolean;
}

function textField(id: string, label: string, options: TextFieldOptions = {}): SafeHtml {
  const required = options.required === true;
  const describedBy = `${options.hint ? `h-${id} ` : ''}e-${id}`;
  const control = options.multiline
    ? html`<textarea id="f-${id}" name="${id}" rows="10"${required ? html` required aria-required="true"` : ''} aria-describedby="${describedBy}"></textarea>`
    : html`<input id="f-${id}" name="${id}" type="${options.type ?? 'text'}"${required ? html` required aria-required="true"` : ''}${
        options.placeholder ? html` placeholder="${options.placeholder}"` : ''
      } aria-describedby="${describedBy}" autocomplete="off">`;
  return html`<div class="field" data-field="${id}">
<label for="f-${id}">${label}${required ? html`<span class="required" aria-hidden="true"> *</span>` : ''}</label>
${control}
${options.hint ? html`<p id="h-${id}" class="hint">${options.hint}</p>` : ''}
<p id="e-${id}" class="field-error" role="alert"></p>
</div>`;
}

/**
 * The whole page, written once per tab. `account` is the signed-in service account's id (the draft's owner);
 * `strings` the words the page app shows by itself, localised by the host, written as JSON into the page (escaped
 * like any attribute), with the one case type that takes a target date.
 */
export function renderNewCasePage(res: PageResources, account: string, strings: NewCasePageStrings): string {
  const loading = html`<option value="">${l10n.t('Loading…')}</option>`;
  const pending = (text: string): SafeHtml => html`<option value="">${text}</option>`;
  return renderPage(res, {
    title: l10n.t('New Support Case'),
    bodyAttributes: html`data-account="${account}" data-target-date-type="${BUSINESS_SERVICE_REQUEST}" data-strings="${JSON.stringify(strings)}"`,
    body: html`<main>
<h1>${l10n.t('New Support Case')}</h1>
<p class="intro">${l10n.t('Fields marked')} <span aria-hidden="true">*</span><span class="visually-hidden">${l10n.t('with a star')}</span> ${l10n.t('are required. What you type is kept as a draft until Axway Support confirms the case.')}</p>
<div id="form-error" class="form-error" role="alert" tabindex="-1" hidden></div>
<form id="new-case" novalidate aria-labelledby="form-title">
<h2 id="form-title" class="visually-hidden">${l10n.t('Case details')}</h2>
<div class="grid">
${select('sac', l10n.t('Account'), loading, l10n.t('The support access code the case is filed under.'))}
${select('type', l10n.t('Type'), fixed(CASE_TYPES))}
${select('product', l10n.t('Product'), pending(l10n.t('Choose an account first')))}
${select('version', l10n.t('Version'), pending(l10n.t('Choose a product first')))}
${select('os', l10n.t('Operating System'), pending(l10n.t('Choose a product first')))}
${select('environment', l10n.t('Environment'), fixed(ENVIRONMENTS, l10n.t('Choose an environment…')))}
${select('impact', l10n.t('Impact'), fixed(NEW_CASE_IMPACTS, l10n.t('Choose an impact…')), l10n.t('How much of your business is affected.'))}
${select('urgency', l10n.t('Urgency'), fixed(URGENCIES, l10n.t('Choose an urgency…')), l10n.t('How soon you need a solution.'))}
</div>
${textField('targetDate', l10n.t('Target Date'), { hint: l10n.t('Business Service Requests only: the date you need it by, as YYYY-MM-DD.'), placeholder: l10n.t('YYYY-MM-DD') })}
${textField('subject', l10n.t('Subject'), { required: true })}
${textField('description', l10n.t('Description'), { required: true, multiline: true, hint: l10n.t('What happens, what you expected, and what you tried. Ctrl+Enter creates the case.') })}
${textField('ccEmails', l10n.t('CC E-mails'), { hint: l10n.t('Other people to keep informed, separated by commas.'), placeholder: 'name@example.com, other@example.com' })}
${textField('contact', l10n.t('Contact E-mail'), { required: true, type: 'email', hint: l10n.t('Axway Support writes to this address about the case.'), placeholder: 'name@example.com' })}
<fieldset class="field attachments" data-field="files" aria-describedby="h-files e-files">
<legend>${l10n.t('Attachments')}</legend>
<p id="h-files" class="hint">${l10n.t('Up to {0} files, {1} each at most, none empty.', MAX_ATTACHMENTS, formatSize(MAX_ATTACHMENT_BYTES))}</p>
<ul id="files" class="files" aria-label="${l10n.t('Attached files')}"></ul>
<button type="button" class="secondary" id="pick-files">${l10n.t('Attach Files…')}</button>
<p id="e-files" class="field-error" role="alert"></p>
</fieldset>
<div class="actions">
<button type="submit" id="submit">${l10n.t('Create Case')}</button> <button type="button" class="secondary" id="cancel-send" hidden>${l10n.t('Cancel')}</button>
<span id="status" class="status" role="status" aria-live="polite"></span>
</div>
</form>
</main>`
  });
}
