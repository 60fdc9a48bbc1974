/**
 * zlib compression (RFC 1950/1951) byte-identical to fflate 0.8.3's `zlibSync(data, { level })`, with
 * which the sample's Hamilton cache keys were first made (so their bytes must not change). fflate's
 * one-shot deflate allocates about 170 KB of work arrays per call; a 100k-task sample makes 100k cache
 * keys per run, and those allocations, through the full collections they set off over the generator's
 * large heap, took over a minute. This is fflate's one-shot path (dflt with its block writer wblk and the
 * Huffman helpers) with the large work arrays kept between calls. O(n) per call for the short inputs here.
 * test/unit/sample/deflate.test.ts compares it with fflate byte for byte.
 *
 * Ported from fflate (https://github.com/101arrowz/fflate), MIT License, Copyright (c) 2026 Arjun Barrett:
 * Permission is hereby granted, free of charge, to any person obtaining a copy of this software and
 * associated documentation files (the "Software"), to deal in the Software without restriction, including
 * without limitation the rights to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
 * copies of the Software, and to permit persons to whom the Software is furnished to do so, subject to the
 * following conditions: The above copyright notice and this permission notice shall be included in all
 * copies or substantial portions of the Software. THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF
 * ANY KIND, EXPRESS OR IMPLIED.
 */

// Length and distance extra bits, code length order (RFC 1951 §3.2.5, §3.2.7).
const fleb = new Uint8Array([0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0, 0, 0, 0]);
const fdeb = new Uint8Array([0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13, 0, 0]);
const clim = new Uint8Array([16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15]);

/** Value -> (extra bits << 5 | code index), from the extra-bit table and the first base value. */
function reverseBases(eb: Uint8Array, start: number): Int32Array {
  const b = new Uint16Array(31);
  for (let i = 0; i < 31; ++i) b[i] = start += 1 << eb[i - 1];
  const r = new Int32Array(b[30]);
  for (let i = 1; i < 30; ++i) {
    for (let j = b[i]; j < b[i + 1]; ++j) r[j] = ((j - b[i]) << 5) | i;
  }
  return r;
}
const revfl = reverseBases(fleb, 2);
// As in fflate: length 258 has its own code (the table above is wrong there and only there).
revfl[258] = 28;
const revfd = reverseBases(fdeb, 0);

/** 15-bit bit reversal (the codes are written least significant bit first). */
const rev = new Uint16Array(32768);
for (let i = 0; i < 32768; ++i) {
  let x = ((i & 0xaaaa) >> 1) | ((i & 0x5555) << 1);
  x = ((x & 0xcccc) >> 2) | ((x & 0x3333) << 2);
  x = ((x & 0xf0f0) >> 4) | ((x & 0x0f0f) << 4);
  rev[i] = (((x & 0xff00) >> 8) | ((x & 0x00ff) << 8)) >> 1;
}

/** Code lengths -> bit-reversed canonical codes, into `co` (at least `cd.length` long). */
function hMap(cd: Uint8Array, mb: number, co: Uint16Array = new Uint16Array(cd.length)): Uint16Array {
  const s = cd.length;
  const l = new Uint16Array(mb);
  for (let i = 0; i < s; ++i) if (cd[i]) ++l[cd[i] - 1];
  const le = new Uint16Array(mb);
  for (let i = 1; i < mb; ++i) le[i] = (le[i - 1] + l[i - 1]) << 1;
  for (let i = 0; i < s; ++i) co[i] = cd[i] ? rev[le[cd[i] - 1]++] >> (15 - cd[i]) : 0;
  return co.subarray(0, s);
}

// The fixed Huffman code (RFC 1951 §3.2.6).
const flt = new Uint8Array(288);
for (let i = 0; i < 144; ++i) flt[i] = 8;
for (let i = 144; i < 256; ++i) flt[i] = 9;
for (let i = 256; i < 280; ++i) flt[i] = 7;
for (let i = 280; i < 288; ++i) flt[i] = 8;
const fdt = new Uint8Array(32).fill(5);
const flm = hMap(flt, 9);
const fdm = hMap(fdt, 5);

const shft = (p: number): number => ((p + 7) / 8) | 0;

function wbits(d: Uint8Array, p: number, v: number): void {
  v <<= p & 7;
  const o = (p / 8) | 0;
  d[o] |= v;
  d[o + 1] |= v >> 8;
}

function wbits16(d: Uint8Array, p: number, v: number): void {
  v <<= p & 7;
  const o = (p / 8) | 0;
  d[o] |= v;
  d[o + 1] |= v >> 8;
  d[o + 2] |= v >> 16;
}

const EMPTY = new Uint8Array(0);

// hTree's work arrays. Nodes 0..n-1 are the used symbols, n.. the merged nodes; `slot` is fflate's
// array `t` as node ids (its merge queue and the sorted leaves share it).
const nodeSym = new Int32Array(600);
const nodeFreq = new Int32Array(600);
const nodeLeft = new Int32Array(600);
const nodeRight = new Int32Array(600);
const slot = new Int32Array(600);
const depth = new Uint16Array(288);

/**
 * Length-limited Huffman code lengths for frequencies `d` (fflate's algorithm, from UZIP.js), written into
 * `out` and returned as its first maxSym + 1 entries. fflate builds it from objects and sorts them
 * stably; the explicit symbol tie-breaks below give the same orders.
 */
function hTree(d: Uint16Array, mb: number, out: Uint8Array): { t: Uint8Array; l: number } {
  let s = 0;
  for (let i = 0; i < d.length; ++i) {
    if (d[i]) {
      nodeSym[s] = i;
      nodeFreq[s] = d[i];
      s++;
    }
  }
  if (!s) return { t: EMPTY, l: 0 };
  if (s === 1) {
    const v = out.subarray(0, nodeSym[0] + 1).fill(0);
    v[nodeSym[0]] = 1;
    return { t: v, l: 1 };
  }
  // Leaves by frequency, ties in symbol order (fflate's stable sort), by insertion: a few dozen symbols.
  for (let i = 0; i < s; ++i) {
    let j = i;
    while (j > 0 && nodeFreq[slot[j - 1]] > nodeFreq[i]) {
      slot[j] = slot[j - 1];
      j--;
    }
    slot[j] = i;
  }
  let next = s;
  const sentinel = next++;
  nodeSym[sentinel] = -1;
  nodeFreq[sentinel] = 25001;
  slot[s] = sentinel;
  const merge = (l: number, r: number): number => {
    const id = next++;
    nodeSym[id] = -1;
    nodeFreq[id] = nodeFreq[l] + nodeFreq[r];
    nodeLeft[id] = l;
    nodeRight[id] = r;
    return id;
  };
  let i0 = 0;
  let i1 = 1;
  let i2 = 2;
  slot[0] = merge(slot[0], slot[1]);
  while (i1 !== s - 1) {
    const l = slot[nodeFreq[slot[i0]] < nodeFreq[slot[i2]] ? i0++ : i2++];
    const r = slot[i0 !== i1 && nodeFreq[slot[i0]] < nodeFreq[slot[i2]] ? i0++ : i2++];
    slot[i1++] = merge(l, r);
  }
  let maxSym = 0;
  for (let i = 0; i < s; ++i) if (nodeSym[i] > maxSym) maxSym = nodeSym[i];
  const tr = depth.subarray(0, maxSym + 1).fill(0);
  let mbt = ln(slot[i1 - 1], tr, 0);
  if (mbt > mb) {
    let i = 0;
    let dt = 0;
    const lft = mbt - mb;
    const cst = 1 << lft;
    // fflate sorts its leaves (in symbol order) stably by descending length, then ascending frequency.
    const t2 = Array.from({ length: s }, (_, k) => k).sort((a, b) => tr[nodeSym[b]] - tr[nodeSym[a]] || nodeFreq[a] - nodeFreq[b] || a - b);
    for (; i < s; ++i) {
      const i2x = nodeSym[t2[i]];
      if (tr[i2x] > mb) {
        dt += cst - (1 << (mbt - tr[i2x]));
        tr[i2x] = mb;
      } else break;
    }
    dt >>= lft;
    while (dt > 0) {
      const i2x = nodeSym[t2[i]];
      if (tr[i2x] < mb) dt -= 1 << (mb - tr[i2x]++ - 1);
      else ++i;
    }
    for (; i >= 0 && dt; --i) {
      const i2x = nodeSym[t2[i]];
      if (tr[i2x] === mb) {
        --tr[i2x];
        ++dt;
      }
    }
    mbt = mb;
  }
  const v = out.subarray(0, maxSym + 1);
  v.set(tr);
  return { t: v, l: mbt };
}

function ln(n: number, l: Uint16Array, d: number): number {
  return nodeSym[n] === -1 ? Math.max(ln(nodeLeft[n], l, d + 1), ln(nodeRight[n], l, d + 1)) : (l[nodeSym[n]] = d);
}

/** Run-length coded code lengths (RFC 1951 §3.2.7), as fflate packs them, into `cl`. */
function lc(c: Uint8Array, cl: Uint16Array): { c: Uint16Array; n: number } {
  let s = c.length;
  while (s && !c[--s]);
  ++s;
  let cli = 0;
  let cln = c[0];
  let cls = 1;
  const w = (v: number): void => {
    cl[cli++] = v;
  };
  for (let i = 1; i <= s; ++i) {
    if (c[i] === cln && i !== s) ++cls;
    else {
      if (!cln && cls > 2) {
        for (; cls > 138; cls -= 138) w(32754);
        if (cls > 2) {
          w(cls > 10 ? ((cls - 11) << 5) | 28690 : ((cls - 3) << 5) | 12305);
          cls = 0;
        }
      } else if (cls > 3) {
        w(cln);
        --cls;
        for (; cls > 6; cls -= 6) w(8304);
        if (cls > 2) {
          w(((cls - 3) << 5) | 8208);
          cls = 0;
        }
      }
      while (cls--) w(cln);
      cls = 1;
      cln = c[i];
    }
  }
  return { c: cl.subarray(0, cli), n: s };
}

function clen(cf: Uint16Array, cl: Uint8Array): number {
  let l = 0;
  for (let i = 0; i < cl.length; ++i) l += cf[i] * cl[i];
  return l;
}

/** A stored block; returns the new bit position. */
function wfblk(out: Uint8Array, pos: number, dat: Uint8Array): number {
  const s = dat.length;
  const o = shft(pos + 2);
  out[o] = s & 255;
  out[o + 1] = s >> 8;
  out[o + 2] = out[o] ^ 255;
  out[o + 3] = out[o + 1] ^ 255;
  for (let i = 0; i < s; ++i) out[o + i + 4] = dat[i];
  return (o + 4 + s) * 8;
}

/** wblk's code tables, which fflate allocates per block. */
const work = {
  dlt: new Uint8Array(288),
  ddt: new Uint8Array(32),
  lct: new Uint8Array(19),
  lclt: new Uint16Array(289),
  lcdt: new Uint16Array(33),
  lm: new Uint16Array(288),
  dm: new Uint16Array(32),
  llm: new Uint16Array(19),
};

/** A block (stored, fixed or dynamic, whichever is smallest); returns the new bit position. */
function wblk(dat: Uint8Array, out: Uint8Array, final: number, syms: Int32Array, lf: Uint16Array, df: Uint16Array, eb: number, li: number, bs: number, bl: number, p: number): number {
  wbits(out, p++, final);
  ++lf[256];
  const { t: dlt, l: mlb } = hTree(lf, 15, work.dlt);
  const { t: ddt, l: mdb } = hTree(df, 15, work.ddt);
  const { c: lclt, n: nlc } = lc(dlt, work.lclt);
  const { c: lcdt, n: ndc } = lc(ddt, work.lcdt);
  const lcfreq = new Uint16Array(19);
  for (let i = 0; i < lclt.length; ++i) ++lcfreq[lclt[i] & 31];
  for (let i = 0; i < lcdt.length; ++i) ++lcfreq[lcdt[i] & 31];
  const { t: lct, l: mlcb } = hTree(lcfreq, 7, work.lct);
  let nlcc = 19;
  for (; nlcc > 4 && !lct[clim[nlcc - 1]]; --nlcc);
  const flen = (bl + 5) << 3;
  const ftlen = clen(lf, flt) + clen(df, fdt) + eb;
  const dtlen = clen(lf, dlt) + clen(df, ddt) + eb + 14 + 3 * nlcc + clen(lcfreq, lct) + 2 * lcfreq[16] + 3 * lcfreq[17] + 7 * lcfreq[18];
  if (bs >= 0 && flen <= ftlen && flen <= dtlen) return wfblk(out, p, dat.subarray(bs, bs + bl));
  let lm: Uint16Array;
  let ll: Uint8Array;
  let dm: Uint16Array;
  let dl: Uint8Array;
  wbits(out, p, 1 + (dtlen < ftlen ? 1 : 0));
  p += 2;
  if (dtlen < ftlen) {
    lm = hMap(dlt, mlb, work.lm);
    ll = dlt;
    dm = hMap(ddt, mdb, work.dm);
    dl = ddt;
    const llm = hMap(lct, mlcb, work.llm);
    wbits(out, p, nlc - 257);
    wbits(out, p + 5, ndc - 1);
    wbits(out, p + 10, nlcc - 4);
    p += 14;
    for (let i = 0; i < nlcc; ++i) wbits(out, p + 3 * i, lct[clim[i]]);
    p += 3 * nlcc;
    for (const clct of [lclt, lcdt]) {
      for (let i = 0; i < clct.length; ++i) {
        const len = clct[i] & 31;
        wbits(out, p, llm[len]);
        p += lct[len];
        if (len > 15) {
          wbits(out, p, (clct[i] >> 5) & 127);
          p += clct[i] >> 12;
        }
      }
    }
  } else {
    lm = flm;
    ll = flt;
    dm = fdm;
    dl = fdt;
  }
  for (let i = 0; i < li; ++i) {
    const sym = syms[i];
    if (sym > 255) {
      const len = (sym >> 18) & 31;
      wbits16(out, p, lm[len + 257]);
      p += ll[len + 257];
      if (len > 7) {
        wbits(out, p, (sym >> 23) & 31);
        p += fleb[len];
      }
      const dst = sym & 31;
      wbits16(out, p, dm[dst]);
      p += dl[dst];
      if (dst > 3) {
        wbits16(out, p, (sym >> 5) & 8191);
        p += fdeb[dst];
      }
    } else {
      wbits16(out, p, lm[sym]);
      p += ll[sym];
    }
  }
  wbits16(out, p, lm[256]);
  return p + ll[256];
}

/** (nice length << 13) | chain length, per level 1..9. */
const deo = new Int32Array([65540, 131080, 131088, 131104, 262176, 1048704, 1048832, 2114560, 2117632]);

// The work arrays fflate allocates per call. `prev` needs no clearing: a chain only visits positions
// already written in this call (distances are capped by the current index), as with a fresh array.
const prev = new Uint16Array(32768);
const syms = new Int32Array(25000);
const lf = new Uint16Array(288);
const df = new Uint16Array(32);
const heads = new Map<number, Uint16Array>();

/** Raw deflate of `dat` at `lvl` (1..9) into `o` from byte `pre`; returns the end bit position. */
function dflt(dat: Uint8Array, lvl: number, plvl: number, o: Uint8Array, pre: number, post: number): number {
  const s = dat.length;
  const w = o.subarray(pre, o.length - post);
  let pos = 0;
  const opt = deo[lvl - 1];
  const n = opt >> 13;
  const c = opt & 8191;
  const msk = (1 << plvl) - 1;
  let head = heads.get(plvl);
  if (head === undefined) {
    head = new Uint16Array(msk + 1);
    heads.set(plvl, head);
  } else head.fill(0);
  lf.fill(0);
  df.fill(0);
  const bs1 = Math.ceil(plvl / 3);
  const bs2 = 2 * bs1;
  const hsh = (i: number): number => (dat[i] ^ (dat[i + 1] << bs1) ^ (dat[i + 2] << bs2)) & msk;
  let lcnt = 0;
  let eb = 0;
  let i = 0;
  let li = 0;
  let wi = 0;
  let bs = 0;
  for (; i + 2 < s; ++i) {
    const hv = hsh(i);
    let imod = i & 32767;
    let pimod = head[hv];
    prev[imod] = pimod;
    head[hv] = imod;
    if (wi <= i) {
      const rem = s - i;
      if ((lcnt > 7000 || li > 24576) && rem > 423) {
        pos = wblk(dat, w, 0, syms, lf, df, eb, li, bs, i - bs, pos);
        li = lcnt = eb = 0;
        bs = i;
        for (let j = 0; j < 286; ++j) lf[j] = 0;
        for (let j = 0; j < 30; ++j) df[j] = 0;
      }
      let l = 2;
      let d = 0;
      let ch = c;
      let dif = (imod - pimod) & 32767;
      if (rem > 2 && hv === hsh(i - dif)) {
        const maxn = Math.min(n, rem) - 1;
        const maxd = Math.min(32767, i);
        const ml = Math.min(258, rem);
        while (dif <= maxd && --ch && imod !== pimod) {
          if (dat[i + l] === dat[i + l - dif]) {
            let nl = 0;
            for (; nl < ml && dat[i + nl] === dat[i + nl - dif]; ++nl);
            if (nl > l) {
              l = nl;
              d = dif;
              if (nl > maxn) break;
              const mmd = Math.min(dif, nl - 2);
              let md = 0;
              for (let j = 0; j < mmd; ++j) {
                const ti = (i - dif + j) & 32767;
                const pti = prev[ti];
                const cd = (ti - pti) & 32767;
                if (cd > md) {
                  md = cd;
                  pimod = ti;
                }
              }
            }
          }
          imod = pimod;
          pimod = prev[imod];
          dif += (imod - pimod) & 32767;
        }
      }
      if (d) {
        syms[li++] = 268435456 | (revfl[l] << 18) | revfd[d];
        const lin = revfl[l] & 31;
        const din = revfd[d] & 31;
        eb += fleb[lin] + fdeb[din];
        ++lf[257 + lin];
        ++df[din];
        wi = i + l;
        ++lcnt;
      } else {
        syms[li++] = dat[i];
        ++lf[dat[i]];
      }
    }
  }
  for (i = Math.max(i, wi); i < s; ++i) {
    syms[li++] = dat[i];
    ++lf[dat[i]];
  }
  return wblk(dat, w, 1, syms, lf, df, eb, li, bs, i - bs, pos);
}

function adler32(d: Uint8Array): number {
  let a = 1;
  let b = 0;
  for (let i = 0; i !== d.length; ) {
    const e = Math.min(i + 2655, d.length);
    for (; i < e; ++i) b += a += d[i];
    a = (a & 65535) + 15 * (a >> 16);
    b = (b & 65535) + 15 * (b >> 16);
  }
  a %= 65521;
  b %= 65521;
  return ((a & 255) << 24) | ((a & 0xff00) << 8) | ((b & 255) << 8) | (b >> 8);
}

/** `zlibSync(data, { level })` of fflate 0.8.3, byte for byte; `level` 1..9. */
export function zlibCompress(data: Uint8Array, level: number): Uint8Array {
  if (!Number.isInteger(level) || level < 1 || level > 9) throw new RangeError('level must be 1..9');
  const s = data.length;
  const o = new Uint8Array(2 + s + 5 * (1 + Math.ceil(s / 7000)) + 4);
  const end = dflt(data, level, Math.ceil(Math.max(8, Math.min(13, Math.log(s))) * 1.5), o, 2, 4);
  const d = o.slice(0, 2 + shft(end) + 4);
  // zlib header: deflate, 32K window, the level's FLEVEL, check bits.
  const fl = level < 6 ? 1 : level === 9 ? 3 : 2;
  d[0] = 120;
  d[1] = fl << 6;
  d[1] |= 31 - (((d[0] << 8) | d[1]) % 31);
  // fflate writes the Adler-32 little-endian-shifted as below, skipping trailing zero bytes (wbytes).
  let at = d.length - 4;
  for (let v = adler32(data); v; ++at) {
    d[at] = v;
    v >>>= 8;
  }
  return d;
}

/** The code lengths `hTree` gives for a frequency table (a copy), for tests against fflate's own. */
export function huffmanCodeLengths(freqs: Uint16Array, maxBits: number): { lengths: Uint8Array; maxLength: number } {
  const { t, l } = hTree(freqs, maxBits, new Uint8Array(freqs.length));
  return { lengths: t.slice(), maxLength: l };
}
