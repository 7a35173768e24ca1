// Types of benchTransfer.mjs.

/** Prints upload/download throughput of a 20 MB file (network bundle vs plain Node) and memory growth; sets exit code 1 on a regression. */
export function benchTransfer(): Promise<void>;
