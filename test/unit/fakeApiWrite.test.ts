// The fake Support API's write methods and their fault controls (issue 8), over real HTTP and through the remote
// control client other suites use: multipart rules (busboy), body rules, and each fault a write test relies on.
import * as assert from 'node:assert/strict';
import { fakeAccessToken, FakeApiRemote } from '../fake-api/client';
import { HOSTILE_FILE_NAMES } from '../fake-api/hostile';
import { startFakeApi, type FakeApi, type FakeCaseDetail } from '../fake-api/server';

const MB = 1024 * 1024;
const CONTACT = 'dana.whitfield@globex.example';

describe('fake Support API: writes, uploads and their faults', function () {
  this.timeout(60_000);
  let api: FakeApi;
  let remote: FakeApiRemote;
  let token: string;

  before(async () => {
    api = await startFakeApi();
    remote = new FakeApiRemote(api.origin);
  });
  after(async () => {
    await api.close();
  });
  beforeEach(async () => {
    await remote.reset();
    token = await fakeAccessToken(api);
  });

  function call(pathAndQuery: string, init: RequestInit = {}): Promise<Response> {
    return fetch(api.apiBaseUrl + pathAndQuery, { ...init, headers: { authorization: `Bearer ${token}`, ...(init.headers as Record<string, string> | undefined) } });
  }

  async function expect400(pathAndQuery: string, init: RequestInit, pattern: RegExp): Promise<void> {
    const response = await call(pathAndQuery, init);
    const body = (await response.json()) as { code: string; message: string };
    assert.equal(response.status, 400, body.message);
    assert.equal(body.code, 'BAD_REQUEST');
    assert.match(body.message, pattern);
  }

  function initializer(value: unknown, type = 'application/json'): Blob {
    return new Blob([JSON.stringify(value)], { type });
  }

  async function openCase(): Promise<string> {
    const found = (await remote.listAll()).find((c) => c.status !== 'Closed');
    assert.ok(found);
    return found.caseNumber;
  }

  const validCase = {
    sac: 'GLBX-40217', contact: CONTACT, subject: 'Gateway rejects large payloads', description: 'Requests above 10 MB fail with 413.',
    product: { id: 'a0P5J000000APIGW', os: { id: 'a0O5J000001LnxAAE' }, version: { id: 'a0V5J0000GW001' } },
    environment: 'Production', impact: '2 - High', urgency: '1 - High'
  };

  it('refuses multipart bodies that break the rules, creating nothing', async () => {
    const caseId = await openCase();
    const note = { caseId, subject: 's', description: 'd', contact: CONTACT };
    const cases = [
      { parts: [['attachment', new Blob(['x']), 'a.txt']], pattern: /exactly one 'initializer' part, got 0/ },
      { parts: [['initializer', initializer(note)], ['initializer', initializer(note)]], pattern: /exactly one 'initializer' part, got 2/ },
      { parts: [['initializer', initializer(note, 'text/plain')]], pattern: /'initializer' part must have Content-Type application\/json/ },
      { parts: [['initializer', initializer(note)], ['attachment', 'no file name']], pattern: /needs a filename/ },
      { parts: [['initializer', initializer(note)], ['attachment', new Blob([]), 'empty.log']], pattern: /'empty\.log' is empty/ },
      { parts: [['initializer', initializer(note)], ['other', 'x']], pattern: /Unknown multipart part 'other'/ },
      { parts: [['initializer', initializer(note)], ...Array.from({ length: 6 }, (_, i) => ['attachment', new Blob(['x']), `f${i}.txt`])], pattern: /At most 5 attachments are allowed, got 6/ }
    ] as const;
    for (const { parts, pattern } of cases) {
      const data = new FormData();
      for (const [name, value, filename] of parts as readonly (readonly [string, string | Blob, string?])[]) {
        if (typeof value === 'string') {
          data.append(name, value);
        } else {
          data.append(name, value, filename);
        }
      }
      await expect400('/note', { method: 'POST', body: data }, pattern);
    }
    await expect400('/note', { method: 'POST', headers: { 'content-type': 'multipart/form-data; boundary=x' }, body: '--x\r\nbroken' }, /Malformed multipart/);
    assert.equal((await remote.getCase(caseId))?.notes?.filter((n) => n.subject === 's').length ?? 0, 0);
  });

  it('accepts exactly 20 MB per part and refuses one byte more', async () => {
    const caseId = await openCase();
    const note = { caseId, subject: 'Big', description: 'd', contact: CONTACT };
    const exact = new FormData();
    exact.append('initializer', initializer(note));
    exact.append('attachment', new Blob([new Uint8Array(20 * MB)]), 'exact.bin');
    const ok = await call('/note', { method: 'POST', body: exact });
    assert.equal(ok.status, 201, await ok.clone().text());
    const stored = (await ok.json()) as { attachments: { id: string }[] };
    assert.equal((await remote.attachmentInfo(caseId, stored.attachments[0].id))?.size, 20 * MB);
    const over = new FormData();
    over.append('initializer', initializer(note));
    over.append('attachment', new Blob([new Uint8Array(20 * MB + 1)]), 'over.bin');
    await expect400('/note', { method: 'POST', body: over }, /'over\.bin' is larger than 20 MB/);
  });

  it('keeps uploaded file names and bytes exactly, UTF-8 included', async () => {
    const caseId = await openCase();
    const data = new FormData();
    data.append('initializer', initializer({ caseId, subject: 'Names', description: 'd', contact: CONTACT }));
    data.append('attachment', new Blob(['grüße'], { type: 'text/plain' }), 'Grüße ✓.log');
    const response = await call('/note', { method: 'POST', body: data });
    const note = (await response.json()) as { attachments: { id: string; name: string }[] };
    assert.equal(note.attachments[0].name, 'Grüße ✓.log');
    const info = await remote.attachmentInfo(caseId, note.attachments[0].id);
    assert.equal(info?.size, Buffer.byteLength('grüße'));
    assert.equal(info?.contentType, 'text/plain');
  });

  it('validates create-case bodies as documented', async () => {
    const post = (body: unknown): RequestInit => ({ method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    await expect400('/case', post({ ...validCase, impact: '1 - Critical' }), /'impact' must be one of '2 - High', '3 - Medium', '4 - Low'/);
    await expect400('/case', post({ ...validCase, impact: '5' }), /impact/);
    await expect400('/case', post({ ...validCase, targetDate: '2031-01-01' }), /only allowed for Business Service Requests/);
    await expect400('/case', post({ ...validCase, type: 'Business Service Request', targetDate: '2031-02-30' }), /YYYY-MM-DD/);
    await expect400('/case', post({ ...validCase, type: 'Business Service Request', targetDate: '01/02/2031' }), /YYYY-MM-DD/);
    await expect400('/case', post({ ...validCase, ccEmails: ['ok@example.com', 'not an e-mail'] }), /ccEmails/);
    await expect400('/case', post({ ...validCase, contact: 'nobody' }), /contact/);
    await expect400('/case', post({ ...validCase, product: { ...validCase.product, os: { id: 'nope' } } }), /product\.os\.id/);
    // API Gateway is a product of GLBX-40217, not of INTC-11873.
    await expect400('/case', post({ ...validCase, sac: 'INTC-11873', contact: 'someone@initech.example' }), /'product\.id' 'a0P5J000000APIGW' is not a product of account 'INTC-11873'/);
    for (const field of ['sac', 'contact', 'subject', 'description', 'environment', 'urgency']) {
      const body: Record<string, unknown> = { ...validCase };
      delete body[field];
      await expect400('/case', post(body), new RegExp(`'${field}'`));
    }
    const created = (await (await call('/case', post({ ...validCase, type: 'Business Service Request', targetDate: '2031-02-28' }))).json()) as FakeCaseDetail;
    assert.equal(created.targetDate, '2031-02-28');
  });

  it('closes a case with a closing note; the list and the detail show it', async () => {
    const caseId = await openCase();
    const response = await call('/case', { method: 'DELETE', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ caseId, subject: 'Done', description: 'Solved.', contact: CONTACT }) });
    assert.equal(response.status, 200);
    const detail = await remote.getCase(caseId);
    assert.equal(detail?.status, 'Closed');
    assert.ok(detail?.closedDate);
    assert.equal(detail?.notes?.at(-1)?.subject, 'Done');
    assert.equal((await remote.listAll())[0].caseNumber, caseId);
  });

  it('dropAfterStore: stores the note, then drops the connection without an answer', async () => {
    const caseId = await openCase();
    await remote.addFault({ target: 'addNote', kind: 'dropAfterStore', caseNumber: caseId, times: 1 });
    await assert.rejects(call('/note', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ caseId, subject: 'Dropped', description: 'd', contact: CONTACT }) }));
    assert.equal((await remote.getCase(caseId))?.notes?.at(-1)?.subject, 'Dropped');
    assert.equal(await remote.count('addNote'), 1);
    assert.equal((await remote.requests('addNote'))[0].aborted, true);
  });

  it('partialCreate: creates the case without its attachments and answers 500 naming it', async () => {
    await remote.addFault({ target: 'createCase', kind: 'partialCreate', times: 1 });
    const data = new FormData();
    data.append('initializer', initializer(validCase));
    data.append('attachment', new Blob(['plan']), 'plan.txt');
    const response = await call('/case', { method: 'POST', body: data });
    assert.equal(response.status, 500);
    const body = (await response.json()) as { code: string; message: string };
    assert.equal(body.code, 'SERVER_ERROR');
    const created = (await remote.listAll())[0].caseNumber;
    assert.match(body.message, new RegExp(`^Case ${created} was created, but its attachments could not be stored`));
    assert.deepEqual((await remote.getCase(created))?.attachments, []);
  });

  it('shortBody: announces the full Content-Length, sends less and closes', async () => {
    const caseId = await openCase();
    const data = new FormData();
    data.append('initializer', initializer({ caseId, subject: 's', description: 'd', contact: CONTACT }));
    data.append('attachment', new Blob([new Uint8Array(100_000)]), 'file.bin');
    const note = (await (await call('/note', { method: 'POST', body: data })).json()) as { attachments: { id: string }[] };
    await remote.addFault({ target: 'attachment', kind: 'shortBody', fraction: 0.25, times: 1 });
    const response = await call(`/attachment?caseId=${caseId}&attachmentId=${note.attachments[0].id}`);
    assert.equal(response.headers.get('content-length'), '100000');
    assert.match(response.headers.get('content-disposition') ?? '', /filename="file\.bin"/);
    await assert.rejects(response.arrayBuffer());
  });

  it('slowUpload: reads the body at the given rate, then acts normally', async () => {
    const caseId = await openCase();
    await remote.addFault({ target: 'addNote', kind: 'slowUpload', bytesPerSecond: 512 * 1024, times: 1 });
    const data = new FormData();
    data.append('initializer', initializer({ caseId, subject: 'Slow', description: 'd', contact: CONTACT }));
    data.append('attachment', new Blob([new Uint8Array(MB)]), 'slow.bin');
    const started = Date.now();
    const response = await call('/note', { method: 'POST', body: data });
    assert.equal(response.status, 201);
    assert.ok(Date.now() - started >= 1500, `took ${Date.now() - started} ms`);
  });

  it('the 45-day rule: seeded cases closed long ago refuse notes; the toggle forces or lifts it', async () => {
    const post = (caseId: string): Promise<Response> =>
      call('/note', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ caseId, subject: 's', description: 'd', contact: CONTACT }) });
    const [old] = await remote.closedLongAgo();
    assert.ok(old);
    const refused = await post(old);
    assert.equal(refused.status, 403);
    assert.deepEqual(await refused.json(), { code: 'ACCESS_DENIED', message: `Case '${old}' has been closed for more than 45 days; notes can no longer be added.` });
    await remote.setClosedTooLong('always');
    assert.equal((await post(await openCase())).status, 403);
    await remote.setClosedTooLong('never');
    assert.equal((await post(old)).status, 201);
    await remote.reset();
    assert.equal((await post(old)).status, 403);
  });

  it('hostile attachment names: stored as given and downloadable with Content-Disposition and Content-Length', async () => {
    const caseId = await openCase();
    const added = await remote.addHostileAttachments(caseId);
    assert.deepEqual(added.map((a) => a.name), [...HOSTILE_FILE_NAMES]);
    const detail = await remote.getCase(caseId);
    assert.ok(detail?.attachments?.some((a) => a.name === HOSTILE_FILE_NAMES[0]));
    assert.ok(detail?.notes?.at(-1)?.noteAttachments?.some((a) => a.name === HOSTILE_FILE_NAMES.at(-1)));
    for (const attachment of added) {
      const response = await call(`/attachment?caseId=${caseId}&attachmentId=${attachment.id}`);
      assert.equal(response.status, 200, attachment.name);
      const bytes = Buffer.from(await response.arrayBuffer());
      assert.equal(response.headers.get('content-length'), String(bytes.length));
      assert.match(response.headers.get('content-disposition') ?? '', /^attachment; filename="[^"]*"; filename\*=UTF-8''/);
    }
  });

  it('counts requests per kind for tests', async () => {
    await call('/account');
    await call('/account');
    await call(`/product?sac=${validCase.sac}`);
    const counts = await remote.counts();
    assert.equal(counts.accounts, 2);
    assert.equal(counts.products, 1);
    assert.equal(counts.addNote, 0);
    assert.equal(counts.token, 1);
  });
});
