// The leak detector for private keys, shared by the unit and integration suites.

/**
 * Every fragment of a PEM key that must never be written anywhere but SecretStorage: the PEM itself, its JSON-escaped
 * form and each line of its base64 body (one line alone already helps to rebuild a key). Returns the fragments found.
 */
export function keyLeaks(text: string, pem: string): string[] {
  const lines = pem.split(/\r?\n/).filter((line) => line.trim().length >= 16 && !line.startsWith('-----'));
  const fragments = [pem, JSON.stringify(pem).slice(1, -1), ...lines];
  return fragments.filter((fragment) => text.includes(fragment));
}
