/**
 * The JSON-RPC request objects of the Plan Lens language server's custom requests (types in
 * `planRequests.ts`), shared by the server and the extension's language client so that both sides are
 * typed by one definition.
 */

import { RequestType } from 'vscode-languageserver-protocol';
import type { GraphViewParams, GraphViewResult, SummaryParams, SummaryResult, TaskAtParams, TaskAtResult, TaskDetails, TaskParams, TextRange } from './planRequests';

export const graphViewRequest = new RequestType<GraphViewParams, GraphViewResult, void>('planLens/graphView');
export const taskDetailsRequest = new RequestType<TaskParams, TaskDetails | null, void>('planLens/taskDetails');
export const taskLocationRequest = new RequestType<TaskParams, TextRange | null, void>('planLens/taskLocation');
export const taskAtRequest = new RequestType<TaskAtParams, TaskAtResult | null, void>('planLens/taskAt');
export const summaryRequest = new RequestType<SummaryParams, SummaryResult, void>('planLens/summary');
