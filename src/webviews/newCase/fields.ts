// The New Support Case form's fields. Account, product, version and operating system are filled from lists that
// arrive later (rendered and escaped by the host, copied into fresh <option>s by value and text only): what the
// draft wants selected is kept until its option is there.

import { FIELD_NAMES, type FormFields, type NewCasePageStrings, type ProductChoices } from './protocol';

export type Field = keyof FormFields;
/** The fields filled from lists that arrive later. */
export type DynamicField = 'sac' | 'product' | 'version' | 'os';
const DYNAMIC: readonly Field[] = ['sac', 'product', 'version', 'os'] satisfies readonly DynamicField[];

export function isDynamic(name: string): name is DynamicField {
  return (DYNAMIC as readonly string[]).includes(name);
}

export function isField(name: string): name is Field {
  return (FIELD_NAMES as readonly string[]).includes(name);
}

type Control = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;

export function control(name: Field): Control {
  const element = document.getElementById(`f-${name}`);
  if (!(element instanceof HTMLInputElement || element instanceof HTMLSelectElement || element instanceof HTMLTextAreaElement)) {
    throw new Error(`The page has no field ${name}.`);
  }
  return element;
}

function selectOf(name: DynamicField): HTMLSelectElement {
  const element = control(name);
  if (!(element instanceof HTMLSelectElement)) {
    throw new Error(`The field ${name} is not a list.`);
  }
  return element;
}

export class FieldControls {
  /** What the draft wants selected in each list, until the list holds it. */
  readonly wanted: Record<DynamicField, string> = { sac: '', product: '', version: '', os: '' };
  /** The chosen account's products: versions and operating systems by product id (ids come from the API). */
  private choices: Record<string, ProductChoices> = Object.create(null) as Record<string, ProductChoices>;

  constructor(
    /** The one case type that takes a target date (the host writes the domain's value into the page). */
    private readonly targetDateType: string,
    private readonly strings: NewCasePageStrings,
    /** Asks the host for an account's products. */
    private readonly loadProducts: (sac: string) => void
  ) {}

  collect(): FormFields {
    const fields: Partial<Record<Field, string>> = {};
    for (const name of FIELD_NAMES) {
      fields[name] = isDynamic(name) ? this.wanted[name] : control(name).value;
    }
    return fields as FormFields;
  }

  apply(fields: FormFields): void {
    for (const name of FIELD_NAMES) {
      if (isDynamic(name)) {
        this.wanted[name] = fields[name];
        this.selectIfPresent(name);
      } else {
        control(name).value = fields[name];
      }
    }
    this.showTargetDate();
  }

  showTargetDate(): void {
    const field = document.querySelector('[data-field="targetDate"]');
    if (field instanceof HTMLElement) {
      field.hidden = control('type').value !== this.targetDateType;
    }
  }

  /** Replaces a list's options with those in `html` (rendered and escaped by the host), by value and text only. */
  setOptions(name: DynamicField, html: string): void {
    const select = selectOf(name);
    const parsed = new DOMParser().parseFromString(`<select>${html}</select>`, 'text/html');
    const options = Array.from(parsed.querySelectorAll('option'), (o) => new Option(o.textContent ?? '', o.value));
    select.replaceChildren(...options);
    select.disabled = false;
    // A single choice (one account, one operating system) is chosen for the person.
    if (!this.wanted[name] && select.options.length === 2 && select.options[1].value) {
      this.wanted[name] = select.options[1].value;
    }
    if (!this.selectIfPresent(name)) {
      this.wanted[name] = '';
    }
  }

  placeholder(name: DynamicField, text: string): void {
    selectOf(name).replaceChildren(new Option(text, ''));
  }

  /** The chosen account's products arrived. */
  setProducts(html: string, choices: Readonly<Record<string, ProductChoices>>): void {
    this.choices = choices;
    this.setOptions('product', html);
    this.applyProductChoices();
  }

  applyProductChoices(): void {
    const chosen = this.wanted.product ? this.choices[this.wanted.product] : undefined;
    if (chosen) {
      this.setOptions('version', chosen.versions);
      this.setOptions('os', chosen.os);
    } else {
      this.wanted.version = '';
      this.wanted.os = '';
      this.placeholder('version', this.strings.chooseProductFirst);
      this.placeholder('os', this.strings.chooseProductFirst);
    }
  }

  requestProducts(): void {
    this.choices = Object.create(null) as Record<string, ProductChoices>;
    this.placeholder('product', this.wanted.sac ? this.strings.loadingProducts : this.strings.chooseAccountFirst);
    this.placeholder('version', this.strings.chooseProductFirst);
    this.placeholder('os', this.strings.chooseProductFirst);
    if (this.wanted.sac) {
      this.loadProducts(this.wanted.sac);
    }
  }

  /** A list's choice changed: the lists below it start over. */
  chose(name: DynamicField, value: string): void {
    this.wanted[name] = value;
    if (name === 'sac') {
      this.wanted.product = '';
      this.wanted.version = '';
      this.wanted.os = '';
      this.requestProducts();
    } else if (name === 'product') {
      this.wanted.version = '';
      this.wanted.os = '';
      this.applyProductChoices();
    }
  }

  private selectIfPresent(name: DynamicField): boolean {
    const select = selectOf(name);
    const present = Array.from(select.options).some((o) => o.value === this.wanted[name]);
    select.value = present ? this.wanted[name] : '';
    return present;
  }
}
