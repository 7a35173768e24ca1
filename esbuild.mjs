// Bundles the extension in three parts so activation stays cheap:
//   dist/extension.js  wiring, views and commands (no axios, no telemetry SDK)
//   dist/network.js    token client and Support API service (axios),
//                      loaded with require() the first time the extension needs the network.
//   dist/telemetry.js  the @vscode/extension-telemetry reporter, loaded only when a connection string is set.
//   dist/forms.js      the note form's host side (drafts, file picking, sending), loaded when a case tab needs it.
//   dist/newCase.js    the New Support Case form, loaded the first time it opens.
//   dist/caseActions.js  Close Case and Download Attachment, loaded the first time one of them runs.
//   dist/webviews/case.js, dist/webviews/newCase.js  the two pages' apps (src/webviews), bundled for the browser:
//                      they run inside the webviews, which load them from dist/webviews/ with the page's nonce.
// and renders the listing icon (package.json `icon`) from the activity-bar SVG, so the two cannot drift.
import * as esbuild from 'esbuild';
import { renderListingIcon } from './scripts/lib/icon.mjs';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/** Prints errors in the format of the `$esbuild-watch` problem matcher. */
const problemMatcherPlugin = {
  name: 'esbuild-problem-matcher',
  setup(build) {
    build.onStart(() => console.log('[watch] build started'));
    build.onEnd((result) => {
      for (const { text, location } of result.errors) {
        console.error(`✘ [ERROR] ${text}`);
        if (location) {
          console.error(`    ${location.file}:${location.line}:${location.column}:`);
        }
      }
      console.log('[watch] build finished');
    });
  }
};

const ctx = await esbuild.context({
  entryPoints: { extension: 'src/extension.ts', network: 'src/api/index.ts', telemetry: 'src/telemetry/reporter.ts', forms: 'src/views/caseTab/noteForms.ts', newCase: 'src/views/newCase/index.ts', caseActions: 'src/commands/caseActions.ts' },

  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node18',
  outdir: 'dist',
  external: ['vscode'],
  minify: production,
  sourcemap: !production,
  sourcesContent: false,
  logLevel: 'silent',
  define: {
    // Telemetry is off unless a build sets a connection string; an empty one selects the no-op reporter.
    AXWAY_TELEMETRY_CONNECTION_STRING: JSON.stringify(process.env.AXWAY_TELEMETRY_CONNECTION_STRING ?? '')
  },
  plugins: [problemMatcherPlugin]
});

// The page apps: no Node and no vscode in a webview; a Node module imported by mistake fails the build here.
const pages = await esbuild.context({
  entryPoints: { 'webviews/case': 'src/webviews/case/main.ts', 'webviews/newCase': 'src/webviews/newCase/main.ts' },
  bundle: true,
  format: 'iife',
  platform: 'browser',
  target: 'es2022',
  outdir: 'dist',
  minify: production,
  sourcemap: !production,
  sourcesContent: false,
  logLevel: 'silent',
  plugins: [problemMatcherPlugin]
});

renderListingIcon();
if (watch) {
  await Promise.all([ctx.watch(), pages.watch()]);
} else {
  const results = await Promise.allSettled([ctx.rebuild(), pages.rebuild()]);
  await Promise.all([ctx.dispose(), pages.dispose()]);
  const failed = results.find((r) => r.status === 'rejected');
  if (failed) {
    throw failed.reason;
  }
}
