// The note form (the static region #case-forms, which case updates never touch): its text is kept in the page state
// too, so a reload or a hidden and shown tab finds it at once; the extension keeps the same draft (with the chosen
// files) for a closed tab. Files and the status line are fragments the host rendered (escaped) and sent.

import { byId, swapFragment } from '../dom';
import type { VsCodeApi } from '../vscodeApi';
import { FORM_FIELDS, type CasePageState, type FormField, type FormFocus, type FormMessage, type PageMessage } from './protocol';

type Draft = NonNullable<CasePageState['draft']>;

export class NoteForm {
  private readonly subject = byId('note-subject', HTMLInputElement);
  private readonly description = byId('note-description', HTMLTextAreaElement);
  private readonly files = byId('note-files', HTMLElement);
  private readonly status = byId('note-status', HTMLElement);
  private readonly send = byId('note-send', HTMLButtonElement);
  private readonly attach = byId('note-attach', HTMLButtonElement);
  private sending = false;
  /** The id of the extension's draft this text belongs to (undefined: typed before the extension stored it). */
  private draftId: string | undefined;
  private draftTimer = 0;

  /** `saveState` keeps the page state (with this form's text) after every change. */
  constructor(
    private readonly host: VsCodeApi<CasePageState, PageMessage>,
    private readonly saveState: () => void,
    saved: Draft | undefined
  ) {
    if (saved) {
      this.subject.value = saved.subject;
      this.description.value = saved.description;
      this.draftId = saved.id;
    }
    for (const field of [this.subject, this.description]) {
      this.updateCounter(field);
      field.addEventListener('input', () => {
        this.updateCounter(field);
        this.setProblem(field === this.subject ? 'subject' : 'description', '');
        this.draftChanged();
      });
    }
    byId('case-forms', HTMLElement).addEventListener('click', (event) => this.clicked(event));
    // Ctrl+Enter (Cmd+Enter) in the description adds the note, as in VS Code's own comment boxes.
    this.description.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
        event.preventDefault();
        this.addNote();
      }
    });
  }

  /** The text as the page state keeps it. */
  get draft(): Draft {
    return { subject: this.subject.value, description: this.description.value, ...(this.draftId !== undefined ? { id: this.draftId } : {}) };
  }

  render(m: FormMessage): void {
    const hadFocusInFiles = this.files.contains(document.activeElement);
    if (this.draftId !== undefined && this.draftId !== m.draftId) {
      // This text belongs to a draft the extension cleared: its note was added while this page was away.
      this.setText('', '');
    }
    this.draftId = m.draftId;
    this.saveState();
    swapFragment(this.files, m.filesHtml);
    swapFragment(this.status, m.statusHtml);
    this.sending = m.sending;
    this.send.setAttribute('aria-disabled', m.sending ? 'true' : 'false');
    this.send.classList.toggle('busy-button', m.sending);
    const cancel = document.getElementById('note-cancel');
    if (cancel) {
      cancel.hidden = !m.sending;
    }
    const problems = new Map<FormField, string>();
    for (const p of m.problems) {
      const before = problems.get(p.field);
      problems.set(p.field, before ? `${before} ${p.message}` : p.message);
    }
    for (const field of FORM_FIELDS) {
      this.setProblem(field, problems.get(field) ?? '');
    }
    if (m.fill) {
      const replace = m.fill.mode === 'replace';
      this.setText(replace || this.subject.value === '' ? m.fill.subject : this.subject.value, replace || this.description.value === '' ? m.fill.description : this.description.value);
      this.saveState();
    }
    if (m.focus !== undefined) {
      this.focus(m.focus);
    } else if (hadFocusInFiles && !this.files.contains(document.activeElement)) {
      this.attach.focus();
    }
  }

  private setText(subject: string, description: string): void {
    this.subject.value = subject;
    this.description.value = description;
    this.updateCounter(this.subject);
    this.updateCounter(this.description);
  }

  private clicked(event: MouseEvent): void {
    const target = event.target instanceof Element ? event.target.closest('button[data-action]') : null;
    if (!target || target.getAttribute('aria-disabled') === 'true') {
      return;
    }
    switch (target.getAttribute('data-action')) {
      case 'addNote':
        this.addNote();
        return;
      case 'cancelNote':
        this.host.postMessage({ type: 'cancelNote' });
        return;
      case 'pickFiles':
        this.flushDraft();
        this.host.postMessage({ type: 'pickFiles' });
        return;
      case 'removeFile':
        this.flushDraft();
        this.host.postMessage({ type: 'removeFile', key: target.getAttribute('data-file') ?? '' });
        return;
    }
  }

  private addNote(): void {
    if (this.sending) {
      return;
    }
    this.flushDraft();
    this.host.postMessage({ type: 'addNote', subject: this.subject.value, description: this.description.value });
  }

  private draftChanged(): void {
    this.saveState();
    window.clearTimeout(this.draftTimer);
    this.draftTimer = window.setTimeout(() => this.flushDraft(), 300);
  }

  private flushDraft(): void {
    window.clearTimeout(this.draftTimer);
    this.draftTimer = 0;
    this.host.postMessage({ type: 'noteDraft', subject: this.subject.value, description: this.description.value });
  }

  /** Characters as the API counts them (code points), not UTF-16 units. */
  private updateCounter(field: HTMLInputElement | HTMLTextAreaElement): void {
    const counter = document.getElementById(`${field.id}-count`);
    if (!counter) {
      return;
    }
    const max = Number(counter.dataset.max);
    const length = Array.from(field.value.trim()).length;
    counter.textContent = `${length} / ${max}`;
    counter.classList.toggle('over', length > max);
  }

  private setProblem(field: FormField, message: string): void {
    const error = document.getElementById(`note-${field}-error`);
    if (error) {
      error.textContent = message;
    }
    if (field === 'files') {
      return;
    }
    const control = field === 'subject' ? this.subject : this.description;
    if (message) {
      control.setAttribute('aria-invalid', 'true');
    } else {
      control.removeAttribute('aria-invalid');
    }
  }

  private focus(field: FormFocus): void {
    const target = { subject: this.subject, description: this.description, files: this.attach, send: this.send }[field];
    target.focus();
    if (document.activeElement === target) {
      this.host.postMessage({ type: 'formFocused', field });
    }
  }
}
