// Types of processes.mjs.

export function registerCleanup(release: () => Promise<void>, releaseSync: () => void): () => Promise<void>;
export function setSignalExitCode(code: number): void;
export function isStopping(): boolean;
export function runAllCleanups(): Promise<void>;
export function groupMembers(pgid: number): number[];
export function treeMembers(rootPid: number): number[];
export function childPids(pid: number): number[];
export function processRss(pid: number): number;
export function sumRss(pids: readonly number[]): number;
export function commandLine(pid: number): string;
export function killGroup(pgid: number, graceMs?: number): Promise<void>;
export function killGroupSync(pgid: number): void;
export function removeDir(dir: string): void;
export interface PeakSampler {
  readonly peak: number;
  stop(): number;
}
export function startPeakSampler(measure: () => number, intervalMs?: number): PeakSampler;
export function mib(bytes: number): string;
