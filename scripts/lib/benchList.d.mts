// Types of benchList.mjs.

export interface FirstRowsSample {
  /** ms from activate() to the first case row in the tree; -1 when none came within 20 s. */
  readonly ms: number;
  /** Whether the network bundle (network.js) was loaded by then. */
  readonly networkLoaded?: boolean;
}

export function firstRowsSample(
  settings: Readonly<Record<string, string>>,
  storageDir: string,
  credentials: { readonly clientId: string; readonly clientSecret: string },
  bundleDir?: string
): FirstRowsSample;
export function firstRows(runs: number, bundleDir?: string): Promise<{ cached: FirstRowsSample[]; network: FirstRowsSample[] }>;
export function benchList(runs?: number): Promise<boolean>;
