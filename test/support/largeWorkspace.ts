/**
 * Generated workspaces for the editor and browser tests: `largeWorkspace(tasks)`, the sample of a plan of
 * that many tasks, and `hostileWorkspace()`, a small sample whose task names are built to break naive
 * rendering (markup, quotes, ampersands; a 2,000-character name).
 *
 * Each lives under `.vscode-test/scratch/sample-workspaces/`, named by its contents and a hash of the
 * generator's sources, so a later test process reuses it and a changed generator gets a fresh one (and
 * the stale ones are removed). A
 * workspace is built in a private temporary sibling with its marker file written last, then renamed into
 * place: a folder under the final name is always complete, and processes that race to build the same
 * one never write into each other's files.
 */

import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { repoRoot, scratchRoot } from '../../scripts/editor/paths';
import { generateSample, sampleFiles, type SampleOptions } from '../../src/core/sample/generateSample';
import { pythonStrList } from '../../src/core/sample/pythonJson';
import type { SampleFile } from '../../src/core/sample/sampleFile';
import { nodeSha256 } from '../../src/node/nodeSha256';

/** Written last into a finished workspace; its content says what was generated. */
export const COMPLETE_MARKER = '.plan-lens-workspace-complete';

/** The task name with markup, both quote kinds and an ampersand that `hostileWorkspace` puts in the plan. */
export const HOSTILE_TASK_NAME = `<img src=x onerror=alert(1)>"'&`;

/** A 2,000-character task name (ASCII, so its byte and character lengths agree). */
export const LONG_TASK_NAME = `rel_${'very_long_view_name_'.repeat(100)}`.slice(0, 1995) + '_v999';

const workspaceRoot = path.join(scratchRoot, 'sample-workspaces');
const made = new Map<string, string>();

/**
 * The absolute path of a workspace holding the sample artifacts of a `tasks`-task plan (one run, seed 1;
 * 2..100000 tasks). Written once: later calls, in this process or a later one, reuse the folder.
 */
export function largeWorkspace(tasks: number): string {
  if (!Number.isInteger(tasks) || tasks < 2 || tasks > 100_000) throw new RangeError(`tasks must be an integer in 2..100000, got ${tasks}`);
  const options: SampleOptions = { tasks, runs: 1, seed: 1 };
  return once(`sample-${tasks}t-${generatorKey()}`, (dir) => writeFiles(dir, sampleFiles({ ...options, sha256: nodeSha256 })), options);
}

/**
 * The absolute path of a 60-task sample workspace (one run, seed 1) in which one view task is renamed to
 * `HOSTILE_TASK_NAME` and another to `LONG_TASK_NAME`, everywhere they appear in the task graph file: the
 * task and evidence nodes, the links, and the embedded `inputs`/`sources` lists.
 *
 * The run's schedule and validation envelopes are left out: they list every task by its generated name,
 * so next to the renamed graph they would be dangling-reference errors. The other artifacts keep the
 * generated names, like runs of the plan before the rename: `plan-lens analyze` of the folder exits 0
 * with one warning, the drift computed from the events (which admitted the old names) disagreeing with
 * the recorded drift, and that warning quotes both new names. `plan-lens verify` finds no mismatch.
 */
export function hostileWorkspace(): string {
  const options: SampleOptions = { tasks: 60, runs: 1, seed: 1 };
  return once(`hostile-${generatorKey()}`, (dir) => writeFiles(dir, hostileFiles(options)), options);
}

/** The task graph files of a generated workspace (one per run). */
export function taskGraphFiles(workspace: string): string[] {
  const diagnostics = path.join(workspace, '.artifacts', 'diagnostics');
  return readdirSync(diagnostics)
    .sort()
    .map((run) => path.join(diagnostics, run, 'task_graph_node_link.json'))
    .filter((file) => existsSync(file));
}

function once(key: string, write: (dir: string) => void, options: SampleOptions): string {
  const cached = made.get(key);
  if (cached !== undefined) return cached;
  pruneStale();
  const dir = ensureWorkspace(path.join(workspaceRoot, key), write, JSON.stringify(options));
  made.set(key, dir);
  return dir;
}

/**
 * Removes finished workspaces that an earlier version of the generator made (a 100k-task one is 600 MB).
 * Temporary folders are left alone: another process may be writing one.
 */
function pruneStale(): void {
  if (!existsSync(workspaceRoot)) return;
  const current = generatorKey();
  for (const name of readdirSync(workspaceRoot)) {
    if (name.includes('.tmp-') || name.endsWith(`-${current}`)) continue;
    rmSync(path.join(workspaceRoot, name), { recursive: true, force: true });
  }
}

/**
 * `dir` if it is complete (its marker holds `description`); otherwise builds it with `write` into a
 * temporary sibling, marks it complete and renames it to `dir`. The per-process memo is in the callers;
 * this is the on-disk half, exported for its test.
 */
export function ensureWorkspace(dir: string, write: (dir: string) => void, description: string): string {
  if (isComplete(dir, description)) return dir;
  mkdirSync(path.dirname(dir), { recursive: true });
  const temp = mkdtempSync(`${dir}.tmp-`);
  try {
    write(temp);
    writeFileSync(path.join(temp, COMPLETE_MARKER), description);
    // Whatever is under the final name now is incomplete (complete ones returned above): a crashed run's.
    if (existsSync(dir) && !isComplete(dir, description)) rmSync(dir, { recursive: true, force: true });
    try {
      renameSync(temp, dir);
    } catch (e) {
      // Another process finished the same workspace first: use it.
      if (!isComplete(dir, description)) throw e;
      rmSync(temp, { recursive: true, force: true });
    }
  } catch (e) {
    rmSync(temp, { recursive: true, force: true });
    throw e;
  }
  return dir;
}

function isComplete(dir: string, description: string): boolean {
  try {
    return readFileSync(path.join(dir, COMPLETE_MARKER), 'utf8') === description;
  } catch {
    return false;
  }
}

function writeFiles(dir: string, files: Iterable<SampleFile>): void {
  for (const f of files) {
    const target = path.join(dir, ...f.path.split('/'));
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, f.bytes);
  }
}

/**
 * The generator's sources, hashed: a cached workspace is reused only while the code that made it is
 * unchanged (its output for a size is otherwise fixed, see test/unit/sample).
 */
let cachedKey: string | undefined;
function generatorKey(): string {
  if (cachedKey !== undefined) return cachedKey;
  const hash = createHash('sha256');
  for (const folder of ['src/core/sample', 'src/core/identity', 'src/core/text']) {
    for (const name of readdirSync(path.join(repoRoot, folder)).sort()) {
      if (!name.endsWith('.ts')) continue;
      hash.update(`${folder}/${name}\n`);
      hash.update(readFileSync(path.join(repoRoot, folder, name)));
    }
  }
  cachedKey = hash.digest('hex').slice(0, 12);
  return cachedKey;
}

interface NodeLink {
  nodes: { id: number; data: Record<string, string> }[];
  links: { source: number; target: number; id: number; data: Record<string, string> }[];
}

/** The sample with two view tasks renamed in its task graph files (see `hostileWorkspace`). */
function* hostileFiles(options: SampleOptions): Generator<SampleFile> {
  const files = generateSample(options);
  const graphs = files.filter((f) => f.path.endsWith('/task_graph_node_link.json'));
  const renames = chooseRenames(JSON.parse(new TextDecoder().decode(graphs[0].bytes)) as NodeLink);
  for (const f of files) {
    if (/\/plan_(schedule|validation)_v1\.(json|msgpack)$/.test(f.path)) continue;
    yield graphs.includes(f) ? { path: f.path, bytes: new TextEncoder().encode(renameTasks(new TextDecoder().decode(f.bytes), renames)) } : f;
  }
}

/**
 * Two view tasks that both consume and feed other views, so the new names show up as node, link source
 * and target, and inside other tasks' `inputs` and `sources` lists.
 */
function chooseRenames(graph: NodeLink): Map<string, string> {
  const tasks = graph.nodes.filter((n) => n.data.kind === 'task' && n.data.task_kind === 'view');
  const consumed = new Set(tasks.flatMap((t) => JSON.parse(t.data.sources) as string[]));
  const feedsViews = (t: (typeof tasks)[number]): boolean => (JSON.parse(t.data.inputs) as string[]).some((x) => tasks.some((u) => u.data.name === x));
  const picked = tasks.filter((t) => consumed.has(t.data.name) && feedsViews(t)).slice(0, 2);
  if (picked.length < 2) throw new Error('the 60-task sample has no two middle views to rename');
  return new Map([
    [picked[0].data.name, HOSTILE_TASK_NAME],
    [picked[1].data.name, LONG_TASK_NAME],
  ]);
}

/**
 * The node-link text with tasks renamed wherever a name is a value: node `name`/`output`, link `name`,
 * and the Python-JSON `inputs`/`sources` lists (rewritten as `json.dumps` writes them). The layout stays
 * the generator's (compact, the same key order), since JSON.stringify keeps insertion order.
 */
function renameTasks(text: string, renames: ReadonlyMap<string, string>): string {
  const graph = JSON.parse(text) as NodeLink;
  const rename = (name: string): string => renames.get(name) ?? name;
  for (const n of graph.nodes) {
    for (const key of ['name', 'output'] as const) if (n.data[key] !== undefined) n.data[key] = rename(n.data[key]);
    for (const key of ['inputs', 'sources'] as const) if (n.data[key] !== undefined) n.data[key] = pythonStrList((JSON.parse(n.data[key]) as string[]).map(rename));
  }
  for (const l of graph.links) l.data.name = rename(l.data.name);
  return JSON.stringify(graph);
}
