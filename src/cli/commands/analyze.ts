/** `plan-lens analyze FILE [--json]`: the plan analysis of one task-graph artifact. */

import * as path from 'node:path';
import { analyzeNodeLinkText, formatAnalysisSummary, type PlanAnalysis } from '../../core/analysis/analyzePlan';
import { analyzePlanModel } from '../../core/analysis/analyzeModel';
import { loadPlanInput } from '../../core/artifacts/loadPlanInput';
import { formatIssue, hasErrors, type PlanIssue } from '../../core/issues';
import { decodeUtf8, DEFAULT_MAX_FILE_BYTES, sizeLimitIssue } from '../../core/json/parseJson';
import { nodeFileSystem } from '../../node/nodeFileSystem';
import { nodeSha256 } from '../../node/nodeSha256';
import { type CliCommand, ExitCode, maxFileBytes, parseCommandArgs, UsageError } from '../cliCommand';

const usage = `Usage: plan-lens analyze FILE|DIR [--json] [--max-file-size-mb N]

Reads a plan (a rustworkx node-link task graph, a *.planlens.json bundle, any other pipeline artifact, or
a run directory) and prints its analysis: tasks, dependencies, the transitive reduction, generations, the
weighted critical path and Plan Lens signatures (for models: also one signature per identity part, so
two plans can be compared part by part).

  --json                 print one JSON object instead of a summary
  --max-file-size-mb N   refuse files larger than N MB (default ${DEFAULT_MAX_FILE_BYTES / 1024 / 1024})

Exit status: 0 success, 1 the input has errors (issues are still printed), 2 wrong usage.`;

export const analyzeCommand: CliCommand = {
  name: 'analyze',
  summary: 'analyse a plan: dependencies, reduction, generations, critical path, signatures',
  usage,
  async run(args, io) {
    const parsed = parseCommandArgs(args, { json: { type: 'boolean' }, 'max-file-size-mb': { type: 'string' } });
    if (parsed.positionals.length !== 1) throw new UsageError('expected exactly one FILE');
    const maxBytes = maxFileBytes(parsed.values['max-file-size-mb'], DEFAULT_MAX_FILE_BYTES);
    const file = parsed.positionals[0];
    const absolute = path.resolve(io.cwd, file);

    const fail = (issues: PlanIssue[]): ExitCode => {
      if (parsed.values.json) io.out(JSON.stringify({ file, issues }, null, 2));
      else for (const i of issues) io.err(formatIssue(i));
      return ExitCode.InputErrors;
    };
    const stat = await nodeFileSystem.stat(absolute);
    if (stat === undefined) return fail([{ severity: 'error', code: 'file-not-found', message: `no file or directory at ${absolute}`, location: { file } }]);
    if (stat.type === 'file' && stat.size > maxBytes) return fail([sizeLimitIssue(file, stat.size, maxBytes)]);

    // The node-link task graph, the largest artifact, takes the direct path; everything else (bundles,
    // schedules, plan-artifact tables, run directories) goes through the joined plan model.
    let analysis: PlanAnalysis | undefined;
    if (stat.type === 'file') {
      const decoded = decodeUtf8(await nodeFileSystem.readFile(absolute), file);
      if (decoded.text === undefined) return fail(decoded.issues);
      const direct = analyzeNodeLinkText(decoded.text, file, { maxBytes, sha256: nodeSha256 });
      if (!direct.issues.some((i) => i.code === 'not-node-link')) analysis = direct;
    }
    if (analysis === undefined) {
      const loaded = await loadPlanInput(nodeFileSystem, absolute, { maxBytes });
      analysis = analyzePlanModel(loaded.model, loaded.issues, { sha256: nodeSha256 });
    }
    if (parsed.values.json) {
      io.out(JSON.stringify({ file, ...analysis }, null, 2));
    } else {
      io.out(formatAnalysisSummary(file, analysis));
      for (const i of analysis.issues) io.err(formatIssue(i));
    }
    return hasErrors(analysis.issues) ? ExitCode.InputErrors : ExitCode.Ok;
  },
};
