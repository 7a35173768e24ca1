// What every part that names a service account shares: its id, and how a failing OS keyring is explained.
// The accounts themselves are kept by AccountStore (accountStore.ts).

import { createHash } from 'crypto';

/**
 * The account id of a service account: a hash of its client ID, so tab state and extension state can name the
 * account without holding the client ID in clear. Same client ID, same account (a rotated secret keeps its tabs).
 */
export function accountIdOf(clientId: string): string {
  return `sa-${createHash('sha256').update(clientId).digest('hex').slice(0, 16)}`;
}

/** SecretStorage fails when the OS keyring is locked or missing: say so, instead of a bare "Cannot get password". */
export async function keyring<T>(what: string, action: () => PromiseLike<T>): Promise<T> {
  try {
    return await action();
  } catch (err) {
    const reason = err instanceof Error && err.message ? ` (${err.message.slice(0, 200)})` : '';
    throw new Error(
      `VS Code could not ${what} its secret storage${reason}. The OS keyring may be locked or unavailable: unlock it (or set one up), then try again.`,
      { cause: err }
    );
  }
}
