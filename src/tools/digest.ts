// An agent's write is known by what it sends: the same input is the same intent (one flight, one marker), so a
// second identical call finds the first instead of sending again.

import { createHash } from 'crypto';

export function intentId(kind: string, parts: readonly unknown[]): string {
  return `agent-${createHash('sha256').update(JSON.stringify([kind, ...parts])).digest('hex').slice(0, 32)}`;
}
