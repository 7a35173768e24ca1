// The one neutraliser for text that is not ours (the Support API's strings, file names, server error texts) shown
// in VS Code's own surfaces: notifications, quick picks, the status bar, tree labels, descriptions and tooltips,
// progress titles and tab titles. Those surfaces are not HTML, but they are not plain text either:
// - a notification, a progress notification and an input box's message turn `[label](target)` into a link when
//   the target starts with `https://`, `http://`, `command:` or `file:` (VS Code's linkedText.ts, case-insensitive);
//   a command link runs the command when clicked;
// - notifications, quick picks and the status bar draw `$(name)` as an icon (iconLabels.ts), which lets a subject
//   paint a "verified" check mark;
// - bidi controls reorder what follows them ("evil\u202Egol.txt" reads "eviltxt.log") and zero-width characters
//   make two different names look the same;
// - a line break in a one-line place cuts the text or is drawn as nothing.
// plainText() makes every one of these inert and keeps the text readable: "[x](command:y)" becomes
// "[x] (command:y)" and "$(check)" becomes "$ (check)" (a space breaks the syntax), invisible and bidi characters
// are removed, control characters and line breaks become spaces. The webviews have their own rule (html.ts): there,
// such characters are shown as visible markers.

// eslint-disable-next-line no-control-regex
export const CONTROL_CHARS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;
/** ALM, LRM, RLM, the embeddings and overrides (LRE…RLO) and the isolates (LRI…PDI). */
export const BIDI_CONTROLS = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
/**
 * Characters that take no room: zero-width space, non-joiner and joiner, word joiner, the invisible operators,
 * the byte order mark, the Mongolian vowel separator, the soft hyphen and the tag characters (invisible letters
 * that can smuggle text past a reader).
 */
export const INVISIBLE_CHARS = /[\u00ad\u180e\u200b-\u200d\u2060-\u2064\ufeff]|\udb40[\udc00-\udc7f]/g;

/** What makes VS Code draw a link (`](`, spaces allowed between by nothing) or an icon (`$(`). */
const LINK_OR_ICON = /(\]|\$)\(/g;

/**
 * API text for one line of VS Code's UI: no links, no icons, no bidi or invisible characters, one line, and at most
 * `max` characters (cut with an ellipsis).
 */
export function plainText(text: string | undefined, max = Number.POSITIVE_INFINITY): string {
  // Invisible characters go first: removed later, one between "]" and "(" would put the link back together.
  const line = (text ?? '').replace(INVISIBLE_CHARS, '').replace(BIDI_CONTROLS, '').replace(CONTROL_CHARS, ' ').replace(/\s+/g, ' ').trim();
  return cut(line.replace(LINK_OR_ICON, '$1 ('), max);
}

/**
 * plainText for places that show several lines (a tooltip, a dialog's detail): line breaks stay (as "\n"), every
 * other rule applies to each line.
 */
export function plainLines(text: string | undefined, max = Number.POSITIVE_INFINITY): string {
  const lines = (text ?? '').split(/\r\n|[\r\n\u2028\u2029]/).map((line) => plainText(line));
  return cut(lines.join('\n').replace(/\n{3,}/g, '\n\n').trim(), max);
}

/** Cuts on a code point boundary, so no half of a surrogate pair is left at the end. */
function cut(text: string, max: number): string {
  if (text.length <= max) {
    return text;
  }
  const points = Array.from(text);
  if (points.length <= max) {
    return text;
  }
  return `${points.slice(0, Math.max(0, max - 1)).join('').trimEnd()}…`;
}

/** The texts of a quick pick item (label, description, detail) made plain; the rest of the item is kept. */
export function plainItem<T extends { readonly label: string; readonly description?: string; readonly detail?: string }>(item: T, max = 200): T {
  return {
    ...item,
    label: plainText(item.label, max),
    ...(item.description !== undefined ? { description: plainText(item.description, max) } : {}),
    ...(item.detail !== undefined ? { detail: plainText(item.detail, max) } : {})
  };
}
