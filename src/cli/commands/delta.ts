/** `plan-lens delta TABLE [--version N | --timestamp T] [--json]`: a Delta table's state and history, local or in S3. */

import * as path from 'node:path';
import { readDeltaTable, type HistoryScope } from '../../core/delta/deltaTable';
import { deltaTableReport } from '../../core/delta/report';
import { formatIssue, hasErrors } from '../../core/issues';
import { isRemoteAddress } from '../../core/objectStore/objectUri';
import { nodeObjectStore } from '../../node/nodeObjectStore';
import { type CliCommand, ExitCode, parseCommandArgs, UsageError } from '../cliCommand';
import { objectStoreOptions, objectStoreSettings, objectStoreUsage } from '../objectStoreOptions';
import { stderrProgress } from '../progress';

const usage = `Usage: plan-lens delta TABLE [--version N | --timestamp T] [--no-checkpoint] [--json]

Reads a Delta table's _delta_log (JSON commits, classic, multi-part and v2 checkpoints) and prints the
table at the latest version, or at --version N, or at the newest version committed at or before
--timestamp T (ISO 8601 or ms since the epoch): protocol, metadata, schema, active files with sizes and
partition values, and the commit history. TABLE is a folder or an s3://bucket/path address; a table in
S3 is read from its last checkpoint on, by byte ranges, and its history lists the commits since that
checkpoint unless --full-history is given.

  --version N            time travel to version N
  --timestamp T          time travel to time T
  --no-checkpoint        replay every JSON commit instead of starting from a checkpoint
  --full-history         list every commit of a table in S3 (one request per commit)
  --json                 print one JSON object instead of a summary
${objectStoreUsage}

Exit status: 0 success, 1 the table has errors (issues are still printed), 2 wrong usage.`;

export const deltaCommand: CliCommand = {
  name: 'delta',
  summary: 'a Delta table (a folder or s3://) at a version or time: protocol, schema, active files, history',
  usage,
  async run(args, io) {
    const parsed = parseCommandArgs(args, {
      json: { type: 'boolean' },
      version: { type: 'string' },
      timestamp: { type: 'string' },
      'no-checkpoint': { type: 'boolean' },
      'full-history': { type: 'boolean' },
      ...objectStoreOptions,
    });
    if (parsed.positionals.length !== 1) throw new UsageError('expected exactly one TABLE directory or s3:// address');
    const { version: v, timestamp } = parsed.values;
    if (v !== undefined && timestamp !== undefined) throw new UsageError('--version and --timestamp exclude each other');
    if (v !== undefined && !/^\d+$/.test(v)) throw new UsageError('--version takes a non-negative integer');
    const table = parsed.positionals[0];
    const remote = isRemoteAddress(table);
    const history: HistoryScope = remote && parsed.values['full-history'] !== true ? 'listed' : true;
    const progress = stderrProgress('reading commits');
    const result = await readDeltaTable(nodeObjectStore(objectStoreSettings(parsed.values)), remote ? table : path.resolve(io.cwd, table), {
      version: v === undefined ? undefined : Number(v),
      timestamp,
      useCheckpoint: parsed.values['no-checkpoint'] !== true,
      history,
      onProgress: progress.update,
    });
    progress.done();
    if (parsed.values.json) {
      io.out(JSON.stringify(deltaTableReport(table, result), null, 2));
    } else {
      const s = result.snapshot;
      if (s !== undefined) {
        const bytes = s.files.reduce((n, f) => n + f.size, 0);
        const shown = result.history ?? [];
        const since = history === 'listed' && shown.length > 0 && shown[0].version > 0 ? ` since version ${shown[0].version} (--full-history for all)` : '';
        io.out(
          [
            `${table}: version ${s.version} of ${result.latestVersion}${s.checkpointVersion !== undefined ? ` (from checkpoint ${s.checkpointVersion})` : ''}`,
            `protocol: reader ${s.protocol?.minReaderVersion ?? '?'}, writer ${s.protocol?.minWriterVersion ?? '?'}${s.protocol?.readerFeatures?.length ? `, features ${s.protocol.readerFeatures.join(', ')}` : ''}`,
            `schema: ${s.schema.map((f) => `${f.name}: ${f.type}`).join(', ')}`,
            `partitioned by: ${s.metadata?.partitionColumns.join(', ') || '(none)'}`,
            `active files: ${s.files.length} (${bytes} bytes)`,
            `history: ${shown.length} commits${since}`,
            ...shown.map((c) => `  v${c.version}  ${c.timestamp !== undefined ? new Date(c.timestamp).toISOString() : '?'}  ${c.operation ?? ''}  +${c.adds} -${c.removes}`),
          ].join('\n'),
        );
      }
      for (const i of result.issues) io.err(formatIssue(i));
    }
    return hasErrors(result.issues) ? ExitCode.InputErrors : ExitCode.Ok;
  },
};
