// The note draft's files as found on the extension host's disk: what a chosen file is (a file? how big?), and
// whether each is still there, still a file, and how big it is now, just before the note is sent.

import * as l10n from '@vscode/l10n';
import { promises as fs } from 'fs';
import * as path from 'path';
import type * as vscode from 'vscode';
import type { UploadFile } from '../../api/types';
import type { CandidateFile, DraftFile } from './noteDraft';

/** A chosen file as found on the extension host's disk. */
export async function candidateOf(uri: vscode.Uri): Promise<CandidateFile> {
  const name = path.basename(uri.fsPath) || uri.path;
  if (uri.scheme !== 'file') {
    return { path: uri.toString(), name, size: 0, isFile: false };
  }
  try {
    const stat = await fs.stat(uri.fsPath);
    return { path: uri.fsPath, name, size: stat.size, isFile: stat.isFile() };
  } catch {
    return { path: uri.fsPath, name, size: 0, isFile: false };
  }
}

/** The draft's files as they are now (changed or removed since they were chosen?), ready to stream. */
export async function checkFiles(files: readonly DraftFile[]): Promise<{ files: UploadFile[]; problems: string[] }> {
  const out: UploadFile[] = [];
  const problems: string[] = [];
  for (const file of files) {
    try {
      const stat = await fs.stat(file.path);
      if (!stat.isFile()) {
        problems.push(l10n.t('{0} is no longer a file; remove it.', file.name));
        continue;
      }
      out.push({ path: file.path, name: file.name, size: stat.size });
    } catch {
      problems.push(l10n.t('{0} can no longer be read (moved or deleted?); remove it or attach it again.', file.name));
    }
  }
  return { files: out, problems };
}
