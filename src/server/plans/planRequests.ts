/**
 * The custom requests (src/protocol/lsp.ts) on top of the plan sessions: the graph payload, a task's
 * details, where a task's name is written, which task a position of the plan file names, and the summary.
 * Each answers from the plan's one session, whether the plan is open in an editor or only on disk.
 */

import type { CancellationToken, Connection } from 'vscode-languageserver/node';
import { planReferenceAt } from '../../core/analysis/planNavigation';
import type { OutlineEntry } from '../../core/analysis/planOutline';
import { graphViewRequest, summaryRequest, taskAtRequest, taskDetailsRequest, taskLocationRequest } from '../../protocol/lsp';
import type { GraphViewParams, GraphViewResult, SummaryParams, SummaryResult, TaskAtParams, TaskAtResult, TaskDetails, TaskParams, TextRange } from '../../protocol/planRequests';
import { cancellable } from '../cancellation';
import { emptyGraphPayload, graphPayloadOf } from '../graph/graphPayloadOf';
import type { PlanSession, PlanSessions } from './planSessions';
import { planSummary } from './planSummary';
import { taskDetailsOf } from './taskDetails';

export interface PlanRequestHandlers {
  graphView(params: GraphViewParams): Promise<GraphViewResult>;
  /** Cancelled by the editor when another task is selected first: its Delta pins may be read from a bucket. */
  taskDetails(params: TaskParams, token?: CancellationToken): Promise<TaskDetails | null>;
  taskLocation(params: TaskParams): Promise<TextRange | null>;
  taskAt(params: TaskAtParams): Promise<TaskAtResult | null>;
  summary(params: SummaryParams): Promise<SummaryResult>;
}

export function planRequestHandlers(plans: PlanSessions, log: (message: string) => void): PlanRequestHandlers {
  // The last graph of each plan version: a panel that reloads, or a second panel, costs nothing.
  const graphs = new WeakMap<PlanSession, { readonly baseline: PlanSession | undefined; readonly result: GraphViewResult }>();
  return {
    async graphView({ uri, baselineUri }) {
      const started = Date.now();
      const session = await plans.get(uri);
      const baseline = baselineUri === undefined ? undefined : await plans.get(baselineUri);
      const known = graphs.get(session);
      if (known !== undefined && known.baseline === baseline) return known.result;
      const { meta, buffer } = graphPayloadOfSession(session, baseline, plans);
      const result = { meta, data: Buffer.from(buffer).toString('base64') };
      graphs.set(session, { baseline, result });
      log(`graph of ${session.title}: ${meta.taskCount} tasks, ${meta.byteLength} bytes in ${Date.now() - started} ms`);
      // Read the workspace's plan-artifact pin columns while the user looks at the graph: the first task
      // details then read only the task's own rows (a 100k-row table: 2.6 s of the first details' 3.1 s).
      session.provenance().catch((e: unknown) => log(`plan-artifact rows of ${session.title} unreadable: ${e instanceof Error ? e.message : String(e)}`));
      return result;
    },
    taskDetails({ uri, task }, token) {
      return cancellable(token, async (signal) => taskDetailsOf(await plans.get(uri), task, signal));
    },
    async taskLocation({ uri, task }) {
      const session = await plans.get(uri);
      const entry = session.outline().find((o) => o.kind === 'task' && o.name === task);
      return entry === undefined ? null : { start: session.lines().position(entry.start), end: session.lines().position(entry.end) };
    },
    async taskAt({ uri, position }) {
      const session = await plans.get(uri);
      const offset = session.lines().offset(position);
      const outline = session.outline();
      // A node's own name is found by position alone; a reference (a link's id, a list item) by a scan.
      const target = entryAt(outline, offset) ?? planReferenceAt(session.text, outline, offset)?.target;
      // An evidence node named like a task is that task's output: the cursor on it selects the task.
      return target !== undefined && session.analysis?.taskMetrics[target.name] !== undefined ? { task: target.name } : null;
    },
    async summary({ uri, baselineUri }) {
      return planSummary(await plans.get(uri), baselineUri === undefined ? undefined : await plans.get(baselineUri));
    },
  };
}

export function registerPlanRequests(connection: Connection, plans: PlanSessions): void {
  const handlers = planRequestHandlers(plans, (message) => connection.console.log(message));
  connection.onRequest(graphViewRequest, (params) => handlers.graphView(params));
  connection.onRequest(taskDetailsRequest, (params, token) => handlers.taskDetails(params, token));
  connection.onRequest(taskLocationRequest, (params) => handlers.taskLocation(params));
  connection.onRequest(taskAtRequest, (params) => handlers.taskAt(params));
  connection.onRequest(summaryRequest, (params) => handlers.summary(params));
}

function graphPayloadOfSession(session: PlanSession, baseline: PlanSession | undefined, plans: PlanSessions): ReturnType<typeof graphPayloadOf> {
  if (session.graph === undefined || session.analysis === undefined) return emptyGraphPayload(session.title, session.problem ?? 'not a task graph', session.costSource);
  const { drift, cache } = session.context ?? {};
  return graphPayloadOf({
    title: session.title,
    graph: session.graph,
    analysis: session.analysis,
    costSource: session.costSource,
    ...(baseline?.analysis === undefined ? {} : { baseline: { name: baseline.title, analysis: baseline.analysis } }),
    ...(drift === undefined ? {} : { drift: { file: plans.relative(drift.file), drift: drift.drift } }),
    ...(cache === undefined ? {} : { cacheStatus: new Map([...cache.nodes].map(([node, s]) => [node, s.status])) }),
  });
}

/** The outline entry (a node's name) whose token holds `offset`: the entries are sorted by position. */
function entryAt(outline: readonly OutlineEntry[], offset: number): OutlineEntry | undefined {
  let lo = 0;
  let hi = outline.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const e = outline[mid];
    if (offset < e.start) hi = mid - 1;
    else if (offset >= e.end) lo = mid + 1;
    else return e;
  }
  return undefined;
}
