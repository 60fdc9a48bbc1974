/**
 * SHA-256 and SHA-224 (FIPS 180-4) for the identity hashes: many short inputs (a plan of 100k tasks
 * hashes a few hundred thousand msgpack payloads and names). Through @noble/hashes plus TextEncoder each
 * such hash allocated a hasher, views and an ArrayBuffer for the UTF-8 bytes, which cost more than the
 * hashing and kept the garbage collector busy; here the state, the message schedule and the UTF-8 scratch
 * are module buffers, so a digest allocates only its result. O(n). Not reentrant, and nothing here calls out.
 */

const K = new Int32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3,
  0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
  0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208,
  0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]);
const IV256 = new Int32Array([0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19]);
const IV224 = new Int32Array([0xc1059ed8, 0x367cd507, 0x3070dd17, 0xf70e5939, 0xffc00b31, 0x68581511, 0x64f98fa7, 0xbefa4fa4]);

const H = new Int32Array(8);
const W = new Int32Array(64);
/** The last one or two blocks: the tail of the message, the 0x80 marker, zeros and the bit length. */
const tail = new Uint8Array(128);

function compress(data: Uint8Array, at: number): void {
  for (let t = 0; t < 16; t++, at += 4) W[t] = (data[at] << 24) | (data[at + 1] << 16) | (data[at + 2] << 8) | data[at + 3];
  for (let t = 16; t < 64; t++) {
    const w15 = W[t - 15];
    const w2 = W[t - 2];
    const s0 = ((w15 >>> 7) | (w15 << 25)) ^ ((w15 >>> 18) | (w15 << 14)) ^ (w15 >>> 3);
    const s1 = ((w2 >>> 17) | (w2 << 15)) ^ ((w2 >>> 19) | (w2 << 13)) ^ (w2 >>> 10);
    W[t] = (W[t - 16] + s0 + W[t - 7] + s1) | 0;
  }
  let a = H[0];
  let b = H[1];
  let c = H[2];
  let d = H[3];
  let e = H[4];
  let f = H[5];
  let g = H[6];
  let h = H[7];
  for (let t = 0; t < 64; t++) {
    const S1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
    const t1 = (h + S1 + ((e & f) ^ (~e & g)) + K[t] + W[t]) | 0;
    const S0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
    const t2 = (S0 + ((a & b) ^ (a & c) ^ (b & c))) | 0;
    h = g;
    g = f;
    f = e;
    e = (d + t1) | 0;
    d = c;
    c = b;
    b = a;
    a = (t1 + t2) | 0;
  }
  H[0] = (H[0] + a) | 0;
  H[1] = (H[1] + b) | 0;
  H[2] = (H[2] + c) | 0;
  H[3] = (H[3] + d) | 0;
  H[4] = (H[4] + e) | 0;
  H[5] = (H[5] + f) | 0;
  H[6] = (H[6] + g) | 0;
  H[7] = (H[7] + h) | 0;
}

/** Bytes of the current message not yet compressed (fewer than 64), and the message length so far. */
const pending = new Uint8Array(64);
let pendingLength = 0;
let total = 0;

function begin(iv: Int32Array): void {
  H.set(iv);
  pendingLength = 0;
  total = 0;
}

function feed(data: Uint8Array, length: number): void {
  total += length;
  let at = 0;
  if (pendingLength > 0) {
    while (pendingLength < 64 && at < length) pending[pendingLength++] = data[at++];
    if (pendingLength < 64) return;
    compress(pending, 0);
    pendingLength = 0;
  }
  for (; at + 64 <= length; at += 64) compress(data, at);
  while (at < length) pending[pendingLength++] = data[at++];
}

function finish(words: number): Uint8Array {
  tail.fill(0);
  tail.set(pending.subarray(0, pendingLength));
  tail[pendingLength] = 0x80;
  const end = pendingLength < 56 ? 64 : 128;
  // The bit length as a 64-bit big-endian integer (exact: message lengths stay far below 2^53 bits).
  const bits = total * 8;
  const high = Math.floor(bits / 0x100000000);
  tail[end - 8] = high >>> 24;
  tail[end - 7] = high >>> 16;
  tail[end - 6] = high >>> 8;
  tail[end - 5] = high;
  tail[end - 4] = bits >>> 24;
  tail[end - 3] = bits >>> 16;
  tail[end - 2] = bits >>> 8;
  tail[end - 1] = bits;
  compress(tail, 0);
  if (end === 128) compress(tail, 64);
  const out = new Uint8Array(words * 4);
  for (let i = 0; i < words; i++) {
    const x = H[i];
    out[i * 4] = x >>> 24;
    out[i * 4 + 1] = x >>> 16;
    out[i * 4 + 2] = x >>> 8;
    out[i * 4 + 3] = x;
  }
  return out;
}

function bytesDigest(data: Uint8Array, iv: Int32Array, words: number): Uint8Array {
  begin(iv);
  feed(data, data.length);
  return finish(words);
}

/** UTF-16 units encoded per step: at most 3 bytes each, so the scratch stays 48 KB for any text. */
const TEXT_STEP = 16384;
const scratch = new Uint8Array(TEXT_STEP * 3 + 3);

function textDigest(text: string, iv: Int32Array, words: number): Uint8Array {
  begin(iv);
  feedText(text);
  return finish(words);
}

function feedText(text: string): void {
  for (let from = 0; from < text.length; ) {
    let to = Math.min(text.length, from + TEXT_STEP);
    // Keep a surrogate pair in one step, so it is encoded as one code point.
    const last = text.charCodeAt(to - 1);
    if (to < text.length && last >= 0xd800 && last <= 0xdbff) to++;
    feed(scratch, encodeUtf8(text, from, to, scratch));
    from = to;
  }
}

export function sha256Bytes(data: Uint8Array): Uint8Array {
  return bytesDigest(data, IV256, 8);
}

export function sha224Bytes(data: Uint8Array): Uint8Array {
  return bytesDigest(data, IV224, 7);
}

/** SHA-256 of the UTF-8 bytes of `text` (as TextEncoder writes them), without materialising them. */
export function sha256Text(text: string): Uint8Array {
  return textDigest(text, IV256, 8);
}

/**
 * SHA-256 of `parts.join(separator)` without making that string: for hashing a 150 MB graph text or
 * 250k dependency names behind a label.
 */
export function sha256Joined(parts: readonly string[], separator: string): Uint8Array {
  begin(IV256);
  parts.forEach((part, i) => {
    if (i > 0) feedText(separator);
    feedText(part);
  });
  return finish(8);
}

export function sha224Text(text: string): Uint8Array {
  return textDigest(text, IV224, 7);
}

const HEX: string[] = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

export function toHex(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i++) out += HEX[bytes[i]];
  return out;
}

/**
 * Writes the UTF-8 of `text[from, to)` into `out` as TextEncoder does (a lone surrogate becomes U+FFFD);
 * returns the byte count. `out` must hold 3 bytes per UTF-16 unit.
 */
function encodeUtf8(text: string, from: number, to: number, out: Uint8Array): number {
  let at = 0;
  for (let i = from; i < to; i++) {
    let c = text.charCodeAt(i);
    if (c < 0x80) {
      out[at++] = c;
      continue;
    }
    if (c < 0x800) {
      out[at++] = 0xc0 | (c >> 6);
      out[at++] = 0x80 | (c & 63);
      continue;
    }
    if (c >= 0xd800 && c <= 0xdfff) {
      const next = i + 1 < to ? text.charCodeAt(i + 1) : 0;
      if (c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
        c = 0x10000 + ((c - 0xd800) << 10) + (next - 0xdc00);
        i++;
        out[at++] = 0xf0 | (c >> 18);
        out[at++] = 0x80 | ((c >> 12) & 63);
        out[at++] = 0x80 | ((c >> 6) & 63);
        out[at++] = 0x80 | (c & 63);
        continue;
      }
      c = 0xfffd;
    }
    out[at++] = 0xe0 | (c >> 12);
    out[at++] = 0x80 | ((c >> 6) & 63);
    out[at++] = 0x80 | (c & 63);
  }
  return at;
}
