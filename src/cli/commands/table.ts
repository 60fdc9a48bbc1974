/** `plan-lens table PATH [--limit N] [--format text|tsv|csv|json]`: rows of a Delta table, a Parquet file or an Arrow IPC file. */

import * as path from 'node:path';
import { formatIssue, hasErrors } from '../../core/issues';
import { DEFAULT_MAX_FILE_BYTES } from '../../core/json/parseJson';
import { readTableRows } from '../../core/tables/readTableRows';
import { nodeFileSystem } from '../../node/nodeFileSystem';
import { type CliCommand, ExitCode, parseCommandArgs, UsageError, maxFileBytes } from '../cliCommand';
import { alignedText, csvText, MAX_CELL_WIDTH, tsvText } from '../format/rowsText';

const DEFAULT_LIMIT = 100;
const FORMATS: readonly string[] = ['text', 'tsv', 'csv', 'json'];

const usage = `Usage: plan-lens table PATH [--limit N] [--version N | --timestamp T] [--format text|tsv|csv|json]

Prints the rows of a Delta table (a directory with _delta_log), a Parquet file, or an Arrow IPC file or
stream. Values are JSON-safe: 64-bit integers become numbers when exact, else strings; bytes become base64.

  --limit N          at most N rows (default ${DEFAULT_LIMIT})
  --version N        Delta only: time travel to version N
  --timestamp T      Delta only: time travel to time T
  --max-file-size-mb N  refuse files larger than N MB (default ${DEFAULT_MAX_FILE_BYTES / 1024 / 1024})
  --format F         text (default): aligned columns, cells over ${MAX_CELL_WIDTH} characters cut with '…';
                     tsv: tab-separated, tabs and line breaks in cells escaped (\\t, \\n, \\\\);
                     csv: RFC 4180; json: one JSON object {path, kind, columns, totalRows, rows, issues}
  --json             the same as --format json

Exit status: 0 success, 1 the input has errors (issues are still printed), 2 wrong usage.`;

export const tableCommand: CliCommand = {
  name: 'table',
  summary: 'rows of a Delta table, Parquet file or Arrow IPC file',
  usage,
  async run(args, io) {
    const parsed = parseCommandArgs(args, { json: { type: 'boolean' }, format: { type: 'string' }, limit: { type: 'string' }, version: { type: 'string' }, timestamp: { type: 'string' }, 'max-file-size-mb': { type: 'string' } });
    const format = parsed.values.json ? 'json' : (parsed.values.format ?? 'text');
    if (!FORMATS.includes(format)) throw new UsageError(`--format takes one of ${FORMATS.join(', ')}`);
    if (parsed.values.json && parsed.values.format !== undefined && parsed.values.format !== 'json') throw new UsageError('--json and --format exclude each other');
    if (parsed.positionals.length !== 1) throw new UsageError('expected exactly one PATH');
    const { limit: l, version: v, timestamp } = parsed.values;
    if (l !== undefined && !/^\d+$/.test(l)) throw new UsageError('--limit takes a non-negative integer');
    if (v !== undefined && !/^\d+$/.test(v)) throw new UsageError('--version takes a non-negative integer');
    if (v !== undefined && timestamp !== undefined) throw new UsageError('--version and --timestamp exclude each other');
    const maxBytes = maxFileBytes(parsed.values['max-file-size-mb'], DEFAULT_MAX_FILE_BYTES);
    if (!(maxBytes > 0)) throw new UsageError('--max-file-size-mb takes a positive number');
    const target = parsed.positionals[0];
    const result = await readTableRows(nodeFileSystem, path.resolve(io.cwd, target), {
      limit: l === undefined ? DEFAULT_LIMIT : Number(l),
      maxBytes,
      delta: { version: v === undefined ? undefined : Number(v), timestamp },
    });
    if (format === 'json') {
      io.out(JSON.stringify({ path: target, kind: result.kind, columns: result.columns, totalRows: result.totalRows, rowCount: result.rows.length, rows: result.rows, issues: result.issues }, null, 2));
    } else {
      if (result.columns.length > 0) io.out((format === 'tsv' ? tsvText : format === 'csv' ? csvText : alignedText)(result.columns, result.rows));
      for (const i of result.issues) io.err(formatIssue(i));
    }
    return hasErrors(result.issues) ? ExitCode.InputErrors : ExitCode.Ok;
  },
};
