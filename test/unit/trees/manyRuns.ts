/**
 * A workspace of many runs for the trees' scale tests: the sample generator's own output (the pipeline's
 * formats, artifact-formats.md) for a 10-task plan run `runs` times, so 1,000 runs carry 10,000 cache
 * lineage rows (one per executed node; the second run's drift drops two). Written once per process into
 * a temporary folder, removed at exit.
 */

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { sampleFiles } from '../../../src/core/sample/generateSample';
import { nodeSha256 } from '../../../src/node/nodeSha256';

const made = new Map<number, string>();

export function manyRunsWorkspace(runs: number): string {
  const known = made.get(runs);
  if (known !== undefined) return known;
  const dir = mkdtempSync(path.join(tmpdir(), `plan-lens-runs-${runs}-`));
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  for (const f of sampleFiles({ tasks: 10, runs, seed: 1, sha256: nodeSha256 })) {
    const target = path.join(dir, ...f.path.split('/'));
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, f.bytes);
  }
  made.set(runs, dir);
  return dir;
}
