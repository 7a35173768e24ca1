// Types of mochaOutput.mjs.
export function parseMochaCounts(output: string): { passed: number; failed: number; pending: number; found: boolean };
