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
export function assertToolsInstalled(options?: { browser?: boolean }): void;
