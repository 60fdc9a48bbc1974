import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { lineageOfRows, mergeLineage, statusCounts, type CacheRunLineage, type LineageRowsRun } from '../../../src/core/analysis/cacheLineageIndex';
import type { CacheLineageRow } from '../../../src/core/model/planModel';

function row(nodeName: string, facts: { key: string | null; code: string; data: string; deps?: Record<string, string>; events?: string[] }): CacheLineageRow {
  return { nodeName, taskId: null, source: 'log', cacheKey: facts.key, dataVersion: facts.data, codeVersion: facts.code, dependenciesDataVersions: facts.deps ?? {}, eventTypes: facts.events ?? ['execute_node'], eventCount: 1, error: null };
}

/** Runs of nodes a..d whose code, data and dependency versions are drawn from a few values, so repeats and changes both occur. */
const arbitraryRuns = fc.array(
  fc.array(fc.record({ node: fc.constantFrom('a', 'b', 'c', 'd'), code: fc.constantFrom('c1', 'c2'), data: fc.constantFrom('d1', 'd2'), dep: fc.constantFrom('v1', 'v2'), hit: fc.boolean() }), { maxLength: 6 }),
  { minLength: 1, maxLength: 5 },
);

suite('Cache Lineage view data (cacheLineageIndex)', () => {
  test('a code change: the node misses with the reason in words, its key and code version changed, its dependencies did not', () => {
    const [first, second] = lineageOfRows([
      { runId: 'r1', source: 'l/r1.jsonl', rows: [row('up', { key: 'k-up', code: 'u', data: 'U1' }), row('n', { key: 'k1', code: 'c1', data: 'D1', deps: { up: 'U1' } })] },
      { runId: 'r2', source: 'l/r2.jsonl', rows: [row('up', { key: 'k-up', code: 'u', data: 'U1', events: ['get_result'] }), row('n', { key: 'k2', code: 'c2', data: 'D2', deps: { up: 'U1' } })] },
    ]);
    assert.equal(first.nodes.every((n) => n.changed === undefined), true, 'no run before the first');
    const n = second.nodes.find((x) => x.node === 'n');
    assert.equal(n?.status, 'executed');
    // The words `plan-lens cache` gives (hamiltonCache/reasonText.ts), as the Hamilton corpus README states them.
    assert.equal(n?.reason, 'cache miss: code_version changed');
    assert.deepEqual(n?.changed, { cacheKey: true, codeVersion: true, dataVersion: true, previousRunId: 'r1' });
    assert.deepEqual(n?.dependencies, [{ name: 'up', dataVersion: 'U1', previous: 'U1', changed: false }]);
    assert.equal(second.nodes.find((x) => x.node === 'up')?.status, 'hit');
    assert.deepEqual(statusCounts(second.nodes), { hit: 1, executed: 1 });
  });

  test("property: 'changed' compares each fact with the node's row in its latest earlier run, and is absent without one", () => {
    fc.assert(
      fc.property(arbitraryRuns, (runs) => {
        const input: LineageRowsRun[] = runs.map((rows, i) => ({
          runId: `r${i}`,
          source: 's',
          rows: rows.map((r) => row(r.node, { key: `${r.node}-${r.code}-${r.dep}`, code: r.code, data: r.data, deps: { up: r.dep }, events: [r.hit ? 'get_result' : 'execute_node'] })),
        }));
        const out = lineageOfRows(input);
        const last = new Map<string, { runId: string; row: CacheLineageRow }>();
        for (const [i, run] of out.entries()) {
          const rows = new Map(input[i].rows.map((r) => [r.nodeName, r]));
          assert.equal(run.nodes.length, rows.size, 'one entry per node');
          for (const n of run.nodes) {
            const before = last.get(n.node);
            const now = rows.get(n.node) as CacheLineageRow;
            if (before === undefined) assert.equal(n.changed, undefined);
            else {
              assert.deepEqual(n.changed, { cacheKey: before.row.cacheKey !== now.cacheKey, codeVersion: before.row.codeVersion !== now.codeVersion, dataVersion: before.row.dataVersion !== now.dataVersion, previousRunId: before.runId });
              assert.equal(n.dependencies[0].changed, before.row.dependenciesDataVersions.up !== now.dependenciesDataVersions.up);
            }
          }
          for (const r of rows.values()) last.set(r.nodeName, { runId: run.runId, row: r });
        }
      }),
    );
  });

  test('a run a cache store describes replaces its export rows; runs are in start order', () => {
    const run = (runId: string, source: string, startedAtMs: number): CacheRunLineage => ({ runId, source, startedAtMs, nodes: [] });
    const merged = mergeLineage([run('a', 'rows', 2), run('b', 'rows', 1)], [run('a', 'store', 2), run('c', 'store', 3)]);
    assert.deepEqual(merged.map((r) => `${r.runId}:${r.source}`), ['b:rows', 'a:store', 'c:store']);
  });
});
