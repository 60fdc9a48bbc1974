/** `plan-lens cache DIR [--json] [--run ID|N]`: the lineage of a Hamilton cache store, per run and node. */

import * as path from 'node:path';
import { lineageOfRows } from '../../core/analysis/cacheLineageIndex';
import { catalogLineageRuns, formatLineageRuns, LINEAGE_GLOBS } from '../../core/analysis/catalogLineage';
import { RunCatalog } from '../../core/analysis/runCatalog';
import { readHamiltonCache } from '../../core/hamiltonCache/readHamiltonCache';
import { formatCacheSummary } from '../../core/hamiltonCache/summary';
import { formatIssue, hasErrors, issue } from '../../core/issues';
import { DEFAULT_MAX_FILE_BYTES } from '../../core/json/parseJson';
import { nodeFileSystem } from '../../node/nodeFileSystem';
import { loadSqlWasm } from '../../node/sqlWasm';
import { type CliCommand, ExitCode, maxFileBytes, parseCommandArgs, UsageError } from '../cliCommand';

const usage = `Usage: plan-lens cache DIR [--json] [--run ID|N] [--max-file-size-mb N]

Reads a Hamilton cache store (metadata_store.db, cache_logs.jsonl, results/) and prints, per run and node,
the cache key, code and data versions, decoded dependency data versions, and the status (hit, executed,
recomputed, ignored, disabled, input, not-executed) with its reason. DIR is the store directory, or a
folder holding it as meta.sqlite/ or hamilton_cache/. Result files are pickles: only their existence and
size are reported. Without a store, the cache lineage the pipeline exported under DIR
(hamilton_cache_lineage_* files, lineage/<run_id>.jsonl) is reported instead.

  --json                 print one JSON object instead of a summary
  --run ID|N             only the run with this run_id, or the N-th run (1-based)
  --max-file-size-mb N   refuse files larger than N MB (default ${DEFAULT_MAX_FILE_BYTES / 1024 / 1024})

Exit status: 0 success, 1 the input has errors (issues are still printed), 2 wrong usage.`;

export const cacheCommand: CliCommand = {
  name: 'cache',
  summary: 'Hamilton cache lineage: per run and node, hit/executed/recomputed/… and why',
  usage,
  async run(args, io) {
    const parsed = parseCommandArgs(args, { json: { type: 'boolean' }, run: { type: 'string' }, 'max-file-size-mb': { type: 'string' } });
    if (parsed.positionals.length !== 1) throw new UsageError('expected exactly one DIR');
    const maxBytes = maxFileBytes(parsed.values['max-file-size-mb'], DEFAULT_MAX_FILE_BYTES);
    const dir = parsed.positionals[0];

    if ((await nodeFileSystem.stat(path.resolve(io.cwd, dir))) === undefined) {
      io.err(formatIssue(issue('error', 'file-not-found', 'no such path', { file: dir })));
      return ExitCode.InputErrors;
    }
    const cache = await readHamiltonCache(nodeFileSystem, path.resolve(io.cwd, dir), loadSqlWasm(), { maxFileBytes: maxBytes });
    const wanted = parsed.values.run;
    if (cache.issues.some((i) => i.code === 'hamilton-cache-not-found')) {
      // No store, but a pipeline folder usually holds the lineage it exported: report that instead.
      const root = path.resolve(io.cwd, dir);
      const catalog = new RunCatalog(nodeFileSystem, root, { include: LINEAGE_GLOBS, maxBytes });
      await catalog.scan();
      const all = lineageOfRows(await catalogLineageRuns(nodeFileSystem, catalog, (f) => path.relative(root, f) || '.', maxBytes));
      if (all.length > 0) {
        const lineage = wanted === undefined ? all : all.filter((r, i) => r.runId === wanted || String(i + 1) === wanted);
        if (lineage.length === 0) throw new UsageError(`no run '${wanted ?? ''}' (runs: ${all.map((r, i) => `${i + 1}=${r.runId}`).join(', ')})`);
        if (parsed.values.json) io.out(JSON.stringify({ dir, store: null, lineage }, null, 2));
        else io.out(`No Hamilton cache store in ${dir}; the cache lineage the pipeline exported:\n\n${formatLineageRuns(lineage)}`);
        return ExitCode.Ok;
      }
    }
    if (cache.databaseFile === null && cache.logFile === null && !parsed.values.json) {
      // Nothing was read: the error says why, with no empty store header before it.
      for (const i of cache.issues) io.err(formatIssue(i));
      return hasErrors(cache.issues) ? ExitCode.InputErrors : ExitCode.Ok;
    }
    let runs = cache.runs;
    if (wanted !== undefined) {
      runs = runs.filter((r) => r.runId === wanted || String(r.index) === wanted);
      if (runs.length === 0) throw new UsageError(`no run '${wanted}' (runs: ${cache.runs.map((r) => `${r.index}=${r.runId}`).join(', ') || 'none'})`);
    }
    const shown = { ...cache, runs };
    if (parsed.values.json) {
      io.out(JSON.stringify({ dir, ...shown }, null, 2));
    } else {
      io.out(formatCacheSummary(shown));
      for (const i of cache.issues) io.err(formatIssue(i));
    }
    return hasErrors(cache.issues) ? ExitCode.InputErrors : ExitCode.Ok;
  },
};
