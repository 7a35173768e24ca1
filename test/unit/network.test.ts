import * as assert from 'assert';
import { useFakeApi } from './support/fixture';
import { createNetwork } from '../../src/api/index';

describe('createNetwork', () => {
  const f = useFakeApi();

  function build(): ReturnType<typeof createNetwork> {
    return createNetwork({
      tokenUrl: f.fake.tokenUrl,
      apiBaseUrl: f.fake.apiBaseUrl,
      logger: f.logger,
      credentials: async () => ({ clientId: f.fake.clientId, clientSecret: f.fake.clientSecret })
    });
  }

  it('wires the API service to the token client so both share one cached token', async () => {
    const { api, tokens } = build();
    await api.listCases({});
    await api.getCase(f.fake.control.listAll()[0].caseNumber);
    const token = await tokens.getToken();
    assert.strictEqual(f.fake.control.stats().counts.token, 1);
    const auth = f.fake.control.requests().filter((r) => r.target !== 'token').map((r) => r.headers.authorization);
    assert.deepStrictEqual(auth, [`Bearer ${token}`, `Bearer ${token}`]);
  });

  it('verifying a candidate pair neither caches its token nor disturbs the signed-in one', async () => {
    const { api, tokens } = build();
    await api.listCases({});
    await tokens.requestToken({ clientId: f.fake.clientId, clientSecret: f.fake.clientSecret });
    await api.listCases({});
    const auth = new Set(f.fake.control.requests('listCases').map((r) => r.headers.authorization));
    assert.strictEqual(auth.size, 1);
  });

  it('clear() (sign-out) makes the next call fetch a new token', async () => {
    const { api, tokens } = build();
    await api.listCases({});
    tokens.clear();
    await api.listCases({});
    assert.strictEqual(f.fake.control.stats().counts.token, 2);
  });
});
