// The files of a New Support Case draft as found on the extension host's disk: checked against the attachment
// rules when chosen, and looked at again before sending (a file may have grown, moved or gone since).

import { promises as fs } from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { checkFiles, NewCaseFile, NewCaseProblem } from '../../cases/newCaseRules';
import { MAX_ATTACHMENTS } from '../../cases/noteRules';

/** The draft's files with those at `paths` added (absolute paths); refused ones are said at the Attachments field. */
export async function addFiles(current: readonly NewCaseFile[], paths: readonly string[]): Promise<{ files: NewCaseFile[]; problems: NewCaseProblem[] }> {
  const problems: NewCaseProblem[] = [];
  const files = [...current];
  for (const filePath of paths) {
    if (files.some((f) => f.path === filePath)) {
      continue;
    }
    const name = path.basename(filePath);
    let size: number;
    try {
      const stat = await fs.stat(filePath);
      if (!stat.isFile()) {
        problems.push({ field: 'files', message: vscode.l10n.t('{0} is not a file.', name) });
        continue;
      }
      size = stat.size;
    } catch {
      problems.push({ field: 'files', message: vscode.l10n.t('{0} cannot be read.', name) });
      continue;
    }
    const refused = checkFiles([{ name, size }]);
    if (refused.length > 0) {
      problems.push(...refused);
      continue;
    }
    if (files.length >= MAX_ATTACHMENTS) {
      problems.push({ field: 'files', message: vscode.l10n.t('{0} was not attached: at most {1} files are allowed.', name, MAX_ATTACHMENTS) });
      continue;
    }
    files.push({ path: filePath, name, size });
  }
  return { files, problems };
}

/** The files with their sizes as they are now: the API's limits apply to what is sent. */
export async function currentSizes(current: readonly NewCaseFile[]): Promise<{ files: NewCaseFile[]; unreadable: NewCaseProblem[] }> {
  const files: NewCaseFile[] = [];
  const unreadable: NewCaseProblem[] = [];
  for (const file of current) {
    try {
      files.push({ ...file, size: (await fs.stat(file.path)).size });
    } catch {
      files.push(file);
      unreadable.push({ field: 'files', message: vscode.l10n.t('{0} can no longer be read. Remove it, or attach it again.', file.name) });
    }
  }
  return { files, unreadable };
}

/** VS Code's open dialog for the form's Attach Files… button: the chosen paths, or undefined. */
export async function pickPaths(): Promise<string[] | undefined> {
  const uris = await vscode.window.showOpenDialog({ canSelectMany: true, canSelectFiles: true, canSelectFolders: false, openLabel: vscode.l10n.t('Attach'), title: vscode.l10n.t('Attach Files to the New Case') });
  return uris?.map((uri) => uri.fsPath);
}
