import * as assert from 'node:assert/strict';
import { fingerprintPayload, planFingerprint, settingsHash, settingsValue, substraitHash, type FingerprintInputs } from '../../../src/core/identity/fingerprints';
import { sha256Utf8 } from '../../../src/core/identity/hash';
import { encodeMsgpack } from '../../../src/core/identity/msgpack';
import { scanKeyPayload, scanTaskFingerprint, scanTaskName, scanUnitKey, scanUnitSignature } from '../../../src/core/identity/scanUnits';
import { planTaskSignature } from '../../../src/core/identity/taskSignatures';

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');
const strHex = (s: string): string => Buffer.from(s, 'utf8').toString('hex');

// artifact-formats.md §4.6: every value below is quoted from the spec.
suite('identity: worked examples (§4.6)', () => {
  const unit = { dataset_name: 'repo_files_v1', delta_version: 3, projected_columns: ['file_id', 'path'], pushed_filters: [] };
  const files = ['/ws/delta/repo_files_v1/part-0000.parquet', '/ws/delta/repo_files_v1/part-0001.parquet'];
  const settings = { 'datafusion.execution.target_partitions': '8', 'datafusion.execution.batch_size': '8192' };
  const runtimeHash = 'r'.repeat(64);
  const udfHash = sha256Utf8('example-udf-snapshot');
  const fpInputs: FingerprintInputs = {
    substraitHash: substraitHash(new TextEncoder().encode('example-substrait-bytes')),
    settingsHash: settingsHash(settings),
    udfSnapshotHash: udfHash,
    requiredUdfs: ['stable_hash64'],
    requiredRewriteTags: [],
    deltaInputs: [{ dataset_name: 'repo_files_v1', version: 3, timestamp: null }],
  };

  test('scan key dict encodes to the quoted msgpack bytes', () => {
    const expected =
      '84' + 'ac' + strHex('dataset_name') + 'ad' + strHex('repo_files_v1') + 'ad' + strHex('delta_version') + '03' +
      'b1' + strHex('projected_columns') + '92' + 'a7' + strHex('file_id') + 'a4' + strHex('path') + 'ae' + strHex('pushed_filters') + '90';
    assert.equal(hex(encodeMsgpack(scanKeyPayload(unit, 'A'))), expected);
  });

  test('scan key, task name and scan task fingerprint', () => {
    const key = scanUnitKey(unit, 'A');
    assert.equal(key, 'scan::repo_files_v1::3::937aab666705ab91');
    assert.equal(scanTaskName(key), 'scan_unit_0213c4559682279d');
    assert.equal(scanTaskFingerprint({ ...unit, key, candidate_files: files }), '62e664c3be015e3717f9164a5647e91fe258fb7663c645476d661e8f00fd7e4a');
  });

  test('settings msgpack shows fixstr versus str8, and its hash', () => {
    const k1 = 'datafusion.execution.batch_size';
    const k2 = 'datafusion.execution.target_partitions';
    assert.equal(k1.length, 31);
    const expected = '92' + '92' + 'bf' + strHex(k1) + 'a4' + strHex('8192') + '92' + 'd926' + strHex(k2) + 'a1' + strHex('8');
    assert.equal(hex(encodeMsgpack(settingsValue(settings))), expected);
    assert.equal(settingsHash(settings), '6b9a03d6eb7a40e3b916d398484950583acf9cd540afb510c21dfbba2681d38f');
  });

  test('plan_fingerprint variant A', () => {
    assert.match(fpInputs.substraitHash, /^a9ae657a[0-9a-f]{52}9bab$/);
    assert.match(udfHash, /^6eb38ed3[0-9a-f]{52}ddb4$/);
    assert.equal(planFingerprint(fpInputs, 'A'), '326fd10e187cbaf193b6246686a30949e2c2807a078749a405af52e82834081f');
  });

  test('scan unit signature and view task signature (A)', () => {
    const key = scanUnitKey(unit, 'A');
    const scanSig = scanUnitSignature({ ...unit, key, candidate_files: files }, runtimeHash, 'A');
    assert.equal(scanSig, 'e0b60d640ea9708f5fec9954facb360e3cdcf6b93c2a6ca5c6427bd3678f4e2e');
    const taskSig = planTaskSignature(
      {
        runtimeHash,
        planFingerprint: planFingerprint(fpInputs, 'A'),
        functionRegistryHash: sha256Utf8('example-function-registry'),
        udfSnapshotHash: udfHash,
        rewriteTags: ['hash'],
        domainPlannerNames: [],
        dfSettingsHash: fpInputs.settingsHash,
        requiredUdfs: ['stable_hash64'],
        requiredRewriteTags: [],
        deltaInputs: fpInputs.deltaInputs,
        scanSignatures: [scanSig],
      },
      'A',
    );
    assert.equal(taskSig, 'dec633bd18b395fe7f02a2ed40841cbb95944d18a8c4186940a54bd54ee0528b');
  });

  // The A′ and C examples: artifact-formats.md §4.6, "plan_fingerprint, variants A′ and C", computed there
  // from `_hash_plan` in the pipeline's source at e603567c (plan_bundle.py) and 4fae7cdb (plan/bundle.py)
  // with an independent encoder. Inputs and results are quoted from that section.
  const protocol = { minReaderVersion: 3, minWriterVersion: 7, readerFeatures: ['deletionVectors'], writerFeatures: ['deletionVectors', 'appendOnly'] };
  const tags = ['span_normalize', 'cpg_edges'];
  const storePolicy = sha256Utf8('example-store-policy');

  test("plan_fingerprint variant A′: 720-byte payload, the quoted hash", () => {
    const inputs: FingerprintInputs = {
      ...fpInputs,
      requiredRewriteTags: tags,
      deltaStorePolicyHash: storePolicy,
      deltaInputs: [
        {
          dataset_name: 'repo_files_v1',
          version: 3,
          timestamp: null,
          feature_gate: { min_reader_version: 3, min_writer_version: 7, required_reader_features: ['deletionVectors'], required_writer_features: ['deletionVectors', 'appendOnly'] },
          protocol,
          storage_options_hash: sha256Utf8('example-storage-options'),
        },
        { dataset_name: 'ast_files_v1', version: null, timestamp: '2026-01-27T12:00:00Z', feature_gate: null, protocol: null, storage_options_hash: null },
      ],
    };
    assert.equal(encodeMsgpack(fingerprintPayload(inputs, "A'")).byteLength, 720);
    assert.equal(planFingerprint(inputs, "A'"), '408d0fffbbebda72c7fda38126197f2e75b884ec5aebbbe284df37181be50be6');
  });

  const cInputs: FingerprintInputs = {
    ...fpInputs,
    planningEnvHash: sha256Utf8('example-planning-env'),
    rulepackHash: sha256Utf8('example-rulepack'),
    informationSchemaHash: sha256Utf8('example-information-schema'),
    requiredRewriteTags: tags,
    deltaStorePolicyHash: storePolicy,
    deltaInputs: [
      { dataset_name: 'repo_files_v1', version: 3, timestamp: null, protocol, delta_scan_config_hash: sha256Utf8('example-scan-config'), datafusion_provider: 'delta_table_provider', protocol_compatible: true },
      { dataset_name: 'ast_files_v1', version: null, timestamp: '2026-01-27T12:00:00Z', protocol: null, delta_scan_config_hash: null, datafusion_provider: 'delta_table_provider', protocol_compatible: false },
    ],
  };

  test('plan_fingerprint variant C: 972-byte payload, the quoted hash', () => {
    assert.equal(encodeMsgpack(fingerprintPayload(cInputs, 'C')).byteLength, 972);
    assert.equal(planFingerprint(cInputs, 'C'), '4b69f86561e08c4864b2eff92b3115ed0d211de584870691808fba8d4a460a71');
  });

  // §4.2, variant C: planning_env_hash and rulepack_hash (and information_schema_hash) absent are
  // encoded as "" (msgpack a0), never nil (c0).
  test('variant C encodes an absent planning_env_hash, rulepack_hash or information_schema_hash as "", not nil', () => {
    for (const absent of [undefined, null]) {
      const without: FingerprintInputs = { ...cInputs, planningEnvHash: absent, rulepackHash: absent, informationSchemaHash: absent };
      const empty: FingerprintInputs = { ...cInputs, planningEnvHash: '', rulepackHash: '', informationSchemaHash: '' };
      const bytes = encodeMsgpack(fingerprintPayload(without, 'C'));
      assert.deepEqual(bytes, encodeMsgpack(fingerprintPayload(empty, 'C')));
      for (const key of ['planning_env_hash', 'rulepack_hash', 'information_schema_hash']) {
        // The pair is [key, value]: fixarray of 2, the key as a fixstr, then the value.
        const pair = '92' + (0xa0 + key.length).toString(16) + strHex(key);
        assert.ok(hex(bytes).includes(pair + 'a0'), `${key}: "" expected`);
      }
    }
  });

  test('the variants A, A′ and C hash different payloads for the same inputs', () => {
    const all = new Set([planFingerprint(fpInputs, 'A'), planFingerprint(fpInputs, "A'"), planFingerprint(fpInputs, 'C')]);
    assert.equal(all.size, 3);
  });
});
