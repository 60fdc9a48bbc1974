import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { encode } from '@msgpack/msgpack';
import fc from 'fast-check';
import type { IdentityArtifact } from '../../../src/core/identity/artifact';
import type { IdentityCheck, IdentityKind, VerifyResult } from '../../../src/core/identity/checks';
import { eventHashV1Text, eventPayloadHashV1 } from '../../../src/core/identity/events';
import { planFingerprint, settingsHash, substraitHash, type FingerprintInputs } from '../../../src/core/identity/fingerprints';
import { sha256Hex, sha256Utf8 } from '../../../src/core/identity/hash';
import { scanUnitKey, uniquePrefixNames } from '../../../src/core/identity/scanUnits';
import { verifyIdentities } from '../../../src/core/identity/verify';
import { needCorpus } from '../../support/corpus';

const b64 = (s: string | Uint8Array): string => Buffer.from(s).toString('base64');
const json = (x: unknown): string => JSON.stringify(x);

// The §4.6 worked example as a v1 plan-artifact row, with every expected value quoted from the spec.
const SETTINGS_JSON = '{"datafusion.execution.batch_size":"8192","datafusion.execution.target_partitions":"8"}';
const FINGERPRINT = '326fd10e187cbaf193b6246686a30949e2c2807a078749a405af52e82834081f';
const SCAN_KEY = 'scan::repo_files_v1::3::937aab666705ab91';
const SCAN_TASK = 'scan_unit_0213c4559682279d';
const SCAN_FP = '62e664c3be015e3717f9164a5647e91fe258fb7663c645476d661e8f00fd7e4a';
const SCAN_SIG = 'e0b60d640ea9708f5fec9954facb360e3cdcf6b93c2a6ca5c6427bd3678f4e2e';
const TASK_SIG = 'dec633bd18b395fe7f02a2ed40841cbb95944d18a8c4186940a54bd54ee0528b';
const FILES = ['/ws/delta/repo_files_v1/part-0000.parquet', '/ws/delta/repo_files_v1/part-0001.parquet'];

function rowV1(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    event_kind: 'plan',
    view_name: 'repo_view',
    plan_fingerprint: FINGERPRINT,
    udf_snapshot_hash: sha256Utf8('example-udf-snapshot'),
    function_registry_hash: sha256Utf8('example-function-registry'),
    required_udfs_json: '["stable_hash64"]',
    required_rewrite_tags_json: '[]',
    domain_planner_names_json: '[]',
    delta_inputs_json: '[{"dataset_name":"repo_files_v1","timestamp":null,"version":3}]',
    df_settings_json: SETTINGS_JSON,
    substrait_b64: b64('example-substrait-bytes'),
    udf_snapshot_json: '{"rewrite_tags":{"stable_hash64":["hash"]}}',
    scan_units_json: json([{ key: SCAN_KEY, dataset_name: 'repo_files_v1', delta_version: 3, candidate_files: FILES, pushed_filters: [], projected_columns: ['file_id', 'path'] }]),
    scan_keys_json: json([SCAN_KEY]),
    plan_details_json: json({ df_settings_hash: sha256Utf8(SETTINGS_JSON), delta_inputs_hash: sha256Utf8('[{"dataset_name":"repo_files_v1","timestamp":null,"version":3}]') }),
    ...overrides,
  };
}

function diagnostics(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    run_id: 'run-1',
    plan_signature: 'a'.repeat(64),
    session_runtime_hash: 'r'.repeat(64),
    plan_fingerprints: { repo_view: FINGERPRINT, [SCAN_TASK]: SCAN_FP },
    plan_task_signatures: { repo_view: TASK_SIG, [SCAN_TASK]: SCAN_SIG },
    ...overrides,
  };
}

const art = (data: unknown, file = 'mem.json', extra: Partial<IdentityArtifact> = {}): IdentityArtifact => ({ file, pointer: '', data: data as IdentityArtifact['data'], encoding: 'json', ...extra });
const find = (r: VerifyResult, identity: IdentityKind, subject?: string): IdentityCheck[] => r.checks.filter((c) => c.identity === identity && (subject === undefined || c.subject === subject));
const one = (r: VerifyResult, identity: IdentityKind, subject?: string): IdentityCheck => {
  const found = find(r, identity, subject);
  assert.equal(found.length, 1, `${identity} ${subject ?? ''}: ${JSON.stringify(r.checks.map((c) => [c.identity, c.subject, c.status]))}`);
  return found[0]!;
};

suite('identity: verifyIdentities', () => {
  test('the worked example verifies end to end: fingerprint, scan key, scan task, view task', () => {
    const r = verifyIdentities([art(rowV1(), 'rows.json'), art(diagnostics(), 'diag.json')]);
    assert.deepEqual(r.checks.filter((c) => c.status === 'mismatch'), []);
    assert.equal(one(r, 'plan_fingerprint', 'repo_view').status, 'ok');
    assert.equal(one(r, 'plan_fingerprint', 'repo_view').variant, 'A');
    assert.equal(one(r, 'df_settings_hash').status, 'ok');
    assert.equal(one(r, 'delta_inputs_hash').status, 'ok');
    assert.equal(one(r, 'scan_unit_key', SCAN_KEY).status, 'ok');
    assert.equal(one(r, 'scan_keys').status, 'ok');
    assert.deepEqual([one(r, 'scan_task_name', SCAN_KEY).status, one(r, 'scan_task_name', SCAN_KEY).computed], ['ok', SCAN_TASK]);
    assert.equal(one(r, 'scan_task_fingerprint', SCAN_TASK).status, 'ok');
    assert.equal(one(r, 'scan_unit_signature', SCAN_TASK).status, 'ok');
    assert.equal(one(r, 'plan_task_signature', 'repo_view').status, 'ok');
    assert.deepEqual(r.issues, []);
  });

  test('changed settings: the fingerprint mismatch names the settings hash', () => {
    const changed = SETTINGS_JSON.replace('"8"}', '"16"}');
    const r = verifyIdentities([art(rowV1({ df_settings_json: changed }))]);
    const fp = one(r, 'plan_fingerprint', 'repo_view');
    assert.equal(fp.status, 'mismatch');
    assert.match(fp.note ?? '', /the recorded settings hash differs from the settings in the row/);
    assert.equal(one(r, 'df_settings_hash').status, 'mismatch');
    assert.ok(r.issues.some((i) => i.code === 'identity-mismatch' && /^plan_fingerprint of repo_view does not match its inputs: tried variants A, A'; the recorded settings hash differs/.test(i.message)));
  });

  test('changed pins: the mismatch names the Delta inputs hash and the scan unit version', () => {
    const r = verifyIdentities([art(rowV1({ delta_inputs_json: '[{"dataset_name":"repo_files_v1","timestamp":null,"version":4}]' }))]);
    const note = one(r, 'plan_fingerprint', 'repo_view').note ?? '';
    assert.match(note, /Delta inputs hash differs from the Delta pins/);
    assert.match(note, /Delta pin of repo_files_v1 \(version 4\) differs from its scan unit \(version 3\)/);
  });

  test('an input the row cannot confirm: the explanation says so', () => {
    const r = verifyIdentities([art(rowV1({ substrait_b64: b64('other-substrait') }))]);
    assert.match(one(r, 'plan_fingerprint', 'repo_view').note ?? '', /no recorded intermediate hash disagrees/);
  });

  test('changed UDF snapshot hash against the compatibility detail', () => {
    const planned = sha256Utf8('example-udf-snapshot');
    const r = verifyIdentities([art(rowV1({ udf_snapshot_hash: 'f'.repeat(64), udf_compatibility_detail_json: json({ planned_snapshot_hash: planned }) }))]);
    assert.equal(one(r, 'udf_snapshot_hash').status, 'mismatch');
    assert.match(one(r, 'plan_fingerprint', 'repo_view').note ?? '', /planned_snapshot_hash differs/);
  });

  test('scan keys: digest, version token and scan_keys list', () => {
    const unit = { key: SCAN_KEY, dataset_name: 'repo_files_v1', delta_version: 3, candidate_files: FILES, pushed_filters: [], projected_columns: ['file_id'] };
    const r1 = verifyIdentities([art(rowV1({ scan_units_json: json([unit]) }))]);
    assert.match(one(r1, 'scan_unit_key', SCAN_KEY).note ?? '', /digest differs/);
    const r2 = verifyIdentities([art(rowV1({ scan_units_json: json([{ ...unit, projected_columns: ['file_id', 'path'], delta_version: 5 }]) }))]);
    assert.match(one(r2, 'scan_unit_key', SCAN_KEY).note ?? '', /version token 3 differs from the unit's \(5\)/);
    const r3 = verifyIdentities([art(rowV1({ scan_keys_json: json([SCAN_KEY, 'scan::x::1::0000000000000000']) }))]);
    assert.match(one(r3, 'scan_keys').note ?? '', /names scan::x::1::0000000000000000 that no scan unit has/);
  });

  test('task graph diagnostics: a changed scan signature is named in the view task mismatch', () => {
    const r = verifyIdentities([art(rowV1()), art(diagnostics({ plan_task_signatures: { repo_view: 'b'.repeat(64), [SCAN_TASK]: 'c'.repeat(64) } }))]);
    assert.equal(one(r, 'scan_unit_signature', SCAN_TASK).status, 'mismatch');
    assert.match(one(r, 'plan_task_signature', 'repo_view').note ?? '', new RegExp(`signatures of its scan units ${SCAN_TASK} differ`));
    const r2 = verifyIdentities([art(rowV1()), art(diagnostics({ plan_fingerprints: { repo_view: 'd'.repeat(64) } }))]);
    assert.match(one(r2, 'plan_fingerprint', 'repo_view (task graph)').note ?? '', /different plan_fingerprint/);
  });

  test('variant A′ and C rows verify with their variant', () => {
    const inputs: FingerprintInputs = {
      substraitHash: substraitHash(Buffer.from('sub')),
      settingsHash: settingsHash({ k: 'v' }),
      udfSnapshotHash: 'u'.repeat(64),
      requiredUdfs: ['b', 'a'],
      requiredRewriteTags: ['t'],
      deltaInputs: [{ dataset_name: 'ds', version: 7, timestamp: null, protocol: { min_reader_version: 3, reader_features: ['deletionVectors'] } }],
      deltaStorePolicyHash: 'p'.repeat(64),
    };
    const a2 = rowV1({
      plan_fingerprint: planFingerprint(inputs, "A'"),
      substrait_b64: b64('sub'),
      df_settings_json: '{"k":"v"}',
      udf_snapshot_hash: 'u'.repeat(64),
      required_udfs_json: '["b","a"]',
      required_rewrite_tags_json: '["t"]',
      delta_inputs_json: json([{ dataset_name: 'ds', version: 7, timestamp: null, protocol: { min_reader_version: 3, reader_features: ['deletionVectors'] } }]),
      plan_details_json: json({ delta_store_policy_hash: 'p'.repeat(64) }),
      scan_units_json: '[]',
      scan_keys_json: '[]',
    });
    const r = verifyIdentities([art(a2)]);
    assert.deepEqual([one(r, 'plan_fingerprint').status, one(r, 'plan_fingerprint').variant], ['ok', "A'"]);

    const c = {
      view_name: 'v10_view',
      plan_fingerprint: planFingerprint({ ...inputs, deltaStorePolicyHash: null, planningEnvHash: 'env', rulepackHash: null, informationSchemaHash: 'info' }, 'C'),
      substrait_msgpack: b64(encode(Buffer.from('sub'))),
      df_settings: { k: 'v' },
      udf_snapshot_hash: 'u'.repeat(64),
      required_udfs: ['b', 'a'],
      required_rewrite_tags: ['t'],
      delta_inputs_msgpack: b64(encode([{ dataset_name: 'ds', version: 7, timestamp: null, protocol: { min_reader_version: 3, reader_features: ['deletionVectors'] } }])),
      planning_env_hash: 'env',
      rulepack_hash: null,
      information_schema_hash: 'info',
    };
    const rc = verifyIdentities([art(c)]);
    assert.deepEqual([one(rc, 'plan_fingerprint').status, one(rc, 'plan_fingerprint').variant], ['ok', 'C']);
  });

  test('a row missing the Substrait bytes is unverifiable, with a reason; a broken column is an issue', () => {
    const r = verifyIdentities([art(rowV1({ substrait_b64: null, df_settings_json: '{not json' }))]);
    const fp = one(r, 'plan_fingerprint');
    assert.equal(fp.status, 'unverifiable');
    assert.match(fp.note ?? '', /the Substrait bytes, df_settings/);
    assert.ok(r.issues.some((i) => i.code === 'identity-input' && /df_settings_json cannot be decoded/.test(i.message)));
  });

  test('a JSON column nested 100,000 deep is an issue, not a stack overflow', () => {
    const deep = '['.repeat(100_000) + ']'.repeat(100_000);
    const r = verifyIdentities([art(rowV1({ delta_inputs_json: deep }))]);
    assert.ok(r.issues.some((i) => i.code === 'identity-input' && /delta_inputs_json cannot be decoded: values nest deeper/.test(i.message)));
    assert.equal(one(r, 'plan_fingerprint').status, 'unverifiable');
  });

  test('event_payload_hash v1 (splice) and v2 (bytes)', () => {
    const fields = { eventName: 'hamilton_plan_drift_v1', eventPayloadJson: '{"admitted_task_coverage_ratio":1.0,"run_id":"r1"}', planSignature: 'p', reducedPlanSignature: 'q' };
    assert.equal(eventHashV1Text(fields), '{"event_name":"hamilton_plan_drift_v1","payload":{"admitted_task_coverage_ratio":1.0,"run_id":"r1"},"plan_signature":"p","reduced_plan_signature":"q"}');
    const hash = eventPayloadHashV1(fields);
    const row = { event_name: fields.eventName, event_payload_json: fields.eventPayloadJson, plan_signature: 'p', reduced_plan_signature: 'q', event_payload_hash: hash, run_id: 'r1' };
    assert.equal(one(verifyIdentities([art(row)]), 'event_payload_hash').status, 'ok');
    const bad = verifyIdentities([art({ ...row, event_payload_json: fields.eventPayloadJson.replace('1.0', '1') })]);
    assert.equal(one(bad, 'event_payload_hash').status, 'mismatch');
    const packed = encode({ run_id: 'r1' });
    const v2 = { event_name: 'e', event_payload_msgpack: b64(packed), event_payload_hash: sha256Hex(packed) };
    assert.equal(one(verifyIdentities([art(v2)]), 'event_payload_hash').status, 'ok');
    assert.equal(one(verifyIdentities([art({ ...v2, event_payload_hash: '0'.repeat(64) })]), 'event_payload_hash').status, 'mismatch');
  });

  test('envelope ids against the run manifest; non-canonical msgpack is flagged', function () {
    const dir = needCorpus(this, 'codeanatomy');
    const envBytes = new Uint8Array(Buffer.from(readFileSync(path.join(dir, 'plan_schedule_artifact.envelope.msgpack.b64'), 'utf8'), 'base64'));
    const envelope = JSON.parse(readFileSync(path.join(dir, 'plan_schedule_artifact.envelope.json'), 'utf8')) as Record<string, unknown>;
    const manifest = JSON.parse(readFileSync(path.join(dir, 'run_manifest.json'), 'utf8')) as Record<string, unknown>;
    const withId = { ...manifest, artifact_ids: { plan_schedule: sha256Hex(envBytes) } };
    const ok = verifyIdentities([art(envelope, 'env.json'), art(withId, 'manifest.json')]);
    assert.equal(one(ok, 'artifact_envelope_id', 'run_manifest.artifact_ids.plan_schedule (run run_01HZX4J3C8F8M2KQ)').status, 'ok');
    const bad = verifyIdentities([art(envelope, 'env.json'), art({ ...withId, artifact_ids: { plan_schedule: 'f'.repeat(64) } }, 'manifest.json')]);
    assert.match(one(bad, 'artifact_envelope_id', 'run_manifest.artifact_ids.plan_schedule (run run_01HZX4J3C8F8M2KQ)').note ?? '', /does not identify the plan_schedule envelope/);
    // @msgpack/msgpack writes 1.0 as an int and keeps JSON's key order: not msgspec's bytes.
    const loose = encode(envelope);
    const r = verifyIdentities([art(envelope, 'env.msgpack', { encoding: 'msgpack', raw: loose })]);
    assert.equal(one(r, 'msgpack_canonical').status, 'mismatch');
  });

  test('Arrow-IPC hashes are listed as opaque ids and never checked', () => {
    const r = verifyIdentities([art(diagnostics({ reduced_task_dependency_signature: 'x'.repeat(64) }))]);
    assert.deepEqual(r.opaque.map((o) => o.kind).sort(), ['plan_signature', 'reduced_task_dependency_signature', 'session_runtime_hash']);
    assert.equal(r.checks.length, 0);
  });

  test('scan task names lengthen by 16 hex digits on a prefix collision', () => {
    const d = (prefix: string): string => (prefix + '0'.repeat(64)).slice(0, 64);
    const names = uniquePrefixNames(new Map([['k1', d('aaaa000000000000' + '1')], ['k2', d('aaaa000000000000' + '2')], ['k3', d('b')]]));
    assert.equal(names.get('k1'), 'scan_unit_' + d('aaaa0000000000001').slice(0, 32));
    assert.equal(names.get('k2'), 'scan_unit_' + d('aaaa0000000000002').slice(0, 32));
    assert.equal(names.get('k3'), 'scan_unit_' + d('b').slice(0, 16));
    fc.assert(
      fc.property(fc.uniqueArray(fc.stringMatching(/^[0-9a-f]{64}$/), { maxLength: 30 }), (digests) => {
        const out = [...uniquePrefixNames(new Map(digests.map((x, i) => [String(i), x]))).values()];
        assert.equal(new Set(out).size, out.length);
      }),
    );
  });

  test('changing any fingerprint input changes the fingerprint; changing a scan input changes the key', () => {
    const base: FingerprintInputs = { substraitHash: 's', settingsHash: 'h', udfSnapshotHash: 'u', requiredUdfs: ['a'], requiredRewriteTags: [], deltaInputs: [{ dataset_name: 'd', version: 1 }], deltaStorePolicyHash: null };
    const mutations: ((i: FingerprintInputs, x: string) => FingerprintInputs)[] = [
      (i, x) => ({ ...i, substraitHash: i.substraitHash + x }),
      (i, x) => ({ ...i, settingsHash: i.settingsHash + x }),
      (i, x) => ({ ...i, udfSnapshotHash: i.udfSnapshotHash + x }),
      (i, x) => ({ ...i, requiredUdfs: [...i.requiredUdfs, 'udf' + x] }),
      (i, x) => ({ ...i, requiredRewriteTags: [...i.requiredRewriteTags, 'tag' + x] }),
      (i, x) => ({ ...i, deltaInputs: [...i.deltaInputs, { dataset_name: 'ds' + x, version: 2 }] }),
      (i) => ({ ...i, deltaInputs: [{ dataset_name: 'd', version: 2 }] }),
    ];
    fc.assert(
      fc.property(fc.constantFrom<'A' | "A'" | 'C'>('A', "A'", 'C'), fc.integer({ min: 0, max: mutations.length - 1 }), fc.string({ minLength: 1, maxLength: 5 }), (variant, m, x) => {
        assert.notEqual(planFingerprint(mutations[m]!(base, x), variant), planFingerprint(base, variant));
      }),
    );
    const unit = { dataset_name: 'd', delta_version: 1, projected_columns: ['a'], pushed_filters: [] as string[] };
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 5 }), (x) => {
        const key = scanUnitKey(unit, 'A');
        assert.notEqual(scanUnitKey({ ...unit, projected_columns: [...unit.projected_columns, x] }, 'A'), key);
        assert.notEqual(scanUnitKey({ ...unit, pushed_filters: [x] }, 'A'), key);
      }),
    );
  });
});
