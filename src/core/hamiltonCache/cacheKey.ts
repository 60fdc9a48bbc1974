/**
 * Decodes a Hamilton cache key `<safe_node_name>-<code_version>-<base64(zlib(payload))>` into its node
 * name prefix, code version and dependency data versions (payload `dep1,dv1,dep2,dv2,…` or `<none>`).
 * Complexity: O(key length + inflated payload), the payload bounded by `maxPayloadBytes` so a hostile
 * key cannot inflate into gigabytes. Preconditions: none; every malformed key gives a reason, never a throw.
 */

import { inflateSync } from 'fflate';
import { decodeBase64 } from '../text/base64';

export interface DecodedCacheKey {
  /** The key's prefix: the node name with every character outside `[A-Za-z0-9_]` removed. */
  readonly safeNodeName: string;
  readonly codeVersion: string;
  /** Dependency name -> data version, in the key's (sorted) order; empty for `<none>`. */
  readonly dependencies: Readonly<Record<string, string>>;
}

export type DecodeResult = { readonly ok: true; readonly key: DecodedCacheKey } | { readonly ok: false; readonly reason: string };

/** Real payloads are a few hundred bytes; a megabyte leaves room for very wide nodes. */
export const MAX_KEY_PAYLOAD_BYTES = 1024 * 1024;
/** Real keys carry about a hundred compressed bytes. */
const MAX_COMPRESSED_BYTES = 64 * 1024;

/** Hamilton's sanitizer for the key prefix (`cache_key.py`): keeps only `[A-Za-z0-9_]`. */
export function safeNodeName(nodeName: string): string {
  return nodeName.replace(/[^A-Za-z0-9_]/g, '');
}

export function decodeCacheKey(cacheKey: string, maxPayloadBytes = MAX_KEY_PAYLOAD_BYTES): DecodeResult {
  // `decode_key` partitions on the first two '-': neither the sanitized name nor the hex code version
  // nor standard base64 can contain one.
  const first = cacheKey.indexOf('-');
  const second = first < 0 ? -1 : cacheKey.indexOf('-', first + 1);
  if (second < 0) return { ok: false, reason: 'expected <node>-<code_version>-<dependencies>, found fewer than two "-"' };
  const name = cacheKey.slice(0, first);
  const codeVersion = cacheKey.slice(first + 1, second);
  const compressed = decodeBase64(cacheKey.slice(second + 1), { requirePadding: true });
  if (compressed === undefined) return { ok: false, reason: 'the dependency part is not standard base64' };
  const inflated = inflateZlib(compressed, maxPayloadBytes);
  if (typeof inflated === 'string') return { ok: false, reason: inflated };
  let payload: string;
  try {
    payload = new TextDecoder('utf-8', { fatal: true }).decode(inflated);
  } catch {
    return { ok: false, reason: 'the inflated dependency list is not UTF-8' };
  }
  const dependencies = parsePayload(payload);
  if (dependencies === undefined) return { ok: false, reason: 'the dependency list has an odd number of comma-separated items' };
  return { ok: true, key: { safeNodeName: name, codeVersion, dependencies } };
}

function parsePayload(payload: string): Record<string, string> | undefined {
  const out: Record<string, string> = Object.create(null) as Record<string, string>;
  if (payload === '<none>') return out;
  const items = payload.split(',');
  if (items.length % 2 !== 0) return undefined;
  for (let i = 0; i < items.length; i += 2) out[items[i]] = items[i + 1];
  return out;
}

/** Inflates a zlib stream (RFC 1950: header, deflate body, Adler-32), or says why it cannot. */
export function inflateZlib(data: Uint8Array, maxBytes: number): Uint8Array | string {
  if (data.length < 6) return 'the zlib stream is too short';
  const cmf = data[0];
  const flg = data[1];
  if ((cmf & 0x0f) !== 8 || ((cmf << 8) | flg) % 31 !== 0) return 'not a zlib stream (bad header)';
  if (flg & 0x20) return 'the zlib stream asks for a preset dictionary';
  const body = data.subarray(2, data.length - 4);
  // Deflate expands at most ~1032x, so a bounded input bounds the work even for a bomb.
  if (body.length > MAX_COMPRESSED_BYTES) return `the compressed dependency list is ${body.length} bytes, over the ${MAX_COMPRESSED_BYTES}-byte limit`;
  // fflate fills a caller-given buffer without growing it (a given buffer is also far cheaper than
  // letting it allocate): a result that fills the buffer may be cut short, so retry with a larger one.
  let size = Math.min(maxBytes + 1, Math.max(1024, body.length * 8));
  let out: Uint8Array;
  for (;;) {
    try {
      out = inflateSync(body, { out: new Uint8Array(size) });
    } catch (e) {
      return `the deflate data is corrupt (${e instanceof Error ? e.message : String(e)})`;
    }
    if (out.length < size) break;
    if (size > maxBytes) return `the dependency list inflates to more than ${maxBytes} bytes`;
    size = Math.min(maxBytes + 1, size * 4);
  }
  const expected = ((data[data.length - 4] << 24) | (data[data.length - 3] << 16) | (data[data.length - 2] << 8) | data[data.length - 1]) >>> 0;
  if (adler32(out) !== expected) return 'the zlib checksum does not match (truncated or corrupt key)';
  return out;
}

function adler32(bytes: Uint8Array): number {
  let a = 1;
  let b = 0;
  // 5552 is the largest block for which the sums cannot overflow before the modulo (zlib's NMAX).
  for (let i = 0; i < bytes.length; ) {
    const end = Math.min(i + 5552, bytes.length);
    for (; i < end; i++) {
      a += bytes[i];
      b += a;
    }
    a %= 65521;
    b %= 65521;
  }
  return ((b << 16) | a) >>> 0;
}
