// Flat config. Everything: ESLint's recommended rules and typescript-eslint's recommended (syntax-only) rules.
// src/ additionally gets typescript-eslint's `recommendedTypeChecked` rules, which read the TypeScript types: among
// them no-floating-promises (a promise nobody awaits or voids), no-misused-promises (an async function where a
// void callback is expected, e.g. an event listener), no-unsafe-* (values typed `any` flowing anywhere) and
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', '.vscode-test/**', '*.vsix', 'test-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      curly: 'error',
      'no-console': 'off'
    }
  },
  {
    files: ['src/**/*.ts'],
    extends: [...tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname }
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error'
    }
  },
  {
    // The page apps and their protocols run in a webview (a browser) as well: neither vscode nor Node is there.
    // (esbuild's browser build fails on a Node module too; this says so where the import is written.)
    files: ['src/webviews/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: ['vscode', 'fs', 'path', 'crypto', 'os', 'http', 'https', 'stream', 'child_process', 'events', 'util'],
        patterns: [{ group: ['node:*'], message: 'Webview code runs in a browser.' }]
      }]
    }
  },
  {
    files: ['**/*.mjs', '**/*.js'],
    languageOptions: {
      globals: { process: 'readonly', console: 'readonly', URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', Buffer: 'readonly', __dirname: 'readonly', require: 'readonly', module: 'writable', fetch: 'readonly', setInterval: 'readonly', clearInterval: 'readonly', AbortController: 'readonly', document: 'readonly', window: 'readonly' }
    }
  },
  {
    files: ['**/*.cjs'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: { require: 'readonly', module: 'writable', exports: 'writable', process: 'readonly', console: 'readonly', __dirname: 'readonly' }
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' }
  }
);
