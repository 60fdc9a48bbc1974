/**
 * Typed reads of decoded data, the one set the readers share: a value as JSON.parse or the msgpack
 * decoder gives it (`Plain`: 64-bit integers may be bigint, bytes Uint8Array, msgpack ext values ExtData).
 * Each read returns undefined on a wrong type instead of throwing. The identity verifiers use them
 * directly; the artifact readers' FieldReader (artifacts/fields.ts) adds an issue at the value's JSON
 * pointer when one fails. O(1) per read, O(n) for the list and record reads.
 */

import { ExtData } from '@msgpack/msgpack';

export type Plain = null | undefined | boolean | number | bigint | string | Uint8Array | ExtData | readonly Plain[] | { readonly [key: string]: Plain };

export type PlainRecord = { readonly [key: string]: Plain };

export function isRecord(x: Plain): x is PlainRecord {
  return typeof x === 'object' && x !== null && !Array.isArray(x) && !(x instanceof Uint8Array) && !(x instanceof ExtData);
}

export function field(obj: Plain, key: string): Plain {
  return isRecord(obj) && Object.hasOwn(obj, key) ? obj[key] : undefined;
}

export function str(x: Plain): string | undefined {
  return typeof x === 'string' ? x : undefined;
}

export function num(x: Plain): number | undefined {
  return typeof x === 'number' ? x : undefined;
}

/** An integer: a number without a fraction, or a bigint within the safe range. */
export function int(x: Plain): number | undefined {
  if (typeof x === 'bigint') return Number.isSafeInteger(Number(x)) ? Number(x) : undefined;
  return typeof x === 'number' && Number.isInteger(x) ? x : undefined;
}

export function bool(x: Plain): boolean | undefined {
  return typeof x === 'boolean' ? x : undefined;
}

export function list(x: Plain): readonly Plain[] | undefined {
  return Array.isArray(x) ? (x as readonly Plain[]) : undefined;
}

export function strList(x: Plain): string[] | undefined {
  const items = list(x);
  return items !== undefined && items.every((i) => typeof i === 'string') ? (items as string[]) : undefined;
}

export function strRecord(x: Plain): Record<string, string> | undefined {
  if (!isRecord(x)) return undefined;
  const out: Record<string, string> = {};
  for (const [k, val] of Object.entries(x)) {
    if (typeof val !== 'string') return undefined;
    out[k] = val;
  }
  return out;
}
