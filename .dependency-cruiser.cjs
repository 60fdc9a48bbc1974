/**
 * The import boundaries between Plan Lens's runtimes (README, Architecture), stated once. Paths are
 * matched as whole folders, so a rule holds at any depth (`src/extension/graph/x.ts` is in
 * `src/extension`). Run by `npm run lint` (`depcruise src`); test/unit/boundaries/boundaries.test.ts
 * holds a probe per rule: a small tree that breaks the rule and must be flagged.
 *
 * What this cannot see: globals. The core's DOM- and Node-freedom for globals (`document`, `process`,
 * `Buffer`) is held by src/core/tsconfig.json (lib ES2022, no types), which `npm run typecheck` applies.
 */

/** A package (or its @types twin, or a subpath of it), resolved or not ('vscode' exists only as types). */
const pkg = (...names) => `(^|node_modules/)(@types/)?(${names.join('|')})($|/)`;

const vscode = pkg('vscode');
const languageServer = pkg('vscode-languageserver', 'vscode-languageserver-[a-z-]+', 'vscode-jsonrpc');
const languageClient = pkg('vscode-languageclient');
const folder = (...names) => `^src/(${names.join('|')})/`;

/** One forbidden arrow: `from` may not import `to`, for the reason given. */
function forbid(name, comment, from, to) {
  return { name, comment, severity: 'error', from, to };
}

module.exports = {
  forbidden: [
    // src/core: pure TypeScript over injected capabilities, usable by every runtime.
    forbid('core-imports-only-core', 'src/core imports only src/core: the runtimes build on it, never the reverse.', { path: folder('core') }, { path: '^src/(?!core/)' }),
    forbid('core-no-node', 'src/core runs outside Node too (webview, browser): take the host capability as a parameter.', { path: folder('core') }, { dependencyTypes: ['core'] }),
    forbid('core-no-editor', 'src/core knows no editor: vscode and the language-server libraries belong to the runtimes.', { path: folder('core') }, { path: [vscode, languageServer, languageClient] }),
    // src/core folders form a hierarchy: a cycle between two folders means neither can be read alone.
    {
      name: 'core-no-folder-cycles',
      comment: 'Folders in src/core import each other one way only: a cycle means neither folder can be read or tested alone.',
      severity: 'error',
      scope: 'folder',
      from: { path: '^src/core/' },
      to: { path: '^src/core/', circular: true },
    },

    // src/protocol: typed contracts shared by two runtimes.
    forbid('protocol-imports-core-types-only', 'src/protocol holds contracts, not behaviour: from src/core it imports types only.', { path: folder('protocol') }, { path: folder('core'), dependencyTypesNot: ['type-only'] }),
    forbid('protocol-no-runtimes', 'src/protocol imports only itself and types from src/core.', { path: folder('protocol') }, { path: folder('server', 'extension', 'webview', 'cli', 'node') }),
    forbid('protocol-no-node', 'src/protocol is read by the webview too: no Node built-ins.', { path: folder('protocol') }, { dependencyTypes: ['core'] }),
    forbid('protocol-no-vscode', 'src/protocol is shared with the server and the webview: no vscode, no language client.', { path: folder('protocol') }, { path: [vscode, languageClient] }),
    forbid('protocol-language-server-in-lsp-only', 'Only src/protocol/lsp.ts names the language-server protocol types.', { path: folder('protocol'), pathNot: '^src/protocol/lsp\\.ts$' }, { path: languageServer }),

    // src/webview: the canvas page, talking to the host only through src/protocol messages.
    forbid('webview-no-host', 'The webview talks to the host only through src/protocol messages.', { path: folder('webview') }, { path: folder('server', 'extension', 'cli', 'node') }),
    forbid('webview-no-vscode', 'The webview runs in a browser page: no vscode, no language-server libraries.', { path: folder('webview') }, { path: [vscode, languageServer, languageClient] }),
    forbid('webview-no-node', 'The webview runs in a browser page: no Node built-ins.', { path: folder('webview') }, { dependencyTypes: ['core'] }),

    // src/extension: the extension host, talking to the server and the webview through src/protocol.
    forbid('extension-no-server-internals', 'The extension talks to the language server through src/protocol, never its modules.', { path: folder('extension') }, { path: folder('server', 'webview', 'cli') }),
    forbid('extension-no-language-server', 'Only src/server may use the language-server libraries (the extension has the client).', { path: folder('extension') }, { path: languageServer }),

    // src/server: the one place a plan is parsed and analysed.
    forbid('server-no-other-runtimes', 'The server does not import other runtimes.', { path: folder('server') }, { path: folder('extension', 'webview', 'cli') }),
    forbid('server-no-vscode', 'The server runs outside the extension host: no vscode, no language client.', { path: folder('server') }, { path: [vscode, languageClient] }),

    // src/cli and src/node: the command line over the core and the Node adapters.
    forbid('cli-core-and-node-only', 'The CLI runs on the core and the Node adapters only.', { path: folder('cli', 'node') }, { path: folder('extension', 'webview', 'server') }),
    forbid('cli-no-editor', 'The CLI runs without an editor: no vscode, no language client.', { path: folder('cli', 'node') }, { path: [vscode, languageClient] }),
  ],
  options: {
    // Type-only imports are arrows too: a type circle between folders is still a circle.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.base.json' },
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '\\.d\\.ts$' },
    enhancedResolveOptions: { extensions: ['.ts', '.js', '.mjs', '.cjs', '.json'] },
  },
};
