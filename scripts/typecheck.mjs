// Type-checks each runtime with its own tsconfig, so each folder sees only the libraries it may use
// (src/core: no DOM and no Node types; src/webview: DOM, no Node; ...). esbuild does not type-check.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';

const projects = ['src/core', 'src/protocol', 'src/server', 'src/extension', 'src/webview', 'src/cli', 'src/node', 'test']
  .filter((p) => existsSync(`${p}/tsconfig.json`) && readdirSync(p, { recursive: true }).some((f) => String(f).endsWith('.ts')));
let failed = 0;
for (const p of projects) {
  try {
    execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', p], { stdio: 'inherit' });
  } catch {
    failed++;
  }
}
console.log(`typecheck: ${projects.length - failed}/${projects.length} projects clean`);
process.exit(failed > 0 ? 1 : 0);
