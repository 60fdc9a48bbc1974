import * as assert from 'node:assert/strict';
import { decode, encode } from '@msgpack/msgpack';
import fc from 'fast-check';
import { encodeMsgpack } from '../../../src/core/identity/msgpack';
import { encodeMsgspecJson, formatFloat, quoteString } from '../../../src/core/identity/msgspecJson';
import { compareUtf8, toValue, v, type Value } from '../../../src/core/identity/value';
import type { Plain } from '../../../src/core/json/decodedValue';

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

/**
 * Arbitrary values of the model with unique dict keys; `plain` is what a decoder should give back. Integers are
 * Python's, so never -0 (`0 - n` rather than `-n`).
 */
const valueArb: fc.Arbitrary<Value> = fc.letrec<{ value: Value }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constant(v.nil),
    fc.boolean().map(v.bool),
    fc.oneof(fc.integer({ min: -(2 ** 31), max: 2 ** 32 }), fc.maxSafeInteger(), fc.maxSafeNat().map((n) => 0 - n)).map((n) => v.int(n)),
    fc.bigInt({ min: -(2n ** 63n), max: 2n ** 64n - 1n }).map((n) => v.int(n)),
    fc.double().map(v.float),
    fc.string({ unit: 'grapheme', maxLength: 300 }).map(v.str),
    fc.uint8Array({ maxLength: 300 }).map(v.bin),
    fc.array(tie('value'), { maxLength: 20 }).map(v.array),
    // "__proto__" is left out: the peer decoder assigns keys to a plain object, where that one sets the prototype.
    fc.uniqueArray(fc.tuple(fc.string({ unit: 'grapheme', maxLength: 40 }).filter((k) => k !== '__proto__'), tie('value')), { selector: (e) => e[0], maxLength: 20 }).map((e) => v.dict(e)),
  ),
})).value;

function toPlain(value: Value): unknown {
  switch (value.t) {
    case 'nil':
      return null;
    case 'bool':
    case 'str':
    case 'bin':
      return value.v;
    case 'int':
    case 'float':
    case 'ext':
      return value.v;
    case 'array':
      return value.items.map(toPlain);
    case 'dict':
      return Object.fromEntries(value.entries.map(([k, x]) => [k, toPlain(x)]));
    case 'struct':
      return Object.fromEntries(value.fields.map(([k, x]) => [k, toPlain(x)]));
  }
}

function sameDecoded(decoded: unknown, expected: unknown): boolean {
  if (typeof expected === 'bigint' || typeof decoded === 'bigint') return BigInt(decoded as bigint) === BigInt(expected as bigint);
  if (typeof expected === 'number') return typeof decoded === 'number' && Object.is(decoded, expected);
  if (expected instanceof Uint8Array) return decoded instanceof Uint8Array && hex(decoded) === hex(expected);
  if (Array.isArray(expected)) return Array.isArray(decoded) && decoded.length === expected.length && expected.every((x, i) => sameDecoded(decoded[i], x));
  if (expected !== null && typeof expected === 'object') {
    const d = decoded as Record<string, unknown>;
    const keys = Object.keys(expected);
    return typeof decoded === 'object' && decoded !== null && Object.keys(d).length === keys.length && keys.every((k) => sameDecoded(d[k], (expected as Record<string, unknown>)[k]));
  }
  return decoded === expected;
}

suite('identity: msgspec msgpack encoder', () => {
  test('round-trips through @msgpack/msgpack decoding', () => {
    fc.assert(
      fc.property(valueArb, (value) => {
        const decoded = decode(encodeMsgpack(value), { useBigInt64: true });
        assert.ok(sameDecoded(decoded, toPlain(value)));
      }),
      { numRuns: 300 },
    );
  });

  test('dict bytes do not depend on insertion order, and keys come out in UTF-8 byte order', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.string({ unit: 'grapheme', maxLength: 8 }), { maxLength: 20 }).chain((keys) => fc.tuple(fc.constant(keys), fc.shuffledSubarray(keys, { minLength: keys.length, maxLength: keys.length }))),
        ([keys, order]) => {
        const entries = keys.map((k, i) => [k, v.int(i)] as const);
        const shuffled = order.map((k) => entries[keys.indexOf(k)]!);
        const bytes = encodeMsgpack(v.dict(entries));
        assert.equal(hex(encodeMsgpack(v.dict(shuffled))), hex(bytes));
        const decodedKeys = Object.keys(decode(bytes) as object);
        const byUtf8 = [...keys].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
        // Integer-like keys are reordered by JS objects themselves, so compare on the rest.
        const plain = (k: string): boolean => !/^(0|[1-9]\d*)$/.test(k);
        assert.deepEqual(decodedKeys.filter(plain), byUtf8.filter(plain));
        },
      ),
    );
  });

  test('compareUtf8 is byte order, unlike UTF-16 code-unit order', () => {
    assert.ok(compareUtf8('\uffff', '\u{10000}') < 0);
    assert.ok('\uffff' > '\u{10000}');
    fc.assert(fc.property(fc.string({ unit: 'grapheme' }), fc.string({ unit: 'grapheme' }), (a, b) => Math.sign(compareUtf8(a, b)) === Math.sign(Buffer.compare(Buffer.from(a), Buffer.from(b)))));
  });

  test('ints, strings, arrays and bools use the smallest forms (agrees with @msgpack/msgpack)', () => {
    const plainArb: fc.Arbitrary<Plain> = fc.letrec<{ p: Plain }>((tie) => ({
      p: fc.oneof({ depthSize: 'small' }, fc.constant(null), fc.boolean(), fc.maxSafeInteger(), fc.string({ maxLength: 700 }), fc.array(tie('p'), { maxLength: 40 })),
    })).p;
    fc.assert(fc.property(plainArb, (p) => hex(encodeMsgpack(toValue(p))) === hex(encode(p))));
    assert.equal(hex(encodeMsgpack(v.str('x'.repeat(31)))).slice(0, 2), 'bf');
    assert.equal(hex(encodeMsgpack(v.str('x'.repeat(32)))).slice(0, 4), 'd920');
    assert.equal(hex(encodeMsgpack(v.str('x'.repeat(256)))).slice(0, 6), 'da0100');
  });

  test('floats are always float64, also when integral', () => {
    assert.equal(hex(encodeMsgpack(v.float(1))), 'cb3ff0000000000000');
    assert.equal(hex(encodeMsgpack(v.float(0))), 'cb0000000000000000');
    assert.equal(hex(encodeMsgpack(v.int(1))), '01');
    fc.assert(fc.property(fc.double(), (x) => encodeMsgpack(v.float(x)).length === 9));
  });

  test('a Struct header takes its width from the declared field count and its count from the fields emitted', () => {
    const fields = [['a', v.int(1)] as const, ['b', v.int(2)] as const];
    assert.equal(hex(encodeMsgpack(v.struct(fields, 15))).slice(0, 2), '82');
    assert.equal(hex(encodeMsgpack(v.struct(fields, 17))).slice(0, 6), 'de0002');
    // Declaration order, not sorted.
    assert.equal(hex(encodeMsgpack(v.struct([['b', v.int(2)], ['a', v.int(1)]], 2))), '82a162' + '02' + 'a161' + '01');
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 40 }), (emitted, extra) => {
        const fs = Array.from({ length: emitted }, (_, i) => [`f${i}`, v.nil] as const);
        const bytes = encodeMsgpack(v.struct(fs, emitted + extra));
        const declared = emitted + extra;
        assert.equal(bytes[0], declared < 16 ? 0x80 | emitted : 0xde);
        assert.equal(Object.keys(decode(bytes) as object).length, emitted);
      }),
    );
  });
});

suite('identity: msgspec JSON encoder', () => {
  test('floats use msgspec\'s layout', () => {
    const cases: [number, string][] = [
      [3, '3.0'], [0, '0.0'], [-2.5, '-2.5'], [0.1, '0.1'], [123.456, '123.456'], [1e15, '1000000000000000.0'],
      [1e16, '1e16'], [1.5e16, '1.5e16'], [1e-5, '0.00001'], [1e-6, '1e-6'], [1.5e-7, '1.5e-7'], [5e-324, '5e-324'],
      [1.7976931348623157e308, '1.7976931348623157e308'], [NaN, 'null'], [Infinity, 'null'],
    ];
    for (const [x, text] of cases) assert.equal(formatFloat(x), text, String(x));
  });

  test('float text reads back as the same double', () => {
    fc.assert(fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => Object.is(Number(formatFloat(x)), x)));
  });

  test('strings escape quotes, backslashes and control characters, and keep non-ASCII raw', () => {
    assert.equal(quoteString('a"b\\c\n\t\b\f\r\u0001\u001fé✓'), '"a\\"b\\\\c\\n\\t\\b\\f\\r\\u0001\\u001fé✓"');
    fc.assert(fc.property(fc.string({ unit: 'grapheme' }), (s) => JSON.parse(quoteString(s)) === s));
  });

  test('compact output with sorted dict keys, struct fields in order and bytes as base64', () => {
    const value = v.dict([['b', v.float(1)], ['a', v.array([v.int(1), v.nil, v.bool(true)])], ['c', v.bin(new Uint8Array([1, 2, 3, 4]))]]);
    assert.equal(encodeMsgspecJson(value), '{"a":[1,null,true],"b":1.0,"c":"AQIDBA=="}');
    assert.equal(encodeMsgspecJson(v.struct([['z', v.int(1)], ['a', v.int(2)]], 2)), '{"z":1,"a":2}');
  });

  test('JSON values re-encode to text that parses to the same values', () => {
    fc.assert(fc.property(fc.jsonValue(), (j) => assert.deepEqual(JSON.parse(encodeMsgspecJson(toValue(j as Plain))), JSON.parse(JSON.stringify(j)))));
  });
});
