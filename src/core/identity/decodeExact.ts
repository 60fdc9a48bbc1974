/**
 * Decoding for the verifiers, keeping values exact (`Plain`): msgpack with 64-bit integers as bigint and
 * ext values as ExtData (the artifact readers' decode.ts normalizes to JSON instead, which a hash cannot
 * be recomputed from), embedded JSON columns, and bytes from base64 text. Library errors become a
 * message; nesting past MAX_MSGPACK_DEPTH is refused. O(n).
 */

import { decode } from '@msgpack/msgpack';
import { isRecord, type Plain } from '../json/decodedValue';
import { decodeBase64 } from '../text/base64';

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
