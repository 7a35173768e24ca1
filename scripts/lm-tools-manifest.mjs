// Writes package.json's contributes.languageModelTools from the tool catalogue (src/tools/specs.ts, compiled by
// `npm run build:test` into out/), so the manifest and the catalogue cannot drift: a unit test (lmToolsManifest)
// fails when they differ and names this script. Usage: npm run build:test && node scripts/lm-tools-manifest.mjs
import { readFileSync, writeFileSync } from 'fs';
import { createRequire } from 'module';
import { dirname, join } from 'path';
import { fileURLToPath } from 'url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { languageModelTools } = createRequire(import.meta.url)(join(root, 'out', 'src', 'tools', 'manifest.js'));
const file = join(root, 'package.json');
const manifest = JSON.parse(readFileSync(file, 'utf8'));
// The words a person sees (displayName, userDescription) are %keys% of package.nls.json, translated beside it.
const nlsFile = join(root, 'package.nls.json');
const nls = JSON.parse(readFileSync(nlsFile, 'utf8'));
manifest.contributes.languageModelTools = languageModelTools().map((tool) => {
  const short = tool.name.replace(/^axway_support_/, '');
  for (const field of ['displayName', 'userDescription']) {
    const key = `lmTool.${short}.${field}`;
    nls[key] = tool[field];
    tool[field] = `%${key}%`;
  }
  return tool;
});
writeFileSync(file, `${JSON.stringify(manifest, null, 2)}\n`);
writeFileSync(nlsFile, `${JSON.stringify(nls, null, 2)}\n`);
console.log(`package.json: ${manifest.contributes.languageModelTools.length} language-model tools written.`);
