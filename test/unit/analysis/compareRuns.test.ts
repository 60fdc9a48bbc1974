import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { analyzeNodeLinkGraph } from '../../../src/core/analysis/analyzePlan';
import { compareRuns, type RunComparison } from '../../../src/core/analysis/compareRuns';
import { runFactsOf, type RunFacts, type RunFactsInput } from '../../../src/core/analysis/runFacts';
import type { NodeCacheStatus } from '../../../src/core/hamiltonCache/lineageStatus';
import type { PlanDrift, ViewPlan } from '../../../src/core/model/planModel';
import { readNodeLinkText } from '../../../src/core/readers/nodeLink';
import { randomNodeLinkText } from '../../support/randomPlans';

interface Doc {
  attrs: Record<string, string>;
  nodes: Array<{ id: number; data: Record<string, string> }>;
  links: Array<{ source: number; target: number; id: number; data: Record<string, string> }>;
}

type Extras = Omit<RunFactsInput, 'graph' | 'analysis' | 'name' | 'runId'>;

function facts(doc: Doc | string, extras: Extras = {}, name = 'plan.json'): RunFacts {
  const text = typeof doc === 'string' ? doc : JSON.stringify(doc);
  const read = readNodeLinkText(text, name);
  assert.ok(read.graph !== undefined, read.issues[0]?.message);
  return runFactsOf({ name, runId: 'run', graph: read.graph, analysis: analyzeNodeLinkGraph(read.graph, read.issues, {}, text), ...extras });
}

const plan = (tasks: number, seed: number): Doc => JSON.parse(randomNodeLinkText({ tasks, seed, filledLinks: true })) as Doc;

/** The structured parts of a comparison (not the ranked titles, which say "before → after" in words). */
function parts(c: RunComparison): unknown[] {
  return [c.tasks.added, c.tasks.removed, c.tasks.changed, c.dependencies.added, c.dependencies.removed, c.signatures, c.runtime, c.pins, c.criticalPath.joined, c.criticalPath.left, c.cache];
}

/** Adds a view that reads `from`'s output and writes its own; returns its name. */
function addView(doc: Doc, from: string, name = 'zz_added_view_v1', priority = '100'): string {
  const producer = doc.nodes.find((n) => n.data.kind === 'evidence' && n.data.name === from)!;
  const id = Math.max(...doc.nodes.map((n) => n.id)) + 1;
  doc.nodes.push({ id, data: { kind: 'evidence', name } }, { id: id + 1, data: { inputs: `["${from}"]`, kind: 'task', name, output: name, priority, sources: `["${from}"]`, task_kind: 'view' } });
  const link = (source: number, target: number, kind: string, linkName: string): void => {
    doc.links.push({ source, target, id: doc.links.length, data: { inferred: 'true', kind, name: linkName, plan_fingerprint: 'f'.repeat(64), required_columns: '[]', required_metadata: '[]', required_types: '[]' } });
  };
  link(producer.id, id + 1, 'requires', from);
  link(id + 1, id, 'produces', name);
  return name;
}

const drift = (missing: string[]): PlanDrift => ({
  runId: 'r',
  planSignature: 's',
  reducedPlanSignature: 'r',
  planTaskCount: 10,
  admittedTaskCount: 10 - missing.length,
  admittedTaskCoverageRatio: (10 - missing.length) / 10,
  missingAdmittedTasks: missing,
  unexpectedAdmittedTasks: [],
  planGenerationCount: 3,
  planGenerations: [0, 1, 2],
  admittedGenerationCount: 3,
  admittedGenerations: [0, 1, 2],
  missingGenerations: [],
  submissionEventCount: 3,
  groupingEventCount: 0,
  expansionEventCount: 0,
});

suite('run comparison', () => {
  test('a run against itself: no difference at all', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 60 }), fc.nat(), (tasks, seed) => {
        const a = facts(plan(tasks, seed), { drift: drift(['x']), cache: new Map([['t', { status: 'hit', reason: 'same key' } as NodeCacheStatus]]) });
        const c = compareRuns(a, a);
        assert.deepEqual(parts(c), [[], [], [], [], [], [], [], [], [], [], []]);
        assert.deepEqual(c.differences, []);
        assert.equal(c.criticalPath.changed, false);
        assert.equal(c.drift.changed, false);
        assert.equal(c.tasks.kept, a.tasks.size);
      }),
      { numRuns: 40 },
    );
  });

  test('comparing b with a mirrors comparing a with b', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 50 }), fc.integer({ min: 1, max: 50 }), fc.nat(), (n, m, seed) => {
        const a = facts(plan(n, seed));
        const b = facts(plan(m, seed + 1));
        const ab = compareRuns(a, b);
        const ba = compareRuns(b, a);
        assert.deepEqual(ab.tasks.added, ba.tasks.removed);
        assert.deepEqual(ab.tasks.removed, ba.tasks.added);
        assert.deepEqual(ab.dependencies.added, ba.dependencies.removed);
        assert.deepEqual(ab.criticalPath.joined, ba.criticalPath.left);
        assert.deepEqual(
          ab.tasks.changed.map((t) => ({ task: t.task, parts: t.parts.map((p) => ({ part: p.part, before: p.after, after: p.before })) })),
          ba.tasks.changed.map((t) => ({ task: t.task, parts: t.parts })),
        );
        assert.deepEqual(ab.signatures.map((s) => [s.part, s.after, s.before]), ba.signatures.map((s) => [s.part, s.before, s.after]));
        assert.deepEqual(ab.pins.map((p) => [p.dataset, p.after, p.before]), ba.pins.map((p) => [p.dataset, p.before, p.after]));
        const mirrored: Record<string, string> = { 'task-added': 'task-removed', 'task-removed': 'task-added', 'dependency-added': 'dependency-removed', 'dependency-removed': 'dependency-added' };
        const key = (kind: string, impact: number, tasks: readonly string[]): string => JSON.stringify([kind, impact, [...tasks].sort()]);
        assert.deepEqual(ab.differences.map((d) => key(d.kind, d.impact, d.tasks)).sort(), ba.differences.map((d) => key(mirrored[d.kind] ?? d.kind, d.impact, d.tasks)).sort());
      }),
      { numRuns: 30 },
    );
  });

  test('adding one task shows exactly that task and its dependency, and no other task changed', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 50 }), fc.nat(), fc.nat(), (tasks, seed, pick) => {
        const base = plan(tasks, seed);
        const evidence = base.nodes.filter((n) => n.data.kind === 'task');
        const from = evidence[pick % evidence.length].data.output;
        const doc = structuredClone(base);
        const added = addView(doc, from);
        const c = compareRuns(facts(base), facts(doc));
        assert.deepEqual(c.tasks.added, [added]);
        assert.deepEqual(c.tasks.removed, []);
        assert.deepEqual(c.tasks.changed, []);
        assert.deepEqual(c.dependencies, { added: [[evidence[pick % evidence.length].data.name, added]], removed: [] });
        assert.deepEqual(c.pins, []);
        assert.ok(c.differences.some((d) => d.kind === 'task-added' && d.tasks[0] === added));
      }),
      { numRuns: 30 },
    );
  });

  test('each kind of change alone is found, and only it', () => {
    const base = plan(30, 7);
    const before = facts(base);
    const view = base.nodes.find((n) => n.data.kind === 'task' && n.data.task_kind === 'view' && before.analysis.criticalPath.tasks.includes(n.data.name))!;

    const costly = structuredClone(base);
    costly.nodes.find((n) => n.id === view.id)!.data.priority = '5000';
    const cost = compareRuns(before, facts(costly));
    assert.deepEqual(cost.tasks.changed.map((t) => [t.task, t.parts.map((p) => p.part)]), [[view.data.name, ['cost', 'priority']]]);
    assert.equal(cost.differences[0].kind, 'critical-path', 'a cost that lengthens the critical path ranks first');
    assert.ok(cost.criticalPath.after.length > cost.criticalPath.before.length);

    const refingered = structuredClone(base);
    for (const l of refingered.links) if (l.target === view.id || l.source === view.id) l.data.plan_fingerprint = 'e'.repeat(64);
    const fp = compareRuns(before, facts(refingered));
    assert.deepEqual(fp.tasks.changed.map((t) => [t.task, t.parts.map((p) => p.part)]), [[view.data.name, ['fingerprint']]]);
    assert.equal(fp.criticalPath.changed, false);
    assert.deepEqual(fp.signatures, [], "the fingerprint is not part of Plan Lens's signatures");

    const relabelled = structuredClone(base);
    relabelled.attrs.label = 'cpg';
    assert.deepEqual(compareRuns(before, facts(relabelled)).differences.map((d) => [d.kind, d.title]), [['signature', 'graph attribute label: relspec → cpg']]);

    const pinned = structuredClone(base);
    const scan = pinned.nodes.find((n) => n.data.kind === 'evidence')!;
    const withScan = structuredClone(pinned);
    Object.assign(scan.data, { scan_dataset_name: 'repo_files_v1', scan_delta_version: '3' });
    Object.assign(withScan.nodes.find((n) => n.id === scan.id)!.data, { scan_dataset_name: 'repo_files_v1', scan_delta_version: '4' });
    const pin = compareRuns(facts(pinned), facts(withScan));
    assert.deepEqual(pin.pins, [{ dataset: 'repo_files_v1', before: [3], after: [4] }]);
    assert.ok(pin.differences.some((d) => d.kind === 'pin' && d.title === 'Delta pin repo_files_v1: v3 → v4'));

    const cacheBefore = new Map<string, NodeCacheStatus>([[view.data.name, { status: 'hit', reason: 'same cache key as run 1' }]]);
    const cacheAfter = new Map<string, NodeCacheStatus>([[view.data.name, { status: 'recomputed', reason: 'a dependency changed' }]]);
    const cache = compareRuns(facts(base, { cache: cacheBefore }), facts(base, { cache: cacheAfter }));
    assert.deepEqual(cache.differences.map((d) => d.title), [`cache ${view.data.name}: hit → recomputed (a dependency changed)`]);

    const drifted = compareRuns(facts(base, { drift: drift([]) }), facts(base, { drift: drift([view.data.name]) }));
    assert.deepEqual(drifted.differences.map((d) => [d.kind, d.tasks]), [['drift', [view.data.name]]]);
  });

  test('settings, UDFs, rewrite tags and runtime identity come from the plan-artifact row of the recorded fingerprint', () => {
    const base = plan(12, 3);
    const view = base.nodes.find((n) => n.data.kind === 'task' && n.data.task_kind === 'view')!;
    const fingerprint = 'c'.repeat(64);
    for (const l of base.links) if (l.target === view.id || l.source === view.id) l.data.plan_fingerprint = fingerprint;
    const row = (settings: Record<string, string>, udfs: string[], profile: string): ViewPlan => ({
      viewName: view.data.name, eventKind: 'plan', planFingerprint: fingerprint, profileName: profile, udfSnapshotHash: 'u1', dfSettings: settings,
      rewriteTags: [], domainPlannerNames: [], requiredUdfs: udfs, requiredRewriteTags: udfs.map((u) => `tag_${u}`), deltaInputs: [], scanKeys: [], scanUnits: [], displays: {}, hashes: {}, other: {},
    });
    const before = facts(base, { viewPlans: new Map([[fingerprint, row({ 'datafusion.execution.batch_size': '8192' }, ['stable_id'], 'default')]]) });
    const after = facts(base, { viewPlans: new Map([[fingerprint, row({ 'datafusion.execution.batch_size': '4096' }, ['stable_id', 'span_len'], 'ci')]]) });
    const c = compareRuns(before, after);
    assert.deepEqual(c.tasks.changed.map((t) => t.parts.map((p) => [p.part, p.before, p.after])), [[
      ['settings', 'datafusion.execution.batch_size=8192', 'datafusion.execution.batch_size=4096'],
      ['udfs', 'stable_id', 'stable_id, span_len'],
      ['rewriteTags', 'tag_stable_id', 'tag_stable_id, tag_span_len'],
    ]]);
    assert.deepEqual(c.runtime, [{ part: 'runtime profile', before: 'default', after: 'ci' }]);
    assert.equal(c.differences[0].kind, 'runtime');
  });

  test('ranking: critical path, then signatures, then pins, then tasks', () => {
    const base = plan(30, 11);
    const doc = structuredClone(base);
    doc.attrs.label = 'changed';
    const sinkView = doc.nodes.filter((n) => n.data.kind === 'task').at(-1)!;
    addView(doc, sinkView.data.output, 'zz_long_tail_v1', '100000');
    const c = compareRuns(facts(base), facts(doc));
    const kinds = c.differences.map((d) => d.kind);
    assert.equal(kinds[0], 'critical-path');
    assert.ok(kinds.indexOf('signature') < kinds.indexOf('task-added'));
    assert.ok(kinds.indexOf('task-added') < kinds.indexOf('dependency-added'));
    for (let i = 1; i < c.differences.length; i++) assert.ok(c.differences[i - 1].impact >= c.differences[i].impact);
  });
});
