// Types of build.mjs.
export const VSIX_PATH: string;
export const EXTENSION_ID: string;
export const FULL_BUILD: readonly string[];
export function runNpmScripts(scripts: readonly string[], log?: (line: string) => void, env?: Readonly<Record<string, string>>): void;
export const DEMO_BUILD: readonly string[];
export const DEMO_BUILD_ENV: Readonly<Record<string, string>>;
export interface TestToolsOptions { readonly host?: string; readonly browser?: boolean }
export const DEMO_TOOLS: TestToolsOptions;
export function testToolsArgs(options?: TestToolsOptions): string[];
export function ensureTestTools(options?: TestToolsOptions): void;
export function startTestTools(options?: TestToolsOptions): { done: Promise<void>; stop(): void };
