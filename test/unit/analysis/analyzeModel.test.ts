import * as assert from 'node:assert/strict';
import { analyzePlanModel } from '../../../src/core/analysis/analyzeModel';
import { emptyModel, type PlanModel, type ViewPlan } from '../../../src/core/model/planModel';

function view(name: string, fingerprint: string, pinVersion: number, tags: string[] = []): ViewPlan {
  return {
    viewName: name,
    eventKind: 'plan',
    planFingerprint: fingerprint,
    udfSnapshotHash: 'udf-1',
    dfSettings: {},
    rewriteTags: tags,
    domainPlannerNames: [],
    requiredUdfs: [],
    requiredRewriteTags: [],
    deltaInputs: [{ datasetName: 'repo_files_v1', version: pinVersion, timestamp: null }],
    scanKeys: [],
    scanUnits: [],
    displays: {},
    hashes: {},
    other: {},
  };
}

function model(views: ViewPlan[], extraDependency = false): PlanModel {
  const task = (name: string) => ({ name, kind: 'view', output: name, inputs: [], sources: [], priority: 100 });
  return {
    ...emptyModel(),
    tasks: [task('a'), task('b'), task('c')],
    dependencies: [{ from: 'a', to: 'b', evidence: ['a'] }, { from: 'b', to: 'c', evidence: ['b'] }, ...(extraDependency ? [{ from: 'a', to: 'c', evidence: ['a'] }] : [])],
    views,
  };
}

suite('plan model analysis', () => {
  test('each identity part changes only its own signature part, and always the plan signature', () => {
    const base = analyzePlanModel(model([view('b', 'f1', 3), view('c', 'f2', 3)]), []);
    const cases: Array<[string, PlanModel]> = [
      ['plan-fingerprint', model([view('b', 'f1x', 3), view('c', 'f2', 3)])],
      ['delta-pin', model([view('b', 'f1', 4), view('c', 'f2', 3)])],
      ['rewrite-tags', model([view('b', 'f1', 3, ['inline']), view('c', 'f2', 3)])],
      ['graph', model([view('b', 'f1', 3), view('c', 'f2', 3)], true)],
    ];
    for (const [part, changed] of cases) {
      const a = analyzePlanModel(changed, []);
      const differing = Object.keys(base.signatureParts).filter((k) => base.signatureParts[k] !== a.signatureParts[k]);
      assert.deepEqual(differing, [part], part);
      assert.notEqual(a.signatures.plan, base.signatures.plan, part);
    }
    // A redundant dependency is removed by the reduction: the reduced graph is the same.
    assert.deepEqual(analyzePlanModel(model([], true), []).reducedDependencies, [['a', 'b'], ['b', 'c']]);
  });
});
