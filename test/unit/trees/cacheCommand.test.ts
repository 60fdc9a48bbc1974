import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { runCli } from '../../../src/cli/main';
import { sampleRunFacts, sampleRuns, sampleWorkspace } from './sampleFacts';

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(args, { out: (t) => (out += t + '\n'), err: (t) => (err += t + '\n'), cwd: process.cwd() });
  return { code, out, err };
}

suite('plan-lens cache on a folder with cache lineage but no cache store (issue 10)', () => {
  test('every folder of the sample that holds lineage reports it, exit 0', async () => {
    const folders = ['', 'build', 'build/hamilton_cache', 'build/hamilton_cache/lineage', `.artifacts/diagnostics/${sampleRuns[1]}`];
    for (const folder of folders) {
      const r = await run(['cache', path.join(sampleWorkspace, folder)]);
      assert.equal(r.code, 0, `${folder}: ${r.err}`);
      assert.match(r.out, /^No Hamilton cache store in .*; the cache lineage the pipeline exported:/);
      assert.ok(r.out.includes(`run ${sampleRuns[1]} `), `${folder}: run 2 missing`);
    }
  });

  test('--json and --run: the runs and their nodes, with the hits and misses the lineage rows record', async () => {
    const all = JSON.parse((await run(['cache', sampleWorkspace, '--json'])).out) as { store: null; lineage: { runId: string; nodes: { status: string }[] }[] };
    assert.equal(all.store, null);
    assert.deepEqual(all.lineage.map((r) => r.runId), [...sampleRuns]);
    for (const [i, id] of sampleRuns.entries()) {
      const facts = sampleRunFacts(id).cache;
      const statuses = all.lineage[i].nodes.map((n) => n.status);
      assert.equal(statuses.filter((s) => s === 'hit').length, facts.hits);
      assert.equal(statuses.filter((s) => s === 'executed').length, facts.misses);
    }
    const second = await run(['cache', sampleWorkspace, '--run', '2']);
    assert.ok(second.out.includes(sampleRuns[1]) && !second.out.includes(`run ${sampleRuns[0]}`));
    assert.equal((await run(['cache', sampleWorkspace, '--run', 'nope'])).code, 2);
  });

  test('a folder with neither a store nor lineage still fails, naming what it looked for', async () => {
    const r = await run(['cache', path.join(sampleWorkspace, 'build', 'delta')]);
    assert.equal(r.code, 1);
    assert.match(r.err, /hamilton-cache-not-found/);
  });
});
