/**
 * The details panel verifies a task's fingerprint from that task's own plan-artifact rows, read whole
 * only when asked (a 100k-row table was read and verified whole for the first task: 50 s, 1.9 GB).
 * Oracle: `verifyIdentities` over the whole table, as `plan-lens verify` runs it. For every task of both
 * sample runs, the answer from the task's rows is the answer from the whole table, and a fingerprint
 * the rows do not hash to is a mismatch naming the value they do hash to.
 */

import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { PlanProvenance } from '../../../src/core/analysis/planProvenance';
import type { IdentityCheck } from '../../../src/core/identity/checks';
import { verifyIdentities } from '../../../src/core/identity/verify';
import { loadIdentityArtifacts } from '../../../src/core/identity/verifyFiles';
import { readTableRows } from '../../../src/core/tables/readTableRows';
import { nodeFileSystem } from '../../../src/node/nodeFileSystem';
import { PlanSessions } from '../../../src/server/plans/planSessions';
import { repoRoot } from '../../support/corpus';

const workspace = path.join(repoRoot, 'examples', 'workspace');
const table = path.join(workspace, '.artifacts', 'datafusion_plan_artifacts_v1');
const runs = ['019bfeb2-a0d4-7091-bd2a-d070b6061cb0', '019c03dd-7755-774b-95f8-ecf61ecd55af'];
const MAX_BYTES = 64 * 1024 * 1024;

async function wholeTableChecks(): Promise<Map<string, IdentityCheck[]>> {
  const loaded = await loadIdentityArtifacts(nodeFileSystem, [table], { maxBytes: MAX_BYTES, readTable: (t) => readTableRows(nodeFileSystem, t, { maxBytes: MAX_BYTES }) });
  const bySubject = new Map<string, IdentityCheck[]>();
  for (const check of verifyIdentities(loaded.artifacts).checks) {
    if (check.identity !== 'plan_fingerprint' && check.identity !== 'scan_task_fingerprint') continue;
    bySubject.set(check.subject, [...(bySubject.get(check.subject) ?? []), check]);
  }
  return bySubject;
}

suite("plan provenance: a task's fingerprint from its own rows", () => {
  for (const run of runs) {
    test(`run ${run}: every task's fingerprint check agrees with verifying the whole table`, async () => {
      const oracle = await wholeTableChecks();
      const file = path.join(workspace, '.artifacts', 'diagnostics', run, 'task_graph_node_link.json');
      const graph = (await new PlanSessions({ get: () => undefined }).get(pathToFileURL(file).toString())).graph;
      assert.ok(graph !== undefined);
      const provenance = await PlanProvenance.of(nodeFileSystem, file, MAX_BYTES);
      let checked = 0;
      let fingerprinted = 0;
      for (const task of graph.tasks) {
        const recorded = graph.links.find((l) => (l.source === task.id || l.target === task.id) && l.planFingerprint !== undefined)?.planFingerprint;
        if (recorded === undefined) continue;
        fingerprinted++;
        const scanUnitKey = graph.evidence.find((e) => e.name === task.output)?.scanUnitKey;
        const expected = (oracle.get(task.name) ?? []).some((c) => c.computed === recorded && c.status !== 'mismatch');
        // By its scan unit's key (as the details panel asks) and by its name alone (as a caller without the graph).
        for (const key of [scanUnitKey, undefined]) {
          const got = await provenance.fingerprint(task.name, recorded, key);
          assert.equal(got.verified, expected ? 'ok' : 'not-checked', `${task.name}: ${got.reason ?? ''}`);
        }
        const computed = oracle.get(task.name)?.find((c) => c.computed !== undefined)?.computed;
        const wrong = await provenance.fingerprint(task.name, '0'.repeat(64), scanUnitKey);
        assert.deepEqual(wrong, computed === undefined ? wrong : { verified: 'mismatch', reason: `its plan-artifact row recomputes to ${computed}` });
        checked += expected ? 1 : 0;
      }
      // The sample's fingerprints verify, but for four scan units that no plan-artifact row records.
      assert.equal(checked, fingerprinted - 4);
    });
  }

  test('a plan outside a pipeline workspace is not checked, and says why', async () => {
    const provenance = await PlanProvenance.of(nodeFileSystem, path.join(repoRoot, 'package.json'), MAX_BYTES);
    assert.deepEqual(await provenance.fingerprint('any', 'f'), { verified: 'not-checked', reason: 'the plan is not inside a pipeline workspace (no .artifacts folder above it)' });
  });
});
