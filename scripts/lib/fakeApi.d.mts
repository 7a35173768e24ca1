// Types of fakeApi.mjs.

export interface FakeApiInfo {
  readonly origin: string;
  readonly tokenUrl: string;
  readonly apiBaseUrl: string;
  readonly clientId: string;
  readonly clientSecret: string;
}

export interface FakeApiProcessOptions {
  /** The CLI to run: FAKE_API_CLI (default, build:test) or FAKE_API_BUNDLE (build:fake-api). */
  readonly cli?: string;
  readonly args?: readonly string[];
  readonly env?: Readonly<Record<string, string>>;
  readonly onOutput?: (text: string) => void;
}

export interface FakeApiProcess extends FakeApiInfo {
  readonly pid: number;
  output(): string;
  /** Kills the fake API's process group; safe to call twice. */
  stop(): Promise<void>;
}

export const FAKE_API_CLI: string;
export const FAKE_API_BUNDLE: string;
export function startFakeApiProcess(options?: FakeApiProcessOptions): Promise<FakeApiProcess>;
export function fakeApiEnvironment(info: FakeApiInfo): Record<string, string>;
export function fakeApiSettings(info: FakeApiInfo): Record<string, string>;
