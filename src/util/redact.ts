// Keeps secrets out of logs and error messages. Dependency-free so every bundle can use it.

export const REDACTED = '[redacted]';

/** Header names whose values are credentials. */
const SECRET_HEADERS = new Set(['authorization', 'proxy-authorization', 'cookie', 'set-cookie']);

/**
 * Form/JSON field names whose values are credentials. The client id is not a secret, but it identifies the
 * customer's service account, so it stays out of logs too (the token request body is logged at trace level).
 */
const SECRET_FIELDS = ['client_secret', 'client_assertion', 'access_token', 'refresh_token', 'id_token', 'password', 'client_id'];
const FIELD_ALTERNATION = SECRET_FIELDS.join('|');

// `client_secret=abc&…` in form bodies and query strings.
const FORM_FIELD = new RegExp(`(^|[?&\\s])(${FIELD_ALTERNATION})=[^&\\s]*`, 'gi');
// `"access_token": "abc"` in JSON text (value may contain escaped quotes).
const JSON_FIELD = new RegExp(`("(?:${FIELD_ALTERNATION})"\\s*:\\s*)"(?:[^"\\\\]|\\\\.)*"`, 'gi');
// `Bearer eyJ…` wherever a header value was pasted into text.
const BEARER = /\b(Bearer|Basic)\s+[A-Za-z0-9\-._~+/]+=*/g;
// A JWT anywhere in text (an access token or a client assertion, which is as good as the key until it expires): a
// base64url JSON header (`{"` encodes as `eyJ`), a payload and a signature. Nothing the Support API sends is shaped so.
const JWT = /\beyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]+/g;

/** Returns a copy of the headers with credential values replaced. */
export function redactHeaders(headers: Readonly<Record<string, unknown>>): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || value === null) {
      continue;
    }
    result[name] = SECRET_HEADERS.has(name.toLowerCase()) ? REDACTED : typeof value === 'object' ? JSON.stringify(value) : `${value as string | number | boolean}`;
  }
  return result;
}

/** Redacts secret fields in an application/x-www-form-urlencoded body or a query string. */
export function redactForm(body: string): string {
  return body.replace(FORM_FIELD, (_match, lead: string, name: string) => `${lead}${name}=${REDACTED}`);
}

/** Redacts secret fields in JSON text (works on partial or invalid JSON too). */
export function redactJsonText(text: string): string {
  return text.replace(JSON_FIELD, (_match, lead: string) => `${lead}"${REDACTED}"`);
}

/** Applies every pattern-based redaction: form fields, JSON fields, bearer/basic credentials, JWTs. */
export function redactText(text: string): string {
  return redactJsonText(redactForm(text))
    .replace(BEARER, (_match, scheme: string) => `${scheme} ${REDACTED}`)
    .replace(JWT, REDACTED);
}

/**
 * Replaces every occurrence of the known secret values (raw, URL-encoded and form-encoded) with [redacted].
 * Very short values are skipped: scrubbing "a" would mangle the whole text and protect nothing.
 */
export function scrubSecrets(text: string, secrets: readonly (string | undefined)[]): string {
  let result = text;
  const variants = new Set<string>();
  for (const secret of secrets) {
    if (secret === undefined || secret.length < 4) {
      continue;
    }
    variants.add(secret);
    variants.add(encodeURIComponent(secret));
    variants.add(new URLSearchParams({ s: secret }).toString().slice(2));
    // A PEM private key: also as JSON text (escaped newlines) and line by line, so no fragment of it survives.
    if (secret.includes('\n')) {
      variants.add(JSON.stringify(secret).slice(1, -1));
      for (const line of secret.split(/\r?\n/)) {
        if (line.trim().length >= 16 && !line.startsWith('-----')) {
          variants.add(line.trim());
          variants.add(encodeURIComponent(line.trim()));
        }
      }
    }
  }
  // Longest first so a secret that contains another is replaced whole.
  for (const variant of [...variants].sort((a, b) => b.length - a.length)) {
    result = result.split(variant).join(REDACTED);
  }
  return result;
}

/** Pattern redaction plus scrubbing of known values: use before anything reaches a log or a message. */
export function sanitizeForLog(text: string, secrets: readonly (string | undefined)[] = []): string {
  return scrubSecrets(redactText(text), secrets);
}
