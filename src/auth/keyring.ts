// How a failing OS keyring is explained to the user, for every SecretStorage call of the account store.
// vscode-free (the account store is unit-tested in plain Node): texts go through @vscode/l10n, which the extension
// hands VS Code's bundle for the display language (util/translations).

import * as l10n from '@vscode/l10n';

/** What the store was doing when the keyring failed. */
export type KeyringAction = 'storeAccount' | 'readAccount' | 'removeAccount' | 'storeList' | 'readList';

function failure(action: KeyringAction, reason: string): string {
  switch (action) {
    case 'storeAccount':
      return l10n.t('VS Code could not store the service account in its secret storage{0}.', reason);
    case 'readAccount':
      return l10n.t('VS Code could not read the service account from its secret storage{0}.', reason);
    case 'removeAccount':
      return l10n.t('VS Code could not remove the service account from its secret storage{0}.', reason);
    case 'storeList':
      return l10n.t('VS Code could not store the account list in its secret storage{0}.', reason);
    case 'readList':
      return l10n.t('VS Code could not read the account list from its secret storage{0}.', reason);
  }
}

/** SecretStorage fails when the OS keyring is locked or missing: say so, instead of a bare "Cannot get password". */
export async function keyring<T>(what: KeyringAction, action: () => PromiseLike<T>): Promise<T> {
  try {
    return await action();
  } catch (err) {
    const reason = err instanceof Error && err.message ? ` (${err.message.slice(0, 200)})` : '';
    throw new Error(
      `${failure(what, reason)} ${l10n.t('The OS keyring may be locked or unavailable: unlock it (or set one up), then try again.')}`,
      { cause: err }
    );
  }
}
