// Bundles the extension in three parts so activation stays cheap:
//   dist/extension.js  wiring, views and commands (no axios, no telemetry SDK)
//   dist/network.js    token client and Support API service (axios),
//                      loaded with require() the first time the extension needs the network.
//   dist/telemetry.js  the @vscode/extension-telemetry reporter, loaded only when a connection string is set.
//   dist/forms.js      the note form's host side (drafts, file picking, sending), loaded when a case tab needs it.
//   dist/newCase.js    the New Support Case form, loaded the first time it opens.
//   dist/caseActions.js  Close Case and Download Attachment, loaded the first time one of them runs.
//   dist/mcp.js        the stdio MCP server (a process of its own, started by VS Code; never loaded by the extension).
//   dist/mcpHost.js    the extension's end of the MCP server's private channel, loaded when VS Code starts the server.
//   dist/agentTools.js   the agent tool catalogue behind the language-model tools, loaded on the first tool call.
// and renders the listing icon (package.json `icon`) from the activity-bar SVG, so the two cannot drift.
import * as esbuild from 'esbuild';
import { readFileSync } from 'fs';
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
  entryPoints: { extension: 'src/extension.ts', network: 'src/api/index.ts', telemetry: 'src/telemetry/reporter.ts', forms: 'src/views/caseTab/noteForms.ts', newCase: 'src/views/newCase/index.ts', caseActions: 'src/commands/caseActions.ts', agentTools: 'src/lmTools/lmTools.ts', mcp: 'src/mcp/main.ts', mcpHost: 'src/mcp/host.ts' },

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
    AXWAY_TELEMETRY_CONNECTION_STRING: JSON.stringify(process.env.AXWAY_TELEMETRY_CONNECTION_STRING ?? ''),
    // The MCP server reports the extension's version to its clients.
    AXWAY_EXTENSION_VERSION: JSON.stringify(JSON.parse(readFileSync('package.json', 'utf8')).version)
  },
  plugins: [problemMatcherPlugin]
});

renderListingIcon();
if (watch) {
  await ctx.watch();
} else {
  await ctx.rebuild();
  await ctx.dispose();
}
