// The note form of the case tab, rendered from escaped strings only (vscode-free, unit-tested in plain Node).
// The form itself is part of the page written once (#case-forms, never touched by case updates, so typed text and
// focus survive refreshes); its file list and status line are fragments sent with the form's state and swapped in.
// Words through @vscode/l10n (the extension hands it VS Code's bundle, util/translations).

import * as l10n from '@vscode/l10n';
import { MAX_ATTACHMENT_BYTES, MAX_ATTACHMENTS, NOTE_DESCRIPTION_MAX, NOTE_SUBJECT_MAX } from '../../cases/noteRules';
import { formatSize } from '../../util/format';
import { html, isolated, SafeHtml } from '../../util/html';
import type { FormFile, FormMessage } from '../../webviews/case/protocol';

/** What the status line under the form says. */
export type NoteStatus =
  | { readonly kind: 'none' }
  | { readonly kind: 'sending'; readonly fileCount: number }
  /** The answer to a send was lost: the case is being re-read to see whether the note arrived. */
  | { readonly kind: 'checking' }
  | { readonly kind: 'sent'; readonly subject: string; readonly recovered: boolean }
  | { readonly kind: 'info'; readonly message: string }
  | {
      readonly kind: 'error';
      readonly title: string;
      readonly message: string;
      readonly troubleshootingId?: string;
      /** The next step, as a sentence. */
      readonly next: string;
    };

/** The static form, inside #case-forms. Labels, counters and error slots are tied to the fields by id. */
export function renderNoteForm(): SafeHtml {
  return html`<section id="note-form" class="note-form" aria-labelledby="note-form-h">
<h2 id="note-form-h">${l10n.t('Add a note')}</h2>
<div class="field">
<label for="note-subject">${l10n.t('Subject')}</label>
<input id="note-subject" type="text" autocomplete="off" spellcheck="true" aria-describedby="note-subject-error note-subject-count">
<p class="field-foot"><span id="note-subject-error" class="field-error"></span><span id="note-subject-count" class="counter" data-max="${NOTE_SUBJECT_MAX}">0 / ${NOTE_SUBJECT_MAX}</span></p>
</div>
<div class="field">
<label for="note-description">${l10n.t('Description')}</label>
<textarea id="note-description" rows="8" spellcheck="true" aria-describedby="note-description-error note-description-count"></textarea>
<p class="field-foot"><span id="note-description-error" class="field-error"></span><span id="note-description-count" class="counter" data-max="${NOTE_DESCRIPTION_MAX}">0 / ${NOTE_DESCRIPTION_MAX}</span></p>
</div>
<div class="field" role="group" aria-labelledby="note-files-label" aria-describedby="note-files-hint note-files-error">
<span id="note-files-label" class="label">${l10n.t('Attachments')}</span>
<span id="note-files-hint" class="hint">${l10n.t('Up to {0} files, {1} each.', MAX_ATTACHMENTS, formatSize(MAX_ATTACHMENT_BYTES))}</span>
<div id="note-files">${renderNoteFiles([])}</div>
<p id="note-files-error" class="field-error"></p>
<div class="toolbar"><button type="button" class="secondary" id="note-attach" data-action="pickFiles">${l10n.t('Attach Files…')}</button></div>
</div>
<div class="toolbar"><button type="button" id="note-send" data-action="addNote">${l10n.t('Add Note')}</button> <button type="button" class="secondary" id="note-cancel" data-action="cancelNote" hidden>${l10n.t('Cancel')}</button></div>
<div id="note-status" role="status" aria-live="polite"></div>
</section>`;
}

/** The chosen files: name, size and a remove button each. */
export function renderNoteFiles(files: readonly FormFile[]): SafeHtml {
  if (files.length === 0) {
    return html`<p class="empty">${l10n.t('No files attached.')}</p>`;
  }
  return html`<ul class="note-files">${files.map(
    (f) => html`<li><span class="file-name">${isolated(f.name)}</span><span class="file-size">${formatSize(f.size)}</span><button type="button" class="secondary" data-action="removeFile" data-file="${f.key}" aria-label="${l10n.t('Remove {0}', f.name)}">${l10n.t('Remove')}</button></li>`
  )}</ul>`;
}

export function renderNoteStatus(status: NoteStatus): SafeHtml {
  switch (status.kind) {
    case 'none':
      return html``;
    case 'sending':
      return html`<p class="note-status busy-line">${
        status.fileCount === 0
          ? l10n.t('Adding the note…')
          : status.fileCount === 1
            ? l10n.t('Adding the note with 1 file…')
            : l10n.t('Adding the note with {0} files…', status.fileCount)
      }</p>`;
    case 'checking':
      return html`<p class="note-status busy-line">${l10n.t('The connection was lost before the answer came. Checking whether the note reached the case…')}</p>`;
    case 'sent':
      return html`<p class="note-status success">${status.recovered ? l10n.t('The answer was lost, but the note is on the case: it was added once.') : l10n.t('Note added.')} ${l10n.t('“{0}” is now in the notes above.', status.subject)}</p>`;
    case 'info':
      return html`<p class="note-status">${status.message}</p>`;
    case 'error':
      return html`<div class="note-status error" role="alert">
<p><strong>${status.title}</strong> ${status.message}</p>
${status.troubleshootingId ? html`<p class="tid">${l10n.t('Troubleshooting ID:')} <code>${status.troubleshootingId}</code></p>` : ''}
<p class="next">${status.next}</p>
</div>`;
  }
}

export interface NoteFormView {
  readonly files: readonly FormFile[];
  readonly sending: boolean;
  readonly status: NoteStatus;
  readonly problems: FormMessage['problems'];
  readonly draftId?: string;
}

/** The message that puts the form's state on the page of the tab showing (account, caseNumber). */
export function toFormMessage(
  ref: { readonly account: string; readonly caseNumber: string },
  view: NoteFormView,
  extra: Pick<FormMessage, 'fill' | 'focus'> = {}
): FormMessage {
  const statusKind: FormMessage['statusKind'] =
    view.status.kind === 'none' ? 'none' : view.status.kind === 'error' ? 'error' : view.status.kind === 'sent' ? 'success' : 'info';
  return {
    type: 'noteForm',
    account: ref.account,
    caseNumber: ref.caseNumber,
    sending: view.sending,
    fileCount: view.files.length,
    filesHtml: renderNoteFiles(view.files).value,
    statusHtml: renderNoteStatus(view.status).value,
    statusKind,
    problems: view.problems,
    ...(view.draftId !== undefined ? { draftId: view.draftId } : {}),
    ...extra
  };
}
