// The logger is the last line of defence between a credential and the "Axway Support" output channel (and the log
// file VS Code writes from it). These tests plant real-looking credentials in log messages and read what reached
// the sink: the redaction marker must be there, and no credential, whole or in part.
import * as assert from 'assert';
import { generateKeyPairSync } from 'crypto';
import { createClientAssertion } from '../../src/api/clientAssertion';
import { ScrubbingLogger, type LogSink } from '../../src/util/logger';
import { REDACTED } from '../../src/util/redact';

function recordingSink(): LogSink & { readonly written: string[] } {
  const written: string[] = [];
  const add = (message: string): void => {
    written.push(message);
  };
  return { written, trace: add, debug: add, info: add, warn: add, error: add };
}

const CLIENT_SECRET = 'cs-7Hq2+x/Zp9=wL4vN';
const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const PRIVATE_KEY_PEM = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
/** The key's base64 body lines: no fragment of the key may reach the log. */
const KEY_LINES = PRIVATE_KEY_PEM.split('\n').filter((line) => line.length > 0 && !line.startsWith('-----'));
const ASSERTION = createClientAssertion({ clientId: 'svc-logger-test', tokenUrl: 'https://login.example/token', privateKey });
// An access token shaped like the ones the sign-in service issues (a JWT), not known to the logger in advance.
const ACCESS_TOKEN = `${Buffer.from('{"alg":"RS256","typ":"JWT"}').toString('base64url')}.${Buffer.from('{"sub":"svc","exp":1}').toString('base64url')}.c2lnbmF0dXJlLWJ5dGVzLWZvci10aGUtdGVzdA`;

/** Each message is a way a credential could get into a log line; every secret appears in at least one. */
const MESSAGES = [
  `sign-in failed for secret ${CLIENT_SECRET}`,
  `POST /token body grant_type=client_credentials&client_id=svc&client_secret=${encodeURIComponent(CLIENT_SECRET)}&scope=openid`,
  `token answer {"access_token":"${ACCESS_TOKEN}","expires_in":1800,"token_type":"bearer"}`,
  `GET /case headers {"Authorization":"Bearer ${ACCESS_TOKEN}"}`,
  `stored key ${PRIVATE_KEY_PEM}`,
  `stored entry ${JSON.stringify({ kind: 'certificate', privateKey: PRIVATE_KEY_PEM })}`,
  `a line of the key alone: ${KEY_LINES[3]}`,
  `POST /token body grant_type=client_credentials&client_assertion_type=urn%3Aietf&client_assertion=${ASSERTION}`,
  `the assertion pasted into text: ${ASSERTION}`
];

describe('ScrubbingLogger (src/util/logger.ts)', () => {
  it('writes the redaction marker instead of a client secret, an access token, a PEM private key or a JWT client assertion', () => {
    const sink = recordingSink();
    const logger = new ScrubbingLogger(sink, () => [CLIENT_SECRET, PRIVATE_KEY_PEM]);
    MESSAGES.forEach((message, i) => [logger.trace, logger.debug, logger.info, logger.warn, logger.error][i % 5].call(logger, message));

    assert.strictEqual(sink.written.length, MESSAGES.length, 'every message reached the sink');
    for (const [i, line] of sink.written.entries()) {
      assert.ok(line.includes(REDACTED), `message ${i} carries the marker: ${line.slice(0, 200)}`);
    }
    // What tests read (src/testing records the sink's lines) is what reached the sink: scrubbed.
    const everything = sink.written.join('\n');
    const leaked = [
      ['client secret', CLIENT_SECRET],
      ['client secret (URL-encoded)', encodeURIComponent(CLIENT_SECRET)],
      ['access token', ACCESS_TOKEN],
      ['JWT client assertion', ASSERTION],
      ['the assertion signature', ASSERTION.split('.')[2]],
      ...KEY_LINES.map((line, i): [string, string] => [`private key line ${i + 1}`, line])
    ].filter(([, value]) => everything.includes(value));
    assert.deepStrictEqual(leaked.map(([what]) => what), [], 'no credential reached the log');
  });

  it('keeps the text around a credential readable', () => {
    const sink = recordingSink();
    const logger = new ScrubbingLogger(sink, () => [CLIENT_SECRET]);
    logger.info(`GET /case?limit=20 → 200 in 12 ms; Bearer ${ACCESS_TOKEN}; secret ${CLIENT_SECRET} end`);
    assert.deepStrictEqual(sink.written, [`GET /case?limit=20 → 200 in 12 ms; Bearer ${REDACTED}; secret ${REDACTED} end`]);
  });

  it('asks for the current secrets at every line (an account signed in later is scrubbed too)', () => {
    const sink = recordingSink();
    const secrets: string[] = [];
    const logger = new ScrubbingLogger(sink, () => secrets);
    logger.info('before sign-in: nothing to scrub');
    secrets.push(CLIENT_SECRET);
    logger.info(`after sign-in: ${CLIENT_SECRET}`);
    assert.deepStrictEqual(sink.written, ['before sign-in: nothing to scrub', `after sign-in: ${REDACTED}`]);
  });
});
