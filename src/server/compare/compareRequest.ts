/**
 * `planLens/compare`: two runs' plans compared from their sessions (each plan analysed once, shared with
 * the graph, the summary and the trees), with the plan-artifact rows of their workspace for settings, UDFs
 * and rewrite tags. The answer of a pair is kept while both sessions are current.
 */

import type { Connection } from 'vscode-languageserver/node';
import { compareRuns } from '../../core/analysis/compareRuns';
import { runIdOfPath } from '../../core/analysis/runContext';
import { runFactsOf } from '../../core/analysis/runFacts';
import type { CompareParams, CompareResult, CompareSide } from '../../protocol/compare';
import { compareRequest } from '../../protocol/lsp';
import type { GraphViewResult } from '../../protocol/planRequests';
import { emptyGraphPayload, type GraphPayload } from '../graph/graphPayloadOf';
import { filePath, type PlanSession, type PlanSessions } from '../plans/planSessions';
import { comparisonMarkdown } from './comparisonMarkdown';
import { comparisonPayloads, type ComparedPlan } from './comparisonPayloads';
import { ViewPlanRows } from './viewPlanRows';

export interface CompareHandlers {
  compare(params: CompareParams): Promise<CompareResult>;
  /** A file changed on disk: plan-artifact rows read from its table are read again. */
  fileChanged(uri: string): void;
}

export function compareHandlers(plans: PlanSessions): CompareHandlers {
  const rows = new ViewPlanRows();
  const answers = new WeakMap<PlanSession, { readonly after: PlanSession; readonly result: Promise<CompareResult> }>();
  return {
    async compare({ beforeUri, afterUri }) {
      const [before, after] = await Promise.all([plans.get(beforeUri), plans.get(afterUri)]);
      const known = answers.get(before);
      if (known?.after === after) return known.result;
      const result = compareSessions(before, after, rows);
      answers.set(before, { after, result });
      return result;
    },
    fileChanged(uri) {
      const file = filePath(uri);
      if (file !== undefined) rows.fileChanged(file);
    },
  };
}

export function registerCompareRequest(connection: Connection, plans: PlanSessions): CompareHandlers {
  const handlers = compareHandlers(plans);
  connection.onRequest(compareRequest, (params) => handlers.compare(params));
  return handlers;
}

async function compareSessions(before: PlanSession, after: PlanSession, rows: ViewPlanRows): Promise<CompareResult> {
  const sides = { before: sideOf(before), after: sideOf(after) };
  const b = drawable(before);
  const a = drawable(after);
  if (typeof b === 'string' || typeof a === 'string') return nothingToCompare(sides, typeof b === 'string' ? b : (a as string), before, after);
  const facts = async (s: PlanSession, d: Drawable) => {
    const file = filePath(s.uri);
    return runFactsOf({
      name: s.title,
      runId: sideOf(s).runId,
      graph: d.graph,
      analysis: d.analysis,
      viewPlans: file === undefined ? new Map() : await rows.of(file),
      ...(s.context?.drift === undefined ? {} : { drift: s.context.drift.drift }),
      ...(s.context?.cache === undefined ? {} : { cache: s.context.cache.nodes }),
    });
  };
  const comparison = compareRuns(await facts(before, b), await facts(after, a));
  const payloads = comparisonPayloads(b, a, comparison);
  return {
    ...sides,
    counts: { kept: comparison.tasks.kept, added: comparison.tasks.added.length, removed: comparison.tasks.removed.length, changed: comparison.tasks.changed.length, dependenciesAdded: comparison.dependencies.added.length, dependenciesRemoved: comparison.dependencies.removed.length },
    criticalPath: { before: comparison.criticalPath.before.length, after: comparison.criticalPath.after.length },
    differences: comparison.differences,
    marks: payloads.marks,
    markdown: comparisonMarkdown(comparison),
    graphs: { before: wire(payloads.before), after: wire(payloads.after), overlay: wire(payloads.overlay) },
  };
}

type Drawable = ComparedPlan;

/** The session as a comparison draws it, or why it cannot be compared. */
function drawable(s: PlanSession): Drawable | string {
  if (s.graph === undefined || s.analysis === undefined) return `${s.title}: ${s.problem ?? 'not a task graph'}`;
  if (s.analysis.issues.some((i) => i.code === 'dependency-cycle')) return `${s.title}: the plan has a dependency cycle`;
  const cache = s.context?.cache?.nodes;
  return { title: s.title, graph: s.graph, analysis: s.analysis, costSource: s.costSource, ...(cache === undefined ? {} : { cacheStatus: new Map([...cache].map(([node, c]) => [node, c.status])) }) };
}

function sideOf(s: PlanSession): CompareSide {
  const file = filePath(s.uri);
  return { uri: s.uri, title: s.title, runId: file === undefined ? '' : runIdOfPath(file) };
}

function nothingToCompare(sides: { before: CompareSide; after: CompareSide }, problem: string, before: PlanSession, after: PlanSession): CompareResult {
  return {
    ...sides,
    problem,
    counts: { kept: 0, added: 0, removed: 0, changed: 0, dependenciesAdded: 0, dependenciesRemoved: 0 },
    criticalPath: { before: before.analysis?.criticalPath.length ?? 0, after: after.analysis?.criticalPath.length ?? 0 },
    differences: [],
    marks: {},
    markdown: `# Comparison of two runs\n\nNothing to compare: ${problem}\n`,
    graphs: { before: wire(emptyGraphPayload(before.title, problem, before.costSource)), after: wire(emptyGraphPayload(after.title, problem, after.costSource)), overlay: wire(emptyGraphPayload(after.title, problem, after.costSource)) },
  };
}

/** JSON-RPC carries text: the buffer as base64, as the graph request sends it. */
function wire(p: GraphPayload): GraphViewResult {
  return { meta: p.meta, data: Buffer.from(p.buffer).toString('base64') };
}
