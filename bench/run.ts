/**
 * `npm run bench`: runs every suite in bench/suites (or those named on the command line) and prints their
 * tables in Markdown, ready to paste into a closing note. `--quick` uses smaller sizes for a smoke run.
 */

import { readdirSync } from 'node:fs';
import * as path from 'node:path';
import { renderTable, type BenchSuite } from './harness';

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const quick = args.includes('--quick');
  const wanted = args.filter((a) => !a.startsWith('--'));
  const dir = path.join(__dirname, 'suites');
  const files = readdirSync(dir).filter((f) => f.endsWith('.ts')).sort();
  console.log(`node ${process.version}, ${process.platform}/${process.arch}${quick ? ', quick sizes' : ''}`);
  for (const file of files) {
    const { suite } = (await import(path.join(dir, file))) as { suite: BenchSuite };
    if (wanted.length > 0 && !wanted.includes(suite.name)) continue;
    console.log(`\n## ${suite.name}\n`);
    for (const table of await suite.run({ quick })) console.log(renderTable(table) + '\n');
  }
}

void main();
