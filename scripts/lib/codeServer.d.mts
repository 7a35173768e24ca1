// Types of codeServer.mjs, for the TypeScript UI tests.
import type { Host } from './tools.d.mts';

export interface CodeServerOptions {
  /** Which code-server (tools.mjs HOSTS); default: the current one. */
  readonly host?: Host;
  /** Added to DEFAULT_USER_SETTINGS in User/settings.json (application-scoped settings belong here). */
  readonly settings?: Readonly<Record<string, unknown>>;
  /** false: no folder; a path: that folder; default: an empty folder in the server's temp dir. */
  readonly workspace?: string | false;
  /** Written to the workspace's .vscode/settings.json. */
  readonly workspaceSettings?: Readonly<Record<string, unknown>>;
  /** A .vsix installed (--install-extension --force) before the server starts. */
  readonly vsix?: string;
  /** More extensions installed next to it (e.g. a test extension that plays another installed extension). */
  readonly extraVsixes?: readonly string[];
  /** Adds `--vscode-option enable-smoke-test-driver` (needed for test payloads; hides toasts). */
  readonly smokeTestDriver?: boolean;
  /** The display language (e.g. 'fr'): `--locale` plus the language-pack entry VS Code needs to honour it offline. */
  readonly locale?: string;
  /** Extra environment for the server and so for its extension host. */
  readonly env?: Readonly<Record<string, string>>;
  /** A fixed port; without it (or 0) code-server binds port 0 and reports the port the OS gave it (no race). */
  readonly port?: number;
  readonly startTimeoutMs?: number;
  /** Keep the temp folder (logs, user data) after stop, for debugging. */
  readonly keepFiles?: boolean;
  readonly onOutput?: (text: string) => void;
}

export interface CodeServer {
  readonly port: number;
  /** http://127.0.0.1:PORT */
  readonly origin: string;
  /** PID of the server, also its process-group id. */
  readonly pid: number;
  readonly baseDir: string;
  readonly userDataDir: string;
  readonly extensionsDir: string;
  readonly workspaceDir: string | undefined;
  /** Folder of the extension installed from `vsix`. */
  readonly installedExtensionDir: string | undefined;
  /** The server's recent stdout and stderr. */
  output(): string;
  /** Settles with the exit code (or signal) when the server process ends. */
  readonly exited: Promise<number | string | null>;
  /** Resident memory of the whole process group, in bytes. */
  rss(): number;
  workbenchUrl(folder?: string): string;
  remoteUri(absPath: string): string;
  /** Kills the process group and removes the temp folder; safe to call twice. */
  stop(): Promise<void>;
}

export interface TestPayload {
  readonly extensionDevelopmentPath: string;
  readonly extensionTestsPath: string;
  readonly extensionEnvironment?: Readonly<Record<string, string>>;
  readonly folder?: string;
}

export const DEFAULT_USER_SETTINGS: Readonly<Record<string, unknown>>;
/** `npm start`'s settings on top of DEFAULT_USER_SETTINGS. */
export const DEMO_USER_SETTINGS: Readonly<Record<string, unknown>>;
export function startCodeServer(options?: CodeServerOptions): Promise<CodeServer>;
export function installVsix(args: { vsix: string; userDataDir: string; extensionsDir: string; env: NodeJS.ProcessEnv; host?: Host }): string;
export function extensionId(extensionDir: string): string;
export function testPayloadUrl(server: CodeServer, payload: TestPayload): string;
