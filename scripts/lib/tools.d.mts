// Types of tools.mjs.

export const REPO_ROOT: string;
export const TOOLS_DIR: string;
export const NODE24_VERSION: string;
export const CODE_SERVER_VERSION: string;
export const BUILD_APT_PACKAGES: readonly string[];
export const BROWSER_APT_PACKAGES: readonly string[];
export const APT_PACKAGES: readonly string[];
export const NODE24_PKG_DIR: string;
export const NODE24_BIN: string;
export const CODE_SERVER_ENTRY: string;
export const CHROMIUM_BIN: string;
export const MARKER_FILE: string;
export function markerContent(): { node: string; codeServer: string; apt: readonly string[] };
export const MINIMUM_CODE_SERVER_VERSION: string;
export const MINIMUM_VSCODE_VERSION: string;
export const NODE22_VERSION: string;
export const MINIMUM_DIR: string;
export const MINIMUM_MARKER_FILE: string;
export const MINIMUM_APT_PACKAGES: readonly string[];
export const MINIMUM_RIPGREP: { readonly packageVersion: string; readonly asset: string; readonly debianBinary: string };
export interface Host {
  readonly name: 'current' | 'minimum';
  readonly codeServerVersion: string;
  readonly vscodeVersion: string;
  readonly nodeVersion: string;
  readonly nodePkgDir: string;
  readonly nodeBin: string;
  readonly codeServerDir: string;
  readonly entry: string;
  readonly smokeTestDriverArgs: readonly string[];
  readonly payloadEnvironment: boolean;
}
export const HOSTS: Readonly<Record<'current' | 'minimum', Host>>;
export function hostNamed(name: string | undefined): Host;
export function minimumMarkerContent(): { node: string; codeServer: string; vscode: string; apt: readonly string[] };
export function aptPackagesFor(options?: { browser?: boolean; minimum?: boolean }): string[];
export function requiredToolFiles(host?: Host, options?: { browser?: boolean }): string[];
export function assertToolsInstalled(host?: Host, options?: { browser?: boolean }): void;
