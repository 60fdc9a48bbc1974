import * as assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { decodeGraphArrays } from '../../../src/protocol/graphPayload';
import type { TextRange } from '../../../src/protocol/planRequests';
import { planRequestHandlers } from '../../../src/server/plans/planRequests';
import { PlanSessions } from '../../../src/server/plans/planSessions';
import { repoRoot } from '../../support/corpus';

const workspace = path.join(repoRoot, 'examples', 'workspace');
const run1 = '019bfeb2-a0d4-7091-bd2a-d070b6061cb0';
const run2 = '019c03dd-7755-774b-95f8-ecf61ecd55af';
const planOf = (run: string): string => path.join(workspace, '.artifacts', 'diagnostics', run, 'task_graph_node_link.json');
const uriOf = (file: string): string => pathToFileURL(file).toString();

/** The server's sessions and request handlers over the given open documents (none: every plan is read from disk). */
function server(open: Map<string, TextDocument> = new Map()): { plans: PlanSessions; requests: ReturnType<typeof planRequestHandlers> } {
  const plans = new PlanSessions({ get: (uri: string) => open.get(uri) });
  plans.setWorkspaceRoots([workspace]);
  return { plans, requests: planRequestHandlers(plans, () => undefined) };
}

function textAt(text: string, range: TextRange): string {
  const lines = text.split('\n');
  assert.equal(range.start.line, range.end.line);
  return lines[range.start.line].slice(range.start.character, range.end.character);
}

suite('language server: one analysis per plan version, and the requests it serves', () => {
  test('a plan is analysed once per version: the open document is read over the disk, and an edit makes a new analysis', async () => {
    const uri = uriOf(planOf(run1));
    const disk = server();
    const fromDisk = await disk.plans.get(uri);
    assert.equal(await disk.plans.get(uri), fromDisk);
    assert.equal(fromDisk.title, `.artifacts/diagnostics/${run1}/task_graph_node_link.json`);

    const text = readFileSync(planOf(run1), 'utf8');
    const open = new Map([[uri, TextDocument.create(uri, 'planlens-json', 1, text)]]);
    const editor = server(open);
    const v1 = await editor.plans.get(uri);
    assert.equal(await editor.plans.get(uri), v1);
    assert.equal(v1.analysis?.criticalPath.length, fromDisk.analysis?.criticalPath.length);
    // An unsaved edit: the first task of the critical path is renamed in the editor only.
    const first = v1.analysis?.criticalPath.tasks[0] ?? '';
    open.set(uri, TextDocument.create(uri, 'planlens-json', 2, text.split(JSON.stringify(first)).join(JSON.stringify(`${first}_edited`))));
    const v2 = await editor.plans.get(uri);
    assert.notEqual(v2, v1);
    assert.ok(v2.analysis?.tasks.includes(`${first}_edited`));
    assert.equal(v2.costSource.kind, 'recorded');
    assert.equal(v2.context, v1.context, 'the run context is read once for every version');
  });

  test('task details of a scan task: its scan unit, Delta pin against the table, verified fingerprint, cache status, place in the plan', async () => {
    const uri = uriOf(planOf(run2));
    const { requests } = server();
    const details = await requests.taskDetails({ uri, task: 'scan_unit_7c5486375ae83316' });
    assert.ok(details !== null);
    assert.deepEqual([details.kind, details.generation, details.priority, details.costFrom], ['scan', 0, 10, 'recorded']);
    assert.deepEqual(details.inputs, []);
    assert.deepEqual(details.outputs.map((o) => [o.name, o.dataset]), [['scan_unit_7c5486375ae83316', 'tree_sitter_files_v1']]);
    assert.deepEqual(details.upstream, []);
    assert.ok(details.downstream.length > 0);
    assert.equal(details.fingerprint?.verified, 'ok');
    assert.match(details.fingerprint?.value ?? '', /^[0-9a-f]{64}$/);
    assert.equal(details.deltaPins.length, 1);
    const [pin] = details.deltaPins;
    assert.deepEqual([pin.dataset, pin.version, pin.candidateFiles], ['tree_sitter_files_v1', 1, 3]);
    assert.match(pin.scanUnit ?? '', /^scan::tree_sitter_files_v1::1::/);
    // The sample's stale table: an OPTIMIZE after the runs removed two of the pinned files from the table.
    assert.equal(pin.state, 'stale: 1 version behind (the table is at version 2); 2 of its 3 candidate files are no longer in the table');
    assert.ok((pin.projectedColumns ?? []).length > 0);
    assert.deepEqual(details.cache, { status: 'hit', reason: 'cache hit: identical cache_key already in the metadata store (written by run 1)' });
    assert.equal(details.drift, 'admitted');
    assert.equal(textAt(readFileSync(planOf(run2), 'utf8'), details.location as TextRange), '"scan_unit_7c5486375ae83316"');
  });

  test('task details of a view task: evidence with required columns and types, neighbours, fingerprint, pins, cache, drift', async () => {
    const uri = uriOf(planOf(run2));
    const { requests } = server();
    const details = await requests.taskDetails({ uri, task: 'ast_attrs_v1' });
    assert.ok(details !== null);
    assert.deepEqual([details.kind, details.generation, details.cost, details.criticalStep, details.criticalPathTasks], ['view', 1, 569, 2, 8]);
    // On the path its slack is 0, up to the rounding of sums of one-decimal costs (4036.6 - 569 - ...).
    assert.ok(Math.abs(details.slack ?? 1) < 1e-9, String(details.slack));
    // The second run's plan has one view more than the first's (plan-lens sample, docs/sample.md).
    assert.deepEqual(details.costSource, { kind: 'recorded', file: `.artifacts/diagnostics/${run2}/plan_schedule_v1.json`, recordedTasks: 61 });
    const scip = details.inputs.find((i) => i.name === 'scip_index_v1');
    assert.deepEqual(scip?.columns, [{ name: 'document', type: 'string' }, { name: 'range_start', type: 'int64' }]);
    assert.deepEqual(details.inputs.filter((i) => i.dataset !== undefined).map((i) => i.dataset).sort(), ['scip_index_v1', 'symtable_files_v1']);
    assert.deepEqual([...details.upstream].sort(), ['scan_unit_1cbd29cd0ceb382b', 'scan_unit_63b7b58e16827292']);
    assert.equal(details.fingerprint?.verified, 'ok');
    assert.deepEqual(details.deltaPins.map((p) => [p.dataset, p.version, p.state]), [['scip_index_v1', 1, 'current'], ['symtable_files_v1', 2, 'current']]);
    assert.equal(details.cache?.status, 'hit');
    assert.equal(details.drift, 'admitted');
    // A view the second run never admitted.
    assert.equal((await requests.taskDetails({ uri, task: 'cpg_edges_v1' }))?.drift, 'not-run');
    assert.equal(await requests.taskDetails({ uri, task: 'no_such_task' }), null);
  });

  test('taskLocation gives the name token; taskAt finds the task under a name or a reference to it, and nothing elsewhere', async () => {
    const file = planOf(run1);
    const uri = uriOf(file);
    const text = readFileSync(file, 'utf8');
    const { requests } = server();
    const range = await requests.taskLocation({ uri, task: 'ast_attrs_v1' });
    assert.ok(range !== null);
    assert.equal(textAt(text, range), '"ast_attrs_v1"');
    const inside = { line: range.start.line, character: range.start.character + 3 };
    assert.deepEqual(await requests.taskAt({ uri, position: inside }), { task: 'ast_attrs_v1' });
    // A link's id of the task's node, and of the evidence node the task writes (named like it).
    for (const kind of ['task', 'evidence']) {
      const node = new RegExp(`"id":(\\d+),"data":\\{[^}]*"kind":"${kind}","name":"ast_attrs_v1"`).exec(text)?.[1];
      const at = text.indexOf(`"source":${node},`, text.indexOf('"links"'));
      assert.ok(node !== undefined && at > 0, kind);
      assert.deepEqual(await requests.taskAt({ uri, position: { line: 0, character: at + '"source":'.length } }), { task: 'ast_attrs_v1' }, kind);
    }
    assert.equal(await requests.taskAt({ uri, position: { line: 0, character: 1 } }), null);
    assert.equal(await requests.taskLocation({ uri, task: 'no_such_task' }), null);
  });

  test('the summary: the analysis in Markdown, the path step by step, a comparison with a baseline', async () => {
    const { requests } = server();
    const summary = await requests.summary({ uri: uriOf(planOf(run2)), baselineUri: uriOf(planOf(run1)) });
    assert.equal(summary.title, `.artifacts/diagnostics/${run2}/task_graph_node_link.json`);
    assert.match(summary.markdown, /^# Plan `\.artifacts\/diagnostics\/019c03dd-7755-774b-95f8-ecf61ecd55af\/task_graph_node_link\.json`\n/);
    // The second run's path: its regressed view cpg_edges_v1 (314.2 → 2897.5) lengthens it from 2414.6.
    assert.match(summary.markdown, /- critical path length: 4036\.6 over 8 tasks\n/);
    assert.match(summary.markdown, /\| 1 \| \[`scan_unit_1cbd29cd0ceb382b`\]\(#task:scan_unit_1cbd29cd0ceb382b\) \| 3 \| 4039\.6 \| 1 \|\n\| 2 \| \[`ast_attrs_v1`\]\(#task:ast_attrs_v1\) \| 569 \| 4036\.6 \| 0 \|\n/);
    assert.match(summary.markdown, /## Compared with `\.artifacts\/diagnostics\/019bfeb2[^`]+`\n\n```text\nCompared with .+ \(before\) → .+ \(after\)\n {2}tasks {17}57 kept, 4 added, 3 removed\n/);
    assert.doesNotMatch(summary.markdown, /## Issues/);
  });

  test('plans read from disk are size-checked under planLens.maxFileSizeMB, read again when it changes, and say why they cannot be drawn', async () => {
    const uri = uriOf(planOf(run1));
    const { plans, requests } = server();
    plans.setMaxFileSizeMB(0.001);
    const refused = await requests.graphView({ uri });
    assert.equal(refused.meta.taskCount, 0);
    assert.match(refused.meta.note ?? '', /over the 0\.0 MB limit.*planLens\.maxFileSizeMB/);
    assert.match((await requests.summary({ uri })).markdown, /file-too-large/);
    plans.setMaxFileSizeMB(256);
    const drawn = await requests.graphView({ uri });
    assert.equal(drawn.meta.taskCount, 60);
    const bytes = Buffer.from(drawn.data, 'base64');
    assert.equal(decodeGraphArrays(drawn.meta, bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength)).names.length, 60);
    assert.match((await requests.graphView({ uri: uriOf(path.join(workspace, 'missing_task_graph.json')) })).meta.note ?? '', /no such file/);
  });

  test("a schedule written into the plan's run folder afterwards weighs the plan once the server hears of it", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'plan-lens-server-'));
    try {
      const folder = path.join(dir, run1);
      mkdirSync(folder);
      cpSync(planOf(run1), path.join(folder, 'task_graph_node_link.json'));
      const uri = uriOf(path.join(folder, 'task_graph_node_link.json'));
      const { plans } = server();
      const before = await plans.get(uri);
      assert.deepEqual(before.costSource, { kind: 'priority', reason: 'no schedule of this run found' });
      assert.equal(before.analysis?.criticalPath.length, 700);
      const schedule = path.join(folder, 'plan_schedule_v1.json');
      writeFileSync(schedule, readFileSync(path.join(path.dirname(planOf(run1)), 'plan_schedule_v1.json')));
      plans.fileChanged(uriOf(schedule));
      await new Promise((resolve) => setImmediate(resolve));
      const after = await plans.get(uri);
      assert.equal(after.costSource.kind, 'recorded');
      assert.equal(after.analysis?.criticalPath.length.toFixed(3), '2414.600');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('every plan of a workspace shares one provenance, kept until a table file changes (not another run file)', async () => {
    const { plans } = server();
    const artifacts = path.join(workspace, '.artifacts');
    const shared = await plans.provenanceIn(artifacts);
    for (const run of [run1, run2]) assert.equal(await (await plans.get(uriOf(planOf(run)))).provenance(), shared, `run ${run}`);
    plans.fileChanged(uriOf(path.join(workspace, 'build', 'run_bundle', run2, 'run_manifest.json')));
    plans.fileChanged(uriOf(path.join(path.dirname(planOf(run2)), 'plan_schedule_v1.json')));
    assert.equal(await plans.provenanceIn(artifacts), shared, 'a run file that is no table changes no pin');
    plans.fileChanged(uriOf(path.join(workspace, 'build', 'delta', 'tree_sitter_files_v1', '_delta_log', '00000000000000000003.json')));
    const renewed = await plans.provenanceIn(artifacts);
    assert.notEqual(renewed, shared, 'a new commit of a pinned table is read');
    assert.equal(await (await plans.get(uriOf(planOf(run1)))).provenance(), renewed);
  });
});
