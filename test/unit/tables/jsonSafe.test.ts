/** JSON-safe conversion of decoded Parquet/Arrow values: base64 matches Node's, bigints stay exact. */

import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { bigintToJson, toJsonSafe } from '../../../src/core/columnar/jsonSafe';
import { encodeBase64 } from '../../../src/core/text/base64';

suite('tables jsonSafe', () => {
  test('base64 agrees with Buffer for any bytes', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 64 }), (b) => encodeBase64(b) === Buffer.from(b).toString('base64')));
  });

  test('bigint becomes a number only when exact, else its decimal string', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(1n << 70n), max: 1n << 70n }), (v) => {
        const j = bigintToJson(v);
        if (typeof j === 'number') return Number.isSafeInteger(j) && BigInt(j) === v;
        return BigInt(j) === v && (v > BigInt(Number.MAX_SAFE_INTEGER) || v < BigInt(Number.MIN_SAFE_INTEGER));
      }),
    );
  });

  test('nested values, maps, dates and non-finite numbers become plain JSON', () => {
    const v = toJsonSafe({ a: [1n, new Uint8Array([1, 2, 3])], m: new Map([['k', 2n ** 60n]]), d: new Date(0), n: Number.NaN, u: undefined });
    assert.deepEqual(v, { a: [1, 'AQID'], m: { k: '1152921504606846976' }, d: '1970-01-01T00:00:00.000Z', n: 'NaN', u: null });
    assert.doesNotThrow(() => JSON.stringify(v));
  });
});
