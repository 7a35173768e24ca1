// Shapes of the Support API's JSON after defensive parsing (see parse.ts).
// Value sets (status, severity, type, ...) are open-ended in the API, so they stay strings.

export type { Logger } from '../util/logger';
import type { SupportApi } from './supportApi';

export interface Person {
  readonly name?: string;
  readonly email?: string;
}

export interface CaseSummary {
  readonly caseNumber: string;
  readonly subject: string;
  readonly status: string;
  readonly severity: string;
  readonly type: string;
  /** ISO-like strings exactly as the API sent them (e.g. `2021-07-22T12:32:36.000+0000`). */
  readonly createdDate?: string;
  readonly modifiedDate?: string;
  readonly closedDate?: string;
}

export interface CaseList {
  /** All matches, not the page length; optional in the API. */
  readonly totalCount?: number;
  readonly limit: number;
  readonly offset: number;
  readonly cases: readonly CaseSummary[];
  /**
   * Entries the API sent in `cases`, including any that could not be read (and are left out of `cases`).
   * Paging compares this, not `cases.length`, with the page size, so a skipped entry never ends paging early.
   */
  readonly receivedCount?: number;
}

export interface Attachment {
  readonly id: string;
  readonly name: string;
  readonly createdDate?: string;
  readonly createdBy?: Person;
}

export interface Note {
  readonly subject: string;
  readonly description: string;
  readonly addedDate?: string;
  readonly createdBy?: Person;
  readonly attachments: readonly Attachment[];
}

export interface IdName {
  readonly id?: string;
  readonly name?: string;
}

export interface Product extends IdName {
  readonly os?: IdName;
  readonly version?: IdName;
  readonly patch?: string;
}

export interface EnhancementRequest {
  readonly response?: string;
  readonly deliveryTargetDate?: string;
  readonly deliveryTargetVersion?: string;
  readonly responseDetails?: string;
}

export interface CaseDetail extends CaseSummary {
  readonly impact?: string;
  readonly urgency?: string;
  readonly description: string;
  readonly environment?: string;
  readonly targetDate?: string;
  readonly externalNumber?: string;
  readonly account?: { readonly name?: string; readonly sac?: string };
  readonly contact?: Person;
  readonly owner?: Person;
  readonly product?: Product;
  readonly ccEmails: readonly string[];
  /** Sorted oldest first. */
  readonly notes: readonly Note[];
  readonly attachments: readonly Attachment[];
  readonly enhancementRequest?: EnhancementRequest;
  /** Top-level fields this client does not know yet, kept as display strings so they can still be shown. */
  readonly extraFields: readonly { readonly key: string; readonly value: string }[];
}

export type SortField = 'createdDate' | 'modifiedDate' | 'closedDate' | 'status' | 'severity';
export interface SortKey {
  readonly field: SortField;
  readonly direction: 'asc' | 'desc';
}

export interface DateRange {
  readonly after: Date;
  readonly before: Date;
}

export type IncludeExclude = { readonly include: readonly string[] } | { readonly exclude: readonly string[] };

export interface CaseQuery {
  readonly created?: DateRange;
  readonly updated?: DateRange;
  readonly sac?: string;
  readonly types?: IncludeExclude;
  readonly statuses?: IncludeExclude;
}

export interface ListCasesParams {
  /** 0..20; the API's maximum page size is 20. */
  readonly limit?: number;
  /** 0..2000. */
  readonly offset?: number;
  readonly sort?: readonly SortKey[];
  readonly query?: CaseQuery;
}

/** A service account of the client-secret kind (the only kind 0.1.0 knew; its stored pair has no `kind`). */
export interface SecretCredentials {
  readonly kind?: 'secret';
  readonly clientId: string;
  readonly clientSecret: string;
}

/** A service account of the client-certificate kind: token requests carry a JWT signed with this key. */
export interface CertificateCredentials {
  readonly kind: 'certificate';
  readonly clientId: string;
  /** PEM, PKCS#8, unencrypted (a passphrase is used once at sign-in to decrypt it and never kept). */
  readonly privateKey: string;
}

export type Credentials = SecretCredentials | CertificateCredentials;

/** The secret part of an account (client secret or private key): what logs must scrub and fingerprints must cover. */
export function credentialSecret(credentials: Credentials): string {
  return credentials.kind === 'certificate' ? credentials.privateKey : credentials.clientSecret;
}

/** The public methods of a class, as an interface: its fields and private members left out. */
type PublicMethods<T> = { readonly [K in keyof T as T[K] extends (...args: never[]) => unknown ? K : never]: T[K] };

/**
 * What the views need from the network layer: every public method of SupportApi, derived (type-only) so that
 * adding a method to SupportApi is the only step. The views import this type, never the class, so the activation
 * bundle does not pull in axios.
 */
export type SupportApiClient = PublicMethods<SupportApi>;


/** Where an access token comes from; the API service asks it for every request. */
export interface TokenSource {
  getToken(signal?: AbortSignal): Promise<string>;
  /** Forget the cached token. With `rejected`, only if the cache still holds that token (another caller may have renewed it). */
  invalidate(rejected?: string): void;
}

/** A file the user chose to upload: streamed from `path` while the request is sent. */
export interface UploadFile {
  /** Absolute path on disk. */
  readonly path: string;
  /** The name the API stores (defaults to the path's base name). */
  readonly name: string;
  /** Bytes, as checked before sending (limits: 20 MB each, not empty). */
  readonly size: number;
  readonly contentType?: string;
}

/** POST /note: every field required by the API; `files` makes it multipart. */
export interface NoteInput {
  readonly caseId: string;
  readonly subject: string;
  readonly description: string;
  /** Contact e-mail. */
  readonly contact: string;
  readonly files?: readonly UploadFile[];
  /** With files: bytes of the request read from disk so far, and the body's total size. */
  readonly onUploadProgress?: (sentBytes: number, totalBytes: number) => void;
}

/** The API's answer to POST /note. */
export interface AddedNote {
  readonly caseId: string;
  readonly subject: string;
  readonly description: string;
  readonly addedDate?: string;
  readonly createdBy?: Person;
  readonly attachments: readonly Attachment[];
}

/** DELETE /case: closes (does not delete) the case. */
export interface CloseCaseInput {
  readonly caseId: string;
  readonly subject: string;
  readonly description: string;
  readonly contact: string;
}

/** POST /case. Ids come from GET /product. */
export interface NewCaseInput {
  readonly sac: string;
  readonly contact: string;
  readonly subject: string;
  readonly description: string;
  readonly product: { readonly id: string; readonly os: { readonly id: string }; readonly version: { readonly id: string }; readonly patch?: string };
  readonly environment: string;
  /** '2 - High' | '3 - Medium' | '4 - Low' (the API refuses 1 for new cases). */
  readonly impact: string;
  readonly urgency: string;
  /** Default "Support Case". */
  readonly type?: string;
  /** YYYY-MM-DD, Business Service Requests only. */
  readonly targetDate?: string;
  readonly ccEmails?: readonly string[];
  readonly files?: readonly UploadFile[];
  /** With files: bytes of the request read from disk so far, and the body's total size. */
  readonly onUploadProgress?: (sentBytes: number, totalBytes: number) => void;
}

/** GET /account: one support access code of the organisation. */
export interface SupportAccount {
  readonly sac: string;
  readonly name?: string;
}

/** GET /product?sac=: a product with its versions and operating systems. */
export interface ProductOption {
  readonly id: string;
  readonly name: string;
  readonly versions: readonly { readonly id: string; readonly name: string }[];
  readonly operatingSystems: readonly { readonly id: string; readonly name: string }[];
}

/** GET /attachment: the bytes as a stream the caller pipes to disk (or destroys). */
export interface AttachmentDownload {
  readonly body: import('stream').Readable;
  /** From Content-Length; a different number of bytes received is an error. */
  readonly contentLength?: number;
  /** From Content-Disposition, unsanitised: the caller sanitises it before using it as a file name. */
  readonly filename?: string;
  readonly troubleshootingId?: string;
}
