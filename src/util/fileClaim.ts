// The cross-window claim both notifications and writes rely on: a file created with the 'wx' flag (O_CREAT |
// O_EXCL) is atomic on a local disk, so of several windows (extension hosts) exactly one creates it.

import { promises as fs } from 'fs';
import * as path from 'path';

/** True when this caller created `file` (with `content`); false when it exists already. Other failures reject. */
export async function createExclusive(file: string, content = ''): Promise<boolean> {
  await fs.mkdir(path.dirname(file), { recursive: true });
  let handle: fs.FileHandle;
  try {
    handle = await fs.open(file, 'wx');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') {
      return false;
    }
    throw err;
  }
  try {
    if (content !== '') {
      await handle.writeFile(content, 'utf8');
    }
  } finally {
    await handle.close();
  }
  return true;
}
