export const L10N_DIR: string;
export const TRANSLATED_LANGUAGES: readonly string[];
export type Bundle = Readonly<Record<string, string | { readonly message: string; readonly comment: readonly string[] }>>;
export function exportBundleText(sourceDir?: string): string;
export function describeBundleDrift(committedText: string, exportedText: string): string | undefined;
export function placeholders(text: string): string[];
export function translationProblems(english: Bundle, translated: Bundle): string[];
export function readBundle(language?: string): string;
