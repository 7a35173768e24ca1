// Error properties that are safe to send as telemetry: the error's class, never its message
// (messages can contain case numbers, subjects, names or server text).
import { isApiError } from '../api/errors';

export interface TelemetryErrorProps {
  readonly errorKind: string;
  readonly status?: string;
  readonly code?: string;
}

/** API codes (ACCESS_DENIED), OAuth errors (invalid_client) and Node codes (ECONNRESET) look like this; free text does not. */
const SAFE_CODE = /^[A-Za-z][A-Za-z0-9_.-]{0,39}$/;

export function telemetryErrorProps(err: unknown): TelemetryErrorProps {
  if (isApiError(err)) {
    const props: { errorKind: string; status?: string; code?: string } = { errorKind: err.kind };
    if (typeof err.status === 'number' && Number.isInteger(err.status) && err.status >= 100 && err.status <= 599) {
      props.status = String(err.status);
    }
    if (typeof err.code === 'string' && SAFE_CODE.test(err.code) && !/\d{5,}/.test(err.code)) {
      props.code = err.code;
    }
    return props;
  }
  const code = typeof err === 'object' && err !== null ? (err as { code?: unknown }).code : undefined;
  if (typeof code === 'string' && /^[A-Z][A-Z0-9_]{1,39}$/.test(code)) {
    return { errorKind: 'unexpected', code };
  }
  return { errorKind: 'unexpected' };
}
