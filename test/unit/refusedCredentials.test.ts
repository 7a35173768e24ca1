// A stored pair the token endpoint refuses, however the server words it, is reported once to the extension (which
// removes it) and never again for a candidate checked at sign-in. Against the fake API's three refusal styles.
import * as assert from 'assert';
import type { ApiError } from '../../src/api/errors';
import type { Credentials } from '../../src/api/types';
import { TOKEN_REJECTIONS } from '../fake-api/types';
import { rejectsWith, useFakeApi } from './support/fixture';

describe('refused credentials', () => {
  const f = useFakeApi();

  for (const rejectAs of TOKEN_REJECTIONS) {
    it(`${rejectAs}: the token endpoint's refusal maps to credentialsRejected and is reported once for concurrent callers`, async () => {
      const stored = { clientId: f.fake.clientId, clientSecret: f.fake.clientSecret };
      f.fake.control.setCredentials({ clientSecret: 'rotated-on-the-platform', rejectAs });
      const reported: { credentials: Credentials; error: ApiError }[] = [];
      const tokens = f.tokens({ credentials: async () => stored, onStoredCredentialsRejected: (credentials, error) => reported.push({ credentials, error }) });
      const results = await Promise.allSettled(Array.from({ length: 10 }, () => tokens.getToken()));
      assert.ok(results.every((r) => r.status === 'rejected' && (r.reason as ApiError).kind === 'credentialsRejected'));
      assert.strictEqual(f.fake.control.requests('token').length, 1, 'one request shared by all callers');
      assert.strictEqual(reported.length, 1);
      assert.strictEqual(reported[0].credentials.clientId, f.fake.clientId);
      assert.strictEqual(reported[0].error.status, 401);
      if (rejectAs === 'json401') {
        assert.strictEqual(reported[0].error.code, undefined);
      } else {
        assert.strictEqual(reported[0].error.code, rejectAs);
      }
    });
  }

  it('a candidate refused at sign-in is not reported as the stored pair', async () => {
    f.fake.control.setCredentials({ rejectAs: 'unauthorized_client' });
    let reported = 0;
    const tokens = f.tokens({ onStoredCredentialsRejected: () => reported++ });
    const err = await rejectsWith(tokens.requestToken({ clientId: f.fake.clientId, clientSecret: 'typo' }), 'credentialsRejected');
    assert.match(err.message, /Invalid client secret/);
    assert.strictEqual(reported, 0);
  });

  it('keeps no secret after a request: only requests in flight are scrubbed', async () => {
    const tokens = f.tokens();
    await tokens.requestToken({ clientId: f.fake.clientId, clientSecret: f.fake.clientSecret });
    await rejectsWith(tokens.requestToken({ clientId: f.fake.clientId, clientSecret: 'failed-secret-xyz' }), 'credentialsRejected');
    const held = JSON.stringify(Object.values(tokens as unknown as Record<string, unknown>).map((v) => (v && typeof v === 'object' && 'values' in v ? (v as { values(): unknown }).values() : null)));
    assert.ok(!held.includes('failed-secret-xyz'), held);
    assert.ok(!held.includes(f.fake.clientSecret), held);
  });
});
