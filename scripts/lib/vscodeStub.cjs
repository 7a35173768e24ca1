// A stand-in for the `vscode` module, used only by `npm run bench` to time require() + activate() in plain Node.
// Every property is a callable, constructible stub, so activation's registrations succeed without doing anything.
'use strict';
const Module = require('node:module');

function makeStub() {
  const target = function () {};
  const stub = new Proxy(target, {
    get(_t, prop) {
      if (prop === 'then') {
        return undefined; // not a thenable: `await stub` must not hang
      }
      if (prop === Symbol.toPrimitive) {
        return () => '';
      }
      if (prop === 'prototype') {
        return target.prototype;
      }
      return stub;
    },
    apply() {
      return stub;
    },
    construct() {
      return stub;
    }
  });
  return stub;
}

const stub = makeStub();
// Bundlers copy a module's own keys (esbuild's __toESM), so the namespaces activation touches must be real keys.
const NAMES = ['window', 'workspace', 'commands', 'env', 'extensions', 'Uri', 'EventEmitter', 'Disposable', 'TreeItem',
  'TreeItemCollapsibleState', 'ThemeIcon', 'ThemeColor', 'MarkdownString', 'ProgressLocation', 'ViewColumn', 'ConfigurationTarget'];
const vscode = { ...Object.fromEntries(NAMES.map((name) => [name, stub])), ExtensionMode: { Production: 1, Development: 2, Test: 3 } };

function install() {
  const original = Module._resolveFilename;
  Module._resolveFilename = function (request, ...rest) {
    return request === 'vscode' ? 'vscode' : original.call(this, request, ...rest);
  };
  require.cache.vscode = { id: 'vscode', filename: 'vscode', loaded: true, exports: vscode };
}

function fakeContext(extensionPath) {
  const memento = { keys: () => [], get: () => undefined, update: async () => undefined };
  return {
    subscriptions: [],
    extensionPath,
    // What users run: activation must be as cheap there as measured here.
    extensionMode: 1,
    extensionUri: stub,
    // Where the case list cache lives; a folder nobody writes to here (activation only reads it when signed in).
    globalStorageUri: { fsPath: require('node:path').join(require('node:os').tmpdir(), 'axway-bench-global-storage') },
    secrets: { get: async () => undefined, store: async () => undefined, delete: async () => undefined, onDidChange: () => ({ dispose() {} }) },
    globalState: memento,
    workspaceState: memento
  };
}

module.exports = { install, fakeContext };
