import * as assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { runCli } from '../../../src/cli/main';
import { generateSample } from '../../../src/core/sample/generateSample';
import { analyzeNodeLinkText } from '../../../src/core/analysis/analyzePlan';
import { repoRoot } from '../../support/corpus';

function io(cwd: string) {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (t: string) => out.push(t), err: (t: string) => err.push(t), cwd }, out, err };
}

suite('plan-lens sample command', () => {
  let dir: string;
  setup(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'plan-lens-sample-'));
  });
  teardown(() => rmSync(dir, { recursive: true, force: true }));

  test('writes the generated files, refuses a non-empty folder without --force', async () => {
    const a = io(dir);
    assert.equal(await runCli(['sample', '--out', 'ws', '--tasks', '12', '--runs', '1', '--seed', '3'], a.io), 0);
    const expected = generateSample({ tasks: 12, runs: 1, seed: 3 });
    for (const f of expected) assert.ok(readFileSync(path.join(dir, 'ws', f.path)).equals(Buffer.from(f.bytes)), f.path);
    assert.ok(!readdirSync(path.join(dir, 'ws')).some((n) => n.endsWith('.tmp')));
    const b = io(dir);
    assert.equal(await runCli(['sample', '--out', 'ws', '--tasks', '12'], b.io), 1);
    assert.match(b.err.join('\n'), /not empty/);
    writeFileSync(path.join(dir, 'ws', 'keep.txt'), 'x');
    assert.equal(await runCli(['sample', '--out', 'ws', '--tasks', '12', '--runs', '1', '--seed', '3', '--force'], io(dir).io), 0);
    assert.equal(readFileSync(path.join(dir, 'ws', 'keep.txt'), 'utf8'), 'x');
  });

  test('bad usage exits 2', async () => {
    for (const args of [['sample'], ['sample', '--out', 'x', '--tasks', '1'], ['sample', '--out', 'x', '--tasks', '100001'], ['sample', '--out', 'x', '--runs', 'two'], ['sample', '--out', 'x', '--bogus']]) {
      assert.equal(await runCli(args, io(dir).io), 2, args.join(' '));
    }
  });

  test('plan-lens verify finds no mismatch in the committed example', async () => {
    const a = io(repoRoot);
    assert.equal(await runCli(['verify', path.join(repoRoot, 'examples', 'workspace')], a.io), 0, a.out.join('\n').slice(-2000) + a.err.join('\n'));
    assert.match(a.out.join('\n'), / 0 mismatch/);
  });

  test('round trip: the schedule the generator wrote (with Plan Lens\'s own analysis) is what analyze recomputes from the written graph and costs', () => {
    const files = generateSample({ tasks: 45, runs: 1, seed: 11 });
    const text = (suffix: string) => new TextDecoder().decode(files.find((f) => f.path.endsWith(suffix))!.bytes);
    const schedule = (JSON.parse(text('plan_schedule_v1.json')) as { payload: { generations: string[][]; critical_path_tasks: string[]; critical_path_length_weighted: number; task_costs: Record<string, number> } }).payload;
    const a = analyzeNodeLinkText(text('task_graph_node_link.json'), 'g.json', { costs: new Map(Object.entries(schedule.task_costs)) });
    assert.deepEqual(a.issues, []);
    assert.deepEqual(a.criticalPath.tasks, schedule.critical_path_tasks);
    assert.equal(a.criticalPath.length, schedule.critical_path_length_weighted);
    assert.deepEqual(a.generations.map((g) => [...g].sort()), schedule.generations.map((g) => [...g].sort()));
  });
});
