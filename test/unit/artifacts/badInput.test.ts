import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { encode } from '@msgpack/msgpack';
import { readArtifact, readArtifactBytes } from '../../../src/core/artifacts/readArtifact';
import { DUPLICATE_CHECK_MAX_CHARS } from '../../../src/core/json/parseJson';
import { loadPlanInput } from '../../../src/core/load/loadPlanInput';
import { encodeBase64 } from '../../../src/core/text/base64';
import { memoryFs } from '../../support/memoryFileSystem';
import { readText } from './helpers';

const schedule = (extra: Record<string, unknown> = {}): Record<string, unknown> => ({ run_id: 'r1', plan_signature: 's', reduced_plan_signature: 'rs', task_count: 2, ordered_tasks: ['a', 'b'], generations: [['a'], ['b']], ...extra });

function codes(a: { issues: readonly { code: string }[] }): string[] {
  return a.issues.map((i) => i.code);
}

suite('artifact readers on bad input', () => {
  test('syntax error: issue with line and column, no records', () => {
    const a = readText('{\n  "run_id": "r1",\n  "ordered_tasks": [\n}', 'plan_schedule_v1.json');
    assert.deepEqual(a.issues.map((i) => [i.code, i.location.file, i.location.line]), [['json-syntax', 'plan_schedule_v1.json', 4]]);
    assert.equal(a.records.length, 0);
  });

  test('truncated msgpack and bad base64', () => {
    const bytes = encode(schedule());
    assert.deepEqual(codes(readArtifactBytes(bytes.subarray(0, bytes.length - 3), 'plan_schedule_v1.msgpack')), ['msgpack-syntax']);
    assert.deepEqual(codes(readText('%%% not base64 %%%', 'plan_schedule_v1.msgpack.b64')), ['invalid-base64']);
  });

  test('wrong types: issue at the field with its position; the rest is still read', () => {
    const text = JSON.stringify(schedule({ task_count: '2', generations: [['a'], 'b'], task_costs: { a: 'cheap' } }), null, 2);
    const a = readText(text, 'sched.json');
    const wrong = a.issues.filter((i) => i.code === 'wrong-type');
    assert.deepEqual(wrong.map((i) => i.location.pointer), ['/generations/1', '/task_count', '/task_costs/a']);
    assert.ok(wrong.every((i) => typeof i.location.line === 'number' && typeof i.location.column === 'number'));
    const rec = a.records[0];
    assert.equal(rec.kind, 'plan_schedule_v1');
    if (rec.kind === 'plan_schedule_v1') assert.deepEqual(rec.value.orderedTasks, ['a', 'b']);
  });

  test('thousands of bad fields: 200 listed with positions, the rest counted', () => {
    const costs = Object.fromEntries(Array.from({ length: 5000 }, (_, i) => [`t${i}`, 'x']));
    const a = readText(JSON.stringify(schedule({ task_costs: costs }), null, 1), 'sched.json');
    assert.equal(a.issues.length, 201);
    assert.ok(a.issues.slice(0, 200).every((i) => i.code === 'wrong-type' && i.location.line !== undefined));
    assert.deepEqual([a.issues[200].code, a.issues[200].message], ['too-many-issues', '4800 more issues in this file are not listed']);
  });

  test('missing required fields', () => {
    const s = schedule();
    delete s.run_id;
    const a = readText(JSON.stringify(s), 'sched.json');
    assert.deepEqual(a.issues.map((i) => [i.code, i.message]), [['missing-field', 'required field "run_id" is missing']]);
    const drift = readText(JSON.stringify({ admitted_task_coverage_ratio: 1 }), 'hamilton_plan_drift_v1.json');
    assert.deepEqual(codes(drift), ['missing-field', 'missing-field']);
  });

  test('unknown envelope kinds, event versions and shapes', () => {
    const env = readText(JSON.stringify({ kind: 'plan_schedule_v2', payload: schedule() }), 'x.json');
    assert.deepEqual(env.issues.map((i) => [i.code, i.location.pointer]), [['unknown-kind', '/kind']]);
    const ev = readText(JSON.stringify({ event_name: 'hamilton_task_submission_v9', run_id: 'r', event_payload_json: '{}' }) + '\n', 'events.jsonl');
    assert.deepEqual(ev.issues.map((i) => [i.code, i.location.line]), [['unknown-version', 1]]);
    assert.deepEqual(codes(readText('{"hello": 1}', 'x.json')), ['unknown-kind']);
    const bundle = readText(JSON.stringify({ planLens: 'bundle', version: 99, model: {} }), 'b.planlens.json');
    assert.equal(bundle.records[0].kind, 'planlens_bundle');
  });

  test('a bundle of an unknown version is refused with a reason', async () => {
    const fs = memoryFs({ '/w/b.planlens.json': JSON.stringify({ planLens: 'bundle', version: 99, model: {} }) });
    const loaded = await loadPlanInput(fs, '/w/b.planlens.json');
    assert.deepEqual(loaded.issues.map((i) => [i.code, i.location.pointer]), [['unknown-version', '/version']]);
  });

  test('duplicate keys are a warning with the pointer; the last value is used', () => {
    const a = readText('{"run_id": "r1", "plan_signature": "s", "ordered_tasks": ["a"], "ordered_tasks": ["b"], "generations": [["b"]]}', 'sched.json');
    assert.deepEqual(a.issues.map((i) => [i.code, i.location.pointer, i.location.line]), [['json-duplicate-key', '/ordered_tasks', 1]]);
    const rec = a.records[0];
    if (rec.kind === 'plan_schedule_v1') assert.deepEqual(rec.value.orderedTasks, ['b']);
  });

  test('JSON lines: a duplicate key is a warning at its line in a file up to the duplicate-check size; past it only nesting is checked, as for one document', () => {
    const row = (name: string): string => JSON.stringify({ run_id: 'r', node_name: name, source: 'hamilton', cache_key: 'k', data_version: 'd', code_version: 'c', dependencies_data_versions: {}, event_types: [], error: null });
    const duplicated = row('b').replace('"source":"hamilton"', '"source":"hamilton","source":"again"');
    const small = readText([row('a'), duplicated].join('\n'), 'hamilton_cache_lineage_v2.jsonl');
    assert.deepEqual(small.issues.map((i) => [i.code, i.location.line]), [['json-duplicate-key', 2]]);
    const filler = Array.from({ length: Math.ceil(DUPLICATE_CHECK_MAX_CHARS / row('a').length) + 1 }, (_, i) => row(`n${i}`));
    const large = readText([...filler, duplicated, `[${'['.repeat(600)}${']'.repeat(600)}]`].join('\n'), 'hamilton_cache_lineage_v2.jsonl');
    assert.ok(!large.issues.some((i) => i.code === 'json-duplicate-key'), 'no duplicate scan past the size');
    assert.equal(large.issues.find((i) => i.code === 'json-too-deep')?.location.line, filler.length + 2);
  });

  test('__proto__ and constructor keys are plain keys, never prototype changes', () => {
    const text = '{"run_id":"r","plan_signature":"s","ordered_tasks":["__proto__"],"generations":[["__proto__"]],"task_costs":{"__proto__":{"polluted":1},"constructor":2,"toString":3}}';
    const a = readText(text, 'sched.json');
    assert.deepEqual(codes(a), ['wrong-type']); // {"polluted":1} is not a number
    const rec = a.records[0];
    assert.equal(rec.kind, 'plan_schedule_v1');
    if (rec.kind !== 'plan_schedule_v1') return;
    assert.equal(rec.value.taskCosts.constructor, 2);
    assert.equal(rec.value.taskCosts.toString, 3);
    assert.equal(Object.getPrototypeOf(rec.value.taskCosts), null);
    assert.equal(rec.value.metadata.__proto__.generationIndex, 0);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
    // msgpack: the decoder refuses a __proto__ map key; that is an issue, not a crash.
    const mp = new Uint8Array([0x81, 0xa9, ...new TextEncoder().encode('__proto__'), 0x01]);
    assert.deepEqual(codes(readArtifactBytes(mp, 'x.msgpack')), ['msgpack-syntax']);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });

  test('nesting 100,000 deep, JSON and msgpack: refused, no stack overflow', () => {
    assert.deepEqual(codes(readText('['.repeat(100_000) + ']'.repeat(100_000), 'deep.json')), ['json-too-deep']);
    const mp = new Uint8Array(100_001).fill(0x91);
    mp[100_000] = 0xc0;
    assert.deepEqual(codes(readArtifactBytes(mp, 'deep.msgpack')), ['msgpack-too-deep']);
    const b64 = readText(encodeBase64(mp), 'deep.msgpack.b64');
    assert.deepEqual(codes(b64), ['msgpack-too-deep']);
  });

  test('a 200 MB file is refused from its size alone, with the setting to raise', async () => {
    const fs = memoryFs({ '/w/plan_schedule_v1.json': JSON.stringify(schedule()) }, { '/w/plan_schedule_v1.json': 200 * 1024 * 1024 });
    const a = await readArtifact(fs, '/w/plan_schedule_v1.json', { maxBytes: 100 * 1024 * 1024 });
    assert.deepEqual(codes(a), ['file-too-large']);
    assert.match(a.issues[0].message, /200\.0 MB is over the 100\.0 MB limit.*planLens\.maxFileSizeMB.*--max-file-size-mb/);
    assert.deepEqual(fs.reads, []);
    const raised = await readArtifact(fs, '/w/plan_schedule_v1.json', { maxBytes: 300 * 1024 * 1024 });
    assert.deepEqual(codes(raised), []);
    assert.equal(raised.records[0].kind, 'plan_schedule_v1');
  });

  test('dangling references: schedule and validation naming tasks the graph lacks', async () => {
    const cli = { plan_signature: 's', task_graph: { nodes: ['a', 'b'], edges: [['a', 'b']] }, schedule: { kind: 'plan_schedule', payload: schedule({ ordered_tasks: ['a', 'b', 'ghost'], generations: [['a'], ['b', 'ghost']] }) } };
    const fs = memoryFs({ '/w/plan.json': JSON.stringify(cli) });
    const loaded = await loadPlanInput(fs, '/w/plan.json');
    const d = loaded.issues.filter((i) => i.code === 'dangling-reference');
    assert.equal(d.length, 1);
    assert.match(d[0].message, /"ghost"/);
    const bundle = { planLens: 'bundle', version: 1, model: { tasks: [{ name: 'a', kind: 'view', output: 'a', inputs: [], sources: [] }], evidence: [], edges: [], dependencies: [{ from: 'a', to: 'nowhere', evidence: [] }], views: [], runs: [], sources: [] } };
    const fs2 = memoryFs({ '/w/b.planlens.json': JSON.stringify(bundle) });
    const lb = await loadPlanInput(fs2, '/w/b.planlens.json');
    assert.deepEqual(lb.issues.map((i) => [i.code, i.location.pointer]), [['dangling-reference', '/model/dependencies']]);
  });

  test('cycles in the dependencies are reported with the cycle', async () => {
    const fs = memoryFs({ '/w/plan.json': JSON.stringify({ plan_signature: 's', task_graph: { nodes: ['a', 'b', 'c'], edges: [['a', 'b'], ['b', 'c'], ['c', 'a']] } }) });
    const loaded = await loadPlanInput(fs, '/w/plan.json');
    const c = loaded.issues.filter((i) => i.code === 'dependency-cycle');
    assert.equal(c.length, 1);
    assert.match(c[0].message, /a -> b -> c -> a|b -> c -> a -> b|c -> a -> b -> c/);
  });

  test('DOT and JSON lines: errors carry the line', () => {
    const dot = readText('digraph {\n  0 ;\n  0 -> ;\n}\n', 'g.dot');
    assert.deepEqual(dot.issues.map((i) => [i.code, i.location.line]), [['dot-syntax', 3]]);
    assert.deepEqual(codes(readText('graph { a -- b }', 'g.dot')), ['dot-syntax']);
    const lines = readText('{"node_name":"a","event_types":[]}\n{oops\n{"node_name":"b","event_types":[]}\n', 'lineage.jsonl');
    assert.deepEqual(lines.issues.map((i) => [i.code, i.location.line]), [['json-syntax', 2]]);
    assert.equal(lines.records.length, 2);
  });

  test('invalid JSON or msgpack inside a column is an issue at the column', () => {
    const row = { view_name: 'v', plan_fingerprint: 'f', lineage_json: '{bad', delta_inputs_msgpack: '!!!' };
    const a = readText(JSON.stringify(row), 'row.json');
    assert.deepEqual(a.issues.map((i) => [i.code, i.location.pointer]), [['invalid-base64', '/delta_inputs_msgpack'], ['json-syntax', '/lineage_json']]);
  });

  test('mutated goldens never throw', () => {
    const base = new TextEncoder().encode(JSON.stringify({ kind: 'plan_schedule', payload: schedule({ task_costs: { a: 1 } }) }));
    const mp = encode({ kind: 'plan_validation', payload: { run_id: 'r', plan_signature: 's', task_results: [{ task_name: 'a', is_valid: true }] } });
    fc.assert(
      fc.property(fc.boolean(), fc.nat(), fc.integer({ min: 0, max: 255 }), fc.nat(8), (useMp, at, byte, cut) => {
        const src = useMp ? mp : base;
        const b = src.slice(0, Math.max(0, src.length - cut));
        if (b.length > 0) b[at % b.length] = byte;
        const a = readArtifactBytes(b, useMp ? 'x.msgpack' : 'x.json');
        assert.ok(Array.isArray(a.issues));
      }),
      { numRuns: 3000 },
    );
  });
});
