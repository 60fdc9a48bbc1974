import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCli } from '../../../src/cli/main';
import { sha256Utf8 } from '../../../src/core/identity/hash';
import { loadIdentityArtifacts } from '../../../src/core/identity/verifyFiles';
import { nodeFileSystem } from '../../../src/node/nodeFileSystem';
import { needCorpus } from '../../support/corpus';

async function run(args: string[], cwd: string): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(['verify', ...args], { out: (t) => (out += t + '\n'), err: (t) => (err += t + '\n'), cwd });
  return { code, out, err };
}

const SETTINGS_JSON = '{"datafusion.execution.batch_size":"8192","datafusion.execution.target_partitions":"8"}';
const row = {
  view_name: 'repo_view',
  plan_fingerprint: '326fd10e187cbaf193b6246686a30949e2c2807a078749a405af52e82834081f',
  udf_snapshot_hash: sha256Utf8('example-udf-snapshot'),
  required_udfs_json: '["stable_hash64"]',
  required_rewrite_tags_json: '[]',
  delta_inputs_json: '[{"dataset_name":"repo_files_v1","timestamp":null,"version":3}]',
  df_settings_json: SETTINGS_JSON,
  substrait_b64: Buffer.from('example-substrait-bytes').toString('base64'),
  scan_units_json: JSON.stringify([{ key: 'scan::repo_files_v1::3::937aab666705ab91', dataset_name: 'repo_files_v1', delta_version: 3, projected_columns: ['file_id', 'path'], pushed_filters: [] }]),
};

suite('identity: plan-lens verify', () => {
  let dir: string;
  setup(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'plan-lens-verify-'));
  });
  teardown(() => rmSync(dir, { recursive: true, force: true }));

  test('the summary comes first; with all matching, no identity is listed unless --all, which lists each', async () => {
    writeFileSync(path.join(dir, 'rows.json'), JSON.stringify([row], null, 2));
    const quiet = await run(['.'], dir);
    assert.equal(quiet.code, 0, quiet.out + quiet.err);
    assert.match(quiet.out.split('\n')[0], /^1 file\(s\), \d+ identities: \d+ ok, 0 mismatch, \d+ computed, 0 unverifiable/);
    assert.match(quiet.out, /^ {2}plan_fingerprint +1 +0 +0 +0$/m);
    assert.doesNotMatch(quiet.out, /^ok +plan_fingerprint/m);
    assert.match(quiet.out, /--all lists all \d+ identities/);
    const r = await run(['.', '--all'], dir);
    assert.equal(r.code, 0, r.out + r.err);
    assert.match(r.out, /^ok +plan_fingerprint +repo_view \[variant A\] +326fd10e/m);
    assert.match(r.out, /^ok +scan_unit_key +scan::repo_files_v1::3::937aab666705ab91/m);
    assert.match(r.out, /^computed +scan_task_name +scan::repo_files_v1::3::937aab666705ab91 +scan_unit_0213c4559682279d/m);
    assert.match(r.out, /1 file\(s\), \d+ identities: \d+ ok, 0 mismatch/);
  });

  test('a mismatch exits 1 and points at the recorded value; --json carries the checks', async () => {
    writeFileSync(path.join(dir, 'rows.json'), JSON.stringify([{ ...row, plan_fingerprint: '0'.repeat(64) }], null, 2));
    const r = await run(['rows.json'], dir);
    assert.equal(r.code, 1);
    assert.match(r.out.split('\n')[0], / 1 mismatch/);
    assert.match(r.out, /^mismatch +plan_fingerprint +repo_view/m);
    assert.doesNotMatch(r.out, /^ok /m);
    assert.match(r.out, /at rows\.json:4:\d+ \/0\/plan_fingerprint/);
    const j = await run(['rows.json', '--json'], dir);
    const parsed = JSON.parse(j.out) as { checks: { identity: string; status: string }[]; files: string[] };
    assert.deepEqual(parsed.files, ['rows.json']);
    assert.ok(parsed.checks.some((c) => c.identity === 'plan_fingerprint' && c.status === 'mismatch'));
  });

  test('usage errors exit 2', async () => {
    assert.equal((await run([], dir)).code, 2);
    assert.equal((await run(['--bogus', '.'], dir)).code, 2);
    assert.equal((await run(['.', '--max-file-size-mb', 'x'], dir)).code, 2);
  });

  test('bad files become issues, not crashes: msgpack, base64, JSON, __proto__ keys, 100,000-deep nesting, JSON lines', async () => {
    writeFileSync(path.join(dir, 'broken.msgpack'), Buffer.from([0xdc, 0xff]));
    writeFileSync(path.join(dir, 'broken.msgpack.b64'), '!!!not base64');
    writeFileSync(path.join(dir, 'broken.json'), '{"view_name": ');
    // {"__proto__": {"polluted": true}}, written by hand: encoders drop the key.
    writeFileSync(path.join(dir, 'proto.msgpack'), Buffer.concat([Buffer.from([0x81, 0xa9]), Buffer.from('__proto__'), Buffer.from([0x81, 0xa8]), Buffer.from('polluted'), Buffer.from([0xc3])]));
    writeFileSync(path.join(dir, 'events.jsonl'), `${JSON.stringify({ event_name: 'e', event_payload_json: '{}', plan_signature: 'p', reduced_plan_signature: 'q', event_payload_hash: 'x' })}\n{oops\n`);
    // 100,000 nested one-element arrays.
    writeFileSync(path.join(dir, 'deep.msgpack'), Buffer.concat([Buffer.alloc(100_000, 0x91), Buffer.from([0xc0])]));
    mkdirSync(path.join(dir, 'node_modules'));
    writeFileSync(path.join(dir, 'node_modules', 'ignored.json'), '{');
    const loaded = await loadIdentityArtifacts(nodeFileSystem, [dir]);
    const codes = loaded.issues.map((i) => `${path.basename(i.location.file ?? '')}:${i.code}`).sort();
    assert.deepEqual(codes, ['broken.json:json-syntax', 'broken.msgpack.b64:invalid-base64', 'broken.msgpack:msgpack-invalid', 'deep.msgpack:msgpack-invalid', 'events.jsonl:json-syntax', 'proto.msgpack:msgpack-invalid']);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
    const r = await run(['.'], dir);
    assert.equal(r.code, 1);
    assert.match(r.out, /^mismatch +event_payload_hash +e/m);
    assert.match(r.out, /events\.jsonl:2:\d+: error \[json-syntax\]/);
  });

  test('the size limit is an issue with a way out', async () => {
    writeFileSync(path.join(dir, 'big.json'), JSON.stringify([row]) + ' '.repeat(2 * 1024 * 1024));
    const r = await run(['big.json', '--max-file-size-mb', '1'], dir);
    assert.equal(r.code, 1);
    assert.match(r.out, /file-too-large.*--max-file-size-mb/);
  });

  test('the pipeline goldens: canonical msgpack, envelope ids, and the placeholder ids they record', async function () {
    const corpus = needCorpus(this, 'codeanatomy');
    const r = await run([corpus, '--json'], dir);
    const parsed = JSON.parse(r.out) as { checks: { identity: string; status: string; subject: string; recorded?: string }[] };
    const canonical = parsed.checks.filter((c) => c.identity === 'msgpack_canonical');
    assert.equal(canonical.length, 6);
    assert.ok(canonical.every((c) => c.status === 'ok'));
    // The goldens record invented ids ("schedule-1", a made-up fingerprint), which verify must call out.
    const mismatched = parsed.checks.filter((c) => c.status === 'mismatch').map((c) => `${c.identity}:${c.recorded ?? ''}`).sort();
    assert.deepEqual(mismatched, [
      'artifact_envelope_id:schedule-1',
      'artifact_envelope_id:validation-1',
      'plan_fingerprint:4a7f2b1c9e4d5a6f7b8c9d0e1f2a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c',
      'plan_fingerprint:4a7f2b1c9e4d5a6f7b8c9d0e1f2a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c',
    ]);
    assert.equal(r.code, 1);
  });
});
