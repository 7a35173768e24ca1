// A file name that came from the API (an attachment's name, Content-Disposition) made safe to propose in a save
// dialog on any OS: one path segment, no traversal, no control or bidi characters, no reserved device names.

import { BIDI_CONTROLS, CONTROL_CHARS } from './text';

/** Characters Windows refuses in names, plus both separators. */
const FORBIDDEN = /[<>:"/\\|?*]/g;
/**
 * CON, PRN, AUX, NUL, COM1–9, LPT1–9 (and the superscript digits Windows also reserves), with or without an
 * extension, in any case; Windows ignores spaces before the extension too ("CON .txt").
 */
const RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³]) *(\..*)?$/i;
/** In UTF-8 bytes: file systems limit names to 255 bytes, and a save dialog and a temp suffix need some room. */
const MAX_BYTES = 200;
/** An extension longer than this is part of the name, not worth keeping when cutting. */
const MAX_EXTENSION = 16;

export function sanitizeFileName(name: string | undefined, fallback = 'attachment'): string {
  let clean = (name ?? '').normalize('NFC').replace(BIDI_CONTROLS, '').replace(CONTROL_CHARS, '').replace(FORBIDDEN, '_');
  // Trailing dots go first ("name.txt..." is "name.txt"); then no "..": a run of dots inside becomes underscores.
  clean = trimEnds(trimEnds(clean).replace(/\.{2,}/g, (dots) => '_'.repeat(dots.length)));
  // Nothing left but what replaced dots and separators ("..", "/"): no name worth proposing.
  if (/^[_\s]*$/.test(clean)) {
    return fallback;
  }
  if (RESERVED.test(clean)) {
    clean = `_${clean}`;
  }
  if (utf8Length(clean) > MAX_BYTES) {
    clean = cut(clean);
  }
  return clean;
}

/** Windows drops trailing dots and spaces, which can turn "a.txt." into another file; leading dots hide files. */
function trimEnds(value: string): string {
  return value.trim().replace(/[. ]+$/, '').replace(/^\.+/, '');
}

/** Cuts to MAX_BYTES of UTF-8 on a code point boundary, keeping a short extension. */
function cut(value: string): string {
  const dot = value.lastIndexOf('.');
  const extension = dot > 0 && value.length - dot <= MAX_EXTENSION ? value.slice(dot) : '';
  const stem = Array.from(extension ? value.slice(0, dot) : value);
  let budget = MAX_BYTES - utf8Length(extension);
  const kept: string[] = [];
  for (const char of stem) {
    budget -= utf8Length(char);
    if (budget < 0) {
      break;
    }
    kept.push(char);
  }
  // The cut may end on a dot or a space, which Windows would drop.
  return trimEnds(kept.join('')) + extension;
}

function utf8Length(value: string): number {
  return Buffer.byteLength(value, 'utf8');
}
