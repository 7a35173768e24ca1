// Files an agent may attach, and folders it may download into: only inside an open workspace folder (after symbolic
// links are resolved, so a link cannot lead outside), never a folder as a file, and within the API's size limits.

import { promises as fs } from 'fs';
import * as path from 'path';
import { MAX_ATTACHMENT_BYTES } from '../cases/noteRules';
import { formatSize } from '../util/saveStream';

export interface WorkspaceFile {
  readonly path: string;
  readonly name: string;
  readonly size: number;
}

export type Resolved<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly message: string };

const NO_WORKSPACE = 'No workspace folder is open. Ask the person to open the folder that holds the files.';

/** A path relative to the first workspace folder that has it (or absolute), resolved inside a workspace folder. */
export async function workspaceFile(folders: readonly string[], given: string): Promise<Resolved<WorkspaceFile>> {
  if (folders.length === 0) {
    return { ok: false, message: NO_WORKSPACE };
  }
  const candidates = path.isAbsolute(given) ? [given] : folders.map((folder) => path.join(folder, given));
  for (const candidate of candidates) {
    const real = await fs.realpath(candidate).catch(() => undefined);
    if (real === undefined) {
      continue;
    }
    if (!(await insideAny(folders, real))) {
      return { ok: false, message: `${given} is not inside an open workspace folder; only workspace files can be attached.` };
    }
    const stat = await fs.stat(real);
    if (!stat.isFile()) {
      return { ok: false, message: `${given} is not a file.` };
    }
    if (stat.size === 0) {
      return { ok: false, message: `${given} is empty; the Support API refuses empty files.` };
    }
    if (stat.size > MAX_ATTACHMENT_BYTES) {
      return { ok: false, message: `${given} has ${formatSize(stat.size)}; at most 20 MB per file are allowed.` };
    }
    return { ok: true, value: { path: real, name: path.basename(real), size: stat.size } };
  }
  return { ok: false, message: `${given} was not found in the workspace folders.` };
}

/** A folder inside a workspace folder (default: the first one); it need not exist yet. */
export async function workspaceFolder(folders: readonly string[], given: string | undefined): Promise<Resolved<string>> {
  if (folders.length === 0) {
    return { ok: false, message: NO_WORKSPACE };
  }
  const target = given === undefined || given.trim() === '' ? folders[0] : path.resolve(folders[0], given);
  // The nearest existing ancestor, resolved: a link inside the workspace must not lead the download outside it.
  let existing = target;
  const rest: string[] = [];
  for (;;) {
    const real = await fs.realpath(existing).catch(() => undefined);
    if (real !== undefined) {
      const resolved = path.join(real, ...rest.reverse());
      if (!(await insideAny(folders, resolved))) {
        return { ok: false, message: `${given ?? target} is not inside an open workspace folder; downloads go only into the workspace.` };
      }
      const stat = await fs.stat(real);
      if (!stat.isDirectory()) {
        return { ok: false, message: `${given ?? target} is not a folder.` };
      }
      return { ok: true, value: resolved };
    }
    const parent = path.dirname(existing);
    if (parent === existing) {
      return { ok: false, message: `${given ?? target} cannot be reached.` };
    }
    rest.push(path.basename(existing));
    existing = parent;
  }
}

async function insideAny(folders: readonly string[], real: string): Promise<boolean> {
  for (const folder of folders) {
    const root = await fs.realpath(folder).catch(() => undefined);
    if (root === undefined) {
      continue;
    }
    const relative = path.relative(root, real);
    if (relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative))) {
      return true;
    }
  }
  return false;
}
