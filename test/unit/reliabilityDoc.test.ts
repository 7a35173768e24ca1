// docs/reliability.md is generated from test figures (scripts/reliability-report.mjs); this keeps it honest: every
// test it cites must still exist, and every row of issue 4's fault table must be there with a passing test.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { MATRIX_ROWS } from '../integration/faultMatrix';
import { REPO_ROOT } from './support/figures';

const DOC = path.join(REPO_ROOT, 'docs', 'reliability.md');

function sources(dir: string, found: string[] = []): string[] {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      sources(full, found);
    } else if (entry.name.endsWith('.ts')) {
      found.push(full);
    }
  }
  return found;
}

/** The title as it can appear in a TypeScript string literal (single-quoted with \' or double-quoted). */
function literalForms(title: string): string[] {
  return [`'${title.replace(/'/g, "\\'")}'`, `"${title}"`, `\`${title}\``];
}

describe('reliability report (docs/reliability.md)', () => {
  const doc = fs.readFileSync(DOC, 'utf8');
  const cited = [...doc.matchAll(/^- \[T(\d+)\] `([^`]+)` — (.+)$/gm)].map((m) => ({ id: Number(m[1]), file: m[2], title: m[3] }));

  it('cites only tests that exist, in files that exist', () => {
    assert.ok(cited.length >= 40, `only ${cited.length} tests cited`);
    const texts = new Map(sources(path.join(REPO_ROOT, 'test')).map((file) => [file, fs.readFileSync(file, 'utf8')]));
    const missing: string[] = [];
    for (const { id, file, title } of cited) {
      if (!fs.existsSync(path.join(REPO_ROOT, file))) {
        missing.push(`[T${id}] file ${file}`);
        continue;
      }
      const forms = literalForms(title);
      if (![...texts.values()].some((text) => forms.some((form) => text.includes(form)))) {
        missing.push(`[T${id}] "${title}"`);
      }
    }
    assert.deepStrictEqual(missing, []);
  });

  it('resolves every [Tn] reference to a cited test', () => {
    const ids = new Set(cited.map((c) => c.id));
    const used = [...doc.matchAll(/\[T(\d+)\]/g)].map((m) => Number(m[1]));
    assert.deepStrictEqual(used.filter((id) => !ids.has(id)), []);
  });

  it('covers every row of the fault table of issue 4 with a passing test', () => {
    for (const label of Object.values(MATRIX_ROWS)) {
      const at = doc.indexOf(`### ${label}\n`);
      assert.ok(at >= 0, `row missing: ${label}`);
      const section = doc.slice(at, doc.indexOf('\n### ', at + 4) === -1 ? undefined : doc.indexOf('\n### ', at + 4));
      assert.ok(!section.includes('No passing test recorded'), `no passing test for: ${label}`);
      assert.match(section, /\[T\d+\]/, `no test cited for: ${label}`);
    }
  });

  it('reports zero leaks and zero escaped errors', () => {
    assert.match(doc, /\*\*Total occurrences: 0\*\*/);
    assert.ok(!/escaped into the extension host[^*]*\*\*[1-9]/.test(doc), 'an error escaped into the extension host');
  });
});
