// The chosen files of the New Support Case form: names and sizes only (the host keeps the paths and reads the files).
// A name is built from text nodes, isolated from the text around it (<bdi>), its control characters shown as
// markers, not obeyed: the same characters src/util/html.ts shows in what the host renders.

import { codePoint, SHOWN_CHARS } from '../../util/html';
import type { FileView, NewCasePageStrings } from './protocol';

/** "{0}" in a localised string replaced by `value`. */
export function fill(template: string, value: string): string {
  return template.replace('{0}', value);
}

export function formatSize(size: number, strings: NewCasePageStrings): string {
  if (size >= 1024 * 1024) {
    return fill(strings.megabytes, (size / 1024 / 1024).toFixed(1));
  }
  if (size >= 1024) {
    return fill(strings.kilobytes, String(Math.round(size / 1024)));
  }
  return size === 1 ? strings.byte : fill(strings.bytes, String(size));
}

export function isolatedName(text: string, strings: NewCasePageStrings): HTMLElement {
  const bdi = document.createElement('bdi');
  let last = 0;
  for (const match of text.matchAll(SHOWN_CHARS)) {
    const at = match.index;
    bdi.append(text.slice(last, at));
    const code = codePoint(match[0]);
    const marker = document.createElement('span');
    marker.className = 'control-char';
    marker.title = fill(strings.controlCharacter, code);
    marker.textContent = `[${code}]`;
    bdi.append(marker);
    last = at + match[0].length;
  }
  bdi.append(text.slice(last));
  return bdi;
}

export class FileList {
  /** The index of a file whose Remove button was pressed, until the new list arrives. */
  private focusAfterRemove = -1;

  constructor(
    private readonly list: HTMLElement,
    private readonly pickFiles: HTMLElement,
    private readonly strings: NewCasePageStrings
  ) {}

  /** Keyboard focus goes to the next Remove button once the shorter list arrives (or to Attach Files…). */
  removing(index: number): void {
    this.focusAfterRemove = index;
  }

  render(files: readonly FileView[]): void {
    const items = files.map((file, i) => {
      const li = document.createElement('li');
      const name = document.createElement('span');
      name.className = 'file-name';
      name.append(isolatedName(file.name, this.strings));
      const size = document.createElement('span');
      size.className = 'file-size';
      size.textContent = formatSize(file.size, this.strings);
      const remove = document.createElement('button');
      remove.type = 'button';
      remove.className = 'secondary remove-file';
      remove.dataset.index = String(i);
      remove.textContent = this.strings.remove;
      remove.setAttribute('aria-label', fill(this.strings.removeFile, file.name));
      li.append(name, size, remove);
      return li;
    });
    this.list.replaceChildren(...items);
    this.list.hidden = items.length === 0;
    if (this.focusAfterRemove >= 0) {
      const buttons = this.list.querySelectorAll('button.remove-file');
      const next = buttons[Math.min(this.focusAfterRemove, buttons.length - 1)];
      (next instanceof HTMLElement ? next : this.pickFiles).focus();
      this.focusAfterRemove = -1;
    }
  }
}
