/**
 * Nested payloads inside table columns: `*_json` columns hold JSON text, `*_msgpack` columns msgpack
 * bytes (base64 text once a row is JSON). Decoded with the same limits as files; problems are reported
 * at the column's pointer.
 */

import { pointerToken } from '../issues';
import { parseJsonText, type JsonObject, type JsonValue } from '../json/parseJson';
import { decodeMsgpack, LENIENT_BASE64 } from './decode';
import { decodeBase64 } from '../text/base64';
import type { FieldReader } from './fields';

/** Decodes a `*_json` (text) or `*_msgpack` (base64 text) column; `undefined` when absent or null. */
export function decodeColumn(o: JsonObject, key: string, at: string, r: FieldReader): JsonValue | undefined {
  if (!Object.prototype.hasOwnProperty.call(o, key)) return undefined;
  return decodeColumnValue(o[key], key, at + '/' + pointerToken(key), r);
}

export function decodeColumnValue(v: JsonValue, key: string, p: string, r: FieldReader): JsonValue | undefined {
  if (v === null) return undefined;
  const isMsgpack = key.endsWith('_msgpack');
  if (typeof v !== 'string') {
    r.report('error', 'wrong-type', `expected ${isMsgpack ? 'base64 msgpack' : 'JSON'} text in column ${key}`, p);
    return undefined;
  }
  if (isMsgpack) {
    if (v === '') return undefined; // a comparison policy may drop a P1 artifact to empty bytes (§5.2)
    const bytes = decodeBase64(v, LENIENT_BASE64);
    if (bytes === undefined) {
      r.report('error', 'invalid-base64', `column ${key} is not base64`, p);
      return undefined;
    }
    const d = decodeMsgpack(bytes, r.file);
    for (const i of d.issues) r.report(i.severity, i.code, `column ${key}: ${i.message}`, p);
    return d.value;
  }
  const parsed = parseJsonText(v, r.file);
  for (const i of parsed.issues) r.report(i.severity, i.code, `column ${key}: ${i.message}`, p);
  return parsed.value;
}
