/** SHA-256 helpers over the msgspec encodings. O(n) in the encoded size. */

import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { encodeMsgpack } from './msgpack';
import { encodeMsgspecJsonBytes } from './msgspecJson';
import type { Value } from './value';

export function sha256Hex(bytes: Uint8Array): string {
  return bytesToHex(sha256(bytes));
}

export function sha256Utf8(text: string): string {
  return sha256Hex(new TextEncoder().encode(text));
}

/** SHA-256 hex of msgspec's msgpack of `value`: the pipeline's `hash_msgpack`-style digests. */
export function msgpackSha256(value: Value): string {
  return sha256Hex(encodeMsgpack(value));
}

/** SHA-256 hex of msgspec's compact JSON of `value`: the pipeline's JSON digests. */
export function jsonSha256(value: Value): string {
  return sha256Hex(encodeMsgspecJsonBytes(value));
}
