// Types of release.mjs.
export interface Manifest {
  readonly name: string;
  readonly version: string;
  readonly [key: string]: unknown;
}
export function readManifest(root?: string): Manifest;
export function parseVersion(version: string): { major: number; minor: number; patch: number };
export function isPreRelease(version: string): boolean;
export function vsixFileName(manifest: Manifest): string;
export function vscePackageArgs(manifest: Manifest): string[];
export function versionOfTag(tag: string): string;
export function checkTag(tag: string, manifest: Manifest): string;
export function changelogSection(changelog: string, version: string): string;
