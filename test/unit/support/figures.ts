// Writes figures of the unit-level reliability tests for scripts/reliability-report.mjs (test-results is ignored by git).
import * as fs from 'fs';
import * as path from 'path';

/** The repository root, from out/test/unit/support (compiled) or test/unit/support (sources). */
export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..', ...(path.basename(path.resolve(__dirname, '..', '..', '..')) === 'out' ? ['..'] : []));

export function writeUnitFigures(name: string, data: Record<string, unknown>): void {
  const dir = path.join(REPO_ROOT, 'test-results', 'reliability');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, `${name}.json`), JSON.stringify({ measuredAt: new Date().toISOString(), node: process.version, ...data }, null, 2) + '\n');
}
