/**
 * `task_graph_diagnostics_v2` (@A, §6): the task graph diagnostics record. Plan Lens takes from it the
 * embedded node-link JSON and DOT, the opaque signatures, `session_runtime_hash`, and per-task plan
 * fingerprints and plan task signatures; the schedule metadata it repeats is derived from the graph.
 */

import type { JsonObject } from '../json/parseJson';
import { dict, type Dict } from '../model/planModel';
import type { FieldReader } from './fields';

export interface TaskGraphDiagnostics {
  readonly runId?: string;
  readonly planSignature?: string;
  readonly taskDependencySignature?: string;
  readonly reducedTaskDependencySignature?: string;
  readonly sessionRuntimeHash: string | null;
  /** The node-link JSON text, read by the node-link reader when the model is built. */
  readonly nodeLinkJson?: string;
  readonly dot: string | null;
  readonly planFingerprints: Dict<string>;
  readonly planTaskSignatures: Dict<string>;
  readonly criticalPathTaskNames: readonly string[];
  readonly missingTasks: readonly string[];
}

export function readTaskGraphDiagnostics(o: JsonObject, r: FieldReader, at: string): TaskGraphDiagnostics {
  return {
    runId: r.str(o, 'run_id', at),
    planSignature: r.str(o, 'plan_signature', at, { required: true }),
    taskDependencySignature: r.str(o, 'task_dependency_signature', at),
    reducedTaskDependencySignature: r.str(o, 'reduced_task_dependency_signature', at),
    sessionRuntimeHash: r.nullableStr(o, 'session_runtime_hash', at),
    nodeLinkJson: r.str(o, 'node_link_json', at, { required: true }),
    dot: r.nullableStr(o, 'dot', at),
    planFingerprints: r.strMap(o, 'plan_fingerprints', at) ?? dict(),
    planTaskSignatures: r.strMap(o, 'plan_task_signatures', at) ?? dict(),
    criticalPathTaskNames: r.strList(o, 'critical_path_task_names', at),
    missingTasks: r.strList(o, 'missing_tasks', at),
  };
}
