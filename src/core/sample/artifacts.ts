/**
 * The `plan_schedule_v1` and `plan_validation_v1` envelopes (artifact-formats.md §6) as msgspec Structs,
 * their JSON (Python `json.dumps(indent=2, sort_keys=True)`, as the goldens) and msgpack, whose SHA-256
 * is the `artifact_envelope_id` the run manifest records (§4.1). O(tasks + edges).
 */

import type { Sha256Factory } from '../hash/sha256';
import type { EnvelopeKind } from '../identity/envelopes';
import { sha256Hex } from '../identity/hash';
import { encodeMsgpack, type StreamedArray } from '../identity/msgpack';
import { v, type Value } from '../identity/value';
import { pythonJsonFile } from './pythonJson';
import type { RunContext } from './runs';
import type { SampleSchedule } from './sampleSchedule';
import type { GraphTask, TaskGraph } from './taskGraph';
import type { Column } from './vocabulary';

export interface Envelope {
  /** The JSON file's bytes (with its final newline). */
  readonly json: Uint8Array;
  readonly msgpack: Uint8Array;
  readonly id: string;
}

function envelope(kind: EnvelopeKind, payload: Value, sha256: Sha256Factory | undefined, streamed?: ReadonlyMap<Value, StreamedArray>): Envelope {
  const value = v.struct([['kind', v.str(kind)], ['payload', payload]], 2);
  const json = pythonJsonFile(value, { indent: 2, sortKeys: true, streamed });
  const msgpack = encodeMsgpack(value, streamed);
  // artifact_envelope_id is SHA-256 of the envelope msgpack (§4.1), which is exactly these bytes. That the
  // JSON file encodes the same envelope is checked where a verifier would check it: `plan-lens verify`
  // and test/unit/sample recompute the id from the JSON. Doing it here too re-parsed and re-encoded the
  // largest files of a 100k-task sample.
  if (sha256 === undefined) return { json, msgpack, id: sha256Hex(msgpack) };
  const hasher = sha256();
  hasher.update(msgpack);
  return { json, msgpack, id: hasher.digestHex() };
}

const floats = (names: readonly string[], m: ReadonlyMap<string, number>): Value => v.dict(names.map((n) => [n, v.float(m.get(n)!)] as const));

/** `sha256`: the hash for the envelope id (see `SampleOptions.sha256`). */
export function scheduleEnvelope(ctx: RunContext, s: SampleSchedule, sha256?: Sha256Factory): Envelope {
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
    sha256,
  );
}

const EMPTY = v.array([]);
const TRUE = v.bool(true);
const DTYPE: Readonly<Record<string, string>> = { string: 'Utf8', int64: 'Int64', bool: 'Boolean', double: 'Float64' };

export function validationEnvelope(ctx: RunContext, graph: TaskGraph, sha256?: Sha256Factory): Envelope {
  let totalEdges = 0;
  const edgesOf = (t: GraphTask): [string, readonly Column[]][] => [...t.required.entries()].filter(([, cols]) => cols.length > 0);
  for (const t of graph.tasks) totalEdges += edgesOf(t).length;
  // One result per task: made while encoding (twice, for the JSON and the msgpack) instead of held as
  // one tree, which at 100k tasks was millions of live objects.
  const results: StreamedArray = {
    length: graph.tasks.length,
    item: (i) => {
      const t = graph.tasks[i];
      // Keys in sorted order, as the JSON and msgpack write them, so the encoders need not sort a copy.
      return v.dict([
        ['contract_violations', EMPTY],
        [
          'edge_results',
          v.array(
            edgesOf(t).map(([source, cols]) =>
              v.dict([
                ['available_columns', v.strs(cols.map((c) => c.name))],
                ['available_metadata', EMPTY],
                ['available_types', v.array(cols.map((c) => v.dict([['column', v.str(c.name)], ['dtype', v.str(DTYPE[c.type] ?? c.type)]])))],
                ['contract_violations', EMPTY],
                ['is_valid', TRUE],
                ['missing_columns', EMPTY],
                ['missing_metadata', EMPTY],
                ['missing_types', EMPTY],
                ['source_name', v.str(source)],
                ['target_task', v.str(t.name)],
              ]),
            ),
          ),
        ],
        ['is_valid', TRUE],
        ['task_name', v.str(t.name)],
        ['unsatisfied_edges', EMPTY],
      ]);
    },
  };
  const placeholder = v.array([]);
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
        ['task_results', placeholder],
      ],
      10,
    ),
    sha256,
    new Map([[placeholder, results]]),
  );
}
