/** SHA-256 helpers over the msgspec encodings. O(n) in the encoded size. */

import { encodeMsgpackTransient } from './msgpack';
import { encodeMsgspecJson } from './msgspecJson';
import { sha256Bytes, sha256Text, toHex } from './sha2';
import type { Value } from './value';

export function sha256Hex(bytes: Uint8Array): string {
  return toHex(sha256Bytes(bytes));
}

export function sha256Utf8(text: string): string {
  return toHex(sha256Text(text));
}

/** SHA-256 hex of msgspec's msgpack of `value`: the pipeline's `hash_msgpack`-style digests. */
export function msgpackSha256(value: Value): string {
  return sha256Hex(encodeMsgpackTransient(value));
}

/** SHA-256 hex of msgspec's compact JSON of `value`: the pipeline's JSON digests. */
export function jsonSha256(value: Value): string {
  return sha256Utf8(encodeMsgspecJson(value));
}
