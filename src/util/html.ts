// Every string that reaches a webview comes from the API and is untrusted: escape it once, here.

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
  '`': '&#96;'
};

export function escapeHtml(value: unknown): string {
  // Objects are escaped as their JSON text: '[object Object]' would hide what reached the page.
  const text = value === undefined || value === null ? '' : typeof value === 'object' ? JSON.stringify(value) : `${value as string | number | boolean | bigint}`;
  // Lone surrogates would be replaced by the browser anyway; normalising them keeps the output valid UTF-16.
  return text.replace(/[&<>"'`]/g, (c) => ESCAPES[c]).replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
}

/** Tagged template that escapes every interpolated value unless it is already-rendered `SafeHtml`. */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

export function html(strings: TemplateStringsArray, ...values: unknown[]): SafeHtml {
  let out = strings[0];
  values.forEach((value, i) => {
    out += renderValue(value) + strings[i + 1];
  });
  return new SafeHtml(out);
}

function renderValue(value: unknown): string {
  if (value instanceof SafeHtml) {
    return value.value;
  }
  if (Array.isArray(value)) {
    return value.map(renderValue).join('');
  }
  if (value === false || value === undefined || value === null) {
    return '';
  }
  return escapeHtml(value);
}
