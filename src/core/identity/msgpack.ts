/**
 * Byte-exact msgspec msgpack encoder (`order="deterministic"`), artifact-formats.md §1.2.
 * O(n) in the encoded size plus O(k log k) per dict for key sorting. Input: a `Value` tree (value.ts),
 * which says where Python held a float, a dict (sorted keys) or a Struct (declaration order, header
 * width from the declared field count, count patched to the fields emitted).
 */

import { entriesByKey, type Value } from './value';

const utf8 = new TextEncoder();

class ByteWriter {
  private buf = new Uint8Array(256);
  private view = new DataView(this.buf.buffer);
  length = 0;

  private ensure(extra: number): void {
    if (this.length + extra <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.length + extra) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buf.subarray(0, this.length));
    this.buf = next;
    this.view = new DataView(next.buffer);
  }

  u8(x: number): void {
    this.ensure(1);
    this.buf[this.length++] = x;
  }
  u16(x: number): void {
    this.ensure(2);
    this.view.setUint16(this.length, x);
    this.length += 2;
  }
  u32(x: number): void {
    this.ensure(4);
    this.view.setUint32(this.length, x);
    this.length += 4;
  }
  u64(x: bigint): void {
    this.ensure(8);
    this.view.setBigUint64(this.length, x);
    this.length += 8;
  }
  i64(x: bigint): void {
    this.ensure(8);
    this.view.setBigInt64(this.length, x);
    this.length += 8;
  }
  f64(x: number): void {
    this.ensure(8);
    this.view.setFloat64(this.length, x);
    this.length += 8;
  }
  bytes(b: Uint8Array): void {
    this.ensure(b.length);
    this.buf.set(b, this.length);
    this.length += b.length;
  }
  /**
   * A msgpack str (header and UTF-8 bytes) written in place: one TextEncoder.encode per string allocated
   * an ArrayBuffer each, and at 100k-task envelopes that garbage dominated the run time.
   */
  str(text: string): void {
    const n = text.length;
    let ascii = true;
    for (let i = 0; i < n; i++) {
      if (text.charCodeAt(i) > 0x7f) {
        ascii = false;
        break;
      }
    }
    if (ascii) {
      this.strHeader(n);
      this.ensure(n);
      const buf = this.buf;
      let at = this.length;
      for (let i = 0; i < n; i++) buf[at++] = text.charCodeAt(i);
      this.length = at;
      return;
    }
    // Non-ASCII text is rare in artifacts, so it takes the allocating path: the header needs the byte count.
    const bytes = utf8.encode(text);
    this.strHeader(bytes.length);
    this.bytes(bytes);
  }
  private strHeader(length: number): void {
    if (length < 32) this.u8(0xa0 | length);
    else if (length < 0x100) { this.u8(0xd9); this.u8(length); }
    else if (length < 0x10000) { this.u8(0xda); this.u16(length); }
    else { this.u8(0xdb); this.u32(length); }
  }
  /** Overwrites a big-endian count written earlier (the patched Struct header). */
  patch(at: number, width: 0 | 2 | 4, count: number): void {
    if (width === 0) this.buf[at] = 0x80 | count;
    else if (width === 2) this.view.setUint16(at + 1, count);
    else this.view.setUint32(at + 1, count);
  }
  result(): Uint8Array {
    return this.buf.slice(0, this.length);
  }
  get capacity(): number {
    return this.buf.length;
  }
  /** The bytes written so far, without a copy: valid until the next write. */
  written(): Uint8Array {
    return this.buf.subarray(0, this.length);
  }
}

/**
 * An array whose items are made one at a time while encoding, so that an artifact with 100k entries never
 * holds all their `Value` trees at once. Stands in, by object identity, for a placeholder value.
 */
export interface StreamedArray {
  readonly length: number;
  item(index: number): Value;
}

/**
 * Encodes `value` as msgspec would; throws RangeError for values msgpack cannot hold. Where the tree holds
 * a key of `streamed` (the same object), that array's items are encoded instead.
 */
export function encodeMsgpack(value: Value, streamed?: ReadonlyMap<Value, StreamedArray>): Uint8Array {
  const w = new ByteWriter();
  write(w, value, streamed);
  return w.result();
}

let transient = new ByteWriter();

/**
 * `encodeMsgpack` into a buffer that the next call reuses: for hashing the bytes at once, which most
 * identity hashes do, without allocating a buffer per hash.
 */
export function encodeMsgpackTransient(value: Value): Uint8Array {
  // A long-lived host (the language server) should not keep the buffer of one large envelope forever.
  if (transient.capacity > 1 << 20) transient = new ByteWriter();
  transient.length = 0;
  write(transient, value, undefined);
  return transient.written();
}

function write(w: ByteWriter, value: Value, streamed: ReadonlyMap<Value, StreamedArray> | undefined): void {
  const lazy = streamed?.get(value);
  if (lazy !== undefined) {
    arrayHeader(w, lazy.length);
    for (let i = 0; i < lazy.length; i++) write(w, lazy.item(i), streamed);
    return;
  }
  switch (value.t) {
    case 'nil':
      w.u8(0xc0);
      return;
    case 'bool':
      w.u8(value.v ? 0xc3 : 0xc2);
      return;
    case 'int':
      // The common small non-negative ints skip the BigInt allocation; writeInt gives the same byte for them.
      if (typeof value.v === 'number' && value.v >= 0 && value.v < 128) w.u8(value.v);
      else writeInt(w, BigInt(value.v));
      return;
    case 'float':
      w.u8(0xcb);
      w.f64(value.v);
      return;
    case 'str':
      w.str(value.v);
      return;
    case 'bin':
      header(w, value.v.length, 0xc4, 0xc5, 0xc6);
      w.bytes(value.v);
      return;
    case 'ext':
      writeExt(w, value.type, value.v);
      return;
    case 'array':
      arrayHeader(w, value.items.length);
      for (const item of value.items) write(w, item, streamed);
      return;
    case 'dict': {
      const entries = entriesByKey(value.entries);
      mapHeader(w, entries.length);
      for (const [key, item] of entries) {
        w.str(key);
        write(w, item, streamed);
      }
      return;
    }
    case 'struct': {
      // msgspec sizes the header from the declared field count, then patches in the emitted count.
      const at = w.length;
      const width = mapHeader(w, value.declared);
      for (const [key, item] of value.fields) {
        w.str(key);
        write(w, item, streamed);
      }
      w.patch(at, width, value.fields.length);
      return;
    }
  }
}

function writeInt(w: ByteWriter, n: bigint): void {
  if (n >= 0n) {
    if (n < 128n) w.u8(Number(n));
    else if (n < 0x100n) { w.u8(0xcc); w.u8(Number(n)); }
    else if (n < 0x10000n) { w.u8(0xcd); w.u16(Number(n)); }
    else if (n < 0x100000000n) { w.u8(0xce); w.u32(Number(n)); }
    else if (n < 0x10000000000000000n) { w.u8(0xcf); w.u64(n); }
    else throw new RangeError(`integer ${n} does not fit msgpack`);
    return;
  }
  if (n >= -32n) w.u8(Number(n) & 0xff);
  else if (n >= -0x80n) { w.u8(0xd0); w.u8(Number(n) & 0xff); }
  else if (n >= -0x8000n) { w.u8(0xd1); w.u16(Number(n) & 0xffff); }
  else if (n >= -0x80000000n) { w.u8(0xd2); w.u32(Number(n) >>> 0); }
  else if (n >= -0x8000000000000000n) { w.u8(0xd3); w.i64(n); }
  else throw new RangeError(`integer ${n} does not fit msgpack`);
}

function arrayHeader(w: ByteWriter, length: number): void {
  if (length < 16) w.u8(0x90 | length);
  else header(w, length, undefined, 0xdc, 0xdd);
}

function header(w: ByteWriter, length: number, op8: number | undefined, op16: number, op32: number): void {
  if (op8 !== undefined && length < 0x100) { w.u8(op8); w.u8(length); }
  else if (length < 0x10000) { w.u8(op16); w.u16(length); }
  else { w.u8(op32); w.u32(length); }
}

function mapHeader(w: ByteWriter, count: number): 0 | 2 | 4 {
  if (count < 16) {
    w.u8(0x80 | count);
    return 0;
  }
  header(w, count, undefined, 0xde, 0xdf);
  return count < 0x10000 ? 2 : 4;
}

function writeExt(w: ByteWriter, type: number, data: Uint8Array): void {
  const fixed: Record<number, number> = { 1: 0xd4, 2: 0xd5, 4: 0xd6, 8: 0xd7, 16: 0xd8 };
  const op = fixed[data.length];
  if (op !== undefined) w.u8(op);
  else header(w, data.length, 0xc7, 0xc8, 0xc9);
  w.u8(type & 0xff);
  w.bytes(data);
}
