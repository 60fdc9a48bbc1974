import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { decode } from '@msgpack/msgpack';
import { envelopeSchema, PAYLOAD_SCHEMAS, PLAN_ARTIFACT_ROW_SCHEMA, type EnvelopeKind } from '../../../src/core/identity/envelopes';
import { sha256Hex } from '../../../src/core/identity/hash';
import { encodeMsgpack } from '../../../src/core/identity/msgpack';
import { toValue, type Schema } from '../../../src/core/identity/value';
import type { Plain } from '../../../src/core/json/decodedValue';
import { needCorpus } from '../../support/corpus';

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

function golden(dir: string, name: string): { json: Plain; bytes: Uint8Array } {
  const json = JSON.parse(readFileSync(path.join(dir, `${name}.json`), 'utf8')) as Plain;
  const bytes = new Uint8Array(Buffer.from(readFileSync(path.join(dir, `${name}.msgpack.b64`), 'utf8'), 'base64'));
  return { json, bytes };
}

const cases: [string, EnvelopeKind][] = [
  ['plan_schedule_artifact', 'plan_schedule'],
  ['plan_validation_artifact', 'plan_validation'],
  ['run_manifest', 'run_manifest'],
];

suite('identity: msgspec goldens re-encode byte for byte', () => {
  for (const [name, kind] of cases) {
    for (const [suffix, schema] of [['', PAYLOAD_SCHEMAS[kind]], ['.envelope', envelopeSchema(kind)]] as [string, Schema][]) {
      test(`${name}${suffix}: decoded msgpack re-encodes to the golden bytes`, function () {
        const { bytes } = golden(needCorpus(this, 'codeanatomy'), name + suffix);
        assert.equal(hex(encodeMsgpack(toValue(decode(bytes) as Plain, schema))), hex(bytes));
      });
      test(`${name}${suffix}: the golden JSON encodes to the golden msgpack bytes`, function () {
        const { json, bytes } = golden(needCorpus(this, 'codeanatomy'), name + suffix);
        assert.equal(hex(encodeMsgpack(toValue(json, schema))), hex(bytes));
      });
    }
  }

  test('run_manifest keeps the map16 header of its 17 declared fields with 12 emitted', function () {
    const { bytes } = golden(needCorpus(this, 'codeanatomy'), 'run_manifest');
    assert.equal(hex(bytes.subarray(0, 3)), 'de000c');
    assert.equal(hex(encodeMsgpack(toValue(decode(bytes) as Plain, PAYLOAD_SCHEMAS.run_manifest))).slice(0, 6), 'de000c');
  });

  test('plan_artifact_row: decoded msgpack re-encodes to the golden bytes', function () {
    const { bytes } = golden(needCorpus(this, 'codeanatomy'), 'plan_artifact_row');
    assert.equal(hex(encodeMsgpack(toValue(decode(bytes) as Plain, PLAN_ARTIFACT_ROW_SCHEMA))), hex(bytes));
  });

  test('plan_artifact_row: the JSON golden differs from the msgpack golden in two columns only', function () {
    // The two row goldens were not written from the same value: the msgpack one wraps substrait and the
    // logical plan proto in `{data: bytes}`, the JSON one holds plain `c4 09 "substrait"` and null.
    const { json, bytes } = golden(needCorpus(this, 'codeanatomy'), 'plan_artifact_row');
    const fromJson = toValue(json, PLAN_ARTIFACT_ROW_SCHEMA);
    const fromMsgpack = toValue(decode(bytes) as Plain, PLAN_ARTIFACT_ROW_SCHEMA);
    assert.ok(fromJson.t === 'struct' && fromMsgpack.t === 'struct');
    const differing = fromJson.fields
      .filter(([key, value], i) => key !== fromMsgpack.fields[i]?.[0] || hex(encodeMsgpack(value)) !== hex(encodeMsgpack(fromMsgpack.fields[i]?.[1] ?? value)))
      .map(([key]) => key);
    assert.deepEqual(differing, ['substrait_msgpack', 'logical_plan_proto_msgpack']);
  });

  test('artifact_envelope_id of the plan_schedule envelope golden (§4.6 cross-check)', function () {
    const { json, bytes } = golden(needCorpus(this, 'codeanatomy'), 'plan_schedule_artifact.envelope');
    const id = sha256Hex(encodeMsgpack(toValue(json, envelopeSchema('plan_schedule'))));
    assert.equal(id, sha256Hex(bytes));
    assert.match(id, /^03741738d229[0-9a-f]{48}75a0$/);
  });
});
