// The Support API service: list cases and get one case, with bearer tokens, one token renewal on 401,
// one bounded wait on 429, and every failure mapped to an ApiError. No other automatic retries.
import { ApiError, cancelledError, isApiError } from './errors';
import { HttpClient, HttpMethod, HttpResponse, RequestBody } from './http';
import { mapApiHttpError, parseJsonBody, parseRetryAfter, header, ServiceContext } from './errorMapping';
import { MAX_OFFSET, PAGE_SIZE } from './limits';
import { parseCaseDetail, parseCaseList } from './parse';
import { InFlightValues } from '../util/inFlight';
import type { AddedNote, AttachmentDownload, CloseCaseInput, NewCaseInput, NoteInput, ProductOption, SupportAccount, CaseDetail, CaseList, CaseQuery, DateRange, IncludeExclude, ListCasesParams, Logger, SortKey, TokenSource } from './types';
/** Longest Retry-After the service waits out by itself before giving up with 'rateLimited'. */
export const DEFAULT_MAX_RETRY_AFTER_MS = 10_000;

const SORT_FIELDS = new Set(['createdDate', 'modifiedDate', 'closedDate', 'status', 'severity']);

export interface SupportApiOptions {
  readonly baseUrl: string;
  readonly tokens: TokenSource;
  readonly logger: Logger;
  /** Idle timeout (no byte either way for this long); see HttpClient. */
  readonly timeoutMs?: number;
  readonly connectTimeoutMs?: number;
  readonly maxResponseBytes?: number;
  /** Abortable wait used for Retry-After; injectable so tests need not sleep. */
  readonly sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  readonly maxRetryAfterMs?: number;
  readonly now?: () => number;
}

/** One call of the Support API, relative to its base URL. */
interface ApiCall {
  readonly method: HttpMethod;
  readonly path: string;
  readonly body?: RequestBody;
}

/**
 * Every public method here is part of SupportApiClient (types.ts derives it from this class), so adding a method
 * to this class is the only step to offer a new API call to the views.
 */
export class SupportApi {
  private readonly http: HttpClient;
  private readonly context: ServiceContext;
  private readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  private readonly maxRetryAfterMs: number;
  private readonly now: () => number;
  /** Tokens of the requests in flight, scrubbed from their log lines and messages. */
  private readonly tokensInUse = new InFlightValues();

  constructor(private readonly options: SupportApiOptions) {
    this.http = new HttpClient({
      baseUrl: options.baseUrl,
      service: 'the Support API',
      logger: options.logger,
      timeoutMs: options.timeoutMs,
      connectTimeoutMs: options.connectTimeoutMs,
      maxResponseBytes: options.maxResponseBytes,
      secrets: () => this.tokensInUse.values()
    });
    this.context = { service: this.http.service, host: this.http.host };
    this.sleep = options.sleep ?? abortableSleep;
    this.maxRetryAfterMs = options.maxRetryAfterMs ?? DEFAULT_MAX_RETRY_AFTER_MS;
    this.now = options.now ?? Date.now;
  }

  async listCases(params: ListCasesParams, signal?: AbortSignal): Promise<CaseList> {
    const limit = checkInteger(params.limit ?? PAGE_SIZE, 0, PAGE_SIZE, 'limit');
    const offset = checkInteger(params.offset ?? 0, 0, MAX_OFFSET, 'offset');
    const path = `/case?${buildListQuery({ ...params, limit, offset })}`;
    const response = await this.send({ method: 'GET', path }, signal, 'The case list');
    return withTroubleshootingId(response, () => parseCaseList(parseJsonBody(response, this.context), { limit, offset }));
  }

  async getCase(caseNumber: string, signal?: AbortSignal): Promise<CaseDetail> {
    const id = typeof caseNumber === 'string' ? caseNumber.trim() : '';
    if (id === '') {
      throw new ApiError({ kind: 'badRequest', message: 'A case number is required.' });
    }
    const response = await this.send({ method: 'GET', path: `/case/${encodeURIComponent(id)}` }, signal, `Case ${id}`);
    return withTroubleshootingId(response, () => parseCaseDetail(parseJsonBody(response, this.context)));
  }

  // Issue 8 contract: the helper that owns src/api implements these; the views code against the signatures.
  /** POST /note (JSON, or multipart with files streamed from disk). */
  addNote(input: NoteInput, signal?: AbortSignal): Promise<AddedNote> {
    return notYet('addNote', input, signal);
  }

  /** DELETE /case with the documented body; answers the closed case. */
  closeCase(input: CloseCaseInput, signal?: AbortSignal): Promise<CaseDetail> {
    return notYet('closeCase', input, signal);
  }

  /**
   * POST /case. A 500 whose message names a created case number throws an ApiError whose `createdCaseNumber`
   * names it (partial completion).
   */
  createCase(input: NewCaseInput, signal?: AbortSignal): Promise<CaseDetail> {
    return notYet('createCase', input, signal);
  }

  /** GET /account. */
  listAccounts(signal?: AbortSignal): Promise<SupportAccount[]> {
    return notYet('listAccounts', undefined, signal);
  }

  /** GET /product?sac=. */
  listProducts(sac: string, signal?: AbortSignal): Promise<ProductOption[]> {
    return notYet('listProducts', sac, signal);
  }

  /** GET /attachment?caseId=&attachmentId=, streamed. */
  downloadAttachment(caseId: string, attachmentId: string, signal?: AbortSignal): Promise<AttachmentDownload> {
    return notYet('downloadAttachment', { caseId, attachmentId }, signal);
  }

  /**
   * A call with a bearer token: at most one renewal after 401 and one bounded wait after 429 (both mean the server
   * did not act on the request, so repeating a POST or DELETE is safe). Returns 2xx only.
   */
  private async send(call: ApiCall, signal: AbortSignal | undefined, subject: string): Promise<HttpResponse> {
    let renewedToken = false;
    let waitedForRateLimit = false;
    for (;;) {
      const token = await this.options.tokens.getToken(signal);
      // Held until this attempt's messages are built: a server that echoes the token must not get it into a log.
      const release = this.tokensInUse.hold(token);
      try {
        const response = await this.http.request({ ...call, headers: { Authorization: `Bearer ${token}` }, signal });
        if (response.status >= 200 && response.status <= 299) {
          return response;
        }
        const error = mapApiHttpError(response, this.context, { notFoundMessage: `${subject} was not found (HTTP 404).`, now: this.now() });
        if (response.status === 401) {
          this.options.tokens.invalidate(token);
          if (!renewedToken) {
            renewedToken = true;
            this.options.logger.info('The Support API rejected the access token; requesting a new one and retrying once.');
            continue;
          }
          throw this.clean(
            new ApiError({
              ...error,
              kind: 'credentialsRejected',
              message: `The Support API rejected a freshly issued access token${error.code !== undefined ? ` (${error.code})` : ''}. The service account may not have access to the Support API: check it and sign in again.`
            })
          );
        }
        if (response.status === 429 && !waitedForRateLimit) {
          const waitMs = parseRetryAfter(header(response.headers, 'retry-after'), this.now());
          if (waitMs !== undefined && waitMs <= this.maxRetryAfterMs) {
            waitedForRateLimit = true;
            this.options.logger.info(`The Support API asked to wait ${waitMs} ms (HTTP 429); retrying once.`);
            await this.sleep(waitMs, signal);
            continue;
          }
        }
        throw this.clean(error);
      } finally {
        release();
      }
    }
  }

  private clean(error: ApiError): ApiError {
    return new ApiError({ ...error, message: this.http.clean(error.message) });
  }
}

function checkInteger(value: number, min: number, max: number, name: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new ApiError({ kind: 'badRequest', message: `The ${name} of a case list request must be a whole number from ${min} to ${max} (got ${String(value)}).` });
  }
  return value;
}

/**
 * The exact query string of `GET /case`. Built by hand because the encoding matters: a '+' in `sort` must go on
 * the wire as %2B (a raw '+' would be read as a space), and `query` is percent-encoded JSON.
 */
export function buildListQuery(params: ListCasesParams & { readonly limit: number; readonly offset: number }): string {
  const parts = [`limit=${params.limit}`, `offset=${params.offset}`];
  if (params.sort !== undefined && params.sort.length > 0) {
    parts.push(`sort=${encodeSort(params.sort)}`);
  }
  if (params.query !== undefined) {
    const query = queryJson(params.query);
    if (query !== undefined) {
      parts.push(`query=${encodeURIComponent(query)}`);
    }
  }
  return parts.join('&');
}

export function encodeSort(keys: readonly SortKey[]): string {
  const seen = new Set<string>();
  const encoded: string[] = [];
  for (const key of keys) {
    if (!SORT_FIELDS.has(key.field)) {
      throw new ApiError({ kind: 'badRequest', message: `Cases cannot be sorted by "${String(key.field)}".` });
    }
    if (seen.has(key.field)) {
      continue;
    }
    seen.add(key.field);
    encoded.push(`${key.direction === 'desc' ? '-' : '%2B'}${key.field}`);
  }
  return encoded.join(',');
}

/** The `query` JSON, or undefined when no filter is set. Dates as ISO-8601 UTC ending in Z, without milliseconds. */
export function queryJson(query: CaseQuery): string | undefined {
  const result: Record<string, unknown> = {};
  if (query.created !== undefined) {
    result.created = range(query.created, 'created');
  }
  if (query.updated !== undefined) {
    result.updated = range(query.updated, 'updated');
  }
  if (query.sac !== undefined && query.sac.trim() !== '') {
    result.sac = query.sac.trim();
  }
  if (query.types !== undefined) {
    result.types = includeExclude(query.types, 'types');
  }
  if (query.statuses !== undefined) {
    result.statuses = includeExclude(query.statuses, 'statuses');
  }
  return Object.keys(result).length === 0 ? undefined : JSON.stringify(result);
}

export function formatQueryDate(date: Date, what: string): string {
  if (!(date instanceof Date) || !Number.isFinite(date.getTime())) {
    throw new ApiError({ kind: 'badRequest', message: `The ${what} date of the case filter is not a valid date.` });
  }
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function range(value: DateRange, name: string): { after: string; before: string } {
  return { after: formatQueryDate(value.after, `${name}.after`), before: formatQueryDate(value.before, `${name}.before`) };
}

function includeExclude(value: IncludeExclude, name: string): { include: string[] } | { exclude: string[] } {
  const isInclude = 'include' in value;
  const values = isInclude ? value.include : value.exclude;
  const unique = [...new Set((values ?? []).filter((v) => typeof v === 'string' && v !== ''))];
  if (unique.length === 0) {
    throw new ApiError({ kind: 'badRequest', message: `The "${name}" filter needs at least one value.` });
  }
  return isInclude ? { include: unique } : { exclude: unique };
}

/** setTimeout that rejects with a 'cancelled' ApiError when the signal fires. */
export function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(cancelledError());
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(cancelledError());
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** Parsing a 2xx answer that has the wrong shape fails after the exchange: the error still names the answer's ID. */
function withTroubleshootingId<T>(response: HttpResponse, parse: () => T): T {
  try {
    return parse();
  } catch (err) {
    if (isApiError(err) && err.troubleshootingId === undefined && response.troubleshootingId !== undefined) {
      throw new ApiError({ ...err, message: err.message, troubleshootingId: response.troubleshootingId });
    }
    throw err;
  }
}

/** Placeholder until the API helper lands the real calls (never shipped: the branch that lands replaces it). */
function notYet<T>(what: string, _input: unknown, _signal?: AbortSignal): Promise<T> {
  return Promise.reject(new ApiError({ kind: 'badRequest', message: `${what} is not implemented yet.` }));
}
