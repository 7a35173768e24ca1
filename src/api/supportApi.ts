// The Support API service: every method of the API (cases, notes, closing, new cases, accounts, products,
// attachment downloads), with bearer tokens, one token renewal on 401, one bounded wait on 429, and every failure
// mapped to an ApiError. No other automatic retries: a write whose answer was lost is never repeated here.
import * as l10n from '@vscode/l10n';
import { ApiError, cancelledError, isApiError } from './errors';
import { HttpClient, HttpMethod, HttpRequest, HttpResponse, RequestBody, StreamedResponse } from './http';
import { mapApiHttpError } from './errorMapping';
import { ErrorBody, header, parseJsonBody, parseRetryAfter, readErrorBody, ServiceContext } from './httpAnswer';
import { MAX_OFFSET, PAGE_SIZE } from './limits';
import { parseAddedNote, parseCaseDetail, parseCaseList } from './parse';
import { parseAccounts, parseProducts } from './parseLookups';
import { checkedLength } from './download';
import { InFlightValues } from '../util/inFlight';
import { buildListQuery, checkInteger } from './listQuery';
import { closedTooLongError, createdCaseNumberOf, isClosedTooLong, newCaseBody, partialCreationError, writeBody } from './writeRequests';
import type { AddedNote, AttachmentDownload, CloseCaseInput, NewCaseInput, NoteInput, ProductOption, SupportAccount, CaseDetail, CaseList, ListCasesParams, Logger, TokenSource } from './types';
/** Longest Retry-After the service waits out by itself before giving up with 'rateLimited'. */
export const DEFAULT_MAX_RETRY_AFTER_MS = 10_000;

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
  readonly onUploadProgress?: (sentBytes: number, totalBytes: number) => void;
  /** Rewrites the error of a failed write, knowing the API's error body (partial completion, business rules). */
  readonly refine?: (error: ApiError, body: ErrorBody) => ApiError;
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
      service: l10n.t('the Support API'),
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
    const response = await this.send({ method: 'GET', path }, signal, l10n.t('The case list'));
    return withTroubleshootingId(response, () => parseCaseList(parseJsonBody(response, this.context), { limit, offset }));
  }

  async getCase(caseNumber: string, signal?: AbortSignal): Promise<CaseDetail> {
    const id = typeof caseNumber === 'string' ? caseNumber.trim() : '';
    if (id === '') {
      throw new ApiError({ kind: 'badRequest', message: l10n.t('A case number is required.') });
    }
    const response = await this.send({ method: 'GET', path: `/case/${encodeURIComponent(id)}` }, signal, `Case ${id}`);
    return withTroubleshootingId(response, () => parseCaseDetail(parseJsonBody(response, this.context)));
  }

  /**
   * POST /note: JSON without files; with files, multipart with one `initializer` JSON part and one `attachment` part
   * per file, each streamed from disk. "Closed for more than 45 days" (403) is reported as such.
   */
  async addNote(input: NoteInput, signal?: AbortSignal): Promise<AddedNote> {
    const caseId = requiredId(input.caseId, l10n.t('A case number is required to add a note.'));
    const initializer = { caseId, subject: input.subject, description: input.description, contact: input.contact };
    const call: ApiCall = {
      method: 'POST',
      path: '/note',
      body: writeBody(initializer, input.files),
      onUploadProgress: input.onUploadProgress,
      refine: (error, body) => (error.status === 403 && isClosedTooLong(body.message) ? closedTooLongError(error, caseId) : error)
    };
    const response = await this.send(call, signal, `Case ${caseId}`);
    return withTroubleshootingId(response, () => parseAddedNote(parseJsonBody(response, this.context), caseId));
  }

  /** DELETE /case with the documented body `{caseId, subject, description, contact}`; answers the closed case. */
  async closeCase(input: CloseCaseInput, signal?: AbortSignal): Promise<CaseDetail> {
    const caseId = requiredId(input.caseId, l10n.t('A case number is required to close a case.'));
    const body = { caseId, subject: input.subject, description: input.description, contact: input.contact };
    const response = await this.send({ method: 'DELETE', path: '/case', body: { kind: 'json', value: body } }, signal, `Case ${caseId}`);
    return withTroubleshootingId(response, () => parseCaseDetail(parseJsonBody(response, this.context)));
  }

  /**
   * POST /case (JSON, or multipart like addNote). A 500 whose message names a created case number throws an
   * ApiError whose `createdCaseNumber` names it (partial completion: the case exists, do not create it again).
   */
  async createCase(input: NewCaseInput, signal?: AbortSignal): Promise<CaseDetail> {
    const call: ApiCall = {
      method: 'POST',
      path: '/case',
      body: writeBody(newCaseBody(input), input.files),
      onUploadProgress: input.onUploadProgress,
      refine: (error, body) => {
        const created = error.kind === 'server' ? createdCaseNumberOf(body.message) : undefined;
        return created === undefined ? error : partialCreationError(error, created, body.message);
      }
    };
    const response = await this.send(call, signal, l10n.t('The new case'));
    const detail = withTroubleshootingId(response, () => parseCaseDetail(parseJsonBody(response, this.context)));
    if (detail.caseNumber === '') {
      throw new ApiError({
        kind: 'parse',
        status: response.status,
        troubleshootingId: response.troubleshootingId,
        message: l10n.t('The Support API answered that the case was created (HTTP {0}) but did not say which case it is. Refresh the case list to find it before creating it again.', response.status)
      });
    }
    return detail;
  }

  /** GET /account: the support access codes this service account may use. */
  async listAccounts(signal?: AbortSignal): Promise<SupportAccount[]> {
    const response = await this.send({ method: 'GET', path: '/account' }, signal, l10n.t('The account list'));
    return withTroubleshootingId(response, () => parseAccounts(parseJsonBody(response, this.context)));
  }

  /** GET /product?sac=: the products of one account, with their versions and operating systems. */
  async listProducts(sac: string, signal?: AbortSignal): Promise<ProductOption[]> {
    const code = requiredId(sac, l10n.t('An account (support access code) is required to list its products.'));
    const response = await this.send({ method: 'GET', path: `/product?sac=${encodeURIComponent(code)}` }, signal, l10n.t('The products of account {0}', code));
    return withTroubleshootingId(response, () => parseProducts(parseJsonBody(response, this.context)));
  }

  /**
   * GET /attachment?caseId=&attachmentId=, streamed: the body errors (never ends quietly) when the connection is cut,
   * goes quiet, is cancelled, or delivers a different number of bytes than its Content-Length.
   */
  async downloadAttachment(caseId: string, attachmentId: string, signal?: AbortSignal): Promise<AttachmentDownload> {
    const id = requiredId(caseId, l10n.t('A case number is required to download an attachment.'));
    const attachment = requiredId(attachmentId, l10n.t('This attachment has no id, so the Support API cannot send it.'));
    const path = `/attachment?caseId=${encodeURIComponent(id)}&attachmentId=${encodeURIComponent(attachment)}`;
    const response = await this.exchange({ method: 'GET', path }, signal, l10n.t('The attachment {0} of case {1}', attachment, id), true);
    if (!('streamed' in response)) {
      throw new ApiError({ kind: 'http', status: response.status, message: l10n.t('The Support API sent no attachment (HTTP {0}).', response.status) });
    }
    return {
      body: checkedLength(response.body, response.contentLength, this.http.service, this.http.host),
      contentLength: response.contentLength,
      filename: response.filename,
      troubleshootingId: response.troubleshootingId
    };
  }

  /** A call answered as text; see exchange(). */
  private async send(call: ApiCall, signal: AbortSignal | undefined, subject: string): Promise<HttpResponse> {
    const response = await this.exchange(call, signal, subject, false);
    if ('streamed' in response) {
      response.body.destroy();
      throw new ApiError({ kind: 'http', message: l10n.t('Unexpected streamed answer.') });
    }
    return response;
  }

  /**
   * A call with a bearer token: at most one renewal after 401 and one bounded wait after 429 (both mean the server
   * did not act on the request, so repeating a POST or DELETE is safe; a multipart body is re-read from disk).
   * Returns 2xx only: as text, or (stream) with the body as a stream.
   */
  private async exchange(call: ApiCall, signal: AbortSignal | undefined, subject: string, stream: boolean): Promise<HttpResponse | StreamedResponse> {
    let renewedToken = false;
    let waitedForRateLimit = false;
    for (;;) {
      // A token that could not be had means the write itself never left: say so, whatever the token request did.
      const token = await this.options.tokens.getToken(signal).catch((err: unknown) => {
        throw isApiError(err) ? new ApiError({ ...err, message: err.message, requestSent: false }) : err;
      });
      // Held until this attempt's messages are built: a server that echoes the token must not get it into a log.
      const release = this.tokensInUse.hold(token);
      try {
        const request: HttpRequest = { method: call.method, path: call.path, body: call.body, onUploadProgress: call.onUploadProgress, headers: { Authorization: `Bearer ${token}` }, signal };
        const response = stream ? await this.http.stream(request) : await this.http.request(request);
        if ('streamed' in response || (response.status >= 200 && response.status <= 299)) {
          return response;
        }
        const error = mapApiHttpError(response, this.context, { notFoundMessage: l10n.t('{0} was not found (HTTP 404).', subject), now: this.now() });
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
              message: l10n.t('The Support API rejected a freshly issued access token{0}. The service account may not have access to the Support API: check it and sign in again.', error.code !== undefined ? ` (${error.code})` : '')
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
        if (call.body === undefined) {
          throw this.clean(error);
        }
        // Writes: the API's own words for a 400 go with the error, so a form can show them next to the field.
        const body = readErrorBody(response.body);
        const withApiMessage = error.kind === 'badRequest' && body.message !== undefined ? new ApiError({ ...error, message: error.message, apiMessage: body.message }) : error;
        throw this.clean(call.refine !== undefined ? call.refine(withApiMessage, body) : withApiMessage);
      } finally {
        release();
      }
    }
  }

  private clean(error: ApiError): ApiError {
    return new ApiError({ ...error, message: this.http.clean(error.message) });
  }
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

function requiredId(value: string, message: string): string {
  const id = typeof value === 'string' ? value.trim() : '';
  if (id === '') {
    throw new ApiError({ kind: 'badRequest', message });
  }
  return id;
}

// Re-exported: the tests and callers reach the wire's encoding through the service's module.
export { buildListQuery, encodeSort, formatQueryDate, queryJson } from './listQuery';
export { createdCaseNumberOf, newCaseBody, writeBody } from './writeRequests';
