// Text from the API shown in one-line places (tree rows, tab titles): no control characters, no bidi overrides.

// Bidi overrides would reorder the rest of the row (e.g. the case number after a subject); control characters
// have no business in a label.
// eslint-disable-next-line no-control-regex
export const CONTROL_CHARS = /[\u0000-\u001f\u007f-\u009f]/g;
export const BIDI_CONTROLS = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** One line of plain text: controls become spaces, bidi controls vanish, runs of whitespace collapse. */
export function oneLine(text: string | undefined): string {
  return (text ?? '').replace(BIDI_CONTROLS, '').replace(CONTROL_CHARS, ' ').replace(/\s+/g, ' ').trim();
}

/** oneLine, then cut to `max` characters with an ellipsis. */
export function truncateLine(text: string | undefined, max: number): string {
  const clean = oneLine(text);
  return clean.length > max ? `${clean.slice(0, max - 1)}…` : clean;
}
