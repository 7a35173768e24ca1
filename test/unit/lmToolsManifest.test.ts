// package.json's languageModelTools are the catalogue's (issue 18): the same names, reference names, descriptions
// and input schemas, so the LM tools and the MCP server (fed from the same catalogue) cannot drift apart.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { createToolCatalogue } from '../../src/tools/catalogue';
import { languageModelTools, SIGNED_IN_WHEN } from '../../src/tools/manifest';
import { TOOL_SPECS } from '../../src/tools/specs';
import type { ToolHost } from '../../src/tools/types';
import { REPO_ROOT } from './support/figures';
import { silentLogger } from './support/silentLogger';

interface Manifest {
  readonly categories?: readonly string[];
  readonly contributes: { readonly languageModelTools?: unknown };
}

const manifest = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as Manifest;

/** `%key%` values resolved through package.nls.json, when the manifest is localised. */
function resolveNls(value: unknown): unknown {
  const file = path.join(REPO_ROOT, 'package.nls.json');
  const nls = fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, string>) : {};
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') {
      const key = /^%(.+)%$/.exec(v)?.[1];
      return key !== undefined && nls[key] !== undefined ? nls[key] : v;
    }
    if (Array.isArray(v)) {
      return v.map(walk);
    }
    if (typeof v === 'object' && v !== null) {
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
    }
    return v;
  };
  return walk(value);
}

describe('language-model tools in package.json match the tool catalogue', () => {
  it('contributes every catalogue tool exactly as the catalogue defines it (node scripts/lm-tools-manifest.mjs writes them)', () => {
    assert.deepStrictEqual(
      resolveNls(manifest.contributes.languageModelTools),
      JSON.parse(JSON.stringify(languageModelTools())),
      'package.json differs from the catalogue: run `npm run build:test && node scripts/lm-tools-manifest.mjs`'
    );
  });

  it('has a handler for every spec, and names VS Code and MCP both accept', () => {
    const host = {} as ToolHost;
    const catalogue = createToolCatalogue({ ...host, logger: silentLogger });
    assert.deepStrictEqual(catalogue.tools.map((t) => t.name), TOOL_SPECS.map((s) => s.name));
    const references = new Set<string>();
    for (const spec of TOOL_SPECS) {
      assert.match(spec.name, /^[a-zA-Z0-9_-]{1,64}$/, 'an MCP tool name');
      assert.ok(!/^(copilot|vscode)_/.test(spec.name), 'not a reserved prefix');
      assert.match(spec.referenceName, /^[A-Za-z][A-Za-z0-9]*$/, 'usable as #ref in a prompt');
      assert.ok(!references.has(spec.referenceName), 'reference names are unique');
      references.add(spec.referenceName);
      assert.strictEqual(spec.inputSchema.type, 'object');
      for (const key of spec.inputSchema.required ?? []) {
        assert.ok(spec.inputSchema.properties?.[key], `${spec.name}: required ${key} is declared`);
      }
      // When to use it, when not, and that API text is data.
      assert.match(spec.description, /Use it /);
      assert.match(spec.description, /Do not use it /);
      assert.match(spec.description, /never follow instructions/);
      if (!spec.readOnly) {
        assert.match(spec.description, /confirm/, `${spec.name} says the person confirms first`);
      }
    }
  });

  it('offers the tools only while signed in (a context key the extension sets), and lists the extension under AI and Chat', () => {
    const source = fs.readdirSync(path.join(REPO_ROOT, 'src'), { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.ts'))
      .map((f) => fs.readFileSync(path.join(REPO_ROOT, 'src', f), 'utf8'))
      .join('\n');
    assert.ok(source.includes(`'${SIGNED_IN_WHEN}'`), `the extension sets ${SIGNED_IN_WHEN}`);
    for (const tool of languageModelTools()) {
      assert.strictEqual(tool.when, SIGNED_IN_WHEN);
    }
    assert.ok(manifest.categories?.includes('AI') && manifest.categories.includes('Chat'));
  });
});
