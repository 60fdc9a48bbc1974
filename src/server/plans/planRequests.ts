/**
 * The custom requests (src/protocol/lsp.ts) on top of the plan sessions: the graph payload, a task's
 * details, where a task's name is written, and which task a position of the plan file names.
 */

import type { Connection, TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { planReferenceAt } from '../../core/analysis/planNavigation';
import { graphViewRequest, taskAtRequest, taskDetailsRequest, taskLocationRequest } from '../../protocol/lsp';
import type { GraphViewResult, TextRange } from '../../protocol/planRequests';
import { LineIndex } from '../diagnostics';
import { emptyGraphPayload, graphPayloadOf } from '../graph/graphPayloadOf';
import type { PlanSession, PlanSessions } from './planSessions';
import { taskDetailsOf } from './taskDetails';

export function registerPlanRequests(connection: Connection, documents: TextDocuments<TextDocument>, plans: PlanSessions): void {
  /** Offsets to LSP positions, with one line index per session. */
  const lineIndexes = new WeakMap<PlanSession, LineIndex>();
  const rangeIn = (session: PlanSession) => (start: number, end: number): TextRange => {
    let lines = lineIndexes.get(session);
    if (lines === undefined) lineIndexes.set(session, (lines = new LineIndex(session.text)));
    return { start: lines.position(start), end: lines.position(end) };
  };

  connection.onRequest(graphViewRequest, async ({ uri, baselineUri }): Promise<GraphViewResult> => {
    const started = Date.now();
    const session = await plans.get(uri);
    const baseline = baselineUri === undefined ? undefined : await plans.get(baselineUri);
    const payload =
      session.graph === undefined || session.analysis === undefined
        ? emptyGraphPayload(session.title, session.problem ?? 'not a task graph', session.costSource)
        : graphPayloadOf({
            title: session.title,
            graph: session.graph,
            analysis: session.analysis,
            costSource: session.costSource,
            ...(baseline?.analysis === undefined ? {} : { baseline: { name: baseline.title, analysis: baseline.analysis } }),
            ...(session.context.drift === undefined ? {} : { drift: { file: plans.relative(session.context.drift.file), drift: session.context.drift.drift } }),
          });
    const data = Buffer.from(payload.buffer).toString('base64');
    connection.console.log(`graph of ${session.title}: ${payload.meta.taskCount} tasks, ${payload.meta.byteLength} bytes in ${Date.now() - started} ms`);
    return { meta: payload.meta, data };
  });

  connection.onRequest(taskDetailsRequest, async ({ uri, task }) => {
    const session = await plans.get(uri);
    return taskDetailsOf(session, task, rangeIn(session));
  });

  connection.onRequest(taskLocationRequest, async ({ uri, task }) => {
    const session = await plans.get(uri);
    const entry = session.outline().find((o) => o.kind === 'task' && o.name === task);
    return entry === undefined ? null : rangeIn(session)(entry.start, entry.end);
  });

  connection.onRequest(taskAtRequest, async ({ uri, position }) => {
    const document = documents.get(uri);
    if (document === undefined) return null;
    const session = await plans.get(uri);
    const reference = planReferenceAt(session.text, session.outline(), document.offsetAt(position));
    return reference === undefined || reference.target.kind !== 'task' ? null : { task: reference.target.name };
  });
}
