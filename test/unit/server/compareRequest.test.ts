import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { decodeGraphArrays } from '../../../src/protocol/graphPayload';
import type { GraphViewResult } from '../../../src/protocol/planRequests';
import { compareHandlers } from '../../../src/server/compare/compareRequest';
import { PlanSessions } from '../../../src/server/plans/planSessions';
import { repoRoot } from '../../support/corpus';

const workspace = path.join(repoRoot, 'examples', 'workspace');
const run1 = '019bfeb2-a0d4-7091-bd2a-d070b6061cb0';
const run2 = '019c03dd-7755-774b-95f8-ecf61ecd55af';
const planOf = (run: string): string => path.join(workspace, '.artifacts', 'diagnostics', run, 'task_graph_node_link.json');
const uriOf = (file: string): string => pathToFileURL(file).toString();
/** The oracle for path lengths: what each run's schedule recorded (written by the sample generator's own schedule step). */
const recordedLength = (run: string): number =>
  (JSON.parse(readFileSync(path.join(workspace, '.artifacts', 'diagnostics', run, 'plan_schedule_v1.json'), 'utf8')) as { payload: { critical_path_length_weighted: number } }).payload.critical_path_length_weighted;

function server(): { plans: PlanSessions; compare: ReturnType<typeof compareHandlers> } {
  const plans = new PlanSessions({ get: () => undefined });
  plans.setWorkspaceRoots([workspace]);
  return { plans, compare: compareHandlers(plans) };
}

function decode(r: GraphViewResult): ReturnType<typeof decodeGraphArrays> {
  const bytes = Buffer.from(r.data, 'base64');
  return decodeGraphArrays(r.meta, bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
}

suite('language server: planLens/compare', () => {
  test("the sample's two runs: the moved pin, the regressed view that moves the critical path, the added view, drift and cache, ranked", async () => {
    const { compare } = server();
    const r = await compare.compare({ beforeUri: uriOf(planOf(run1)), afterUri: uriOf(planOf(run2)) });
    assert.equal(r.problem, undefined);
    assert.deepEqual([r.before.runId, r.after.runId], [run1, run2]);
    assert.deepEqual(r.criticalPath, { before: recordedLength(run1), after: recordedLength(run2) });
    assert.deepEqual(r.counts, { kept: 57, added: 4, removed: 3, changed: 4, dependenciesAdded: 4, dependenciesRemoved: 3 });
    const kinds = r.differences.map((d) => d.kind);
    assert.equal(kinds[0], 'critical-path');
    assert.ok(kinds.indexOf('signature') < kinds.indexOf('pin') && kinds.indexOf('pin') < kinds.indexOf('task-added') && kinds.lastIndexOf('task-changed') < kinds.indexOf('cache'));
    const titles = r.differences.map((d) => d.title);
    assert.ok(titles.includes('Delta pin ast_files_v1: v1 → v2'), titles.join('\n'));
    assert.ok(titles.includes('task added: cpg_files_delta_v1'));
    // The regressed view: its recorded cost in each run's plan_schedule_v1.json task_costs.
    assert.ok(titles.includes('cpg_edges_v1: cost 314.2 → 2897.5'), titles.join('\n'));
    // The views reading ast_files_v1 were planned against its new version: new fingerprints, new pins,
    // and no change of settings, UDFs or rewrite tags (their plan-artifact rows, found by fingerprint, agree).
    const refingered = r.differences.filter((d) => d.kind === 'task-changed' && /fingerprint/.test(d.title));
    assert.deepEqual(refingered.map((d) => d.tasks[0]).sort(), ['bytecode_imports_v1', 'file_scopes_v1', 'rel_class_tree_v1']);
    for (const d of refingered) assert.match(d.title, /pins ast_files_v1@1 → ast_files_v1@2$/);
    assert.ok(!r.differences.some((d) => d.kind === 'runtime'));
    assert.ok(r.differences.some((d) => d.kind === 'drift'));
    assert.ok(r.differences.some((d) => d.kind === 'cache' && /scan_unit_[0-9a-f]+: not in the run → executed \(cache miss: no earlier entry/.test(d.title)));
    assert.deepEqual(Object.entries(r.marks).filter(([, m]) => m === 'added').map(([t]) => t).sort(), ['cpg_files_delta_v1', 'scan_unit_54c966215bb0f0fd', 'scan_unit_65f17e3dba93a40d', 'scan_unit_c8eb947d24f5a635']);
    assert.match(r.markdown, /^# Comparison of two runs\n/);
    assert.match(r.markdown, /\[`cpg_files_delta_v1`\]\(#task:cpg_files_delta_v1\)/);
  });

  test('the three drawings share names and positions; each side has its own edges and critical path', async () => {
    const { plans, compare } = server();
    const r = await compare.compare({ beforeUri: uriOf(planOf(run1)), afterUri: uriOf(planOf(run2)) });
    const [before, after, overlay] = [r.graphs.before, r.graphs.after, r.graphs.overlay].map(decode);
    assert.equal(overlay.names.length, 57 + 4 + 3);
    for (const g of [before, after]) {
      assert.deepEqual(g.names, overlay.names);
      assert.deepEqual([...g.x], [...overlay.x]);
      assert.deepEqual([...g.y], [...overlay.y]);
    }
    const edges = (g: typeof before): string[] => Array.from({ length: g.edgePairs.length / 2 }, (_, e) => `${g.names[g.edgePairs[2 * e]]}>${g.names[g.edgePairs[2 * e + 1]]}`).sort();
    const first = (await plans.get(uriOf(planOf(run1)))).analysis;
    const second = (await plans.get(uriOf(planOf(run2)))).analysis;
    assert.ok(first !== undefined && second !== undefined);
    assert.deepEqual(edges(before), first.reducedDependencies.map(([s, t]) => `${s}>${t}`).sort());
    assert.deepEqual(edges(after), second.reducedDependencies.map(([s, t]) => `${s}>${t}`).sort());
    assert.deepEqual([...before.criticalPath].map((v) => before.names[v]), first.criticalPath.tasks);
    assert.deepEqual([...after.criticalPath].map((v) => after.names[v]), second.criticalPath.tasks);
    // Every reduced edge of the union runs from an earlier column to a later one.
    for (let e = 0; e < overlay.edgePairs.length / 2; e++) assert.ok(overlay.generation[overlay.edgePairs[2 * e]] < overlay.generation[overlay.edgePairs[2 * e + 1]]);
    // A removed task has no cost in the later run's drawing.
    const removed = overlay.names.indexOf('scan_unit_4627353997be4b15');
    assert.ok(Number.isNaN(after.cost[removed]) && !Number.isNaN(before.cost[removed]));
  });

  test('a run against itself: no difference; the answer is kept while both plans are unchanged', async () => {
    const { compare } = server();
    const params = { beforeUri: uriOf(planOf(run2)), afterUri: uriOf(planOf(run2)) };
    const r = await compare.compare(params);
    assert.deepEqual(r.differences, []);
    assert.deepEqual(r.marks, {});
    assert.match(r.markdown, /No difference/);
    assert.equal(await compare.compare(params), r);
  });

  test('a side that is not a task graph is said, with nothing drawn', async () => {
    const { compare } = server();
    const schedule = path.join(workspace, '.artifacts', 'diagnostics', run1, 'plan_schedule_v1.json');
    const r = await compare.compare({ beforeUri: uriOf(schedule), afterUri: uriOf(planOf(run2)) });
    assert.match(r.problem ?? '', /plan_schedule_v1\.json: /);
    assert.deepEqual(r.differences, []);
    assert.equal(r.graphs.overlay.meta.taskCount, 0);
    assert.match(r.markdown, /Nothing to compare/);
  });
});
