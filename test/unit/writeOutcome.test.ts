// The one rule for a failed write (issue 16, point 1): which failures may have stored the write.
import * as assert from 'assert';
import type { ApiErrorDetails } from '../../src/api/errors';
import { meaningOf } from '../../src/cases/writeOutcome';

type Case = [string, Pick<ApiErrorDetails, 'kind' | 'status' | 'requestSent'>, ReturnType<typeof meaningOf>];

const CASES: Case[] = [
  ['a timeout after the whole request was sent', { kind: 'timeout', requestSent: true }, 'mayHaveArrived'],
  ['a timeout whose sending is not known', { kind: 'timeout' }, 'mayHaveArrived'],
  ['a connect timeout (nothing sent)', { kind: 'timeout', requestSent: false }, 'notSent'],
  ['a reset after the body was sent', { kind: 'network', requestSent: true }, 'mayHaveArrived'],
  ['a refused connection', { kind: 'network', requestSent: false }, 'notSent'],
  ['a JSON 500', { kind: 'server', status: 500 }, 'mayHaveArrived'],
  ['a gateway 502 page', { kind: 'http', status: 502 }, 'mayHaveArrived'],
  ['a 503 from a gateway', { kind: 'unavailable', status: 503 }, 'mayHaveArrived'],
  ['an HTML page read as an unreadable answer', { kind: 'parse', status: 200 }, 'mayHaveArrived'],
  ['a too-large answer', { kind: 'tooLarge' }, 'mayHaveArrived'],
  ['a cancel after the last byte', { kind: 'cancelled', requestSent: true }, 'mayHaveArrived'],
  ['a cancel before the last byte', { kind: 'cancelled', requestSent: false }, 'notSent'],
  ['a cancel before anything left', { kind: 'cancelled' }, 'notSent'],
  ['a 400', { kind: 'badRequest', status: 400 }, 'refused'],
  ['a 403', { kind: 'forbidden', status: 403 }, 'refused'],
  ['a 404', { kind: 'notFound', status: 404 }, 'refused'],
  ['a 429', { kind: 'rateLimited', status: 429 }, 'refused'],
  ['a rejected token', { kind: 'credentialsRejected', status: 401 }, 'refused'],
  ['signed out', { kind: 'notSignedIn' }, 'refused'],
  ['an odd 4xx', { kind: 'http', status: 418 }, 'refused']
];

describe('writeOutcome: one rule for a failed write', () => {
  for (const [what, error, meaning] of CASES) {
    it(`reads ${what} as ${meaning}`, () => {
      assert.strictEqual(meaningOf(error), meaning);
    });
  }
});
