/**
 * Child process for the hostile-file test: reads each file named on the command line through
 * `readTableRows` and prints one JSON line per file. Run under a heap limit and a timeout by the parent,
 * so a crash, an out-of-memory or a hang shows up as the child's exit, naming the file it was on.
 */

import { readTableRows } from '../../../src/core/tables/readTableRows';
import { nodeFileSystem } from '../../../src/node/nodeFileSystem';

async function main(): Promise<void> {
  for (const file of process.argv.slice(2)) {
    process.stdout.write(JSON.stringify({ start: file }) + '\n');
    const t0 = Date.now();
    const r = await readTableRows(nodeFileSystem, file, { limit: 1000 });
    process.stdout.write(JSON.stringify({ file, kind: r.kind ?? null, rows: r.rows.length, issues: r.issues.map((i) => `${i.code}: ${i.message}`), ms: Date.now() - t0 }) + '\n');
  }
}

main().catch((e: unknown) => {
  process.stdout.write(JSON.stringify({ thrown: e instanceof Error ? e.message : String(e) }) + '\n');
  process.exitCode = 3;
});
