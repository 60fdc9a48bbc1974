import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { deltaPins, worseState, type PinStateKind } from '../../../src/core/analysis/deltaPinsIndex';
import { RunCatalog } from '../../../src/core/analysis/runCatalog';
import { nodeFileSystem } from '../../../src/node/nodeFileSystem';
import { readNodeLinkText } from '../../../src/core/readers/nodeLink';
import { repoRoot } from '../../support/corpus';

const workspace = path.join(repoRoot, 'examples', 'workspace');
const kinds: PinStateKind[] = ['current', 'stale', 'vacuumed', 'table-missing', 'unreadable', 'access-denied', 'no-credentials', 'timeout', 'unreachable', 'not-checked'];

suite('Delta Pins view data (deltaPinsIndex)', () => {
  test('the sample: six datasets, their pins, and the scan units the rows describe and the task graph names', async () => {
    const catalog = new RunCatalog(nodeFileSystem, workspace);
    await catalog.scan();
    const graphFile = path.join(workspace, '.artifacts', 'diagnostics', '019bfeb2-a0d4-7091-bd2a-d070b6061cb0', 'task_graph_node_link.json');
    const read = readNodeLinkText(readFileSync(graphFile, 'utf8'), graphFile);
    const evidence = (read.graph?.evidence ?? []).flatMap((e) => (e.scanUnitKey === undefined || e.scanDatasetName === undefined ? [] : [{ key: e.scanUnitKey, task: e.name, dataset: e.scanDatasetName, ...(e.scanDeltaVersion === undefined ? {} : { version: e.scanDeltaVersion }) }]));
    const fromRows = deltaPins([...catalog.readArtifacts, ...(await catalog.deferredTables())], catalog.model.model.runs);
    const rowUnits = new Set(fromRows.flatMap((d) => d.pins.flatMap((p) => p.scanUnits.map((u) => u.key))));
    const datasets = deltaPins([...catalog.readArtifacts, ...(await catalog.deferredTables())], catalog.model.model.runs, evidence);
    // examples/workspace/README.md: 6 pinned Delta datasets; tree_sitter_files_v1 pinned at version 1 in both runs.
    assert.deepEqual(datasets.map((d) => d.dataset), ['ast_files_v1', 'git_history_v1', 'libcst_files_v1', 'scip_index_v1', 'symtable_files_v1', 'tree_sitter_files_v1']);
    const treeSitter = datasets.find((d) => d.dataset === 'tree_sitter_files_v1');
    assert.deepEqual(treeSitter?.pins.map((p) => p.version), [1]);
    assert.deepEqual(treeSitter?.pins[0].runs, ['019bfeb2-a0d4-7091-bd2a-d070b6061cb0', '019c03dd-7755-774b-95f8-ecf61ecd55af']);
    const graph = readFileSync(graphFile, 'utf8');
    const units = datasets.flatMap((d) => d.pins.flatMap((p) => p.scanUnits.map((u) => ({ ...u, pin: p }))));
    // The rows describe some units; the task graph names every unit its plan reads, some of which no row describes.
    assert.ok(evidence.some((e) => !rowUnits.has(e.key)), 'the sample has scan units only its task graph names');
    assert.deepEqual(new Set(units.map((u) => u.key)), new Set([...rowUnits, ...evidence.map((e) => e.key)]));
    for (const e of evidence) {
      const u = units.find((x) => x.key === e.key);
      assert.equal(u?.task, e.task, 'the task graph names the scan task');
      assert.ok(graph.includes(`"${e.task}"`));
      assert.equal(u?.pin.dataset, e.dataset);
      assert.equal(u?.pin.version, e.version);
    }
    for (const u of units) {
      if (u.unit === undefined) assert.ok(!rowUnits.has(u.key));
      else assert.ok(u.unit.candidateFiles.length > 0 && u.key.startsWith(`scan::${u.unit.datasetName}::`));
    }
  });

  test('property: the worse of two states is one of them, whatever the order, and vacuumed outranks everything', () => {
    fc.assert(
      fc.property(fc.constantFrom(...kinds), fc.constantFrom(...kinds), (a, b) => {
        const w = worseState(a, b);
        return (w === a || w === b) && w === worseState(b, a) && worseState(w, w) === w && (a !== 'vacuumed' || w === 'vacuumed');
      }),
    );
  });
});
