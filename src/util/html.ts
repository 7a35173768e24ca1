// Every string that reaches a webview comes from the API and is untrusted: escape it once, here. In text, the
// characters that would reorder or hide it (bidi controls, invisible and control characters) are shown as visible
// markers instead of being obeyed: "evil\u202Egol.txt" reads "evil[U+202E]gol.txt", not "eviltxt.log".

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

/**
 * Bidi controls (ALM, LRM, RLM, LRE…RLO, LRI…PDI), invisible characters (zero-width space, joiners, word joiner,
 * invisible operators, BOM, Mongolian vowel separator, soft hyphen, tag characters) and control characters other
 * than tab and line breaks.
 */
// eslint-disable-next-line no-control-regex
export const SHOWN_CHARS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]|\udb40[\udc00-\udc7f]/g;

export function codePoint(char: string): string {
  return `U+${(char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
}

/**
 * Escaped text with every SHOWN_CHARS character replaced by a visible marker: a styled element in page text, the
 * bare "[U+202E]" where no element may stand (inside <option>, <title>, <textarea>).
 */
export function shownText(value: unknown, where: 'markup' | 'plain' = 'markup'): string {
  return escapeHtml(value).replace(SHOWN_CHARS, (char) =>
    where === 'plain' ? `[${codePoint(char)}]` : `<span class="control-char" title="Invisible control character ${codePoint(char)}">[${codePoint(char)}]</span>`
  );
}

/** A name (a file, a person) isolated from the text around it, so its direction cannot change the rest of the line. */
export function isolated(value: unknown): SafeHtml {
  return new SafeHtml(`<bdi>${shownText(value)}</bdi>`);
}

type Context = 'attribute' | 'plain' | 'markup';

/**
 * Where a value lands, judged from the template's own static text before it (a nested template is balanced, and an
 * escaped value holds no '<' or '>'): inside a tag (an attribute: escaped only, so ids and values round-trip), in
 * an element that holds only text (markers as plain text), or in page text (markers as elements).
 */
function contextOf(statics: string): Context {
  if (statics.lastIndexOf('<') > statics.lastIndexOf('>')) {
    return 'attribute';
  }
  return /<(title|textarea|option)\b[^>]*>[^<]*$/i.test(statics) ? 'plain' : 'markup';
}

export function html(strings: TemplateStringsArray, ...values: unknown[]): SafeHtml {
  let out = strings[0];
  let statics = strings[0];
  values.forEach((value, i) => {
    out += renderValue(value, contextOf(statics)) + strings[i + 1];
    statics += strings[i + 1];
  });
  return new SafeHtml(out);
}

function renderValue(value: unknown, context: Context): string {
  if (value instanceof SafeHtml) {
    return value.value;
  }
  if (Array.isArray(value)) {
    return value.map((v) => renderValue(v, context)).join('');
  }
  if (value === false || value === undefined || value === null) {
    return '';
  }
  return context === 'attribute' ? escapeHtml(value) : shownText(value, context);
}
