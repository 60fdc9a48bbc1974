// One build script, one context per runtime. esbuild only bundles; `npm run typecheck` type-checks.
// Usage: node esbuild.mjs [--production] [--watch]
import * as esbuild from 'esbuild';
import { existsSync, rmSync } from 'node:fs';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

const common = {
  bundle: true,
  minify: production,
  sourcemap: production ? false : 'linked',
  sourcesContent: false,
  logLevel: 'warning',
  logOverride: { 'import-is-undefined': 'error' },
  legalComments: 'none',
};

const node = { ...common, platform: 'node', format: 'cjs', target: 'node20', external: ['vscode'] };

/** Each bundle, by entry point; a runtime whose entry does not exist yet is not built. */
const bundles = [
  { ...node, entryPoints: ['src/extension/extension.ts'], outfile: 'dist/extension.js' },
  { ...node, entryPoints: ['src/server/main.ts'], outfile: 'dist/server.js' },
  { ...node, entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } },
  // `.min.js` as text: the webview embeds elkjs's worker script and starts it from a blob: URL
  // (src/webview/layout/elkWorkerSession.ts); test/webview/browserHarness.ts bundles with the same loader.
  { ...common, platform: 'browser', format: 'iife', target: 'es2022', loader: { '.min.js': 'text' }, entryPoints: ['src/webview/main.ts'], outfile: 'dist/webview/main.js' },
  // The comparison of two runs (two plan-graph canvases) and the readable pages (summaries, comparison text).
  { ...common, platform: 'browser', format: 'iife', target: 'es2022', entryPoints: ['src/webview/compare/compareMain.ts'], outfile: 'dist/webview/compare.js' },
  { ...common, platform: 'browser', format: 'iife', target: 'es2022', entryPoints: ['src/webview/compare/readableMain.ts'], outfile: 'dist/webview/readable.js' },
  // The in-editor test suite: mocha is resolved from node_modules at run time inside the extension host.
  { ...node, entryPoints: ['test/integration/index.ts'], outfile: 'dist/test/integration.js', external: ['vscode', 'mocha'], minify: false, sourcemap: 'inline' },
].filter((b) => existsSync(b.entryPoints[0]));

if (watch) {
  for (const b of bundles) await (await esbuild.context(b)).watch();
  console.log(`watching ${bundles.length} bundles`);
} else {
  // A production build starts from an empty dist/: source maps of an earlier development build must not
  // end up in the .vsix.
  if (production) rmSync('dist', { recursive: true, force: true });
  const started = Date.now();
  await Promise.all(bundles.map((b) => esbuild.build(b)));
  console.log(`built ${bundles.map((b) => b.outfile).join(', ')} in ${Date.now() - started} ms`);
}
