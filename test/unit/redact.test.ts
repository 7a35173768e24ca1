import * as assert from 'assert';
import { redactForm, redactHeaders, redactJsonText, redactText, sanitizeForLog, scrubSecrets } from '../../src/util/redact';

describe('redaction', () => {
  it('redacts Authorization, Proxy-Authorization and cookies in headers, whatever the case', () => {
    const result = redactHeaders({ authorization: 'Bearer abc', 'Proxy-Authorization': 'Basic xyz', Cookie: 'a=b', Accept: 'application/json' });
    assert.deepStrictEqual(result, {
      authorization: '[redacted]',
      'Proxy-Authorization': '[redacted]',
      Cookie: '[redacted]',
      Accept: 'application/json'
    });
  });

  it('redacts client_id, client_secret, client_assertion and access_token in form bodies but keeps other fields', () => {
    const body = 'grant_type=client_credentials&client_id=my-id&client_secret=s3cr%2Bet&scope=openid&client_assertion=eyJ.x.y';
    const out = redactForm(body);
    assert.strictEqual(out, 'grant_type=client_credentials&client_id=[redacted]&client_secret=[redacted]&scope=openid&client_assertion=[redacted]');
    assert.strictEqual(redactForm('/cb?access_token=abc&x=1'), '/cb?access_token=[redacted]&x=1');
  });

  it('redacts token fields in JSON text, also when the JSON is cut off', () => {
    const json = '{"access_token":"eyJhbGciOi.x\\"y","expires_in":1800,"refresh_token" : "r1"}';
    const out = redactJsonText(json);
    assert.ok(!out.includes('eyJhbGciOi'));
    assert.ok(!out.includes('r1'));
    assert.ok(out.includes('"expires_in":1800'));
    assert.ok(!redactJsonText('{"client_secret":"abcd1234","x":').includes('abcd1234'));
  });

  it('redacts bearer and basic credentials pasted into text', () => {
    const out = redactText('header was Authorization: Bearer eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxIn0.sig and Basic dXNlcjpwYXNz');
    assert.ok(!out.includes('eyJhbGci'));
    assert.ok(!out.includes('dXNlcjpwYXNz'));
    assert.match(out, /Bearer \[redacted\]/);
  });

  it('redacts a JWT (an access token or a client assertion) pasted into text, and keeps ordinary dotted text', () => {
    const jwt = `${Buffer.from('{"alg":"RS256"}').toString('base64url')}.${Buffer.from('{"sub":"x"}').toString('base64url')}.c2lnbmF0dXJl`;
    assert.strictEqual(redactText(`assertion ${jwt} sent`), 'assertion [redacted] sent');
    assert.strictEqual(redactText('version 1.2.3 of eyJ.file.txt'), 'version 1.2.3 of eyJ.file.txt');
  });

  it('scrubs known secret values in raw, URL-encoded and form-encoded form', () => {
    const secret = 'p@ss word+/=';
    const text = `raw ${secret} url ${encodeURIComponent(secret)} form ${new URLSearchParams({ s: secret }).toString().slice(2)}`;
    const out = scrubSecrets(text, [secret, undefined]);
    assert.strictEqual(out, 'raw [redacted] url [redacted] form [redacted]');
  });

  it('does not scrub values too short to be secrets', () => {
    assert.strictEqual(scrubSecrets('a b c', ['a', '']), 'a b c');
  });

  it('combines pattern redaction and known values', () => {
    const out = sanitizeForLog('client_secret=abc123 then the value zz-top-secret-zz', ['zz-top-secret-zz']);
    assert.strictEqual(out, 'client_secret=[redacted] then the value [redacted]');
  });
});
