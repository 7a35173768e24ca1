// The fault matrix of issue 4 as data: one entry per fault and place the user meets it (token request, the
// tree's list, a case panel), with what the user must see. 05-faults runs every entry through the extension;
// 07-leaks replays them to search everything the extension wrote afterwards.
import type { ApiErrorKind } from '../../src/api/errors';
import type { FaultSpec } from '../fake-api/types';
import type { FakeEnv } from './support';

export type Surface = 'token' | 'list' | 'get';

/** The rows of the fault table; docs/reliability.md groups the results by them. */
export const MATRIX_ROWS = {
  tokenInvalidClient: 'token endpoint 401 invalid_client after credentials were stored (secret rotated)',
  tokenOAuthErrors: 'token 400 invalid_scope / invalid_grant / unknown error (the pair itself is fine)',
  api401Once: 'API 401 mid-session (token expired or revoked early)',
  api401Twice: 'API 401 again after the retry',
  forbidden: '403 ACCESS_DENIED',
  notFound: '404 on get case',
  rateLimited: '429 with and without Retry-After',
  serverErrors: '500 SERVER_ERROR, 503 SERVICE_TEMPORARILY_UNAVAILABLE with a delay in the message',
  network: 'timeout, connection refused, connection reset mid-body, DNS failure',
  badBodies: 'HTML error page instead of JSON; truncated JSON; JSON of the wrong shape',
  huge: 'huge response (beyond the size limit)'
} as const;

export type MatrixRow = keyof typeof MATRIX_ROWS;

export interface FaultCase {
  readonly row: MatrixRow;
  /** The test title (a literal here, so docs/reliability.md can cite it and a unit test can find it). */
  readonly title: string;
  readonly surface: Surface;
  /** Short description of the fault for the report. */
  readonly fault: string;
  /**
   * Injected on the fake; the target is the surface's (token, listCases or getCase for the test's case). An answer of
   * the Support API carries a troubleshooting id: the one set in `headers`, else 05-faults adds a fixed one, and the
   * user must see it.
   */
  readonly spec?: Omit<FaultSpec, 'target'>;
  /** A user setting pointed somewhere broken for the duration of the case. */
  readonly setting?: { readonly key: 'axwaySupport.tokenUrl' | 'axwaySupport.apiBaseUrl'; readonly value: (env: FakeEnv, closedPort: number) => string };
  /** A case number the fake does not know, instead of injecting a fault. */
  readonly unknownCase?: string;
  readonly expect: {
    readonly kind: ApiErrorKind;
    readonly message: RegExp;
    readonly action: 'Retry' | 'Sign in';
    /** Requests the fake must have received for this case, exactly (no retry loop). */
    readonly requests: Partial<Record<'token' | 'listCases' | 'getCase', number>>;
  };
}

const HTML_PAGE = '<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1><p>nginx</p></body></html>';
const HUGE_BYTES = 8 * 1024 * 1024;
/** The injected size, for the report; the limit it exceeds is in the message the user sees. */
const HUGE = `${HUGE_BYTES / (1024 * 1024)} MB of JSON`;

const tokenUrlAt = (port: number): string => `http://127.0.0.1:${port}/auth/realms/Broker/protocol/openid-connect/token`;
const apiBaseAt = (port: number): string => `http://127.0.0.1:${port}/sphere/api/v1`;

export const FAULT_CASES: readonly FaultCase[] = [
  // Token requests: the cached token is revoked first, so the API's 401 makes the extension ask for a new one.
  {
    row: 'tokenOAuthErrors', surface: 'token', title: 'token 400 invalid_scope: shows the error_description, offers Retry, keeps the credentials',
    fault: 'POST token → 400 {"error":"invalid_scope"}',
    spec: { kind: 'respond', status: 400, body: { error: 'invalid_scope', error_description: 'Invalid scopes: openid' }, times: 1 },
    expect: { kind: 'badRequest', message: /refused the token request \(invalid_scope\): Invalid scopes: openid/, action: 'Retry', requests: { token: 1, listCases: 1 } }
  },
  {
    row: 'tokenOAuthErrors', surface: 'token', title: 'token 400 invalid_grant: shows the error_description and offers Retry',
    fault: 'POST token → 400 {"error":"invalid_grant"}',
    spec: { kind: 'respond', status: 400, body: { error: 'invalid_grant', error_description: 'Client not enabled to retrieve service account' }, times: 1 },
    expect: { kind: 'badRequest', message: /refused the token request \(invalid_grant\): Client not enabled to retrieve service account/, action: 'Retry', requests: { token: 1, listCases: 1 } }
  },
  {
    row: 'tokenOAuthErrors', surface: 'token', title: 'token 400 with an unknown OAuth error: shows the error_description and offers Retry',
    fault: 'POST token → 400 {"error":"temporarily_unavailable"}',
    spec: { kind: 'respond', status: 400, body: { error: 'temporarily_unavailable', error_description: 'Realm Broker is being reconfigured' }, times: 1 },
    expect: { kind: 'badRequest', message: /\(temporarily_unavailable\): Realm Broker is being reconfigured/, action: 'Retry', requests: { token: 1, listCases: 1 } }
  },
  {
    row: 'serverErrors', surface: 'token', title: 'token endpoint 503 with an HTML page: says unavailable and offers Retry',
    fault: 'POST token → 503 text/html',
    spec: { kind: 'respond', status: 503, body: HTML_PAGE, times: 1 },
    expect: { kind: 'unavailable', message: /^The Axway sign-in service is temporarily unavailable \(HTTP 503\).*HTML page/, action: 'Retry', requests: { token: 1, listCases: 1 } }
  },
  {
    row: 'badBodies', surface: 'token', title: 'token answer cut in half: parse error, Retry',
    fault: 'POST token → 200, half of the JSON',
    spec: { kind: 'truncated', times: 1 },
    expect: { kind: 'parse', message: /sent incomplete or invalid JSON instead of JSON \(HTTP 200\)/, action: 'Retry', requests: { token: 1, listCases: 1 } }
  },
  {
    row: 'badBodies', surface: 'token', title: 'token answer without access_token: parse error, Retry',
    fault: 'POST token → 200 {"token_type":"bearer"} (no access_token)',
    spec: { kind: 'respond', status: 200, body: { token_type: 'bearer', expires_in: '1800' }, times: 1 },
    expect: { kind: 'parse', message: /answered without an access token \(HTTP 200\)/, action: 'Retry', requests: { token: 1, listCases: 1 } }
  },
  {
    row: 'network', surface: 'token', title: 'token connection reset mid-body: network message, Retry',
    fault: 'POST token → headers, half the body, socket destroyed',
    spec: { kind: 'reset', times: 1 },
    expect: { kind: 'network', message: /connection to the Axway sign-in service \(127\.0\.0\.1:\d+\) was closed before the answer was complete/, action: 'Retry', requests: { token: 1, listCases: 1 } }
  },
  {
    row: 'huge', surface: 'token', title: 'token answer beyond the size limit: refused with a message, Retry',
    fault: `POST token → 200, ${HUGE}`,
    spec: { kind: 'huge', sizeBytes: HUGE_BYTES, times: 1 },
    expect: { kind: 'tooLarge', message: /larger than the 5 MB limit and was not read/, action: 'Retry', requests: { token: 1, listCases: 1 } }
  },
  {
    row: 'network', surface: 'token', title: 'token endpoint refusing connections: network message naming the host, Retry',
    fault: 'axwaySupport.tokenUrl → closed 127.0.0.1 port',
    setting: { key: 'axwaySupport.tokenUrl', value: (_env, port) => tokenUrlAt(port) },
    expect: { kind: 'network', message: /Could not connect to the Axway sign-in service at 127\.0\.0\.1:\d+: the connection was refused/, action: 'Retry', requests: { token: 0, listCases: 0 } }
  },
  {
    row: 'network', surface: 'token', title: 'token endpoint host not found: DNS message, Retry',
    fault: 'axwaySupport.tokenUrl → https://login.invalid/…',
    setting: { key: 'axwaySupport.tokenUrl', value: () => 'https://login.invalid/auth/realms/Broker/protocol/openid-connect/token' },
    expect: { kind: 'network', message: /Could not find the host login\.invalid \(DNS lookup failed/, action: 'Retry', requests: { token: 0, listCases: 0 } }
  },

  // The list of recent cases (the tree).
  {
    row: 'api401Twice', surface: 'list', title: 'list 401 after a fresh token: credentials rejected, Sign in, no loop, credentials kept',
    fault: 'GET /case → 401 AUTHENTICATION_FAILURE, twice',
    spec: { kind: 'respond', status: 401, body: { code: 'AUTHENTICATION_FAILURE', message: 'Token is not valid for this API' }, times: 2 },
    expect: { kind: 'credentialsRejected', message: /rejected a freshly issued access token \(AUTHENTICATION_FAILURE\)/, action: 'Sign in', requests: { token: 1, listCases: 2 } }
  },
  {
    row: 'forbidden', surface: 'list', title: 'list 403 ACCESS_DENIED: the API message and the troubleshooting id, Retry',
    fault: 'GET /case → 403 ACCESS_DENIED',
    spec: { kind: 'respond', status: 403, body: { code: 'ACCESS_DENIED', message: 'The account GLBX-40217 is not available to this service account.' }, headers: { 'X-Troubleshooting-ID': 'tid-list-403' }, times: 1 },
    expect: { kind: 'forbidden', message: /Access denied by the Support API \(ACCESS_DENIED\): The account GLBX-40217 is not available/, action: 'Retry', requests: { listCases: 1 } }
  },
  {
    row: 'rateLimited', surface: 'list', title: 'list 429 with a long Retry-After: reported at once with the wait, one request',
    fault: 'GET /case → 429, Retry-After: 120',
    spec: { kind: 'respond', status: 429, headers: { 'Retry-After': '120', 'X-Troubleshooting-ID': 'tid-list-429' }, times: 1 },
    expect: { kind: 'rateLimited', message: /limiting the request rate \(HTTP 429\)\. Try again in 120 s\./, action: 'Retry', requests: { listCases: 1 } }
  },
  {
    row: 'rateLimited', surface: 'list', title: 'list 429 without Retry-After: reported, one request',
    fault: 'GET /case → 429, no Retry-After',
    spec: { kind: 'respond', status: 429, times: 1 },
    expect: { kind: 'rateLimited', message: /limiting the request rate \(HTTP 429\)\. Try again later\./, action: 'Retry', requests: { listCases: 1 } }
  },
  {
    row: 'serverErrors', surface: 'list', title: 'list 500 SERVER_ERROR: message, troubleshooting id, Retry',
    fault: 'GET /case → 500 SERVER_ERROR',
    spec: { kind: 'respond', status: 500, body: { code: 'SERVER_ERROR', message: 'Database unavailable' }, headers: { 'X-Troubleshooting-ID': 'tid-list-500' }, times: 1 },
    expect: { kind: 'server', message: /failed with a server error \(HTTP 500\) \(SERVER_ERROR\): Database unavailable/, action: 'Retry', requests: { listCases: 1 } }
  },
  {
    row: 'serverErrors', surface: 'list', title: 'list 503 with a delay in the message: shows the delay, Retry',
    fault: 'GET /case → 503 SERVICE_TEMPORARILY_UNAVAILABLE "back at 14:00 UTC"',
    spec: { kind: 'respond', status: 503, body: { code: 'SERVICE_TEMPORARILY_UNAVAILABLE', message: 'Planned maintenance: the portal is back at 14:00 UTC (in about 30 minutes).' }, headers: { 'X-Troubleshooting-ID': 'tid-list-503' }, times: 1 },
    expect: { kind: 'unavailable', message: /temporarily unavailable \(HTTP 503\): Planned maintenance: the portal is back at 14:00 UTC \(in about 30 minutes\)/, action: 'Retry', requests: { listCases: 1 } }
  },
  {
    row: 'network', surface: 'list', title: 'list connection reset mid-body: network message, Retry',
    fault: 'GET /case → headers, half the body, socket destroyed',
    spec: { kind: 'reset', times: 1 },
    expect: { kind: 'network', message: /connection to the Support API \(127\.0\.0\.1:\d+\) was closed before the answer was complete/, action: 'Retry', requests: { listCases: 1 } }
  },
  {
    row: 'network', surface: 'list', title: 'list connection refused: network message naming the host, Retry',
    fault: 'axwaySupport.apiBaseUrl → closed 127.0.0.1 port',
    setting: { key: 'axwaySupport.apiBaseUrl', value: (_env, port) => apiBaseAt(port) },
    expect: { kind: 'network', message: /Could not connect to the Support API at 127\.0\.0\.1:\d+: the connection was refused/, action: 'Retry', requests: { token: 1, listCases: 0 } }
  },
  {
    row: 'network', surface: 'list', title: 'list host not found: DNS message, Retry',
    fault: 'axwaySupport.apiBaseUrl → https://support-api.invalid/…',
    setting: { key: 'axwaySupport.apiBaseUrl', value: () => 'https://support-api.invalid/sphere/api/v1' },
    expect: { kind: 'network', message: /Could not find the host support-api\.invalid \(DNS lookup failed/, action: 'Retry', requests: { token: 1, listCases: 0 } }
  },
  {
    row: 'badBodies', surface: 'list', title: 'list 502 HTML error page: server error that says HTML came instead of JSON, Retry',
    fault: 'GET /case → 502 text/html',
    spec: { kind: 'respond', status: 502, body: HTML_PAGE, headers: { 'X-Troubleshooting-ID': 'tid-list-502' }, times: 1 },
    expect: { kind: 'server', message: /server error \(HTTP 502\)\. The server sent an HTML page instead of a JSON error\./, action: 'Retry', requests: { listCases: 1 } }
  },
  {
    row: 'badBodies', surface: 'list', title: 'list 200 with an HTML page: parse error, Retry',
    fault: 'GET /case → 200 text/html',
    spec: { kind: 'respond', status: 200, body: HTML_PAGE, times: 1 },
    expect: { kind: 'parse', message: /sent an HTML page instead of JSON \(HTTP 200\)/, action: 'Retry', requests: { listCases: 1 } }
  },
  {
    row: 'badBodies', surface: 'list', title: 'list truncated JSON: parse error, Retry',
    fault: 'GET /case → 200, half of the JSON',
    spec: { kind: 'truncated', times: 1 },
    expect: { kind: 'parse', message: /sent incomplete or invalid JSON instead of JSON \(HTTP 200\)/, action: 'Retry', requests: { listCases: 1 } }
  },
  {
    row: 'badBodies', surface: 'list', title: 'list whose cases is not an array: parse error, Retry',
    fault: 'GET /case → 200 {"cases":"01314580"}',
    spec: { kind: 'respond', status: 200, body: { totalCount: 1, cases: '01314580' }, times: 1 },
    expect: { kind: 'parse', message: /"cases" field that is not an array/, action: 'Retry', requests: { listCases: 1 } }
  },
  {
    row: 'huge', surface: 'list', title: 'list answer beyond the size limit: refused with a message, Retry',
    fault: `GET /case → 200, ${HUGE}`,
    spec: { kind: 'huge', sizeBytes: HUGE_BYTES, times: 1 },
    expect: { kind: 'tooLarge', message: /larger than the 5 MB limit and was not read/, action: 'Retry', requests: { listCases: 1 } }
  },

  // One case in its panel.
  {
    row: 'api401Twice', surface: 'get', title: 'case 401 after a fresh token: credentials rejected, Sign in button, no loop',
    fault: 'GET /case/{n} → 401 AUTHENTICATION_FAILURE, twice',
    spec: { kind: 'respond', status: 401, body: { code: 'AUTHENTICATION_FAILURE', message: 'Token is not valid for this API' }, times: 2 },
    expect: { kind: 'credentialsRejected', message: /rejected a freshly issued access token \(AUTHENTICATION_FAILURE\)/, action: 'Sign in', requests: { token: 1, getCase: 2 } }
  },
  {
    row: 'forbidden', surface: 'get', title: 'case 403 ACCESS_DENIED: the API message and the troubleshooting id, Retry',
    fault: 'GET /case/{n} → 403 ACCESS_DENIED',
    spec: { kind: 'respond', status: 403, body: { code: 'ACCESS_DENIED', message: 'The account GLBX-40217 is not available to this service account.' }, headers: { 'X-Troubleshooting-ID': 'tid-get-403' }, times: 1 },
    expect: { kind: 'forbidden', message: /Access denied by the Support API \(ACCESS_DENIED\): The account GLBX-40217 is not available/, action: 'Retry', requests: { getCase: 1 } }
  },
  {
    row: 'notFound', surface: 'get', title: 'case 404: says that case number was not found, Retry',
    fault: 'GET /case/07770404 (unknown) → 404',
    unknownCase: '07770404',
    expect: { kind: 'notFound', message: /Case 07770404 was not found \(HTTP 404\)\./, action: 'Retry', requests: { getCase: 1 } }
  },
  {
    row: 'rateLimited', surface: 'get', title: 'case 429 with a long Retry-After: reported at once with the wait, one request',
    fault: 'GET /case/{n} → 429, Retry-After: 120',
    spec: { kind: 'respond', status: 429, headers: { 'Retry-After': '120' }, times: 1 },
    expect: { kind: 'rateLimited', message: /Try again in 120 s\./, action: 'Retry', requests: { getCase: 1 } }
  },
  {
    row: 'serverErrors', surface: 'get', title: 'case 500 SERVER_ERROR: message, troubleshooting id, Retry',
    fault: 'GET /case/{n} → 500 SERVER_ERROR',
    spec: { kind: 'respond', status: 500, body: { code: 'SERVER_ERROR', message: 'Database unavailable' }, headers: { 'X-Troubleshooting-ID': 'tid-get-500' }, times: 1 },
    expect: { kind: 'server', message: /server error \(HTTP 500\) \(SERVER_ERROR\): Database unavailable/, action: 'Retry', requests: { getCase: 1 } }
  },
  {
    row: 'serverErrors', surface: 'get', title: 'case 503 with a delay in the message: shows the delay, Retry',
    fault: 'GET /case/{n} → 503 SERVICE_TEMPORARILY_UNAVAILABLE',
    spec: { kind: 'respond', status: 503, body: { code: 'SERVICE_TEMPORARILY_UNAVAILABLE', message: 'Planned maintenance: the portal is back at 14:00 UTC (in about 30 minutes).' }, times: 1 },
    expect: { kind: 'unavailable', message: /back at 14:00 UTC \(in about 30 minutes\)/, action: 'Retry', requests: { getCase: 1 } }
  },
  {
    row: 'network', surface: 'get', title: 'case connection reset mid-body: network message, Retry',
    fault: 'GET /case/{n} → headers, half the body, socket destroyed',
    spec: { kind: 'reset', times: 1 },
    expect: { kind: 'network', message: /was closed before the answer was complete/, action: 'Retry', requests: { getCase: 1 } }
  },
  {
    row: 'network', surface: 'get', title: 'case connection refused: network message naming the host, Retry',
    fault: 'axwaySupport.apiBaseUrl → closed 127.0.0.1 port',
    setting: { key: 'axwaySupport.apiBaseUrl', value: (_env, port) => apiBaseAt(port) },
    expect: { kind: 'network', message: /Could not connect to the Support API at 127\.0\.0\.1:\d+: the connection was refused/, action: 'Retry', requests: { token: 1, getCase: 0 } }
  },
  {
    row: 'badBodies', surface: 'get', title: 'case 200 with an HTML page: parse error, Retry',
    fault: 'GET /case/{n} → 200 text/html',
    spec: { kind: 'respond', status: 200, body: HTML_PAGE, times: 1 },
    expect: { kind: 'parse', message: /sent an HTML page instead of JSON \(HTTP 200\)/, action: 'Retry', requests: { getCase: 1 } }
  },
  {
    row: 'badBodies', surface: 'get', title: 'case truncated JSON: parse error, Retry',
    fault: 'GET /case/{n} → 200, half of the JSON',
    spec: { kind: 'truncated', times: 1 },
    expect: { kind: 'parse', message: /sent incomplete or invalid JSON instead of JSON \(HTTP 200\)/, action: 'Retry', requests: { getCase: 1 } }
  },
  {
    row: 'badBodies', surface: 'get', title: 'case answer that is a JSON array: parse error, Retry',
    fault: 'GET /case/{n} → 200 []',
    spec: { kind: 'respond', status: 200, body: [], times: 1 },
    expect: { kind: 'parse', message: /case details from the Support API were not a JSON object/, action: 'Retry', requests: { getCase: 1 } }
  },
  {
    row: 'huge', surface: 'get', title: 'case answer beyond the size limit: refused with a message, Retry',
    fault: `GET /case/{n} → 200, ${HUGE}`,
    spec: { kind: 'huge', sizeBytes: HUGE_BYTES, times: 1 },
    expect: { kind: 'tooLarge', message: /larger than the 5 MB limit and was not read/, action: 'Retry', requests: { getCase: 1 } }
  }
];
