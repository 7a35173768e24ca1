// Every failure of the token endpoint or the Support API becomes an ApiError with a kind the UI can act on.

import * as l10n from '@vscode/l10n';

export type ApiErrorKind =
  /** The token endpoint rejected the client id/secret (or a 401 survived a fresh token): sign in again. */
  | 'credentialsRejected'
  /** Signed out: no credentials stored. */
  | 'notSignedIn'
  /** 403 ACCESS_DENIED or another business-rule refusal. */
  | 'forbidden'
  /** 404: unknown case. */
  | 'notFound'
  /** 400 BAD_REQUEST or an OAuth error other than invalid_client. */
  | 'badRequest'
  /** 429, after at most one bounded wait. */
  | 'rateLimited'
  /** 500 SERVER_ERROR or other 5xx. */
  | 'server'
  /** 503 SERVICE_TEMPORARILY_UNAVAILABLE. */
  | 'unavailable'
  /** Connection refused/reset, DNS failure, proxy failure. */
  | 'network'
  /** No answer within the timeout. */
  | 'timeout'
  /** Body was not the JSON we expected (HTML error page, truncated, wrong shape). */
  | 'parse'
  /** Response larger than the size limit. */
  | 'tooLarge'
  /** A setting is invalid (e.g. a non-https URL). */
  | 'config'
  /** The caller cancelled. */
  | 'cancelled'
  /** Any other HTTP status. */
  | 'http';

export interface ApiErrorDetails {
  readonly kind: ApiErrorKind;
  /** Readable, complete sentence(s) for the user; never contains secrets or tokens. */
  readonly message: string;
  readonly status?: number;
  /** API `code` (e.g. ACCESS_DENIED) or OAuth `error` (e.g. invalid_client). */
  readonly code?: string;
  /** The X-Troubleshooting-ID response header, when the API sent one. */
  readonly troubleshootingId?: string;
  /** Parsed Retry-After, in milliseconds. */
  readonly retryAfterMs?: number;
  /**
   * The setting that fixes this error, for an "Open Settings" action: `http.proxy` for a proxy problem (VS Code's
   * proxy setting, not ours), unset when no setting is to blame.
   */
  readonly setting?: string;
  /**
   * POST /case answered 500 but its message names the case it created (partial completion): the case exists, so
   * the caller opens it instead of offering to create it again.
   */
  readonly createdCaseNumber?: string;
  /**
   * The API's own `message` for a 400 (cleaned, unprefixed), so a form can show it next to the field it names.
   */
  readonly apiMessage?: string;
  /**
   * Transport failures of a request with a body: whether the whole body had been handed to the network before the
   * exchange failed (true), or not (false: the server cannot have acted on it). Undefined when not known.
   */
  readonly requestSent?: boolean;
}

export class ApiError extends Error implements ApiErrorDetails {
  readonly kind: ApiErrorKind;
  readonly status?: number;
  readonly code?: string;
  readonly troubleshootingId?: string;
  readonly retryAfterMs?: number;
  /** Declared, not initialised: errors without a setting keep the same own properties as before. */
  declare readonly setting?: string;
  declare readonly createdCaseNumber?: string;
  declare readonly apiMessage?: string;
  declare readonly requestSent?: boolean;

  constructor(details: ApiErrorDetails) {
    super(details.message);
    this.name = 'ApiError';
    this.kind = details.kind;
    this.status = details.status;
    this.code = details.code;
    this.troubleshootingId = details.troubleshootingId;
    this.retryAfterMs = details.retryAfterMs;
    if (details.setting !== undefined) {
      this.setting = details.setting;
    }
    if (details.createdCaseNumber !== undefined) {
      this.createdCaseNumber = details.createdCaseNumber;
    }
    if (details.apiMessage !== undefined) {
      this.apiMessage = details.apiMessage;
    }
    if (details.requestSent !== undefined) {
      this.requestSent = details.requestSent;
    }
  }
}

/**
 * Duck-typed on purpose: the activation bundle and the lazily loaded network bundle each carry their own
 * copy of this class, so `instanceof` would fail for errors thrown across the two.
 */
export function isApiError(value: unknown): value is ApiError {
  return (
    value instanceof Error &&
    value.name === 'ApiError' &&
    typeof (value as Partial<ApiError>).kind === 'string'
  );
}

export function toDetails(err: unknown): ApiErrorDetails {
  if (isApiError(err)) {
    return {
      kind: err.kind,
      message: err.message,
      status: err.status,
      code: err.code,
      troubleshootingId: err.troubleshootingId,
      retryAfterMs: err.retryAfterMs,
      ...(err.setting !== undefined ? { setting: err.setting } : {}),
      ...(err.createdCaseNumber !== undefined ? { createdCaseNumber: err.createdCaseNumber } : {}),
      ...(err.apiMessage !== undefined ? { apiMessage: err.apiMessage } : {}),
      ...(err.requestSent !== undefined ? { requestSent: err.requestSent } : {})
    };
  }
  // Anything else is a bug of ours; still show something readable instead of crashing the tree.
  const unexpected = new ApiError({ kind: 'http', message: l10n.t('Unexpected error: {0}', err instanceof Error ? err.message : String(err)) });
  return { kind: unexpected.kind, message: unexpected.message };
}

/** The error's next step is signing in (again): nothing else can fix it. */
export function needsSignIn(error: Pick<ApiErrorDetails, 'kind'>): boolean {
  return error.kind === 'credentialsRejected' || error.kind === 'notSignedIn';
}

/** The one "the caller cancelled" error, so every layer reports a cancel the same way. */
export function cancelledError(): ApiError {
  return new ApiError({ kind: 'cancelled', message: l10n.t('The request was cancelled.') });
}
