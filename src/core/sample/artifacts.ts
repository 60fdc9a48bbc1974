/**
 * The `plan_schedule_v1` and `plan_validation_v1` envelopes (artifact-formats.md §6) as msgspec Structs,
 * their JSON (Python `json.dumps(indent=2, sort_keys=True)`, as the goldens) and msgpack, whose SHA-256
 * is the `artifact_envelope_id` the run manifest records (§4.1). O(tasks + edges).
 */

import { artifactEnvelopeId, type EnvelopeKind } from '../identity/envelopes';
import type { Plain } from '../identity/value';
import { encodeMsgpack } from '../identity/msgpack';
import { v, type Value } from '../identity/value';
import { pythonJsonDumps } from './pythonJson';
import type { RunContext } from './runs';
import type { Schedule } from './schedule';
import type { TaskGraph } from './taskGraph';

export interface Envelope {
  readonly value: Value;
  readonly json: string;
  readonly msgpack: Uint8Array;
  readonly id: string;
}

function envelope(kind: EnvelopeKind, payload: Value): Envelope {
  const value = v.struct([['kind', v.str(kind)], ['payload', payload]], 2);
  const json = pythonJsonDumps(value, { indent: 2, sortKeys: true }) + '\n';
  // The id is computed by the identity module from the JSON, as a verifier would from the file.
  const id = artifactEnvelopeId(kind, (JSON.parse(json) as { payload: Plain }).payload);
  return { value, json, msgpack: encodeMsgpack(value), id };
}

const floats = (names: readonly string[], m: ReadonlyMap<string, number>): Value => v.dict(names.map((n) => [n, v.float(m.get(n)!)] as const));

export function scheduleEnvelope(ctx: RunContext, s: Schedule): Envelope {
  const names = [...s.orderedTasks];
  return envelope(
    'plan_schedule',
    v.struct(
      [
        ['run_id', v.str(ctx.runId)],
        ['plan_signature', v.str(ctx.planSignature)],
        ['reduced_plan_signature', v.str(ctx.reducedPlanSignature)],
        ['task_count', v.int(names.length)],
        ['ordered_tasks', v.strs(names)],
        ['generations', v.array(s.generations.map((g) => v.strs(g)))],
        ['critical_path_tasks', v.strs(s.criticalPath)],
        ['critical_path_length_weighted', v.float(s.criticalPathLength)],
        ['task_costs', floats(names, s.costs)],
        ['bottom_level_costs', floats(names, s.bottomLevels)],
        ['slack_by_task', floats(names, s.slack)],
      ],
      15,
    ),
  );
}

const DTYPE: Readonly<Record<string, string>> = { string: 'Utf8', int64: 'Int64', bool: 'Boolean', double: 'Float64' };

export function validationEnvelope(ctx: RunContext, graph: TaskGraph): Envelope {
  let totalEdges = 0;
  const results = graph.tasks.map((t) => {
    const edges = [...t.required.entries()].filter(([, cols]) => cols.length > 0);
    totalEdges += edges.length;
    return v.dict([
      ['task_name', v.str(t.name)],
      ['is_valid', v.bool(true)],
      ['unsatisfied_edges', v.strs([])],
      ['contract_violations', v.strs([])],
      [
        'edge_results',
        v.array(
          edges.map(([source, cols]) =>
            v.dict([
              ['source_name', v.str(source)],
              ['target_task', v.str(t.name)],
              ['is_valid', v.bool(true)],
              ['missing_columns', v.strs([])],
              ['missing_types', v.array([])],
              ['missing_metadata', v.array([])],
              ['contract_violations', v.strs([])],
              ['available_columns', v.strs(cols.map((c) => c.name))],
              ['available_types', v.array(cols.map((c) => v.dict([['column', v.str(c.name)], ['dtype', v.str(DTYPE[c.type] ?? c.type)]])))],
              ['available_metadata', v.array([])],
            ]),
          ),
        ),
      ],
    ]);
  });
  return envelope(
    'plan_validation',
    v.struct(
      [
        ['run_id', v.str(ctx.runId)],
        ['plan_signature', v.str(ctx.planSignature)],
        ['reduced_plan_signature', v.str(ctx.reducedPlanSignature)],
        ['total_tasks', v.int(graph.tasks.length)],
        ['valid_tasks', v.int(graph.tasks.length)],
        ['invalid_tasks', v.int(0)],
        ['total_edges', v.int(totalEdges)],
        ['valid_edges', v.int(totalEdges)],
        ['invalid_edges', v.int(0)],
        ['task_results', v.array(results)],
      ],
      10,
    ),
  );
}
