import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { runCli } from '../../../src/cli/main';
import { analyzeNodeLinkText } from '../../../src/core/analysis/analyzePlan';
import { randomNodeLinkText } from '../../support/randomPlans';

async function run(args: string[], cwd: string): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(args, { out: (t) => (out += t + '\n'), err: (t) => (err += t + '\n'), cwd });
  return { code, out, err };
}

suite('plan-lens analyze', () => {
  let dir = '';
  suiteSetup(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'plan-lens-cli-'));
    writeFileSync(path.join(dir, 'plan.json'), randomNodeLinkText({ tasks: 40, seed: 9 }));
    writeFileSync(path.join(dir, 'broken.json'), '{"nodes": [], "links": [{"source": 1, "target": 2, "id": 0, "data": {}}]}');
  });
  suiteTeardown(() => rmSync(dir, { recursive: true, force: true }));

  test('--json prints the documented fields and exits 0', async () => {
    const r = await run(['analyze', 'plan.json', '--json'], dir);
    assert.equal(r.code, 0, r.err);
    const json = JSON.parse(r.out);
    for (const key of ['tasks', 'dependencies', 'reducedDependencies', 'generations', 'criticalPath', 'signatures', 'issues']) assert.ok(key in json, key);
    assert.equal(json.tasks.length, 40);
    assert.deepEqual(Object.keys(json.criticalPath), ['tasks', 'length']);
    assert.deepEqual(Object.keys(json.signatures), ['plan', 'reduced']);
  });

  test('the summary names the critical path and the signatures', async () => {
    const r = await run(['analyze', 'plan.json'], dir);
    assert.equal(r.code, 0);
    assert.match(r.out, /critical path length {2}\d+ over \d+ tasks/);
    assert.match(r.out, /signature \(Plan Lens\) pl1:[0-9a-f]{64}/);
  });

  test('input errors exit 1 with file, position and reason', async () => {
    const r = await run(['analyze', 'broken.json'], dir);
    assert.equal(r.code, 1);
    assert.match(r.err, /broken\.json:1:\d+: error \[dangling-link\] link source 1 names no node/);
    const missing = await run(['analyze', 'nope.json', '--json'], dir);
    assert.equal(missing.code, 1);
    assert.equal(JSON.parse(missing.out).issues[0].code, 'file-not-found');
    const limited = await run(['analyze', 'plan.json', '--max-file-size-mb', '0.001'], dir);
    assert.equal(limited.code, 1);
    assert.match(limited.err, /file-too-large.*planLens\.maxFileSizeMB/);
  });

  test('a run directory is analyzed through the plan model, with a signature per identity part', async () => {
    const workspace = path.join(__dirname, '..', '..', '..', 'examples', 'workspace');
    const r = await run(['analyze', workspace, '--json'], dir);
    assert.equal(r.code, 0, r.err);
    const json = JSON.parse(r.out);
    // The workspace's plan is its latest run's: the sample's second run plans 61 tasks (one added view).
    assert.equal(json.tasks.length, 61);
    assert.ok(json.reducedDependencies.length < json.dependencies.length);
    assert.deepEqual(Object.keys(json.signatureParts).sort(), ['delta-pin', 'graph', 'plan-fingerprint', 'rewrite-tags', 'runtime', 'udf-snapshot']);
    const runDir = path.join(workspace, '.artifacts', 'diagnostics', '019c03dd-7755-774b-95f8-ecf61ecd55af');
    const direct = await run(['analyze', path.join(runDir, 'task_graph_node_link.json'), '--json'], dir);
    assert.deepEqual(JSON.parse(direct.out).tasks, json.tasks);
    // The lone task graph is weighed by its own run's schedule, so FILE and DIR give the same path, of the
    // length that schedule records (the sample generator's, a round trip), not the priority-only one.
    assert.deepEqual(JSON.parse(direct.out).criticalPath, json.criticalPath);
    assert.equal(JSON.parse(direct.out).costSource.kind, 'recorded');
    const recorded = (JSON.parse(readFileSync(path.join(runDir, 'plan_schedule_v1.json'), 'utf8')) as { payload: { critical_path_length_weighted: number } }).payload;
    assert.equal(json.criticalPath.length, recorded.critical_path_length_weighted);
    const priorityOnly = analyzeNodeLinkText(readFileSync(path.join(runDir, 'task_graph_node_link.json'), 'utf8'), 'task_graph_node_link.json');
    assert.notEqual(priorityOnly.criticalPath.length, json.criticalPath.length);
  });

  test('a single binary artifact (msgpack) is read through the plan model like its JSON twin', async () => {
    const run1 = path.join(__dirname, '..', '..', '..', 'examples', 'workspace', '.artifacts', 'diagnostics', '019bfeb2-a0d4-7091-bd2a-d070b6061cb0');
    const packed = await run(['analyze', path.join(run1, 'plan_schedule_v1.msgpack'), '--json'], dir);
    assert.equal(packed.code, 0, packed.out + packed.err);
    const json = await run(['analyze', path.join(run1, 'plan_schedule_v1.json'), '--json'], dir);
    const strip = (out: string): unknown => {
      const a = JSON.parse(out) as { file: string; issues: unknown[]; costSource: { file?: string } };
      return { ...a, file: path.extname(a.file), issues: a.issues.length, costSource: { ...a.costSource, file: path.basename(a.costSource.file ?? '', path.extname(a.costSource.file ?? '')) } };
    };
    assert.deepEqual(strip(packed.out), { ...(strip(json.out) as object), file: '.msgpack' });
    assert.ok((JSON.parse(packed.out) as { tasks: string[] }).tasks.length > 0);
  });

  test('--against names the signature parts that differ between two plans', async () => {
    const workspace = path.join(__dirname, '..', '..', '..', 'examples', 'workspace');
    const same = await run(['analyze', workspace, '--against', workspace], dir);
    assert.match(same.out, /the same plan/);
    writeFileSync(path.join(dir, 'other.json'), randomNodeLinkText({ tasks: 41, seed: 9 }));
    const r = JSON.parse((await run(['analyze', 'plan.json', '--against', 'other.json', '--json'], dir)).out);
    const { changes, ...parts } = r.comparison;
    assert.deepEqual(parts, { against: 'other.json', changedParts: ['graph'], sameParts: [] });
    // other.json (the baseline) is the same generator with one task more: this plan lost tasks.
    assert.equal(changes.tasks.kept + changes.tasks.removed.length, 41);
    assert.equal(changes.tasks.kept + changes.tasks.added.length, 40);
    assert.equal(changes.sameSignature.plan, false);
    const text = (await run(['analyze', 'plan.json', '--against', 'other.json'], dir)).out;
    assert.match(text, /Compared with other\.json \(before\) → plan\.json \(after\)/);
    assert.match(text, /critical path length {2}[\d.]+ → [\d.]+ \([+-]?[\d.]+\)/);
    const mixed = JSON.parse((await run(['analyze', workspace, '--against', 'plan.json', '--json'], dir)).out);
    assert.ok(mixed.comparison.changedParts.includes('graph'));
  });

  test('wrong usage exits 2 with the usage text', async () => {
    for (const args of [['analyze'], ['analyze', 'a', 'b'], ['analyze', 'plan.json', '--bogus'], ['no-such-command'], []]) {
      const r = await run(args, dir);
      assert.equal(r.code, 2, args.join(' '));
      assert.match(r.err, /Usage: plan-lens/);
    }
    assert.equal((await run(['--help'], dir)).code, 0);
  });
});
