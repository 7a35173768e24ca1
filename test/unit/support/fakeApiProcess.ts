// The fake Support API in a child process, for tests that measure the memory of this process: an in-process fake
// would hold the uploaded bytes in the same heap and hide what the client itself keeps.
import { spawn, ChildProcess } from 'child_process';
import * as path from 'path';
import type { FakeApiInfo } from '../../fake-api/client';

export interface FakeApiProcess extends FakeApiInfo {
  close(): Promise<void>;
}

export async function startFakeApiProcess(): Promise<FakeApiProcess> {
  const cli = path.join(__dirname, '..', '..', 'fake-api', 'cli.js');
  const child: ChildProcess = spawn(process.execPath, [cli], { stdio: ['ignore', 'pipe', 'inherit'] });
  const info = await new Promise<FakeApiInfo>((resolve, reject) => {
    let pending = '';
    child.once('exit', (code) => reject(new Error(`the fake API exited with ${String(code)} before it printed its address`)));
    child.stdout?.on('data', (chunk: Buffer) => {
      pending += chunk.toString('utf8');
      const newline = pending.indexOf('\n');
      if (newline >= 0) {
        resolve(JSON.parse(pending.slice(0, newline)) as FakeApiInfo);
      }
    });
  });
  child.removeAllListeners('exit');
  return {
    ...info,
    close: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) {
          resolve();
          return;
        }
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      })
  };
}
