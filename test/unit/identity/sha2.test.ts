import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { sha224Bytes, sha224Text, sha256Bytes, sha256Text, toHex } from '../../../src/core/identity/sha2';
import { msgpackSha256, sha256Utf8 } from '../../../src/core/identity/hash';
import { encodeMsgpack } from '../../../src/core/identity/msgpack';
import { v } from '../../../src/core/identity/value';

const node = (algorithm: 'sha256' | 'sha224', data: Uint8Array | string): string => createHash(algorithm).update(data).digest('hex');

suite('identity sha2 (allocation-free SHA-256 and SHA-224)', () => {
  test('equals node:crypto on bytes of every length around the block and padding boundaries', () => {
    for (let n = 0; n <= 200; n++) {
      const data = Uint8Array.from({ length: n }, (_, i) => (i * 131 + n) & 255);
      assert.equal(toHex(sha256Bytes(data)), node('sha256', data), `sha256 length ${n}`);
      assert.equal(toHex(sha224Bytes(data)), node('sha224', data), `sha224 length ${n}`);
    }
  });

  test('text is hashed as its UTF-8, as TextEncoder writes it (lone surrogates as U+FFFD), also across steps', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (text) => {
        const bytes = new TextEncoder().encode(text);
        assert.equal(toHex(sha256Text(text)), node('sha256', bytes));
        assert.equal(toHex(sha224Text(text)), node('sha224', bytes));
      }),
      { numRuns: 500 },
    );
    for (const text of ['\ud800', 'a\udc00b', '\ud83d\ude00', '\ud83d', 'é'.repeat(70_000), 'x'.repeat(16_383) + '\ud83d\ude00' + 'y', 'x'.repeat(16_383) + '\ud83d']) {
      assert.equal(sha256Utf8(text), node('sha256', new TextEncoder().encode(text)), JSON.stringify(text.slice(-3)));
    }
  });

  test('a large input in one call; msgpack hashes over the reused buffer match a fresh encoding', () => {
    const big = new Uint8Array(3_000_017).map((_, i) => i % 251);
    assert.equal(toHex(sha256Bytes(big)), node('sha256', big));
    const large = v.strs(Array.from({ length: 40_000 }, (_, i) => `task_${i}`));
    const small = v.dict([['a', v.int(1)]]);
    assert.equal(msgpackSha256(large), node('sha256', encodeMsgpack(large)));
    assert.equal(msgpackSha256(small), node('sha256', encodeMsgpack(small)));
    assert.equal(msgpackSha256(large), node('sha256', encodeMsgpack(large)));
  });
});
