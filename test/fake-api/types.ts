// Shapes shared by the fake Support API: the JSON it serves, its faults, its records and its control surface.

export interface FakePerson {
  email: string;
  name: string;
}

export interface FakeIdName {
  id: string;
  name: string;
}

export interface FakeAttachment {
  id: string;
  name: string;
  createdDate: string;
  createdBy?: FakePerson;
}

export interface FakeNote {
  subject: string;
  description: string;
  addedDate: string;
  createdBy?: FakePerson;
  noteAttachments?: FakeAttachment[];
}

export interface FakeEnhancementRequest {
  response?: string;
  deliveryTargetDate?: string;
  deliveryTargetVersion?: string;
  responseDetails?: string;
}

/** A case exactly as GET /case/{caseNumber} serves it (API date format `2021-07-22T12:32:36.000+0000`). */
export interface FakeCaseDetail {
  caseNumber: string;
  subject: string;
  status: string;
  severity: string;
  type: string;
  createdDate: string;
  modifiedDate: string;
  /** null or absent while open. */
  closedDate?: string | null;
  impact?: string;
  urgency?: string;
  description: string;
  environment: string;
  targetDate?: string;
  externalNumber?: string;
  account: { name?: string; sac: string };
  contact: FakePerson;
  owner?: FakePerson;
  product: { id: string; name: string; os: FakeIdName; version: FakeIdName; patch?: string };
  ccEmails?: string[];
  notes?: FakeNote[];
  attachments?: FakeAttachment[];
  customerEnhancementRequest?: FakeEnhancementRequest;
}

export interface FakeCaseSummary {
  caseNumber: string;
  subject: string;
  status: string;
  severity: string;
  createdDate: string;
  modifiedDate: string;
  closedDate: string | null;
  type: string;
}

export interface FakeAccount {
  name: string;
  sac: string;
}

export interface FakeProduct {
  id: string;
  name: string;
  versions: FakeIdName[];
  operatingSystems: FakeIdName[];
}

/** What a request is, for faults, records and stats. 'other' = an unknown path or method under the API base. */
export type FakeTarget =
  | 'token'
  | 'listCases'
  | 'getCase'
  | 'createCase'
  | 'closeCase'
  | 'addNote'
  | 'attachment'
  | 'accounts'
  | 'products'
  | 'other';

export const FAKE_TARGETS: readonly FakeTarget[] = [
  'token', 'listCases', 'getCase', 'createCase', 'closeCase', 'addNote', 'attachment', 'accounts', 'products', 'other'
];

export type FaultTarget = Exclude<FakeTarget, 'other'> | 'any';
/**
 * What a fault does (each documented on FaultSpec's fields):
 * - respond: answer with `status`, `headers`, `body` instead of acting.
 * - hang: never answer. delay: act and answer normally after `delayMs`.
 * - reset: send the head and half the body (JSON), then cut the connection. truncated: half the body, cleanly ended.
 * - huge: a valid JSON answer of `sizeBytes`.
 * - slowUpload (addNote, createCase, closeCase): read the request body at `bytesPerSecond` (default 1 MB/s), then act
 *   normally; a slow but flowing upload that must not hit the client's idle timeout.
 * - dropAfterStore (addNote, createCase, closeCase): act (the note is stored, the case created or closed), then drop
 *   the connection without an answer: the client must look before sending again.
 * - partialCreate (createCase): create the case (without its attachments), then answer 500 SERVER_ERROR whose message
 *   names the created case, as the API does on partial completion.
 * - shortBody (attachment): send the real headers (Content-Length, Content-Disposition) but only `fraction` (default
 *   0.5) of the bytes, then close the connection.
 */
export type FaultKind = 'respond' | 'hang' | 'reset' | 'truncated' | 'huge' | 'delay' | 'slowUpload' | 'dropAfterStore' | 'partialCreate' | 'shortBody'
  /** Writes: the connection is cut once the body is read, before anything is stored. */
  | 'dropBeforeStore'
  /** Writes: stored, then answered `status` (default 502) with `body` (a string: raw, e.g. a gateway's HTML page). */
  | 'failAfterStore'
  /** Writes: stored, then no answer at all (the client's timeout ends it). */
  | 'hangAfterStore';

export interface FaultSpec {
  target: FaultTarget;
  kind: FaultKind;
  /** respond: default 500; reset: status of the headers sent before the cut (default 200). */
  status?: number;
  /** Merged over the defaults (Content-Type, X-Troubleshooting-ID); a null value removes that header. */
  headers?: Record<string, string | null>;
  /** A string is sent raw; anything else as JSON. Without it 'respond' sends the API's error JSON for the status. */
  body?: unknown;
  /** delay: how long to wait before handling normally. */
  delayMs?: number;
  /** huge: body size (default 50 MB). */
  sizeBytes?: number;
  /** huge: send an exact Content-Length instead of chunked encoding (default false). */
  contentLength?: boolean;
  /** slowUpload: how fast the fake reads the request body (default 1 MB/s). */
  bytesPerSecond?: number;
  /** shortBody: share of the body sent before the connection is closed (0..1, default 0.5). */
  fraction?: number;
  /** Apply N times, then drop; default: until cleared. */
  times?: number;
  /**
   * Fault just this case: getCase (path), addNote and closeCase (the body's caseId), attachment (the caseId
   * parameter). Ignored by slowUpload, which applies before the body is read.
   */
  caseNumber?: string;
  /**
   * Fault just the requests of this service account (the client id its bearer token was issued to; for 'token', the
   * form's client_id), so one of several signed-in accounts can fail while the others work.
   */
  clientId?: string;
}

export interface Fault extends FaultSpec {
  readonly id: string;
  /** How often it has been applied so far. */
  applied: number;
}

export interface RequestRecord {
  seq: number;
  /** The service account whose bearer token the request carried (undefined: none valid, or a token request). */
  clientId?: string;
  method: string;
  target: FakeTarget;
  path: string;
  /** Raw query string without '?', exactly as received ('' when none). */
  query: string;
  headers: Record<string, string>;
  /** UTF-8 decoded, capped at 64 KB. */
  body: string;
  /** 0 while unanswered (or when a fault never answered). */
  status: number;
  /** The fault that handled it, if any. */
  faultId?: string;
  startedAt: number;
  endedAt?: number;
  /**
   * The connection closed before a complete response was written: the client gave up (cancelled, timed out) or
   * the fake dropped it (reset fault, reset(), close()). Tests that hang a request prove a client cancel with it.
   */
  aborted?: boolean;
}

export interface BeaconRecord {
  seq: number;
  method: string;
  path: string;
  query: string;
  headers: Record<string, string>;
  at: number;
}

export interface FakeApiStats {
  total: number;
  counts: Record<FakeTarget, number>;
  /** The most requests of that target in flight at once. */
  maxConcurrent: Record<FakeTarget, number>;
  inFlight: Record<FakeTarget, number>;
}

/** A case for upsertCase: any documented fields, plus extra (unknown) fields the client must tolerate. */
export type CaseUpsert = Partial<FakeCaseDetail> & { caseNumber: string } & Record<string, unknown>;

/** How the token endpoint says "wrong client ID or secret": each answer a real sign-in service gives. */
export type TokenRejection =
  /** RFC 6749: 401 {"error":"invalid_client"}. */
  | 'invalid_client'
  /** Keycloak (Axway's sign-in service) for a wrong secret: 401 {"error":"unauthorized_client","error_description":"Invalid client secret"}. */
  | 'unauthorized_client'
  /**
   * A JSON 401 without an OAuth code. (A 401 that is not JSON, such as a gateway's HTML page, refuses nothing: the
   * extension keeps the pair. Tests send one with a 'respond' fault.)
   */
  | 'json401';

export const TOKEN_REJECTIONS: readonly TokenRejection[] = ['invalid_client', 'unauthorized_client', 'json401'];

export interface CredentialsUpdate {
  clientId?: string;
  clientSecret?: string;
  /** How wrong credentials are answered from now on (reset() restores 'invalid_client'). */
  rejectAs?: TokenRejection;
}

/** What the fake's answers look like, within what the reference allows (see shape.ts). */
export interface ListShape {
  /** GET /case: 'always' sends totalCount (the default), 'omit' never does, 'random' decides per answer. */
  totalCount: 'always' | 'omit' | 'random';
  /**
   * An open case's closedDate, in list entries and case details: 'asStored' (the default: null in lists, null or
   * absent in details as seeded), 'null', 'omit' (field left out), or 'random' (per case). Closed cases keep their date.
   */
  closedDate: 'asStored' | 'null' | 'omit' | 'random';
  /** Serve the first page whatever `offset` asks for (a gateway that drops the parameter). */
  ignoreOffset: boolean;
  /** Seed of the 'random' choices; setting a shape restarts its sequence. */
  seed: number;
}

/** Test controls; the same operations exist over HTTP under /__control/* (see client.ts). */
export interface FakeApiControl {
  /** Data back to the seed; clears faults, records, beacons and revoked tokens; restores credentials and token lifetime. */
  reset(): void;
  addFault(fault: FaultSpec): string;
  removeFault(id: string): void;
  clearFaults(): void;
  faults(): Fault[];
  requests(target?: FakeTarget): RequestRecord[];
  /** Clears request records and stats, nothing else. */
  clearRequests(): void;
  stats(): FakeApiStats;
  /** Adds or updates a case: merged over the existing case, or over a generated default when new. modifiedDate = now (newest) unless given. */
  /** Into the default account's cases, or into those of a further client (addSecretClient). */
  upsertCase(partial: CaseUpsert, clientId?: string): FakeCaseDetail;
  removeCase(caseNumber: string): boolean;
  /** Regenerates the seed with n cases (reset() returns to the configured count). */
  setCaseCount(count: number): void;
  revokeTokens(): void;
  setCredentials(update: CredentialsUpdate): void;
  setTokenLifetime(seconds: number): void;
  /** Registers a service account of the certificate kind (JWT client authentication with this RSA public key). */
  /** A certificate-kind client; with caseCount it gets its own cases (else it shares the default account's). */
  addCertificateClient(clientId: string, publicKeyPem: string, caseCount?: number): void;
  /**
   * Registers another service account of the secret kind with its own cases (`caseCount` of them, the same case
   * numbers as the default account's but subjects starting with "<clientId>: "); reset() removes it.
   */
  addSecretClient(clientId: string, clientSecret: string, caseCount: number): void;
  beacons(): BeaconRecord[];
  clearBeacons(): void;
  /** Changes the shape of list and case answers (merged over the current one); reset() restores the start-up shape. */
  setListShape(shape: Partial<ListShape>): ListShape;
  listShape(): ListShape;
  /** Adds the hostile fixture cases; returns their case numbers, the main one ('09999999', newest) first. */
  addHostileCases(): string[];
  /** Every case as a list summary, sorted by -modifiedDate (what `sort=-modifiedDate` pages through). */
  listAll(): FakeCaseSummary[];
  getCase(caseNumber: string): FakeCaseDetail | undefined;
  accounts(): FakeAccount[];
  /**
   * The organisation's accounts, by support access code (a subset of the catalog's three, at least one): what
   * GET /account lists and which `sac` a case list accepts (others answer 403). Cases keep their own account.
   * reset() and setCaseCount() restore all three.
   */
  setAccounts(sacs: readonly string[]): FakeAccount[];
  products(sac: string): FakeProduct[] | undefined;
  /** Case numbers of cases closed more than 45 days ago (the seed has some): POST /note answers them 403. */
  closedLongAgo(): string[];
  /**
   * The "closed for more than 45 days" rule of POST /note: 'enforce' (the default; reset() restores it) refuses notes
   * on cases closed more than 45 days ago, 'always' refuses every note with that 403, 'never' accepts all.
   */
  setClosedTooLong(mode: ClosedTooLongMode): void;
  /**
   * Adds attachments with hostile file names (HOSTILE_FILE_NAMES: ../, control characters, bidi overrides, reserved
   * device names, very long) to the case, on the case and on a new note, all downloadable; returns them.
   */
  addHostileAttachments(caseNumber: string): FakeAttachment[];
  /** What the fake stored for an attachment (uploaded or seeded): name, size, SHA-256 and content type. */
  attachmentInfo(caseNumber: string, attachmentId: string): AttachmentInfo | undefined;
}

export type ClosedTooLongMode = 'enforce' | 'always' | 'never';
export const CLOSED_TOO_LONG_MODES: readonly ClosedTooLongMode[] = ['enforce', 'always', 'never'];

export interface AttachmentInfo {
  name: string;
  size: number;
  sha256: string;
  contentType: string;
}
