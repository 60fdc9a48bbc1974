import * as assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import { RunCatalog } from '../../../src/core/analysis/runCatalog';
import { cacheCounts, runSummaries, uuid7Time, type RunSummary } from '../../../src/core/analysis/runsIndex';
import type { CacheLineageRow } from '../../../src/core/model/planModel';
import { DEFAULT_EXCLUDE_GLOBS } from '../../../src/core/workspace/workspace';
import { nodeFileSystem } from '../../../src/node/nodeFileSystem';
import { memoryFs } from '../../support/memoryFileSystem';
import { sampleRunFacts, sampleRuns, sampleWorkspace } from './sampleFacts';

// Expected values: what the sample's files record (sampleFacts.ts) and examples/workspace/README.md.
const workspace = sampleWorkspace;
const [run1, run2] = sampleRuns;

async function summaries(root: string, options: ConstructorParameters<typeof RunCatalog>[2] = {}): Promise<RunSummary[]> {
  const catalog = new RunCatalog(nodeFileSystem, root, options);
  await catalog.scan();
  return runSummaries(catalog.model.model.runs, catalog.files, catalog.readArtifacts);
}

suite('Runs view data (runsIndex)', () => {
  test('the sample: its two runs, told apart by start time, status, drift, critical path and cache as their files record them', async () => {
    const runs = await summaries(workspace);
    assert.deepEqual(runs.map((r) => r.runId), [run1, run2], 'oldest first');
    for (const [run, id] of runs.map((r, i) => [r, sampleRuns[i]] as const)) {
      const facts = sampleRunFacts(id);
      assert.equal(run.planSignature, facts.planSignature);
      assert.equal(run.status, facts.status);
      assert.deepEqual(run.criticalPath, { length: facts.criticalPath.length, tasks: facts.criticalPath.tasks.length });
      assert.equal(run.drift?.coverage, facts.coverage);
      assert.deepEqual(run.drift?.missing, facts.missing);
      assert.deepEqual(run.drift?.unexpected, facts.unexpected);
      assert.deepEqual(run.cache, { ...facts.cache, failed: 0 });
    }
    const [a, b] = runs;
    // examples/workspace/README.md: run 1 on 2026-01-27 from an empty cache, complete; run 2 on 2026-01-28,
    // partial, with an unexpected task and generation 7 never admitted.
    assert.equal(a.startedFrom, 'manifest');
    assert.match(new Date(a.startedAtMs ?? 0).toISOString(), /^2026-01-27/);
    assert.match(new Date(b.startedAtMs ?? 0).toISOString(), /^2026-01-28/);
    assert.deepEqual([a.status, b.status], ['completed', 'partial']);
    assert.equal(a.cache?.hits, 0);
    assert.deepEqual(b.drift?.unexpected, ['rel_ast_span_map_legacy_v0']);
    assert.deepEqual(b.drift?.missingGenerations, [7]);
  });

  test("a run's artifacts are its own: the task graph first, then files of its folders, its records and the shared tables", async () => {
    for (const run of await summaries(workspace)) {
      assert.equal(run.files[0].kind, 'task graph');
      assert.equal(run.taskGraph, run.files[0].path);
      assert.ok(run.taskGraph?.includes(run.runId));
      for (const f of run.files) assert.ok(f.table || f.path.includes(run.runId), `${f.path} is not of run ${run.runId}`);
      const kinds = run.files.map((f) => f.kind);
      for (const kind of ['schedule', 'schedule (msgpack)', 'validation', 'recorded drift', 'cache lineage', 'cache lineage rows', 'run manifest', 'task graph (DOT)', 'events (Delta table)']) assert.ok(kinds.includes(kind), `${run.runId} lacks its ${kind}: ${kinds.join(', ')}`);
    }
  });

  test('excludeGlobs are honoured: without the run bundles there is no manifest, and the views say so', async () => {
    const runs = await summaries(workspace, { exclude: [...DEFAULT_EXCLUDE_GLOBS, 'build/run_bundle/**'] });
    assert.equal(runs.length, 2);
    for (const r of runs) assert.ok(!r.files.some((f) => f.path.includes('run_bundle')));
    assert.deepEqual(runs.map((r) => r.status), ['no manifest', 'partial (no manifest)']);
  });

  test('artifactGlobs are honoured: only the diagnostics folders give runs, known by their folders, with their recorded drift', async () => {
    const runs = await summaries(workspace, { include: ['.artifacts/diagnostics/**/*.json'], exclude: [...DEFAULT_EXCLUDE_GLOBS, '.artifacts/datafusion_*/**'] });
    assert.deepEqual(runs.map((r) => r.runId), [run1, run2]);
    assert.ok(runs.every((r) => r.files.every((f) => f.path.includes('/.artifacts/diagnostics/'))));
    assert.deepEqual(runs.map((r) => r.drift?.from), ['recorded', 'recorded']);
  });

  test('a folder of plan files with no run record is a run, known by its folder name and dated by its UUIDv7', async () => {
    const id = '019c03dd-7755-774b-95f8-ecf61ecd55af';
    const fs = memoryFs({ [`/w/.artifacts/diagnostics/${id}/task_graph_node_link.json`]: '{"directed":true,"multigraph":false,"graph":{},"nodes":[],"links":[]}' });
    const catalog = new RunCatalog(fs, '/w');
    await catalog.scan();
    assert.equal(fs.reads.length, 0, 'a task graph is listed, not read');
    const [run] = runSummaries(catalog.model.model.runs, catalog.files, catalog.readArtifacts);
    assert.equal(run.runId, id);
    assert.equal(run.status, 'no run records');
    assert.equal(run.startedFrom, 'run id');
    assert.equal(run.taskGraph, `/w/.artifacts/diagnostics/${id}/task_graph_node_link.json`);
  });

  test('refresh re-reads only what changed: a rewritten manifest changes the status of its run alone', async () => {
    const copy = mkdtempSync(path.join(tmpdir(), 'plan-lens-runs-'));
    try {
      cpSync(workspace, copy, { recursive: true });
      const catalog = new RunCatalog(nodeFileSystem, copy);
      await catalog.scan();
      const before = catalog.version;
      const manifest = path.join(copy, 'build', 'run_bundle', run2, 'run_manifest.json');
      writeFileSync(manifest, readFileSync(manifest, 'utf8').replace('"status": "partial"', '"status": "failed"'));
      await catalog.refresh([manifest]);
      assert.ok(catalog.version > before);
      const runs = runSummaries(catalog.model.model.runs, catalog.files, catalog.readArtifacts);
      assert.deepEqual(runs.map((r) => r.status), ['completed', 'failed']);
      await catalog.refresh([path.join(copy, 'unrelated.txt')]);
      assert.equal(catalog.version, before + 1, 'a file no glob matches changes nothing');
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  });

  test("uuid7Time reads back the milliseconds a UUIDv7 starts with (RFC 9562 §5.7), and nothing from other ids", () => {
    // Run 1 of the sample: 0x019bfeb2a0d4 ms = 2026-01-27 (examples/workspace/README.md).
    assert.match(new Date(uuid7Time(run1) ?? 0).toISOString(), /^2026-01-27/);
    assert.equal(uuid7Time('a6f75cd6-e163-4482-8898-f6dc6c365ec3'), undefined, 'a version 4 UUID');
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 48 - 1 }), fc.uuid({ version: 7 }), (ms, random) => {
        const hex = ms.toString(16).padStart(12, '0');
        const id = `${hex.slice(0, 8)}-${hex.slice(8)}-${random.slice(14)}`;
        return uuid7Time(id) === ms;
      }),
    );
  });

  test('cache counts: one per node (the last row of a node exported twice), failures before misses before hits', () => {
    const row = (nodeName: string, eventTypes: string[], error: string | null = null): CacheLineageRow => ({ nodeName, taskId: null, source: 'log', cacheKey: null, dataVersion: null, codeVersion: null, dependenciesDataVersions: {}, eventTypes, eventCount: eventTypes.length, error });
    assert.equal(cacheCounts([]), undefined);
    assert.deepEqual(cacheCounts([row('a', ['get_result']), row('a', ['execute_node']), row('b', ['get_result']), row('c', ['execute_node'], 'boom')]), { hits: 1, misses: 1, failed: 1 });
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom('a', 'b', 'c', 'd'), fc.subarray(['get_result', 'execute_node', 'resolve_behavior']), fc.boolean())), (rows) => {
        const counts = cacheCounts(rows.map(([n, events, failed]) => row(n, events, failed ? 'x' : null)));
        if (rows.length === 0) return counts === undefined;
        const nodes = new Set(rows.map(([n]) => n)).size;
        return counts !== undefined && counts.hits + counts.misses + counts.failed <= nodes;
      }),
    );
  });
});
