// Display formatting shared by the tree and the detail page (vscode-free).

import { parseApiDate } from '../api/parse';

/** "2021-07-22 12:32 UTC": unambiguous and stable across locales; unparseable input is shown as sent. */
export function formatApiDate(raw: string | undefined): string | undefined {
  if (!raw) {
    return undefined;
  }
  if (/^\d{4}-\d{2}-\d{2}$/.test(raw.trim())) {
    return raw.trim();
  }
  const date = parseApiDate(raw);
  if (!date) {
    return raw;
  }
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}
