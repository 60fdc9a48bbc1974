import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { compareDrift, computeDrift } from '../../../src/core/drift/computeDrift';
import { groupRuns, type RunRecord } from '../../../src/core/drift/groupRuns';
import { dict, type PlanRun, type Schedule, type SubmissionEvent } from '../../../src/core/model/planModel';
import { scheduleMetadata } from '../../../src/core/artifacts/schedule';
import { loadPlanInput } from '../../../src/core/load/loadPlanInput';
import { nodeFileSystem } from '../../../src/node/nodeFileSystem';
import { repoRoot } from '../../support/corpus';
import * as path from 'node:path';

function schedule(generations: string[][]): Schedule {
  const orderedTasks = generations.flat();
  return { orderedTasks, generations, criticalPathTasks: [], criticalPathLengthWeighted: null, taskCosts: dict(), bottomLevelCosts: dict(), slackByTask: null, taskCentrality: null, taskDominators: null, bridgeEdges: [], articulationTasks: [], metadata: scheduleMetadata(orderedTasks, generations) };
}

function submission(taskId: string, tasks: string[], generation: number): SubmissionEvent {
  return {
    name: 'hamilton_task_submission_v1', runId: 'h1', taskId, purpose: 'execute_block', planSignature: 'p', reducedPlanSignature: 'rp', planTaskCount: 0,
    executionTaskNames: tasks, admittedTasks: tasks, rejectedTasks: [], unknownTasks: [], criticalPathTasks: [],
    taskFacts: tasks.map((t) => ({ taskName: t, bottomLevelCost: 1, onCriticalPath: false, generationIndex: generation, scheduleIndex: null })), reductionEdgeCount: 0, reductionRemovedEdgeCount: 0,
  };
}

function run(events: SubmissionEvent[]): PlanRun {
  return { runId: 'h1', aliasRunIds: [], planSignature: 'p', reducedPlanSignature: 'rp', events, cacheLineage: [], files: [] };
}

suite('drift and runs', () => {
  test('missing and unexpected admitted tasks, generations never admitted, coverage, groupings', () => {
    const s = schedule([['a'], ['b', 'c'], ['d']]);
    const { drift, groupings } = computeDrift(run([submission('generation_0', ['a'], 0), submission('generation_1', ['b', 'x'], 1)]), s.orderedTasks, s);
    assert.deepEqual(drift.missingAdmittedTasks, ['c', 'd']);
    assert.deepEqual(drift.unexpectedAdmittedTasks, ['x']);
    assert.equal(drift.admittedTaskCount, 3);
    assert.equal(drift.admittedTaskCoverageRatio, 0.5);
    assert.deepEqual(drift.planGenerations, [0, 1, 2]);
    assert.deepEqual(drift.admittedGenerations, [0, 1]);
    assert.deepEqual(drift.missingGenerations, [2]);
    assert.equal(drift.submissionEventCount, 2);
    assert.deepEqual(groupings.map((g) => [g.taskId, g.submittedTasks, g.missingTasks, g.extraTasks]), [
      ['generation_0', ['a'], [], []],
      ['generation_1', ['b', 'x'], ['c'], ['x']],
      ['generation_2', null, [], []],
    ]);
  });

  test('an empty plan has coverage 1.0', () => {
    assert.equal(computeDrift(run([]), [], undefined).drift.admittedTaskCoverageRatio, 1);
  });

  test('property: computed drift partitions the plan, agrees with its written-and-read copy and not with a changed one', () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f'), { maxLength: 3 }), { maxLength: 4 }), fc.array(fc.constantFrom('a', 'b', 'c', 'z'), { maxLength: 5 }), (gens, admitted) => {
        const uniq = gens.map((g) => [...new Set(g)]);
        const s = schedule(uniq);
        const plan = [...new Set(s.orderedTasks)];
        const { drift } = computeDrift(run([submission('generation_0', [...new Set(admitted)], 0)]), plan, s);
        // As the pipeline's artifact would hold it: written as JSON and read back, a distinct equal value.
        const recorded = JSON.parse(JSON.stringify(drift)) as typeof drift;
        assert.deepEqual(compareDrift(recorded, drift), []);
        const changed = { ...recorded, admittedTaskCoverageRatio: recorded.admittedTaskCoverageRatio / 2 - 0.5, missingAdmittedTasks: [...recorded.missingAdmittedTasks, 'not-planned'] };
        assert.deepEqual(compareDrift(changed, drift).map((d) => d.field), ['admittedTaskCoverageRatio', 'missingAdmittedTasks']);
        const covered = plan.filter((t) => !drift.missingAdmittedTasks.includes(t)).length;
        assert.equal(covered + drift.missingAdmittedTasks.length, plan.length);
        assert.ok(drift.admittedTaskCoverageRatio >= 0 && drift.admittedTaskCoverageRatio <= 1);
      }),
    );
  });

  test('a recorded drift that disagrees is reported field by field', () => {
    const s = schedule([['a'], ['b']]);
    const { drift } = computeDrift(run([submission('generation_0', ['a'], 0)]), s.orderedTasks, s);
    const recorded = { ...drift, missingAdmittedTasks: [], admittedTaskCoverageRatio: 1 };
    assert.deepEqual(compareDrift(recorded, drift).map((d) => d.field), ['admittedTaskCoverageRatio', 'missingAdmittedTasks']);
  });

  test('a recorded drift without the run events is reported as unchecked, not as a disagreement', async () => {
    const dir = path.join(repoRoot, 'examples', 'workspace', '.artifacts', 'diagnostics', '019bfeb2-a0d4-7091-bd2a-d070b6061cb0');
    const alone = await loadPlanInput(nodeFileSystem, dir);
    assert.deepEqual(alone.issues.map((i) => i.code), ['drift-unverified']);
    const whole = await loadPlanInput(nodeFileSystem, path.join(repoRoot, 'examples', 'workspace'));
    assert.ok(!whole.issues.some((i) => i.code === 'drift-unverified' || i.code === 'drift-disagreement'));
    assert.ok(whole.model.runs.some((r) => r.drift !== undefined && r.drift.disagreements.length === 0));
  });

  test('hook run ids join the manifest run with the same plan signature', () => {
    const manifest = { runId: 'run_pipeline_1', status: 'completed', eventTimeUnixMs: 1, planSignature: 'p', planFingerprints: dict<string>(), deltaInputs: [], outputs: [], artifactIds: dict<string>(), runtimeProfileName: null, runtimeProfileHash: null, determinismTier: null, outputDir: null, cachePath: null, cacheLogGlob: null, cachePolicyProfile: null, cacheLogEnabled: null, materializedOutputs: [] };
    const records: RunRecord[] = [
      { kind: 'manifest', value: manifest, file: 'm.json' },
      { kind: 'event', value: submission('generation_0', ['a'], 0), file: 'events' },
      { kind: 'event', value: { ...submission('generation_0', ['a'], 0), runId: 'h2', planSignature: 'other' }, file: 'events' },
    ];
    const { runs, issues } = groupRuns(records);
    assert.deepEqual(issues, []);
    assert.deepEqual(runs.map((r) => [r.runId, r.aliasRunIds, r.events.length, r.planSignature]), [['h2', [], 1, 'other'], ['run_pipeline_1', ['h1'], 1, 'p']]);
  });

  test('two manifests with one signature: no guessing, an info issue', () => {
    const m = (id: string): RunRecord => ({ kind: 'manifest', value: { runId: id, status: 'ok', eventTimeUnixMs: null, planSignature: 'p', planFingerprints: dict(), deltaInputs: [], outputs: [], artifactIds: dict(), runtimeProfileName: null, runtimeProfileHash: null, determinismTier: null, outputDir: null, cachePath: null, cacheLogGlob: null, cachePolicyProfile: null, cacheLogEnabled: null, materializedOutputs: [] }, file: id });
    const { runs, issues } = groupRuns([m('m1'), m('m2'), { kind: 'event', value: submission('g', ['a'], 0), file: 'e' }]);
    assert.equal(runs.length, 3);
    assert.deepEqual(issues.map((i) => i.code), ['run-join-ambiguous']);
  });
});
