/** `plan-lens analyze FILE [--json]`: the plan analysis of one task-graph artifact. */

import { parseArgs } from 'node:util';
import * as path from 'node:path';
import { analyzeNodeLinkText, formatAnalysisSummary } from '../../core/analysis/analyzePlan';
import { formatIssue, hasErrors, type PlanIssue } from '../../core/issues';
import { decodeUtf8, DEFAULT_MAX_FILE_BYTES, sizeLimitIssue } from '../../core/json/parseJson';
import { nodeFileSystem } from '../../node/nodeFileSystem';
import { nodeSha256 } from '../../node/nodeSha256';
import { type CliCommand, ExitCode, UsageError } from '../cliCommand';

const usage = `Usage: plan-lens analyze FILE [--json] [--max-file-size-mb N]

Reads a rustworkx node-link task graph and prints its analysis: tasks, dependencies, the transitive
reduction, generations, the weighted critical path and Plan Lens signatures.

  --json                 print one JSON object instead of a summary
  --max-file-size-mb N   refuse files larger than N MB (default ${DEFAULT_MAX_FILE_BYTES / 1024 / 1024})

Exit status: 0 success, 1 the input has errors (issues are still printed), 2 wrong usage.`;

export const analyzeCommand: CliCommand = {
  name: 'analyze',
  summary: 'analyse a plan: dependencies, reduction, generations, critical path, signatures',
  usage,
  async run(args, io) {
    let parsed;
    try {
      parsed = parseArgs({ args: [...args], allowPositionals: true, options: { json: { type: 'boolean' }, 'max-file-size-mb': { type: 'string' } } });
    } catch (e) {
      throw new UsageError((e as Error).message);
    }
    if (parsed.positionals.length !== 1) throw new UsageError('expected exactly one FILE');
    const maxMb = parsed.values['max-file-size-mb'];
    const maxBytes = maxMb === undefined ? DEFAULT_MAX_FILE_BYTES : Number(maxMb) * 1024 * 1024;
    if (!(maxBytes > 0)) throw new UsageError('--max-file-size-mb takes a positive number');
    const file = parsed.positionals[0];
    const absolute = path.resolve(io.cwd, file);

    const fail = (issues: PlanIssue[]): ExitCode => {
      if (parsed.values.json) io.out(JSON.stringify({ file, issues }, null, 2));
      else for (const i of issues) io.err(formatIssue(i));
      return ExitCode.InputErrors;
    };
    const stat = await nodeFileSystem.stat(absolute);
    if (stat === undefined || stat.type !== 'file') return fail([{ severity: 'error', code: 'file-not-found', message: `no file at ${absolute}`, location: { file } }]);
    if (stat.size > maxBytes) return fail([sizeLimitIssue(file, stat.size, maxBytes)]);
    const decoded = decodeUtf8(await nodeFileSystem.readFile(absolute), file);
    if (decoded.text === undefined) return fail(decoded.issues);

    const analysis = analyzeNodeLinkText(decoded.text, file, { maxBytes, sha256: nodeSha256 });
    if (parsed.values.json) {
      io.out(JSON.stringify({ file, ...analysis }, null, 2));
    } else {
      io.out(formatAnalysisSummary(file, analysis));
      for (const i of analysis.issues) io.err(formatIssue(i));
    }
    return hasErrors(analysis.issues) ? ExitCode.InputErrors : ExitCode.Ok;
  },
};
