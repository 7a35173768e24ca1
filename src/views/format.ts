// Display formatting shared by the tree and the detail page (vscode-free).

/** Parses the API's date-times (`2021-07-22T12:32:36.000+0000`, which Date.parse accepts) and date-only values. */
export function parseDisplayDate(raw: string | undefined): Date | undefined {
  if (!raw) {
    return undefined;
  }
  // Older engines reject "+0000" without a colon; add it so every runtime agrees.
  const normalised = raw.trim().replace(/([+-]\d{2})(\d{2})$/, '$1:$2');
  const time = Date.parse(normalised);
  return Number.isNaN(time) ? undefined : new Date(time);
}

/** "2021-07-22 12:32 UTC": unambiguous and stable across locales; unparseable input is shown as sent. */
export function formatApiDate(raw: string | undefined): string | undefined {
  if (!raw) {
    return undefined;
  }
  if (/^\d{4}-\d{2}-\d{2}$/.test(raw.trim())) {
    return raw.trim();
  }
  const date = parseDisplayDate(raw);
  if (!date) {
    return raw;
  }
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}
