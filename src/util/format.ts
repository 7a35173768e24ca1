// Small wording helpers shared by every surface, so a size or a sentence start reads the same everywhere. vscode-free:
// the units go through @vscode/l10n, which the extension hands VS Code's bundle (util/translations).

import * as l10n from '@vscode/l10n';

/**
 * "512 bytes", "1 KB", "1.5 KB", "20 MB", "20.0 MB": whole units without a decimal, anything else with one, so a file
 * just over a limit never reads like the limit itself.
 */
export function formatSize(bytes: number): string {
  if (bytes < 1024) {
    return bytes === 1 ? l10n.t('1 byte') : l10n.t('{0} bytes', bytes);
  }
  const units = [(n: string): string => l10n.t('{0} KB', n), (n: string): string => l10n.t('{0} MB', n), (n: string): string => l10n.t('{0} GB', n)];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return units[unit](Number.isInteger(value) ? String(value) : value.toFixed(1));
}

/** The text with its first character in upper case ("the Support API" → "The Support API"). */
export function capitalise(text: string): string {
  return text.length === 0 ? text : text[0].toUpperCase() + text.slice(1);
}
