// Bundles the extension in parts so activation stays cheap (a unit test keeps dist/extension.js at 60 KiB or less):
//   dist/extension.js  wiring, the tree and its cache paint, and the small holders that load the others on first use
//                      (built on its own: @vscode/l10n is answered there by vscode.l10n, src/util/hostL10n.ts).
//   dist/network.js    token client and Support API service (axios),
//                      loaded with require() the first time the extension needs the network.
//   dist/telemetry.js  the @vscode/extension-telemetry reporter, loaded only when a connection string is set.
//   dist/forms.js      the note form's host side (drafts, file picking, sending), loaded when a case tab needs it.
//   dist/newCase.js    the New Support Case form, loaded the first time it opens.
//   dist/caseActions.js  Close Case and Download Attachment, loaded the first time one of them runs.
//   dist/commands.js   the palette and menu commands (stand-ins are registered at activation), loaded on first run.
//   dist/signIn.js     the sign-in flow and its prompts, loaded when a sign-in starts or a stored pair is refused.
//   dist/caseTab.js    the case tab's host code, loaded when a case opens or a tab is restored.
//   dist/writes.js     CaseWrites and the write ledger, loaded when a note, new case or close is first sent.
//   dist/follow.js     auto-refresh, notifications and the status bar, loaded when the first account is signed in.
//   dist/auth.js       the authentication provider's session work, loaded on VS Code's first session request.
//   dist/testing.js    the test seams and test API, required only outside Production mode.
//   dist/mcp.js        the stdio MCP server (a process of its own, started by VS Code; never loaded by the extension).
//   dist/mcpHost.js    the extension's end of the MCP server's private channel, loaded when VS Code starts the server.
//   dist/agentTools.js   the agent tool catalogue behind the language-model tools, loaded on the first tool call.
//   dist/listLoads.js  the list's paging, change question and merge, load reports and cache writes, loaded by the
//                      first load or refresh (the tree paints from the cache without it).
//   dist/webviews/case.js, dist/webviews/newCase.js  the two pages' apps (src/webviews), bundled for the browser:
//                      they run inside the webviews, which load them from dist/webviews/ with the page's nonce.
// and renders the listing icon (package.json `icon`) from the activity-bar SVG, so the two cannot drift.
import * as esbuild from 'esbuild';
import { readFileSync } from 'fs';
import { renderListingIcon } from './scripts/lib/icon.mjs';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
// `--outdir=DIR` builds elsewhere than dist/ (the bundle-size unit test builds production into a temporary folder).
const outdir = process.argv.find((a) => a.startsWith('--outdir='))?.slice('--outdir='.length) ?? 'dist';

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

const nodeOptions = {
  entryPoints: { network: 'src/network/networkBundle.ts', telemetry: 'src/telemetry/reporter.ts', forms: 'src/views/caseTab/noteForms.ts', newCase: 'src/views/newCase/index.ts', caseActions: 'src/commands/caseActions.ts',
    commands: 'src/commands/index.ts',
    signIn: 'src/auth/signInBundle.ts',
    caseTab: 'src/views/caseTab/index.ts',
    writes: 'src/views/writesBundle.ts',
    follow: 'src/follow/follow.ts',
    auth: 'src/auth/authProvider.ts',
    testing: 'src/testing/testApi.ts',
    agentTools: 'src/lmTools/lmTools.ts',
    mcpHost: 'src/mcp/host.ts',
    listLoads: 'src/cases/listLoads.ts'
  },

  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node18',
  outdir,
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
};
// Every bundle that runs in the extension host answers @vscode/l10n with vscode.l10n (src/util/hostL10n.ts): the host
// holds the display language's strings, so no bundle needs a copy of the library or has to be handed the strings.
const hostL10n = { '@vscode/l10n': './src/util/hostL10n.ts' };
const ctx = await esbuild.context({ ...nodeOptions, alias: hostL10n });
const activation = await esbuild.context({ ...nodeOptions, entryPoints: { extension: 'src/extension.ts' }, alias: hostL10n });
// The MCP server runs in a process of its own, without vscode: it keeps the real library (and speaks English).
const server = await esbuild.context({ ...nodeOptions, entryPoints: { mcp: 'src/mcp/main.ts' } });

// The page apps: no Node and no vscode in a webview; a Node module imported by mistake fails the build here.
const pages = await esbuild.context({
  entryPoints: { 'webviews/case': 'src/webviews/case/main.ts', 'webviews/newCase': 'src/webviews/newCase/main.ts' },
  bundle: true,
  format: 'iife',
  platform: 'browser',
  target: 'es2022',
  outdir,
  minify: production,
  sourcemap: !production,
  sourcesContent: false,
  logLevel: 'silent',
  plugins: [problemMatcherPlugin]
});

if (outdir === 'dist') {
  renderListingIcon();
}
if (watch) {
  await Promise.all([ctx.watch(), activation.watch(), server.watch(), pages.watch()]);
} else {
  const results = await Promise.allSettled([ctx.rebuild(), activation.rebuild(), server.rebuild(), pages.rebuild()]);
  await Promise.all([ctx.dispose(), activation.dispose(), server.dispose(), pages.dispose()]);
  const failed = results.find((r) => r.status === 'rejected');
  if (failed) {
    throw failed.reason;
  }
}
