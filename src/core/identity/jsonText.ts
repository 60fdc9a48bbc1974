/**
 * The one JSON writer for identity `Value`s, shared by the two JSON dialects the pipeline writes: msgspec's
 * compact JSON (msgspecJson.ts, hashed byte for byte, artifact-formats.md §1.3) and Python's `json.dumps`
 * (sample/pythonJson.ts). A dialect says what JSON leaves open (separators, indentation, key order,
 * floats, bytes); a sink says how strings are quoted and where the text goes. O(n) plus key sorting.
 */

import type { StreamedArray } from './msgpack';
import { entriesByKey, type Value } from './value';

export interface JsonDialect {
  /** Between items on one line: `,` (msgspec) or `, ` (json.dumps). */
  readonly itemSeparator: string;
  /** Between a key and its value: `:` or `: `. */
  readonly keySeparator: string;
  /** Pretty-printed with this many spaces per level (items then end in `,` and a new line). */
  readonly indent?: number;
  readonly sortDictKeys: boolean;
  readonly sortStructFields: boolean;
  float(x: number): string;
  bytes(b: Uint8Array): string;
  /** Arrays written item by item where the tree holds their placeholder (see `encodeMsgpack`). */
  readonly streamed?: ReadonlyMap<Value, StreamedArray>;
}

/** Where the text goes. `push` takes text as written; `quoted` writes `text` as a JSON string. */
export interface JsonSink {
  push(piece: string): void;
  quoted(text: string): void;
}

/** The short escapes JSON has for these characters; every other control character is `\u00XX`. */
export const SHORT_ESCAPES: Readonly<Record<string, string>> = { '"': '\\"', '\\': '\\\\', '\b': '\\b', '\t': '\\t', '\n': '\\n', '\f': '\\f', '\r': '\\r' };

/** An integer's decimal digits: String() of a safe one, the BigInt's of an unsafe one. */
export function integerText(v: number | bigint): string {
  return typeof v === 'number' && Number.isSafeInteger(v) ? String(v) : BigInt(v).toString();
}

/**
 * A finite float in shortest round-trip digits (ECMAScript's Number→String picks the same shortest,
 * closest digits as Python's repr and msgspec's ryu): fixed notation, integral values keeping `.0`,
 * for decimal exponents in [`fixedFrom`, 16), else `<d>[.<digits>]e<exponent(e)>`.
 */
export function shortestFloatText(x: number, fixedFrom: number, exponent: (e: number) => string): string {
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  const sign = x < 0 ? '-' : '';
  const [mantissa = '', exp = '0'] = Math.abs(x).toExponential().split('e');
  const digits = mantissa.replace('.', '');
  const e = Number(exp);
  if (e >= fixedFrom && e < 16) {
    if (e < 0) return sign + '0.' + '0'.repeat(-e - 1) + digits;
    const intPart = digits.slice(0, e + 1).padEnd(e + 1, '0');
    const frac = digits.slice(e + 1);
    return sign + intPart + '.' + (frac === '' ? '0' : frac);
  }
  return sign + digits[0] + (digits.length > 1 ? '.' + digits.slice(1) : '') + 'e' + exponent(e);
}

export function writeJson(out: JsonSink, value: Value, d: JsonDialect, depth = 0): void {
  const lazy = d.streamed?.get(value);
  if (lazy !== undefined) {
    writeItems(out, lazy, false, d, depth);
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
      out.push(integerText(value.v));
      return;
    case 'float':
      out.push(d.float(value.v));
      return;
    case 'str':
      out.quoted(value.v);
      return;
    case 'bin':
      out.push(d.bytes(value.v));
      return;
    case 'ext':
      throw new RangeError('JSON cannot encode a msgpack ext value');
    case 'array':
      writeItems(out, value.items, false, d, depth);
      return;
    case 'dict':
      writeItems(out, d.sortDictKeys ? entriesByKey(value.entries) : value.entries, true, d, depth);
      return;
    case 'struct':
      writeItems(out, d.sortStructFields ? entriesByKey(value.fields) : value.fields, true, d, depth);
      return;
  }
}

/** Indentation strings by width, built once: a 100k-task envelope writes millions of them. */
const indents: string[] = [];
function indentOf(width: number): string {
  return (indents[width] ??= '\n' + ' '.repeat(width));
}

type Items = readonly Value[] | readonly (readonly [string, Value])[] | StreamedArray;

/** Array items, dict entries (`dict`) or a streamed array, each read by index, so none is first copied. */
function writeItems(out: JsonSink, items: Items, dict: boolean, d: JsonDialect, depth: number): void {
  if (items.length === 0) {
    out.push(dict ? '{}' : '[]');
    return;
  }
  const streamed = Array.isArray(items) ? undefined : (items as StreamedArray);
  const inner = d.indent !== undefined ? indentOf(d.indent * (depth + 1)) : undefined;
  const separator = inner !== undefined ? ',' : d.itemSeparator;
  out.push(dict ? '{' : '[');
  for (let i = 0; i < items.length; i++) {
    if (i > 0) out.push(separator);
    if (inner !== undefined) out.push(inner);
    const item = streamed !== undefined ? streamed.item(i) : (items as readonly (Value | readonly [string, Value])[])[i];
    if (dict) {
      const entry = item as readonly [string, Value];
      out.quoted(entry[0]);
      out.push(d.keySeparator);
      writeJson(out, entry[1], d, depth + 1);
    } else writeJson(out, item as Value, d, depth + 1);
  }
  if (inner !== undefined) out.push(indentOf(d.indent! * depth));
  out.push(dict ? '}' : ']');
}
