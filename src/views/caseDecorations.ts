// The "updated" and "awaiting you" decorations of case rows. A row's resourceUri carries its marks in its query, so
// the provider is stateless: a row whose marks change gets another address and VS Code asks again.

import * as vscode from 'vscode';
import type { CaseRef } from '../cases/caseRef';

export const CASE_DECORATION_SCHEME = 'axway-support-case';

export interface DecorationMarks {
  readonly updated: boolean;
  readonly awaiting: boolean;
}

export function caseDecorationUri(ref: CaseRef, marks: DecorationMarks): vscode.Uri {
  const flags = [marks.updated ? 'updated' : '', marks.awaiting ? 'awaiting' : ''].filter((f) => f !== '').join(',');
  // An authority, so an empty account or number (odd data, signed out) still makes a valid address.
  return vscode.Uri.from({
    scheme: CASE_DECORATION_SCHEME,
    authority: 'case',
    path: `/${encodeURIComponent(ref.account)}/${encodeURIComponent(ref.caseNumber)}`,
    query: flags
  });
}

export class CaseDecorations implements vscode.FileDecorationProvider {
  provideFileDecoration(uri: vscode.Uri): vscode.FileDecoration | undefined {
    return caseDecoration(uri);
  }
}

/** The decoration for a row's address; undefined for rows without marks (and for every other scheme). */
export function caseDecoration(uri: vscode.Uri): vscode.FileDecoration | undefined {
  if (uri.scheme !== CASE_DECORATION_SCHEME) {
    return undefined;
  }
  const flags = new Set(uri.query.split(','));
  const updated = flags.has('updated');
  const awaiting = flags.has('awaiting');
  if (!updated && !awaiting) {
    return undefined;
  }
  const tooltip = [updated ? vscode.l10n.t('Updated') : '', awaiting ? vscode.l10n.t('Awaiting you') : ''].filter((t) => t !== '').join(' · ');
  // The dot says "changed"; the colour says "your turn" (a theme colour, so every theme including high contrast works).
  const decoration = new vscode.FileDecoration(updated ? '●' : undefined, tooltip, awaiting ? new vscode.ThemeColor('charts.orange') : new vscode.ThemeColor('list.highlightForeground'));
  decoration.propagate = false;
  return decoration;
}
