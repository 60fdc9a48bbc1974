import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { unzlibSync, zlibSync } from 'fflate';
import { huffmanCodeLengths, zlibCompress } from '../../../src/core/sample/deflate';

/** Text with repeats at every distance, as cache-key payloads have (names, base64 versions, commas). */
const texty = fc
  .array(fc.oneof(fc.constantFrom('rel_', 'cpg_', '_v1', ',', 'scan_unit_', 'ast_defs'), fc.string({ maxLength: 12 }), fc.base64String({ maxLength: 40 })), { maxLength: 400 })
  .map((parts) => new TextEncoder().encode(parts.join('')));

function bytesOf(seed: number, length: number, alphabet: number): Uint8Array {
  const out = new Uint8Array(length);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = (x >>> 0) % alphabet;
  }
  return out;
}

suite('sample deflate (fflate zlibSync without per-call work arrays)', () => {
  test('equals fflate byte for byte on text-like and binary inputs at every level', () => {
    fc.assert(
      fc.property(fc.oneof(texty, fc.uint8Array({ maxLength: 600 })), fc.integer({ min: 1, max: 9 }), (data, level) => {
        assert.deepEqual(zlibCompress(data, level), zlibSync(data, { level: level as 1 }));
      }),
      { numRuns: 400 },
    );
  });

  test('equals fflate on inputs that span several blocks and long matches, and on the empty input', () => {
    for (const [seed, length, alphabet] of [[1, 0, 2], [2, 1, 2], [3, 70_000, 4], [4, 40_000, 256], [5, 100_000, 2], [6, 30_000, 60]] as const) {
      const data = bytesOf(seed, length, alphabet);
      for (const level of [1, 3, 6, 9]) {
        const ours = zlibCompress(data, level);
        assert.deepEqual(ours, zlibSync(data, { level: level as 1 }), `seed ${seed} level ${level}`);
        assert.deepEqual(unzlibSync(ours), data);
      }
    }
  });

  test('interleaved calls of different sizes do not see each other (work arrays are reused)', () => {
    const big = bytesOf(9, 50_000, 3);
    const small = new TextEncoder().encode('a,b,a,b,a,b');
    const expectedSmall = zlibSync(small, { level: 3 });
    zlibCompress(big, 3);
    assert.deepEqual(zlibCompress(small, 3), expectedSmall);
    assert.deepEqual(zlibCompress(big, 3), zlibSync(big, { level: 3 }));
  });
});

/** fflate 0.8.3's hTree as published (MIT, Copyright (c) 2026 Arjun Barrett), as the oracle for ours. */
interface HuffNode {
  readonly s: number;
  readonly f: number;
  readonly l?: HuffNode;
  readonly r?: HuffNode;
}
function fflateTree(d: Uint16Array, mb: number): { t: Uint8Array; l: number } {
  const t: HuffNode[] = [];
  for (let i = 0; i < d.length; ++i) if (d[i]) t.push({ s: i, f: d[i] });
  const s = t.length;
  const t2 = t.slice();
  if (!s) return { t: new Uint8Array(0), l: 0 };
  if (s === 1) {
    const v = new Uint8Array(t[0].s + 1);
    v[t[0].s] = 1;
    return { t: v, l: 1 };
  }
  t.sort((a, b) => a.f - b.f);
  t.push({ s: -1, f: 25001 });
  let l = t[0];
  let r = t[1];
  let i0 = 0;
  let i1 = 1;
  let i2 = 2;
  t[0] = { s: -1, f: l.f + r.f, l, r };
  while (i1 !== s - 1) {
    l = t[t[i0].f < t[i2].f ? i0++ : i2++];
    r = t[i0 !== i1 && t[i0].f < t[i2].f ? i0++ : i2++];
    t[i1++] = { s: -1, f: l.f + r.f, l, r };
  }
  let maxSym = t2[0].s;
  for (let i = 1; i < s; ++i) if (t2[i].s > maxSym) maxSym = t2[i].s;
  const tr = new Uint16Array(maxSym + 1);
  const ln = (n: HuffNode, depth: number): number => (n.s === -1 ? Math.max(ln(n.l!, depth + 1), ln(n.r!, depth + 1)) : (tr[n.s] = depth));
  let mbt = ln(t[i1 - 1], 0);
  if (mbt > mb) {
    let i = 0;
    let dt = 0;
    const lft = mbt - mb;
    const cst = 1 << lft;
    t2.sort((a, b) => tr[b.s] - tr[a.s] || a.f - b.f);
    for (; i < s; ++i) {
      const x = t2[i].s;
      if (tr[x] > mb) {
        dt += cst - (1 << (mbt - tr[x]));
        tr[x] = mb;
      } else break;
    }
    dt >>= lft;
    while (dt > 0) {
      const x = t2[i].s;
      if (tr[x] < mb) dt -= 1 << (mb - tr[x]++ - 1);
      else ++i;
    }
    for (; i >= 0 && dt; --i) {
      const x = t2[i].s;
      if (tr[x] === mb) {
        --tr[x];
        ++dt;
      }
    }
    mbt = mb;
  }
  return { t: new Uint8Array(tr), l: mbt };
}

suite('sample deflate Huffman code lengths', () => {
  test('equal fflate’s, including length-limited (Fibonacci) tables for 15 and 7 bits', () => {
    // Deflate's blocks hold under 25,001 symbols (fflate's sentinel frequency), so the tables do too.
    const fib = [1, 1];
    while (fib.length < 20) fib.push(fib[fib.length - 1] + fib[fib.length - 2]);
    const tables: Uint16Array[] = [];
    for (const [size, used] of [[288, 20], [32, 19], [19, 12], [288, 3], [19, 1]] as const) {
      const d = new Uint16Array(size);
      for (let k = 0; k < used; k++) d[(k * 7) % size] += fib[k];
      tables.push(d);
    }
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 80 })), { minLength: 1, maxLength: 288 }), fc.constantFrom(7, 15), (freqs, mb) => {
        const d = Uint16Array.from(freqs);
        const ours = huffmanCodeLengths(d, mb);
        const theirs = fflateTree(d, mb);
        assert.deepEqual(ours.lengths, theirs.t);
        assert.equal(ours.maxLength, theirs.l);
      }),
      { numRuns: 300 },
    );
    let limited = 0;
    for (const d of tables) {
      for (const mb of [7, 15]) {
        const theirs = fflateTree(d, mb);
        assert.deepEqual(huffmanCodeLengths(d, mb).lengths, theirs.t);
        if (theirs.l === mb && Math.max(...theirs.t) === mb) limited++;
      }
    }
    assert.ok(limited >= 4, 'the Fibonacci tables exercise the length limiting');
  });
});
