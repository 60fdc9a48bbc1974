/**
 * `codeanatomy plan --format json` output (§8.2) and the DOT text (`--format dot`, `diagnostics.dot`,
 * §2.4). The CLI's schedule and validation are envelopes in the pipeline; the CLI golden fixture uses a
 * reduced synthetic form (`{"schedule": [...]}`, `{"ok": true}`), which is read too.
 */

import { isJsonObject, type JsonObject } from '../json/parseJson';
import { lineColumn } from '../json/scanJson';
import { dict, type Dict, type Schedule, type Validation } from '../model/planModel';
import type { FieldReader } from './fields';
import { readSchedule, readValidation, scheduleMetadata, unwrapEnvelope } from './schedule';

export interface CliPlan {
  readonly planSignature?: string;
  readonly reducedPlanSignature?: string;
  readonly taskCount?: number;
  readonly dot?: string;
  readonly criticalPath: readonly string[];
  readonly criticalPathLength: number | null;
  readonly schedule?: Schedule;
  readonly validation?: Validation;
  /** The reduced `{"ok": bool}` validation of the CLI fixture. */
  readonly validationOk?: boolean;
  readonly inferredDeps: Dict<readonly string[]>;
  readonly nodes: readonly string[];
  readonly edges: readonly (readonly [string, string])[];
}

export function readCliPlan(o: JsonObject, r: FieldReader, at: string): CliPlan {
  const graph = r.object(o.graph, at + '/graph');
  const taskGraph = r.object(o.task_graph, at + '/task_graph');
  let schedule: Schedule | undefined;
  const sv = o.schedule;
  if (isJsonObject(sv)) {
    const env = unwrapEnvelope(sv);
    if (env.envelope || !Array.isArray(sv.schedule)) schedule = readSchedule(env.payload, r, at + '/schedule' + env.at);
    else {
      const orderedTasks = r.strList(sv, 'schedule', at + '/schedule');
      schedule = { orderedTasks, generations: [], criticalPathTasks: [], criticalPathLengthWeighted: null, taskCosts: dict(), bottomLevelCosts: dict(), slackByTask: null, taskCentrality: null, taskDominators: null, bridgeEdges: [], articulationTasks: [], metadata: scheduleMetadata(orderedTasks, []) };
    }
  } else if (sv !== undefined && sv !== null) r.object(sv, at + '/schedule');
  let validation: Validation | undefined;
  let validationOk: boolean | undefined;
  const vv = o.validation;
  if (isJsonObject(vv)) {
    const env = unwrapEnvelope(vv);
    if (!env.envelope && typeof vv.ok === 'boolean' && vv.task_results === undefined) validationOk = vv.ok;
    else validation = readValidation(env.payload, r, at + '/validation' + env.at);
  } else if (vv !== undefined && vv !== null) r.object(vv, at + '/validation');
  const dot = graph === undefined ? undefined : r.str(graph, 'dot', at + '/graph');
  return {
    planSignature: r.str(o, 'plan_signature', at),
    reducedPlanSignature: r.str(o, 'reduced_plan_signature', at),
    taskCount: r.int(o, 'task_count', at),
    ...(dot !== undefined ? { dot } : {}),
    criticalPath: graph === undefined ? [] : r.strList(graph, 'critical_path', at + '/graph'),
    criticalPathLength: graph === undefined ? null : r.nullableNum(graph, 'critical_path_length', at + '/graph'),
    ...(schedule !== undefined ? { schedule } : {}),
    ...(validation !== undefined ? { validation } : {}),
    ...(validationOk !== undefined ? { validationOk } : {}),
    inferredDeps: r.map(o, 'inferred_deps', at, (v, p) => r.strItems(v, p)) ?? dict(),
    nodes: taskGraph === undefined ? [] : r.list(taskGraph, 'nodes', at + '/task_graph', (v, p) => (isJsonObject(v) ? r.str(v, 'name', p, { required: true }) : r.asStr(v, p))),
    edges:
      taskGraph === undefined
        ? []
        : r.list(taskGraph, 'edges', at + '/task_graph', (v, p): [string, string] | undefined => {
            if (Array.isArray(v) && v.length === 2 && typeof v[0] === 'string' && typeof v[1] === 'string') return [v[0], v[1]];
            r.report('error', 'wrong-type', 'expected a [dependency, task] pair of names', p);
            return undefined;
          }),
  };
}

export interface DotGraph {
  readonly nodes: readonly string[];
  readonly edges: readonly (readonly [string, string])[];
}

/**
 * Reads the subset of DOT the pipeline writes: `digraph { N ; S -> T ; }` with ids (indices or names,
 * optionally quoted) and ignored `[...]` attribute lists. Anything else is an issue with line and column.
 * O(length of text).
 */
export function readDot(text: string, r: FieldReader): DotGraph {
  const nodes: string[] = [];
  const seen = new Set<string>();
  const edges: [string, string][] = [];
  const addNode = (n: string): void => {
    if (!seen.has(n)) {
      seen.add(n);
      nodes.push(n);
    }
  };
  const fail = (offset: number, msg: string): DotGraph => {
    r.issues.push({ severity: 'error', code: 'dot-syntax', message: `invalid DOT: ${msg}`, location: { file: r.file, offset, ...lineColumn(text, offset) } });
    return { nodes, edges };
  };
  const head = /^\s*(?:strict\s+)?(di)?graph\s*(?:"[^"]*"|[A-Za-z_][\w]*)?\s*\{/.exec(text);
  if (head === null) return fail(0, 'expected `digraph {`');
  if (head[1] === undefined) return fail(0, 'expected a directed graph (`digraph`)');
  const close = text.lastIndexOf('}');
  if (close < head[0].length - 1) return fail(text.length, 'missing closing `}`');
  if (text.slice(close + 1).trim() !== '') return fail(close + 1, 'text after the closing `}`');
  const body = text.slice(head[0].length, close);
  const base = head[0].length;
  const id = String.raw`(?:"(?:[^"\\]|\\.)*"|[\w.]+)`;
  const stmt = new RegExp(String.raw`^\s*(${id})\s*(?:->\s*(${id})\s*)?(?:\[[^\]]*\]\s*)?$`);
  const unquote = (s: string): string => (s.startsWith('"') ? s.slice(1, -1).replace(/\\(.)/g, '$1') : s);
  let pos = 0;
  for (const part of body.split(/[;\n]/)) {
    const at = base + pos;
    pos += part.length + 1;
    if (part.trim() === '') continue;
    const m = stmt.exec(part);
    if (m === null) return fail(at + (part.length - part.trimStart().length), `cannot read the statement "${part.trim().slice(0, 40)}"`);
    const a = unquote(m[1]);
    addNode(a);
    if (m[2] !== undefined) {
      const b = unquote(m[2]);
      addNode(b);
      edges.push([a, b]);
    }
  }
  return { nodes, edges };
}
