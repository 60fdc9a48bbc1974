/**
 * Python `json.dumps` text for identity `Value`s, as the pipeline writes it: default separators
 * (`", "`, `": "`) or `indent` (then `","` and newlines), `ensure_ascii` escaping, optional `sort_keys`
 * (code-point order, as Python sorts str), floats as Python's `repr`. O(n) plus key sorting.
 * The node-link graph embeds lists this way inside its string values (artifact-formats.md §2.3), and the
 * pipeline's pretty JSON files (CLI plan output, cache lineage rows) use it too. Whole files are written
 * straight to bytes (`pythonJsonFile`, `pythonJsonLines`): the output is ASCII, so no encoding pass.
 */

import type { StreamedArray } from '../identity/msgpack';
import { entriesByKey, type Value } from '../identity/value';
import { TextChunks } from './textChunks';

export interface PythonJsonOptions {
  readonly indent?: number;
  readonly sortKeys?: boolean;
  /** Arrays written item by item where the tree holds their placeholder (see `encodeMsgpack`). */
  readonly streamed?: ReadonlyMap<Value, StreamedArray>;
}

/** Where the text goes: joined string pieces, or ASCII bytes (the output is ASCII: ensure_ascii). */
interface Sink {
  push(piece: string): void;
  /** `text` as a Python-quoted JSON string. */
  quoted(text: string): void;
}

/** String output (for values embedded in other text), in chunks: see `TextChunks`. */
class StringSink extends TextChunks implements Sink {
  quoted(text: string): void {
    this.push(pythonQuote(text));
  }
}

const HEX_DIGITS = '0123456789abcdef';

const CHUNK = 1 << 20;

/**
 * Byte output for whole files: no string pieces, no join and no UTF-8 encoding pass, which for the
 * 100k-task envelopes and lineage (hundreds of MB) were much of the generator's work and garbage. Fills
 * 1 MB chunks and copies them once at the end, rather than regrowing (and recopying) one buffer.
 */
class ByteSink implements Sink {
  private readonly full: Uint8Array[] = [];
  private buf = new Uint8Array(CHUNK);
  private length = 0;

  /** Room for `extra` more bytes in the current chunk (a piece never spans chunks). */
  private ensure(extra: number): void {
    if (this.length + extra <= this.buf.length) return;
    this.full.push(this.buf.subarray(0, this.length));
    this.buf = new Uint8Array(Math.max(CHUNK, extra));
    this.length = 0;
  }

  /** `piece` must be ASCII (punctuation, numbers, keys already quoted). */
  push(piece: string): void {
    const n = piece.length;
    this.ensure(n);
    const buf = this.buf;
    let at = this.length;
    for (let i = 0; i < n; i++) buf[at++] = piece.charCodeAt(i);
    this.length = at;
  }

  quoted(text: string): void {
    const n = text.length;
    // At most 6 bytes (`\uXXXX`) per UTF-16 unit, and the quotes.
    this.ensure(n * 6 + 2);
    const buf = this.buf;
    let at = this.length;
    buf[at++] = 0x22;
    for (let i = 0; i < n; i++) {
      const c = text.charCodeAt(i);
      if (c >= 0x20 && c < 0x7f && c !== 0x22 && c !== 0x5c) {
        buf[at++] = c;
        continue;
      }
      buf[at++] = 0x5c;
      const short = c === 0x22 ? 0x22 : c === 0x5c ? 0x5c : c === 8 ? 0x62 : c === 9 ? 0x74 : c === 10 ? 0x6e : c === 12 ? 0x66 : c === 13 ? 0x72 : 0;
      if (short !== 0) {
        buf[at++] = short;
        continue;
      }
      buf[at++] = 0x75;
      buf[at++] = HEX_DIGITS.charCodeAt(c >> 12);
      buf[at++] = HEX_DIGITS.charCodeAt((c >> 8) & 15);
      buf[at++] = HEX_DIGITS.charCodeAt((c >> 4) & 15);
      buf[at++] = HEX_DIGITS.charCodeAt(c & 15);
    }
    buf[at++] = 0x22;
    this.length = at;
  }

  bytes(): Uint8Array {
    const chunks = [...this.full, this.buf.subarray(0, this.length)];
    const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
    let at = 0;
    for (const c of chunks) {
      out.set(c, at);
      at += c.length;
    }
    return out;
  }
}

export function pythonJsonDumps(value: Value, options: PythonJsonOptions = {}): string {
  const out = new StringSink();
  write(out, value, options, 0);
  return out.text();
}

/** `json.dumps` of a list of str (default separators), without building `Value`s: the node-link graph has 100k's. */
export function pythonStrList(items: readonly string[]): string {
  return '[' + items.map(pythonQuote).join(', ') + ']';
}

/** `pythonJsonDumps(value, options) + '\n'` as its (ASCII) bytes, as the pipeline writes its JSON files. */
export function pythonJsonFile(value: Value, options: PythonJsonOptions = {}): Uint8Array {
  return pythonJsonLines([value], options);
}

/** One `pythonJsonDumps` line per value, each ending in a newline: JSONL, as bytes. */
export function pythonJsonLines(values: Iterable<Value>, options: PythonJsonOptions = {}): Uint8Array {
  const out = new ByteSink();
  for (const value of values) {
    write(out, value, options, 0);
    out.push('\n');
  }
  return out.bytes();
}

function write(out: Sink, value: Value, o: PythonJsonOptions, depth: number): void {
  const lazy = o.streamed?.get(value);
  if (lazy !== undefined) {
    writeItems(out, lazy, false, o, depth);
    return;
  }
  switch (value.t) {
    case 'nil':
      out.push('null');
      return;
    case 'bool':
      out.push(value.v ? 'true' : 'false');
      return;
    case 'int':
      out.push(typeof value.v === 'number' && Number.isSafeInteger(value.v) ? String(value.v) : BigInt(value.v).toString());
      return;
    case 'float':
      out.push(pythonFloatRepr(value.v));
      return;
    case 'str':
      out.quoted(value.v);
      return;
    case 'bin':
    case 'ext':
      throw new RangeError('json.dumps cannot encode bytes');
    case 'array':
      writeItems(out, value.items, false, o, depth);
      return;
    case 'dict':
    case 'struct': {
      const entries = value.t === 'dict' ? value.entries : value.fields;
      writeItems(out, o.sortKeys ? entriesByKey(entries) : entries, true, o, depth);
      return;
    }
  }
}

/** Indentation strings by width, built once: a 100k-task envelope writes millions of them. */
const indents: string[] = [];
function indentOf(width: number): string {
  return (indents[width] ??= '\n' + ' '.repeat(width));
}

type Items = readonly Value[] | readonly (readonly [string, Value])[] | StreamedArray;

/** Array items, dict entries (`dict`) or a streamed array, each read by index, so none is first copied. */
function writeItems(out: Sink, items: Items, dict: boolean, o: PythonJsonOptions, depth: number): void {
  if (items.length === 0) {
    out.push(dict ? '{}' : '[]');
    return;
  }
  const streamed = Array.isArray(items) ? undefined : (items as StreamedArray);
  const pretty = o.indent !== undefined;
  const inner = pretty ? indentOf(o.indent! * (depth + 1)) : '';
  out.push(dict ? '{' : '[');
  for (let i = 0; i < items.length; i++) {
    if (i > 0) out.push(pretty ? ',' : ', ');
    if (pretty) out.push(inner);
    const item = streamed !== undefined ? streamed.item(i) : (items as readonly (Value | readonly [string, Value])[])[i];
    if (dict) {
      const entry = item as readonly [string, Value];
      out.quoted(entry[0]);
      out.push(': ');
      write(out, entry[1], o, depth + 1);
    } else write(out, item as Value, o, depth + 1);
  }
  if (pretty) out.push(indentOf(o.indent! * depth));
  out.push(dict ? '}' : ']');
}

const SHORT: Record<string, string> = { '"': '\\"', '\\': '\\\\', '\b': '\\b', '\t': '\\t', '\n': '\\n', '\f': '\\f', '\r': '\\r' };

/** A JSON string with Python's `ensure_ascii=True` escaping (UTF-16 code units as `\uXXXX`). */
export function pythonQuote(text: string): string {
  // eslint-disable-next-line no-control-regex
  return '"' + text.replace(/["\\\u0000-\u001f\u007f-\uffff]/g, (c) => SHORT[c] ?? '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0')) + '"';
}

/** Python's `repr(float)`: shortest round-trip digits, fixed notation for exponents in [-4, 16). */
export function pythonFloatRepr(x: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (!Number.isFinite(x)) return x > 0 ? 'Infinity' : '-Infinity';
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  const sign = x < 0 ? '-' : '';
  const [mantissa = '', exp = '0'] = Math.abs(x).toExponential().split('e');
  const digits = mantissa.replace('.', '');
  const e = Number(exp);
  if (e >= -4 && e < 16) {
    if (e < 0) return sign + '0.' + '0'.repeat(-e - 1) + digits;
    const intPart = digits.slice(0, e + 1).padEnd(e + 1, '0');
    const frac = digits.slice(e + 1);
    return sign + intPart + '.' + (frac === '' ? '0' : frac);
  }
  const expText = (e < 0 ? '-' : '+') + String(Math.abs(e)).padStart(2, '0');
  return sign + digits[0] + (digits.length > 1 ? '.' + digits.slice(1) : '') + 'e' + expText;
}
