import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { analyzeNodeLinkText } from '../../../src/core/analysis/analyzePlan';
import { criticalPathSteps } from '../../../src/core/analysis/criticalPathSteps';
import { randomNodeLinkText } from '../../support/randomPlans';

suite('Critical Path view data (criticalPathSteps)', () => {
  test('property: steps follow the path, start at 0 (the first cost is not counted), never decrease, and end at its length', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 120 }), fc.integer({ min: 1, max: 1_000_000 }), (tasks, seed) => {
        const analysis = analyzeNodeLinkText(randomNodeLinkText({ tasks, seed, variedPriorities: true }), 'plan.json');
        const steps = criticalPathSteps(analysis);
        assert.deepEqual(steps.map((s) => s.task), analysis.criticalPath.tasks);
        if (steps.length === 0) return;
        assert.equal(steps[0].cumulative, 0);
        for (let i = 1; i < steps.length; i++) assert.equal(steps[i].cumulative, steps[i - 1].cumulative + steps[i].cost);
        assert.equal(steps[steps.length - 1].cumulative, analysis.criticalPath.length);
        for (const s of steps) assert.equal(s.cost, analysis.taskMetrics[s.task].cost);
      }),
      { numRuns: 40 },
    );
  });
});
