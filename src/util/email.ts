// One e-mail check for every form and input box, so they all accept and refuse the same addresses.

/** A pragmatic e-mail check (what the portal accepts); the API has the last word. */
export function isEmail(value: string): boolean {
  return /^[^\s@<>(),;:"[\]]+@[^\s@<>(),;:"[\]]+\.[^\s@<>(),;:"[\]]{2,}$/.test(value.trim());
}
