/**
 * The value model the identity encoders work on. A plain JS value loses what msgspec's bytes depend on:
 * whether Python held a float or an int (`1.0` vs `1`), whether a mapping is a dict (keys sorted) or a
 * Struct (declaration order, header width from the declared field count), and bytes vs str. So hashes are
 * computed from `Value`s built explicitly with the `v` constructors, or from plain data through a `Schema`.
 */

import { ExtData } from '@msgpack/msgpack';
import { isRecord, type Plain } from '../json/decodedValue';
import { decodeBase64 } from '../text/base64';

export type Value =
  | { readonly t: 'nil' }
  | { readonly t: 'bool'; readonly v: boolean }
  | { readonly t: 'int'; readonly v: number | bigint }
  | { readonly t: 'float'; readonly v: number }
  | { readonly t: 'str'; readonly v: string }
  | { readonly t: 'bin'; readonly v: Uint8Array }
  | { readonly t: 'ext'; readonly type: number; readonly v: Uint8Array }
  | { readonly t: 'array'; readonly items: readonly Value[] }
  /** A Python dict: entries are sorted by UTF-8 key bytes when encoded. */
  | { readonly t: 'dict'; readonly entries: readonly (readonly [string, Value])[] }
  /**
   * A msgspec Struct: fields in declaration order, only those emitted (omit_defaults). `declared` is the
   * declared field count (+1 when tagged); it fixes the msgpack map header width.
   */
  | { readonly t: 'struct'; readonly fields: readonly (readonly [string, Value])[]; readonly declared: number };

const NIL: Value = { t: 'nil' };

/** Constructors; `v.pairs` builds the tuple-of-pairs payloads the pipeline hashes. */
export const v = {
  nil: NIL,
  bool: (b: boolean): Value => ({ t: 'bool', v: b }),
  int: (n: number | bigint): Value => {
    if (typeof n === 'number' && !Number.isSafeInteger(n)) throw new RangeError(`not a safe integer: ${n}`);
    return { t: 'int', v: n };
  },
  float: (x: number): Value => ({ t: 'float', v: x }),
  str: (s: string): Value => ({ t: 'str', v: s }),
  bin: (b: Uint8Array): Value => ({ t: 'bin', v: b }),
  ext: (type: number, b: Uint8Array): Value => ({ t: 'ext', type, v: b }),
  array: (items: readonly Value[]): Value => ({ t: 'array', items }),
  strs: (items: readonly string[]): Value => ({ t: 'array', items: items.map((s) => ({ t: 'str', v: s }) as Value) }),
  optStr: (s: string | null | undefined): Value => (s === null || s === undefined ? NIL : { t: 'str', v: s }),
  optInt: (n: number | null | undefined): Value => (n === null || n === undefined ? NIL : v.int(n)),
  dict: (entries: Readonly<Record<string, Value>> | readonly (readonly [string, Value])[]): Value => ({
    t: 'dict',
    entries: Array.isArray(entries) ? (entries as readonly (readonly [string, Value])[]) : Object.entries(entries),
  }),
  struct: (fields: readonly (readonly [string, Value])[], declared: number): Value => ({ t: 'struct', fields, declared }),
  /** A Python tuple of `(name, value)` pairs: an array of 2-element arrays. */
  pairs: (pairs: readonly (readonly [string, Value])[]): Value => ({
    t: 'array',
    items: pairs.map(([k, x]) => ({ t: 'array', items: [{ t: 'str', v: k }, x] }) as Value),
  }),
};

/** Compares strings by their UTF-8 bytes (memcmp, shorter prefix first), which is code-point order. */
export function compareUtf8(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  // Up to the first differing UTF-16 unit the code points agree; if neither unit there is a surrogate,
  // the units are the code points and decide. Only surrogates need the code point walk below.
  let i = 0;
  while (i < n && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  if (i === n) return a.length - b.length;
  const x = a.charCodeAt(i);
  const y = b.charCodeAt(i);
  if ((x < 0xd800 || x > 0xdfff) && (y < 0xd800 || y > 0xdfff)) return x < y ? -1 : 1;
  return compareCodePoints(a, b, n);
}

function compareCodePoints(a: string, b: string, n: number): number {
  for (let i = 0; i < n; ) {
    const ca = a.codePointAt(i) ?? 0;
    const cb = b.codePointAt(i) ?? 0;
    if (ca !== cb) return ca < cb ? -1 : 1;
    i += ca > 0xffff ? 2 : 1;
  }
  return a.length - b.length;
}

/**
 * Entries ordered by key (code points, stable), as dicts are encoded: the entries themselves when they
 * already are, which encoders meet for most dicts and which then costs no copy and no sort.
 */
export function entriesByKey<T>(entries: readonly (readonly [string, T])[]): readonly (readonly [string, T])[] {
  for (let i = 1; i < entries.length; i++) {
    if (compareUtf8(entries[i - 1][0], entries[i][0]) > 0) return [...entries].sort((a, b) => compareUtf8(a[0], b[0]));
  }
  return entries;
}

/** Sorted copy of strings in Python's `sorted()` order for str (code points). */
export function sortedStrings(items: readonly string[]): string[] {
  return [...items].sort(compareUtf8);
}

/**
 * How plain data (decoded JSON or msgpack) maps to `Value`s. `any` turns integral numbers into ints and
 * the rest into floats, objects into dicts; `float` forces float64 where Python held a float.
 */
export type Schema =
  | { readonly k: 'any' }
  | { readonly k: 'float' }
  /** Bytes: a Uint8Array, or base64 text as msgspec JSON writes bytes. */
  | { readonly k: 'bytes' }
  | { readonly k: 'list'; readonly of: Schema }
  | { readonly k: 'dict'; readonly of: Schema }
  | { readonly k: 'struct'; readonly fields: readonly (readonly [string, Schema])[]; readonly declared: number; readonly tag?: readonly [string, string] };

export const s = {
  any: { k: 'any' } as Schema,
  float: { k: 'float' } as Schema,
  bytes: { k: 'bytes' } as Schema,
  list: (of: Schema): Schema => ({ k: 'list', of }),
  dict: (of: Schema): Schema => ({ k: 'dict', of }),
  struct: (fields: readonly (readonly [string, Schema])[], declared: number, tag?: readonly [string, string]): Schema => ({ k: 'struct', fields, declared, tag }),
};

export class SchemaMismatch extends Error {
  constructor(
    readonly path: readonly (string | number)[],
    message: string,
  ) {
    super(message);
  }
}

/** Converts plain data to a `Value` under `schema`; throws `SchemaMismatch` with the path on a shape error. */
export function toValue(data: Plain, schema: Schema = s.any, path: (string | number)[] = []): Value {
  if (data === null || data === undefined) return NIL;
  if (schema.k === 'float') {
    if (typeof data !== 'number') throw new SchemaMismatch(path, `expected a number, found ${describe(data)}`);
    return v.float(data);
  }
  if (schema.k === 'bytes') {
    if (data instanceof Uint8Array) return v.bin(data);
    const bytes = typeof data === 'string' ? decodeBase64(data) : undefined;
    if (bytes === undefined) throw new SchemaMismatch(path, `expected bytes (base64 text), found ${describe(data)}`);
    return v.bin(bytes);
  }
  if (schema.k === 'struct') {
    if (!isRecord(data)) throw new SchemaMismatch(path, `expected an object, found ${describe(data)}`);
    const known = new Set(schema.fields.map(([name]) => name));
    if (schema.tag !== undefined) known.add(schema.tag[0]);
    const extra = Object.keys(data).filter((key) => !known.has(key));
    if (extra.length > 0) throw new SchemaMismatch(path, `unexpected field(s) ${extra.join(', ')}`);
    const fields: [string, Value][] = [];
    if (schema.tag !== undefined) fields.push([schema.tag[0], v.str(schema.tag[1])]);
    for (const [name, fieldSchema] of schema.fields) {
      if (Object.hasOwn(data, name)) fields.push([name, toValue(data[name], fieldSchema, [...path, name])]);
    }
    return v.struct(fields, schema.declared);
  }
  if (typeof data === 'boolean') return v.bool(data);
  if (typeof data === 'bigint') return v.int(data);
  if (typeof data === 'number') return Number.isInteger(data) && Number.isSafeInteger(data) ? v.int(data) : v.float(data);
  if (typeof data === 'string') return v.str(data);
  if (data instanceof Uint8Array) return v.bin(data);
  if (data instanceof ExtData) {
    if (data.data instanceof Uint8Array) return v.ext(data.type, data.data);
    throw new SchemaMismatch(path, 'unsupported lazy ext value');
  }
  if (Array.isArray(data)) {
    const of = schema.k === 'list' ? schema.of : s.any;
    return v.array((data as readonly Plain[]).map((item, i) => toValue(item, of, [...path, i])));
  }
  if (isRecord(data)) {
    const of = schema.k === 'dict' ? schema.of : s.any;
    return v.dict(Object.entries(data).map(([key, item]) => [key, toValue(item, of, [...path, key])] as const));
  }
  throw new SchemaMismatch(path, `unsupported value ${describe(data)}`);
}


function describe(data: Plain): string {
  if (Array.isArray(data)) return 'an array';
  if (data instanceof Uint8Array) return 'bytes';
  if (data instanceof ExtData) return `ext ${data.type}`;
  return data === null ? 'null' : typeof data;
}
