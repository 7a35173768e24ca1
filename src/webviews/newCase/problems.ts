// Where the New Support Case form says what is wrong: under each field (tied to it by aria-describedby and
// aria-invalid), at the top for what concerns the whole form (focused, so a screen reader reads it), and a Retry at
// a list that could not be loaded.

import { byId } from '../dom';
import { control, FieldControls } from './fields';
import { FIELD_NAMES, type FormField, type HostMessage, type NewCasePageStrings } from './protocol';

type ProblemsMessage = Extract<HostMessage, { type: 'problems' }>;

export class Problems {
  private readonly formError = byId('form-error', HTMLElement);

  constructor(
    private readonly fields: FieldControls,
    private readonly pickFiles: HTMLElement,
    private readonly strings: NewCasePageStrings,
    private readonly loadAccounts: () => void
  ) {}

  private input(name: FormField): HTMLElement {
    return name === 'files' ? this.pickFiles : control(name);
  }

  clear(name: FormField): void {
    document.getElementById(`e-${name}`)?.replaceChildren();
    this.input(name).removeAttribute('aria-invalid');
  }

  show(m: ProblemsMessage): void {
    if (m.scope === 'files') {
      this.clear('files');
    } else {
      this.clearAll();
    }
    let first: HTMLElement | undefined;
    const topLines = m.summary ? [m.summary] : [];
    for (const problem of m.problems) {
      const error = problem.field ? document.getElementById(`e-${problem.field}`) : null;
      if (!problem.field || !error) {
        topLines.push(problem.message);
        continue;
      }
      const line = document.createElement('span');
      line.textContent = problem.message;
      error.append(line);
      const input = this.input(problem.field);
      input.setAttribute('aria-invalid', 'true');
      if (problem.field === 'targetDate') {
        const field = document.querySelector('[data-field="targetDate"]');
        if (field instanceof HTMLElement) {
          field.hidden = false;
        }
      }
      first ??= input;
    }
    if (m.scope === 'files') {
      return;
    }
    if (topLines.length > 0) {
      for (const text of topLines) {
        const p = document.createElement('p');
        p.textContent = text;
        this.formError.append(p);
      }
      this.formError.hidden = false;
    }
    // The summary first when it says something the fields do not (e.g. the API's answer); else the first field.
    if (!this.formError.hidden && (!first || m.problems.every((p) => !p.field))) {
      this.formError.focus();
    } else if (first) {
      first.focus();
    }
  }

  /** The accounts or the products could not be loaded: the message at the list, with a Retry. */
  showLoadError(field: 'sac' | 'product', message: string): void {
    const error = document.getElementById(`e-${field}`);
    if (!error) {
      return;
    }
    this.fields.placeholder(field, field === 'sac' ? this.strings.accountsNotLoaded : this.strings.productsNotLoaded);
    const text = document.createElement('span');
    text.textContent = `${message} `;
    const retry = document.createElement('button');
    retry.type = 'button';
    retry.className = 'secondary retry';
    retry.textContent = this.strings.retry;
    retry.setAttribute('aria-label', field === 'sac' ? this.strings.retryAccounts : this.strings.retryProducts);
    retry.addEventListener('click', () => {
      error.replaceChildren();
      if (field === 'sac') {
        this.fields.placeholder('sac', this.strings.loading);
        this.loadAccounts();
      } else {
        this.fields.requestProducts();
      }
    });
    error.replaceChildren(text, retry);
  }

  private clearAll(): void {
    for (const name of [...FIELD_NAMES, 'files' as const]) {
      this.clear(name);
    }
    this.formError.replaceChildren();
    this.formError.hidden = true;
  }
}
