import * as assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { CacheStatus, TreeScope } from '../../../src/protocol/trees';
import { planRequestHandlers } from '../../../src/server/plans/planRequests';
import { PlanSessions } from '../../../src/server/plans/planSessions';
import { treeRequestHandlers } from '../../../src/server/trees/treeRequests';
import { needCorpus } from '../../support/corpus';
import { manyRunsWorkspace } from './manyRuns';
import { sampleRunFacts, sampleRuns, sampleWorkspace } from './sampleFacts';

const workspace = sampleWorkspace;
const [run1, run2] = sampleRuns;
const uriOf = (file: string): string => pathToFileURL(file).toString();
const scopeOf = (root: string): TreeScope => ({ roots: [uriOf(root)] });

function server(): { plans: PlanSessions; trees: ReturnType<typeof treeRequestHandlers>; log: string[] } {
  const log: string[] = [];
  const plans = new PlanSessions({ get: () => undefined });
  return { plans, trees: treeRequestHandlers(plans, (m) => log.push(m)), log };
}

async function timed<T>(label: string, times: string[], work: () => Promise<T>): Promise<T> {
  const started = process.hrtime.bigint();
  const result = await work();
  times.push(`${label}: ${(Number(process.hrtime.bigint() - started) / 1e6).toFixed(0)} ms`);
  return result;
}

suite('language server: the tree views’ requests', () => {
  // Expected values: what the sample's files record (sampleFacts.ts) and examples/workspace/README.md.
  test('Runs, Delta Pins, Cache Lineage and Critical Path of the sample', async () => {
    const { trees } = server();
    const scope = scopeOf(workspace);
    const runs = await trees.runs(scope);
    const facts = [sampleRunFacts(run1), sampleRunFacts(run2)];
    assert.equal(runs.groups.length, new Set(facts.map((f) => f.planSignature)).size, 'one group per plan signature');
    const all = runs.groups.flatMap((g) => g.runs);
    assert.deepEqual(all.map((r) => r.runId).sort(), [run1, run2]);
    for (const g of runs.groups) for (const r of g.runs) assert.equal(r.planSignature, g.planSignature);
    assert.deepEqual(runs.groups.flatMap((g) => g.runs.map((r) => r.runId)), [run1, run2], 'oldest first throughout');
    const first = all.find((r) => r.runId === run1);
    assert.ok(first);
    assert.equal(first.artifacts[0].relative, `.artifacts/diagnostics/${run1}/task_graph_node_link.json`);
    assert.equal(first.taskGraph, first.artifacts[0].uri);

    const pins = await trees.deltaPins(scope);
    const stale = pins.datasets.find((d) => d.dataset === 'tree_sitter_files_v1')?.pins[0];
    assert.equal(stale?.stateKind, 'stale');
    assert.match(stale?.state ?? '', /^stale: 1 version behind/);
    for (const p of pins.datasets.flatMap((d) => d.pins)) {
      // The value and the words agree (planProvenance.ts states each kind in its own words).
      const words: Partial<Record<string, RegExp>> = { current: /^current$/, stale: /^stale: /, vacuumed: /^files vacuumed: /, 'table-missing': /^table (missing|not in the workspace)/ };
      assert.match(p.state, words[p.stateKind] ?? /./, `${p.dataset}: ${p.stateKind} said as "${p.state}"`);
      assert.ok(p.runs.length > 0, `${p.dataset} v${p.version ?? '?'}: no run pins it`);
    }
    const units = (await trees.deltaScanUnits({ ...scope, pin: stale?.key ?? '' })).scanUnits;
    assert.ok(units.length > 0);
    const described = units.find((u) => u.candidateFiles.length > 0);
    assert.ok(described, 'a unit the plan-artifact rows describe');
    for (const f of described.candidateFiles) {
      // The OPTIMIZE that made the pin stale removed files from the table, not from disk.
      assert.equal(f.present, true, f.path);
      assert.equal(f.size, statSync(fileURLToPath(f.uri ?? '')).size);
    }
    assert.ok(described.projectedColumns.length > 0);

    const cache = await trees.cacheRuns(scope);
    assert.deepEqual(
      cache.runs.map((r) => [r.runId, r.counts]),
      facts.map((f, i) => [[run1, run2][i], { ...(f.cache.hits > 0 ? { hit: f.cache.hits } : {}), executed: f.cache.misses }]),
    );
    const nodes = (await trees.cacheNodes({ ...scope, run: cache.runs[1].key })).nodes;
    const changedCode = nodes.find((n) => n.node === 'rel_import_graph_v1');
    assert.equal(changedCode?.reason, 'cache miss: code_version changed');
    assert.equal(changedCode?.changed?.codeVersion, true);
    // Nodes the first run did not have (the task outside the plan, the scans of the dataset the second run
    // pinned a version later) miss with nothing earlier to compare; every other miss names its change.
    const downstream = nodes.filter((n) => n.status === 'executed' && n.node !== 'rel_import_graph_v1' && !/no earlier entry/.test(n.reason));
    assert.ok(downstream.length > 0);
    for (const n of downstream) assert.ok(n.dependencies.some((d) => d.changed), `${n.node} missed with no changed dependency`);

    // The analysis of the plan with the run's recorded costs finds the path the schedule recorded
    // (README: the schedule was computed by Plan Lens's own analysis from the node-link file).
    for (const [i, run] of [run1, run2].entries()) {
      const steps = await trees.criticalPath({ uri: uriOf(path.join(workspace, '.artifacts', 'diagnostics', run, 'task_graph_node_link.json')) });
      assert.deepEqual(steps.tasks.map((t) => t.task), facts[i].criticalPath.tasks);
      assert.equal(steps.length, facts[i].criticalPath.length);
      assert.equal(steps.costSource.kind, 'recorded');
    }
  });

  test('a broken artifact is listed with its file and reason, and never hides the runs; the sample has none', async () => {
    const { trees } = server();
    assert.deepEqual((await trees.runs(scopeOf(workspace))).issues, [], 'the sample reads cleanly (mixed plans are no problem for runs)');
    const copy = mkdtempSync(path.join(tmpdir(), 'plan-lens-trees-'));
    try {
      cpSync(workspace, copy, { recursive: true });
      const broken = path.join(copy, 'build', 'run_bundle', run2, 'run_manifest.json');
      writeFileSync(broken, '{"kind": "run_manifest_v2", "payload": {');
      const answer = await server().trees.runs(scopeOf(copy));
      assert.deepEqual(answer.groups.flatMap((g) => g.runs.map((r) => r.runId)).sort(), [run1, run2]);
      assert.ok(answer.issues.some((i) => i.startsWith(`${broken}:`) && /error/.test(i)), answer.issues.join('\n'));
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  });

  test('the Critical Path is read from the plan session the graph uses: one analysis per plan version', async () => {
    const { plans, trees } = server();
    const plan = uriOf(path.join(workspace, '.artifacts', 'diagnostics', run2, 'task_graph_node_link.json'));
    const graph = planRequestHandlers(plans, () => undefined);
    await graph.graphView({ uri: plan });
    const session = await plans.get(plan);
    const steps = await trees.criticalPath({ uri: plan });
    assert.equal(await plans.get(plan), session, 'a second analysis was made');
    assert.deepEqual(steps.tasks.map((t) => t.task), session.analysis?.criticalPath.tasks);
    const notAGraph = await trees.criticalPath({ uri: uriOf(path.join(workspace, '.artifacts', 'diagnostics', run2, 'plan_schedule_v1.json')) });
    assert.equal(notAGraph.tasks.length, 0);
    assert.ok(notAGraph.problem !== undefined && notAGraph.problem.length > 0);
  });

  test('a new run written by the pipeline appears after the change is reported, without a new scan of the rest', async () => {
    const copy = mkdtempSync(path.join(tmpdir(), 'plan-lens-trees-'));
    try {
      cpSync(workspace, copy, { recursive: true });
      const { trees } = server();
      const scope = scopeOf(copy);
      assert.equal((await trees.runs(scope)).groups.flatMap((g) => g.runs).length, 2);
      const id = '019c0900-0000-7000-8000-000000000001';
      const folder = path.join(copy, '.artifacts', 'diagnostics', id);
      cpSync(path.join(copy, '.artifacts', 'diagnostics', run2), folder, { recursive: true });
      // Unreported, the change is not seen (the catalog is not walked again per request) …
      assert.equal((await trees.runs(scope)).groups.flatMap((g) => g.runs).length, 2);
      // … reported, it is.
      trees.fileChanged(uriOf(path.join(folder, 'task_graph_node_link.json')));
      const after = (await trees.runs(scope)).groups.flatMap((g) => g.runs);
      assert.ok(after.some((r) => r.runId === id && r.taskGraph?.endsWith('task_graph_node_link.json')), after.map((r) => r.runId).join(', '));
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  });

  test('a real Hamilton cache store (corpus two-runs-code-change): statuses as Hamilton logged them, the code change and what it caused', async function () {
    const root = needCorpus(this, 'hamilton-cache/two-runs-code-change');
    // Oracle: the scenario's expected-lineage.json (Hamilton's API) and README ("orders_eur is recomputed
    // because its code_version changed … its dependency data versions are identical").
    const expected = JSON.parse(readFileSync(path.join(root, 'expected-lineage.json'), 'utf8')) as { run_ids: string[]; node_runs: { run_id: string; node_name: string; status: string }[] };
    const { trees } = server();
    const scope = scopeOf(root);
    const cache = await trees.cacheRuns(scope);
    assert.deepEqual(cache.runs.map((r) => r.runId), expected.run_ids);
    const oracle = (s: CacheStatus): string => (s === 'hit' ? 'retrieved' : s === 'input' ? 'input' : s === 'not-executed' ? 'not_executed' : 'executed');
    for (const run of cache.runs) {
      const nodes = (await trees.cacheNodes({ ...scope, run: run.key })).nodes;
      for (const e of expected.node_runs.filter((n) => n.run_id === run.runId)) {
        assert.equal(oracle(nodes.find((n) => n.node === e.node_name)?.status ?? 'failed'), e.status, `${run.runId} ${e.node_name}`);
      }
    }
    const second = (await trees.cacheNodes({ ...scope, run: cache.runs[1].key })).nodes;
    const eur = second.find((n) => n.node === 'orders_eur');
    assert.equal(eur?.reason, 'cache miss: code_version changed');
    assert.equal(eur?.changed?.codeVersion, true);
    assert.ok(eur !== undefined && eur.dependencies.length > 0 && eur.dependencies.every((d) => !d.changed));
    const enriched = second.find((n) => n.node === 'orders_enriched');
    assert.equal(enriched?.reason, "cache miss: data_version of dependency 'orders_eur' changed");
    assert.deepEqual(enriched?.dependencies.filter((d) => d.changed).map((d) => d.name), ['orders_eur']);
  });

  test('1,000 runs and 10,000 cache lineage rows: every run listed, every row reachable; request times reported', async function () {
    this.timeout(600_000);
    const times: string[] = [];
    const root = await timed('generate the workspace (sample generator, 10 tasks x 1,000 runs)', times, async () => manyRunsWorkspace(1000));
    const { trees } = server();
    const scope = scopeOf(root);
    const runs = await timed('runs, first request (scan)', times, () => trees.runs(scope));
    assert.equal(runs.groups.flatMap((g) => g.runs).length, 1000);
    await timed('runs, again', times, () => trees.runs(scope));
    const manifest = path.join(root, 'build', 'run_bundle', runs.groups.flatMap((g) => g.runs)[500].runId, 'run_manifest.json');
    utimesSync(manifest, new Date(), new Date());
    trees.fileChanged(uriOf(manifest));
    await timed('runs after one manifest changed', times, () => trees.runs(scope));
    const cache = await timed('cache lineage runs', times, () => trees.cacheRuns(scope));
    assert.equal(cache.runs.length, 1000);
    let rows = 0;
    for (const [i, run] of cache.runs.entries()) {
      const nodes = i === 999 ? await timed('cache lineage nodes of the last run', times, () => trees.cacheNodes({ ...scope, run: run.key })) : await trees.cacheNodes({ ...scope, run: run.key });
      assert.equal(nodes.nodes.length, run.nodes);
      rows += run.nodes;
    }
    // One lineage row per node a run executed or retrieved: the generator's JSON-lines files, counted.
    const lineage = path.join(root, 'build', 'hamilton_cache', 'lineage');
    const written = readdirSync(lineage).reduce((n, f) => n + readFileSync(path.join(lineage, f), 'utf8').split('\n').filter((l) => l.trim() !== '').length, 0);
    assert.equal(rows, written);
    assert.ok(rows >= 9_900, `${rows} rows`);
    const pins = await timed('Delta pins, first request', times, () => trees.deltaPins(scope));
    assert.ok(pins.datasets.length > 0);
    await timed('Delta pins, again', times, () => trees.deltaPins(scope));
    await timed('scan units of a pin', times, () => trees.deltaScanUnits({ ...scope, pin: pins.datasets[0].pins[0].key }));
    const newest = runs.groups.flatMap((g) => g.runs).sort((a, b) => (a.startedAtMs ?? 0) - (b.startedAtMs ?? 0)).at(-1);
    await timed('critical path of the newest run', times, () => trees.criticalPath({ uri: newest?.taskGraph ?? '' }));
    console.log(`      ${times.join('\n      ')}`);
  });
});
