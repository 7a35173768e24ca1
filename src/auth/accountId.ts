// The account id every part uses to name a service account. The accounts themselves are kept by AccountStore.

import { createHash } from 'crypto';

/**
 * The account id of a service account: a hash of its client ID, so tab state and extension state can name the
 * account without holding the client ID in clear. Same client ID, same account (a rotated secret keeps its tabs).
 */
export function accountIdOf(clientId: string): string {
  return `sa-${createHash('sha256').update(clientId).digest('hex').slice(0, 16)}`;
}
