// The eight Support API methods: routing, authentication, validation and responses (as plain results, so faults can reuse them).

import type { IncomingHttpHeaders } from 'node:http';
import { productsOf } from './catalog';
import type { TokenIssuer } from './auth';
import { ApiFailure, BadRequest, accessDenied, notFound } from './errors';
import { parseListRequest, parseQueryString } from './listParams';
import type { MultipartBody } from './multipart';
import { orderedDetail, type CaseStore, type UploadedFile } from './store';
import type { AnswerShaper } from './shape';
import type { FakeTarget } from './types';
import { validateCreateCase, validateNote } from './validate';

export interface HttpResult {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

export interface ApiRequest {
  method: string;
  target: FakeTarget;
  /** Path below the API base, e.g. `/case/01314580`. */
  subPath: string;
  rawQuery: string;
  headers: IncomingHttpHeaders;
  /** The raw body of a JSON (or other non-multipart) request; empty for multipart. */
  body: Buffer;
  /** multipart/form-data, parsed by busboy while it streamed in (see multipart.ts), or why it was refused. */
  multipart?: MultipartBody | ApiFailure;
}

export function jsonResult(status: number, value: unknown, headers: Record<string, string> = {}): HttpResult {
  return { status, headers: { 'content-type': 'application/json', ...headers }, body: Buffer.from(JSON.stringify(value), 'utf8') };
}

export function errorResult(status: number, code: string, message: string): HttpResult {
  return jsonResult(status, { code, message });
}

/** Which API method a request is; 'other' for unknown paths and wrong methods. */
export function classifyApi(method: string, subPath: string): { target: FakeTarget; caseNumber?: string } {
  const routes: Record<string, Record<string, FakeTarget>> = {
    '/case': { GET: 'listCases', POST: 'createCase', DELETE: 'closeCase' },
    '/note': { POST: 'addNote' },
    '/attachment': { GET: 'attachment' },
    '/account': { GET: 'accounts' },
    '/product': { GET: 'products' }
  };
  const target = routes[subPath]?.[method];
  if (target) {
    return { target };
  }
  const caseMatch = /^\/case\/([^/]+)$/.exec(subPath);
  if (caseMatch && method === 'GET') {
    let caseNumber: string;
    try {
      caseNumber = decodeURIComponent(caseMatch[1]);
    } catch {
      caseNumber = caseMatch[1];
    }
    return { target: 'getCase', caseNumber };
  }
  return { target: 'other' };
}

function isKnownPath(subPath: string): boolean {
  return ['/case', '/note', '/attachment', '/account', '/product'].includes(subPath) || /^\/case\/[^/]+$/.test(subPath);
}

function contentTypeOf(headers: IncomingHttpHeaders): string {
  return (headers['content-type'] ?? '').toLowerCase();
}

function parseJson(body: Buffer, what: string): unknown {
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    throw new BadRequest(`${what} is not valid JSON.`);
  }
}

/** A JSON body, or multipart with one `initializer` JSON part and up to five `attachment` file parts (see multipart.ts). */
function readInitializer(req: ApiRequest, allowMultipart: boolean): { json: unknown; files: UploadedFile[] } {
  const type = contentTypeOf(req.headers);
  if (/^application\/json\s*(;|$)/.test(type)) {
    return { json: parseJson(req.body, 'The request body'), files: [] };
  }
  if (!allowMultipart || !type.startsWith('multipart/form-data') || req.multipart === undefined) {
    throw new BadRequest(`Content-Type must be application/json${allowMultipart ? ' or multipart/form-data' : ''}, got '${type || 'none'}'.`);
  }
  if (req.multipart instanceof ApiFailure) {
    throw req.multipart;
  }
  return { json: parseJson(req.multipart.initializer, "The 'initializer' part"), files: req.multipart.files };
}

/** Whether a request's body is read as multipart (streamed into busboy) rather than as one buffer. */
export function isMultipartRequest(target: FakeTarget, headers: IncomingHttpHeaders): boolean {
  return (target === 'addNote' || target === 'createCase') && contentTypeOf(headers).startsWith('multipart/form-data');
}

/** Lone surrogates would make encodeURIComponent throw. */
function wellFormed(value: string): string {
  return value.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
}

/** RFC 6266 Content-Disposition that survives any file name (quotes, CR/LF, non-ASCII). */
export function contentDisposition(name: string): string {
  // Long names are cut: a 100 KB header would overflow every client's header limit (500 still exceeds every file
  // system's 255-byte name limit, which the client must handle).
  const short = Array.from(name).slice(0, 500).join('');
  const ascii = short.replace(/[^\x20-\x7e]|["\\%]/g, '_') || 'attachment';
  const encoded = encodeURIComponent(wellFormed(short)).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/**
 * The query parameters each method knows. Anything else is refused with 400, as the real API refuses it: a misspelt
 * `offest=40` served from offset 0 would hide a client bug behind a plausible first page.
 */
const KNOWN_PARAMETERS: Readonly<Record<Exclude<FakeTarget, 'token' | 'other'>, readonly string[]>> = {
  listCases: ['limit', 'offset', 'sort', 'query'],
  getCase: [],
  createCase: [],
  closeCase: [],
  addNote: [],
  attachment: ['caseId', 'attachmentId'],
  accounts: [],
  products: ['sac']
};

function refuseUnknownParameters(target: Exclude<FakeTarget, 'token' | 'other'>, rawQuery: string): void {
  const allowed = KNOWN_PARAMETERS[target];
  for (const name of parseQueryString(rawQuery).keys()) {
    if (!allowed.includes(name)) {
      throw new BadRequest(`Unknown parameter '${name}'; ${allowed.length > 0 ? `allowed: ${allowed.join(', ')}` : 'this method takes no query parameters'}.`);
    }
  }
}

/** An account the caller's GET /account never listed is not theirs: the real API answers 403, whatever the catalogue holds. */
function ownAccount(store: CaseStore, sac: string): void {
  if (!store.accounts.some((a) => a.sac === sac)) {
    throw accessDenied(`The account '${sac}' is not available to this service account.`);
  }
}

function route(req: ApiRequest, store: CaseStore, caseNumber: string | undefined, shaper: AnswerShaper | undefined): HttpResult {
  if (req.target !== 'token' && req.target !== 'other') {
    refuseUnknownParameters(req.target, req.rawQuery);
  }
  switch (req.target) {
    case 'listCases': {
      const request = parseListRequest(req.rawQuery);
      const served = { ...request, offset: shaper ? shaper.offset(request.offset) : request.offset };
      const { totalCount, cases } = store.list(served);
      return jsonResult(200, shaper ? shaper.listBody(totalCount, served.limit, served.offset, cases) : { totalCount, limit: request.limit, offset: request.offset, cases });
    }
    case 'getCase': {
      const found = caseNumber === undefined ? undefined : store.get(caseNumber);
      if (!found) {
        throw notFound(`Case '${caseNumber ?? ''}' was not found.`);
      }
      return jsonResult(200, orderedDetail(shaper ? shaper.detail(found) : found));
    }
    case 'createCase': {
      const { json, files } = readInitializer(req, true);
      const input = validateCreateCase(json);
      ownAccount(store, input.sac);
      return jsonResult(201, orderedDetail(store.create(input, files)));
    }
    case 'closeCase': {
      const { json } = readInitializer(req, false);
      return jsonResult(200, orderedDetail(store.close(validateNote(json, 'close'))));
    }
    case 'addNote': {
      const { json, files } = readInitializer(req, true);
      const input = validateNote(json, 'note');
      const { note, caseNumber: caseId } = store.addNote(input, files);
      const body: Record<string, unknown> = { caseId, subject: note.subject, description: note.description, addedDate: note.addedDate, createdBy: note.createdBy };
      if (note.noteAttachments) {
        body.attachments = note.noteAttachments.map((a) => ({ id: a.id, name: a.name, createdDate: a.createdDate }));
      }
      return jsonResult(201, body);
    }
    case 'attachment': {
      const params = parseQueryString(req.rawQuery);
      const caseId = params.get('caseId')?.[0];
      const attachmentId = params.get('attachmentId')?.[0];
      if (!caseId || !attachmentId) {
        throw new BadRequest(`Parameters 'caseId' and 'attachmentId' are both required.`);
      }
      const file = store.attachment(caseId, attachmentId);
      if (!file) {
        throw notFound(`Attachment '${attachmentId}' of case '${caseId}' was not found.`);
      }
      return { status: 200, headers: { 'content-type': file.contentType, 'content-disposition': contentDisposition(file.name) }, body: file.data };
    }
    case 'accounts':
      return jsonResult(200, store.accounts);
    case 'products': {
      const sac = parseQueryString(req.rawQuery).get('sac')?.[0];
      if (!sac) {
        throw new BadRequest(`Parameter 'sac' is required.`);
      }
      ownAccount(store, sac);
      const products = productsOf(sac);
      if (!products) {
        throw accessDenied(`The account '${sac}' is not available to this service account.`);
      }
      return jsonResult(200, products);
    }
    default:
      throw notFound(`No resource at ${req.method} ${req.subPath}.`);
  }
}

export function handleApi(req: ApiRequest, store: CaseStore, issuer: TokenIssuer, caseNumber?: string, shaper?: AnswerShaper): HttpResult {
  if (req.target === 'other') {
    return isKnownPath(req.subPath)
      ? errorResult(405, 'METHOD_NOT_ALLOWED', `Method ${req.method} is not allowed on ${req.subPath}.`)
      : errorResult(404, 'NOT_FOUND', `No resource at ${req.method} ${req.subPath}.`);
  }
  const authProblem = issuer.check(req.headers.authorization);
  if (authProblem) {
    return jsonResult(401, { code: 'AUTHENTICATION_FAILURE', message: authProblem }, { 'www-authenticate': 'Bearer realm="sphere"' });
  }
  try {
    return route(req, store, caseNumber, shaper);
  } catch (error) {
    if (error instanceof ApiFailure) {
      return errorResult(error.status, error.code, error.message);
    }
    const message = error instanceof Error ? error.message : String(error);
    return errorResult(500, 'SERVER_ERROR', `Unexpected error in the fake API: ${message}`);
  }
}
