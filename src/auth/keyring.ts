// How a failing OS keyring is explained to the user, for every SecretStorage call of the account store.

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
