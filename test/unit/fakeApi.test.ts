// The fake Support API itself: other suites trust it, so its validation, data, faults and controls are tested over real HTTP.

import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { createInterface } from 'node:readline';
import { FakeApiRemote } from '../fake-api/client';
import { hostileStrings } from '../fake-api/hostile';
import { startFakeApi, type FakeApi, type FakeCaseDetail, type FakeCaseSummary } from '../fake-api/server';
import { useStartedFake } from './support/fixture';
import { STATUSES, SEVERITIES, TYPES } from '../fake-api/catalog';
import { until } from './support/wait';
import { assertEvery } from '../support/every';

const DAY = 86_400_000;

function form(values: Record<string, string>): string {
  return new URLSearchParams(values).toString();
}

function encodeQuery(value: unknown): string {
  return encodeURIComponent(JSON.stringify(value));
}

describe('fake Support API', () => {
  let api: FakeApi;
  let token: string;

  async function requestToken(body: string, headers: Record<string, string> = {}): Promise<Response> {
    return fetch(api.tokenUrl, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers }, body });
  }

  async function newToken(): Promise<string> {
    const response = await requestToken(form({ grant_type: 'client_credentials', client_id: api.clientId, client_secret: api.clientSecret }));
    assert.equal(response.status, 200);
    const json = (await response.json()) as { access_token: string };
    return json.access_token;
  }

  function call(pathAndQuery: string, init: RequestInit = {}): Promise<Response> {
    return fetch(api.apiBaseUrl + pathAndQuery, { ...init, headers: { authorization: `Bearer ${token}`, ...(init.headers as Record<string, string> | undefined) } });
  }

  async function json<T>(pathAndQuery: string, init: RequestInit = {}, expectedStatus = 200): Promise<T> {
    const response = await call(pathAndQuery, init);
    const text = await response.text();
    assert.equal(response.status, expectedStatus, text);
    return JSON.parse(text) as T;
  }

  async function expectError(pathAndQuery: string, status: number, code: string, init: RequestInit = {}): Promise<string> {
    const body = await json<{ code: string; message: string }>(pathAndQuery, init, status);
    assert.equal(body.code, code);
    assert.ok(body.message.length > 0);
    return body.message;
  }

  function postJson(value: unknown, method = 'POST'): RequestInit {
    return { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(value) };
  }

  useStartedFake((fake) => {
    api = fake;
  });

  beforeEach(async () => {
    token = await newToken();
  });

  describe('token endpoint', () => {
    it('issues a bearer token for valid client credentials', async () => {
      const response = await requestToken(form({ grant_type: 'client_credentials', client_id: 'demo-client', client_secret: 'demo-secret-1234567890', scope: 'openid' }));
      assert.equal(response.status, 200);
      const body = (await response.json()) as Record<string, unknown>;
      assert.equal(typeof body.access_token, 'string');
      assert.equal(body.expires_in, 1800);
      assert.equal(body.refresh_expires_in, 0);
      assert.equal(body.token_type, 'bearer');
      assert.equal(typeof body['not-before-policy'], 'number');
      assert.equal(response.headers.get('cache-control'), 'no-store');
    });

    it('accepts HTTP Basic client authentication', async () => {
      const basic = Buffer.from('demo-client:demo-secret-1234567890').toString('base64');
      const response = await requestToken(form({ grant_type: 'client_credentials' }), { authorization: `Basic ${basic}` });
      assert.equal(response.status, 200);
    });

    it('rejects a wrong secret with 401 invalid_client', async () => {
      const response = await requestToken(form({ grant_type: 'client_credentials', client_id: 'demo-client', client_secret: 'wrong' }));
      assert.equal(response.status, 401);
      assert.deepEqual(await response.json(), { error: 'invalid_client', error_description: 'Invalid client or Invalid client credentials' });
    });

    it('rejects a missing or unsupported grant and a non-form body with 400', async () => {
      const missing = await requestToken(form({ client_id: 'demo-client', client_secret: 'demo-secret-1234567890' }));
      assert.equal(missing.status, 400);
      assert.equal(((await missing.json()) as { error: string }).error, 'invalid_request');
      const password = await requestToken(form({ grant_type: 'password', client_id: 'demo-client', client_secret: 'demo-secret-1234567890' }));
      assert.equal(password.status, 400);
      assert.equal(((await password.json()) as { error: string }).error, 'unsupported_grant_type');
      const asJson = await fetch(api.tokenUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"grant_type":"client_credentials"}' });
      assert.equal(asJson.status, 400);
    });

    it('follows secret rotation and restores the credentials on reset', async () => {
      api.control.setCredentials({ clientSecret: 'rotated-secret' });
      const old = await requestToken(form({ grant_type: 'client_credentials', client_id: 'demo-client', client_secret: 'demo-secret-1234567890' }));
      assert.equal(old.status, 401);
      assert.equal(api.clientSecret, 'rotated-secret');
      api.control.reset();
      assert.equal(api.clientSecret, 'demo-secret-1234567890');
      await newToken();
    });

    it('makes an expired token fail with 401 AUTHENTICATION_FAILURE', async () => {
      api.control.setTokenLifetime(0);
      token = await newToken();
      const message = await expectError('/account', 401, 'AUTHENTICATION_FAILURE');
      assert.match(message, /expired/);
    });

    it('rejects missing, unknown and revoked tokens', async () => {
      const none = await fetch(`${api.apiBaseUrl}/account`);
      assert.equal(none.status, 401);
      assert.equal(((await none.json()) as { code: string }).code, 'AUTHENTICATION_FAILURE');
      assert.ok(none.headers.get('x-troubleshooting-id'));
      const unknown = await fetch(`${api.apiBaseUrl}/account`, { headers: { authorization: 'Bearer not-a-token' } });
      assert.equal(unknown.status, 401);
      await json('/account');
      api.control.revokeTokens();
      await expectError('/account', 401, 'AUTHENTICATION_FAILURE');
      token = await newToken();
      await json('/account');
    });
  });

  describe('seed data', () => {
    it('has 57 cases covering every status, severity and type, with distinct modification times', () => {
      const all = api.control.listAll();
      assert.equal(all.length, 57);
      for (const status of STATUSES) {
        assert.ok(all.some((c) => c.status === status), status);
      }
      for (const severity of SEVERITIES) {
        assert.ok(all.some((c) => c.severity === severity), severity);
      }
      for (const type of TYPES) {
        assert.ok(all.some((c) => c.type === type), type);
      }
      assert.equal(new Set(all.map((c) => c.modifiedDate)).size, 57);
      assert.equal(new Set(all.map((c) => c.caseNumber)).size, 57);
      assert.ok(all.every((c) => /^\d{8}$/.test(c.caseNumber)));
      assert.ok(all.every((c) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.000\+0000$/.test(c.modifiedDate)));
      assert.ok(all.every((c) => (c.status === 'Closed') === (c.closedDate !== null)));
    });

    it('is deterministic for the same anchor date', async () => {
      const other = await startFakeApi({ anchorDate: '2025-06-01T12:00:00Z' });
      const again = await startFakeApi({ anchorDate: '2025-06-01T12:00:00Z' });
      try {
        assert.deepEqual(other.control.listAll(), again.control.listAll());
        const first = other.control.listAll()[0].caseNumber;
        assert.deepEqual(other.control.getCase(first), again.control.getCase(first));
      } finally {
        await other.close();
        await again.close();
      }
    });

    it('has notes from customers and engineers, attachments and every documented detail field', () => {
      const details = api.control.listAll().map((c) => api.control.getCase(c.caseNumber) as FakeCaseDetail);
      const notes = details.flatMap((d) => d.notes ?? []);
      assert.ok(notes.some((n) => n.createdBy?.email.endsWith('@axway.com')));
      assert.ok(notes.some((n) => n.createdBy && !n.createdBy.email.endsWith('@axway.com')));
      assert.ok(notes.some((n) => (n.noteAttachments ?? []).length > 0));
      assert.ok(details.every((d) => (d.notes ?? []).length <= 5));
      assert.ok(details.some((d) => (d.attachments ?? []).length > 0));
      for (const key of ['impact', 'urgency', 'owner', 'ccEmails', 'externalNumber', 'targetDate', 'customerEnhancementRequest'] as const) {
        assert.ok(details.some((d) => d[key] !== undefined), key);
      }
      assert.ok(details.every((d) => d.product.os.name && d.product.version.name && d.account.sac && d.contact.email));
      assertEvery(details.filter((d) => d.customerEnhancementRequest), (d) => d.type === 'Enhancement Request', 'cases with customerEnhancementRequest');
      assertEvery(details.filter((d) => d.targetDate), (d) => d.type === 'Business Service Request', 'cases with targetDate');
      const productNames = new Set(details.map((d) => d.product.name));
      assert.ok(productNames.has('API Gateway') && productNames.has('SecureTransport') && productNames.has('B2Bi'));
    });
  });

  describe('GET /case', () => {
    it('pages through -modifiedDate in the order listAll() gives', async () => {
      const all = api.control.listAll();
      const first = await json<{ totalCount: number; limit: number; offset: number; cases: FakeCaseSummary[] }>('/case?sort=-modifiedDate');
      assert.equal(first.totalCount, 57);
      assert.equal(first.limit, 20);
      assert.equal(first.offset, 0);
      assert.deepEqual(first.cases, all.slice(0, 20));
      const last = await json<{ cases: FakeCaseSummary[] }>('/case?sort=-modifiedDate&limit=20&offset=40');
      assert.deepEqual(last.cases, all.slice(40));
      const beyond = await json<{ totalCount: number; cases: FakeCaseSummary[] }>('/case?offset=100');
      assert.deepEqual(beyond.cases, []);
      assert.equal(beyond.totalCount, 57);
      const none = await json<{ cases: FakeCaseSummary[] }>('/case?limit=0');
      assert.deepEqual(none.cases, []);
    });

    it('sorts by several keys (%2B encoded) and filters by the query', async () => {
      const bySeverity = await json<{ cases: FakeCaseSummary[] }>('/case?sort=%2Bseverity,-modifiedDate&limit=20');
      const severities = bySeverity.cases.map((c) => c.severity);
      assert.deepEqual(severities, [...severities].sort());
      const open = await json<{ totalCount: number; cases: FakeCaseSummary[] }>(`/case?query=${encodeQuery({ statuses: { exclude: ['Closed'] } })}`);
      assert.equal(open.totalCount, api.control.listAll().filter((c) => c.status !== 'Closed').length);
      assertEvery(open.cases, (c) => c.status !== 'Closed', 'open cases');
      const ers = await json<{ cases: FakeCaseSummary[] }>(`/case?query=${encodeQuery({ types: { include: ['Enhancement Request'] } })}`);
      assert.ok(ers.cases.length > 0 && ers.cases.every((c) => c.type === 'Enhancement Request'));
      const newest = api.control.listAll()[0];
      const after = new Date(Date.parse(newest.modifiedDate.replace('+0000', 'Z')) - 1000).toISOString().replace('.000', '');
      const recent = await json<{ cases: FakeCaseSummary[] }>(`/case?query=${encodeQuery({ updated: { after, before: '2100-01-01T00:00:00Z' }, sac: 'GLBX-40217' })}`);
      assertEvery(recent.cases, (c) => c.caseNumber === newest.caseNumber, 'recently updated cases');
      const closedFirst = await json<{ cases: FakeCaseSummary[] }>('/case?sort=-closedDate&limit=3');
      assertEvery(closedFirst.cases, (c) => c.closedDate !== null, 'cases sorted by closedDate, newest first');
    });

    it('rejects invalid parameters with 400 BAD_REQUEST naming the parameter', async () => {
      assert.match(await expectError('/case?limit=21', 400, 'BAD_REQUEST'), /limit/);
      assert.match(await expectError('/case?limit=-1', 400, 'BAD_REQUEST'), /limit/);
      assert.match(await expectError('/case?offset=2001', 400, 'BAD_REQUEST'), /offset/);
      assert.match(await expectError('/case?sort=+modifiedDate', 400, 'BAD_REQUEST'), /%2B/);
      assert.match(await expectError('/case?sort=-subject', 400, 'BAD_REQUEST'), /sort/);
      assert.match(await expectError('/case?sort=modifiedDate', 400, 'BAD_REQUEST'), /sort/);
      assert.match(await expectError('/case?sort=-status,%2Bstatus', 400, 'BAD_REQUEST'), /twice/);
      assert.match(await expectError('/case?query={bad', 400, 'BAD_REQUEST'), /query/);
      assert.match(await expectError(`/case?query=${encodeQuery({ created: { after: '2020-01-01T00:00:00Z' } })}`, 400, 'BAD_REQUEST'), /before/);
      assert.match(await expectError(`/case?query=${encodeQuery({ created: { after: '2020-01-01T00:00:00+01:00', before: '2021-01-01T00:00:00Z' } })}`, 400, 'BAD_REQUEST'), /Z/);
      assert.match(await expectError(`/case?query=${encodeQuery({ statuses: { include: [] } })}`, 400, 'BAD_REQUEST'), /non-empty/);
      assert.match(await expectError(`/case?query=${encodeQuery({ types: { include: ['A', 'A'] } })}`, 400, 'BAD_REQUEST'), /twice/);
      assert.match(await expectError(`/case?query=${encodeQuery({ statuses: { include: ['New'], exclude: ['Closed'] } })}`, 400, 'BAD_REQUEST'), /exactly one/);
      assert.match(await expectError(`/case?query=${encodeQuery({ owner: 'x' })}`, 400, 'BAD_REQUEST'), /owner/);
      await expectError(`/case?query=${encodeQuery({ sac: 'NOPE-1' })}`, 403, 'ACCESS_DENIED');
    });

    it('reaches offset 2000 of 2,100 cases and no further', async () => {
      api.control.setCaseCount(2100);
      const page = await json<{ totalCount: number; cases: FakeCaseSummary[] }>('/case?sort=-modifiedDate&offset=2000');
      assert.equal(page.totalCount, 2100);
      assert.deepEqual(page.cases, api.control.listAll().slice(2000, 2020));
      await expectError('/case?offset=2001', 400, 'BAD_REQUEST');
      api.control.reset();
      assert.equal(api.control.listAll().length, 57);
    });
  });

  describe('X-Troubleshooting-ID', () => {
    it('is on success, error and unknown-path responses of the API', async () => {
      const ok = await call('/case');
      const bad = await call('/case?limit=99');
      const unknown = await call('/nothing-here');
      const wrongMethod = await call('/account', { method: 'PUT' });
      assert.equal(unknown.status, 404);
      assert.equal(((await unknown.json()) as { code: string }).code, 'NOT_FOUND');
      assert.equal(wrongMethod.status, 405);
      for (const response of [ok, bad, unknown, wrongMethod]) {
        assert.match(response.headers.get('x-troubleshooting-id') ?? '', /^[0-9a-f-]{36}$/);
      }
      assert.notEqual(ok.headers.get('x-troubleshooting-id'), bad.headers.get('x-troubleshooting-id'));
    });
  });

  describe('GET /case/{caseNumber}', () => {
    it('returns the detail and 404 NOT_FOUND for an unknown case', async () => {
      const summary = api.control.listAll()[5];
      const detail = await json<FakeCaseDetail>(`/case/${summary.caseNumber}`);
      assert.equal(detail.subject, summary.subject);
      assert.equal(detail.modifiedDate, summary.modifiedDate);
      assert.ok(detail.description.length > 0);
      await expectError('/case/00000001', 404, 'NOT_FOUND');
    });
  });

  describe('POST /case', () => {
    const valid = {
      sac: 'GLBX-40217', contact: 'dana.whitfield@globex.example', subject: 'Gateway rejects large payloads', description: 'Requests above 10 MB fail with 413.',
      product: { id: 'a0P5J000000APIGW', os: { id: 'a0O5J000001LnxAAE' }, version: { id: 'a0V5J0000GW001' }, patch: 'SP1' },
      environment: 'Production', impact: '2 - High', urgency: '1 - High', ccEmails: ['rahul.menon@globex.example']
    };

    it('creates a case that appears on top of -modifiedDate', async () => {
      const created = await json<FakeCaseDetail>('/case', postJson(valid), 201);
      assert.match(created.caseNumber, /^\d{8}$/);
      assert.equal(created.status, 'New');
      assert.equal(created.type, 'Support Case');
      assert.equal(created.product.name, 'API Gateway');
      assert.equal(created.product.version.name, '7.7.0.20240830');
      const top = await json<{ cases: FakeCaseSummary[] }>('/case?sort=-modifiedDate&limit=1');
      assert.equal(top.cases[0].caseNumber, created.caseNumber);
      assert.deepEqual(await json(`/case/${created.caseNumber}`), created);
    });

    it('accepts multipart with attachments that can then be downloaded', async () => {
      const data = new FormData();
      data.append('initializer', new Blob([JSON.stringify(valid)], { type: 'application/json' }));
      data.append('attachment', new Blob(['hello log'], { type: 'text/plain' }), 'trace.log');
      const created = await json<FakeCaseDetail>('/case', { method: 'POST', body: data }, 201);
      const attachment = created.attachments?.[0];
      assert.equal(attachment?.name, 'trace.log');
      const download = await call(`/attachment?caseId=${created.caseNumber}&attachmentId=${attachment?.id ?? ''}`);
      assert.equal(download.status, 200);
      assert.equal(await download.text(), 'hello log');
      assert.equal(download.headers.get('content-length'), '9');
      assert.match(download.headers.get('content-disposition') ?? '', /^attachment; filename="trace.log"/);
    });

    it('validates required fields, value sets and the attachment count', async () => {
      assert.match(await expectError('/case', 400, 'BAD_REQUEST', postJson({ ...valid, impact: '1 - Critical' })), /impact/);
      assert.match(await expectError('/case', 400, 'BAD_REQUEST', postJson({ ...valid, subject: undefined })), /subject/);
      assert.match(await expectError('/case', 400, 'BAD_REQUEST', postJson({ ...valid, environment: 'Prod' })), /environment/);
      assert.match(await expectError('/case', 400, 'BAD_REQUEST', postJson({ ...valid, targetDate: '2030-01-01' })), /targetDate/);
      assert.match(await expectError('/case', 400, 'BAD_REQUEST', postJson({ ...valid, product: { ...valid.product, version: { id: 'x' } } })), /version/);
      await expectError('/case', 403, 'ACCESS_DENIED', postJson({ ...valid, sac: 'NOPE-1' }));
      await expectError('/case', 400, 'BAD_REQUEST', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'x' });
      const data = new FormData();
      data.append('initializer', new Blob([JSON.stringify(valid)], { type: 'application/json' }));
      for (let i = 0; i < 6; i++) {
        data.append('attachment', new Blob(['x']), `f${i}.txt`);
      }
      assert.match(await expectError('/case', 400, 'BAD_REQUEST', { method: 'POST', body: data }), /At most 5/);
      assert.equal(api.control.listAll().length, 57);
    });
  });

  describe('DELETE /case', () => {
    it('closes an open case and refuses to close it twice', async () => {
      const open = api.control.listAll().find((c) => c.status !== 'Closed') as FakeCaseSummary;
      const body = { caseId: open.caseNumber, subject: 'Solved', description: 'The hotfix solved it.', contact: 'dana.whitfield@globex.example' };
      const closed = await json<FakeCaseDetail>('/case', postJson(body, 'DELETE'));
      assert.equal(closed.status, 'Closed');
      assert.match(closed.closedDate ?? '', /\+0000$/);
      assert.equal(api.control.listAll()[0].caseNumber, open.caseNumber);
      await expectError('/case', 400, 'BAD_REQUEST', postJson(body, 'DELETE'));
      await expectError('/case', 400, 'BAD_REQUEST', postJson({ ...body, contact: undefined }, 'DELETE'));
      await expectError('/case', 404, 'NOT_FOUND', postJson({ ...body, caseId: '00000001' }, 'DELETE'));
    });
  });

  describe('POST /note', () => {
    it('adds a note that updates the case', async () => {
      const target = api.control.listAll()[10];
      const note = await json<Record<string, unknown>>('/note', postJson({ caseId: target.caseNumber, subject: 'More logs', description: 'See attached.', contact: 'amara.okafor@umbrella.example' }), 201);
      assert.equal(note.caseId, target.caseNumber);
      assert.equal(note.subject, 'More logs');
      assert.match(String(note.addedDate), /\+0000$/);
      const detail = api.control.getCase(target.caseNumber) as FakeCaseDetail;
      assert.equal(detail.notes?.at(-1)?.description, 'See attached.');
      assert.equal(detail.modifiedDate, note.addedDate);
      assert.equal(api.control.listAll()[0].caseNumber, target.caseNumber);
    });

    it('accepts a multipart note with an attachment', async () => {
      const target = api.control.listAll()[3].caseNumber;
      const data = new FormData();
      data.append('initializer', new Blob([JSON.stringify({ caseId: target, subject: 'Logs', description: 'Attached.', contact: 'li.wei@umbrella.example' })], { type: 'application/json' }));
      data.append('attachment', new Blob(['line 1']), 'server.log');
      const note = await json<{ attachments: { id: string; name: string }[]; createdBy: { name: string } }>('/note', { method: 'POST', body: data }, 201);
      assert.equal(note.createdBy.name, 'Li Wei');
      assert.equal(note.attachments[0].name, 'server.log');
      const download = await call(`/attachment?caseId=${target}&attachmentId=${note.attachments[0].id}`);
      assert.equal(await download.text(), 'line 1');
      assert.equal(api.control.getCase(target)?.notes?.at(-1)?.noteAttachments?.[0].id, note.attachments[0].id);
    });

    it('validates lengths and refuses cases closed for more than 45 days', async () => {
      const target = api.control.listAll()[1].caseNumber;
      const base = { caseId: target, subject: 'x', description: 'y', contact: 'a@b.example' };
      assert.match(await expectError('/note', 400, 'BAD_REQUEST', postJson({ ...base, subject: 's'.repeat(101) })), /100/);
      assert.match(await expectError('/note', 400, 'BAD_REQUEST', postJson({ ...base, description: 'd'.repeat(4001) })), /4000/);
      assert.match(await expectError('/note', 400, 'BAD_REQUEST', postJson({ ...base, contact: 'not-an-email' })), /contact/);
      const old = new Date(Date.now() - 60 * DAY).toISOString().replace('Z', '+0000');
      api.control.upsertCase({ caseNumber: '01200000', status: 'Closed', closedDate: old, modifiedDate: old });
      await expectError('/note', 403, 'ACCESS_DENIED', postJson({ ...base, caseId: '01200000' }));
    });
  });

  describe('attachments, accounts and products', () => {
    it('downloads a seeded attachment and validates its parameters', async () => {
      const withAttachment = api.control.listAll().map((c) => api.control.getCase(c.caseNumber) as FakeCaseDetail).find((d) => (d.attachments ?? []).length > 0) as FakeCaseDetail;
      const attachment = (withAttachment.attachments ?? [])[0];
      const response = await call(`/attachment?caseId=${withAttachment.caseNumber}&attachmentId=${attachment.id}`);
      assert.equal(response.status, 200);
      const bytes = Buffer.from(await response.arrayBuffer());
      assert.equal(response.headers.get('content-length'), String(bytes.length));
      assert.ok(response.headers.get('content-disposition')?.includes(attachment.name));
      await expectError(`/attachment?caseId=${withAttachment.caseNumber}`, 400, 'BAD_REQUEST');
      await expectError(`/attachment?caseId=${withAttachment.caseNumber}&attachmentId=nope`, 404, 'NOT_FOUND');
    });

    it('lists accounts and their products, refusing unknown or missing sac', async () => {
      const accounts = await json<{ name: string; sac: string }[]>('/account');
      assert.ok(accounts.length >= 2 && accounts.every((a) => a.name && a.sac));
      const products = await json<{ id: string; name: string; versions: unknown[]; operatingSystems: unknown[] }[]>(`/product?sac=${accounts[0].sac}`);
      assert.ok(products.length > 0 && products.every((p) => p.versions.length > 0 && p.operatingSystems.length > 0));
      await expectError('/product', 400, 'BAD_REQUEST');
      await expectError('/product?sac=NOPE-1', 403, 'ACCESS_DENIED');
    });
  });

  describe('faults', () => {
    it('respond: sends exactly the given status, headers and raw body, N times', async () => {
      api.control.addFault({ target: 'listCases', kind: 'respond', status: 502, headers: { 'Content-Type': 'text/html' }, body: '<html><body>Bad gateway</body></html>', times: 1 });
      const html = await call('/case');
      assert.equal(html.status, 502);
      assert.equal(html.headers.get('content-type'), 'text/html');
      assert.equal(await html.text(), '<html><body>Bad gateway</body></html>');
      assert.ok(html.headers.get('x-troubleshooting-id'));
      assert.equal((await call('/case')).status, 200);

      api.control.addFault({ target: 'any', kind: 'respond', status: 429, headers: { 'Retry-After': '2', 'X-Troubleshooting-ID': null } });
      const limited = await call('/account');
      assert.equal(limited.status, 429);
      assert.equal(limited.headers.get('retry-after'), '2');
      assert.equal(limited.headers.get('x-troubleshooting-id'), null);
      api.control.clearFaults();

      api.control.addFault({ target: 'getCase', kind: 'respond', status: 503, caseNumber: '01999999' });
      const first = api.control.listAll()[0].caseNumber;
      assert.equal((await call(`/case/${first}`)).status, 200);
      const down = await json<{ code: string }>('/case/01999999', {}, 503);
      assert.equal(down.code, 'SERVICE_TEMPORARILY_UNAVAILABLE');
    });

    it('respond on the token endpoint sends OAuth errors', async () => {
      api.control.addFault({ target: 'token', kind: 'respond', status: 400, body: { error: 'invalid_grant', error_description: 'Account disabled' }, times: 1 });
      const response = await requestToken(form({ grant_type: 'client_credentials', client_id: 'demo-client', client_secret: 'demo-secret-1234567890' }));
      assert.equal(response.status, 400);
      assert.deepEqual(await response.json(), { error: 'invalid_grant', error_description: 'Account disabled' });
      assert.equal(api.control.faults().length, 0);
    });

    it('hang: never answers until the client gives up, and close() still returns', async () => {
      const hanging = await startFakeApi();
      try {
        hanging.control.addFault({ target: 'accounts', kind: 'hang' });
        await assert.rejects(fetch(`${hanging.apiBaseUrl}/account`, { signal: AbortSignal.timeout(300) }), /abort|timeout/i);
        // A second hanging request stays open while the server closes.
        void fetch(`${hanging.apiBaseUrl}/account`).catch(() => undefined);
        await until(() => hanging.control.stats().inFlight.accounts === 1, 'the accounts request to hang');
      } finally {
        await hanging.close();
      }
    });

    it('reset: sends headers and part of the body, then drops the connection', async () => {
      api.control.addFault({ target: 'listCases', kind: 'reset' });
      const response = await call('/case');
      assert.equal(response.status, 200);
      await assert.rejects(response.text());
    });

    it('truncated: 200 with cut JSON', async () => {
      api.control.addFault({ target: 'getCase', kind: 'truncated' });
      const response = await call(`/case/${api.control.listAll()[0].caseNumber}`);
      assert.equal(response.status, 200);
      const text = await response.text();
      assert.ok(text.startsWith('{"caseNumber"'));
      assert.throws(() => JSON.parse(text));
    });

    it('huge: streams valid JSON of the requested size, chunked or with Content-Length', async () => {
      api.control.addFault({ target: 'listCases', kind: 'huge', sizeBytes: 3_000_000, times: 1 });
      const chunked = await call('/case');
      assert.equal(chunked.headers.get('content-length'), null);
      const text = await chunked.text();
      assert.equal(Buffer.byteLength(text), 3_000_000);
      assert.ok(Array.isArray((JSON.parse(text) as { cases: unknown[] }).cases));
      api.control.addFault({ target: 'getCase', kind: 'huge', sizeBytes: 100_000, contentLength: true, times: 1 });
      const sized = await call('/case/01314580');
      assert.equal(sized.headers.get('content-length'), '100000');
      assert.equal(((await sized.json()) as { caseNumber: string }).caseNumber, '01314580');
    });

    it('delay: answers normally after the delay; stats show overlapping requests', async () => {
      api.control.addFault({ target: 'listCases', kind: 'delay', delayMs: 150 });
      const started = Date.now();
      await Promise.all([call('/case'), call('/case'), call('/case')].map(async (p) => assert.equal((await p).status, 200)));
      assert.ok(Date.now() - started >= 140);
      assert.equal(api.control.stats().maxConcurrent.listCases, 3);
      api.control.clearRequests();
      await call('/case');
      await call('/case');
      const stats = api.control.stats();
      assert.equal(stats.maxConcurrent.listCases, 1);
      assert.equal(stats.counts.listCases, 2);
    });
  });

  describe('controls', () => {
    it('records every request with raw query, headers and body', async () => {
      api.control.clearRequests();
      await call('/case?sort=-modifiedDate&limit=5', { headers: { 'x-test': 'yes' } });
      await requestToken(form({ grant_type: 'client_credentials', client_id: 'demo-client', client_secret: 'demo-secret-1234567890' }));
      const [list, tokenRequest] = api.control.requests();
      assert.equal(list.target, 'listCases');
      assert.equal(list.method, 'GET');
      assert.equal(list.path, '/sphere/api/v1/case');
      assert.equal(list.query, 'sort=-modifiedDate&limit=5');
      assert.equal(list.headers['x-test'], 'yes');
      assert.equal(list.headers.authorization, `Bearer ${token}`);
      assert.equal(list.status, 200);
      assert.ok((list.endedAt ?? 0) >= list.startedAt);
      assert.equal(tokenRequest.target, 'token');
      assert.match(tokenRequest.body, /grant_type=client_credentials/);
      assert.equal(api.control.requests('token').length, 1);
    });

    it('upserts and removes cases; reset restores the seed, faults and records', async () => {
      const updated = api.control.upsertCase({ caseNumber: api.control.listAll()[30].caseNumber, subject: 'Changed subject' });
      assert.equal(api.control.listAll()[0].subject, 'Changed subject');
      assert.equal(updated.status, api.control.getCase(updated.caseNumber)?.status);
      const added = api.control.upsertCase({ caseNumber: '01999999', subject: 'Brand new' });
      assert.equal(added.status, 'New');
      assert.equal(api.control.listAll()[0].caseNumber, '01999999');
      api.control.upsertCase({ caseNumber: '01999999', futureField: { nested: true } });
      assert.deepEqual((await json<Record<string, unknown>>('/case/01999999')).futureField, { nested: true });
      assert.equal(api.control.removeCase('01999999'), true);
      api.control.addFault({ target: 'any', kind: 'respond', status: 500 });
      api.control.reset();
      assert.equal(api.control.faults().length, 0);
      assert.equal(api.control.requests().length, 0);
      assert.equal(api.control.listAll().length, 57);
      assert.ok(api.control.listAll().every((c) => c.subject !== 'Changed subject'));
    });

    it('adds hostile cases: 09999999 on top, beacons recorded', async () => {
      const numbers = api.control.addHostileCases();
      assert.equal(numbers[0], '09999999');
      const top = api.control.listAll()[0];
      assert.equal(top.caseNumber, '09999999');
      assert.ok(top.subject.startsWith('<script'));
      const detail = await json<FakeCaseDetail>('/case/09999999');
      assert.ok(detail.description.length > 100_000);
      assert.ok(detail.description.includes('\u202E'));
      const strings = hostileStrings(api.origin);
      assert.ok(strings.includes(`<img src=x onerror=fetch('${api.origin}/__beacon/xss')>`));
      assert.ok(strings.some((s) => s.length === 100 * 1024));
      // Every hostile attachment name must still download with a valid header.
      for (const attachment of detail.attachments ?? []) {
        const response = await call(`/attachment?caseId=09999999&attachmentId=${attachment.id}`);
        assert.equal(response.status, 200);
        await response.arrayBuffer();
      }
      assert.deepEqual(api.control.beacons(), []);
      await fetch(`${api.origin}/__beacon/xss?x=1`);
      assert.equal(api.control.beacons()[0].path, '/__beacon/xss');
    });

    it('is driven over HTTP by FakeApiRemote', async () => {
      const remote = new FakeApiRemote(api.origin);
      assert.equal(await remote.healthy(), true);
      assert.equal((await remote.info()).clientId, 'demo-client');
      const id = await remote.addFault({ target: 'accounts', kind: 'respond', status: 503 });
      assert.equal((await call('/account')).status, 503);
      assert.equal((await remote.faults())[0].id, id);
      await remote.removeFault(id);
      assert.equal((await call('/account')).status, 200);
      assert.equal((await remote.stats()).counts.accounts, 2);
      assert.equal((await remote.requests('accounts')).length, 2);
      await remote.upsertCase({ caseNumber: '01999998', subject: 'Via HTTP' });
      assert.equal((await remote.listAll())[0].subject, 'Via HTTP');
      assert.equal((await remote.getCase('01999998'))?.subject, 'Via HTTP');
      assert.equal(await remote.getCase('00000000'), undefined);
      assert.deepEqual(await remote.addHostileCases().then((n) => n[0]), '09999999');
      await remote.revokeTokens();
      assert.equal((await call('/account')).status, 401);
      await remote.setCredentials({ clientSecret: 'other' });
      assert.equal((await remote.info()).clientSecret, 'other');
      await remote.setTokenLifetime(60);
      await remote.setCaseCount(3);
      assert.equal((await remote.listAll()).length, 3);
      await assert.rejects(remote.addFault({ target: 'nope', kind: 'hang' } as never), /400/);
      await remote.reset();
      assert.equal((await remote.listAll()).length, 57);
      assert.equal((await remote.info()).clientSecret, 'demo-secret-1234567890');
    });
  });

  describe('cli', () => {
    it('prints one JSON line and stops on SIGTERM', async () => {
      const child = spawn(process.execPath, [path.join(__dirname, '..', 'fake-api', 'cli.js'), '--cases', '5'], { stdio: ['ignore', 'pipe', 'inherit'] });
      try {
        const line = await new Promise<string>((resolve, reject) => {
          createInterface({ input: child.stdout }).once('line', resolve);
          child.once('exit', () => reject(new Error('cli exited early')));
        });
        const info = JSON.parse(line) as { origin: string; tokenUrl: string; apiBaseUrl: string; clientId: string; clientSecret: string };
        assert.match(info.origin, /^http:\/\/127\.0\.0\.1:\d+$/);
        assert.equal(info.apiBaseUrl, `${info.origin}/sphere/api/v1`);
        assert.equal(info.clientId, 'demo-client');
        assert.equal((await new FakeApiRemote(info.origin).listAll()).length, 5);
        const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
        child.kill('SIGTERM');
        assert.equal(await exited, 0);
      } finally {
        if (child.exitCode === null) {
          child.kill('SIGKILL');
        }
      }
    });
  });
});
