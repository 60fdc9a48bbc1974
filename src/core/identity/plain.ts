/**
 * Typed reads of decoded artifact data (`Plain`) for the verifiers: each accessor returns undefined on a
 * wrong type instead of throwing, and msgpack decoding turns library errors into a message. O(1) per read.
 */

import { decode, ExtData } from '@msgpack/msgpack';
import { decodeBase64 } from '../text/base64';
import type { Plain } from './value';

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

export function int(x: Plain): number | undefined {
  if (typeof x === 'bigint') return Number.isSafeInteger(Number(x)) ? Number(x) : undefined;
  return typeof x === 'number' && Number.isInteger(x) ? x : undefined;
}

export function strList(x: Plain): string[] | undefined {
  if (!Array.isArray(x)) return undefined;
  const items = x as readonly Plain[];
  return items.every((i) => typeof i === 'string') ? (items as string[]) : undefined;
}

export function list(x: Plain): readonly Plain[] | undefined {
  return Array.isArray(x) ? (x as readonly Plain[]) : undefined;
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

/** Bytes from a Uint8Array or base64 text (how msgspec JSON writes bytes). */
export function bytesOf(x: Plain): Uint8Array | undefined {
  if (x instanceof Uint8Array) return x;
  return typeof x === 'string' ? decodeBase64(x) : undefined;
}

export type Decoded = { readonly value: Plain } | { readonly error: string };

/** Same bound as JSON artifacts (parseJson's DEFAULT_MAX_JSON_DEPTH): the encoders recurse. Also for embedded JSON columns. */
export const MAX_MSGPACK_DEPTH = 512;

/**
 * Decodes msgpack bytes; 64-bit integers stay exact (bigint), ext values stay `ExtData`. Values nested
 * deeper than MAX_MSGPACK_DEPTH are refused, so nothing downstream can overflow the stack.
 */
export function decodeMsgpack(bytes: Uint8Array): Decoded {
  let value: Plain;
  try {
    value = decode(bytes, { useBigInt64: true }) as Plain;
  } catch (e) {
    return { error: e instanceof Error ? e.message : String(e) };
  }
  return depthOf(value) > MAX_MSGPACK_DEPTH ? { error: `values nest deeper than ${MAX_MSGPACK_DEPTH} levels` } : { value };
}

/** Nesting depth of arrays and maps, iteratively (the decoder itself is iterative too). */
function depthOf(root: Plain): number {
  let max = 0;
  const stack: [Plain, number][] = [[root, 0]];
  while (stack.length > 0) {
    const [x, d] = stack.pop()!;
    if (d > max) max = d;
    if (max > MAX_MSGPACK_DEPTH) return max;
    if (Array.isArray(x)) for (const item of x as readonly Plain[]) stack.push([item, d + 1]);
    else if (isRecord(x)) for (const item of Object.values(x)) stack.push([item, d + 1]);
  }
  return max;
}

/** Parses an embedded JSON column (`*_json`) already known to be text. */
export function parseJsonColumn(text: string): Decoded {
  let value: Plain;
  try {
    value = JSON.parse(text) as Plain;
  } catch (e) {
    return { error: e instanceof Error ? e.message : String(e) };
  }
  return depthOf(value) > MAX_MSGPACK_DEPTH ? { error: `values nest deeper than ${MAX_MSGPACK_DEPTH} levels` } : { value };
}
