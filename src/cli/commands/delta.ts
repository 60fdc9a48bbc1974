/** `plan-lens delta TABLE [--version N | --timestamp T] [--json]`: a Delta table's state and history. */

import * as path from 'node:path';
import { readDeltaTable } from '../../core/delta/deltaTable';
import { deltaTableReport } from '../../core/delta/report';
import { formatIssue, hasErrors } from '../../core/issues';
import { nodeFileSystem } from '../../node/nodeFileSystem';
import { type CliCommand, ExitCode, parseCommandArgs, UsageError } from '../cliCommand';

const usage = `Usage: plan-lens delta TABLE [--version N | --timestamp T] [--no-checkpoint] [--json]

Reads a Delta table's _delta_log (JSON commits, classic, multi-part and v2 checkpoints) and prints the
table at the latest version, or at --version N, or at the newest version committed at or before
--timestamp T (ISO 8601 or ms since the epoch): protocol, metadata, schema, active files with sizes and
partition values, and the commit history.

  --version N       time travel to version N
  --timestamp T     time travel to time T
  --no-checkpoint   replay every JSON commit instead of starting from a checkpoint
  --json            print one JSON object instead of a summary

Exit status: 0 success, 1 the table has errors (issues are still printed), 2 wrong usage.`;

export const deltaCommand: CliCommand = {
  name: 'delta',
  summary: 'a Delta table at a version or time: protocol, schema, active files, history',
  usage,
  async run(args, io) {
    const parsed = parseCommandArgs(args, { json: { type: 'boolean' }, version: { type: 'string' }, timestamp: { type: 'string' }, 'no-checkpoint': { type: 'boolean' } });
    if (parsed.positionals.length !== 1) throw new UsageError('expected exactly one TABLE directory');
    const { version: v, timestamp } = parsed.values;
    if (v !== undefined && timestamp !== undefined) throw new UsageError('--version and --timestamp exclude each other');
    if (v !== undefined && !/^\d+$/.test(v)) throw new UsageError('--version takes a non-negative integer');
    const table = parsed.positionals[0];
    const result = await readDeltaTable(nodeFileSystem, path.resolve(io.cwd, table), {
      version: v === undefined ? undefined : Number(v),
      timestamp,
      useCheckpoint: parsed.values['no-checkpoint'] !== true,
      history: true,
    });
    if (parsed.values.json) {
      io.out(JSON.stringify(deltaTableReport(table, result), null, 2));
    } else {
      const s = result.snapshot;
      if (s !== undefined) {
        const bytes = s.files.reduce((n, f) => n + f.size, 0);
        io.out(
          [
            `${table}: version ${s.version} of ${result.latestVersion}${s.checkpointVersion !== undefined ? ` (from checkpoint ${s.checkpointVersion})` : ''}`,
            `protocol: reader ${s.protocol?.minReaderVersion ?? '?'}, writer ${s.protocol?.minWriterVersion ?? '?'}${s.protocol?.readerFeatures?.length ? `, features ${s.protocol.readerFeatures.join(', ')}` : ''}`,
            `schema: ${s.schema.map((f) => `${f.name}: ${f.type}`).join(', ')}`,
            `partitioned by: ${s.metadata?.partitionColumns.join(', ') || '(none)'}`,
            `active files: ${s.files.length} (${bytes} bytes)`,
            `history: ${result.history?.length ?? 0} commits`,
            ...(result.history ?? []).map((c) => `  v${c.version}  ${c.timestamp !== undefined ? new Date(c.timestamp).toISOString() : '?'}  ${c.operation ?? ''}  +${c.adds} -${c.removes}`),
          ].join('\n'),
        );
      }
      for (const i of result.issues) io.err(formatIssue(i));
    }
    return hasErrors(result.issues) ? ExitCode.InputErrors : ExitCode.Ok;
  },
};
