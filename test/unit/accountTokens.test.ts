// Per-account token clients against the fake API, which serves each client id its own cases and records whose token
// every request carried: two accounts used at once never send (nor cache) each other's token.
import * as assert from 'assert';
import type { ApiError } from '../../src/api/errors';
import { createNetwork } from '../../src/api/index';
import type { Credentials } from '../../src/api/types';
import { useFakeApi } from './support/fixture';
import { assertEvery } from '../support/every';

const SECOND: Credentials = { clientId: 'second-service-account', clientSecret: 'second-secret-value-123' };

describe('per-account token clients', () => {
  const f = useFakeApi();

  const networkOf = (credentials: () => Credentials | undefined, onRejected?: (c: Credentials, e: ApiError) => void): ReturnType<typeof createNetwork> =>
    createNetwork({
      tokenUrl: f.fake.tokenUrl,
      apiBaseUrl: f.fake.apiBaseUrl,
      logger: f.logger,
      credentials: () => Promise.resolve(credentials()),
      onStoredCredentialsRejected: onRejected
    });

  it('never mix: interleaved calls of two accounts each carry their own token and get their own cases', async () => {
    f.fake.control.addSecretClient(SECOND.clientId, SECOND.clientSecret ?? '', 9);
    const first = networkOf(() => ({ clientId: f.fake.clientId, clientSecret: f.fake.clientSecret }));
    const second = networkOf(() => SECOND);
    const calls = Array.from({ length: 12 }, (_, i) => (i % 2 === 0 ? first : second).api.listCases({ limit: 20 }).then((page) => ({ i, page })));
    const answers = await Promise.all(calls);
    for (const { i, page } of answers) {
      assert.ok(page.cases.length > 0, `call ${i} got no cases`);
      const fromSecond: boolean = page.cases.every((c): boolean => (c.subject ?? '').startsWith(`${SECOND.clientId}: `));
      assert.strictEqual(fromSecond, i % 2 === 1, `call ${i} got the other account's cases`);
    }
    const lists = f.fake.control.requests('listCases');
    assert.strictEqual(lists.length, 12);
    const byClient = (id: string): number => lists.filter((r) => r.clientId === id).length;
    assert.deepStrictEqual([byClient(f.fake.clientId), byClient(SECOND.clientId)], [6, 6]);
    // One token per account, each shared by that account's concurrent calls.
    const tokens = f.fake.control.requests('token');
    assert.strictEqual(tokens.length, 2);
    assert.deepStrictEqual(tokens.map((t) => new URLSearchParams(t.body).get('client_id')).sort(), [f.fake.clientId, SECOND.clientId].sort());
    const bearer = (id: string): Set<string | undefined> => new Set(lists.filter((r) => r.clientId === id).map((r) => r.headers.authorization));
    assert.strictEqual(bearer(f.fake.clientId).size, 1);
    assert.strictEqual(bearer(SECOND.clientId).size, 1);
    assert.notDeepStrictEqual([...bearer(f.fake.clientId)], [...bearer(SECOND.clientId)]);
  });

  it('a refused pair is reported for its own account only; the other keeps working with its token', async () => {
    f.fake.control.addSecretClient(SECOND.clientId, 'rotated-on-the-platform', 3);
    const refused: string[] = [];
    const first = networkOf(() => ({ clientId: f.fake.clientId, clientSecret: f.fake.clientSecret }), (c) => refused.push(c.clientId));
    const second = networkOf(() => SECOND, (c) => refused.push(c.clientId));
    const [a, b] = await Promise.allSettled([first.api.listCases({ limit: 5 }), second.api.listCases({ limit: 5 })]);
    assert.strictEqual(a.status, 'fulfilled');
    assert.strictEqual(b.status, 'rejected');
    assert.strictEqual((b as PromiseRejectedResult).reason instanceof Error && ((b as PromiseRejectedResult).reason as ApiError).kind, 'credentialsRejected');
    assert.deepStrictEqual(refused, [SECOND.clientId]);
    await first.api.listCases({ limit: 5 });
    assertEvery(f.fake.control.requests('listCases'), (r) => r.clientId === f.fake.clientId, 'list requests');
  });
});
