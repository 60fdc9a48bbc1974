/**
 * The fuzzer-found Arrow IPC and Parquet files of the corpus: each one read in a child process with a
 * 512 MB heap and a time limit gives an issue or rows. A V8 abort, an out-of-memory, a throw out of the
 * reader or a hang shows up as the child's exit status, naming the file it was reading.
 */

import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import * as path from 'node:path';
import { needCorpus, repoRoot } from '../../support/corpus';

const CHILD = path.join(__dirname, 'hostileChild.ts');

interface ChildLine {
  start?: string;
  file?: string;
  rows?: number;
  issues?: string[];
  thrown?: string;
}

function readAllInChild(files: readonly string[]): { status: number | null; signal: NodeJS.Signals | null; lines: ChildLine[]; stderr: string } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--max-old-space-size=512', CHILD, ...files], { cwd: repoRoot, encoding: 'utf8', timeout: 180_000, maxBuffer: 64 * 1024 * 1024 });
  const lines = r.stdout
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as ChildLine);
  return { status: r.status, signal: r.signal, lines, stderr: r.stderr };
}

for (const sub of ['hostile-ipc', 'hostile-parquet']) {
  suite(`hostile files: ${sub}`, () => {
    test('every file gives an issue or rows, without crash, out-of-memory or hang', function () {
      this.timeout(200_000);
      const dir = needCorpus(this, path.join('arrow', sub));
      const files = readdirSync(dir)
        .sort()
        .map((n) => path.join(dir, n));
      assert.ok(files.length >= 30);
      const r = readAllInChild(files);
      const started = r.lines.filter((l) => l.start !== undefined).map((l) => l.start);
      assert.equal(r.signal, null, `child killed (${r.signal}) while reading ${started.at(-1)}`);
      assert.equal(r.status, 0, `child exited ${r.status} while reading ${started.at(-1)}: ${r.stderr.slice(0, 500)}`);
      const done = r.lines.filter((l) => l.file !== undefined);
      assert.deepEqual(done.map((l) => l.file), files);
      for (const l of done) assert.ok(Array.isArray(l.issues) && typeof l.rows === 'number', `${l.file}: no result`);
      // Nearly all are malformed; the reader must say so rather than return silence.
      assert.ok(done.filter((l) => (l.issues?.length ?? 0) > 0).length >= files.length - 5);
    });
  });
}
