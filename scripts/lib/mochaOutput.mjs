// Reads test counts from runner output: our `RESULT suite=… passed=N failed=N pending=N` line when there is one,
// else mocha's epilogue ("N passing", "N failing", "N pending").

// Colour codes, built from the ESC character so that the regex has no control character literal.
const ANSI_COLOUR = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');

/** @returns {{ passed: number, failed: number, pending: number, found: boolean }} */
export function parseMochaCounts(output) {
  const text = output.replace(ANSI_COLOUR, '');
  const results = [...text.matchAll(/^RESULT suite=\S+ passed=(\d+) failed=(\d+) pending=(\d+)\s*$/gm)];
  if (results.length > 0) {
    const last = results[results.length - 1];
    return { passed: Number(last[1]), failed: Number(last[2]), pending: Number(last[3]), found: true };
  }
  const last = (pattern) => {
    const all = [...text.matchAll(pattern)];
    return all.length > 0 ? Number(all[all.length - 1][1]) : undefined;
  };
  const passed = last(/^\s*(\d+) passing\b/gm);
  const failed = last(/^\s*(\d+) failing\b/gm);
  const pending = last(/^\s*(\d+) pending\b/gm);
  return { passed: passed ?? 0, failed: failed ?? 0, pending: pending ?? 0, found: passed !== undefined || failed !== undefined };
}
