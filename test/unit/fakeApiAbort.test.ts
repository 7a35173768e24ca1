// The fake Support API records whether a client gave up on a request: the case-tab tests prove cancellation by it.

import * as assert from 'node:assert/strict';
import { fakeAccessToken } from '../fake-api/client';
import { startFakeApi, type FakeApi } from '../fake-api/server';
import { untilFound } from './support/wait';

describe('fake Support API: aborted requests', () => {
  let api: FakeApi;
  let token: string;

  before(async () => {
    api = await startFakeApi();
    token = await fakeAccessToken(api);
  });

  after(() => api.close());

  it('marks a hanging request aborted when the client cancels it, and a completed one not', async () => {
    api.control.reset();
    const [first, second] = api.control.listAll();
    api.control.addFault({ target: 'getCase', kind: 'hang', caseNumber: first.caseNumber });
    const controller = new AbortController();
    const hanging = fetch(`${api.apiBaseUrl}/case/${first.caseNumber}`, { headers: { authorization: `Bearer ${token}` }, signal: controller.signal });
    const seen = await untilFound(() => api.control.requests('getCase').find((r) => r.path.endsWith(first.caseNumber)), 'the hanging request to arrive');
    assert.equal(seen.aborted, undefined, 'in flight, not aborted yet');

    const done = await fetch(`${api.apiBaseUrl}/case/${second.caseNumber}`, { headers: { authorization: `Bearer ${token}` } });
    assert.equal(done.status, 200);
    await done.arrayBuffer();

    controller.abort();
    await assert.rejects(hanging, { name: 'AbortError' });
    const aborted = await untilFound(() => api.control.requests('getCase').find((r) => r.path.endsWith(first.caseNumber) && r.aborted === true), 'the abort to be recorded');
    assert.equal(aborted.status, 0);
    const completed = api.control.requests('getCase').find((r) => r.path.endsWith(second.caseNumber));
    assert.equal(completed?.status, 200);
    assert.equal(completed?.aborted, undefined);
  });
});
