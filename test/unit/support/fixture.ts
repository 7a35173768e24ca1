// One fake Support API per test file, reset before every test, plus helpers to build the clients under test.
import { startFakeApi, FakeApi } from '../../fake-api/server';
import { createNetwork, type Network } from '../../../src/api/index';
import { TokenClient, TokenClientOptions } from '../../../src/api/tokenClient';
import { SupportApi, SupportApiOptions } from '../../../src/api/supportApi';
import { ApiError, ApiErrorKind } from '../../../src/api/errors';
import { recordingLogger, RecordingLogger } from './recordingLogger';
import * as assert from 'assert';

export interface Fixture {
  fake: FakeApi;
  logger: RecordingLogger;
  tokens(overrides?: Partial<TokenClientOptions>): TokenClient;
  api(overrides?: Partial<SupportApiOptions>, tokenOverrides?: Partial<TokenClientOptions>): { api: SupportApi; tokens: TokenClient };
}

/**
 * Registers hooks in the calling describe(): a fake Support API started for it (handed to `started`), reset before
 * every test and closed after the last. For suites that talk to the fake directly; useFakeApi() adds the clients.
 */
export function useStartedFake(started: (fake: FakeApi) => void): void {
  let fake: FakeApi | undefined;
  before(async () => {
    fake = await startFakeApi();
    started(fake);
  });
  after(async () => {
    await fake?.close();
  });
  beforeEach(() => {
    fake?.control.reset();
  });
}

/** Registers before/after hooks in the calling describe() and returns the live fixture. */
export function useFakeApi(): Fixture {
  const fixture = {} as Fixture;
  useStartedFake((fake) => {
    fixture.fake = fake;
  });
  beforeEach(() => {
    fixture.logger = recordingLogger();
  });
  fixture.tokens = (overrides = {}) =>
    new TokenClient({
      tokenUrl: fixture.fake.tokenUrl,
      logger: fixture.logger,
      credentials: async () => ({ clientId: fixture.fake.clientId, clientSecret: fixture.fake.clientSecret }),
      ...overrides
    });
  fixture.api = (overrides = {}, tokenOverrides = {}) => {
    const tokens = fixture.tokens(tokenOverrides);
    const api = new SupportApi({ baseUrl: fixture.fake.apiBaseUrl, tokens, logger: fixture.logger, ...overrides });
    return { api, tokens };
  };
  return fixture;
}

/** Awaits a promise that must reject with an ApiError of the given kind, and returns that error. */
export async function rejectsWith(promise: Promise<unknown>, kind: ApiErrorKind): Promise<ApiError> {
  try {
    await promise;
  } catch (err) {
    assert.ok(err instanceof ApiError, `expected an ApiError, got ${String(err)}`);
    assert.strictEqual(err.kind, kind, `expected '${kind}', got '${err.kind}': ${err.message}`);
    return err;
  }
  assert.fail(`expected an ApiError '${kind}', but it resolved`);
}

/** The network bundle's token client and API service for the fake, signed in with its current pair, logging nowhere. */
export function networkFor(fake: FakeApi, timeoutMs: number): Network {
  const silent = { trace: () => undefined, debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };
  return createNetwork({
    tokenUrl: fake.tokenUrl,
    apiBaseUrl: fake.apiBaseUrl,
    logger: silent,
    credentials: async () => ({ clientId: fake.clientId, clientSecret: fake.clientSecret }),
    timeoutMs
  });
}
