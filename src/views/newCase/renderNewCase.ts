// The New Support Case page, built from escaped strings only (vscode-free, unit-tested in plain Node). The page is
// written once per tab; accounts and products arrive later as `<option>` lists rendered here, escaped, and parsed
// inertly by the page script. Account and product names come from the API: untrusted like everything it sends.

import type { ProductOption, SupportAccount } from '../../api/types';
import { BUSINESS_SERVICE_REQUEST, CASE_TYPES, ENVIRONMENTS, NEW_CASE_IMPACTS, URGENCIES } from '../../cases/newCaseRules';
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
    return renderOptions([], 'No accounts available to this service account');
  }
  return renderOptions(
    accounts.map((a) => ({ value: a.sac, label: a.name ? `${a.name} (${a.sac})` : a.sac })),
    'Choose an account…'
  );
}

export function renderProductOptions(products: readonly ProductOption[]): { html: string; choices: Record<string, ProductChoices> } {
  const choices: Record<string, ProductChoices> = Object.create(null) as Record<string, ProductChoices>;
  for (const p of products) {
    choices[p.id] = {
      versions: renderOptions(p.versions.map((v) => ({ value: v.id, label: v.name || v.id })), p.versions.length ? 'Choose a version…' : 'No versions listed'),
      os: renderOptions(
        p.operatingSystems.map((o) => ({ value: o.id, label: o.name || o.id })),
        p.operatingSystems.length ? 'Choose an operating system…' : 'No operating systems listed'
      )
    };
  }
  const placeholder = products.length ? 'Choose a product…' : 'No products for this account';
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
  const loading = '<option value="">Loading…</option>';
  return renderPage(res, {
    title: 'New Support Case',
    bodyAttributes: html`data-account="${account}" data-target-date-type="${BUSINESS_SERVICE_REQUEST}" data-strings="${JSON.stringify(strings)}"`,
    body: html`<main>
<h1>New Support Case</h1>
<p class="intro">Fields marked <span aria-hidden="true">*</span><span class="visually-hidden">with a star</span> are required. What you type is kept as a draft until Axway Support confirms the case.</p>
<div id="form-error" class="form-error" role="alert" tabindex="-1" hidden></div>
<form id="new-case" novalidate aria-labelledby="form-title">
<h2 id="form-title" class="visually-hidden">Case details</h2>
<div class="grid">
${select('sac', 'Account', loading, 'The support access code the case is filed under.')}
${select('type', 'Type', fixed(CASE_TYPES))}
${select('product', 'Product', '<option value="">Choose an account first</option>')}
${select('version', 'Version', '<option value="">Choose a product first</option>')}
${select('os', 'Operating System', '<option value="">Choose a product first</option>')}
${select('environment', 'Environment', fixed(ENVIRONMENTS, 'Choose an environment…'))}
${select('impact', 'Impact', fixed(NEW_CASE_IMPACTS, 'Choose an impact…'), 'How much of your business is affected.')}
${select('urgency', 'Urgency', fixed(URGENCIES, 'Choose an urgency…'), 'How soon you need a solution.')}
</div>
${textField('targetDate', 'Target Date', { hint: 'Business Service Requests only: the date you need it by, as YYYY-MM-DD.', placeholder: 'YYYY-MM-DD' })}
${textField('subject', 'Subject', { required: true })}
${textField('description', 'Description', { required: true, multiline: true, hint: 'What happens, what you expected, and what you tried. Ctrl+Enter creates the case.' })}
${textField('ccEmails', 'CC E-mails', { hint: 'Other people to keep informed, separated by commas.', placeholder: 'name@example.com, other@example.com' })}
${textField('contact', 'Contact E-mail', { required: true, type: 'email', hint: 'Axway Support writes to this address about the case.', placeholder: 'name@example.com' })}
<fieldset class="field attachments" data-field="files" aria-describedby="h-files e-files">
<legend>Attachments</legend>
<p id="h-files" class="hint">Up to 5 files, 20 MB each at most, none empty.</p>
<ul id="files" class="files" aria-label="Attached files"></ul>
<button type="button" class="secondary" id="pick-files">Attach Files…</button>
<p id="e-files" class="field-error" role="alert"></p>
</fieldset>
<div class="actions">
<button type="submit" id="submit">Create Case</button> <button type="button" class="secondary" id="cancel-send" hidden>Cancel</button>
<span id="status" class="status" role="status" aria-live="polite"></span>
</div>
</form>
</main>`
  });
}
