// Reading JSON we stored ourselves (SecretStorage entries, an older version's forms): an absent, empty, corrupt or
// non-object value reads as undefined, never as an exception, so a bad entry means "not there" to every reader.

/** The object a JSON text holds, or undefined when there is no text, it is not JSON, or it is not an object. */
export function parseJsonObject(raw: string | undefined): Readonly<Record<string, unknown>> | undefined {
  if (!raw) {
    return undefined;
  }
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return undefined;
  }
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}
