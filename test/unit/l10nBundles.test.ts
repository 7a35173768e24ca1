// Issue 19, "Languages": l10n/bundle.l10n.json is what `@vscode/l10n-dev export` makes of src/ (re-exported into a
// temporary folder and compared), and the French and German bundles translate exactly its keys, each with the same
// {0} placeholders. Planted faults (a string added to a source, a key dropped, an extra key, a lost placeholder)
// show that each check fires.
import * as assert from 'assert';
import * as fs from 'fs';
import { createRequire } from 'module';
import * as os from 'os';
import * as path from 'path';
import type * as L10nCheck from '../../scripts/lib/l10nCheck.mjs';
import { REPO_ROOT } from './support/figures';

const { describeBundleDrift, exportBundleText, placeholders, readBundle, translationProblems, TRANSLATED_LANGUAGES } = createRequire(__filename)(
  path.join(REPO_ROOT, 'scripts', 'lib', 'l10nCheck.mjs')
) as typeof L10nCheck;

type Bundle = Record<string, string>;

function parse(text: string): Bundle {
  return JSON.parse(text) as Bundle;
}

describe('string bundles (l10n/)', function () {
  // The export parses every source file with tree-sitter (a few seconds on a busy machine).
  this.timeout(120_000);
  const committedText = readBundle();
  const english = parse(committedText);

  it('l10n/bundle.l10n.json is exactly what `@vscode/l10n-dev export` makes of src/ now', () => {
    assert.strictEqual(describeBundleDrift(committedText, exportBundleText()), undefined);
  });

  it('the English bundle holds the strings of every part (auth, commands, tree, tabs, API errors)', () => {
    for (const key of ['Axway Support: Sign in with service account', 'Load more…', 'Filter Cases', '(Troubleshooting ID: {0})']) {
      assert.ok(key in english, `"${key}" is in the bundle`);
    }
  });

  for (const language of TRANSLATED_LANGUAGES) {
    describe(`bundle.l10n.${language}.json`, () => {
      const translated = parse(readBundle(language));

      it('translates every key of the English bundle, and no other, each with the same placeholders', () => {
        assert.deepStrictEqual(translationProblems(english, translated), []);
      });

      it('is a translation, not a copy: most texts differ from the English', () => {
        const same = Object.keys(english).filter((key) => translated[key] === key);
        // Short texts may coincide ("Status" in German, "Type" in French); whole sentences never do.
        const sameSentences = same.filter((key) => key.split(' ').length > 3);
        assert.deepStrictEqual(sameSentences, [], 'sentences left in English');
      });
    });
  }

  describe('the checks fire on planted faults', () => {
    it('a new l10n.t string in a source that the committed bundle lacks is reported, with the fix', () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'axway-l10n-plant-'));
      try {
        fs.writeFileSync(
          path.join(dir, 'planted.ts'),
          "import * as vscode from 'vscode';\nexport const planted = vscode.l10n.t('A planted string nobody translated: {0}', 1);\n"
        );
        const exported = exportBundleText(dir);
        const drift = describeBundleDrift('{}', exported);
        assert.ok(drift, 'drift reported');
        assert.match(drift, /npm run l10n:export/);
        assert.match(drift, /not in the bundle: "A planted string nobody translated: \{0\}"/);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });

    it('a string removed from src/ but left in the bundle is reported', () => {
      const stale = JSON.stringify({ ...english, 'A string no source has any more': 'A string no source has any more' }, null, 2);
      assert.match(describeBundleDrift(stale, committedText) ?? '', /no longer in src\/: "A string no source has any more"/);
    });

    const french = parse(readBundle('fr'));
    const someKey = Object.keys(english).find((key) => placeholders(key).length > 0) ?? '';

    it('a translation missing a key is reported', () => {
      const missing: Bundle = { ...french };
      delete missing[someKey];
      assert.deepStrictEqual(translationProblems(english, missing), [`missing: ${JSON.stringify(someKey)}`]);
    });

    it('a translation with an extra key is reported', () => {
      assert.deepStrictEqual(translationProblems(english, { ...french, 'Not in English': 'Pas en anglais' }), ['extra (not in the English bundle): "Not in English"']);
    });

    it('a translation that lost or renamed a placeholder is reported, and so is an empty one', () => {
      const problems = translationProblems(english, { ...french, [someKey]: french[someKey].replace(/\{\d+\}/, '{9}') });
      assert.strictEqual(problems.length, 1);
      assert.match(problems[0], /^placeholders .*\{9\}.* instead of /);
      assert.deepStrictEqual(translationProblems(english, { ...french, [someKey]: ' ' }), [`empty: ${JSON.stringify(someKey)}`]);
    });
  });
});
