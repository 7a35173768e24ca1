// A failure the fake API answers with the Support API's error JSON `{code, message}`.

export class ApiFailure extends Error {
  constructor(readonly status: number, readonly code: string, message: string) {
    super(message);
  }
}

export class BadRequest extends ApiFailure {
  constructor(message: string) {
    super(400, 'BAD_REQUEST', message);
  }
}

export function notFound(message: string): ApiFailure {
  return new ApiFailure(404, 'NOT_FOUND', message);
}

export function accessDenied(message: string): ApiFailure {
  return new ApiFailure(403, 'ACCESS_DENIED', message);
}

/** The code the API would put in the body for a status, used when a fault gives only a status. */
export function codeForStatus(status: number): string {
  const codes: Record<number, string> = {
    400: 'BAD_REQUEST', 401: 'AUTHENTICATION_FAILURE', 403: 'ACCESS_DENIED', 404: 'NOT_FOUND', 429: 'TOO_MANY_REQUESTS',
    500: 'SERVER_ERROR', 502: 'SERVER_ERROR', 503: 'SERVICE_TEMPORARILY_UNAVAILABLE', 504: 'SERVER_ERROR'
  };
  return codes[status] ?? (status >= 500 ? 'SERVER_ERROR' : 'BAD_REQUEST');
}
