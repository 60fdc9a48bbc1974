/** `plan-lens bundle DIR -o FILE`: joins a directory of pipeline artifacts into one `*.planlens.json`. */

import * as path from 'node:path';
import { loadPlanInput } from '../../core/load/loadPlanInput';
import { megabytesToBytes } from '../../core/artifacts/decode';
import { formatIssue, hasErrors } from '../../core/issues';
import { DEFAULT_MAX_FILE_BYTES } from '../../core/json/parseJson';
import { bundleText, makeBundle } from '../../core/load/bundle';
import { writeFileAtomic } from '../../node/atomicWrite';
import { nodeFileSystem } from '../../node/nodeFileSystem';
import { type CliCommand, ExitCode, parseCommandArgs, UsageError } from '../cliCommand';

const usage = `Usage: plan-lens bundle DIR|FILE -o OUT.planlens.json [--max-file-size-mb N] [--include GLOB]... [--exclude GLOB]...

Reads every plan artifact under DIR (node-link task graph, CLI plan output, plan_schedule_v1,
plan_validation_v1, run manifests, Hamilton events, drift, cache lineage, plan-artifact rows, DOT)
and writes the joined plan model as one versioned Plan Lens bundle. The output is written atomically.

  -o, --output FILE      the bundle to write (required)
  --max-file-size-mb N   refuse artifacts larger than N MB (default ${DEFAULT_MAX_FILE_BYTES / 1024 / 1024})
  --include GLOB         artifact glob relative to DIR (repeatable; replaces the defaults)
  --exclude GLOB         glob to skip (repeatable; replaces the defaults)

Exit status: 0 written, 1 written but the input has errors (issues printed and kept in the bundle), 2 wrong usage.`;

export const bundleCommand: CliCommand = {
  name: 'bundle',
  summary: 'join a directory of pipeline artifacts into one *.planlens.json bundle',
  usage,
  async run(args, io) {
    const parsed = parseCommandArgs(args, { output: { type: 'string', short: 'o' }, 'max-file-size-mb': { type: 'string' }, include: { type: 'string', multiple: true }, exclude: { type: 'string', multiple: true } });
    if (parsed.positionals.length !== 1) throw new UsageError('expected exactly one DIR (or FILE)');
    const out = parsed.values.output;
    if (out === undefined) throw new UsageError('-o FILE is required');
    const maxMb = parsed.values['max-file-size-mb'];
    const maxBytes = maxMb === undefined ? DEFAULT_MAX_FILE_BYTES : megabytesToBytes(Number(maxMb));
    if (!(maxBytes > 0)) throw new UsageError('--max-file-size-mb takes a positive number');
    const input = path.resolve(io.cwd, parsed.positionals[0]);
    const loaded = await loadPlanInput(nodeFileSystem, input, {
      maxBytes,
      ...(parsed.values.include !== undefined ? { include: parsed.values.include } : {}),
      ...(parsed.values.exclude !== undefined ? { exclude: parsed.values.exclude } : {}),
    });
    for (const i of loaded.issues) io.err(formatIssue(i));
    if (loaded.input === 'missing') return ExitCode.InputErrors;
    const target = path.resolve(io.cwd, out);
    await writeFileAtomic(target, bundleText(makeBundle(loaded.model, loaded.issues)));
    const m = loaded.model;
    io.out(`wrote ${out}: ${loaded.files.length} artifact files, ${m.tasks.length} tasks, ${m.dependencies.length} dependencies, ${m.views.length} views, ${m.runs.length} runs, ${loaded.issues.length} issues`);
    return hasErrors(loaded.issues) ? ExitCode.InputErrors : ExitCode.Ok;
  },
};
