import * as assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { generateSample } from '../../../src/core/sample/generateSample';
import { loadPlanInput } from '../../../src/core/load/loadPlanInput';
import { bundleText, makeBundle } from '../../../src/core/load/bundle';
import { runCli } from '../../../src/cli/main';
import { canonical } from '../artifacts/helpers';
import { memoryFs } from '../../support/memoryFileSystem';
import Ajv from 'ajv';

function sampleFs(): ReturnType<typeof memoryFs> {
  const files: Record<string, Uint8Array> = {};
  for (const f of generateSample({ tasks: 40, runs: 2, seed: 3 })) files[`/ws/${f.path}`] = f.bytes;
  return memoryFs(files);
}

suite('plan model and bundle', () => {
  test('a sample workspace joins into one model: graph, schedule, views, runs, drift', async () => {
    const loaded = await loadPlanInput(sampleFs(), '/ws');
    assert.equal(loaded.input, 'directory');
    assert.deepEqual(loaded.issues.filter((i) => i.severity === 'error'), []);
    const m = loaded.model;
    // The workspace's model is its latest run's plan: the sample's later run plans one view more.
    assert.equal(m.tasks.length, 41);
    assert.ok(m.edges.length > 0 && m.dependencies.length > 0);
    assert.ok(m.schedule !== undefined && m.validation !== undefined);
    assert.ok(m.views.length > 0 && m.views.every((v) => v.planFingerprint.length === 64));
    assert.ok(m.tasks.every((t) => t.planFingerprint !== undefined));
    assert.ok(m.tasks.some((t) => t.planTaskSignature !== undefined), 'plan_fingerprints table read');
    assert.ok(m.runtime?.udfSnapshotHash !== undefined);
    assert.equal(m.runs.length, 2);
    for (const r of m.runs) {
      assert.ok(r.manifest !== undefined && r.events.length > 0 && r.recordedDrift !== undefined && r.drift !== undefined, r.runId);
      assert.deepEqual(r.drift.disagreements, [], `computed drift agrees with the recorded one for ${r.runId}`);
    }
    assert.ok(m.runs.some((r) => (r.drift?.computed.missingAdmittedTasks.length ?? 0) > 0), 'the second run drifts');
  });

  test('model -> bundle -> model is the identity', async () => {
    const loaded = await loadPlanInput(sampleFs(), '/ws');
    const text = bundleText(makeBundle(loaded.model, loaded.issues));
    const fs = memoryFs({ '/b/plan.planlens.json': text });
    const again = await loadPlanInput(fs, '/b/plan.planlens.json');
    assert.equal(again.input, 'bundle');
    assert.deepEqual(again.issues, []);
    assert.equal(canonical(again.model), canonical(loaded.model));
    assert.equal(bundleText(makeBundle(again.model, loaded.issues)), text);
  });

  test('bundles validate against schemas/planlens.schema.json; broken ones do not', async () => {
    // ajv 8 comes with @vscode/vsce; the editor validates with its own JSON language service.
    const schema: unknown = JSON.parse(readFileSync(path.join(__dirname, '..', '..', '..', 'schemas', 'planlens.schema.json'), 'utf8'));
    const validate = new Ajv({ allErrors: true, strict: false }).compile(schema as object);
    const loaded = await loadPlanInput(sampleFs(), '/ws');
    const bundle: unknown = JSON.parse(bundleText(makeBundle(loaded.model, loaded.issues)));
    assert.ok(validate(bundle), JSON.stringify(validate.errors));
    const broken = JSON.parse(JSON.stringify(bundle)) as { version: number; model: { tasks: { kind?: string }[]; edges: { kind: string }[] } };
    broken.version = 2;
    delete broken.model.tasks[0].kind;
    broken.model.edges[0].kind = 'consumes';
    assert.equal(validate(broken), false);
    assert.deepEqual(validate.errors?.map((e) => e.instancePath).sort(), ['/model/edges/0/kind', '/model/tasks/0', '/version']);
  });

  test('plan-lens bundle DIR -o FILE writes the bundle atomically', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'planlens-bundle-'));
    try {
      for (const f of generateSample({ tasks: 12, runs: 1, seed: 5 })) {
        mkdirSync(path.dirname(path.join(dir, 'ws', f.path)), { recursive: true });
        writeFileSync(path.join(dir, 'ws', f.path), f.bytes);
      }
      const out: string[] = [];
      const err: string[] = [];
      const code = await runCli(['bundle', 'ws', '-o', 'out/plan.planlens.json'], { out: (t) => out.push(t), err: (t) => err.push(t), cwd: dir });
      assert.equal(code, 0, err.join('\n'));
      assert.match(out.join('\n'), /wrote out\/plan\.planlens\.json: \d+ artifact files, 12 tasks/);
      const b = JSON.parse(readFileSync(path.join(dir, 'out', 'plan.planlens.json'), 'utf8')) as { planLens: string; version: number; model: { tasks: unknown[] } };
      assert.deepEqual([b.planLens, b.version, b.model.tasks.length], ['bundle', 1, 12]);
      assert.equal(await runCli(['bundle', 'ws'], { out: () => undefined, err: () => undefined, cwd: dir }), 2);
      assert.equal(await runCli(['bundle', 'missing', '-o', 'x.planlens.json'], { out: () => undefined, err: () => undefined, cwd: dir }), 1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
