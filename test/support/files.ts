// File helpers shared by the unit and integration suites: big files written and hashed in steps, never whole in memory.
import { createHash, randomBytes } from 'crypto';
import { createReadStream, createWriteStream } from 'fs';

const MB = 1024 * 1024;

/** The SHA-256 of a file, read as a stream. */
export async function sha256File(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) {
    hash.update(chunk as Buffer);
  }
  return hash.digest('hex');
}

/** Writes `size` random bytes in 1 MB steps (never the whole file in memory) and returns its SHA-256. */
export async function randomFile(file: string, size: number): Promise<string> {
  const hash = createHash('sha256');
  const out = createWriteStream(file);
  for (let written = 0; written < size; written += MB) {
    const chunk = randomBytes(Math.min(MB, size - written));
    hash.update(chunk);
    if (!out.write(chunk)) {
      await new Promise((resolve) => out.once('drain', () => resolve(undefined)));
    }
  }
  await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
  return hash.digest('hex');
}
