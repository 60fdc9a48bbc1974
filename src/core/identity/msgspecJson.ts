/**
 * Byte-exact msgspec JSON encoder (compact, `order="deterministic"`), artifact-formats.md §1.3.
 * O(n) in the output plus key sorting. Floats: shortest round-trip digits (ECMAScript's Number→String
 * picks the same shortest, closest digits as ryu) laid out with msgspec's rules: integral values keep
 * `.0`, plain decimal when the exponent is in [-5, 16), otherwise `<digits>e<exp>` without `+`;
 * NaN/±Infinity become `null`. Non-ASCII is written raw.
 */

import { encodeBase64 } from '../text/base64';
import { SHORT_ESCAPES, shortestFloatText, writeJson, type JsonDialect, type JsonSink } from './jsonText';
import type { Value } from './value';

/** msgspec's dialect: compact, dict keys sorted (struct fields keep their order), bytes as base64. */
const MSGSPEC: JsonDialect = {
  itemSeparator: ',',
  keySeparator: ':',
  sortDictKeys: true,
  sortStructFields: false,
  float: formatFloat,
  bytes: (b) => `"${encodeBase64(b)}"`,
};

export function encodeMsgspecJson(value: Value): string {
  const pieces: string[] = [];
  const out: JsonSink = { push: (piece) => void pieces.push(piece), quoted: (text) => void pieces.push(quoteString(text)) };
  writeJson(out, value, MSGSPEC);
  return pieces.join('');
}

export function encodeMsgspecJsonBytes(value: Value): Uint8Array {
  return new TextEncoder().encode(encodeMsgspecJson(value));
}

export function quoteString(text: string): string {
  // JSON.stringify escapes exactly these characters the same way (short forms, else lower-case \u00XX),
  // natively; it differs only on lone surrogates, which it escapes and msgspec's rules leave raw.
  const json = JSON.stringify(text);
  return json.includes('\\ud') ? slowQuote(text) : json;
}

function slowQuote(text: string): string {
  // eslint-disable-next-line no-control-regex
  return '"' + text.replace(/["\\\u0000-\u001f]/g, (c) => SHORT_ESCAPES[c] ?? '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0')) + '"';
}

export function formatFloat(x: number): string {
  return Number.isFinite(x) ? shortestFloatText(x, -5, String) : 'null';
}
