// Style rules for the whole tree, and the import boundaries between the runtimes (README, Architecture).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// A regex, not gitignore-style globs: a glob 'fs' would also forbid the core's own '../fs/fileSystem'.
const nodeBuiltins = { regex: '^(node:.*|fs|fs/promises|path|os|crypto|child_process|zlib|util|stream|url|worker_threads|http|https|net)$' };

/** One `no-restricted-imports` rule from a list of forbidden module patterns, each with the reason. */
function forbid(groups) {
  return {
    'no-restricted-imports': ['error', {
      patterns: groups.map(([group, message]) => (Array.isArray(group) ? { group, message } : { ...group, message })),
    }],
  };
}

const notVscode = [['vscode'], 'Only src/extension and the in-editor tests may import vscode.'];
const notLsp = [['vscode-languageserver', 'vscode-languageserver/*', 'vscode-languageserver-*', 'vscode-jsonrpc', 'vscode-jsonrpc/*'], 'Only src/server (and src/protocol/lsp.ts) may import the language-server libraries.'];
const notClient = [['vscode-languageclient', 'vscode-languageclient/*'], 'Only src/extension may import the language client.'];
const notNode = [nodeBuiltins, 'This code runs outside Node; take the host capability as a parameter instead.'];

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', '.vscode-test/**', 'examples/**', 'media/**/*.js'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2022, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'off',
      eqeqeq: ['error', 'always'],
    },
  },
  {
    files: ['**/*.mjs', 'scripts/**/*.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly', fetch: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', Buffer: 'readonly', __dirname: 'readonly' } },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: {
      ...forbid([notVscode, notLsp, notClient, notNode,
        [['../protocol/*', '../server/*', '../extension/*', '../webview/*', '../cli/*', '../node/*', '../../*'], 'src/core imports only src/core.']]),
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
  {
    files: ['src/protocol/**/*.ts'],
    ignores: ['src/protocol/lsp.ts'],
    rules: {
      ...forbid([notVscode, notLsp, notClient, notNode,
        [['../server/*', '../extension/*', '../webview/*', '../cli/*', '../node/*'], 'src/protocol imports only types from src/core.']]),
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
  {
    files: ['src/protocol/lsp.ts'],
    rules: { ...forbid([notVscode, notClient, notNode]), '@typescript-eslint/no-explicit-any': 'error' },
  },
  {
    files: ['src/server/**/*.ts'],
    rules: forbid([notVscode, notClient, [['../extension/*', '../webview/*', '../cli/*'], 'The server does not import other runtimes.']]),
  },
  {
    files: ['src/extension/**/*.ts'],
    rules: forbid([notLsp, [['../server/*', '../webview/*', '../cli/*'], 'The extension talks to the server and the webview through src/protocol.']]),
  },
  {
    files: ['src/webview/**/*.ts'],
    rules: {
      ...forbid([notVscode, notLsp, notClient, notNode, [['../server/*', '../extension/*', '../cli/*', '../node/*'], 'The webview talks to the host only through src/protocol messages.']]),
      // Plan data (task names are user data) reaches the page as text only: no markup sinks at all.
      'no-restricted-properties': [
        'error',
        ...['innerHTML', 'outerHTML', 'insertAdjacentHTML', 'srcdoc'].map((property) => ({ property, message: 'Set text with textContent and build elements with createElement(NS); never parse plan data as markup.' })),
        { object: 'document', property: 'write', message: 'Never write markup into the webview.' },
      ],
      'no-restricted-globals': ['error', { name: 'eval', message: 'The webview CSP forbids eval.' }],
    },
  },
  {
    files: ['src/cli/**/*.ts', 'src/node/**/*.ts'],
    rules: forbid([notVscode, notClient, [['../extension/*', '../webview/*', '../server/*'], 'The CLI runs on the core and the Node adapters only.']]),
  },
);
