/**
 * `npm run package`: a production .vsix with @vscode/vsce (its vscode:prepublish hook builds the bundles
 * minified and without source maps), then checks what went in and prints the size against the budget.
 */

import { execFileSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { unzipSync } from 'fflate';
import { repoRoot } from './paths';

const budgetBytes = 5 * 1024 * 1024;
/** Files that must never ship: tests, sources, source maps, dependency folders (esbuild bundles them). */
const forbidden = [/\.map$/, /(^|\/)test\//, /\.ts$/, /(^|\/)node_modules\//, /(^|\/)src\//];

/**
 * README links stay relative (`--no-rewrite-relative-links`): the repository has no public URL to point
 * them at, and vsce refuses to package rather than leave them.
 */
export function packageVsix(): string {
  const manifest = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { name: string; version: string };
  const out = path.join(repoRoot, `${manifest.name}-${manifest.version}.vsix`);
  execFileSync(process.execPath, [path.join(repoRoot, 'node_modules', '@vscode', 'vsce', 'vsce'), 'package', '--no-dependencies', '--skip-license', '--no-rewrite-relative-links', '--out', out], {
    cwd: repoRoot,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const entries = Object.keys(unzipSync(readFileSync(out))).filter((name) => !name.endsWith('/'));
  const bad = entries.filter((name) => forbidden.some((re) => re.test(name.replace(/^extension\//, ''))));
  if (bad.length > 0) throw new Error(`the .vsix contains files that must not ship: ${bad.join(', ')}`);
  const size = statSync(out).size;
  console.log(`${path.relative(repoRoot, out)}: ${(size / 1024).toFixed(1)} KiB, ${entries.length} files (budget ${budgetBytes / 1024 / 1024} MiB)`);
  if (size > budgetBytes) throw new Error(`the .vsix is over its ${budgetBytes / 1024 / 1024} MiB budget`);
  return out;
}

if (require.main === module) packageVsix();
