// The Marketplace / Open VSX listing: the manifest fields a store shows (icon, banner, categories, keywords) and the
// file list of the VSIX as `vsce ls` reports it: the 128×128 PNG icon is in it, and nothing that does not run is.
// Needs the production or development build (`npm run build`), which renders the icon.
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import { createRequire } from 'module';
import * as path from 'path';
import type * as IconLib from '../../scripts/lib/icon.mjs';
import { REPO_ROOT } from './support/figures';

const icon = createRequire(__filename)(path.join(REPO_ROOT, 'scripts', 'lib', 'icon.mjs')) as typeof IconLib;

interface ListingManifest {
  readonly icon?: string;
  readonly galleryBanner?: { readonly color?: string; readonly theme?: string };
  readonly categories?: readonly string[];
  readonly keywords?: readonly string[];
  readonly contributes: Readonly<Record<string, unknown>> & { readonly viewsContainers: { readonly activitybar: readonly { readonly icon: string }[] } };
}

const manifest = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as ListingManifest;

/** The categories the Marketplace knows (extension manifest reference). */
const MARKETPLACE_CATEGORIES = new Set([
  'AI', 'Azure', 'Chat', 'Data Science', 'Debuggers', 'Education', 'Extension Packs', 'Formatters', 'Keymaps',
  'Language Packs', 'Linters', 'Machine Learning', 'Notebooks', 'Other', 'Programming Languages', 'SCM Providers',
  'Snippets', 'Testing', 'Themes', 'Visualization'
]);

/** Width and height from a PNG's IHDR chunk; throws when the bytes are not a PNG. */
function pngSize(bytes: Buffer): { width: number; height: number } {
  assert.ok(bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])), 'PNG signature');
  assert.strictEqual(bytes.subarray(12, 16).toString('ascii'), 'IHDR');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

/** What `vsce ls` lists: the files the VSIX would hold. */
function vsceLs(): string[] {
  const run = spawnSync(process.execPath, [path.join(REPO_ROOT, 'node_modules', '@vscode', 'vsce', 'vsce'), 'ls', '--no-dependencies'], { cwd: REPO_ROOT, encoding: 'utf8' });
  assert.strictEqual(run.status, 0, run.stderr);
  return run.stdout.split('\n').map((line) => line.trim()).filter(Boolean);
}

describe('Marketplace listing (package.json, vsce ls)', function () {
  this.timeout(60_000);

  it('has a gallery banner, known categories, and distinct keywords within the Marketplace limit', () => {
    assert.match(manifest.galleryBanner?.color ?? '', /^#[0-9A-Fa-f]{6}$/);
    assert.ok(['dark', 'light'].includes(manifest.galleryBanner?.theme ?? ''), 'banner theme dark or light');
    const categories = manifest.categories ?? [];
    assert.ok(categories.length > 0 && categories.every((c) => MARKETPLACE_CATEGORIES.has(c)), `categories: ${categories.join(', ')}`);
    // AI and Chat exactly when the extension offers something to chat and agents (language-model tools, chat
    // participants, MCP servers): a listing that claims what the extension does not do misleads.
    const forAgents = ['languageModelTools', 'chatParticipants', 'mcpServerDefinitionProviders'].some((key) => key in manifest.contributes);
    assert.strictEqual(categories.includes('AI'), forAgents, 'category AI iff the extension contributes agent tools');
    const keywords = manifest.keywords ?? [];
    assert.ok(keywords.length >= 5 && keywords.length <= 30, `${keywords.length} keywords`);
    assert.strictEqual(new Set(keywords.map((k) => k.toLowerCase())).size, keywords.length, 'no duplicate keywords');
    for (const expected of ['axway', 'support']) {
      assert.ok(keywords.includes(expected), `keyword ${expected}`);
    }
  });

  it('ships a 128×128 PNG icon, rendered from the activity-bar SVG, and lists it in the VSIX', () => {
    assert.match(manifest.icon ?? '', /\.png$/, 'the Marketplace needs a PNG icon');
    const file = path.join(REPO_ROOT, manifest.icon ?? '');
    assert.ok(fs.existsSync(file), `${manifest.icon} is missing: run \`npm run build\` (esbuild.mjs renders it)`);
    assert.deepStrictEqual(pngSize(fs.readFileSync(file)), { width: 128, height: 128 });
    assert.ok(vsceLs().includes(manifest.icon ?? ''), `vsce ls lists ${manifest.icon}`);
  });

  it('draws the activity-bar glyph in white on the banner colour, so the icon cannot drift from the SVG', () => {
    const svg = fs.readFileSync(path.join(REPO_ROOT, manifest.contributes.viewsContainers.activitybar[0].icon), 'utf8');
    const composed = icon.listingIconSvg(svg, manifest.galleryBanner?.color ?? '');
    for (const shape of svg.match(/<(path|rect|circle)\b[^>]*>/g) ?? []) {
      assert.ok(composed.includes(shape), `the listing icon draws ${shape}`);
    }
    assert.ok(!composed.includes('currentColor'), 'no theme colour left: a listing has no theme');
    assert.ok(composed.includes(`fill="${manifest.galleryBanner?.color ?? ''}"`), 'background in the banner colour');
    // The rendered PNG really shows the glyph: white pixels on the background, not a blank square.
    const { Resvg } = createRequire(__filename)('@resvg/resvg-js') as { Resvg: new (svg: string) => { render(): { pixels: Buffer } } };
    const pixels = new Resvg(composed).render().pixels;
    let white = 0;
    let background = 0;
    const [r, g, b] = [1, 3, 5].map((i) => parseInt((manifest.galleryBanner?.color ?? '').slice(i, i + 2), 16));
    for (let i = 0; i < pixels.length; i += 4) {
      if (pixels[i] > 240 && pixels[i + 1] > 240 && pixels[i + 2] > 240) {
        white++;
      } else if (pixels[i] === r && pixels[i + 1] === g && pixels[i + 2] === b) {
        background++;
      }
    }
    assert.ok(white > 500 && background > 5000, `${white} white and ${background} background pixels`);
  });

  it('vsce ls lists only what runs: bundles, webview media, the icon and the manifest files', () => {
    const files = vsceLs();
    assert.ok(files.includes('package.json') && files.includes('dist/extension.js'), files.join('\n'));
    const notShipped = files.filter((f) => /^(src|test|scripts|out|node_modules|docs|\.github|\.ci|\.vscode|test-results)\//.test(f) ||
      /\.(map|ts|mjs|vsix|tsbuildinfo)$/.test(f) || /(^|\/)(tsconfig.*|eslint\.config\..*|esbuild\.mjs|\.mocharc\.json|package-lock\.json)$/.test(f));
    assert.deepStrictEqual(notShipped, []);
    // The webviews load their page apps from dist/webviews/: a VSIX without them shows tabs that do nothing.
    for (const page of ['dist/webviews/case.js', 'dist/webviews/newCase.js']) {
      assert.ok(files.includes(page), `vsce ls lists ${page}`);
    }
    for (const f of files.filter((name) => name.startsWith('dist/'))) {
      assert.match(f, /^dist\/(webviews\/)?[\w-]+\.js$|^dist\/icon\.png$/, `${f} is a bundle (an extension bundle or a webview page app) or the icon`);
    }
  });
});
