// The fake Axway Support API: token endpoint, the eight API methods, fault injection and test controls on 127.0.0.1.

import { createHash, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { Transform, type Readable } from 'node:stream';
import { classifyApi, handleApi, isMultipartRequest, jsonResult, type HttpResult } from './api';
import { ApiFailure } from './errors';
import { readMultipart, type MultipartBody } from './multipart';
import { TokenIssuer, basicCredentials } from './auth';
import { PRODUCTS, ACCOUNTS, productsOf } from './catalog';
import { handleControl, type ServerInfo } from './control';
import { FaultBook, defaultFaultBody } from './faults';
import { HOSTILE_FILE_NAMES, hostileCases } from './hostile';
import { parseQueryString } from './listParams';
import { Recorder, flatHeaders } from './recorder';
import { CaseStore, orderedDetail } from './store';
import { AnswerShaper, DEFAULT_LIST_SHAPE } from './shape';
import type { FakeApiControl, FakeTarget, Fault, ListShape } from './types';

export * from './types';
export { BIDI_SPOOF_FILE_NAME, COMMAND_LINK_FILE_NAME, hostileStrings, hostileFixtures, HOSTILE_FILE_NAMES, MAIN_HOSTILE_CASE, ODD_VALUES_CASE } from './hostile';
export { orderedDetail, sortCases, toSummary } from './store';
export { toApiDate, parseApiDate } from './util';

export interface FakeApiOptions {
  port?: number;
  clientId?: string;
  clientSecret?: string;
  tokenLifetimeSec?: number;
  caseCount?: number;
  /** Newest seeded modification time (ISO); default: a few minutes before start, so seeded dates look recent. */
  anchorDate?: string;
  /** The shape of list and case answers at start and after reset() (default: every field the reference shows). */
  listShape?: Partial<ListShape>;
}

export interface FakeApi {
  readonly origin: string;
  readonly tokenUrl: string;
  readonly apiBaseUrl: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly control: FakeApiControl;
  /** Stops listening and destroys every open socket (hanging requests included), so it never blocks. */
  close(): Promise<void>;
}

export const TOKEN_PATH = '/auth/realms/Broker/protocol/openid-connect/token';
export const API_PATH = '/sphere/api/v1';
const MAX_BODY_BYTES = 110 * 1024 * 1024;
/** How much of a multipart body a request record keeps. */
const RECORDED_BYTES = 64 * 1024;

/** The case a write or download concerns, for faults aimed at one case: the body's caseId, or the caseId parameter. */
function caseOf(target: FakeTarget, rawQuery: string, body: Buffer, multipart: MultipartBody | ApiFailure | undefined): string | undefined {
  try {
    if (target === 'attachment') {
      return parseQueryString(rawQuery).get('caseId')?.[0];
    }
    if (target === 'addNote' || target === 'closeCase') {
      const raw = multipart !== undefined && !(multipart instanceof ApiFailure) ? multipart.initializer : body;
      const json = JSON.parse(raw.toString('utf8')) as { caseId?: unknown };
      return typeof json.caseId === 'string' ? json.caseId : undefined;
    }
  } catch {
    // Not JSON or a bad query: the request fails validation anyway, no case to match.
  }
  return undefined;
}
/** The client a token request is for (Basic header, else the form's client_id), for faults aimed at one account. */
function tokenClientOf(target: FakeTarget, authorization: string | undefined, body: Buffer): string | undefined {
  if (target !== 'token') {
    return undefined;
  }
  try {
    return basicCredentials(authorization)?.id ?? parseQueryString(body.toString('utf8')).get('client_id')?.[0];
  } catch {
    return undefined;
  }
}
const DEFAULT_HUGE_BYTES = 50 * 1024 * 1024;

const DEFAULT_SLOW_UPLOAD_RATE = 1024 * 1024;

/** Passes the request body on at `bytesPerSecond`: the client's upload slows down but keeps flowing. */
function throttle(req: IncomingMessage, bytesPerSecond: number): Readable {
  const slow = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      setTimeout(() => callback(null, chunk), Math.ceil((chunk.length / bytesPerSecond) * 1000));
    }
  });
  req.on('close', () => {
    if (!req.complete) {
      slow.destroy();
    }
  });
  return req.pipe(slow);
}

function readBody(req: Readable): Promise<Buffer | undefined> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) {
        chunks.push(chunk);
      }
    });
    req.on('end', () => resolve(size > MAX_BODY_BYTES ? undefined : Buffer.concat(chunks)));
    req.on('error', () => resolve(undefined));
    req.on('close', () => resolve(undefined));
  });
}

/** Applies a fault's header overrides case-insensitively; null removes a header. */
function withOverrides(headers: Record<string, string>, overrides: Record<string, string | null> | undefined): Record<string, string> {
  const result = { ...headers };
  for (const [name, value] of Object.entries(overrides ?? {})) {
    for (const existing of Object.keys(result)) {
      if (existing.toLowerCase() === name.toLowerCase()) {
        delete result[existing];
      }
    }
    if (value !== null) {
      result[name] = value;
    }
  }
  return result;
}

function encodeFaultBody(body: unknown): { data: Buffer; contentType: string } {
  if (typeof body === 'string') {
    return { data: Buffer.from(body, 'utf8'), contentType: body.trimStart().startsWith('<') ? 'text/html; charset=utf-8' : 'text/plain; charset=utf-8' };
  }
  return { data: Buffer.from(JSON.stringify(body), 'utf8'), contentType: 'application/json' };
}

function hugeParts(target: FakeTarget): { prefix: string; item: string; suffix: string } {
  if (target === 'token') {
    return { prefix: '{"access_token":"', item: 'x'.repeat(1023), suffix: '","expires_in":1800,"refresh_expires_in":0,"token_type":"bearer"}' };
  }
  const date = '2025-05-01T10:00:00.000+0000';
  if (target === 'getCase') {
    return {
      prefix: `{"caseNumber":"01314580","subject":"Huge case","status":"In Support","severity":"3 - Important","type":"Support Case","createdDate":"${date}","modifiedDate":"${date}","description":"Huge","notes":[`,
      item: JSON.stringify({ subject: 'Padding note', description: 'This note only exists to make the response very large. '.repeat(8), addedDate: date }),
      suffix: ']}'
    };
  }
  return {
    prefix: '{"totalCount":1000000,"limit":20,"offset":0,"cases":[',
    item: JSON.stringify({ caseNumber: '01314580', subject: 'Padding case to make the response huge', status: 'In Support', severity: '3 - Important', createdDate: date, modifiedDate: date, closedDate: null, type: 'Support Case' }),
    suffix: ']}'
  };
}

/** Streams valid JSON of exactly `size` bytes with back-pressure, stopping early when the client goes away. */
function streamHuge(res: ServerResponse, target: FakeTarget, size: number, headers: Record<string, string>, withLength: boolean): void {
  const { prefix, item, suffix } = hugeParts(target);
  const separator = target === 'token' ? '' : ',';
  const fixed = prefix.length + suffix.length;
  const count = Math.max(0, Math.floor((size - fixed + separator.length) / (item.length + separator.length)));
  const used = fixed + (count > 0 ? count * item.length + (count - 1) * separator.length : 0);
  const padding = ' '.repeat(Math.max(0, size - used));
  res.writeHead(200, withLength ? { ...headers, 'Content-Length': String(Math.max(size, used)) } : headers);
  res.write(prefix);
  const block = (item + separator).repeat(64);
  let written = 0;
  const pump = (): void => {
    while (written < count - 1) {
      if (res.destroyed) {
        return;
      }
      const n = Math.min(64, count - 1 - written);
      written += n;
      if (!res.write(n === 64 ? block : (item + separator).repeat(n))) {
        res.once('drain', pump);
        return;
      }
    }
    res.end((count > 0 ? item : '') + padding + suffix);
  };
  pump();
}

export async function startFakeApi(options: FakeApiOptions = {}): Promise<FakeApi> {
  const defaults = {
    clientId: options.clientId ?? 'demo-client',
    clientSecret: options.clientSecret ?? 'demo-secret-1234567890',
    lifetimeSec: options.tokenLifetimeSec ?? 1800,
    caseCount: options.caseCount ?? 57
  };
  const anchorMs = options.anchorDate ? Date.parse(options.anchorDate) : Math.floor(Date.now() / 60_000) * 60_000 - 5 * 60_000;
  if (Number.isNaN(anchorMs)) {
    throw new Error(`Invalid anchorDate '${options.anchorDate ?? ''}'.`);
  }

  const server = createServer();
  const sockets = new Set<Socket>();
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  if (address === null || typeof address === 'string') {
    throw new Error('The fake API did not get a TCP port.');
  }
  const origin = `http://127.0.0.1:${address.port}`;
  const tokenUrl = origin + TOKEN_PATH;
  const apiBaseUrl = origin + API_PATH;

  const store = new CaseStore(anchorMs, defaults.caseCount);
  /** The cases of further service accounts (addSecretClient), by client id. */
  const extraStores = new Map<string, CaseStore>();
  const issuer = new TokenIssuer({ clientId: defaults.clientId, clientSecret: defaults.clientSecret, lifetimeSec: defaults.lifetimeSec }, `${origin}/auth/realms/Broker`);
  const faults = new FaultBook();
  const recorder = new Recorder();
  const shaper = new AnswerShaper({ ...DEFAULT_LIST_SHAPE, ...(options.listShape ?? {}) });
  const hanging = new Set<ServerResponse>();
  const timers = new Set<NodeJS.Timeout>();

  const control: FakeApiControl = {
    reset() {
      store.load(defaults.caseCount);
      faults.clear();
      recorder.clear();
      recorder.clearBeacons();
      issuer.reset();
      extraStores.clear();
      shaper.reset();
      for (const res of hanging) {
        res.destroy();
      }
      hanging.clear();
    },
    addFault: (fault) => faults.add(fault),
    removeFault: (id) => faults.remove(id),
    clearFaults: () => faults.clear(),
    faults: () => faults.all(),
    requests: (target) => recorder.requests(target),
    clearRequests: () => recorder.clear(),
    stats: () => recorder.stats(),
    upsertCase(partial, clientId) {
      const target = clientId === undefined ? store : extraStores.get(clientId);
      if (!target) {
        throw new Error(`No further client '${clientId ?? ''}': add it with addSecretClient first.`);
      }
      return orderedDetail(target.upsert(structuredClone(partial)));
    },
    removeCase: (caseNumber) => store.remove(caseNumber),
    setCaseCount: (count) => store.load(Math.floor(count)),
    revokeTokens: () => issuer.revokeAll(),
    setCredentials(update) {
      issuer.clientId = update.clientId ?? issuer.clientId;
      issuer.clientSecret = update.clientSecret ?? issuer.clientSecret;
      issuer.rejectAs = update.rejectAs ?? issuer.rejectAs;
    },
    setTokenLifetime(seconds) {
      issuer.lifetimeSec = seconds;
    },
    addCertificateClient: (clientId, publicKeyPem, caseCount) => {
      issuer.addCertificateClient(clientId, publicKeyPem);
      if (caseCount !== undefined) {
        extraStores.set(clientId, new CaseStore(anchorMs, Math.floor(caseCount), clientId));
      }
    },
    addSecretClient: (clientId, clientSecret, caseCount) => {
      issuer.addSecretClient(clientId, clientSecret);
      extraStores.set(clientId, new CaseStore(anchorMs, Math.floor(caseCount), clientId));
    },
    beacons: () => recorder.beacons(),
    clearBeacons: () => recorder.clearBeacons(),
    addHostileCases: () => hostileCases(origin).map((c) => store.upsert(c).caseNumber).reverse(),
    setListShape: (shape) => shaper.set(shape),
    listShape: () => shaper.shape,
    listAll: () => store.recent(),
    getCase(caseNumber) {
      const found = store.get(caseNumber);
      return found ? orderedDetail(found) : undefined;
    },
    accounts: () => store.accounts.map((a) => ({ ...a })),
    setAccounts(sacs) {
      const chosen = ACCOUNTS.filter((a) => sacs.includes(a.sac));
      if (chosen.length === 0 || chosen.length !== new Set(sacs).size) {
        throw new Error(`'sacs' must name one or more of ${ACCOUNTS.map((a) => a.sac).join(', ')}.`);
      }
      store.accounts = chosen.map((a) => ({ ...a }));
      return store.accounts.map((a) => ({ ...a }));
    },
    products: (sac) => structuredClone(productsOf(sac, PRODUCTS)),
    closedLongAgo: () => store.closedLongAgo(),
    setClosedTooLong(mode) {
      store.closedTooLong = mode;
    },
    addHostileAttachments: (caseNumber) => structuredClone(store.addAttachments(caseNumber, HOSTILE_FILE_NAMES)),
    attachmentInfo(caseNumber, attachmentId) {
      const file = store.attachment(caseNumber, attachmentId);
      return file ? { name: file.name, size: file.data.length, sha256: createHash('sha256').update(file.data).digest('hex'), contentType: file.contentType } : undefined;
    }
  };

  const info = (): ServerInfo => ({ origin, tokenUrl, apiBaseUrl, clientId: issuer.clientId, clientSecret: issuer.clientSecret });

  const send = (res: ServerResponse, result: HttpResult, base: Record<string, string>, overrides?: Record<string, string | null>): void => {
    if (res.destroyed) {
      return;
    }
    const headers = withOverrides({ ...base, ...result.headers, 'Content-Length': String(result.body.length) }, overrides);
    try {
      res.writeHead(result.status, headers);
      res.end(result.body);
    } catch {
      // A test passed a header value Node refuses: drop the connection rather than crash the server.
      res.destroy();
    }
  };

  const handleTarget = async (req: IncomingMessage, res: ServerResponse, path: string, rawQuery: string): Promise<void> => {
    const method = req.method ?? 'GET';
    let target: FakeTarget = 'other';
    let caseNumber: string | undefined;
    let subPath = path;
    if (path === TOKEN_PATH) {
      target = 'token';
    } else if (path === API_PATH || path.startsWith(API_PATH + '/')) {
      subPath = path.slice(API_PATH.length);
      ({ target, caseNumber } = classifyApi(method, subPath));
    }
    const clientId = target === 'token' ? undefined : issuer.clientOf(req.headers.authorization);
    const { record, end } = recorder.start({ method, target, path, query: rawQuery, headers: flatHeaders(req.headers), ...(clientId !== undefined ? { clientId } : {}) });
    res.on('close', () => {
      if (!res.writableFinished) {
        record.aborted = true;
      }
      end(res.headersSent ? res.statusCode : 0);
    });
    const base: Record<string, string> = target === 'token'
      ? { 'Cache-Control': 'no-store', Pragma: 'no-cache' }
      : { 'X-Troubleshooting-ID': randomUUID() };

    const slow = faults.take(target, caseNumber, 'body', clientId);
    if (slow) {
      record.faultId = slow.id;
    }
    const source = slow ? throttle(req, slow.bytesPerSecond ?? DEFAULT_SLOW_UPLOAD_RATE) : req;
    let body: Buffer | undefined;
    let multipart: MultipartBody | ApiFailure | undefined;
    if (isMultipartRequest(target, req.headers)) {
      // Streamed into busboy; the record keeps the body's first bytes.
      const head: Buffer[] = [];
      let headSize = 0;
      req.on('data', (chunk: Buffer) => {
        if (headSize < RECORDED_BYTES) {
          head.push(chunk);
          headSize += chunk.length;
        }
      });
      multipart = await readMultipart(source, req.headers).catch((error: unknown) => {
        if (error instanceof ApiFailure) {
          return error;
        }
        throw error;
      });
      body = Buffer.alloc(0);
      recorder.setBody(record, Buffer.concat(head));
      // The client went away while sending (req.destroyed alone says nothing: a fully read request is destroyed too).
      if (!res.socket || res.socket.destroyed) {
        return;
      }
    } else {
      body = await readBody(source);
      if (body === undefined) {
        if (!req.destroyed) {
          send(res, jsonResult(413, { code: 'BAD_REQUEST', message: 'Request body too large.' }), base);
        }
        return;
      }
      recorder.setBody(record, body);
    }
    const requestBody = body;

    const normal = (): HttpResult => {
      if (target === 'token') {
        if (method !== 'POST') {
          return jsonResult(405, { error: 'invalid_request', error_description: 'HTTP method not allowed' });
        }
        const result = issuer.handle(req.headers['content-type'], req.headers.authorization, requestBody.toString('utf8'));
        return result.body === undefined ? { status: result.status, headers: {}, body: Buffer.alloc(0) } : jsonResult(result.status, result.body);
      }
      // Each service account sees its own cases; the default account (and anything unauthenticated) the main store.
      const served = (clientId !== undefined ? extraStores.get(clientId) : undefined) ?? store;
      return handleApi({ method, target, subPath, rawQuery, headers: req.headers, body: requestBody, multipart }, served, issuer, caseNumber, shaper);
    };

    const fault = faults.take(target, caseNumber ?? caseOf(target, rawQuery, requestBody, multipart), 'answer', clientId ?? tokenClientOf(target, req.headers.authorization, requestBody));
    if (!fault) {
      send(res, normal(), base);
      return;
    }
    record.faultId = fault.id;
    applyFault(fault, res, target, base, normal);
  };

  const applyFault = (fault: Fault, res: ServerResponse, target: FakeTarget, base: Record<string, string>, normal: () => HttpResult): void => {
    switch (fault.kind) {
      case 'respond': {
        const status = fault.status ?? 500;
        const { data, contentType } = encodeFaultBody(fault.body === undefined ? defaultFaultBody(target, status) : fault.body);
        send(res, { status, headers: { 'Content-Type': contentType }, body: data }, base, fault.headers);
        return;
      }
      case 'hang':
        hanging.add(res);
        res.on('close', () => hanging.delete(res));
        return;
      case 'delay': {
        const timer = setTimeout(() => {
          timers.delete(timer);
          send(res, normal(), base, fault.headers);
        }, fault.delayMs ?? 1000);
        timers.add(timer);
        return;
      }
      case 'truncated': {
        const full = fault.body === undefined ? normal().body : encodeFaultBody(fault.body).data;
        const cut = full.subarray(0, Math.max(1, Math.floor(full.length / 2)));
        send(res, { status: fault.status ?? 200, headers: { 'Content-Type': 'application/json' }, body: cut }, base, fault.headers);
        return;
      }
      case 'reset': {
        let full = fault.body === undefined ? normal().body : encodeFaultBody(fault.body).data;
        if (full.length < 4) {
          full = Buffer.from('{"cases":[{"caseNumber":"01314580","subject":"cut"}]}');
        }
        const headers = withOverrides({ ...base, 'Content-Type': 'application/json', 'Content-Length': String(full.length) }, fault.headers);
        res.writeHead(fault.status ?? 200, headers);
        res.write(full.subarray(0, Math.floor(full.length / 2)), () => res.socket?.destroy());
        return;
      }
      case 'huge':
        streamHuge(res, target, fault.sizeBytes ?? DEFAULT_HUGE_BYTES, withOverrides({ ...base, 'Content-Type': 'application/json' }, fault.headers), fault.contentLength === true);
        return;
      case 'slowUpload':
        // Taken in the 'body' phase only; never reaches here.
        send(res, normal(), base, fault.headers);
        return;
      case 'dropAfterStore':
        // Acted on (stored, created, closed); the answer is lost.
        normal();
        res.socket?.destroy();
        return;
      case 'dropBeforeStore':
        // The body was read; nothing is stored and no answer comes.
        res.socket?.destroy();
        return;
      case 'failAfterStore': {
        // Stored (created, closed), then a gateway or the API answers a 5xx: JSON, or an HTML page given as body.
        normal();
        const status = fault.status ?? 502;
        const { data, contentType } = encodeFaultBody(fault.body === undefined ? defaultFaultBody(target, status) : fault.body);
        send(res, { status, headers: { 'Content-Type': contentType }, body: data }, base, fault.headers);
        return;
      }
      case 'hangAfterStore':
        normal();
        hanging.add(res);
        res.on('close', () => hanging.delete(res));
        return;
      case 'partialCreate': {
        const result = normal();
        if (result.status !== 201) {
          send(res, result, base, fault.headers);
          return;
        }
        const created = JSON.parse(result.body.toString('utf8')) as { caseNumber: string; attachments?: unknown[] };
        const withFiles = (created.attachments ?? []).length > 0;
        if (withFiles) {
          store.dropAttachments(created.caseNumber);
        }
        const message = withFiles
          ? `Case ${created.caseNumber} was created, but its attachments could not be stored: the document service did not respond in time. Add the files to case ${created.caseNumber} with a note.`
          : `Case ${created.caseNumber} was created, but the notification to the support team failed (internal error). Do not create the case again.`;
        send(res, jsonResult(500, { code: 'SERVER_ERROR', message }), base, fault.headers);
        return;
      }
      case 'shortBody': {
        const result = normal();
        if (result.status !== 200) {
          send(res, result, base, fault.headers);
          return;
        }
        const headers = withOverrides({ ...base, ...result.headers, 'Content-Length': String(result.body.length) }, fault.headers);
        const cut = Math.floor(result.body.length * Math.min(1, fault.fraction ?? 0.5));
        res.writeHead(200, headers);
        // Less than announced, then the connection ends: a client must not take this for the whole file.
        res.write(result.body.subarray(0, Math.min(cut, result.body.length - 1)), () => res.socket?.destroy());
        return;
      }
    }
  };

  const onRequest = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    const path = q < 0 ? url : url.slice(0, q);
    const rawQuery = q < 0 ? '' : url.slice(q + 1);
    if (path === '/healthz') {
      req.resume();
      send(res, jsonResult(200, { ok: true }), {});
      return;
    }
    if (path === '/__beacon' || path.startsWith('/__beacon/')) {
      req.resume();
      recorder.beacon(req.method ?? 'GET', path, rawQuery, req.headers);
      res.writeHead(204, { 'Access-Control-Allow-Origin': '*', 'Cache-Control': 'no-store' });
      res.end();
      return;
    }
    if (path.startsWith('/__control/')) {
      const body = (await readBody(req)) ?? Buffer.alloc(0);
      const result = handleControl(req.method ?? 'GET', path.slice('/__control/'.length), rawQuery, body, control, info);
      send(res, jsonResult(result.status, result.body ?? null), {});
      return;
    }
    await handleTarget(req, res, path, rawQuery);
  };

  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    onRequest(req, res).catch((error: unknown) => {
      const message = error instanceof Error ? error.message : String(error);
      send(res, jsonResult(500, { code: 'SERVER_ERROR', message: `Fake API failure: ${message}` }), { 'X-Troubleshooting-ID': randomUUID() });
    });
  });

  return {
    origin,
    tokenUrl,
    apiBaseUrl,
    get clientId() {
      return issuer.clientId;
    },
    get clientSecret() {
      return issuer.clientSecret;
    },
    control,
    close: () => new Promise<void>((resolve) => {
      for (const timer of timers) {
        clearTimeout(timer);
      }
      timers.clear();
      server.close(() => resolve());
      for (const socket of sockets) {
        socket.destroy();
      }
    })
  };
}
