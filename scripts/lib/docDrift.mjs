// How `npm test` tells a developer that the generated docs/reliability.md differs from the one the run started with
// (the committed one, in a clean clone). Types: docDrift.d.mts.

const SHOWN_LINES = 12;

/**
 * undefined when the two documents are the same; otherwise a message that says what differs (the first changed lines)
 * and how to bring the committed document up to date.
 * @param {string} before the document before the run
 * @param {string} after the document the run generated
 * @param {string} [file]
 */
export function describeDocDrift(before, after, file = 'docs/reliability.md') {
  if (before === after) {
    return undefined;
  }
  const old = new Set(before.split('\n'));
  const now = new Set(after.split('\n'));
  const removed = before.split('\n').filter((line) => !now.has(line)).map((line) => `  - ${line}`);
  const added = after.split('\n').filter((line) => !old.has(line)).map((line) => `  + ${line}`);
  const changes = [...removed, ...added];
  const shown = changes.slice(0, SHOWN_LINES);
  const more = changes.length > shown.length ? [`  … and ${changes.length - shown.length} more changed lines`] : [];
  return [
    `${file} differs from the one this run generated (a result changed, or the file was edited by hand):`,
    ...(shown.length > 0 ? shown : ['  (only the order of lines changed)']),
    ...more,
    `The generated file is written: review it with \`git diff ${file}\` and commit it (it is never edited by hand).`
  ].join('\n');
}
