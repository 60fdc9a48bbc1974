/**
 * Turns values decoded from Parquet and Arrow into plain JSON: bigint becomes a number when it is exact,
 * else a decimal string; bytes become base64; dates become ISO strings; Maps and Arrow rows become objects.
 * Linear in the size of the value. Cycles cannot occur (decoded data is a tree).
 */

import type { JsonValue } from '../json/parseJson';
import { encodeBase64 } from '../text/base64';

export function bigintToJson(v: bigint): number | string {
  return v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v.toString();
}

interface JsonConvertible {
  toJSON(): unknown;
}

function hasToJson(v: object): v is JsonConvertible {
  return typeof (v as Partial<JsonConvertible>).toJSON === 'function';
}

function isIterable(v: object): v is Iterable<unknown> {
  return typeof (v as Partial<Iterable<unknown>>)[Symbol.iterator] === 'function';
}

export function toJsonSafe(value: unknown): JsonValue {
  switch (typeof value) {
    case 'undefined':
      return null;
    case 'boolean':
    case 'string':
      return value;
    case 'number':
      // JSON has no NaN or infinities; keep them visible rather than turning them into null.
      return Number.isFinite(value) ? value : String(value);
    case 'bigint':
      return bigintToJson(value);
    case 'object':
      break;
    default:
      return String(value);
  }
  if (value === null) return null;
  if (value instanceof Uint8Array) return encodeBase64(value);
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  if (Array.isArray(value)) return value.map(toJsonSafe);
  if (ArrayBuffer.isView(value)) return Array.from(value as unknown as ArrayLike<number | bigint>, toJsonSafe);
  if (value instanceof Map) {
    const out: { [key: string]: JsonValue } = {};
    for (const [k, v] of value) out[String(k)] = toJsonSafe(v);
    return out;
  }
  // Arrow rows, structs and map rows all offer toJSON(); Arrow vectors are iterable.
  if (hasToJson(value)) {
    const plain = value.toJSON();
    if (plain !== value) return toJsonSafe(plain);
  }
  if (isIterable(value)) return Array.from(value, toJsonSafe);
  const out: { [key: string]: JsonValue } = {};
  for (const [k, v] of Object.entries(value)) out[k] = toJsonSafe(v);
  return out;
}
