/**
 * Python `json.dumps` text for identity `Value`s, as the pipeline writes it: default separators
 * (`", "`, `": "`) or `indent` (then `","` and newlines), `ensure_ascii` escaping, optional `sort_keys`
 * (code-point order, as Python sorts str), floats as Python's `repr`. O(n) plus key sorting.
 * The node-link graph embeds lists this way inside its string values (artifact-formats.md §2.3), and the
 * pipeline's pretty JSON files (CLI plan output, cache lineage rows) use it too. Whole files are written
 * straight to bytes (`pythonJsonFile`, `pythonJsonLines`): the output is ASCII, so no encoding pass.
 */

import { SHORT_ESCAPES, shortestFloatText, writeJson, type JsonDialect, type JsonSink } from '../identity/jsonText';
import type { StreamedArray } from '../identity/msgpack';
import type { Value } from '../identity/value';
import { TextChunks } from './textChunks';

export interface PythonJsonOptions {
  readonly indent?: number;
  readonly sortKeys?: boolean;
  /** Arrays written item by item where the tree holds their placeholder (see `encodeMsgpack`). */
  readonly streamed?: ReadonlyMap<Value, StreamedArray>;
}

/** String output (for values embedded in other text), in chunks: see `TextChunks`. */
class StringSink extends TextChunks implements JsonSink {
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
class ByteSink implements JsonSink {
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

/** json.dumps's dialect for these options: bytes are not JSON to it. */
function dialect(o: PythonJsonOptions): JsonDialect {
  return {
    itemSeparator: ', ',
    keySeparator: ': ',
    ...(o.indent === undefined ? {} : { indent: o.indent }),
    sortDictKeys: o.sortKeys === true,
    sortStructFields: o.sortKeys === true,
    float: pythonFloatRepr,
    bytes: () => {
      throw new RangeError('json.dumps cannot encode bytes');
    },
    ...(o.streamed === undefined ? {} : { streamed: o.streamed }),
  };
}

export function pythonJsonDumps(value: Value, options: PythonJsonOptions = {}): string {
  const out = new StringSink();
  writeJson(out, value, dialect(options));
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
  const d = dialect(options);
  for (const value of values) {
    writeJson(out, value, d);
    out.push('\n');
  }
  return out.bytes();
}

/** A JSON string with Python's `ensure_ascii=True` escaping (UTF-16 code units as `\uXXXX`). */
export function pythonQuote(text: string): string {
  // eslint-disable-next-line no-control-regex
  return '"' + text.replace(/["\\\u0000-\u001f\u007f-\uffff]/g, (c) => SHORT_ESCAPES[c] ?? '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0')) + '"';
}

/** Python's `repr(float)`: shortest round-trip digits, fixed notation for exponents in [-4, 16). */
export function pythonFloatRepr(x: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (!Number.isFinite(x)) return x > 0 ? 'Infinity' : '-Infinity';
  return shortestFloatText(x, -4, (e) => (e < 0 ? '-' : '+') + String(Math.abs(e)).padStart(2, '0'));
}
