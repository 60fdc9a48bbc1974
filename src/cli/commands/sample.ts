/**
 * `plan-lens sample`: writes a seeded, deterministic artifact set of a plan-driven pipeline (scan and
 * view tasks, schedule, validation, plan bundles, runs with drift, cache lineage, Delta inputs) into an
 * empty folder. Every file is written atomically; a non-empty folder is refused unless --force.
 */

import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { sampleFiles } from '../../core/sample/generateSample';
import { writeFileAtomic } from '../../node/atomicWrite';
import { nodeSha256 } from '../../node/nodeSha256';
import { type CliCommand, ExitCode, UsageError, parseCommandArgs } from '../cliCommand';

const usage = `Usage: plan-lens sample --out DIR [--tasks N] [--runs K] [--seed S] [--force]

Writes a realistic artifact set of a plan-driven pipeline (docs/sample.md).
  --out DIR    target folder (created; must be empty unless --force)
  --tasks N    tasks in the plan, scan + view (default 60, 2..100000)
  --runs K     runs of the plan (default 2; run 2 has drift)
  --seed S     seed, a non-negative integer (default 1); equal seeds give identical bytes
  --force      write into a non-empty folder (files with the same names are replaced)`;

function intOption(value: string | undefined, name: string, fallback: number, min: number): number {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > 0xffffffff) throw new UsageError(`--${name} must be an integer >= ${min}, got '${value}'`);
  return Number(value);
}

export const sampleCommand: CliCommand = {
  name: 'sample',
  summary: 'Write a seeded sample workspace of pipeline artifacts (plan, runs, Delta inputs)',
  usage,
  async run(args, io) {
    const parsed = parseCommandArgs(args, { out: { type: 'string' }, tasks: { type: 'string' }, runs: { type: 'string' }, seed: { type: 'string' }, force: { type: 'boolean' } });
    if (parsed.positionals.length > 0) throw new UsageError(`unexpected argument '${parsed.positionals[0]}'`);
    const { values } = parsed;
    if (values.out === undefined) throw new UsageError('--out DIR is required');
    const tasks = intOption(values.tasks, 'tasks', 60, 2);
    const runs = intOption(values.runs, 'runs', 2, 1);
    // 100k tasks, the largest plan the benchmarks and editor tests use, takes about 40 s and 1.2 GB here
    // (docs/sample.md); its graph and validation files already come close to the 256 MB read limit.
    if (tasks > 100_000) throw new UsageError('--tasks is limited to 100000');
    if (runs > 100) throw new UsageError('--runs is limited to 100');
    const seed = intOption(values.seed, 'seed', 1, 0);
    const out = path.resolve(io.cwd, values.out);
    const existing = await fs.readdir(out).catch((e: NodeJS.ErrnoException) => {
      if (e.code === 'ENOENT') return [] as string[];
      throw e;
    });
    if (existing.length > 0 && values.force !== true) {
      io.err(`plan-lens sample: ${out} is not empty; pass --force to write into it`);
      return ExitCode.InputErrors;
    }
    // Each file is written as soon as it is made, so a 100k-task sample (600 MB) is never held whole.
    let count = 0;
    let bytes = 0;
    for (const f of sampleFiles({ tasks, runs, seed, sha256: nodeSha256 })) {
      await writeFileAtomic(path.join(out, ...f.path.split('/')), f.bytes);
      count++;
      bytes += f.bytes.length;
    }
    io.out(`plan-lens sample: wrote ${count} files (${bytes} bytes) to ${out}: ${tasks} tasks, ${runs} run(s), seed ${seed}`);
    return ExitCode.Ok;
  },
};
