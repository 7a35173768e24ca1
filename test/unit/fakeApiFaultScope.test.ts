// The fake Support API's faults scoped to one service account: the integration suites fail one account's list while
// the other's keeps answering, so the scoping itself must be exact (and refuse a malformed client id).
import * as assert from 'assert';
import { SupportApi } from '../../src/api/supportApi';
import { TokenClient } from '../../src/api/tokenClient';
import { useFakeApi } from './support/fixture';

const SECOND = { clientId: 'scoped-second-account', clientSecret: 'scoped-second-secret-1' };

describe('fake Support API: a fault scoped to one service account', () => {
  const fx = useFakeApi();

  function apiAs(credentials: { clientId: string; clientSecret: string }): SupportApi {
    const tokens = new TokenClient({ tokenUrl: fx.fake.tokenUrl, logger: fx.logger, credentials: async () => credentials });
    return new SupportApi({ baseUrl: fx.fake.apiBaseUrl, tokens, logger: fx.logger });
  }

  it('fails only that account\'s requests, as often as asked, and leaves the other account\'s alone', async () => {
    fx.fake.control.addSecretClient(SECOND.clientId, SECOND.clientSecret, 3);
    const first = apiAs({ clientId: fx.fake.clientId, clientSecret: fx.fake.clientSecret });
    const second = apiAs(SECOND);
    fx.fake.control.addFault({ target: 'listCases', kind: 'respond', status: 500, clientId: SECOND.clientId, times: 1 });
    assert.ok((await first.listCases({ limit: 1 })).cases.length > 0, 'the first account is answered');
    await assert.rejects(second.listCases({ limit: 1 }), (err: Error & { status?: number }) => err.status === 500 || /500/.test(err.message));
    assert.strictEqual((await second.listCases({ limit: 1 })).cases.length, 1, 'times: 1 fails once');
  });

  it('refuses a fault whose clientId is not a non-empty string', () => {
    assert.throws(() => fx.fake.control.addFault({ target: 'listCases', kind: 'respond', status: 500, clientId: '' }), /clientId/);
  });
});
