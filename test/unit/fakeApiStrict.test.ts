// Where the real Support API is strict, the fake must be as strict, or a client bug passes every test: an account the
// caller was never given is refused with 403 ACCESS_DENIED, and a query parameter a method does not know (a typo such
// as `offest=40`) is refused with 400 BAD_REQUEST instead of being ignored.
import * as assert from 'node:assert/strict';
import { ACCOUNTS } from '../fake-api/catalog';
import { fakeAccessToken } from '../fake-api/client';
import type { FakeApi } from '../fake-api/server';
import { useStartedFake } from './support/fixture';

const CONTACT = 'dana.whitfield@globex.example';
const [GLOBEX, INITECH] = ACCOUNTS;

/** A case initializer the fake accepts for Globex; `sac` is swapped per test. */
const validCase = {
  sac: GLOBEX.sac, contact: CONTACT, subject: 'Gateway rejects large payloads', description: 'Requests above 10 MB fail with 413.',
  product: { id: 'a0P5J000000APIGW', os: { id: 'a0O5J000001LnxAAE' }, version: { id: 'a0V5J0000GW001' } },
  environment: 'Production', impact: '2 - High', urgency: '1 - High'
};

interface Answer {
  status: number;
  body: { code?: string; message?: string } & Record<string, unknown>;
}

describe('fake Support API: as strict as the real one', function () {
  this.timeout(30_000);
  let api: FakeApi;
  let token: string;

  useStartedFake((fake) => {
    api = fake;
  });
  beforeEach(async () => {
    token = await fakeAccessToken(api);
  });

  async function call(pathAndQuery: string, init: RequestInit = {}): Promise<Answer> {
    const response = await fetch(api.apiBaseUrl + pathAndQuery, { ...init, headers: { authorization: `Bearer ${token}`, ...(init.headers as Record<string, string> | undefined) } });
    return { status: response.status, body: (await response.json()) as Answer['body'] };
  }
  const postJson = (path: string, body: unknown, method = 'POST'): Promise<Answer> =>
    call(path, { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

  describe('accounts the caller was never given', () => {
    it('POST /case for an account GET /account did not return is 403 ACCESS_DENIED and creates nothing', async () => {
      api.control.setAccounts([GLOBEX.sac]);
      const listed = await call('/account');
      assert.deepEqual((listed.body as unknown as { sac: string }[]).map((a) => a.sac), [GLOBEX.sac]);
      const before = api.control.listAll().length;
      const refused = await postJson('/case', { ...validCase, sac: INITECH.sac, product: { id: 'a0P5J000000B2BI0', os: { id: 'a0O5J000001LnxAAE' }, version: { id: 'a0V5J0000B2001' } } });
      assert.equal(refused.status, 403, refused.body.message);
      assert.equal(refused.body.code, 'ACCESS_DENIED');
      assert.match(refused.body.message ?? '', new RegExp(INITECH.sac));
      assert.equal(api.control.listAll().length, before, 'no case was created');
      // The caller's own account still works, so the 403 is about the account and nothing else.
      const created = await postJson('/case', validCase);
      assert.equal(created.status, 201, created.body.message);
    });

    it('GET /product for an account GET /account did not return is 403 ACCESS_DENIED; its own account answers', async () => {
      api.control.setAccounts([GLOBEX.sac]);
      const refused = await call(`/product?sac=${INITECH.sac}`);
      assert.equal(refused.status, 403, refused.body.message);
      assert.equal(refused.body.code, 'ACCESS_DENIED');
      const own = await call(`/product?sac=${GLOBEX.sac}`);
      assert.equal(own.status, 200);
      assert.ok(Array.isArray(own.body) && own.body.length > 0);
    });
  });

  describe('query parameters a method does not know', () => {
    it('GET /case?offest=40 (a typo of offset) is 400 BAD_REQUEST naming the parameter, not the first page', async () => {
      const answer = await call('/case?limit=20&offest=40');
      assert.equal(answer.status, 400, JSON.stringify(answer.body).slice(0, 200));
      assert.equal(answer.body.code, 'BAD_REQUEST');
      assert.match(answer.body.message ?? '', /Unknown parameter 'offest'; allowed: limit, offset, sort, query/);
      // The parameters it knows are still served.
      const page = await call('/case?limit=5&offset=40');
      assert.equal(page.status, 200);
      assert.equal(page.body.offset, 40);
    });

    const refusals: [string, () => Promise<Answer>][] = [
      ['GET /case/{n}', async () => call(`/case/${api.control.listAll()[0].caseNumber}?expand=notes`)],
      ['GET /account', async () => call('/account?all=true')],
      ['GET /product', async () => call(`/product?sac=${GLOBEX.sac}&lang=en`)],
      ['GET /attachment', async () => call('/attachment?caseId=01314580&attachmentId=x&download=1')],
      ['POST /case', async () => postJson('/case?draft=1', validCase)],
      ['POST /note', async () => postJson('/note?notify=false', { caseId: api.control.listAll()[0].caseNumber, subject: 's', description: 'd', contact: CONTACT })],
      ['DELETE /case', async () => postJson('/case?force=1', { caseId: api.control.listAll()[0].caseNumber, subject: 's', description: 'd', contact: CONTACT }, 'DELETE')]
    ];
    for (const [method, send] of refusals) {
      it(`${method} with an unknown query parameter is 400 BAD_REQUEST and changes nothing`, async () => {
        const before = JSON.stringify(api.control.listAll());
        const answer = await send();
        assert.equal(answer.status, 400, JSON.stringify(answer.body).slice(0, 200));
        assert.equal(answer.body.code, 'BAD_REQUEST');
        assert.match(answer.body.message ?? '', /Unknown parameter '\w+'/);
        assert.equal(JSON.stringify(api.control.listAll()), before, 'nothing was written');
      });
    }
  });
});
