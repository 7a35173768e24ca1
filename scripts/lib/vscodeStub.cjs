// A stand-in for the `vscode` module, used only by `npm run bench` (and its unit test) to time require() + activate()
// in plain Node. Every property is a callable, constructible stub, so activation's registrations succeed without
// doing anything.
'use strict';
const fs = require('node:fs');
const Module = require('node:module');
const path = require('node:path');

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
    // Writes (statusBarItem.name = …, item.text = …) are accepted and forgotten.
    set() {
      return true;
    },
    defineProperty() {
      return true;
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

// Bundlers copy a module's own keys (esbuild's __toESM), so a Proxy fallback on the module itself is never reached:
// every name the real API exports must be a real key. They are read from @types/vscode (the API the code compiles
// against), so a newly used class or enum (StatusBarAlignment crashed the bench once) needs no edit here.
const KNOWN = ['window', 'workspace', 'commands', 'env', 'extensions', 'authentication', 'Uri', 'EventEmitter', 'Disposable',
  'TreeItem', 'TreeItemCollapsibleState', 'ThemeIcon', 'ThemeColor', 'MarkdownString', 'ProgressLocation', 'ViewColumn',
  'ConfigurationTarget', 'StatusBarAlignment', 'QuickPickItemKind', 'FileDecoration', 'CancellationTokenSource'];

function apiNames() {
  const names = new Set(KNOWN);
  try {
    const dts = fs.readFileSync(require.resolve('@types/vscode/index.d.ts', { paths: [path.join(__dirname, '..', '..')] }), 'utf8');
    for (const match of dts.matchAll(/^\texport (?:declare )?(?:class|enum|namespace|const|let|function) ([A-Za-z_$][\w$]*)/gm)) {
      names.add(match[1]);
    }
  } catch {
    // No dev dependencies: the names above are what activation touches today.
  }
  return [...names];
}

/** The stand-in module: every API name is a stub unless `overrides` gives it a value. */
function createVscode(overrides = {}) {
  return {
    ...Object.fromEntries(apiNames().map((name) => [name, stub])),
    ExtensionMode: { Production: 1, Development: 2, Test: 3 },
    // Every bundle's texts go through vscode.l10n.t (src/util/hostL10n.ts): English, with {n} filled in.
    l10n: {
      t: (message, ...args) => {
        const text = typeof message === 'string' ? message : message.message;
        const values = typeof message === 'string' ? args : (message.args ?? []);
        return text.replace(/\{(\d+)\}/g, (whole, i) => (values[i] === undefined ? whole : String(values[i])));
      },
      bundle: undefined
    },
    ...overrides
  };
}

function install(overrides = {}) {
  const vscode = createVscode(overrides);
  const original = Module._resolveFilename;
  Module._resolveFilename = function (request, ...rest) {
    return request === 'vscode' ? 'vscode' : original.call(this, request, ...rest);
  };
  require.cache.vscode = { id: 'vscode', filename: 'vscode', loaded: true, exports: vscode };
  return vscode;
}

// The few classes whose instances activation reads back (tree rows, their icons and tooltips, events).
class TreeItem { constructor(label, collapsibleState) { this.label = label; this.collapsibleState = collapsibleState; } }
class ThemeIcon { constructor(id, color) { this.id = id; this.color = color; } }
class ThemeColor { constructor(id) { this.id = id; } }
class MarkdownString { constructor(v = '') { this.value = v; } appendText(t) { this.value += t; return this; } appendMarkdown(t) { this.value += t; return this; } }
class EventEmitter { constructor() { this.l = new Set(); this.event = (f) => { this.l.add(f); return { dispose: () => this.l.delete(f) }; }; } fire(v) { for (const f of [...this.l]) f(v); } dispose() { this.l.clear(); } }

/** An object that falls back to the stub for what it does not define; what activation writes on it stays readable. */
function partial(own) {
  return new Proxy(own, { get: (t, p) => (p in t ? t[p] : p === 'then' ? undefined : stub) });
}

/**
 * The stand-in for a window the bench watches: `settings` answer the extension's configuration (user values), and the
 * returned object keeps the tree's data provider and the authentication provider activation registers.
 */
function installWindow(settings) {
  const window = { provider: undefined, auth: undefined };
  install({
    window: partial({ createTreeView: (id, options) => { window.provider = options.treeDataProvider; return partial({ dispose() {} }); } }),
    workspace: partial({ getConfiguration: () => partial({ inspect: (key) => ({ globalValue: settings[key] }), get: (key, d) => settings[key] ?? d }), onDidChangeConfiguration: () => ({ dispose() {} }) }),
    authentication: partial({ registerAuthenticationProvider: (id, label, p) => { window.auth = p; return { dispose() {} }; } }),
    TreeItem, ThemeIcon, ThemeColor, MarkdownString, EventEmitter,
    TreeItemCollapsibleState: { None: 0, Collapsed: 1, Expanded: 2 }
  });
  return window;
}

/**
 * The ExtensionContext activate() is given. `storageDir`: where the case list cache lives (default: a folder nobody
 * writes to here; activation only reads it when signed in). `secrets`: SecretStorage's entries by key, kept in that
 * very object, so a caller reads what the extension stored (default: none).
 */
function fakeContext(extensionPath, { storageDir, secrets = {} } = {}) {
  const memento = { keys: () => [], get: () => undefined, update: async () => undefined };
  return {
    subscriptions: [],
    extensionPath,
    // What users run: activation must be as cheap there as measured here.
    extensionMode: 1,
    extensionUri: stub,
    extension: { id: 'axway-support-cases.axway-support-cases', packageJSON: require(path.join(extensionPath, 'package.json')) },
    globalStorageUri: { fsPath: storageDir ?? path.join(require('node:os').tmpdir(), 'axway-bench-global-storage') },
    secrets: {
      get: async (key) => secrets[key],
      store: async (key, value) => { secrets[key] = value; },
      delete: async (key) => { delete secrets[key]; },
      onDidChange: () => ({ dispose() {} })
    },
    globalState: memento,
    workspaceState: memento
  };
}

module.exports = { install, installWindow, createVscode, fakeContext, stub };
