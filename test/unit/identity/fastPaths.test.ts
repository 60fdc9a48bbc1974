import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { quoteString } from '../../../src/core/identity/msgspecJson';
import { sha256Joined, toHex } from '../../../src/core/identity/sha2';
import { compareUtf8, entriesByKey } from '../../../src/core/identity/value';
import { encodeBase64 } from '../../../src/core/text/base64';

/** The code point walk compareUtf8 always did, as the reference for its fast path. */
function codePointCompare(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; ) {
    const ca = a.codePointAt(i) ?? 0;
    const cb = b.codePointAt(i) ?? 0;
    if (ca !== cb) return ca < cb ? -1 : 1;
    i += ca > 0xffff ? 2 : 1;
  }
  return a.length - b.length;
}

/** msgspec's string escaping as a regular expression, the reference for quoteString's native path. */
function referenceQuote(text: string): string {
  const short: Record<string, string> = { '"': '\\"', '\\': '\\\\', '\b': '\\b', '\t': '\\t', '\n': '\\n', '\f': '\\f', '\r': '\\r' };
  // eslint-disable-next-line no-control-regex
  return '"' + text.replace(/["\\\u0000-\u001f]/g, (c) => short[c] ?? '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0')) + '"';
}

// Strings over a small alphabet with surrogates (paired and lone), U+E000.., ASCII and controls.
const tricky = fc.array(fc.constantFrom('a', 'b', '"', '\\', '\n', '\u0001', '\u007f', 'é', '\ue000', '\uffff', '\ud83d', '\ude00', '\ud83d\ude00', '\\ud8'), { maxLength: 8 }).map((parts) => parts.join(''));

suite('identity fast paths', () => {
  test('compareUtf8 orders as the code point walk, surrogates included', () => {
    fc.assert(fc.property(fc.oneof(tricky, fc.string({ unit: 'binary' })), fc.oneof(tricky, fc.string({ unit: 'binary' })), (a, b) => Math.sign(compareUtf8(a, b)) === Math.sign(codePointCompare(a, b))), { numRuns: 3000 });
  });

  test('quoteString escapes as msgspec does, lone surrogates raw', () => {
    fc.assert(fc.property(fc.oneof(tricky, fc.string({ unit: 'binary' })), (text) => quoteString(text) === referenceQuote(text)), { numRuns: 3000 });
    assert.equal(quoteString('\ud800'), '"\ud800"');
  });

  test('entriesByKey keeps sorted entries as they are and sorts others stably by code point', () => {
    const sorted = [['a', 1], ['b', 2]] as const;
    assert.equal(entriesByKey(sorted), sorted);
    assert.deepEqual(entriesByKey([['\u{10000}', 1], ['\uffff', 2], ['a', 3], ['a', 4]]), [['a', 3], ['a', 4], ['\uffff', 2], ['\u{10000}', 1]]);
  });

  test('encodeBase64 matches Buffer for any length, past its 1 MB scratch', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 300 }), (b) => encodeBase64(b) === Buffer.from(b).toString('base64')));
    const big = Uint8Array.from({ length: 1_600_001 }, (_, i) => (i * 7) & 255);
    assert.equal(encodeBase64(big), Buffer.from(big).toString('base64'));
    assert.equal(encodeBase64(new Uint8Array([1, 2])), 'AQI=');
  });

  test('sha256Joined hashes the joined text without making it', () => {
    const parts = ['plan_signature', 'x'.repeat(40_000), '', 'é\ud83d\ude00', 'a->b'];
    assert.equal(toHex(sha256Joined(parts, '\n')), createHash('sha256').update(parts.join('\n'), 'utf8').digest('hex'));
    assert.equal(toHex(sha256Joined([], '\n')), createHash('sha256').update('').digest('hex'));
  });
});
