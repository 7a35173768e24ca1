// Types of build.mjs.
export const VSIX_PATH: string;
export const EXTENSION_ID: string;
export const FULL_BUILD: readonly string[];
export function runNpmScripts(scripts: readonly string[], log?: (line: string) => void): void;
export const DEMO_BUILD: readonly string[];
export function ensureTestTools(options?: { browser?: boolean }): void;
export function startTestTools(options?: { browser?: boolean }): { done: Promise<void>; stop(): void };
