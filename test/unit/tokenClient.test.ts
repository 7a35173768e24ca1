import * as assert from 'assert';
import { rejectsWith, useFakeApi } from './support/fixture';

describe('TokenClient', () => {
  const f = useFakeApi();

  it('requests a token with a form-encoded client-credentials body', async () => {
    const issued = await f.tokens().requestToken({ clientId: f.fake.clientId, clientSecret: f.fake.clientSecret });
    assert.ok(issued.accessToken.length > 20);
    const [request] = f.fake.control.requests('token');
    assert.strictEqual(request.method, 'POST');
    assert.match(request.headers['content-type'], /^application\/x-www-form-urlencoded/);
    const form = new URLSearchParams(request.body);
    assert.strictEqual(form.get('grant_type'), 'client_credentials');
    assert.strictEqual(form.get('client_id'), f.fake.clientId);
    assert.strictEqual(form.get('client_secret'), f.fake.clientSecret);
    assert.strictEqual(form.get('scope'), 'openid');
  });

  it('verifies a pair without caching it: a rejected pair gives the error_description', async () => {
    const tokens = f.tokens();
    const err = await rejectsWith(tokens.requestToken({ clientId: f.fake.clientId, clientSecret: 'wrong-secret-value' }), 'credentialsRejected');
    assert.strictEqual(err.code, 'invalid_client');
    assert.strictEqual(err.status, 401);
    assert.match(err.message, /Invalid client or Invalid client credentials/);
    assert.ok(!err.message.includes('wrong-secret-value'));
    assert.ok(!f.logger.text().includes('wrong-secret-value'));
  });

  it('caches the token until expires_in minus the safety margin', async () => {
    let now = 1_000_000;
    f.fake.control.setTokenLifetime(1800);
    const tokens = f.tokens({ now: () => now, safetyMarginMs: 60_000 });
    const first = await tokens.getToken();
    now += (1800 - 60) * 1000 - 1;
    assert.strictEqual(await tokens.getToken(), first);
    assert.strictEqual(f.fake.control.stats().counts.token, 1);
    now += 1;
    const second = await tokens.getToken();
    assert.notStrictEqual(second, first);
    assert.strictEqual(f.fake.control.stats().counts.token, 2);
  });

  it('caps the margin at half the lifetime so short-lived tokens are still cached', async () => {
    let now = 0;
    f.fake.control.setTokenLifetime(30);
    const tokens = f.tokens({ now: () => now });
    const first = await tokens.getToken();
    now += 14_999;
    assert.strictEqual(await tokens.getToken(), first);
    now += 1;
    assert.notStrictEqual(await tokens.getToken(), first);
  });

  it('shares one token request between 100 concurrent callers', async () => {
    const tokens = f.tokens();
    const results = await Promise.all(Array.from({ length: 100 }, () => tokens.getToken()));
    assert.strictEqual(new Set(results).size, 1);
    assert.strictEqual(f.fake.control.stats().counts.token, 1);
  });

  it('shares one failure between concurrent callers and tries again on the next call', async () => {
    f.fake.control.addFault({ target: 'token', kind: 'respond', status: 503, times: 1 });
    const tokens = f.tokens();
    const results = await Promise.allSettled(Array.from({ length: 10 }, () => tokens.getToken()));
    assert.ok(results.every((r) => r.status === 'rejected'));
    assert.strictEqual(f.fake.control.stats().counts.token, 1);
    assert.ok((await tokens.getToken()).length > 0);
    assert.strictEqual(f.fake.control.stats().counts.token, 2);
  });

  it('fetches a new token after invalidate()', async () => {
    const tokens = f.tokens();
    const first = await tokens.getToken();
    tokens.invalidate();
    assert.notStrictEqual(await tokens.getToken(), first);
    assert.strictEqual(f.fake.control.stats().counts.token, 2);
  });

  it('ignores invalidate(rejected) when the cache already holds a newer token', async () => {
    const tokens = f.tokens();
    const first = await tokens.getToken();
    tokens.invalidate(first);
    const second = await tokens.getToken();
    tokens.invalidate(first);
    assert.strictEqual(await tokens.getToken(), second);
    assert.strictEqual(f.fake.control.stats().counts.token, 2);
  });

  it('clear() drops the token and does not cache an answer that was in flight', async () => {
    f.fake.control.addFault({ target: 'token', kind: 'delay', delayMs: 200, times: 1 });
    const tokens = f.tokens();
    const pending = tokens.getToken();
    tokens.clear();
    await pending;
    await tokens.getToken();
    assert.strictEqual(f.fake.control.stats().counts.token, 2);
  });

  it('reports notSignedIn without credentials and sends nothing', async () => {
    const tokens = f.tokens({ credentials: async () => undefined });
    const err = await rejectsWith(tokens.getToken(), 'notSignedIn');
    assert.match(err.message, /not signed in/);
    assert.strictEqual(f.fake.control.stats().counts.token, 0);
  });

  it('maps other OAuth errors to badRequest with the error_description', async () => {
    f.fake.control.addFault({
      target: 'token',
      kind: 'respond',
      status: 400,
      body: { error: 'invalid_grant', error_description: 'Account disabled' }
    });
    const err = await rejectsWith(f.tokens().getToken(), 'badRequest');
    assert.strictEqual(err.code, 'invalid_grant');
    assert.match(err.message, /Account disabled/);
  });

  it('maps unauthorized_client to credentialsRejected', async () => {
    f.fake.control.addFault({ target: 'token', kind: 'respond', status: 401, body: { error: 'unauthorized_client', error_description: 'Invalid client secret' } });
    const err = await rejectsWith(f.tokens().getToken(), 'credentialsRejected');
    assert.match(err.message, /Invalid client secret/);
  });

  it('reports an answer without access_token, or an HTML page, as parse errors', async () => {
    f.fake.control.addFault({ target: 'token', kind: 'respond', status: 200, body: { token_type: 'bearer', expires_in: 1800 }, times: 1 });
    assert.match((await rejectsWith(f.tokens().getToken(), 'parse')).message, /without an access token/);
    f.fake.control.addFault({ target: 'token', kind: 'respond', status: 200, body: '<html><body>Login</body></html>', times: 1 });
    assert.match((await rejectsWith(f.tokens().getToken(), 'parse')).message, /HTML page instead of JSON \(HTTP 200\)/);
  });

  it('times out within the configured timeout when the token endpoint hangs', async () => {
    f.fake.control.addFault({ target: 'token', kind: 'hang' });
    const started = Date.now();
    const err = await rejectsWith(f.tokens({ timeoutMs: 300 }).getToken(), 'timeout');
    // The configured 300 ms, not the 15 s default: the message names it, and the call did not end before it (timers
    // never fire early). The fake never answers a hang, so the client closed it; no upper bound a busy machine breaks.
    assert.ok(Date.now() - started >= 250, `gave up after ${Date.now() - started} ms`);
    assert.match(err.message, /sign-in service .* did not answer within 300 ms/);
    const [request] = f.fake.control.requests('token');
    assert.strictEqual(request.status, 0, 'the token endpoint never answered');
  });

  it('lets one caller stop waiting without cancelling the shared request', async () => {
    f.fake.control.addFault({ target: 'token', kind: 'delay', delayMs: 150, times: 1 });
    const tokens = f.tokens();
    const controller = new AbortController();
    const impatient = tokens.getToken(controller.signal);
    const patient = tokens.getToken();
    controller.abort();
    await rejectsWith(impatient, 'cancelled');
    assert.ok((await patient).length > 0);
    assert.strictEqual(f.fake.control.stats().counts.token, 1);
  });

  it('never logs the secret or the token, and logs the request line', async () => {
    const tokens = f.tokens();
    const token = await tokens.getToken();
    const text = f.logger.text();
    assert.ok(!text.includes(f.fake.clientSecret), text);
    assert.ok(!text.includes(token));
    assert.match(text, /POST \/auth\/realms\/Broker\/protocol\/openid-connect\/token 200 \d+ ms/);
    assert.match(text, /client_secret=\[redacted\]/);
  });

  it('scrubs a secret that the server echoes in its error description', async () => {
    const secret = f.fake.clientSecret;
    f.fake.control.addFault({ target: 'token', kind: 'respond', status: 401, body: { error: 'invalid_client', error_description: `Bad secret ${secret}` } });
    const err = await rejectsWith(f.tokens().getToken(), 'credentialsRejected');
    assert.ok(!err.message.includes(secret), err.message);
    assert.ok(!f.logger.text().includes(secret));
  });
});
