// `npm run watch`: esbuild in watch mode and the type checker in watch mode (the extension, and the webview page
// apps with the DOM's types), side by side.
import { spawn } from 'node:child_process';

const children = [
  spawn(process.execPath, ['esbuild.mjs', '--watch'], { stdio: 'inherit' }),
  spawn(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.json', '--noEmit', '--watch', '--preserveWatchOutput'], { stdio: 'inherit' }),
  spawn(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'src/webviews/tsconfig.json', '--noEmit', '--watch', '--preserveWatchOutput'], { stdio: 'inherit' })
];
const stop = () => children.forEach((c) => c.kill());
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
