import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { readNodeLinkText } from '../../../src/core/readers/nodeLink';
import { analyzeNodeLinkText, formatAnalysisSummary } from '../../../src/core/analysis/analyzePlan';
import { costSourceOf } from '../../../src/core/analysis/costSource';
import { randomNodeLinkText, seededRandom } from '../../support/randomPlans';
import { nodeSha256 } from '../../../src/node/nodeSha256';
import { projectTaskDependencies } from '../../../src/core/readers/taskDependencies';
import { topologicalOrder } from '../../../src/core/graph/topologicalOrder';
import { transitiveReduction } from '../../../src/core/graph/transitiveReduction';
import { planSignatures, taskGraphSignature } from '../../../src/core/signature/taskGraphSignature';

interface DocLink {
  source: number;
  target: number;
  id: number;
  data: Record<string, string>;
}
interface NodeLinkDoc {
  directed: boolean;
  multigraph: boolean;
  attrs: Record<string, string>;
  nodes: Array<{ id: number; data: Record<string, unknown> }>;
  links: DocLink[];
}

/** The worked example of artifact-formats.md §2.3, with its elided link fields filled in. */
const link = (source: number, target: number, id: number, kind: string, name: string, extra: Record<string, string> = {}): DocLink => ({
  source,
  target,
  id,
  data: { inferred: 'true', kind, name, plan_fingerprint: '', required_columns: '[]', required_metadata: '[]', required_types: '[]', ...extra },
});
const workedExample: NodeLinkDoc = {
  directed: true,
  multigraph: false,
  attrs: { label: 'relspec' },
  nodes: [
    { id: 0, data: { kind: 'evidence', name: 'file_line_index_v1' } },
    { id: 1, data: { kind: 'evidence', name: 'repo_files_v1' } },
    { id: 2, data: { kind: 'evidence', name: 'scan_unit_0213c4559682279d', scan_candidate_file_count: '2', scan_dataset_name: 'repo_files_v1', scan_delta_version: '3', scan_unit_key: 'scan::repo_files_v1::3::937aab666705ab91' } },
    { id: 3, data: { inputs: '["repo_files_v1"]', kind: 'task', name: 'file_line_index_v1', output: 'file_line_index_v1', priority: '100', sources: '["repo_files_v1", "scan_unit_0213c4559682279d"]', task_kind: 'view' } },
    { id: 4, data: { inputs: '[]', kind: 'task', name: 'scan_unit_0213c4559682279d', output: 'scan_unit_0213c4559682279d', priority: '10', sources: '[]', task_kind: 'scan' } },
  ],
  links: [
    link(1, 3, 0, 'requires', 'repo_files_v1', { plan_fingerprint: '326fd1', required_columns: '["file_id", "path"]', required_types: '[{"name": "file_id", "type": "string"}, {"name": "path", "type": "string"}]' }),
    link(2, 3, 1, 'requires', 'scan_unit_0213c4559682279d'),
    link(3, 0, 2, 'produces', 'file_line_index_v1'),
    link(4, 2, 3, 'produces', 'scan_unit_0213c4559682279d'),
  ],
};

function codes(text: string): string[] {
  return readNodeLinkText(text, 'plan.json').issues.map((i) => i.code);
}

function mutate(edit: (doc: typeof workedExample) => void): string {
  const doc = structuredClone(workedExample);
  edit(doc);
  return JSON.stringify(doc, null, 1);
}

suite('node-link task graph', () => {
  test('reads the worked example of the spec, fields decoded', () => {
    const r = readNodeLinkText(JSON.stringify(workedExample), 'plan.json');
    assert.deepEqual(r.issues, []);
    const g = r.graph;
    assert.ok(g);
    assert.deepEqual(g.attrs, { label: 'relspec' });
    assert.deepEqual(g.evidence[2], { kind: 'evidence', id: 2, name: 'scan_unit_0213c4559682279d', scanUnitKey: 'scan::repo_files_v1::3::937aab666705ab91', scanDatasetName: 'repo_files_v1', scanDeltaVersion: 3, scanCandidateFileCount: 2 });
    assert.deepEqual(g.tasks[0].sources, ['repo_files_v1', 'scan_unit_0213c4559682279d']);
    assert.equal(g.tasks[1].priority, 10);
    assert.deepEqual(g.links[0].requiredTypes, [{ name: 'file_id', type: 'string' }, { name: 'path', type: 'string' }]);
    assert.equal(g.links[0].planFingerprint, '326fd1');
    assert.equal(g.links[1].planFingerprint, undefined);
  });

  test('projects to the scan -> view dependency and measures the path without the first cost', () => {
    const a = analyzeNodeLinkText(JSON.stringify(workedExample), 'plan.json');
    assert.deepEqual(a.tasks, ['file_line_index_v1', 'scan_unit_0213c4559682279d']);
    assert.deepEqual(a.dependencies, [['scan_unit_0213c4559682279d', 'file_line_index_v1']]);
    assert.deepEqual(a.generations, [['scan_unit_0213c4559682279d'], ['file_line_index_v1']]);
    assert.deepEqual(a.criticalPath, { tasks: ['scan_unit_0213c4559682279d', 'file_line_index_v1'], length: 100 });
    assert.equal(a.taskMetrics.scan_unit_0213c4559682279d.bottomLevel, 110);
    assert.match(a.signatures.plan, /^pl1:[0-9a-f]{64}$/);
  });

  test('recorded costs weigh the critical path, and the summary says where the costs come from', () => {
    const text = JSON.stringify(workedExample);
    const plain = analyzeNodeLinkText(text, 'plan.json');
    assert.equal(plain.recordedCosts, 0);
    assert.match(formatAnalysisSummary('plan.json', plain, costSourceOf(plain, undefined)), /task costs +max\(priority, 1\), no schedule of this run found$/m);
    const some = analyzeNodeLinkText(text, 'plan.json', { costs: new Map([['file_line_index_v1', 42.5]]) });
    assert.equal(some.recordedCosts, 1);
    assert.equal(some.criticalPath.length, 42.5);
    assert.match(formatAnalysisSummary('plan.json', some, costSourceOf(some, 'run/plan_schedule_v1.json')), /task costs +recorded by run\/plan_schedule_v1\.json for 1 of 2 tasks, the others max\(priority, 1\)$/m);
    const all = analyzeNodeLinkText(text, 'plan.json', { costs: new Map([['file_line_index_v1', 3], ['scan_unit_0213c4559682279d', 1]]) });
    assert.match(formatAnalysisSummary('plan.json', all, costSourceOf(all, 'plan_schedule_v1.msgpack')), /task costs +recorded by plan_schedule_v1\.msgpack for 2 of 2 tasks$/m);
    // A schedule of the run that has no cost for any of the plan's tasks weighs nothing: priorities, and why.
    assert.match(formatAnalysisSummary('plan.json', plain, costSourceOf(plain, 'plan_schedule_v1.json')), /task costs +max\(priority, 1\), plan_schedule_v1\.json records no cost for these tasks$/m);
  });

  test('bad input becomes issues with a position, never an exception', () => {
    assert.deepEqual(codes('{"nodes": [}'), ['json-syntax']);
    assert.deepEqual(codes('[1, 2]'), ['not-node-link']);
    assert.deepEqual(codes(mutate((d) => ((d.links[0] as { target: number }).target = 99))), ['dangling-link']);
    assert.deepEqual(codes(mutate((d) => ((d.nodes[3].data as Record<string, string>).priority = 'high'))), ['not-an-integer']);
    assert.deepEqual(codes(mutate((d) => ((d.nodes[3].data as Record<string, unknown>).priority = 100))), ['wrong-type']);
    assert.deepEqual(codes(mutate((d) => ((d.nodes[3].data as Record<string, string>).sources = '["a", '))), ['invalid-embedded-json']);
    // A list nested 100,000 deep inside an embedded string: an issue, not a stack overflow.
    assert.deepEqual(codes(mutate((d) => ((d.nodes[3].data as Record<string, string>).sources = '[' + '['.repeat(100_000) + ']'.repeat(100_000) + ']'))), ['invalid-list-item']);
    assert.deepEqual(codes(mutate((d) => ((d.nodes[0].data as Record<string, string>).kind = 'dataset'))), ['unknown-node-kind', 'dangling-link']);
    assert.deepEqual(codes(mutate((d) => ((d.nodes[1] as { id: number }).id = 0))), ['duplicate-node-id', 'dangling-link']);
    assert.deepEqual(codes(mutate((d) => ((d.links[2] as { source: number }).source = 1))), ['link-kind-mismatch']);
    const issue = readNodeLinkText(mutate((d) => ((d.nodes[3].data as Record<string, string>).priority = 'high')), 'plan.json').issues[0];
    assert.equal(issue.location.pointer, '/nodes/3/data/priority');
    assert.equal(issue.location.file, 'plan.json');
    assert.ok((issue.location.line ?? 0) > 1 && (issue.location.column ?? 0) > 1);
  });

  test('a cycle is an issue that names its tasks, with the file exit status of an error', () => {
    // Make the scan consume the view's output: scan -> view -> scan.
    const text = mutate((d) => d.links.push(link(0, 4, 4, 'requires', 'file_line_index_v1')));
    const a = analyzeNodeLinkText(text, 'plan.json');
    const cycle = a.issues.find((i) => i.code === 'dependency-cycle');
    assert.ok(cycle);
    assert.match(cycle.message, /file_line_index_v1 -> scan_unit_0213c4559682279d -> file_line_index_v1/);
    assert.equal(cycle.location.pointer, '/nodes/3');
    assert.deepEqual(a.generations, []);
  });

  test('hostile names stay data: no prototype pollution, no forged signature lines', () => {
    const text = mutate((d) => {
      (d.nodes[0].data as Record<string, string>).name = '__proto__';
      (d.links[2].data as Record<string, string>).name = '__proto__';
      (d.nodes[3].data as Record<string, string>).name = 'x"]\n["task';
    });
    const a = analyzeNodeLinkText(text, 'plan.json');
    assert.ok(a.tasks.includes('x"]\n["task'));
    assert.equal(({} as Record<string, unknown>).kind, undefined);
    const proto = analyzeNodeLinkText(mutate((d) => Object.assign(d.nodes[4].data, { name: '__proto__', output: '__proto__' })), 'plan.json');
    assert.deepEqual(Object.keys(proto.taskMetrics).sort(), ['__proto__', 'file_line_index_v1']);
    assert.equal(proto.taskMetrics.__proto__.cost, 10);
  });
});

suite('Plan Lens signatures', () => {
  /** The same plan with nodes, links and data keys in another order (and other whitespace). */
  function shuffled(text: string, seed: number): string {
    const random = seededRandom(seed);
    const doc = JSON.parse(text) as { nodes: Array<{ data: Record<string, string> }>; links: unknown[] };
    const shuffle = <T>(a: T[]): T[] => {
      for (let i = a.length - 1; i > 0; i--) {
        const j = Math.floor(random() * (i + 1));
        [a[i], a[j]] = [a[j], a[i]];
      }
      return a;
    };
    shuffle(doc.nodes);
    shuffle(doc.links);
    for (const node of doc.nodes) node.data = Object.fromEntries(shuffle(Object.entries(node.data)));
    return JSON.stringify(doc, null, seed % 3);
  }

  test('are invariant under node, link and key order', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 60 }), fc.nat(), fc.nat(), (tasks, seed, order) => {
        const text = randomNodeLinkText({ tasks, seed });
        const a = analyzeNodeLinkText(text, 'a.json').signatures;
        assert.deepEqual(analyzeNodeLinkText(shuffled(text, order), 'b.json').signatures, a);
      }),
      { numRuns: 40 },
    );
  });

  test('computed together equal the two computed apart, with recorded costs and sections', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 80 }), fc.nat(), (size, seed) => {
        const graph = readNodeLinkText(randomNodeLinkText({ tasks: size, seed }), 'a.json').graph;
        assert.ok(graph !== undefined);
        const deps = projectTaskDependencies(graph);
        const order = topologicalOrder(deps.dag);
        assert.ok(order.ok);
        const reduced = transitiveReduction(deps.dag, order.order).reduced;
        const recordedCost = (v: number): number | undefined => (v % 3 === 0 ? v * 1.5 : undefined);
        const sections = [{ name: 'pins', rows: [['t', seed]] }, { name: 'fingerprints', rows: [['b', 'x'], ['a', null]] }];
        const common = { tasks: deps.tasks, recordedCost, sections, sha256: nodeSha256 };
        assert.deepEqual(planSignatures({ ...common, dag: deps.dag, reduced, evidenceOfEdge: deps.evidenceOfEdge }), {
          plan: taskGraphSignature({ ...common, kind: 'task-graph', dag: deps.dag, evidenceOf: deps.evidenceOf }),
          reduced: taskGraphSignature({ ...common, kind: 'reduced-task-graph', dag: reduced, evidenceOf: deps.evidenceOf }),
        });
      }),
      { numRuns: 30 },
    );
  });

  test('are the same with the pure and the native SHA-256', () => {
    const text = randomNodeLinkText({ tasks: 200, seed: 5 });
    assert.deepEqual(analyzeNodeLinkText(text, 'a.json', { sha256: nodeSha256 }).signatures, analyzeNodeLinkText(text, 'a.json').signatures);
  });

  test('change with any covered node, edge or attribute', () => {
    const base = analyzeNodeLinkText(JSON.stringify(workedExample), 'a.json').signatures;
    const edits: Array<(d: typeof workedExample) => void> = [
      (d) => ((d.nodes[3].data as Record<string, string>).priority = '99'),
      (d) => ((d.nodes[3].data as Record<string, string>).task_kind = 'extract'),
      (d) => ((d.nodes[3].data as Record<string, string>).output = 'other'),
      (d) => d.links.splice(1, 1),
      (d) => {
        d.nodes.push({ id: 5, data: { kind: 'task', name: 'late_view', output: 'late_view', priority: '100', inputs: '[]', sources: '[]', task_kind: 'view' } } as never);
      },
    ];
    for (const edit of edits) {
      const changed = analyzeNodeLinkText(mutate(edit), 'b.json').signatures;
      assert.notEqual(changed.plan, base.plan);
    }
    // A redundant edge changes the full signature but not the reduced one.
    const chain = (extra: boolean): string => {
      const nodes = ['a', 'b', 'c'].flatMap((n, i) => [
        { id: i, data: { kind: 'evidence', name: n } },
        { id: 3 + i, data: { kind: 'task', name: n, output: n, priority: '100', inputs: '[]', sources: '[]', task_kind: 'view' } },
      ]);
      const links = [link(3, 0, 0, 'produces', 'a'), link(4, 1, 1, 'produces', 'b'), link(5, 2, 2, 'produces', 'c'), link(0, 4, 3, 'requires', 'a'), link(1, 5, 4, 'requires', 'b')];
      if (extra) links.push(link(0, 5, 5, 'requires', 'a'));
      return JSON.stringify({ directed: true, multigraph: false, attrs: {}, nodes, links });
    };
    const plain = analyzeNodeLinkText(chain(false), 'c.json').signatures;
    const shortcut = analyzeNodeLinkText(chain(true), 'c.json').signatures;
    assert.notEqual(shortcut.plan, plain.plan);
    assert.equal(shortcut.reduced, plain.reduced);
  });
});
