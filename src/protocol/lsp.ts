/**
 * The JSON-RPC request objects of the Plan Lens language server's custom requests (types in
 * `planRequests.ts`), shared by the server and the extension's language client so that both sides are
 * typed by one definition.
 */

import { RequestType } from 'vscode-languageserver-protocol';
import type { CompareParams, CompareResult } from './compare';
import type { GraphViewParams, GraphViewResult, SummaryParams, SummaryResult, TaskAtParams, TaskAtResult, TaskDetails, TaskParams, TextRange } from './planRequests';
import type { CacheNodesParams, CacheNodesResult, CacheRunsResult, CriticalPathParams, CriticalPathResult, DeltaPinsParams, DeltaPinsResult, DeltaScanUnitsParams, DeltaScanUnitsResult, RunsResult, TreeScope } from './trees';

export const graphViewRequest = new RequestType<GraphViewParams, GraphViewResult, void>('planLens/graphView');
export const taskDetailsRequest = new RequestType<TaskParams, TaskDetails | null, void>('planLens/taskDetails');
export const taskLocationRequest = new RequestType<TaskParams, TextRange | null, void>('planLens/taskLocation');
export const taskAtRequest = new RequestType<TaskAtParams, TaskAtResult | null, void>('planLens/taskAt');
export const summaryRequest = new RequestType<SummaryParams, SummaryResult, void>('planLens/summary');

// The tree views (types in `trees.ts`).
export const runsRequest = new RequestType<TreeScope, RunsResult, void>('planLens/runs');
export const deltaPinsRequest = new RequestType<DeltaPinsParams, DeltaPinsResult, void>('planLens/deltaPins');
export const deltaScanUnitsRequest = new RequestType<DeltaScanUnitsParams, DeltaScanUnitsResult, void>('planLens/deltaScanUnits');
export const cacheRunsRequest = new RequestType<TreeScope, CacheRunsResult, void>('planLens/cacheRuns');
export const cacheNodesRequest = new RequestType<CacheNodesParams, CacheNodesResult, void>('planLens/cacheNodes');
export const criticalPathRequest = new RequestType<CriticalPathParams, CriticalPathResult, void>('planLens/criticalPath');

// Two runs compared (types in `compare.ts`).
export const compareRequest = new RequestType<CompareParams, CompareResult, void>('planLens/compare');
