/** `plan-lens analyze FILE|DIR [--json] [--against OTHER]`: the analysis of one plan, optionally compared with another. */

import * as path from 'node:path';
import { analyzeNodeLinkText, formatAnalysisSummary, type PlanAnalysis } from '../../core/analysis/analyzePlan';
import { analyzePlanModel } from '../../core/analysis/analyzeModel';
import { comparePlans, formatComparison, type PlanComparison } from '../../core/analysis/comparePlans';
import { loadPlanInput, type LoadedPlan } from '../../core/load/loadPlanInput';
import { costSourceOf, type CostSource } from '../../core/analysis/costSource';
import { runContextOf } from '../../core/analysis/runContext';
import { formatIssue, hasErrors, type PlanIssue } from '../../core/issues';
import { decodeUtf8, DEFAULT_MAX_FILE_BYTES, sizeLimitIssue } from '../../core/json/parseJson';
import type { FileSystem } from '../../core/fs/fileSystem';
import { nodeFileSystem } from '../../node/nodeFileSystem';
import { nodeSha256 } from '../../node/nodeSha256';
import { type CliCommand, ExitCode, maxFileBytes, parseCommandArgs, UsageError } from '../cliCommand';
import { PlanProvenance, type TaskPinState } from '../../core/analysis/planProvenance';
import { s3Store } from '../../node/nodeObjectStore';
import { objectStoreOptions, objectStoreSettings, objectStoreUsage } from '../objectStoreOptions';
import { stderrProgress, type Progress } from '../progress';

const usage = `Usage: plan-lens analyze FILE|DIR [--json] [--against FILE|DIR] [--max-file-size-mb N]

Reads a plan (a rustworkx node-link task graph, a *.planlens.json bundle, any other pipeline artifact, or
a run directory) and prints its analysis: tasks, dependencies, the transitive reduction, generations, the
weighted critical path and Plan Lens signatures (for models: also one signature per identity part, so
two plans can be compared part by part).

  --json                 print one JSON object instead of a summary
  --against FILE|DIR     compare with this other plan as the baseline: which signature parts (graph,
                         plan-fingerprint, udf-snapshot, rewrite-tags, runtime, delta-pin) differ, tasks
                         and reduced dependencies added and removed, the critical path before and after,
                         and the tasks whose cost changed
  --max-file-size-mb N   refuse files larger than N MB (default ${DEFAULT_MAX_FILE_BYTES / 1024 / 1024})

For a DIR in a pipeline workspace, the Delta inputs pinned by the workspace's plan-artifact rows (the
latest row of each view) are resolved against their tables, local or in S3: current, stale, files
vacuumed, table missing, access denied, cannot reach the table.
  --data-root URI        where the run's relative data paths live (e.g. s3://bucket/warehouse) when the
                         tables are not beside .artifacts
${objectStoreUsage}

Exit status: 0 success, 1 the input has errors (issues are still printed), 2 wrong usage.`;

type AnalysisWithParts = PlanAnalysis & { readonly signatureParts?: Record<string, string> };
/** The runs a directory's model joined, when there are several, and the run whose schedule gave the costs. */
interface JoinedRuns {
  readonly ids: readonly string[];
  readonly costsFrom?: string;
}
type Analysed = { readonly analysis: AnalysisWithParts; readonly costSource: CostSource; readonly runs?: JoinedRuns } | { readonly issues: PlanIssue[] };

/** The steps of reading a plan, for the progress line (a 100k-task plan takes seconds in each). */
const STEPS = ['reading the file', "reading its run's schedule, drift and cache lineage", 'reading and analyzing the task graph'] as const;

/** Reads one input: a node-link file directly, anything else through the joined plan model. */
async function analyzeInput(file: string, absolute: string, maxBytes: number, progress?: Progress): Promise<Analysed> {
  const step = (i: number): void => progress?.update(i + 1, STEPS.length, STEPS[i]);
  const stat = await nodeFileSystem.stat(absolute);
  if (stat === undefined) return { issues: [{ severity: 'error', code: 'file-not-found', message: `no file or directory at ${absolute}`, location: { file } }] };
  if (stat.type === 'file' && stat.size > maxBytes) return { issues: [sizeLimitIssue(file, stat.size, maxBytes)] };
  // The node-link task graph, the largest artifact, takes the direct path; everything else (bundles,
  // schedules, plan-artifact tables, run directories) goes through the joined plan model.
  if (stat.type === 'file') {
    step(0);
    const bytes = await nodeFileSystem.readFile(absolute);
    const decoded = decodeUtf8(bytes, file);
    if (decoded.text !== undefined) {
      // A lone task graph is weighed by its own run's schedule, as the editor weighs it (core runContext).
      step(1);
      const context = await runContextOf(nodeFileSystem, absolute, maxBytes);
      step(2);
      const direct = analyzeNodeLinkText(decoded.text, file, { maxBytes, sha256: nodeSha256, costs: context.costs?.costs });
      if (!direct.issues.some((i) => i.code === 'not-node-link')) {
        return { analysis: direct, costSource: costSourceOf(direct, context.costs === undefined ? undefined : path.relative(path.dirname(absolute), context.costs.file), context.noCosts) };
      }
    }
    // Not a task graph (another JSON artifact, or a binary one such as msgpack, which is not UTF-8): the
    // model reads the same bytes, not the file a second time.
    return modelAnalysis(await loadPlanInput(withFile(nodeFileSystem, absolute, bytes), absolute, { maxBytes }), path.dirname(absolute));
  }
  const onProgress = progress === undefined ? undefined : (done: number, total: number): void => progress.update(done, total, 'reading the artifacts');
  return modelAnalysis(await loadPlanInput(nodeFileSystem, absolute, { maxBytes, ...(onProgress === undefined ? {} : { onProgress }) }), absolute);
}

/**
 * The joined model's analysis, weighed by the schedule among its inputs (the last one read, as the model
 * keeps it), named relative to `base` (the directory given, or the file's folder).
 */
function modelAnalysis(loaded: LoadedPlan, base: string): Analysed {
  const analysis = analyzePlanModel(loaded.model, loaded.issues, { sha256: nodeSha256 });
  const schedule = loaded.model.sources.filter((s) => s.kind === 'plan_schedule_v1').pop()?.file;
  const shown = schedule === undefined ? undefined : path.relative(base, schedule);
  const ids = loaded.model.runs.map((r) => r.runId);
  const costsFrom = loaded.model.schedule?.runId;
  return { analysis, costSource: costSourceOf(analysis, shown, 'no schedule among the inputs'), ...(ids.length > 1 ? { runs: { ids, ...(costsFrom === undefined ? {} : { costsFrom }) } } : {}) };
}

/** `fs` with the bytes of one file already read. */
function withFile(fs: FileSystem, file: string, bytes: Uint8Array): FileSystem {
  return { ...fs, readFile: async (p) => (p === file ? bytes : fs.readFile(p)) };
}

/** Which signature parts differ between two analyses; a node-link file has only the graph part. */
function compareParts(a: AnalysisWithParts, b: AnalysisWithParts): { changed: string[]; same: string[] } {
  const parts = (x: AnalysisWithParts): Record<string, string> => x.signatureParts ?? { graph: x.signatures.plan };
  const pa = parts(a);
  const pb = parts(b);
  const names = [...new Set([...Object.keys(pa), ...Object.keys(pb)])].sort();
  return { changed: names.filter((n) => pa[n] !== pb[n]), same: names.filter((n) => pa[n] === pb[n]) };
}

export const analyzeCommand: CliCommand = {
  name: 'analyze',
  summary: 'analyze a plan: dependencies, reduction, generations, critical path, signatures',
  usage,
  async run(args, io) {
    const parsed = parseCommandArgs(args, { json: { type: 'boolean' }, against: { type: 'string' }, 'max-file-size-mb': { type: 'string' }, 'data-root': { type: 'string' }, ...objectStoreOptions });
    if (parsed.positionals.length !== 1) throw new UsageError('expected exactly one FILE or DIR');
    const maxBytes = maxFileBytes(parsed.values['max-file-size-mb'], DEFAULT_MAX_FILE_BYTES);
    const file = parsed.positionals[0];
    const json = parsed.values.json === true;
    const fail = (issues: PlanIssue[]): ExitCode => {
      if (json) io.out(JSON.stringify({ file, issues }, null, 2));
      else for (const i of issues) io.err(formatIssue(i));
      return ExitCode.InputErrors;
    };
    const progress = stderrProgress(`analyze ${path.basename(file)}`);
    const result = await analyzeInput(file, path.resolve(io.cwd, file), maxBytes, progress);
    progress.done();
    if (!('analysis' in result)) return fail(result.issues);
    const { analysis } = result;
    const { costSource } = result;
    const againstFile = parsed.values.against;
    let comparison: { against: string; changedParts: string[]; sameParts: string[]; changes: PlanComparison } | undefined;
    if (againstFile !== undefined) {
      const other = await analyzeInput(againstFile, path.resolve(io.cwd, againstFile), maxBytes);
      if (!('analysis' in other)) return fail(other.issues);
      const { changed, same } = compareParts(analysis, other.analysis);
      // The other plan is the baseline: what changed going from it to this one.
      comparison = { against: againstFile, changedParts: changed, sameParts: same, changes: comparePlans(other.analysis, analysis) };
    }
    const deltaPins = await pinsOfDirectory(path.resolve(io.cwd, file), maxBytes, parsed.values);
    if (json) {
      io.out(JSON.stringify({ file, ...analysis, costSource, ...(result.runs ? { runs: result.runs } : {}), ...(comparison ? { comparison } : {}), ...(deltaPins ? { deltaPins } : {}) }, null, 2));
    } else {
      io.out(formatAnalysisSummary(file, analysis, costSource));
      if (result.runs) io.out(runsLine(result.runs));
      if (deltaPins) for (const line of formatPins(deltaPins)) io.out(line);
      if (comparison) {
        io.out(comparison.changedParts.length === 0 ? `  against ${comparison.against}: the same plan` : `  against ${comparison.against}: differs in ${comparison.changedParts.join(', ')}`);
        if (comparison.changedParts.length > 0) for (const line of formatComparison(comparison.against, file, comparison.changes)) io.out(line);
      }
      for (const i of analysis.issues) io.err(formatIssue(i));
    }
    return hasErrors(analysis.issues) ? ExitCode.InputErrors : ExitCode.Ok;
  },
};

/**
 * The Delta pins of the run or workspace at `dir`, each resolved against its table (in S3 through the
 * options' store); undefined when `dir` is not a folder of a pipeline workspace with plan-artifact rows.
 */
async function pinsOfDirectory(dir: string, maxBytes: number, options: Parameters<typeof objectStoreSettings>[0] & { 'data-root'?: string }): Promise<Array<TaskPinState & { view: string }> | undefined> {
  if ((await nodeFileSystem.stat(dir))?.type !== 'directory') return undefined;
  // PlanProvenance looks for `.artifacts` above a plan file: a workspace root is asked through its own.
  const inside = (await nodeFileSystem.stat(path.join(dir, '.artifacts')))?.type === 'directory' ? path.join(dir, '.artifacts', 'diagnostics', 'plan') : path.join(dir, 'plan');
  const provenance = await PlanProvenance.of(nodeFileSystem, inside, maxBytes, { s3: s3Store(objectStoreSettings(options)), ...(options['data-root'] ? { dataRoot: options['data-root'] } : {}) });
  const pins = await provenance.allPins();
  return pins.length === 0 ? undefined : pins;
}

/** Which run was analyzed, when a directory holds several: they are joined, weighed by one run's schedule. */
function runsLine(runs: JoinedRuns): string {
  const from = runs.costsFrom === undefined ? 'no run\'s schedule weighs the costs' : `costs from run ${runs.costsFrom}'s schedule`;
  return `  runs                  ${runs.ids.length} joined (${runs.ids.join(', ')}); ${from}. Give a run's folder to analyze one run alone`;
}

function formatPins(pins: ReadonlyArray<TaskPinState & { view: string }>): string[] {
  const seen = new Map<string, TaskPinState>();
  for (const p of pins) seen.set(`${p.dataset}@${p.version ?? p.timestamp ?? 'latest'}`, p);
  const lines = [...seen.entries()].map(([at, p]) => `    ${at}: ${p.state}`);
  return [`  Delta pins: ${seen.size} (${pins.length} across views)`, ...lines];
}
