// Reading a finished HTTP answer safely: headers, the troubleshooting id, Retry-After, the body's shape, JSON and the
// error fields of the Support API and of OAuth. Server text is untrusted: everything shown is cleaned and bounded here.
import * as l10n from '@vscode/l10n';
import { ApiError } from './errors';
import { redactText } from '../util/redact';
import { capitalise } from '../util/format';

/** What the mapping needs to know about a finished HTTP exchange. */
export interface HttpExchange {
  readonly status: number;
  readonly headers: Readonly<Record<string, string | undefined>>;
  readonly body: string;
  /** host:port of the proxy that carried this exchange (as VS Code's proxy support reported it), if any. */
  readonly proxy?: string;
}

/** Who answered, so messages can say "the Support API" or "the Axway sign-in service". */
export interface ServiceContext {
  /** Human name used in messages, e.g. "the Support API". */
  readonly service: string;
  /** host[:port] of the endpoint, never with credentials. */
  readonly host: string;
  /** host:port of the HTTP proxy the request went through, if any (never with credentials). */
  readonly proxy?: string;
}

const MAX_SERVER_TEXT = 500;

export function header(headers: Readonly<Record<string, string | undefined>>, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() === wanted && value !== undefined && value !== '') {
      return value;
    }
  }
  return undefined;
}

export function troubleshootingIdOf(headers: Readonly<Record<string, string | undefined>>): string | undefined {
  const value = header(headers, 'x-troubleshooting-id');
  return value === undefined ? undefined : cleanServerText(value, 200);
}

/** Retry-After as milliseconds: delta-seconds or an HTTP date. Undefined when absent or unreadable. */
export function parseRetryAfter(value: string | undefined, now: number = Date.now()): number | undefined {
  if (value === undefined) {
    return undefined;
  }
  const text = value.trim();
  if (/^\d+$/.test(text)) {
    return Number(text) * 1000;
  }
  if (!/[a-z]/i.test(text)) {
    return undefined;
  }
  const date = Date.parse(text);
  if (!Number.isFinite(date)) {
    return undefined;
  }
  return Math.max(0, date - now);
}

/** Server-provided text made safe to show: no control characters, no credentials, bounded length. */
export function cleanServerText(text: string, max = MAX_SERVER_TEXT): string {
  // eslint-disable-next-line no-control-regex
  const flat = redactText(text).replace(/[\u0000-\u001f\u007f]+/g, ' ').replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}

/** The shape of the body, used to explain parse failures. */
export function describeBody(body: string, contentType: string | undefined): string {
  const start = body.trimStart().slice(0, 200).toLowerCase();
  if (start === '') {
    return l10n.t('an empty body');
  }
  if (start.startsWith('<!doctype html') || start.startsWith('<html') || (contentType ?? '').includes('html')) {
    return l10n.t('an HTML page');
  }
  if (start.startsWith('<')) {
    return l10n.t('an XML/HTML document');
  }
  if (start.startsWith('{') || start.startsWith('[')) {
    return l10n.t('incomplete or invalid JSON');
  }
  return l10n.t('plain text');
}

/**
 * Parses a JSON body. Failure → ApiError 'parse' saying what came instead
 * ("the server sent an HTML page instead of JSON (HTTP 502)").
 */
export function parseJsonBody(exchange: HttpExchange, context: ServiceContext): unknown {
  try {
    return JSON.parse(exchange.body) as unknown;
  } catch {
    const what = describeBody(exchange.body, header(exchange.headers, 'content-type'));
    throw new ApiError({
      kind: 'parse',
      message: l10n.t('{0} ({1}) sent {2} instead of JSON (HTTP {3}).', capitalise(context.service), context.host, what, exchange.status),
      status: exchange.status,
      troubleshootingId: troubleshootingIdOf(exchange.headers)
    });
  }
}

export interface ErrorBody {
  readonly code?: string;
  readonly message?: string;
  readonly error?: string;
  readonly errorDescription?: string;
}

/** Reads `{code,message}` (Support API) or `{error,error_description}` (OAuth) from any body, never throwing. */
export function readErrorBody(body: string): ErrorBody {
  const record = jsonObjectOf(body);
  if (record === undefined) {
    return {};
  }
  return {
    code: textField(record.code, 100),
    message: textField(record.message),
    error: textField(record.error, 100),
    errorDescription: textField(record.error_description)
  };
}

function textField(value: unknown, max = MAX_SERVER_TEXT): string | undefined {
  if (typeof value === 'string' && value.trim() !== '') {
    return cleanServerText(value, max);
  }
  if (typeof value === 'number' || typeof value === 'boolean') {
    return String(value);
  }
  return undefined;
}

/** The body as a JSON object, or undefined when it is none (HTML, text, empty, an array, a bare value). */
export function jsonObjectOf(body: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(body);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** ": <the server's own text>" after a sentence that stops there, or the full stop that ends it. */
export function serverDetail(text: string | undefined): string {
  return text !== undefined ? l10n.t({ message: ': {0}', args: [text], comment: ["the server's own text, after a sentence that ends there"] }) : '.';
}
