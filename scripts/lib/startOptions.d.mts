// Types of startOptions.mjs.
export interface StartOptions {
  /** The demo's code-server port; 0: any free port. */
  readonly port: number;
  /** The fake Support API's port; undefined: any free port. */
  readonly apiPort: number | undefined;
  readonly build: boolean;
  readonly fakeApiOnly: boolean;
  readonly userDataDir: string | undefined;
}
export interface PortChoice {
  /** undefined: let code-server bind port 0 and report the port it got. */
  readonly port: number | undefined;
  /** Why the wanted port is not used, for the log. */
  readonly note?: string;
}
export const DEFAULT_PORT: number;
export const START_USAGE: string;
export function parsePort(text: string, name: string): number;
export function parseStartArgs(argv: readonly string[], env?: Readonly<Record<string, string | undefined>>): StartOptions;
export function portIsFree(port: number): Promise<boolean>;
export function choosePort(wanted: number, isFree?: (port: number) => Promise<boolean>): Promise<PortChoice>;
