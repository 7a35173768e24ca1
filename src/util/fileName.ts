// A file name that came from the API (an attachment's name, Content-Disposition) made safe to propose in a save
// dialog on any OS: one path segment, no traversal, no control or bidi characters, no reserved device names.

import { BIDI_CONTROLS, CONTROL_CHARS } from './text';

/** Characters Windows refuses in names, plus both separators. */
const FORBIDDEN = /[<>:"/\\|?*]/g;
/** CON, PRN, AUX, NUL, COM1–9, LPT1–9, with or without an extension, in any case. */
const RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(\..*)?$/i;
const MAX_LENGTH = 200;

export function sanitizeFileName(name: string | undefined, fallback = 'attachment'): string {
  let clean = (name ?? '').normalize('NFC').replace(BIDI_CONTROLS, '').replace(CONTROL_CHARS, '').replace(FORBIDDEN, '_');
  // No "..": a name made only of dots, or with a run of them, becomes underscores there.
  clean = clean.replace(/\.{2,}/g, (dots) => '_'.repeat(dots.length));
  // Windows drops trailing dots and spaces, which can turn "a.txt." into another file; leading dots hide files.
  clean = clean.trim().replace(/[. ]+$/, '').replace(/^\.+/, '');
  // Nothing left but what replaced dots and separators ("..", "/"): no name worth proposing.
  if (/^[_\s]*$/.test(clean)) {
    return fallback;
  }
  if (RESERVED.test(clean)) {
    clean = `_${clean}`;
  }
  if (clean.length > MAX_LENGTH) {
    const dot = clean.lastIndexOf('.');
    const extension = dot > 0 && clean.length - dot <= 16 ? clean.slice(dot) : '';
    clean = clean.slice(0, MAX_LENGTH - extension.length) + extension;
  }
  return clean;
}
